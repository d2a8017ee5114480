import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, requestInputSchemas, schemaTypes, walkSchema } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const hasMin = (s: Record<string, unknown>) => typeof s.minimum === 'number' || typeof s.exclusiveMinimum === 'number' || (s.exclusiveMinimum === true && typeof s.minimum === 'number');
const hasMax = (s: Record<string, unknown>) => typeof s.maximum === 'number' || typeof s.exclusiveMaximum === 'number';

/** Numbers a client sends declare `minimum` and `maximum` (or an `enum`). */
export const requestNumberUnbounded: LintRule = {
  id: 'request-number-unbounded',
  severity: 'warn',
  owasp: 'API4:2023',
  cwe: 'CWE-1284',
  title: 'Request numbers are bounded',
  description:
    'Numbers without a range invite negative quantities and prices, huge page sizes (`limit=1000000`) and loop counts: business-logic abuse and resource exhaustion.',
  fix: 'Add `minimum` and `maximum` (or `enum`) to every integer and number a client sends, e.g. `limit: {type: integer, minimum: 1, maximum: 100}`.',
  given: OPERATIONS,
  overlaps: ['owasp:api4:2023-integer-limit', 'owasp:api4:2023-integer-limit-legacy'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const hits: RuleHit[] = [];
    for (const input of requestInputSchemas(op)) {
      walkSchema(input.schema, input.at, (v) => {
        const name = v.property ?? (v.schema === input.schema ? input.name : undefined);
        const types = schemaTypes(v.schema);
        if (!types.includes('integer') && !types.includes('number')) return;
        if (Array.isArray(v.schema.enum) || v.schema.const !== undefined) return;
        const missing = [hasMin(v.schema) ? '' : 'minimum', hasMax(v.schema) ? '' : 'maximum'].filter(Boolean);
        if (missing.length) hits.push({ message: `Number${name ? ` "${name}"` : ''} in the request of ${op.method.toUpperCase()} ${op.pathKey} has no ${missing.join(' or ')}.`, path: v.at });
      }, { skipReadOnly: true });
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/a': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } }], responses: { 200: ok } } } }),
        at: ["$.paths['/a'].get.parameters[0].schema"],
      },
    ],
    pass: [
      vectorSpec({
        '/a': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }, { name: 'v', in: 'query', schema: { type: 'integer', enum: [1, 2] } }], responses: { 200: ok } } },
      }),
    ],
  },
};
