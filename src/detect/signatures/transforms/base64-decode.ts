/**
 * Base64 where a value looks like it: every run of at least `MIN_RUN` base64 characters (standard or URL-safe
 * alphabet) is decoded, at most `MAX_RUNS` runs and `MAX_DECODED` characters in all; runs that do not decode to
 * mostly printable text are dropped. Returns the decoded runs joined by spaces ('' when nothing qualifies).
 */
export const MIN_RUN = 12;
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
      const text = Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64').toString('latin1');
      // a run that is really a word, a hex id or a path decodes to noise: keep only mostly-printable results
      if (printableRatio(text) >= 0.9) {
        pieces.push(text);
        budget -= text.length;
      }
    }
    i = end === j ? j : end;
  }
  return pieces.join(' ');
}
