import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, requestInputSchemas, schemaTypes, walkSchema } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Arrays a client sends declare `maxItems`. */
export const requestArrayUnbounded: LintRule = {
  id: 'request-array-unbounded',
  severity: 'warn',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Request arrays are bounded',
  description: 'An array without `maxItems` lets one request carry any number of items: batch abuse, resource exhaustion and amplification of every per-item cost.',
  fix: 'Add `maxItems` to every array in parameters and request bodies (and bound its `items`).',
  given: OPERATIONS,
  overlaps: ['owasp:api4:2023-array-limit'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const hits: RuleHit[] = [];
    for (const input of requestInputSchemas(op)) {
      walkSchema(input.schema, input.at, (v) => {
        const name = v.property ?? (v.schema === input.schema ? input.name : undefined);
        if (schemaTypes(v.schema).includes('array') && typeof v.schema.maxItems !== 'number')
          hits.push({ message: `Array${name ? ` "${name}"` : ''} in the request of ${op.method.toUpperCase()} ${op.pathKey} has no maxItems.`, path: v.at });
      }, { skipReadOnly: true });
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/a': { get: { parameters: [{ name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 9 } } }], responses: { 200: ok } } } }),
        at: ["$.paths['/a'].get.parameters[0].schema"],
      },
    ],
    pass: [vectorSpec({ '/a': { get: { parameters: [{ name: 'ids', in: 'query', schema: { type: 'array', maxItems: 50, items: { type: 'string', format: 'uuid' } } }], responses: { 200: ok } } } })],
  },
};
