import type { LintRule, RuleHit } from '../lint-rule.js';
import { isObj } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Loopback servers are a development concern (see `server-not-production`), not a cleartext-transport risk. */
const LOOPBACK = /^https?:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?=[:/]|$)/i;

/** Servers use TLS: no `http://` server URLs (3.x) and no `http` scheme (2.0). */
export const serverPlainHttp: LintRule = {
  id: 'server-plain-http',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-319',
  title: 'Servers use https',
  description: 'Plain-http servers send credentials, tokens and personal data in cleartext, readable and changeable by anyone on the path.',
  fix: 'Use `https://` server URLs (2.0: `schemes: [https]`) and redirect or refuse plain http at the edge.',
  given: '$',
  overlaps: ['owasp:api8:2023-no-server-http', 'owasp:api8:2023-no-scheme-http'],
  check(root) {
    const hits: RuleHit[] = [];
    if (!isObj(root)) return hits;
    if (Array.isArray(root.servers)) {
      root.servers.forEach((s, i) => {
        if (isObj(s) && typeof s.url === 'string' && /^http:\/\//i.test(s.url) && !LOOPBACK.test(s.url)) hits.push({ message: `Server ${s.url} uses plain http.`, path: ['servers', i, 'url'] });
      });
    }
    if (root.swagger === '2.0' && Array.isArray(root.schemes)) {
      root.schemes.forEach((s, i) => {
        if (typeof s === 'string' && s.toLowerCase() === 'http' && !(typeof root.host === 'string' && LOOPBACK.test(`http://${root.host}`)))
          hits.push({ message: 'Scheme http is allowed.', path: ['schemes', i] });
      });
    }
    return hits;
  },
  vectors: {
    fire: [
      { document: vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'http://api.example.org/v1' }] }), at: ['$.servers[0].url'] },
      { document: { swagger: '2.0', info: { title: 'v', version: '1' }, host: 'api.shop.io', schemes: ['https', 'http'], paths: {} }, at: ['$.schemes[1]'] },
    ],
    pass: [
      vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'https://api.example.org/v1' }] }),
      vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'http://localhost:8080' }] }),
    ],
  },
};
