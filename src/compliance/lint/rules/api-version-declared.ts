import type { LintRule } from '../lint-rule.js';
import { isObj } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** A version segment: `/v1`, `/v2.1`, `/api/v3/`, `/2024-01-01` (date versions). */
const VERSION_SEGMENT = /\/(v\d+(\.\d+)*|\d{4}-\d{2}-\d{2})(?=\/|$)/i;

/** The API is versioned in its server URLs (base path) or its paths. */
export const apiVersionDeclared: LintRule = {
  id: 'api-version-declared',
  severity: 'info',
  owasp: 'API9:2023',
  cwe: null,
  title: 'The API version is part of its URLs',
  description:
    'Without a version in the base path or the paths, old and new behaviour share URLs: retiring an old version becomes impossible to enforce at the edge, and the inventory cannot tell versions apart.',
  fix: 'Put the major version in the server URL or base path (`https://api.example.com/v1`) or as the first path segment (`/v1/users`).',
  given: '$',
  check(root) {
    if (!isObj(root) || !isObj(root.paths)) return [];
    const bases: string[] = [];
    if (Array.isArray(root.servers)) for (const s of root.servers) if (isObj(s) && typeof s.url === 'string') bases.push(s.url);
    if (typeof root.basePath === 'string') bases.push(root.basePath);
    if (bases.some((b) => VERSION_SEGMENT.test(b.replace(/^[a-z]+:\/\/[^/]*/i, '')))) return [];
    const paths = Object.keys(root.paths);
    if (paths.length === 0 || paths.some((p) => VERSION_SEGMENT.test(p))) return [];
    return [{ message: 'No version segment (/v1, /v2.1, /2024-01-01) in the server URLs, base path or paths.', path: root.swagger === '2.0' ? ['paths'] : Array.isArray(root.servers) ? ['servers'] : ['paths'] }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/users': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'https://api.example.org' }] }), at: ['$.servers'] }],
    pass: [
      vectorSpec({ '/users': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'https://api.example.org/v2' }] }),
      vectorSpec({ '/api/v1/users': { get: { responses: { 200: ok } } } }),
    ],
  },
};
