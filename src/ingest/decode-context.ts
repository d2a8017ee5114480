/**
 * What every format decoder needs to know: the file name to put in locations and the memory limits.
 */

/** Text kept per message body (bytes of UTF-8, or bytes before base64 for binary bodies). */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Longest log / JSON line kept; longer lines are skipped with `E_LINE_TOO_LONG`, never buffered whole. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
/** Largest single HAR entry or raw HTTP message parsed; larger ones are skipped (bounded memory). */
export const DEFAULT_MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export interface DecodeContext {
  /** File name as the user gave it (goes into `source.file` and `Skipped.location`). */
  readonly file: string;
  readonly maxBodyBytes: number;
  readonly maxLineBytes: number;
  readonly maxEntryBytes: number;
}

/** Limits from options, defaults filled in; non-positive or non-finite values fall back to the defaults. */
export function createDecodeContext(
  file: string,
  limits: { maxBodyBytes?: number; maxLineBytes?: number; maxEntryBytes?: number } = {},
): DecodeContext {
  return {
    file,
    maxBodyBytes: positive(limits.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    maxLineBytes: positive(limits.maxLineBytes, DEFAULT_MAX_LINE_BYTES),
    maxEntryBytes: positive(limits.maxEntryBytes, DEFAULT_MAX_ENTRY_BYTES),
  };
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}
