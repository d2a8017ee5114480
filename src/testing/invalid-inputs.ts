/**
 * Schema fuzzing: requests that break an operation's documented contract in one clear way each — malformed
 * JSON, a required field missing, a value of the wrong type, an out-of-range number, an over-long string.
 * A server must answer every one of them with 4xx. Bounded: at most `MAX_MUTATIONS` per operation.
 */
import type { JsonSchema } from '../core/index.js';
import { pickMediaType } from './build-request.js';
import { formatFieldPath, withBody, withBodyField, withPathParam, withQueryParam, withoutBodyField, withoutQueryParam } from './mutate-request.js';
import type { PlannedOperation } from './plan.js';
import { schemaObject, schemaType } from './sample-value.js';
import type { TestRequest } from './test-request.js';

export interface InvalidInput {
  /** What is wrong, for people: `quantity: a string where an integer is required`. */
  readonly what: string;
  readonly request: TestRequest;
}

const MAX_MUTATIONS = 10;

/** A value of a clearly different JSON type than `schema` allows (never one a lenient parser would coerce). */
export function wrongTypeValue(schema: JsonSchema | undefined): { value: unknown; what: string } | undefined {
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return { value: 'rampart', what: 'a string where a number is required' };
    case 'string':
      return schemaObject(schema).enum ? { value: 'rampart-not-in-enum', what: 'a value outside the enum' } : { value: { rampart: true }, what: 'an object where a string is required' };
    case 'boolean':
      return { value: 'rampart', what: 'a string where a boolean is required' };
    case 'array':
      return { value: 'rampart', what: 'a string where an array is required' };
    case 'object':
      return { value: 'rampart', what: 'a string where an object is required' };
    default:
      return undefined;
  }
}

export function invalidInputs(p: PlannedOperation, base: TestRequest): InvalidInput[] {
  const out: InvalidInput[] = [];
  const media = pickMediaType(p.op.requestBody?.content);
  if (media && media[0].includes('json') && base.body?.kind === 'json') {
    out.push({ what: 'a malformed JSON body', request: withBody(base, { kind: 'raw', contentType: 'application/json', text: '{"rampart": ' }) });
    const s = schemaObject(media[1].schema);
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    if (schemaType(s) === 'object') out.push({ what: 'a JSON array where an object is required', request: withBody(base, { kind: 'json', value: [] }) });
    for (const name of required.slice(0, 3)) {
      out.push({ what: `required field ${name} missing`, request: withoutBodyField(base, [name]) });
      const wrong = wrongTypeValue(props[name]);
      if (wrong) out.push({ what: `${formatFieldPath([name])}: ${wrong.what}`, request: withBodyField(base, [name], wrong.value) });
    }
    for (const [name, sub] of Object.entries(props)) {
      const so = schemaObject(sub);
      if (typeof so.maximum === 'number' && (schemaType(so) === 'integer' || schemaType(so) === 'number')) {
        out.push({ what: `${name}: ${so.maximum + 1000} above the maximum ${so.maximum}`, request: withBodyField(base, [name], so.maximum + 1000) });
        break;
      }
    }
  }
  for (const param of p.op.parameters) {
    if (param.in !== 'path' && param.in !== 'query') continue;
    const t = schemaType(param.schema);
    if (t === 'integer' || t === 'number') {
      const v = 'rampart';
      out.push({ what: `${param.in} parameter ${param.name}: not a number`, request: param.in === 'path' ? withPathParam(base, param.name, v) : withQueryParam(base, param.name, v) });
    }
    if (param.in === 'query' && param.required) out.push({ what: `required query parameter ${param.name} missing`, request: withoutQueryParam(base, param.name) });
  }
  return out.slice(0, MAX_MUTATIONS);
}
