import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, requestInputSchemas, schemaTypes, walkSchema } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Formats whose values have a bounded length and shape. */
const BOUNDED_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'email', 'hostname', 'int32', 'int64', 'duration', 'country-code', 'currency']);

/** True when a string schema bounds its values (maxLength, enum, const, pattern, or a bounded format). */
export function isBoundedString(s: Record<string, unknown>): boolean {
  return (
    typeof s.maxLength === 'number' ||
    Array.isArray(s.enum) ||
    s.const !== undefined ||
    typeof s.pattern === 'string' ||
    (typeof s.format === 'string' && BOUNDED_FORMATS.has(s.format))
  );
}

/** Strings a client sends are bounded: `maxLength`, `pattern`, `enum`/`const` or a bounded `format`. */
export const requestStringUnbounded: LintRule = {
  id: 'request-string-unbounded',
  severity: 'warn',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Request strings are bounded',
  description:
    'An unbounded string in a parameter or request body lets a client send megabytes in one field: memory and CPU exhaustion, oversized database writes, and a larger surface for injection payloads. Bounds also let the gateway reject bad input early.',
  fix: 'Add `maxLength` (and a `pattern`, `enum` or `format` such as `uuid`/`date-time` where the value has a shape).',
  given: OPERATIONS,
  overlaps: ['owasp:api4:2023-string-limit', 'owasp:api4:2023-string-restricted'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const hits: RuleHit[] = [];
    for (const input of requestInputSchemas(op)) {
      walkSchema(input.schema, input.at, (v) => {
        const name = v.property ?? (v.schema === input.schema ? input.name : undefined);
        if (schemaTypes(v.schema).includes('string') && !isBoundedString(v.schema)) {
          hits.push({ message: `String${name ? ` "${name}"` : ''} in the request of ${op.method.toUpperCase()} ${op.pathKey} has no maxLength, pattern, enum or bounded format.`, path: v.at });
        }
      }, { skipReadOnly: true });
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({
          '/a': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } }, responses: { 200: ok } } },
        }),
        at: ["$.paths['/a'].post.requestBody.content['application/json'].schema.properties.name"],
      },
    ],
    pass: [
      vectorSpec({
        '/a': {
          post: {
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 64 } }],
            requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, kind: { type: 'string', enum: ['a', 'b'] }, rev: { type: 'string', readOnly: true } } } } } },
            responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
          },
        },
      }),
    ],
  },
};
