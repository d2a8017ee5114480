import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, parameterSchema, parametersOf, requestBodySchemas, walkSchema } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const URL_NAME_EXACT = new Set(['target', 'dest', 'destination', 'host', 'hostname', 'domain', 'proxy', 'feed', 'returnto', 'goto', 'continue', 'forward', 'location', 'site']);
const URL_NAME_SUFFIX = /(url|uri|href|webhook|callback|redirect|redirectto|endpoint|api)$/;
const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference', 'uri-template']);

/** True when an input's name or format says it carries a URL the server may fetch or redirect to. */
export function isUrlInput(name: string | undefined, format: unknown): boolean {
  if (typeof format === 'string' && URL_FORMATS.has(format)) return true;
  if (!name) return false;
  const n = name.toLowerCase().replace(/[-_.\s]/g, '');
  return URL_NAME_EXACT.has(n) || URL_NAME_SUFFIX.test(n);
}

/** Inputs that carry URLs are flagged for SSRF / open-redirect review (allow-list what the server fetches). */
export const ssrfUrlInput: LintRule = {
  id: 'ssrf-url-input',
  severity: 'warn',
  owasp: 'API7:2023',
  cwe: 'CWE-918',
  title: 'URL inputs are reviewed for SSRF and open redirects',
  description:
    'A parameter or body field that carries a URL (`callback_url`, `webhook`, `redirect`, `format: uri`) is where server-side request forgery and open redirects start: the server fetches or redirects to whatever the client names, including internal hosts and cloud metadata endpoints.',
  fix: 'Constrain the value in the spec (`pattern` or `enum` of allowed hosts) and in the server (allow-list of schemes and hosts, no redirects to other origins, no internal addresses).',
  given: OPERATIONS,
  overlaps: ['owasp:api7:2023-concerning-url-parameter'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const hits: RuleHit[] = [];
    const label = `${op.method.toUpperCase()} ${op.pathKey}`;
    for (const p of parametersOf(op)) {
      if (p.param.in === 'body' || p.param.in === 'header' || p.param.in === 'cookie') continue;
      const s = parameterSchema(p);
      const name = typeof p.param.name === 'string' ? p.param.name : undefined;
      if (s && (Array.isArray(s.schema.enum) || s.schema.const !== undefined)) continue;
      if (isUrlInput(name, s?.schema.format)) hits.push({ message: `Parameter "${name}" of ${label} carries a URL: check it for SSRF and open redirects.`, path: p.at });
    }
    for (const body of requestBodySchemas(op)) {
      walkSchema(body.schema, body.at, (v) => {
        if (!v.property || Array.isArray(v.schema.enum) || v.schema.const !== undefined) return;
        if (v.schema.type !== undefined && v.schema.type !== 'string') return;
        if (isUrlInput(v.property, v.schema.format)) hits.push({ message: `Body field "${v.property}" of ${label} carries a URL: check it for SSRF and open redirects.`, path: v.at });
      }, { skipReadOnly: true });
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({
          '/hooks': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { callback_url: { type: 'string' }, mechanic_api: { type: 'string' } } } } } }, responses: { 201: ok } } },
          '/logout/{redirect}': { get: { parameters: [{ name: 'redirect', in: 'path', required: true, schema: { type: 'string' } }], responses: { 302: ok } } },
        }),
        at: [
          "$.paths['/hooks'].post.requestBody.content['application/json'].schema.properties.callback_url",
          "$.paths['/hooks'].post.requestBody.content['application/json'].schema.properties.mechanic_api",
          "$.paths['/logout/{redirect}'].get.parameters[0]",
        ],
      },
    ],
    pass: [
      vectorSpec({
        '/hooks': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, region: { type: 'string', enum: ['eu', 'us'] } } } } } }, responses: { 201: ok } } },
        '/go': { get: { parameters: [{ name: 'target', in: 'query', schema: { type: 'string', enum: ['home', 'settings'] } }], responses: { 302: ok } } },
      }),
    ],
  },
};
