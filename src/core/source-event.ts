/**
 * What a source yields while reading a file: exchanges, and skipped items as values (never thrown),
 * so one bad entry never loses the rest.
 */
import type { ErrorCode } from './errors.js';
import type { Exchange } from './exchange.js';

/** An entry/line a source could not use, with where it was and why. */
export interface Skipped {
  readonly kind: 'skipped';
  readonly code: ErrorCode;
  /** File and location, e.g. `traffic.har: entry 12` or `access.log:40`. */
  readonly location: string;
  readonly reason: string;
}

/** Something worth telling about an item that was still used (e.g. invalid UTF-8 replaced). */
export interface Notice {
  readonly kind: 'notice';
  readonly code: ErrorCode;
  readonly location: string;
  readonly reason: string;
}

export interface ExchangeEvent {
  readonly kind: 'exchange';
  readonly exchange: Exchange;
}

/** Bytes consumed so far (for progress bars); sources emit it now and then, not per item. */
export interface ProgressEvent {
  readonly kind: 'progress';
  readonly bytesRead: number;
  readonly bytesTotal?: number;
}

export type SourceEvent = ExchangeEvent | Skipped | Notice | ProgressEvent;
