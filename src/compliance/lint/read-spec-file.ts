/**
 * The file edge of `rampart lint`: reads spec files and the files their `$ref`s name, bounded in size, with
 * one-line errors (missing, unreadable, directory, too large).
 */
import { readFile, stat } from 'node:fs/promises';
import { RampartError } from '../../core/index.js';

/** Default size limit per file (spec or `$ref`'d file): linting costs seconds per MB of spec, see docs/lint.md. */
export const DEFAULT_MAX_SPEC_BYTES = 10 * 1024 * 1024;

/** Reads a text file of at most `maxBytes`, decoded as UTF-8 (a BOM is dropped). `shown` is the name used in errors. */
export async function readSpecFile(absPath: string, shown: string, maxBytes = DEFAULT_MAX_SPEC_BYTES): Promise<string> {
  let size: number;
  try {
    const st = await stat(absPath);
    if (!st.isFile()) throw new RampartError('E_INPUT_UNREADABLE', 'not a file', { location: shown });
    size = st.size;
  } catch (e) {
    if (e instanceof RampartError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new RampartError('E_INPUT_NOT_FOUND', 'no such file', { location: shown });
    throw new RampartError('E_INPUT_UNREADABLE', `cannot read (${code ?? 'error'})`, { location: shown, cause: e });
  }
  if (size > maxBytes) {
    throw new RampartError('E_SPEC_TOO_LARGE', `${(size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit`, {
      location: shown,
      fix: 'split the spec into files joined by $ref, or raise the limit with --max-size',
    });
  }
  try {
    const buf = await readFile(absPath);
    const text = buf.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new RampartError('E_INPUT_UNREADABLE', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { location: shown, cause: e });
  }
}
