/**
 * Option parsing shared by the commands: durations, rates, the database path, formats. Each parser throws a
 * `RampartError('E_USAGE')` naming the flag, the bad value and the expected form.
 */
import { isAbsolute, resolve } from 'node:path';
import { RampartError, parseDurationMs, parseRatePerSecond } from '../core/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { Io } from './io.js';

/** The default database file, relative to the working directory. */
export const DEFAULT_DB = 'rampart.db';

/** `90s`, `5m`, `1h`, `1500ms` or a number of seconds -> milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new RampartError('E_USAGE', `${flag} ${JSON.stringify(text)}: expected a duration like 30s, 5m, 1h or 1500ms`);
  return ms;
}

/** `10`, `10/s`, `600/m` -> requests per second. */
export function parseRate(text: string, flag = '--rate-limit'): number {
  const n = parseRatePerSecond(text);
  if (n === undefined || n > 1_000_000) throw new RampartError('E_USAGE', `${flag} ${JSON.stringify(text)}: expected requests per second like 10/s or 600/m`);
  return n;
}

/** A whole number within bounds. */
export function parseIntOption(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new RampartError('E_USAGE', `${flag} ${JSON.stringify(text)}: expected a whole number from ${min} to ${max}`);
  return n;
}

/** One of the allowed values (case-insensitive). */
export function parseChoice<T extends string>(text: string, flag: string, choices: readonly T[]): T {
  const v = text.toLowerCase() as T;
  if (!choices.includes(v)) throw new RampartError('E_USAGE', `${flag} ${JSON.stringify(text)}: expected one of ${choices.join(', ')}`);
  return v;
}

/** Opens the store at `--db` (default ./rampart.db), resolved against the working directory. */
export function openStore(io: Io, db: string | undefined): Store {
  return openSqliteStore(resolvePath(io, db ?? DEFAULT_DB));
}

/**
 * A user-given path as the commands should open it: unchanged when the CLI runs in the process's working
 * directory (so messages show the path as the user wrote it), resolved against `io.cwd` otherwise (tests).
 */
export function resolvePath(io: Io, path: string): string {
  return io.cwd === process.cwd() || isAbsolute(path) ? path : resolve(io.cwd, path);
}
