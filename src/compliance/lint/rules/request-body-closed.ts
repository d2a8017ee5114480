import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { isObj, operationAt, requestBodySchemas, schemaTypes, walkSchema, WRITE_METHODS } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** True when an object schema refuses undeclared properties (or bounds them as a map with maxProperties). */
export function isClosedObject(s: Record<string, unknown>): boolean {
  if (s.additionalProperties === false || s.unevaluatedProperties === false) return true;
  return isObj(s.additionalProperties) && typeof s.maxProperties === 'number';
}

/** Objects in POST/PUT/PATCH bodies say `additionalProperties: false`, so unexpected fields are refused. */
export const requestBodyClosed: LintRule = {
  id: 'request-body-closed',
  severity: 'warn',
  owasp: 'API3:2023',
  cwe: 'CWE-915',
  title: 'Writable request bodies refuse unknown properties',
  description:
    'An object body that accepts undeclared properties is how mass assignment happens: a client adds `role: admin`, `isVerified: true` or `price: 0` and a framework binds it to the model.',
  fix: 'Set `additionalProperties: false` on request body objects (3.1: `unevaluatedProperties: false` on composed schemas) and mark server-set fields `readOnly: true`.',
  given: OPERATIONS,
  overlaps: ['owasp:api3:2023-no-additionalProperties', 'owasp:api3:2023-constrained-additionalProperties', 'owasp:api3:2023-no-unevaluatedProperties', 'owasp:api3:2023-constrained-unevaluatedProperties'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op || !WRITE_METHODS.has(op.method)) return [];
    const hits: RuleHit[] = [];
    for (const body of requestBodySchemas(op)) {
      if (!/json|form|xml|\*/.test(body.media)) continue;
      walkSchema(body.schema, body.at, (v) => {
        if (v.inAllOf) return;
        const isObject = schemaTypes(v.schema).includes('object') || isObj(v.schema.properties);
        if (isObject && !isClosedObject(v.schema))
          hits.push({ message: `Object${v.property ? ` "${v.property}"` : ''} in the ${op.method.toUpperCase()} ${op.pathKey} body accepts undeclared properties (no additionalProperties: false).`, path: v.at });
      }, { skipReadOnly: true });
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/users': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 9 } } } } } }, responses: { 201: ok } } } }),
        at: ["$.paths['/users'].post.requestBody.content['application/json'].schema"],
      },
    ],
    pass: [
      vectorSpec({
        '/users': {
          post: { requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 9 } } } } } }, responses: { 201: ok } },
          get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } },
        },
      }),
    ],
  },
};
