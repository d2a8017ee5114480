/**
 * The evasion-proof view most rules use: URL decoding (multi-level, `%u`, overlong UTF-8), HTML character
 * references and JS escapes, repeated until nothing changes (at most `MAX_ROUNDS` rounds, so `%26lt%3B` and
 * `\u0025` chains unwrap), then NUL bytes removed.
 */
import { htmlDecode } from './html-decode.js';
import { jsDecode } from './js-decode.js';
import { removeNulls } from './remove-nulls.js';
import { urlDecode } from './url-decode.js';

export const MAX_ROUNDS = 3;

export function decodeAll(s: string): string {
  let cur = s;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = jsDecode(htmlDecode(urlDecode(cur)));
    if (next === cur) break;
    cur = next;
  }
  return removeNulls(cur);
}
