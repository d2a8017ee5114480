import type { LintRule, RuleHit } from '../lint-rule.js';
import { operationsOf, parametersOf, securitySchemesOf } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const EXACT = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'key', 'apikey', 'apitoken', 'jwt', 'otp', 'session', 'sessionid', 'authorization', 'auth']);
const SUFFIX = /(password|passwd|secret|apikey|accesstoken|authtoken|refreshtoken|idtoken|bearertoken|sessionid|privatekey)$/;

/** True when a parameter name says it carries a credential (`password`, `api_key`, `access_token`, …). */
export function isCredentialName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_.\s]/g, '');
  return EXACT.has(n) || SUFFIX.test(n);
}

/** Credentials never travel in URLs: no API keys in query, no password/token/secret query or path parameters. */
export const credentialsInQuery: LintRule = {
  id: 'credentials-in-query',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-598',
  title: 'No credentials in URLs',
  description:
    'URLs are written to access logs, proxy logs, browser history and Referer headers: an API key, password or token in a query or path parameter leaks to everyone who can read those.',
  fix: 'Move the credential to a header (`Authorization`, or an apiKey scheme `in: header`) or to the request body of a POST.',
  given: '$',
  overlaps: ['owasp:api2:2023-no-api-keys-in-url', 'owasp:api2:2023-no-credentials-in-url'],
  check(root) {
    const hits: RuleHit[] = [];
    for (const [name, { scheme, at }] of securitySchemesOf(root)) {
      if (scheme.type === 'apiKey' && scheme.in === 'query') hits.push({ message: `API key scheme "${name}" sends the key in the query string (${String(scheme.name)}).`, path: [...at, 'in'] });
    }
    const seen = new Set<unknown>();
    for (const op of operationsOf(root)) {
      for (const p of parametersOf(op)) {
        if (seen.has(p.param)) continue;
        seen.add(p.param);
        const { name } = p.param;
        if ((p.param.in === 'query' || p.param.in === 'path') && typeof name === 'string' && isCredentialName(name))
          hits.push({ message: `${p.param.in === 'query' ? 'Query' : 'Path'} parameter "${name}" carries a credential in the URL.`, path: p.at });
      }
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/login': { get: { parameters: [{ name: 'password', in: 'query', schema: { type: 'string' } }], responses: { 200: ok } } } }),
        at: ["$.paths['/login'].get.parameters[0]"],
      },
      {
        document: vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { components: { securitySchemes: { k: { type: 'apiKey', in: 'query', name: 'api_key' } } } }),
        at: ['$.components.securitySchemes.k.in'],
      },
    ],
    pass: [
      vectorSpec(
        { '/a': { get: { parameters: [{ name: 'pageToken', in: 'query', schema: { type: 'string' } }, { name: 'X-Api-Key', in: 'header', schema: { type: 'string' } }], responses: { 200: ok } } } },
        { components: { securitySchemes: { k: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } } },
      ),
    ],
  },
};
