/**
 * Base64 where a value looks like it: every run of at least `MIN_RUN` base64 characters (standard or URL-safe
 * alphabet) is decoded, at most `MAX_RUNS` runs and `MAX_DECODED` characters in all; runs that do not decode to
 * mostly printable text are dropped. Returns the decoded runs joined by spaces ('' when nothing qualifies).
 */
export const MIN_RUN = 8;
export const MAX_RUNS = 16;
export const MAX_DECODED = 8192;

function isB64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
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
  for (let pad = 0; pad < 4; pad++) {
    const bytes = Buffer.from('AAA'.slice(0, pad) + run, enc);
    const text = bytes.toString('latin1', pad === 0 ? 0 : 1);
    if (text.length < 4) continue;
    const ratio = printableRatio(text);
    if (ratio > bestRatio || (ratio === bestRatio && best !== null && text.length > best.length)) {
      best = text;
      bestRatio = ratio;
    }
    if (ratio === 1 && pad === 0) break;
  }
  return best;
}

export function base64Decode(s: string): string {
  const pieces: string[] = [];
  let budget = MAX_DECODED;
  const n = s.length;
  let i = 0;
  while (i < n && pieces.length < MAX_RUNS && budget > 0) {
    if (!isB64(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isB64(s.charCodeAt(j))) j++;
    let end = j;
    while (end < n && end - j < 2 && s.charCodeAt(end) === 61 /* = */) end++;
    if (j - i >= MIN_RUN) {
      const run = s.slice(i, Math.min(j, i + Math.ceil((budget * 4) / 3)));
      const text = decodeAligned(run);
      // a run that is really a word, a hex id or a path decodes to noise: keep only mostly-printable results
      if (text !== null) {
        pieces.push(text);
        budget -= text.length;
      }
    }
    i = end === j ? j : end;
  }
  return pieces.join(' ');
}
