/**
 * What `rampart comply` prints: the stable JSON document (docs/compliance.md), the text report, SARIF 2.1.0
 * (the shared writer, with regulation ids added to the rule tags) and the self-contained HTML report for
 * compliance officers. Evidence is already redacted by the observers; HTML escapes everything.
 */
import { isLintAtLeast, type LintSeverity } from '../../core/index.js';
import {
  LINT_SCALE,
  code,
  htmlCards,
  htmlPage,
  htmlSection,
  htmlTable,
  renderSarif,
  ruleTags,
  severityBadge,
  trusted,
  type Cell,
  type Html,
  type ReportInput,
  type ReportTool,
} from '../../report/index.js';
import { escapeHtml } from '../../report/index.js';
import type { ComplyFinding } from './aggregate-findings.js';
import type { ComplyRun } from './run-comply.js';

/** Version of the JSON document's shape (bumped only on incompatible changes). */
export const COMPLY_JSON_VERSION = 1;

export interface ComplyOutputOptions {
  readonly tool: ReportTool;
  readonly failOn: LintSeverity;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** True when some finding is at or above `failOn`. */
export function complyFailed(run: ComplyRun, failOn: LintSeverity): boolean {
  return run.findings.some((f) => isLintAtLeast(f.severity, failOn));
}

function countBy(findings: readonly ComplyFinding[], keys: (f: ComplyFinding) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) for (const k of keys(f)) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

function severityCounts(run: ComplyRun): Record<LintSeverity, number> {
  const c: Record<LintSeverity, number> = { error: 0, warn: 0, info: 0 };
  for (const f of run.findings) c[f.severity]++;
  return c;
}

/** The stable JSON output (format version 1, documented in docs/compliance.md). */
export function complyJson(run: ComplyRun, options: ComplyOutputOptions): Record<string, unknown> {
  const c = severityCounts(run);
  return {
    version: COMPLY_JSON_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    failOn: options.failOn,
    failed: complyFailed(run, options.failOn),
    score: run.score.score,
    scoreBreakdown: { bySeverity: run.score.bySeverity, categories: run.score.categories },
    spec: run.spec,
    sources: run.sources,
    inputErrors: run.errors.map((e) => ({ file: e.file, code: e.error.code, location: e.error.location ?? e.file, message: e.error.message, fix: e.error.fix })),
    coverage: run.coverage,
    summary: {
      findings: run.findings.length,
      ...c,
      byCategory: countBy(run.findings, (f) => [f.category]),
      byOwasp: countBy(run.findings, (f) => (f.owasp ? [f.owasp] : [])),
      byRegulation: countBy(run.findings, (f) => f.regulations),
      dropped: run.dropped,
    },
    endpoints: run.endpoints,
    findings: run.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      path: f.location.path ?? '$',
      endpoint: f.endpoint,
      owasp: f.owasp,
      cwe: f.cwe,
      regulations: f.regulations,
      category: f.category,
      count: f.count,
      evidence: f.evidence,
      fix: f.fix,
      file: f.location.file ?? run.spec.file,
      line: f.location.line ?? null,
    })),
  };
}

