/**
 * Durations and request rates as users write them on the command line and in files. Pure parsers returning
 * `undefined` when the text is malformed; callers turn that into an error naming their flag or key.
 */

const DURATION_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `250ms`, `90s`, `15m`, `1h`, `1.5s`, or a bare number of seconds -> whole milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^\s*(\d{1,9}(?:\.\d{1,6})?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (DURATION_MS[m[2] ?? 's'] as number));
}

/** `10`, `10/s`, `600/m`, `2.5/s` (also `/sec`, `/second`, `/min`, `/minute`) -> requests per second; > 0. */
export function parseRatePerSecond(text: string): number | undefined {
  const m = /^\s*(\d{1,9}(?:\.\d{1,6})?)\s*(?:\/\s*(s|sec|second|m|min|minute))?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return (m[2] ?? 's').startsWith('m') ? n / 60 : n;
}
