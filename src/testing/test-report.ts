/**
 * The result of a test run: confirmed findings with evidence, what each check did, and the run's numbers.
 * `--format json` prints this object (documented in docs/testing.md); the other formats are rendered from it.
 */
import type { Finding, Severity } from '../core/index.js';
import { SEVERITY_ORDER } from '../core/index.js';
import type { EvidencePair } from './evidence.js';

export interface TestFinding extends Finding {
  /** The test's id (same as `rule`). */
  readonly test: string;
  readonly title: string;
  readonly owasp: string;
  readonly cwe: string;
  /** Upper-case method of the operation (or of the request, for API-wide tests). */
  readonly method: string;
  /** The spec's path template (`/orders/{orderId}`), or the path tried for API-wide tests (`/api/v1/products`). */
  readonly path: string;
  readonly operationId?: string;
  /** Where the operation came from: the spec, the stored inventory, or an API-wide probe. */
  readonly source: 'spec' | 'inventory' | 'api';
  /** Where the operation is written in the spec (for code-scanning annotations), when known. */
  readonly specLocation?: { readonly file: string; readonly line: number };
  /** The attack URL (credentials redacted). */
  readonly url: string;
  readonly evidence: readonly EvidencePair[];
  /** Reproduces the attack; identity credentials are shell variables (`${RAMPART_BOB_TOKEN}`). */
  readonly curl: string;
  readonly fix: string;
  readonly intrusive: boolean;
  /** How it was re-verified: the attack replayed and judged again, or verified by its own steps. */
  readonly verified: 'replayed' | 'self-verified';
}

export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'incomplete';

/** What one check did during the run (a JUnit test case each). */
export interface CheckOutcome {
  readonly id: string;
  readonly title: string;
  readonly owasp: string;
  readonly cwe: string;
  readonly severity: Severity;
  readonly intrusive: boolean;
  readonly description: string;
  readonly fix: string;
  readonly origin: 'builtin' | 'user';
  /** passed: ran, found nothing; failed: findings; skipped: did not apply or not allowed; incomplete: cut by the time box. */
  readonly status: CheckStatus;
  readonly operations: number;
  readonly probes: number;
  readonly findings: number;
  /** Why it was skipped or incomplete. */
  readonly reason?: string;
  readonly ms: number;
}

export interface TestReport {
  readonly tool: { readonly name: 'rampart'; readonly version: string };
  readonly target: string;
  readonly spec?: string;
  /** ISO time the run started. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly options: {
    readonly includeIntrusive: boolean;
    readonly rateLimit?: number;
    readonly maxDurationMs?: number;
    readonly identities: readonly string[];
  };
  readonly summary: {
    readonly operations: number;
    readonly checks: number;
    readonly requests: number;
    /** Findings per severity. */
    readonly findings: Readonly<Record<Severity, number>>;
    /** Candidate findings dropped because a replay did not confirm them. */
    readonly unconfirmed: number;
    /** Time spent waiting on 429/503 `Retry-After`, ms. */
    readonly throttledMs: number;
    /** True when --max-duration cut the run short. */
    readonly timedOut: boolean;
  };
  readonly findings: readonly TestFinding[];
  readonly checks: readonly CheckOutcome[];
  /** Things people should know (an identity missing for some tests, operations that could not be built). */
  readonly warnings: readonly string[];
}

/** Findings sorted most severe first, then by test id, path and method (stable output). */
export function sortFindings(findings: readonly TestFinding[]): TestFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity) ||
      a.test.localeCompare(b.test) ||
      a.path.localeCompare(b.path) ||
      a.method.localeCompare(b.method),
  );
}

export function countBySeverity(findings: readonly TestFinding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}
