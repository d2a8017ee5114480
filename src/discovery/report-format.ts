/**
 * What `rampart discover` prints: the stable JSON document (`--format json`, documented in docs/discovery.md)
 * and a table for people. Both are pure functions of the report, sorted, without timings, so they can be
 * pinned by golden files.
 */
import type { DiscoveryReport, HostReport } from './types.js';

/** The JSON format's version; bumped only for incompatible changes. */
export const DISCOVERY_FORMAT_VERSION = 1;

/** The stable JSON document. */
export function toDiscoveryJson(report: DiscoveryReport): Record<string, unknown> {
  return {
    version: DISCOVERY_FORMAT_VERSION,
    partial: report.partial,
    hosts: report.hosts.map((h) => ({
      host: h.host,
      url: h.url,
      risk: h.risk,
      score: h.score,
      findings: h.findings.map((f) => ({ kind: f.kind, severity: f.severity, url: f.url, message: f.message, owasp: f.owasp, cwe: f.cwe })),
      specs: h.specs,
      endpoints: h.endpoints.map((e) => ({ method: e.method, ...(e.url ? { url: e.url } : {}), path: e.path, source: e.source, ...(e.operation ? { operation: e.operation } : {}) })),
      fingerprint: h.fingerprint,
      tls: h.tls,
      cors: h.cors,
    })),
    notes: report.notes,
    stats: report.stats,
  };
}

function table(columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)];
}

function sourcesSummary(h: HostReport): string {
  const counts = new Map<string, number>();
  for (const e of h.endpoints) counts.set(e.source, (counts.get(e.source) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
}

/** The table people read: one line per host, then each host's findings, specs and where its endpoints came from. */
export function formatDiscoveryTable(report: DiscoveryReport): string {
  const out: string[] = [];
  if (report.hosts.length === 0) out.push('No host answered.');
  else {
    out.push(
      ...table(
        ['HOST', 'RISK', 'SCORE', 'SPECS', 'ENDPOINTS', 'FINDINGS', 'URL'],
        report.hosts.map((h) => [h.host, h.risk, String(h.score), String(h.specs.length), String(h.endpoints.length), String(h.findings.length), h.url]),
      ),
    );
  }
  for (const h of report.hosts) {
    if (h.findings.length === 0 && h.specs.length === 0 && h.endpoints.length === 0) continue;
    out.push('', `${h.host} — risk ${h.risk}`);
    const fp = [...h.fingerprint.server, ...h.fingerprint.frameworks, ...h.fingerprint.gateways];
    if (fp.length) out.push(`  runs: ${fp.join(', ')}`);
    if (h.fingerprint.auth.length) out.push(`  auth: ${h.fingerprint.auth.join(', ')}`);
    if (h.findings.length) out.push(...table(['SEVERITY', 'KIND', 'MESSAGE'], h.findings.map((f) => [f.severity, f.kind, `${f.message} (${f.url})`])).map((l) => `  ${l}`));
    for (const s of h.specs) out.push(`  spec: ${s}`);
    if (h.endpoints.length) out.push(`  endpoints: ${h.endpoints.length} (${sourcesSummary(h)})`);
  }
  if (report.notes.length) {
    out.push('', 'Not probed:');
    for (const n of report.notes) out.push(`  ${n.kind}  ${n.target}: ${n.reason}`);
  }
  if (report.partial) out.push('', 'Stopped by --max-duration: results are partial.');
  out.push('', `${report.hosts.length} hosts answered of ${report.stats.namesTried} names tried; ${report.stats.requests} requests.`);
  return `${out.join('\n')}\n`;
}
