/**
 * What every report writer consumes: the tool, the rules that ran, the findings (with their locations) and the
 * targets that were scanned. `rampart lint`, `rampart comply` and `rampart test` each build one of these.
 */
import type { LocatedFinding } from '../core/index.js';
import type { SeverityScale } from './severity-scale.js';

export interface ReportTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri?: string;
}

/** A rule (or test) as reports describe it. */
export interface ReportRule<S extends string = string> {
  readonly id: string;
  /** One-line summary. */
  readonly title: string;
  /** What the rule checks and why it matters. */
  readonly description: string;
  /** How to fix a finding of this rule. */
  readonly fix: string;
  /** Effective severity of the rule in this run (after user overrides). */
  readonly severity: S;
  /** OWASP API Security Top 10 (2023) id, e.g. `API1:2023`, or null. */
  readonly owasp: string | null;
  /** CWE id, e.g. `CWE-639`, or null. */
  readonly cwe: string | null;
  readonly helpUri?: string;
}

export interface ReportFinding<S extends string = string> extends LocatedFinding<S> {
  /** The scanned target this finding belongs to (a root spec file, a base URL); defaults to `location.file`. */
  readonly target?: string;
}

export interface ReportInput<S extends string = string> {
  readonly tool: ReportTool;
  readonly scale: SeverityScale<S>;
  /** Every rule that ran (rules without findings appear as passed tests in JUnit). */
  readonly rules: readonly ReportRule<S>[];
  readonly findings: readonly ReportFinding<S>[];
  /** Targets scanned, in order (JUnit: one suite each). */
  readonly targets: readonly string[];
}

/** The target a finding belongs to. */
export function targetOf(f: ReportFinding<string>): string {
  return f.target ?? f.location.file ?? f.location.endpoint ?? '(unknown)';
}
