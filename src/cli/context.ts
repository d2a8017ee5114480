/** What every command gets: the terminal, and a way to set the process exit code. */
import type { Io } from './io.js';

export const EXIT_OK = 0;
/** Findings at or above `--fail-on`. */
export const EXIT_FINDINGS = 1;
/** Usage or input error (one line with the reason and the fix on stderr). */
export const EXIT_USAGE = 2;
/** An unexpected internal error (a bug). */
export const EXIT_INTERNAL = 3;

export interface CommandContext {
  readonly io: Io;
  setExitCode(code: number): void;
}
