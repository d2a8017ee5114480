/**
 * HTML character references: named (`&lt;`, and the legacy ones browsers accept without `;`), decimal
 * (`&#60`, with or without `;`) and hex (`&#x3c`). Uses the `entities` package (the WHATWG tables).
 */
import { decodeHTML } from 'entities';

export function htmlDecode(s: string): string {
  return s.indexOf('&') === -1 ? s : decodeHTML(s);
}
