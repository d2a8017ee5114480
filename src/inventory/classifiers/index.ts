/**
 * The built-in sensitive-data classifiers, and the entry point the inventory uses.
 * (Contract stub: the classifiers are being written; `classifyValue` returns [] until then.)
 */
import type { SensitiveType } from '../../core/index.js';
import type { Classifier, ValueContext } from './classifier.js';

export type { Classifier, ValueContext } from './classifier.js';

export const CLASSIFIERS: readonly Classifier[] = [];

/** The sensitive data types `value` holds, in catalogue order (no duplicates). */
export function classifyValue(value: string, ctx: ValueContext): SensitiveType[] {
  const out: SensitiveType[] = [];
  for (const c of CLASSIFIERS) if (c.test(value, ctx)) out.push(c.type);
  return out;
}
