/**
 * What people read from `rampart inventory`: the import summary, the endpoint table and one endpoint's detail,
 * and the stable JSON shape of `inventory list --format json` (docs/inventory.md).
 */
import type { Endpoint } from '../../core/index.js';
import type { ImportSummary } from '../../pipeline/import-files.js';
import { renderTable } from './table.js';

/** The documented `inventory list --format json` item. Fields are only ever added. */
export interface EndpointJson {
  readonly key: string;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly status: Endpoint['status'];
  readonly hits: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly auth: readonly string[];
  readonly sensitive: readonly string[];
  readonly sources: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly parameters: ReadonlyArray<{ name: string; in: string; required: boolean; documented: boolean }>;
  readonly deprecated: boolean;
  readonly operationId: string | null;
}

export function toEndpointJson(e: Endpoint): EndpointJson {
  return {
    key: e.key,
    method: e.method,
    host: e.host,
    path: e.path,
    status: e.status,
    hits: e.hits,
    statusCodes: e.statusCodes,
    auth: unique(e.auth.map((a) => a.kind)),
    sensitive: unique(e.sensitive.map((s) => s.type)),
    sources: e.sources,
    firstSeen: iso(e.firstSeen),
    lastSeen: iso(e.lastSeen),
    parameters: e.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, documented: p.documented })),
    deprecated: e.spec?.deprecated ?? false,
    operationId: e.spec?.operationId ?? null,
  };
}

export function formatEndpointTable(endpoints: readonly Endpoint[]): string {
  const table = renderTable(endpoints, [
    { header: 'METHOD', value: (e) => e.method },
    { header: 'HOST', value: (e) => e.host || '-', max: 32 },
    { header: 'PATH', value: (e) => e.path, max: 70 },
    { header: 'STATUS', value: (e) => e.status },
    { header: 'HITS', value: (e) => String(e.hits), align: 'right' },
    { header: 'CODES', value: (e) => Object.keys(e.statusCodes).sort().join(',') || '-', max: 24 },
    { header: 'AUTH', value: (e) => unique(e.auth.map((a) => a.kind)).join(',') || '-', max: 28 },
    { header: 'SENSITIVE', value: (e) => unique(e.sensitive.map((s) => s.type)).join(',') || '-', max: 40 },
  ]);
  const counts = countBy(endpoints.map((e) => e.status));
  const totals = (['documented', 'shadow', 'zombie', 'orphan'] as const).map((s) => `${s} ${counts[s] ?? 0}`).join(' · ');
  return `${table}\n${endpoints.length} endpoints: ${totals}\n`;
}

