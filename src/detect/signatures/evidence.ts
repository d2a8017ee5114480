/**
 * Evidence is what an analyst sees of a match: the matched text, at most `MAX_EVIDENCE` characters, with
 * control characters made visible and anything that looks like a secret masked (card-like digit runs, JWTs,
 * long tokens), so that evidence can be stored and shown.
 */
export const MAX_EVIDENCE = 80;

const CARD_LIKE = /\d(?:[ -]?\d){12,18}/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is made visible
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function makeEvidence(text: string): string {
  let s = text.length > MAX_EVIDENCE * 2 ? text.slice(0, MAX_EVIDENCE * 2) : text;
  s = maskTokens(s).replace(CARD_LIKE, '[DIGITS]');
  s = s.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE - 1)}…` : s;
}

function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
}

/** JWT-like runs (`eyJ…`, the base64 of `{"`) and other long opaque tokens (40+ token characters) become placeholders. */
function maskTokens(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (!isTokenChar(s.charCodeAt(i))) {
      out += s[i];
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && isTokenChar(s.charCodeAt(j))) j++;
    const run = s.slice(i, j);
    out += run.startsWith('eyJ') && run.indexOf('.') !== -1 ? '[JWT]' : run.length >= 40 && /\d/.test(run) && /[a-z]/i.test(run) ? '[TOKEN]' : run;
    i = j;
  }
  return out;
}
