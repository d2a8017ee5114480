/**
 * A sensitive-data classifier: one data type, a pure test over a value in its context, and the vectors that
 * must and must not match. The built-ins are listed in `index.ts`.
 */
import type { SensitiveType } from '../../core/index.js';

/** Where a value was found. `name` is the parameter/field/header name (original case), when there is one. */
export interface ValueContext {
  readonly location: 'path' | 'query' | 'header' | 'cookie' | 'body';
  readonly direction: 'request' | 'response';
  readonly name?: string;
}

export interface Classifier {
  readonly type: SensitiveType;
  /** True when `value` (a single string value, already decoded) is of this type. Must be linear-time. */
  test(value: string, ctx: ValueContext): boolean;
  /** Values that must match and must not match (each with an optional context), checked by the tests. */
  readonly vectors: {
    readonly match: ReadonlyArray<string | { readonly value: string; readonly ctx: Partial<ValueContext> }>;
    readonly noMatch: ReadonlyArray<string | { readonly value: string; readonly ctx: Partial<ValueContext> }>;
  };
}
