import type { LintRule, RuleHit } from '../lint-rule.js';
import { effectiveSecurity, isObj, operationsOf, securitySchemesOf } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** The document declares security schemes, and every security requirement names a declared scheme. */
export const securitySchemesDefined: LintRule = {
  id: 'security-schemes-defined',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  title: 'Security schemes are declared and every requirement names one',
  description:
    'An API with operations but no security scheme documents no authentication at all, and a requirement naming an undeclared scheme is silently ignored by tools and gateways: both usually mean endpoints reachable without credentials.',
  fix: 'Declare the schemes under `components.securitySchemes` (2.0: `securityDefinitions`) and reference them by their exact name in `security`.',
  given: '$',
  check(root) {
    const hits: RuleHit[] = [];
    const ops = operationsOf(root);
    if (ops.length === 0 || !isObj(root)) return hits;
    const schemes = securitySchemesOf(root);
    // an API whose every operation is explicitly public (`security: []`) needs no scheme
    if (schemes.size === 0 && !ops.every((op) => effectiveSecurity(root, op).explicitPublic)) {
      const at = root.swagger === '2.0' ? [] : isObj(root.components) ? ['components'] : [];
      hits.push({ message: `No security scheme is declared for ${ops.length} operation${ops.length === 1 ? '' : 's'}.`, path: at });
    }
    const checked = new Set<string>();
    const checkRequirements = (reqs: readonly unknown[] | undefined, at: readonly (string | number)[] | undefined) => {
      if (!reqs || !at) return;
      const key = at.join('\u0000');
      if (checked.has(key)) return;
      checked.add(key);
      reqs.forEach((req, i) => {
        if (!isObj(req)) return;
        for (const name of Object.keys(req)) {
          if (!schemes.has(name)) hits.push({ message: `Security requirement names undeclared scheme "${name}".`, path: [...at, i, name] });
        }
      });
    };
    if (Array.isArray(root.security)) checkRequirements(root.security, ['security']);
    for (const op of ops) {
      const sec = effectiveSecurity(root, op);
      if (Array.isArray(op.op.security)) checkRequirements(op.op.security, sec.at);
    }
    return hits;
  },
  vectors: {
    fire: [
      { document: vectorSpec({ '/a': { get: { responses: { 200: ok } } } }), at: ['$'] },
      {
        document: vectorSpec(
          { '/a': { get: { security: [{ oauth: [] }], responses: { 200: ok } } } },
          { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } },
        ),
        at: ["$.paths['/a'].get.security[0].oauth"],
      },
    ],
    pass: [
      vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { security: [] }),
      vectorSpec({ '/a': { get: { security: [], responses: { 200: ok } } } }),
      vectorSpec(
        { '/a': { get: { responses: { 200: ok } } } },
        { security: [{ key: [] }], components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } },
      ),
    ],
  },
};
