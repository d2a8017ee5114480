/**
 * An alert: one blocked, flagged or deceived request, one detection, or one actor marked for countermeasures,
 * in the shape every alert sink sends (JSON webhook, Slack text, log line). Built from values that are already
 * redacted or safe: the target through `redactTarget`, reasons that carry names and positions, detection
 * messages and actor keys (credentials appear only as keyed hashes). Pure.
 */
import type { Detection } from '../../core/threat.js';
import type { Severity } from '../../core/finding.js';
import { redactTarget } from '../../inventory/redact.js';
import type { AlertEvent } from '../config/gateway-config.js';
import type { Transaction } from '../transaction.js';

export interface Alert {
  readonly event: AlertEvent;
  /** ISO 8601. */
  readonly time: string;
  readonly severity: Severity;
  /** The rule that decided (`signatures.sqli`, `deception.decoy`, `behaviour.brute-force`). */
  readonly rule?: string;
  /** One line for people. */
  readonly summary: string;
  readonly requestId?: string;
  readonly method?: string;
  /** Redacted request target. */
  readonly target?: string;
  readonly route?: string;
  readonly clientIp?: string;
  readonly status?: number;
  readonly actor?: string;
  readonly detection?: { readonly id: string; readonly detector: string; readonly class: string; readonly score: number; readonly endpoint?: string };
}

function target(t: string): string {
  return redactTarget(t.length > 512 ? `${t.slice(0, 512)}…` : t);
}

/** The alerts of one finished transaction (none for plain passes and upstream failures). */
export function alertsOfTransaction(tx: Transaction): Alert[] {
  const base = { time: new Date(tx.time).toISOString(), requestId: tx.id, method: tx.method, target: target(tx.target), route: tx.routeKey, clientIp: tx.clientIp };
  const out: Alert[] = [];
  const v = tx.verdict;
  if (v) {
    const deceived = v.action === 'deceive';
    out.push({
      event: deceived ? 'deceived' : 'blocked',
      severity: deceived || v.rule.startsWith('deception.') ? 'high' : v.rule.startsWith('signatures.') ? 'high' : 'medium',
      rule: v.rule,
      summary: `${deceived ? 'deceived' : 'blocked'} ${tx.method} ${base.target} from ${tx.clientIp}: ${v.reason}`.slice(0, 500),
      ...base,
      status: v.status,
    });
  }
  for (const f of tx.flags ?? []) {
    if (f.reason.startsWith('masked: ')) continue; // data-leak masking is a rewrite, not an incident of the client's
    out.push({ event: 'flagged', severity: 'low', rule: f.rule, summary: `would block ${tx.method} ${base.target} from ${tx.clientIp}: ${f.reason}`.slice(0, 500), ...base, status: f.status });
  }
  return out;
}

export function alertOfDetection(d: Detection): Alert {
  return {
    event: 'detection',
    time: new Date(d.time).toISOString(),
    severity: d.severity,
    rule: d.rule,
    summary: d.message.slice(0, 500),
    actor: d.actor,
    detection: { id: d.id, detector: d.detector, class: d.class, score: d.score, ...(d.endpoint ? { endpoint: d.endpoint } : {}) },
  };
}

export function alertOfMark(actor: string, reason: string, time: number): Alert {
  return { event: 'actor-marked', time: new Date(time).toISOString(), severity: 'high', rule: 'deception.mark', summary: `actor ${actor} marked for countermeasures: ${reason}`.slice(0, 500), actor };
}
