/**
 * Evidence is what an analyst sees of a match: the matched text, at most `MAX_EVIDENCE` characters, with
 * control characters made visible and anything that looks like a secret masked (card-like digit runs, JWTs,
 * long tokens), so that evidence can be stored and shown.
 */
export const MAX_EVIDENCE = 80;

const CARD_LIKE = /\d(?:[ -]?\d){12,18}/g;
const JWT_LIKE = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{0,200}/g;
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function makeEvidence(text: string): string {
  let s = text.length > MAX_EVIDENCE * 2 ? text.slice(0, MAX_EVIDENCE * 2) : text;
  s = s.replace(JWT_LIKE, '[JWT]').replace(CARD_LIKE, '[DIGITS]');
  s = s.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE - 1)}…` : s;
}