export function formatEndpointDetail(e: Endpoint): string {
  const out: string[] = [];
  out.push(`${e.method} ${e.host || '(unknown host)'} ${e.path}`);
  out.push(`  status      ${e.status}${e.spec?.deprecated ? ' (deprecated in the spec)' : ''}`);
  out.push(`  sources     ${e.sources.join(', ')}`);
  if (e.spec) out.push(`  spec        ${e.spec.path}${e.spec.operationId ? ` (operationId ${e.spec.operationId})` : ''}${e.spec.file ? ` in ${e.spec.file}` : ''}`);
  out.push(`  hits        ${e.hits}`);
  const codes = Object.entries(e.statusCodes).sort(([a], [b]) => a.localeCompare(b));
  if (codes.length) out.push(`  responses   ${codes.map(([c, n]) => `${c} ×${n}`).join(', ')}`);
  if (e.firstSeen !== undefined) out.push(`  first seen  ${iso(e.firstSeen)}`);
  if (e.lastSeen !== undefined) out.push(`  last seen   ${iso(e.lastSeen)}`);
  if (e.requestContentTypes.length) out.push(`  consumes    ${e.requestContentTypes.join(', ')}`);
  if (e.responseContentTypes.length) out.push(`  produces    ${e.responseContentTypes.join(', ')}`);
  out.push(`  auth        ${e.auth.length ? e.auth.map(authText).join('; ') : 'none seen'}`);
  if (e.drift && (e.drift.undocumentedParameters.length || e.drift.undocumentedStatusCodes.length)) {
    out.push(`  drift       ${[
      e.drift.undocumentedParameters.length ? `undocumented parameters: ${e.drift.undocumentedParameters.join(', ')}` : '',
      e.drift.undocumentedStatusCodes.length ? `undocumented status codes: ${e.drift.undocumentedStatusCodes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ')}`);
  }
  if (e.parameters.length) {
    out.push('', 'Parameters');
    out.push(
      indent(
        renderTable(e.parameters, [
          { header: 'IN', value: (p) => p.in },
          { header: 'NAME', value: (p) => p.name, max: 40 },
          { header: 'TYPE', value: (p) => schemaText(p.schema), max: 40 },
          { header: 'REQUIRED', value: (p) => (p.required ? 'yes' : 'no') },
          { header: 'SEEN', value: (p) => String(p.count), align: 'right' },
          { header: 'DOCUMENTED', value: (p) => (p.documented ? 'yes' : 'no') },
        ]),
      ),
    );
  }
  if (e.sensitive.length) {
    out.push('', 'Sensitive data');
    out.push(
      indent(
        renderTable(e.sensitive, [
          { header: 'TYPE', value: (s) => s.type },
          { header: 'DIRECTION', value: (s) => s.direction },
          { header: 'WHERE', value: (s) => `${s.location} ${s.path}`, max: 60 },
          { header: 'SEEN', value: (s) => String(s.count), align: 'right' },
        ]),
      ),
    );
  }
  for (const b of e.requestBodies) {
    out.push('', `Request body (${b.contentType}, ${plural(b.count, 'sample')})`, indent(shapeText(b.schema)));
  }
  for (const r of e.responses) {
    out.push('', `Response ${r.status} (${r.contentType}, ${plural(r.count, 'sample')})`, indent(shapeText(r.schema)));
  }
  if (e.samples.length) {
    out.push('', 'Samples (redacted)');
    for (const s of e.samples) {
      out.push(`  ${iso(s.time) ?? '-'}  ${s.method} ${s.target}${s.status !== undefined ? ` -> ${s.status}` : ''}`);
      if (s.requestBody) out.push(`    request body:  ${clip(s.requestBody)}`);
      if (s.responseBody) out.push(`    response body: ${clip(s.responseBody)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function formatImportSummary(s: ImportSummary, db: string): string {
  const out: string[] = [];
  const imported = s.files.filter((f) => f.outcome === 'imported');
  const exchanges = imported.reduce((n, f) => n + f.exchanges, 0);
  const skipped = imported.reduce((n, f) => n + f.skipped, 0);
  const failed = s.files.filter((f) => f.outcome === 'failed');
  out.push(`Read ${plural(exchanges, 'exchange')} from ${plural(imported.length, 'file')}${skipped ? `, skipped ${skipped}` : ''}${failed.length ? `; ${plural(failed.length, 'file')} failed` : ''}.`);
  for (const f of s.files) {
    const codes = Object.entries(f.skippedByCode)
      .map(([c, n]) => `${n} × ${c}`)
      .join(', ');
    const what =
      f.outcome === 'failed'
        ? `FAILED: ${f.error?.message ?? 'unusable'} [${f.error?.code ?? 'E_INTERNAL'}]${f.error?.fix ? ` — ${f.error.fix}` : ''}`
        : f.outcome === 'documentation'
        ? `documentation, ${plural(f.operations ?? 0, 'operation')}`
        : f.outcome === 'already-imported'
          ? 'already imported (same bytes; --force imports it again)'
          : `${plural(f.exchanges, 'exchange')}${f.skipped ? `, ${f.skipped} skipped (${codes})` : ''}${f.notices ? `, ${plural(f.notices, 'notice')} (${Object.entries(f.noticesByCode ?? {}).map(([c, n]) => `${n} × ${c}`).join(', ')})` : ''}`;
    out.push(`  ${f.file}  [${f.format}]  ${what}`);
  }
  for (const sp of s.specs) out.push(`Spec ${sp.file}: ${sp.title} (${sp.version}), ${plural(sp.operations, 'operation')}`);
  if (s.nonApi) out.push(`Not API traffic (page loads, static assets): ${plural(s.nonApi, 'exchange')}, not learned.`);
  out.push(`Endpoints: ${s.endpoints.total} in the inventory (${s.created} new, ${s.updated} updated${s.endpoints.deleted ? `, ${s.endpoints.deleted} merged into templates` : ''}).`);
  out.push(`  documented ${s.byStatus.documented} · shadow ${s.byStatus.shadow} · zombie ${s.byStatus.zombie} · orphan ${s.byStatus.orphan}`);
  const sensitive = Object.entries(s.sensitiveTypes).sort(([a], [b]) => a.localeCompare(b));
  out.push(`Sensitive data: ${sensitive.length ? sensitive.map(([t, n]) => `${t} (${n} endpoint${n === 1 ? '' : 's'})`).join(', ') : 'none found'}.`);
  out.push(`Database: ${db}. Next: rampart inventory list${db !== 'rampart.db' ? ` --db ${db}` : ''}`);
  return `${out.join('\n')}\n`;
}

function authText(a: Endpoint['auth'][number]): string {
  const parts: string[] = [a.kind];
  if (a.name) parts.push(a.name);
  if (a.jwt?.alg) parts.push(`alg ${a.jwt.alg}`);
  if (a.jwt?.iss) parts.push(`iss ${a.jwt.iss}`);
  return `${parts.join(' ')} ×${a.count}`;
}

function schemaText(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return String(schema);
  const s = schema as Record<string, unknown>;
  const type = Array.isArray(s.type) ? s.type.join('|') : typeof s.type === 'string' ? s.type : 'any';
  return s.format ? `${type} (${String(s.format)})` : Array.isArray(s.enum) ? `${type} enum` : type;
}

/**
 * A JSON Schema as a compact shape for people: `{ id: integer, email?: string (email), tags: string[] }`,
 * one property per line, optional properties marked `?` (the full schema is in `--format json` and the export).
 */
export function shapeText(schema: unknown, depth = 0): string {
  if (typeof schema !== 'object' || schema === null) return schema === false ? 'never' : 'any';
  const s = schema as Record<string, unknown>;
  const pad = '  '.repeat(depth);
  if (depth > 8) return '…';
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  const nullable = types.includes('null') && types.length > 1 ? ' | null' : '';
  const main = types.filter((t) => t !== 'null');
  if (main.includes('object') || (s.properties && typeof s.properties === 'object')) {
    const props = Object.entries((s.properties ?? {}) as Record<string, unknown>);
    if (props.length === 0) return `object${nullable}`;
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    const lines = props.map(([k, v]) => `${pad}  ${k}${required.has(k) ? '' : '?'}: ${shapeText(v, depth + 1)}`);
    return `{\n${lines.join('\n')}\n${pad}}${nullable}`;
  }
  if (main.includes('array')) {
    const items = shapeText(s.items, depth);
    return `${items.includes('\n') ? `(${items})` : items}[]${nullable}`;
  }
  if (Array.isArray(s.enum)) return `${(s.enum as unknown[]).slice(0, 8).map((v) => JSON.stringify(v)).join(' | ')}${(s.enum as unknown[]).length > 8 ? ' | …' : ''}`;
  if (main.length === 0) return types.includes('null') ? 'null' : 'any';
  return `${main.join(' | ')}${s.format ? ` (${String(s.format)})` : ''}${nullable}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function clip(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined || ms <= 0 ? null : new Date(ms).toISOString();
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function countBy(xs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
