/**
 * The event log, a `logged`-phase consumer: one JSON line per transaction that was blocked, flagged (monitor
 * mode), rewritten (masked) or failed upstream — never for plain passes. The target is redacted (tokens, keys,
 * passwords in the query become `[REDACTED]`), reasons carry no request values beyond names and positions, and
 * headers and bodies are not logged at all.
 */
import { redactTarget } from '../../inventory/redact.js';
import type { LoggedConsumer } from '../phases/phase.js';
import type { Transaction } from '../transaction.js';

/** The logger subset the gateway writes to (pino's signature). */
export interface EventLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GatewayEvent {
  readonly event: 'blocked' | 'flagged' | 'upstream-error';
  readonly requestId: string;
  readonly method: string;
  readonly target: string;
  readonly route: string;
  readonly clientIp: string;
  readonly status: number;
  readonly rule?: string;
  readonly reason?: string;
  /** Monitor-mode would-be stops and rewrites (rule, reason, would-be status). */
  readonly flags?: ReadonlyArray<{ readonly rule: string; readonly reason: string; readonly status: number; readonly filter: string }>;
  readonly durationMs: number;
}

/** The log record for a transaction, or undefined when there is nothing to report. */
export function eventOf(tx: Transaction): GatewayEvent | undefined {
  if (!tx.verdict && !tx.flags && !(tx.error !== undefined && tx.outcome === 'error')) return undefined;
  const base = {
    requestId: tx.id,
    method: tx.method,
    target: redactTarget(tx.target.length > 2048 ? `${tx.target.slice(0, 2048)}…` : tx.target),
    route: tx.routeKey,
    clientIp: tx.clientIp,
    status: tx.status,
    durationMs: Math.round(tx.durationMs * 100) / 100,
    ...(tx.flags ? { flags: tx.flags } : {}),
  };
  if (tx.verdict) return { event: 'blocked', ...base, rule: tx.verdict.rule, reason: tx.verdict.reason };
  if (tx.error !== undefined && tx.outcome === 'error') return { event: 'upstream-error', ...base, reason: tx.error };
  if (tx.flags) return { event: 'flagged', ...base };
  return undefined;
}

export function createEventLog(logger: EventLogger): LoggedConsumer {
  return {
    name: 'event-log',
    consume(tx) {
      const e = eventOf(tx);
      if (!e) return;
      if (e.event === 'upstream-error') logger.error(e, e.event);
      else logger.warn(e, e.event);
    },
  };
}
