/**
 * The CLI's only window on the terminal: commands write through an `Io`, so tests run the CLI in-process and
 * compare what a person would read with golden files.
 */
import { Writable } from 'node:stream';

export interface Io {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error (progress, warnings, errors). */
  err(text: string): void;
  /** True when standard error is a terminal (progress bars are shown only then). */
  readonly isTTY: boolean;
  /** Stream progress bars draw on. */
  readonly progressStream: NodeJS.WritableStream;
  /** Current working directory, for resolving relative paths. */
  readonly cwd: string;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  get isTTY() {
    return Boolean(process.stderr.isTTY) && process.env.CI !== 'true';
  },
  progressStream: process.stderr,
  get cwd() {
    return process.cwd();
  },
  env: process.env,
};

/** An Io that records output, for tests. */
export function createCaptureIo(cwd = process.cwd(), env: Record<string, string | undefined> = {}): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    cwd,
    env,
    progressStream: new Writable({ write: (_c, _e, cb) => cb() }),
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}
