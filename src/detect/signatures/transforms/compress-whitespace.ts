/** Every run of whitespace (including CR, LF, tab, vertical tab, form feed and NBSP) becomes one space. */
const WS_RUN = /[\s\u00a0]+/g;

export function compressWhitespace(s: string): string {
  return s.replace(WS_RUN, ' ');
}
