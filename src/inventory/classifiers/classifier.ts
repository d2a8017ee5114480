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

/**
 * A cheap pre-filter `classifyValue` applies before calling `test` (plain data, checked in a few instructions):
 * a value outside the length bounds, or starting with a character the type never starts with, or in a field
 * without the required name hints, is not tested at all. `test` must still check everything itself.
 */
export interface ClassifierGate {
  readonly minLength: number;
  readonly maxLength: number;
  /** ASCII characters a value of this type may start with; undefined: any character. */
  readonly firstChars?: string;
  /** Name-hint bits (see `name-hints.ts`) of which the field must have at least one; undefined: none needed. */
  readonly requiresHints?: number;
  /** Name-hint bits that admit any first character (a phone-named field admits national numbers). */
  readonly anyFirstWithHints?: number;
}

export interface Classifier {
  readonly type: SensitiveType;
  /** Pre-filter for the hot path; absent: `test` is always called. */
  readonly gate?: ClassifierGate;
  /** True when `value` (a single string value, already decoded) is of this type. Must be linear-time. */
  test(value: string, ctx: ValueContext): boolean;
  /** Values that must match and must not match (each with an optional context), checked by the tests. */
  readonly vectors: {
    readonly match: ReadonlyArray<string | { readonly value: string; readonly ctx: Partial<ValueContext> }>;
    readonly noMatch: ReadonlyArray<string | { readonly value: string; readonly ctx: Partial<ValueContext> }>;
  };
}
