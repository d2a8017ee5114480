/**
 * What `rampart lint` prints: the stable JSON document (docs/lint.md), the text report for people, and the
 * report input that the shared SARIF / JUnit / HTML writers take.
 */
import { isLintAtLeast, LINT_SEVERITY_ORDER, type LintSeverity } from '../../core/index.js';
import {
  LINT_SCALE,
  code,
  htmlCards,
  htmlFindings,
  htmlPage,
  htmlRules,
  htmlSection,
  htmlTable,
  renderJunit,
  renderSarif,
  trusted,
  type ReportInput,
  type ReportTool,
} from '../../report/index.js';
import type { LintRun } from './run-lint.js';

/** Version of the JSON document's shape (bumped only on incompatible changes). */
export const LINT_JSON_VERSION = 1;

export interface LintOutputOptions {
  readonly tool: ReportTool;
  readonly failOn: LintSeverity;
}

/** The lowest API score of the run (the number a gate would look at), or null when no spec was audited. */
export function lowestScore(run: LintRun): number | null {
  return run.apis.length ? Math.min(...run.apis.map((a) => a.score.score)) : null;
}

function counts(run: LintRun): Record<LintSeverity, number> {
  const c: Record<LintSeverity, number> = { error: 0, warn: 0, info: 0 };
  for (const a of run.apis) for (const f of a.findings) c[f.severity]++;
  return c;
}

/** The stable JSON output (format version 1, documented in docs/lint.md). */
export function lintJson(run: LintRun, options: LintOutputOptions): Record<string, unknown> {
  const c = counts(run);
  return {
    version: LINT_JSON_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    failOn: options.failOn,
    failed: run.apis.some((a) => a.findings.some((f) => isLintAtLeast(f.severity, options.failOn))),
    score: lowestScore(run),
    summary: { specs: run.apis.length, notAudited: run.errors.length, findings: c.error + c.warn + c.info, ...c },
    apis: run.apis.map((a) => ({
      file: a.file,
      title: a.title,
      specVersion: a.specVersion,
      apiVersion: a.apiVersion ?? null,
      operations: a.operations,
      score: a.score.score,
      bySeverity: a.score.bySeverity,
      categories: a.score.categories,
    })),
    inputErrors: run.errors.map((e) => ({ file: e.file, code: e.error.code, location: e.error.location ?? e.file, message: e.error.message, fix: e.error.fix })),
    findings: run.apis.flatMap((a) =>
      a.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        path: f.location.path ?? '$',
        file: f.location.file ?? a.file,
        line: f.location.line ?? null,
        column: f.location.column ?? null,
        owasp: f.owasp,
        cwe: f.cwe,
        source: f.source,
        spec: a.file,
      })),
    ),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The text report: findings per spec (line:column, severity, rule, message, OWASP/CWE, JSON path), scores, a summary. */
export function lintText(run: LintRun, options: LintOutputOptions & { readonly quiet?: boolean }): string {
  const out: string[] = [];
  const sevWidth = 5;
  for (const a of run.apis) {
    const shown = options.quiet ? a.findings.filter((f) => isLintAtLeast(f.severity, options.failOn)) : a.findings;
    out.push(`${a.file}  ${a.title}${a.apiVersion ? ` ${a.apiVersion}` : ''} (${a.specVersion.startsWith('2') ? 'Swagger' : 'OpenAPI'} ${a.specVersion}, ${plural(a.operations, 'operation')})  score ${a.score.score}/100`);
    const rows = shown.map((f) => {
      const l = f.location;
      const where = `${l.file !== a.file ? `${l.file}:` : ''}${l.line ?? 0}:${l.column ?? 0}`;
      return { where, f };
    });
    const whereWidth = Math.max(0, ...rows.map((r) => r.where.length));
    const ruleWidth = Math.max(0, ...rows.map((r) => r.f.rule.length));
    for (const { where, f } of rows) {
      const tags = [f.owasp, f.cwe].filter(Boolean).join(' ');
      out.push(`  ${where.padEnd(whereWidth)}  ${f.severity.padEnd(sevWidth)}  ${f.rule.padEnd(ruleWidth)}  ${f.message}${tags ? `  [${tags}]` : ''}`);
      out.push(`  ${' '.repeat(whereWidth)}  ${' '.repeat(sevWidth)}  ${' '.repeat(ruleWidth)}  ${f.location.path ?? '$'}`);
    }
    if (a.score.categories.length) {
      out.push(`  score: 100 ${a.score.categories.map((c) => `- ${c.penalty} ${c.category}`).join(' ')} = ${a.score.score}`);
    }
    out.push('');
  }
  const c = counts(run);
  const total = c.error + c.warn + c.info;
  const low = lowestScore(run);
  out.push(
    `${total || run.errors.length ? '✖' : '✔'} ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warn, 'warning')}, ${c.info} info) in ${plural(run.apis.length, 'spec')}` +
      `${run.errors.length ? `, ${plural(run.errors.length, 'spec')} not audited (errors on stderr)` : ''}` +
      `${low === null ? '' : `; lowest score ${low}/100`}; failing on ${options.failOn}`,
  );
  return `${out.join('\n')}\n`;
}

/** The run as the shared report writers take it. */
export function lintReportInput(run: LintRun, tool: ReportTool): ReportInput<LintSeverity> {
  return {
    tool,
    scale: LINT_SCALE,
    rules: run.rules,
    findings: run.apis.flatMap((a) => a.findings),
    targets: run.apis.map((a) => a.file),
  };
}

export function lintSarif(run: LintRun, options: LintOutputOptions): string {
  return `${JSON.stringify(renderSarif(lintReportInput(run, options.tool)), null, 2)}\n`;
}

export function lintJunit(run: LintRun, options: LintOutputOptions): string {
  return renderJunit(lintReportInput(run, options.tool), { failOn: options.failOn, name: `${options.tool.name} lint` });
}

function scoreClass(score: number): string {
  return score >= 80 ? 'score-good' : score >= 50 ? 'score-fair' : 'score-poor';
}

/** A self-contained HTML report (scores, breakdown, findings, what to fix). */
export function lintHtml(run: LintRun, options: LintOutputOptions): string {
  const input = lintReportInput(run, options.tool);
  const c = counts(run);
  const low = lowestScore(run);
  const body = [
    htmlCards([
      { label: 'lowest score', value: low === null ? '—' : trusted(`<span class="${scoreClass(low)}">${low}</span>/100`) },
      { label: 'specs', value: run.apis.length },
      ...LINT_SEVERITY_ORDER.slice()
        .reverse()
        .map((s) => ({ label: s === 'warn' ? 'warnings' : s === 'error' ? 'errors' : 'info', value: c[s] })),
    ]),
    htmlSection(
      'Scores',
      htmlTable(
        ['spec', 'API', 'operations', 'score', 'breakdown'],
        run.apis.map((a) => [
          code(a.file),
          `${a.title}${a.apiVersion ? ` ${a.apiVersion}` : ''}`,
          a.operations,
          trusted(`<span class="${scoreClass(a.score.score)}">${a.score.score}</span>`),
          a.score.categories.map((k) => `${k.category} −${k.penalty}`).join(', ') || '—',
        ]),
      ),
    ),
    ...(run.errors.length ? [htmlSection('Specs not audited', htmlTable(['spec', 'error'], run.errors.map((e) => [code(e.file), e.line])))] : []),
    htmlSection('What to fix', htmlRules(input)),
    htmlFindings(input),
  ];
  return htmlPage({ title: `${options.tool.name} lint report`, subtitle: `OpenAPI security and governance audit — failing on ${options.failOn}`, body });
}
