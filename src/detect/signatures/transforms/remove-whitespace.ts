/** Removes all whitespace (attackers split keywords with tabs and newlines where the target ignores them). */
const WS = /[\s\u00a0]+/g;

export function removeWhitespace(s: string): string {
  return s.replace(WS, '');
}
