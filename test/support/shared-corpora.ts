/**
 * Where the shared corpora are (`../shared/corpora` beside the project root, or $RAMPART_SHARED/corpora).
 * Tests that need them skip with a clear message when they are absent, so `npm test` passes on a fresh machine.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Absolute path of the shared corpora folder, or undefined when it is not there. */
export function corporaDir(): string | undefined {
  const candidates = [process.env.RAMPART_SHARED && join(process.env.RAMPART_SHARED, 'corpora'), join(projectRoot, '..', 'shared', 'corpora')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return undefined;
}

/** Path of a file or folder inside the corpora, or undefined when the corpora (or that entry) are absent. */
export function corpus(...parts: string[]): string | undefined {
  const dir = corporaDir();
  if (!dir) return undefined;
  const p = join(dir, ...parts);
  return existsSync(p) ? p : undefined;
}

/** The message a skipped corpus test prints. */
export function skipMessage(what: string): string {
  return `skipped: ${what} needs ../shared/corpora (absent on this machine)`;
}

export { projectRoot };
