import type { LintRule, RuleHit } from '../lint-rule.js';
import { operationsOf, parameterSchema, parametersOf, schemaTypes } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** `id`, `userId`, `user_id`, `order-id`: names of object identifiers. */
const ID_NAME = /^(id|.*[a-z0-9](_id|-id|Id|ID))$/;

/** Object ids in paths are not guessable integers (a BOLA enumeration aid). */
export const guessableObjectId: LintRule = {
  id: 'guessable-object-id',
  severity: 'warn',
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  title: 'Object ids in URLs are not sequential integers',
  description:
    'An object id typed integer in the URL (`/orders/{id}`, `?report_id=`) makes every other object one increment away: if any object-level authorisation check is missing, an attacker enumerates all of them (BOLA, API1:2023).',
  fix: 'Use random, non-sequential identifiers (UUIDs: `type: string, format: uuid`) in paths — and check object-level authorisation on every access regardless.',
  given: '$',
  overlaps: ['owasp:api1:2023-no-numeric-ids'],
  check(root) {
    const hits: RuleHit[] = [];
    const seen = new Set<unknown>();
    for (const op of operationsOf(root)) {
      for (const p of parametersOf(op)) {
        const where = p.param.in;
        if (seen.has(p.param) || !(where === 'path' || (where === 'query' && typeof p.param.name === 'string' && ID_NAME.test(p.param.name)))) continue;
        seen.add(p.param);
        const s = parameterSchema(p);
        if (!s) continue;
        const types = schemaTypes(s.schema);
        if ((types.includes('integer') || types.includes('number')) && !Array.isArray(s.schema.enum))
          hits.push({ message: `${where === 'path' ? 'Path' : 'Query'} parameter "${String(p.param.name)}" of ${op.pathKey} is a guessable ${types.includes('integer') ? 'integer' : 'number'} id.`, path: p.at });
      }
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/users/{userId}': { get: { parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } }], responses: { 200: ok } } } }),
        at: ["$.paths['/users/{userId}'].get.parameters[0]"],
      },
      {
        document: { swagger: '2.0', info: { title: 'v', version: '1' }, paths: { '/pets/{id}': { parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }], get: { responses: { 200: ok } } } } },
        at: ["$.paths['/pets/{id}'].parameters[0]"],
      },
      {
        document: vectorSpec({ '/reports': { get: { parameters: [{ name: 'report_id', in: 'query', schema: { type: 'integer' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: { 200: ok } } } }),
        at: ["$.paths['/reports'].get.parameters[0]"],
      },
    ],
    pass: [
      vectorSpec({
        '/users/{userId}': { get: { parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { name: 'page', in: 'query', schema: { type: 'integer' } }], responses: { 200: ok } } },
      }),
    ],
  },
};
