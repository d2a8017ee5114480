/**
 * Operations from the stored inventory (`--from-inventory --db FILE`): endpoints learned from real traffic —
 * shadow endpoints the spec does not document included — become operations the runner can test. Captured
 * samples seed the examples (a real id in the path, real query values, a real JSON body), so the first request
 * looks like what clients really send; values the inventory redacted are never reused.
 */
import type { ApiOperation, ApiParameter, ApiResponse, Endpoint, JsonSchema, SecurityRequirement } from '../core/index.js';
import { parseQuery, safeDecode, splitTarget } from '../core/index.js';

export interface InventoryOptions {
  /** Lower-case host[:port] of the target; endpoints of other hosts are left out ('' hosts are kept). */
  readonly host: string;
  /** Base path requests go under; endpoints outside it are left out, the others made relative to it. */
  readonly basePath: string;
}

export interface InventoryOperations {
  readonly operations: ApiOperation[];
  /** Endpoints left out (other hosts, outside the base path). */
  readonly skipped: number;
}

const REDACTED = /\[REDACTED|\*{4,}|<redacted>/i;

export function operationsFromInventory(endpoints: readonly Endpoint[], o: InventoryOptions): InventoryOperations {
  const operations: ApiOperation[] = [];
  let skipped = 0;
  for (const e of endpoints) {
    if (e.host && o.host && e.host !== o.host) {
      skipped++;
      continue;
    }
    if (o.basePath && e.path !== o.basePath && !e.path.startsWith(`${o.basePath}/`)) {
      skipped++;
      continue;
    }
    operations.push(toOperation(e, o.basePath));
  }
  return { operations, skipped };
}

function toOperation(e: Endpoint, basePath: string): ApiOperation {
  const path = e.path.slice(basePath.length) || '/';
  const sample = e.samples.find((s) => s.method === e.method) ?? e.samples[0];
  const pathValues = sample ? pathValuesOf(e.path, splitTarget(sample.target).path) : {};
  const queryValues = new Map(sample ? parseQuery(splitTarget(sample.target).query) : []);
  const parameters: ApiParameter[] = e.parameters
    .filter((p) => p.in !== 'cookie' && !(p.in === 'header' && /^(authorization|cookie|content-type|content-length|host)$/i.test(p.name)))
    .map((p) => {
      const seen = p.in === 'path' ? pathValues[p.name] : p.in === 'query' ? queryValues.get(p.name) : undefined;
      const example = seen !== undefined && !REDACTED.test(seen) ? coerce(seen, p.schema) : undefined;
      return { name: p.name, in: p.in, required: p.in === 'path' || p.required, deprecated: false, schema: p.schema, ...(example !== undefined ? { example } : {}) };
    });
  for (const name of pathParamNames(e.path)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) parameters.push({ name, in: 'path', required: true, deprecated: false, schema: { type: 'string' }, ...(pathValues[name] ? { example: pathValues[name] } : {}) });
  }
  const body = e.requestBodies[0];
  let example: unknown;
  if (body && sample?.requestBody && !REDACTED.test(sample.requestBody)) {
    try {
      example = JSON.parse(sample.requestBody);
    } catch {
      example = undefined;
    }
  }
  const responses: Record<string, ApiResponse> = {};
  for (const r of e.responses) {
    const existing = responses[r.status];
    responses[r.status] = { content: { ...(existing?.content ?? {}), [r.contentType]: { schema: r.schema } }, headers: {} };
  }
  const kinds = new Set(e.auth.map((a) => a.kind));
  let security: SecurityRequirement[] | undefined;
  if (kinds.size && [...kinds].every((k) => k === 'none')) security = [];
  else if (kinds.size && !kinds.has('none')) security = [{ [[...kinds][0]!]: [] }];
  return {
    method: e.method,
    path,
    tags: [],
    deprecated: e.status === 'zombie' || e.spec?.deprecated === true,
    parameters,
    ...(body ? { requestBody: { required: true, content: { [body.contentType]: { schema: body.schema, ...(example !== undefined ? { example } : {}) } } } } : {}),
    responses,
    ...(security ? { security } : {}),
    pointer: `inventory:${e.key}`,
    extensions: { 'x-rampart-inventory-status': e.status },
  };
}

function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([^{}/]+)\}/g)].map((m) => m[1]!);
}

/** Values of a template's parameters in a concrete path (`/orders/{id}` + `/orders/12` → {id: '12'}). */
function pathValuesOf(template: string, path: string): Record<string, string> {
  const t = template.split('/');
  const p = path.split('/');
  const out: Record<string, string> = {};
  if (t.length !== p.length) return out;
  t.forEach((seg, i) => {
    const m = /^\{([^{}/]+)\}$/.exec(seg);
    if (m) out[m[1]!] = safeDecode(p[i]!);
  });
  return out;
}

function coerce(v: string, schema: JsonSchema): unknown {
  const t = typeof schema === 'object' ? schema.type : undefined;
  if ((t === 'integer' || t === 'number') && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}
