/**
 * How a family of severities maps onto the report formats: lint and comply use `error|warn|info`, tests and
 * detections use `critical…info`. Report writers stay generic by taking the scale with the findings.
 */
import { LINT_SEVERITY_ORDER, SEVERITY_ORDER, type LintSeverity, type Severity } from '../core/index.js';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SeverityScale<S extends string = string> {
  /** All severities, lowest first. */
  readonly order: readonly S[];
  /** SARIF `level` of a result with this severity. */
  sarifLevel(s: S): SarifLevel;
  /**
   * SARIF `properties.security-severity` (0.0–10.0, as GitHub code scanning reads it: >= 9 critical,
   * >= 7 high, >= 4 medium, > 0 low).
   */
  securitySeverity(s: S): number;
}

const LINT_LEVEL: Record<LintSeverity, SarifLevel> = { error: 'error', warn: 'warning', info: 'note' };
const LINT_SECURITY: Record<LintSeverity, number> = { error: 7.5, warn: 5.0, info: 2.0 };

/** The scale of spec audits (`rampart lint`, `rampart comply`). */
export const LINT_SCALE: SeverityScale<LintSeverity> = Object.freeze({
  order: LINT_SEVERITY_ORDER,
  sarifLevel: (s: LintSeverity) => LINT_LEVEL[s],
  securitySeverity: (s: LintSeverity) => LINT_SECURITY[s],
});

const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY: Record<Severity, number> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0, info: 0.0 };

/** The scale of tests and detections (`critical|high|medium|low|info`). */
export const FINDING_SCALE: SeverityScale<Severity> = Object.freeze({
  order: SEVERITY_ORDER,
  sarifLevel: (s: Severity) => LEVEL[s],
  securitySeverity: (s: Severity) => SECURITY[s],
});

/** True when `s` is at or above `threshold` on `scale`. Unknown severities count as the lowest. */
export function isAtOrAbove<S extends string>(scale: SeverityScale<S>, s: S, threshold: S): boolean {
  return scale.order.indexOf(s) >= scale.order.indexOf(threshold);
}
