/**
 * The attack-signature filter (request-body phase, so the body is inspected too): the detect module's engine
 * (CRS-style anomaly scoring over query, form, JSON, XML, multipart, cookies and headers) runs on the request;
 * an attack blocks with `signatures.<class>` (403). Evidence in logs is the engine's, already masked.
 * Bodies larger than `offloadAboveBytes` are inspected in a worker-thread pool (bounded; a full pool answers 503
 * `gateway.overloaded`), so an adversarial body costs its own latency, not everyone's.
 */
import { CONTINUE } from '../../../core/verdict.js';
import { createSignatureEngine, type Exclusion, type Paranoia, type SignatureEngine, type SignatureEngineOptions, type SignatureResult } from '../../../detect/signatures/index.js';
import { inspectInPool } from './inspect-pool.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';

export interface SignaturesFilterOptions {
  /**
   * Requests whose body is larger than this (bytes) are inspected in the worker-thread pool, so they cannot stall
   * the event loop (0: always inline). Default 8192.
   */
  readonly offloadAboveBytes?: number;
  readonly paranoia: Paranoia;
  readonly threshold: number;
  readonly exclusions: readonly Exclusion[];
  readonly maxBodyBytes: number;
  readonly status: (rule: string, fallback: number) => number;
}

export interface SignaturesFilter extends Filter {
  readonly engine: SignatureEngine;
}

export function createSignaturesFilter(options: SignaturesFilterOptions): SignaturesFilter {
  const engineOptions: SignatureEngineOptions = {
    paranoia: options.paranoia,
    threshold: options.threshold,
    exclusions: options.exclusions,
    maxBodyLength: Math.max(1, options.maxBodyBytes),
    stopOnAttack: true,
  };
  const engine = createSignatureEngine(engineOptions);
  const key = JSON.stringify(engineOptions);
  const offloadAbove = options.offloadAboveBytes ?? 8192;
  const overloaded = Object.freeze({ action: 'block' as const, rule: 'gateway.overloaded', status: options.status('gateway.overloaded', 503), reason: 'the inspection queue is full', headers: { 'retry-after': '1' } });
  const encoded = Object.freeze({
    action: 'block' as const,
    rule: 'signatures.encoded-body',
    status: options.status('signatures.encoded-body', 415),
    reason: 'a compressed request body (Content-Encoding) cannot be inspected; send it uncompressed',
  });
  const verdictOf = (r: SignatureResult): FilterVerdict => {
    if (!r.attack) return CONTINUE;
    const cls = r.classes[0] ?? 'protocol';
    const first = r.matches[0];
    const rule = `signatures.${cls}`;
    const where = first ? ` in ${first.location.slice(0, 80)} (${first.rule})` : '';
    return { action: 'block', rule, status: options.status(rule, 403), reason: `attack signature: ${r.classes.join(', ')}${where}, score ${r.score}` };
  };
  return {
    name: 'signatures',
    phase: 'request-body',
    needsBody: true,
    engine,
    evaluate(tx: Transaction): FilterVerdict | Promise<FilterVerdict> {
      // a compressed body cannot be inspected, and an upstream that inflates it would get it uninspected: fail closed
      const coding = tx.header('content-encoding');
      if (coding !== undefined && tx.requestBody !== undefined && tx.requestBody.length > 0 && !/^\s*identity\s*$/i.test(coding)) return encoded;
      const op = tx.operation;
      const endpoint = op ? { method: op.method, path: op.path } : undefined;
      if (offloadAbove > 0 && tx.requestBody !== undefined && tx.requestBody.length > offloadAbove) {
        // a large body: inspected off the event loop (fails closed when the bounded pool is full)
        const pending = inspectInPool(key, engineOptions, tx.toExchange(), endpoint);
        return pending === undefined
          ? overloaded
          : pending.then((r) => {
              tx.signature = r;
              return verdictOf(r);
            });
      }
      const r = engine.inspect(tx.toExchange(), endpoint);
      tx.signature = r;
      return verdictOf(r);
    },
  };
}
