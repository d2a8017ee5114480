/**
 * Runs one phase's chain on a transaction. Links run in order; a `continue` may add response headers; a stop in
 * `block` mode ends the chain and is returned; in `monitor` mode it is recorded on the transaction as a flag and
 * the chain goes on; a rewrite (response-body phase) replaces the buffered response body in block mode and is
 * only recorded in monitor mode. Synchronous filters never allocate a promise; the first asynchronous one turns
 * the rest of the chain asynchronous.
 *
 * A filter that throws fails closed in block mode (`gateway.filter-error`, 500) and open in monitor mode: a bug
 * must not silently disable enforcement, nor break traffic that is only being observed (see RATIONALE.md).
 */
import type { StopVerdict } from '../../core/verdict.js';
import type { Transaction } from '../transaction.js';
import { isStop, type ChainLink, type FilterVerdict } from './phase.js';

export type ChainResult = StopVerdict | undefined;

export const FILTER_ERROR_RULE = 'gateway.filter-error';

function filterError(link: ChainLink, err: unknown, tx: Transaction, status: number): ChainResult {
  const reason = `filter ${link.filter.name} failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`;
  if (link.mode === 'block') return { action: 'block', rule: FILTER_ERROR_RULE, status, reason };
  tx.flag({ filter: link.filter.name, rule: FILTER_ERROR_RULE, reason, status });
  return undefined;
}

/** Applies one verdict; returns the stop that ends the chain, or undefined to go on. */
function apply(link: ChainLink, v: FilterVerdict, tx: Transaction): ChainResult {
  if (v.action === 'continue') {
    if (v.headers !== undefined) tx.addResponseHeaders(v.headers);
    return undefined;
  }
  if (isStop(v)) {
    if (link.mode === 'block') return v;
    tx.flag({ filter: link.filter.name, rule: v.rule, reason: v.reason, status: v.status });
    return undefined;
  }
  // rewrite
  if (link.mode === 'block') tx.responseBody = Buffer.from(v.body, 'utf8');
  tx.flag({ filter: link.filter.name, rule: v.rule, reason: link.mode === 'block' ? `masked: ${v.reason}` : v.reason, status: tx.status });
  return undefined;
}

function isPromise(v: unknown): v is Promise<FilterVerdict> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/** Runs `links` from `start`; returns the enforced stop (or undefined), synchronously when every filter is. */
export function runChain(links: readonly ChainLink[], tx: Transaction, errorStatus = 500, start = 0): ChainResult | Promise<ChainResult> {
  for (let i = start; i < links.length; i++) {
    const link = links[i] as ChainLink;
    let v: FilterVerdict | Promise<FilterVerdict>;
    try {
      v = link.filter.evaluate(tx);
    } catch (err) {
      const r = filterError(link, err, tx, errorStatus);
      if (r) return r;
      continue;
    }
    if (isPromise(v)) return finishAsync(links, tx, errorStatus, i, v);
    const r = apply(link, v, tx);
    if (r) return r;
  }
  return undefined;
}

async function finishAsync(links: readonly ChainLink[], tx: Transaction, errorStatus: number, i: number, pending: Promise<FilterVerdict>): Promise<ChainResult> {
  const link = links[i] as ChainLink;
  let v: FilterVerdict;
  try {
    v = await pending;
  } catch (err) {
    const r = filterError(link, err, tx, errorStatus);
    if (r) return r;
    return runChain(links, tx, errorStatus, i + 1);
  }
  const r = apply(link, v, tx);
  if (r) return r;
  return runChain(links, tx, errorStatus, i + 1);
}