/** The text report: header, sources, findings (severity, rule, endpoint, message, mappings, count, path, evidence), score. */
export function complyText(run: ComplyRun, options: ComplyOutputOptions & { readonly quiet?: boolean }): string {
  const out: string[] = [];
  const s = run.spec;
  out.push(`${s.file}  ${s.title}${s.apiVersion ? ` ${s.apiVersion}` : ''} (${s.specVersion.startsWith('2') ? 'Swagger' : 'OpenAPI'} ${s.specVersion}, ${plural(s.operations, 'operation')})`);
  for (const src of run.sources) out.push(`  traffic ${src.file} (${src.format}): ${plural(src.exchanges, src.format === 'inventory' ? 'endpoint' : 'exchange')}, ${src.analysed} analysed, ${src.skipped} skipped`);
  const undocumented = run.endpoints.filter((e) => !e.documented).length;
  out.push(`  coverage: ${run.coverage.called}/${run.coverage.documented} documented operations called; ${plural(run.endpoints.length, 'endpoint')} seen, ${undocumented} undocumented`);
  out.push('');
  const shown = options.quiet ? run.findings.filter((f) => isLintAtLeast(f.severity, options.failOn)) : run.findings;
  const ruleWidth = Math.max(0, ...shown.map((f) => f.rule.length));
  const pad = ' '.repeat(5 + 2 + ruleWidth + 2);
  for (const f of shown) {
    const tags = [f.owasp, f.cwe, ...f.regulations].filter(Boolean).join(' ');
    out.push(`  ${f.severity.padEnd(5)}  ${f.rule.padEnd(ruleWidth)}  ${f.message} (×${f.count})  [${tags}]`);
    out.push(`  ${pad}${f.location.path ?? '$'}${f.location.line ? `  ${f.location.file}:${f.location.line}` : ''}`);
    if (f.evidence.length) out.push(`  ${pad}evidence: ${f.evidence.join(' | ')}`);
  }
  if (shown.length) out.push('');
  if (run.score.categories.length) out.push(`score: 100 ${run.score.categories.map((k) => `- ${k.penalty} ${k.category}`).join(' ')} = ${run.score.score}`);
  else out.push('score: 100');
  const c = severityCounts(run);
  out.push(
    `${run.findings.length ? '✖' : '✔'} ${plural(run.findings.length, 'finding')} (${plural(c.error, 'error')}, ${plural(c.warn, 'warning')}, ${c.info} info); score ${run.score.score}/100` +
      `${run.errors.length ? `; ${plural(run.errors.length, 'input')} not read (errors on stderr)` : ''}${run.dropped ? `; ${run.dropped} more not kept (limit)` : ''}; failing on ${options.failOn}`,
  );
  return `${out.join('\n')}\n`;
}

/** The run as the shared report writers take it. */
export function complyReportInput(run: ComplyRun, tool: ReportTool): ReportInput<LintSeverity> {
  return {
    tool,
    scale: LINT_SCALE,
    rules: run.rules.map((r) => ({ id: r.id, title: r.title, description: r.description, fix: r.fix, severity: r.severity, owasp: r.owasp, cwe: r.cwe })),
    findings: run.findings.map((f) => ({ ...f, target: run.spec.file })),
    targets: [run.spec.file],
  };
}

