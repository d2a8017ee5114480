/**
 * Findings are data: a rule that fired, how bad it is, where, and the evidence. Each pillar reports findings
 * in this shape (lint and comply use `LintSeverity`; tests and detections use `Severity`).
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type LintSeverity = 'error' | 'warn' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
export const LINT_SEVERITY_ORDER: readonly LintSeverity[] = ['info', 'warn', 'error'];

/** True when `s` is at or above `threshold`. */
export function isAtLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(s) >= SEVERITY_ORDER.indexOf(threshold);
}

export function isLintAtLeast(s: LintSeverity, threshold: LintSeverity): boolean {
  return LINT_SEVERITY_ORDER.indexOf(s) >= LINT_SEVERITY_ORDER.indexOf(threshold);
}

export interface Finding<S extends string = Severity> {
  /** Stable rule or test id, e.g. `owasp-api2-no-auth` or `bola-read`. */
  readonly rule: string;
  readonly severity: S;
  readonly message: string;
  /** OWASP API Security Top 10 (2023) id, e.g. `API1:2023`, or null. */
  readonly owasp: string | null;
  /** CWE id, e.g. `CWE-639`, or null. */
  readonly cwe: string | null;
}

/**
 * Where a finding points in the user's input. Every field is optional because findings come from many sources:
 * a spec (file, line, JSON path), traffic (an endpoint key), a test run (a request).
 */
export interface FindingLocation {
  /** File as the user named it (relative to the working directory when possible, `/` separators). */
  readonly file?: string;
  /** 1-based line and column in `file`. */
  readonly line?: number;
  readonly column?: number;
  /** JSON path inside the document, e.g. `$.paths['/users/{id}'].get`. */
  readonly path?: string;
  /** Inventory endpoint key (`METHOD host template`), for findings about live endpoints. */
  readonly endpoint?: string;
}

/** A finding with where it points; what report writers (SARIF, JUnit, HTML) consume. */
export interface LocatedFinding<S extends string = Severity> extends Finding<S> {
  readonly location: FindingLocation;
}
