/**
 * Base64 where a value looks like it: every run of at least `MIN_RUN` base64 characters (standard or URL-safe
 * alphabet) is decoded, at most `MAX_RUNS` runs and `MAX_DECODED` characters in all; runs that do not decode to
 * mostly printable text are dropped. Returns the decoded runs joined by spaces ('' when nothing qualifies).
 */
export const MIN_RUN = 8;
export const MAX_RUNS = 8;
/** Longest part of one run decoded. */
export const MAX_RUN_CHARS = 1024;
export const MAX_DECODED = 4096;

function isB64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
}

/**
 * Base64 of text mixes upper and lower case all along; words, names, hex and product ids do not:
 * `Springfield`, `BK-10003` and `a3f9c2e1` are skipped without decoding, `cnVudGltZQ` is decoded.
 */
function looksEncoded(s: string, from: number, to: number): boolean {
  let upper = 0;
  let lower = 0;
  let other = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else other++;
  }
  return upper >= 2 && lower >= 2 && other < to - from;
}

function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok / s.length;
}

/**
 * A run cut out of a longer base64 text may start mid-quantum: decode it at each of the four alignments
 * (prefixing 0–3 zero sextets and dropping the partial leading byte) and keep the most printable result.
 */
function decodeAligned(run: string): string | null {
  const enc = run.includes('-') || run.includes('_') ? 'base64url' : 'base64';
  let best: string | null = null;
  let bestRatio = 0.9;
  // the alignment is chosen on the first 64 characters, then the whole run is decoded once
  const probe = run.length > 64 ? run.slice(0, 64) : run;
  let bestPad = -1;
  for (let pad = 0; pad < 4; pad++) {
    const bytes = Buffer.from('AAA'.slice(0, pad) + probe, enc);
    const text = bytes.toString('latin1', pad === 0 ? 0 : 1);
    if (text.length < 4) continue;
    const ratio = printableRatio(text);
    if (ratio > bestRatio || (ratio === bestRatio && best !== null && text.length > best.length)) {
      best = text;
      bestRatio = ratio;
      bestPad = pad;
    }
    if (ratio >= 0.97) break;
  }
  if (bestPad === -1 || probe === run) return best;
  return Buffer.from('AAA'.slice(0, bestPad) + run, enc).toString('latin1', bestPad === 0 ? 0 : 1);
}

export function base64Decode(s: string): string {
  const n = s.length;
  if (n < MIN_RUN) return '';
  let pieces: string[] | null = null; // allocated at the first decoded run: most values have none
  let budget = MAX_DECODED;
  let i = 0;
  while (i < n && (pieces === null || pieces.length < MAX_RUNS) && budget > 0) {
    if (!isB64(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isB64(s.charCodeAt(j))) j++;
    let end = j;
    while (end < n && end - j < 2 && s.charCodeAt(end) === 61 /* = */) end++;
    if (j - i >= MIN_RUN && looksEncoded(s, i, j)) {
      const run = s.slice(i, Math.min(j, i + MAX_RUN_CHARS, i + Math.ceil((budget * 4) / 3)));
      const text = decodeAligned(run);
      // a run that is really a word, a hex id or a path decodes to noise: keep only mostly-printable results
      if (text !== null) {
        (pieces ??= []).push(text);
        budget -= text.length;
      }
    }
    i = end === j ? j : end;
  }
  return pieces === null ? '' : pieces.join(' ');
}
