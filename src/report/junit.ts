/**
 * JUnit XML writer for CI: one `<testsuite>` per scanned target, one `<testcase>` per rule × target; a test
 * case fails when the rule has findings at or above the gate in that target. Findings below the gate are
 * listed in the case's `<system-out>`.
 */
import { escapeXml } from './escape.js';
import { targetOf, type ReportFinding, type ReportInput } from './report-input.js';
import { isAtOrAbove } from './severity-scale.js';

export interface JunitOptions<S extends string> {
  /** Findings at or above this severity fail their test case. */
  readonly failOn: S;
  /** Name of the `<testsuites>` element, e.g. `rampart lint`. */
  readonly name: string;
}

function describeFinding(f: ReportFinding<string>): string {
  const l = f.location;
  const where = [l.file, l.line, l.column].filter((x) => x !== undefined && x !== '').join(':');
  const tags = [f.owasp, f.cwe].filter(Boolean).join(' ');
  return `${f.severity} ${where || l.endpoint || ''}${l.path ? ` ${l.path}` : ''}: ${f.message}${tags ? ` (${tags})` : ''}`;
}

/** Renders the JUnit XML of a report. */
export function renderJunit<S extends string>(input: ReportInput<S>, options: JunitOptions<S>): string {
  const byTarget = new Map<string, Map<string, ReportFinding<S>[]>>();
  for (const t of input.targets) byTarget.set(t, new Map());
  for (const f of input.findings) {
    const t = targetOf(f);
    let rules = byTarget.get(t);
    if (!rules) byTarget.set(t, (rules = new Map()));
    const list = rules.get(f.rule);
    if (list) list.push(f);
    else rules.set(f.rule, [f]);
  }
  const ruleIds = input.rules.map((r) => r.id);
  for (const f of input.findings) if (!ruleIds.includes(f.rule)) ruleIds.push(f.rule);

  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const [target, rules] of byTarget) {
    const cases: string[] = [];
    let failures = 0;
    for (const id of ruleIds) {
      const found = rules.get(id) ?? [];
      const failing = found.filter((f) => isAtOrAbove(input.scale, f.severity, options.failOn));
      const passing = found.filter((f) => !failing.includes(f));
      const open = `    <testcase classname="${escapeXml(target)}" name="${escapeXml(id)}">`;
      const body: string[] = [];
      if (failing.length) {
        failures++;
        const top = failing.reduce((a, b) => (input.scale.order.indexOf(b.severity) > input.scale.order.indexOf(a.severity) ? b : a));
        const msg = `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${options.failOn}`;
        body.push(`      <failure type="${escapeXml(top.severity)}" message="${escapeXml(msg)}">${escapeXml(failing.map(describeFinding).join('\n'))}</failure>`);
      }
      if (passing.length) body.push(`      <system-out>${escapeXml(passing.map(describeFinding).join('\n'))}</system-out>`);
      cases.push(body.length ? `${open}\n${body.join('\n')}\n    </testcase>` : `${open}</testcase>`);
    }
    totalTests += ruleIds.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${escapeXml(target)}" tests="${ruleIds.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(options.name)}" tests="${totalTests}" failures="${totalFailures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
