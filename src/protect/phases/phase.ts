/**
 * The gateway's named phases and the filter contract. A request goes through the phases in this order; each
 * phase runs its chain of filters (precomputed per operation at configuration load) and each filter returns its
 * decision as a value. See docs/gateway/lifecycle.md for what each phase may change and what each failure returns.
 */
import type { StopVerdict, Verdict } from '../../core/verdict.js';
import type { Transaction } from '../transaction.js';

/** The phases, in the order a request goes through them. */
export const PHASES = ['request-headers', 'request-body', 'response-headers', 'response-body', 'logged'] as const;
export type PhaseName = (typeof PHASES)[number];

/** `off`: the filter does not run; `monitor`: it runs and a stop is only logged; `block`: a stop is enforced. */
export type Mode = 'off' | 'monitor' | 'block';
export const MODES: readonly Mode[] = ['off', 'monitor', 'block'];

/**
 * A response-body filter may replace the body the client gets (data-leak masking) instead of stopping.
 * The rule and reason are logged like a stop's.
 */
export interface RewriteVerdict {
  readonly action: 'rewrite';
  readonly rule: string;
  readonly reason: string;
  readonly body: string;
}

/** What a filter returns: continue (optionally with response headers), stop (block/deceive), or rewrite. */
export type FilterVerdict = Verdict | RewriteVerdict;

/**
 * One unit of enforcement. `evaluate` is pure with respect to the transaction (it reads it, never writes it)
 * except through its own state (rate-limit counters, caches) and may be asynchronous only when it must be
 * (JWT signature checks); synchronous filters keep the hot path free of promises.
 */
export interface Filter {
  /** Stable name, also the configuration key (`ipList`, `rateLimit`, `jwt`, `spec`, `signatures`, `dataLeak`). */
  readonly name: string;
  readonly phase: Exclude<PhaseName, 'logged'>;
  /** True when the filter needs the request body buffered (request-body phase) or the response body (response-body). */
  readonly needsBody?: boolean;
  evaluate(tx: Transaction): FilterVerdict | Promise<FilterVerdict>;
}

/** A filter bound to the mode it runs in for one operation. */
export interface ChainLink {
  readonly filter: Filter;
  readonly mode: Exclude<Mode, 'off'>;
}

/** A consumer of finished transactions (metrics, event log, round 2: the tap to the analysis pipeline). */
export interface LoggedConsumer {
  readonly name: string;
  /** Called once per transaction after the response ended or the client went away; must not throw or block. */
  consume(tx: Transaction): void;
}

export function isStop(v: FilterVerdict): v is StopVerdict {
  return v.action === 'block' || v.action === 'deceive';
}
