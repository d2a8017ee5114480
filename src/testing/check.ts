/**
 * A security test ("check") is data plus small functions: which operations it applies to (`select`), the
 * requests it builds or mutates (`probes`, each a named list of steps sent in order), and a pure `judge` that
 * compares the responses — the attack against its benign twin, the owner's response, a baseline. The runner
 * sends the steps, asks the judge, re-verifies a positive verdict by replaying the probe, and turns confirmed
 * verdicts into findings with evidence and a curl command. Built-ins live in `checks/` (one per file, listed in
 * `checks/index.ts`); user tests compile to the same shape (`user-tests.ts`).
 */
import type { Severity } from '../core/index.js';
import type { BuildOptions } from './build-request.js';
import type { Canary } from './canary.js';
import type { IdPool } from './id-pool.js';
import type { PlannedOperation } from './plan.js';
import type { Sessions } from './sessions.js';
import type { TestExchange, TestRequest } from './test-request.js';

export interface CheckInfo {
  /** Stable id, kebab-case: `bola-read`, `jwt-alg-none`. */
  readonly id: string;
  readonly title: string;
  /** OWASP API Security Top 10 2023 id: `API1:2023`. */
  readonly owasp: string;
  /** CWE id: `CWE-639`. */
  readonly cwe: string;
  readonly severity: Severity;
  /** Intrusive checks change or delete data, lock accounts or load the server; they run only with --include-intrusive. */
  readonly intrusive: boolean;
  readonly description: string;
  readonly fix: string;
  /** `operation`: probes are asked once per selected operation; `api`: once per run. */
  readonly scope: 'operation' | 'api';
  /** When it runs: `main`; `late` (changes data); `last` (locks accounts, bursts). Default `main`. */
  readonly stage?: 'main' | 'late' | 'last';
  /** `user` for tests loaded from a test-definition file. */
  readonly origin?: 'builtin' | 'user';
}

/** A step: a request to send, or an exchange already made (a cached baseline; replays send it again). */
export type ProbeStep = { readonly name: string; readonly request: TestRequest } | { readonly name: string; readonly exchange: TestExchange };

/** One attempt at finding a flaw: named steps sent in order and judged together. */
export interface Probe {
  /** What the attempt tries, for people: `bob reads alice's order 12`. */
  readonly label: string;
  readonly steps: readonly ProbeStep[];
  /** Requests sent after judging whatever the verdict: restore what the probe changed. */
  readonly cleanup?: readonly TestRequest[];
  /**
   * `replay` (default): a positive verdict is confirmed by sending every step again and judging again.
   * `self`: the steps already verify (a read-back, a second delay, a deletion seen by its owner), or a replay
   * would mean nothing (the object is gone).
   */
  readonly verify?: 'replay' | 'self';
  /** At most one finding per key and check (default: the operation, or the probe label for API-wide checks). */
  readonly key?: string;
  /** Which operation a finding is reported on, when it differs from the check's operation. */
  readonly operation?: PlannedOperation;
  /** Whatever the judge needs: the payload, the marker expected, the value written. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export type ProbeResults = Readonly<Record<string, TestExchange>>;

/** A positive verdict. */
export interface Judgement {
  /** One line for people: what happened and why it is a flaw. */
  readonly message: string;
  /** Steps shown as evidence, attack first (default: `attack`, then every other step). */
  readonly evidence?: readonly string[];
  /** Overrides the check's severity for this finding. */
  readonly severity?: Severity;
}

export interface Check extends CheckInfo {
  /** For `operation` checks: whether the operation qualifies (default: all). */
  select?(p: PlannedOperation, ctx: SelectContext): boolean;
  /** Builds or mutates the requests to try; may send preparatory requests through `t`. */
  probes(t: CheckContext): AsyncIterable<Probe>;
  /** Pure: a judgement when the responses show the flaw, else undefined. */
  judge(results: ProbeResults, probe: Probe): Judgement | undefined;
}

/** What `select` can look at. */
export interface SelectContext {
  readonly includeIntrusive: boolean;
  readonly identities: IdentityRoles;
}

export interface IdentityRoles {
  /** Normal users in declaration order: the first is the victim, the second the attacker. */
  readonly users: readonly string[];
  readonly admin?: string;
  /** Identities whose credential is known to be expired. */
  readonly expired: readonly string[];
}

/** A GET operation where an identity is let in and a request without credentials is refused. */
export interface AuthProbe {
  readonly operation: PlannedOperation;
  readonly request: TestRequest;
  /** The identity's own response (2xx). */
  readonly allowed: TestExchange;
  /** The same request without credentials (401/403). */
  readonly refused: TestExchange;
}

export interface RunTuning {
  readonly includeIntrusive: boolean;
  /** Delay the time-based tests ask for, ms. */
  readonly timeDelayMs: number;
  /** Requests in a rate-limit burst. */
  readonly burstSize: number;
  /** Body size the oversized-payload test sends, bytes. */
  readonly largePayloadBytes: number;
  /** Wrong passwords the lockout test tries before the right one. */
  readonly lockoutAttempts: number;
  /** The user's --rate-limit (req/s), when set. */
  readonly rateLimit?: number;
}

/** Everything a check's `probes` may use. */
export interface CheckContext {
  /** The operation (for `operation` checks). */
  readonly op: PlannedOperation | undefined;
  readonly operations: readonly PlannedOperation[];
  readonly identities: IdentityRoles;
  readonly pool: IdPool;
  readonly sessions: Sessions;
  readonly tuning: RunTuning;
  /** A valid request for an operation (ids from the pool for the identity). */
  build(p: PlannedOperation, o?: BuildOptions): TestRequest;
  /** Sends a preparatory request (not itself evidence unless a probe step reuses it). */
  send(req: TestRequest): Promise<TestExchange>;
  /** The valid request for (operation, identity), sent once and cached. */
  baseline(p: PlannedOperation, identity: string | undefined): Promise<TestExchange>;
  /** Exchanges of valid requests seen so far (seeding and baselines), for passive checks. */
  observed(): readonly TestExchange[];
  /** Where a response breaks its operation's documented responses (status, headers, body schema); [] when it conforms. */
  conformance(x: TestExchange): readonly string[];
  /** Finds (once) an operation where `identity` is let in and no credentials are refused. */
  authProbe(identity: string): Promise<AuthProbe | undefined>;
  /** The SSRF canary listener (started on first use). */
  canary(): Promise<Canary>;
  /** A fresh random marker, e.g. `rmp7f3a9c`. */
  marker(): string;
  /** Records why the check did nothing (shown in the report). */
  skip(reason: string): void;
}
