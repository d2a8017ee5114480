/**
 * Spec diff: the status of each endpoint against the API descriptions given to the learner, and the drift
 * between what traffic shows and what the spec documents.
 *
 * - documented: matches an operation of a spec (OpenAPI or Postman) and is not deprecated;
 * - zombie: still called although its operation is deprecated, or although it is an older version of a
 *   documented path (`/v1/users` when a spec documents `/v2/users`);
 * - shadow: seen in traffic (or found by discovery), in no spec;
 * - orphan: documented, never seen (`hits: 0`, `sources: ['spec']`).
 *
 * Drift of a documented endpoint: parameters seen in traffic that the operation does not declare
 * (`query:debug`, `header:x-tenant`, `cookie:theme`) and status codes no response of the operation covers
 * (exact code, `4XX` range or `default`).
 */
import type { ApiOperation, BodySchema, Endpoint, EndpointParameter, JsonSchema, ResponseSchema } from '../core/index.js';
import type { SpecOperation } from './spec-index.js';

/** `/users/{userId}` → `/users/{}`: templates compared without parameter names. */
export function normaliseTemplate(path: string): string {
  return path.replace(/\{[^{}/]*\}/g, '{}');
}

const VERSION = /^v(\d{1,4})(?:[._-]?(?:\d{1,4}|alpha\d{0,3}|beta\d{0,3}|rc\d{0,3}))?$/i;

/** Version number of a `v2`-style segment (`v1`, `v2.1`, `v1beta1` → 1), or undefined. */
export function versionNumber(segment: string): number | undefined {
  const m = VERSION.exec(segment);
  return m ? Number(m[1]) : undefined;
}

/** Which documented paths have newer versions: `/v1/users` is older when `/v2/users` is documented. */
export class VersionIndex {
  private readonly newest = new Map<string, number>();

  add(template: string): void {
    const segs = normaliseTemplate(template).split('/');
    segs.forEach((s, i) => {
      const v = versionNumber(s);
      if (v === undefined) return;
      const k = versionKey(segs, i);
      this.newest.set(k, Math.max(this.newest.get(k) ?? -1, v));
    });
  }

  /** True when a documented path differs from `template` only by a higher version segment. */
  hasNewer(template: string): boolean {
    const segs = normaliseTemplate(template).split('/');
    for (let i = 0; i < segs.length; i++) {
      const v = versionNumber(segs[i] as string);
      if (v === undefined) continue;
      const newest = this.newest.get(versionKey(segs, i));
      if (newest !== undefined && newest > v) return true;
    }
    return false;
  }
}

function versionKey(segs: readonly string[], at: number): string {
  return segs.map((s, i) => (i === at ? '\u0000' : s)).join('/');
}

function findSpecParam(op: ApiOperation, location: string, name: string) {
  const lower = name.toLowerCase();
  return op.parameters.find((p) => p.in === location && (location === 'header' ? p.name.toLowerCase() === lower : p.name === name));
}

function coveredStatus(op: ApiOperation, code: string): boolean {
  const r = op.responses;
  if (r[code] !== undefined || r.default !== undefined) return true;
  const range = `${code.charAt(0)}XX`;
  return Object.keys(r).some((k) => k.toUpperCase() === range);
}

function sourceKind(s: SpecOperation): string {
  return s.description.source.kind === 'openapi' ? 'spec' : s.description.source.kind;
}

/**
 * The endpoint with its status, spec facts, documented parameters and drift, given the operation it matched
 * (undefined when none) and the documented versions.
 */
export function applySpec(endpoint: Endpoint, spec: SpecOperation | undefined, versions: VersionIndex): Endpoint {
  const seen = endpoint.hits > 0;
  if (!spec || !spec.documents) {
    const sources = spec ? [...new Set([...endpoint.sources, sourceKind(spec)])].sort() : endpoint.sources;
    const status = seen && versions.hasNewer(endpoint.path) ? 'zombie' : 'shadow';
    const { spec: _s, drift: _d, ...rest } = endpoint;
    return { ...rest, status, sources };
  }
  const op = spec.operation;
  const parameters: EndpointParameter[] = [];
  const undocumentedParameters: string[] = [];
  const used = new Set<string>();
  for (const p of endpoint.parameters) {
    const sp = findSpecParam(op, p.in, p.name);
    if (sp) used.add(`${sp.in}:${sp.name}`);
    const documented = sp !== undefined;
    if (!documented && p.in !== 'path' && p.count > 0) undocumentedParameters.push(`${p.in}:${p.name}`);
    parameters.push({ ...p, documented: documented || p.in === 'path', required: sp ? sp.required || sp.in === 'path' : p.required, schema: sp?.schema ?? p.schema });
  }
  for (const sp of op.parameters) {
    if (used.has(`${sp.in}:${sp.name}`) || (sp.in === 'path' && parameters.some((p) => p.in === 'path' && p.name === sp.name))) continue;
    parameters.push({ name: sp.name, in: sp.in, schema: sp.schema ?? {}, required: sp.required || sp.in === 'path', count: 0, documented: true });
  }
  const undocumentedStatusCodes = Object.keys(endpoint.statusCodes).filter((c) => !coveredStatus(op, c)).sort();
  const deprecated = op.deprecated;
  const status = !seen ? 'orphan' : deprecated || versions.hasNewer(endpoint.path) ? 'zombie' : 'documented';
  return {
    ...endpoint,
    status,
    sources: [...new Set([...endpoint.sources, sourceKind(spec)])].sort(),
    parameters,
    spec: {
      ...(spec.description.source.file !== undefined ? { file: spec.description.source.file } : {}),
      ...(op.operationId !== undefined ? { operationId: op.operationId } : {}),
      deprecated,
      path: op.path,
    },
    drift: { undocumentedParameters: undocumentedParameters.sort(), undocumentedStatusCodes },
  };
}

/** An endpoint a spec documents and traffic never showed (also used for discovery results: `hits: 0`). */
export function describedEndpoint(key: string, host: string, template: string, spec: SpecOperation): Endpoint {
  const op = spec.operation;
  const requestBodies: BodySchema[] = Object.entries(op.requestBody?.content ?? {}).map(([contentType, m]) => ({ contentType, schema: (m.schema ?? {}) as JsonSchema, count: 0 }));
  const responses: ResponseSchema[] = [];
  for (const [status, r] of Object.entries(op.responses)) {
    const content = Object.entries(r.content ?? {});
    if (content.length === 0) responses.push({ status, contentType: '', schema: {}, count: 0 });
    for (const [contentType, m] of content) responses.push({ status, contentType, schema: (m.schema ?? {}) as JsonSchema, count: 0 });
  }
  const base: Endpoint = {
    key,
    method: op.method,
    host,
    path: template,
    status: 'orphan',
    sources: [],
    hits: 0,
    statusCodes: {},
    requestContentTypes: Object.keys(op.requestBody?.content ?? {}),
    responseContentTypes: [...new Set(responses.map((r) => r.contentType).filter(Boolean))],
    parameters: [],
    requestBodies,
    responses,
    auth: [],
    sensitive: [],
    samples: [],
  };
  return applySpec(base, spec, new VersionIndex());
}
