/**
 * The outputs of `rampart test`, all rendered from one `TestReport`: a table for people (text), the report
 * itself (json), SARIF 2.1.0 for code scanning, JUnit XML for CI and a self-contained HTML file. SARIF, JUnit
 * and the HTML building blocks are the report module's generic writers.
 */
import type { Severity } from '../core/index.js';
import { isAtLeast } from '../core/index.js';
import {
  FINDING_SCALE,
  code,
  htmlCards,
  htmlPage,
  htmlSection,
  htmlTable,
  renderJunit,
  renderSarif,
  severityBadge,
  trusted,
  type Cell,
  type Html,
  type ReportInput,
} from '../report/index.js';
import { escapeHtml } from '../report/index.js';
import type { EvidencePair } from './evidence.js';
import type { TestFinding, TestReport } from './test-report.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Findings at or above fail the run (JUnit failures, the text summary); `none` never fails. */
  readonly failOn: Severity | 'none';
  /** Text: list only findings at or above --fail-on. */
  readonly quiet?: boolean;
}

export function renderTestReport(report: TestReport, format: ReportFormat, o: RenderOptions): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(renderSarif(toReportInput(report)), null, 2)}\n`;
    case 'junit':
      return renderJunit(toReportInput(report), { failOn: o.failOn === 'none' ? 'critical' : o.failOn, name: 'rampart test' });
    case 'html':
      return renderTestHtml(report);
    default:
      return renderTestText(report, o);
  }
}

/** True when a finding is at or above the gate. */
export function failsGate(report: TestReport, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && report.findings.some((f) => isAtLeast(f.severity, failOn));
}

/** The report as the report module's writers take it: every check a rule, the target the one scanned thing. */
export function toReportInput(report: TestReport): ReportInput<Severity> {
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    scale: FINDING_SCALE,
    rules: report.checks.map((c) => ({ id: c.id, title: c.title, description: c.description, fix: c.fix, severity: c.severity, owasp: c.owasp, cwe: c.cwe })),
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: `${f.method} ${f.path}: ${f.message}`,
      owasp: f.owasp,
      cwe: f.cwe,
      target: report.target,
      location: {
        ...(f.specLocation ? { file: f.specLocation.file, line: f.specLocation.line } : {}),
        endpoint: `${f.method} ${f.path}`,
      },
    })),
    targets: [report.target],
  };
}

const SEVERITY_WORD: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' };

/** The text report: one block per finding (what, where, the curl, the fix), then the summary. */
export function renderTestText(report: TestReport, o: RenderOptions): string {
  const lines: string[] = [];
  const s = report.summary;
  lines.push(`rampart test — ${report.target}${report.spec ? ` (spec: ${report.spec})` : ''}`);
  lines.push(
    `${s.operations} operations, ${s.checks} tests run, ${s.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s; intrusive tests ${report.options.includeIntrusive ? 'on' : 'off (--include-intrusive)'}`,
  );
  const shown = o.quiet && o.failOn !== 'none' ? report.findings.filter((f) => isAtLeast(f.severity, o.failOn as Severity)) : report.findings;
  for (const f of shown) {
    lines.push('');
    lines.push(`${SEVERITY_WORD[f.severity]}  ${f.test}  ${f.owasp} ${f.cwe}  ${f.method} ${f.path}`);
    lines.push(`  ${f.message}`);
    lines.push(`  ${f.curl.length > 600 ? `${f.curl.slice(0, 600)}…` : f.curl}`);
    lines.push(`  fix: ${f.fix}`);
  }
  lines.push('');
  const counts = (Object.keys(SEVERITY_WORD) as Severity[]).map((k) => `${s.findings[k]} ${k}`).join(', ');
  lines.push(report.findings.length ? `Findings: ${counts}` : 'No findings.');
  if (s.unconfirmed) lines.push(`${s.unconfirmed} candidate finding${s.unconfirmed === 1 ? ' was' : 's were'} dropped: the replay did not confirm ${s.unconfirmed === 1 ? 'it' : 'them'}.`);
  if (s.throttledMs) lines.push(`The target asked to slow down: ${(s.throttledMs / 1000).toFixed(1)} s spent waiting on Retry-After.`);
  if (s.timedOut) lines.push('The time box (--max-duration) ended the run early: tests marked incomplete did not finish.');
  const skipped = report.checks.filter((c) => c.status === 'skipped' || c.status === 'incomplete');
  if (skipped.length && !o.quiet) {
    lines.push(`Not run (${skipped.length}):`);
    for (const c of skipped) lines.push(`  ${c.id}: ${c.reason ?? c.status}`);
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  if (o.failOn !== 'none') lines.push(failsGate(report, o.failOn) ? `FAILED: findings at or above ${o.failOn}.` : `PASSED: no findings at or above ${o.failOn}.`);
  return `${lines.join('\n')}\n`;
}

/** The self-contained HTML report: summary cards, findings with evidence and curl, the tests that ran. */
export function renderTestHtml(report: TestReport): string {
  const s = report.summary;
  const cards = htmlCards([
    { label: 'critical', value: s.findings.critical },
    { label: 'high', value: s.findings.high },
    { label: 'medium', value: s.findings.medium },
    { label: 'low', value: s.findings.low },
    { label: 'operations', value: s.operations },
    { label: 'requests', value: s.requests },
  ]);
  const findings = report.findings.length ? report.findings.map(findingHtml) : [trusted('<p class="muted">No findings.</p>')];
  const tests = htmlTable(
    ['test', 'OWASP / CWE', 'severity', 'status', 'operations', 'findings', 'note'],
    report.checks.map((c) => [code(c.id), `${c.owasp} ${c.cwe}`, severityBadge(c.severity), c.status, c.operations, c.findings, c.reason ?? (c.intrusive ? 'intrusive' : '')] as Cell[]),
  );
  const notes: Html[] = report.warnings.length ? [htmlSection('Warnings', trusted(`<ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`))] : [];
  return htmlPage({
    title: 'Rampart API security test report',
    subtitle: `${report.target}${report.spec ? ` · spec ${report.spec}` : ''} · ${report.startedAt} · ${(report.durationMs / 1000).toFixed(1)} s · intrusive tests ${report.options.includeIntrusive ? 'on' : 'off'}`,
    body: [cards, htmlSection(`Findings (${report.findings.length})`, ...findings), htmlSection('Tests', tests), ...notes],
  });
}

function findingHtml(f: TestFinding): Html {
  const head = `<h3>${severityBadge(f.severity).html} ${code(f.test).html} ${escapeHtml(`${f.method} ${f.path}`)} <span class="muted">${escapeHtml(`${f.owasp} ${f.cwe}`)}</span></h3>`;
  const body = [
    `<p>${escapeHtml(f.message)}</p>`,
    `<p><strong>Reproduce:</strong> ${code(f.curl).html}</p>`,
    `<p><strong>Fix:</strong> ${escapeHtml(f.fix)}</p>`,
    ...f.evidence.map(evidenceHtml),
  ];
  return trusted(`<article>${head}\n${body.join('\n')}</article>`);
}

function evidenceHtml(e: EvidencePair): string {
  const req = [`${e.request.method} ${e.request.url}`, ...e.request.headers.map(([n, v]) => `${n}: ${v}`), ...(e.request.body ? ['', e.request.body] : [])].join('\n');
  const res = e.response
    ? [`${e.response.status}${e.response.ms !== undefined ? ` (${e.response.ms} ms)` : ''}`, ...e.response.headers.map(([n, v]) => `${n}: ${v}`), ...(e.response.body ? ['', e.response.body] : [])].join('\n')
    : (e.error ?? 'no response');
  return `<details><summary>${escapeHtml(e.label)}</summary><pre>${escapeHtml(req)}</pre><pre>${escapeHtml(res)}</pre></details>`;
}
