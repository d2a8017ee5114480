/**
 * The attack-signature filter (request-body phase, so the body is inspected too): the detect module's engine
 * (CRS-style anomaly scoring over query, form, JSON, XML, multipart, cookies and headers) runs on the request;
 * an attack blocks with `signatures.<class>` (403). Evidence in logs is the engine's, already masked.
 */
import { CONTINUE } from '../../../core/verdict.js';
import { createSignatureEngine, type Exclusion, type Paranoia, type SignatureEngine } from '../../../detect/signatures/index.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';

export interface SignaturesFilterOptions {
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
  const engine = createSignatureEngine({
    paranoia: options.paranoia,
    threshold: options.threshold,
    exclusions: options.exclusions,
    maxBodyLength: Math.max(1, options.maxBodyBytes),
    stopOnAttack: true,
  });
  return {
    name: 'signatures',
    phase: 'request-body',
    needsBody: true,
    engine,
    evaluate(tx: Transaction): FilterVerdict {
      const op = tx.operation;
      const r = engine.inspect(tx.toExchange(), op ? { method: op.method, path: op.path } : undefined);
      if (!r.attack) return CONTINUE;
      const cls = r.classes[0] ?? 'protocol';
      const first = r.matches[0];
      const rule = `signatures.${cls}`;
      const where = first ? ` in ${first.location.slice(0, 80)} (${first.rule})` : '';
      return { action: 'block', rule, status: options.status(rule, 403), reason: `attack signature: ${r.classes.join(', ')}${where}, score ${r.score}` };
    },
  };
}
