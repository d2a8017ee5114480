/**
 * One exchange -> one `Observation`: the spec operation it calls (router), request and response validation
 * against it (the spec module's validators), response fields outside the schema, sensitive values (masked),
 * JWT claims, and whether the request carried a credential. Pure: the spec is given, nothing is read or logged.
 */
import { headerValue, parseCookies, parseQuery, splitTarget, type ApiDescription, type ApiOperation, type Exchange, type JsonSchema } from '../../core/index.js';
import { detectAuth, isJwtShaped, redactTarget, templatePath } from '../../inventory/index.js';
import { createOperationRouter, createRequestValidator, createResponseValidator, findResponse, parsePointer, type ValidationIssue } from '../../spec/index.js';
import type { Observation, SensitiveHit } from './comply-rule.js';
import { extraResponseFields } from '../../spec/index.js';
import { parseJsonBody, scanJson, scanValue, sensitiveClaims } from './scan-sensitive.js';

export type ExchangeObserver = (exchange: Exchange) => Observation;

function mediaOf(headers: Exchange['request']['headers']): string {
  const ct = headerValue(headers, 'content-type') ?? '';
  const semi = ct.indexOf(';');
  return (semi === -1 ? ct : ct.slice(0, semi)).trim().toLowerCase();
}

function responseSchema(operation: ApiOperation, status: number, media: string): JsonSchema | undefined {
  const documented = findResponse(operation, status)?.response;
  if (!documented) return undefined;
  const content = documented.content;
  const entry = content[media] ?? content['application/json'] ?? Object.entries(content).find(([k]) => k.includes('json') || k === '*/*')?.[1];
  return entry?.schema;
}

/** Creates the observer of one spec (routers and validators are compiled once, lazily per operation). */
export function createExchangeObserver(description: ApiDescription): ExchangeObserver {
  const router = createOperationRouter(description);
  const validateRequest = createRequestValidator(description, { maxIssues: 20 });
  const validateResponse = createResponseValidator(description, { maxIssues: 20 });

  const basePathOf = (op: ApiOperation): string => (op.servers ?? description.servers)[0]?.basePath ?? '';

  return (ex) => {
    const req = ex.request;
    const { path, query } = splitTarget(req.target);
    const queryPairs = parseQuery(query, 1_000);
    const cookies = parseCookies(headerValue(req.headers, 'cookie'));
    const match = router.match(req.method, path, req.host || undefined, query);
    const operation = match?.operation;
    const sensitive: SensitiveHit[] = [];

    // request: URL parts and body
    const templated = templatePath(path);
    for (const p of templated.params) scanValue(p.value, 'request', 'path', p.name, p.name, sensitive);
    for (const [name, value] of queryPairs) scanValue(value, 'request', 'query', name, name, sensitive);
    const reqMedia = mediaOf(req.headers);
    const reqJson = parseJsonBody(req.body?.encoding ? undefined : req.body?.text, reqMedia, req.body?.truncated ?? false);
    if (reqJson !== undefined) scanJson(reqJson, 'request', sensitive);

    let requestIssues: ValidationIssue[] = [];
    let responseIssues: ValidationIssue[] = [];
    let extra: string[] = [];
    const tokenClaims: string[] = [];
    const res = ex.response;
    if (operation && match) {
      requestIssues = validateRequest(operation, {
        pathParams: match.pathParams,
        query: queryPairs,
        headers: req.headers,
        cookies,
        ...(req.body && req.body.text !== '' ? { body: { mediaType: reqMedia, text: req.body.text, truncated: req.body.truncated, ...(req.body.encoding ? { encoding: req.body.encoding } : {}) } } : {}),
      });
    }
    if (res) {
      const resMedia = mediaOf(res.headers);
      const body = res.body && res.body.text !== '' ? res.body : undefined;
      if (operation) {
        responseIssues = validateResponse(operation, res.status, res.headers, body ? { text: body.text, mediaType: resMedia, truncated: body.truncated, ...(body.encoding ? { encoding: body.encoding } : {}) } : undefined);
      }
      const resJson = body && !body.encoding ? parseJsonBody(body.text, resMedia, body.truncated) : undefined;
      if (resJson !== undefined) {
        const found: SensitiveHit[] = [];
        scanJson(resJson, 'response', found);
        for (const s of found) {
          const value = s.type === 'jwt' || s.type === 'generic-secret' ? valueAt(resJson, s.name) : undefined;
          // a token named like a secret is still a JWT: judged by its claims, not as a leaked secret
          if (typeof value === 'string' && isJwtShaped(value)) {
            for (const c of sensitiveClaims(value)) if (!tokenClaims.includes(c)) tokenClaims.push(c);
            sensitive.push({ ...s, type: 'jwt' });
          } else sensitive.push(s);
        }
        if (operation && res.status < 400) {
          const schema = responseSchema(operation, res.status, resMedia);
          if (schema !== undefined) extra = extraResponseFields(resJson, schema, description.schemas);
        }
      } else if (body && !body.encoding && res.status < 400) {
        // free text: session ids and handshakes look like generic secrets; only typed values are judged
        const found: SensitiveHit[] = [];
        scanValue(body.text, 'response', 'body', '$', undefined, found);
        sensitive.push(...found.filter((h) => h.type !== 'generic-secret'));
      }
    }

    const auth = detectAuth(req.headers, queryPairs, cookies);
    return {
      endpoint: `${req.method} ${operation ? `${basePathOf(operation)}${operation.path}` : templated.template}`,
      method: req.method,
      scheme: req.scheme,
      host: req.host,
      ...(operation ? { operation, operationPath: parsePointer(operation.pointer) ?? ['paths', operation.path, operation.method.toLowerCase()] } : {}),
      ...(res ? { status: res.status } : {}),
      requestIssues,
      responseIssues,
      extraResponseFields: extra,
      sensitive,
      tokenClaims,
      // a login request authenticates with the password it sends
      authenticated: !auth.every((a) => a.kind === 'none') || sensitive.some((h) => h.direction === 'request' && h.type === 'password'),
      target: redactTarget(req.target),
      source: ex.source,
      count: 1,
    };
  };
}

/** The value at a generalised JSON path produced by `scanJson` (`$.a.b`, `$.items[*].t` takes the first item). */
function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  const re = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\['((?:[^'\\]|\\.)*)'\]|\[\*\]/g;
  for (const m of path.slice(1).matchAll(re)) {
    if (m[0] === '[*]') v = Array.isArray(v) ? v[0] : undefined;
    else v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[m[1] ?? (m[2] ?? '').replace(/\\(.)/g, '$1')] : undefined;
  }
  return v;
}
