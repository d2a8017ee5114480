/**
 * A stored inventory endpoint (`--db`) -> observations: the endpoint as a whole (its calls, parameters, auth,
 * schemes and sensitive-data sightings) plus one per status code the spec does not document and one per kept
 * sample (response fields outside the schema). Stored samples are redacted, so value checks rely on the
 * sightings the learner recorded. Pure.
 */
import type { ApiDescription, Endpoint } from '../../core/index.js';
import { createOperationRouter, findResponse, parsePointer, type ValidationIssue } from '../../spec/index.js';
import type { Observation, SensitiveHit } from './comply-rule.js';
import { extraResponseFields } from '../../spec/index.js';
import { parseJsonBody } from './scan-sensitive.js';

export type EndpointObserver = (endpoint: Endpoint) => Observation[];

export function createEndpointObserver(description: ApiDescription): EndpointObserver {
  const router = createOperationRouter(description);
  return (ep) => {
    const match = router.match(ep.method, ep.path, ep.host || undefined);
    const operation = match?.operation;
    const declared = new Set(operation?.parameters.filter((p) => p.in === 'query').map((p) => p.name) ?? []);
    const requestIssues: ValidationIssue[] = operation
      ? ep.parameters
          .filter((p) => p.in === 'query' && !declared.has(p.name))
          .map((p) => ({ location: 'query', name: p.name, pointer: '', keyword: 'unknownParameter', message: `query parameter "${p.name}" is not declared by the operation` }))
      : [];
    const sensitive: SensitiveHit[] = ep.sensitive
      .filter((s) => s.type !== 'ip-address')
      .map((s) => ({ type: s.type, direction: s.direction, location: s.location, name: s.path, evidence: `${s.type} seen ${s.count}× (stored sighting, value not kept)` }));
    const base: Observation = {
      endpoint: `${ep.method} ${operation ? `${(operation.servers ?? description.servers)[0]?.basePath ?? ''}${operation.path}` : ep.path}`,
      method: ep.method,
      scheme: ep.schemes?.includes('http') ? 'http' : ep.schemes?.length ? 'https' : undefined,
      host: ep.host,
      ...(operation ? { operation, operationPath: parsePointer(operation.pointer) ?? ['paths', operation.path] } : {}),
      requestIssues,
      responseIssues: [],
      extraResponseFields: [],
      sensitive,
      tokenClaims: [],
      authenticated: ep.auth.length === 0 ? undefined : ep.auth.some((a) => a.kind !== 'none'),
      target: ep.path,
      source: { kind: 'gateway', position: ep.key },
      count: Math.max(1, ep.hits),
    };
    const out: Observation[] = [base];
    if (!operation) return out;
    const quiet = { ...base, requestIssues: [], sensitive: [], authenticated: undefined, scheme: undefined } satisfies Observation;
    for (const [code, n] of Object.entries(ep.statusCodes)) {
      const status = Number(code);
      if (!Number.isInteger(status) || findResponse(operation, status)) continue;
      out.push({ ...quiet, status, responseIssues: [{ location: 'status', pointer: '', keyword: 'status', message: `status ${status} is not documented` }], count: n });
    }
    for (const s of ep.samples) {
      if (s.status === undefined || s.status >= 400 || s.responseBody === undefined) continue;
      const media = (s.responseHeaders?.find(([h]) => h === 'content-type')?.[1] ?? 'application/json').split(';')[0]?.trim() ?? '';
      const doc = parseJsonBody(s.responseBody, media, false);
      const documented = findResponse(operation, s.status)?.response;
      const schema = documented?.content[media]?.schema ?? documented?.content['application/json']?.schema;
      if (doc === undefined || schema === undefined) continue;
      const extra = extraResponseFields(doc, schema, description.schemas);
      if (extra.length) out.push({ ...quiet, status: s.status, extraResponseFields: extra, count: 1 });
    }
    return out;
  };
}
