/**
 * The response data-leak filter (response-body phase): card numbers, SSNs, private keys and API secrets (the
 * configured types) found in a response body are masked (`action: mask`, the body is rewritten — card numbers keep
 * their last four digits, secrets are replaced whole) or the response is replaced by a 502 (`action: block`).
 * Rule ids: `dataleak.<type>`. Detection is the inventory's free-text scanner (linear in the body size).
 */
import type { SensitiveType } from '../../../core/endpoint.js';
import { CONTINUE } from '../../../core/verdict.js';
import { findSensitive } from '../../../inventory/classifiers/index.js';
import { maskSpans } from '../../../inventory/redaction/mask.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';

export interface DataLeakOptions {
  readonly action: 'mask' | 'block';
  readonly types: readonly SensitiveType[];
  readonly status: (rule: string, fallback: number) => number;
}

const CTX = { location: 'body', direction: 'response' } as const;

/** Scans a response text; returns the verdict (continue, rewrite with the masked text, or block). */
export function inspectLeaks(text: string, types: ReadonlySet<SensitiveType>, action: 'mask' | 'block', status: (rule: string, fallback: number) => number): FilterVerdict {
  if (text.length === 0) return CONTINUE;
  const spans = findSensitive(text, CTX).filter((s) => types.has(s.type));
  if (spans.length === 0) return CONTINUE;
  const found = [...new Set(spans.map((s) => s.type))];
  const rule = `dataleak.${found[0] as string}`;
  const reason = `the response contains ${found.join(', ')} (${spans.length} value${spans.length === 1 ? '' : 's'})`;
  if (action === 'block') return { action: 'block', rule, status: status(rule, 502), reason };
  return { action: 'rewrite', rule, reason, body: maskSpans(text, spans, { email: 'full', phone: 'full' }) };
}

export function createDataLeakFilter(options: DataLeakOptions): Filter {
  const types = new Set(options.types);
  return {
    name: 'dataLeak',
    phase: 'response-body',
    needsBody: true,
    evaluate(tx: Transaction): FilterVerdict {
      if (!tx.responseBody || tx.responseBody.length === 0) return CONTINUE;
      return inspectLeaks(tx.responseBody.toString('utf8'), types, options.action, options.status);
    },
  };
}
