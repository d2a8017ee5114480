/**
 * Reads a Postman collection file (an I/O edge) and converts it with `postmanToApiDescription`.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ApiDescription } from '../core/api-description.js';
import { RampartError, isRampartError } from '../core/errors.js';
import { DEFAULT_MAX_SPEC_BYTES } from './load-spec.js';
import { decodeDocumentBytes, parseDocumentText } from './parse-document.js';
import { postmanToApiDescription, type PostmanOptions } from './postman.js';

/** Reads and converts a Postman collection file. */
export async function loadPostman(file: string, options: Omit<PostmanOptions, 'file'> & { readonly maxBytes?: number } = {}): Promise<ApiDescription> {
  const max = options.maxBytes ?? DEFAULT_MAX_SPEC_BYTES;
  let bytes: Uint8Array;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new RampartError('E_INPUT_UNREADABLE', 'not a regular file', { location: file });
    if (st.size > max) throw new RampartError('E_SPEC_TOO_LARGE', `${st.size} bytes is over the ${max}-byte limit`, { location: file });
    if (st.size === 0) throw new RampartError('E_INPUT_EMPTY', 'the file is empty', { location: file });
    bytes = await readFile(file);
  } catch (err) {
    if (isRampartError(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RampartError(code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`, { location: file, cause: err });
  }
  const value = parseDocumentText(decodeDocumentBytes(bytes, file), file).value;
  return postmanToApiDescription(value, { file, ...(options.variables ? { variables: options.variables } : {}) });
}