/** SARIF 2.1.0: the shared writer, plus regulation ids in each rule's tags and endpoint/count/evidence per result. */
export function complySarif(run: ComplyRun, options: ComplyOutputOptions): string {
  const log = renderSarif(complyReportInput(run, options.tool));
  const regs = new Map(run.rules.map((r) => [r.id, r.regulations]));
  const runObj = log.runs[0] as { tool: { driver: { rules: Array<{ id: string; properties: { tags: string[] } }> } }; results: Array<{ properties: Record<string, unknown> }> };
  for (const r of runObj.tool.driver.rules) r.properties.tags = [...ruleTags({ owasp: run.rules.find((x) => x.id === r.id)?.owasp ?? null, cwe: run.rules.find((x) => x.id === r.id)?.cwe ?? null }), ...(regs.get(r.id) ?? [])];
  runObj.results.forEach((res, i) => {
    const f = run.findings[i] as ComplyFinding;
    res.properties = { ...res.properties, endpoint: f.endpoint, count: f.count, regulations: f.regulations, ...(f.evidence.length ? { evidence: f.evidence } : {}) };
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}

const SEVERITY_RANK: Record<LintSeverity, number> = { error: 0, warn: 1, info: 2 };

function scoreClass(score: number): string {
  return score >= 80 ? 'score-good' : score >= 50 ? 'score-fair' : 'score-poor';
}

const REGULATION_TITLES: Record<string, string> = {
  'PCI-DSS-4.0:3.2.1': 'Account data storage kept to a minimum',
  'PCI-DSS-4.0:3.3.1': 'Sensitive authentication data not retained',
  'PCI-DSS-4.0:3.4.1': 'PAN masked when displayed',
  'PCI-DSS-4.0:3.5.1': 'PAN unreadable wherever stored (logs included)',
  'PCI-DSS-4.0:3.6.1': 'Cryptographic keys protected',
  'PCI-DSS-4.0:4.2.1': 'Strong cryptography for PAN in transit',
  'PCI-DSS-4.0:6.2.4': 'Software engineering prevents common attacks (input validation)',
  'PCI-DSS-4.0:6.3.2': 'Inventory of bespoke and custom software (APIs)',
  'PCI-DSS-4.0:7.2.1': 'Access control model defined',
  'PCI-DSS-4.0:8.2.1': 'Users identified before access',
  'PCI-DSS-4.0:8.3.2': 'Authentication factors unreadable in transit and storage',
  'PCI-DSS-4.0:10.3.2': 'Audit logs protected',
  'PCI-DSS-4.0:12.5.1': 'Inventory of system components in scope',
  'GDPR:Art.5(1)(c)': 'Data minimisation',
  'GDPR:Art.5(1)(f)': 'Integrity and confidentiality',
  'GDPR:Art.25': 'Data protection by design and by default',
  'GDPR:Art.30': 'Records of processing activities',
  'GDPR:Art.32': 'Security of processing',
};

const OWASP_TITLES: Record<string, string> = {
  'API1:2023': 'Broken Object Level Authorization',
  'API2:2023': 'Broken Authentication',
  'API3:2023': 'Broken Object Property Level Authorization',
  'API4:2023': 'Unrestricted Resource Consumption',
  'API5:2023': 'Broken Function Level Authorization',
  'API6:2023': 'Unrestricted Access to Sensitive Business Flows',
  'API7:2023': 'Server Side Request Forgery',
  'API8:2023': 'Security Misconfiguration',
  'API9:2023': 'Improper Inventory Management',
  'API10:2023': 'Unsafe Consumption of APIs',
};

function worst(findings: readonly ComplyFinding[]): Cell {
  const s = findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warn') ? 'warn' : 'info';
  return severityBadge(s);
}

function groupTable(run: ComplyRun, keysOf: (f: ComplyFinding) => readonly string[], titles: Record<string, string>, column: string): Html {
  const groups = new Map<string, ComplyFinding[]>();
  for (const f of run.findings) for (const k of keysOf(f)) groups.set(k, [...(groups.get(k) ?? []), f]);
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([k, fs]) => [nowrapCode(k), titles[k] ?? '', worst(fs), fs.length, [...new Set(fs.map((f) => f.rule))].join(', ')] as Cell[]);
  return rows.length ? htmlTable([column, 'requirement', 'worst', 'findings', 'rules'], rows) : trusted('<p class="muted">No findings.</p>');
}

/** Keeps ids, rule names and endpoints on one line (inline style: the shared report CSS stays as it is). */
const NOWRAP = 'white-space:nowrap;word-break:normal';

/** Inline code that does not wrap (ids, rule names, endpoints). */
function nowrapCode(text: string): Html {
  return trusted(`<code style="${NOWRAP}">${escapeHtml(text)}</code>`);
}

function evidenceCell(f: ComplyFinding): Cell {
  return f.evidence.length ? trusted(f.evidence.map((e) => code(e).html).join('<br>')) : '—';
}

/** The self-contained HTML report: summary, findings by regulation and by OWASP, per-endpoint table, findings with evidence, what to fix. */
export function complyHtml(run: ComplyRun, options: ComplyOutputOptions): string {
  const c = severityCounts(run);
  const s = run.spec;
  const exchanges = run.sources.reduce((n, x) => n + x.analysed, 0);
  const body: Html[] = [
    htmlCards([
      { label: 'compliance score', value: trusted(`<span class="${scoreClass(run.score.score)}">${run.score.score}</span>/100`) },
      { label: 'errors', value: c.error },
      { label: 'warnings', value: c.warn },
      { label: 'info', value: c.info },
      { label: 'endpoints seen', value: run.endpoints.length },
      { label: 'undocumented endpoints', value: run.endpoints.filter((e) => !e.documented).length },
      { label: 'calls analysed', value: exchanges },
    ]),
    trusted(
      `<p>Specification ${code(s.file).html} — ${escapeHtml(s.title)}${s.apiVersion ? ` ${escapeHtml(s.apiVersion)}` : ''} (${plural(s.operations, 'operation')}, ${run.coverage.called} called). Traffic: ${
        run.sources.map((x) => `${code(x.file).html} (${escapeHtml(x.format)}, ${x.analysed} analysed, ${x.skipped} skipped)`).join(', ') || 'none'
      }. Failing on <strong>${escapeHtml(options.failOn)}</strong>: ${complyFailed(run, options.failOn) ? '<strong class="score-poor">fails</strong>' : '<strong class="score-good">passes</strong>'}.</p>`,
    ),
    htmlSection(
      'Score breakdown',
      run.score.categories.length
        ? htmlTable(['category', 'errors', 'warnings', 'info', 'points off'], run.score.categories.map((k) => [`${k.category}${OWASP_TITLES[k.category] ? ` — ${OWASP_TITLES[k.category]}` : ''}`, k.error, k.warn, k.info, `−${k.penalty}`]))
        : trusted('<p class="muted">No findings: nothing taken off.</p>'),
    ),
    ...(run.errors.length ? [htmlSection('Inputs not read', htmlTable(['file', 'error'], run.errors.map((e) => [code(e.file), e.line])))] : []),
    htmlSection('Findings by regulation (PCI DSS v4.0, GDPR)', groupTable(run, (f) => f.regulations, REGULATION_TITLES, 'requirement id')),
    htmlSection('Findings by OWASP API Security Top 10 (2023)', groupTable(run, (f) => (f.owasp ? [f.owasp] : []), OWASP_TITLES, 'category')),
    htmlSection(
      'Endpoints',
      htmlTable(
        ['endpoint', 'documented', 'calls', 'errors', 'warnings', 'info', 'sensitive data seen'],
        run.endpoints.map((e) => [nowrapCode(e.endpoint), e.documented ? 'yes' : trusted('<strong class="score-fair">no</strong>'), e.calls, e.findings.error, e.findings.warn, e.findings.info, e.sensitive.join(', ') || '—']),
      ),
    ),
    htmlSection(
      'Findings',
      run.findings.length
        ? htmlTable(
            ['severity', 'rule', 'endpoint', 'what', 'where', 'mapping', 'calls', 'evidence (redacted)'],
            run.findings.map((f) => [
              severityBadge(f.severity),
              nowrapCode(f.rule),
              nowrapCode(f.endpoint),
              f.message,
              trusted(`${code(f.location.path ?? '$').html}${f.location.line ? `<br><span class="muted">${escapeHtml(`${f.location.file}:${f.location.line}`)}</span>` : ''}`),
              trusted(`<span style="font-size:12px">${[f.owasp, f.cwe, ...f.regulations].filter((t): t is string => Boolean(t)).map((t) => `<span style="${NOWRAP}">${escapeHtml(t)}</span>`).join('<br>')}</span>`),
              f.count,
              evidenceCell(f),
            ]),
          )
        : trusted('<p class="muted">No findings.</p>'),
    ),
    htmlSection(
      'What to fix',
      htmlTable(
        ['rule', 'severity', 'findings', 'why it matters', 'how to fix'],
        [...run.rules]
          .filter((r) => run.findings.some((f) => f.rule === r.id))
          .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
          .map((r) => [trusted(`${nowrapCode(r.id).html}<br>${escapeHtml(r.title)}`), severityBadge(r.severity), run.findings.filter((f) => f.rule === r.id).length, r.description, r.fix]),
      ),
    ),
  ];
  return htmlPage({ title: `${options.tool.name} compliance report — ${s.title}`, subtitle: 'Traffic conformance to the API specification and regulated-data exposure (OWASP API Top 10 2023, PCI DSS v4.0, GDPR)', body });
}
