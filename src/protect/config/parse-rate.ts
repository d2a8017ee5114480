/** Rates as written in the configuration, the spec extension and `--rate-limit`: `100/s`, `600/m`, `5000/h`. */
import type { Rate } from './gateway-config.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, sec: 1_000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Parses `N/s`, `N/m` (or `N/min`, `N/h`); undefined when malformed or out of range (1 to 1,000,000). */
export function parseRate(text: string): Rate | undefined {
  const m = /^\s*(\d{1,7})\s*\/\s*(s|sec|m|min|h)\s*$/.exec(text);
  if (!m) return undefined;
  const count = Number(m[1]);
  if (count < 1 || count > 1_000_000) return undefined;
  const perMs = UNIT_MS[m[2] as string] as number;
  return { count, perMs, text: `${count}/${m[2] === 'sec' ? 's' : m[2] === 'min' ? 'm' : m[2]}` };
}
