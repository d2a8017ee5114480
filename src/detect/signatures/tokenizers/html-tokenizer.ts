/**
 * A forgiving HTML tag scanner for detection: finds tag starts the way a browser's tokenizer would (`<` then a
 * letter, `/`, `!` or `?`), reads the tag name (namespaced names like `x:script` keep the local part) and its
 * attributes (quoted, unquoted, or separated by `/` as browsers allow: `<svg/onload=…>`). Values are returned
 * with character references already decoded by the caller's view. One pass, bounded by `MAX_TAGS`.
 */

export const MAX_TAGS = 256;
export const MAX_ATTRIBUTES = 64;

export interface HtmlAttribute {
  readonly name: string;
  readonly value: string;
  readonly hasValue: boolean;
}

export interface HtmlTag {
  /** Lower-case local name (`script` for `x:script`); `!` for `<!…>`, `?` for `<?…>`. */
  readonly name: string;
  readonly attributes: readonly HtmlAttribute[];
  readonly start: number;
  readonly end: number;
  /** True when the tag was closed by `>` (false: it runs to the end of the value). */
  readonly closed: boolean;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13 || c === 11;
}

/** Reads attributes from `i` until `>` or the end; returns the attributes and the index after the tag. */
export function readAttributes(s: string, from: number): { attributes: HtmlAttribute[]; end: number; closed: boolean } {
  const attributes: HtmlAttribute[] = [];
  const n = s.length;
  let i = from;
  while (i < n && attributes.length < MAX_ATTRIBUTES) {
    let c = s.charCodeAt(i);
    if (isSpace(c) || c === 47 /* / */) {
      i++;
      continue;
    }
    if (c === 62 /* > */) return { attributes, end: i + 1, closed: true };
    // attribute name: up to space, /, >, =
    const nameStart = i;
    if (c === 61) i++; // a leading `=` belongs to the name (browser quirk)
    while (i < n) {
      c = s.charCodeAt(i);
      if (isSpace(c) || c === 47 || c === 62 || c === 61) break;
      i++;
    }
    const name = s.slice(nameStart, i).toLowerCase();
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 61 /* = */) {
      attributes.push({ name, value: '', hasValue: false });
      continue;
    }
    i++;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const q = s.charCodeAt(i);
    let value: string;
    if (q === 34 || q === 39 || q === 96) {
      const close = s.indexOf(String.fromCharCode(q), i + 1);
      value = s.slice(i + 1, close === -1 ? n : close);
      i = close === -1 ? n : close + 1;
    } else {
      const vs = i;
      while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 62) i++;
      value = s.slice(vs, i);
    }
    attributes.push({ name, value, hasValue: true });
  }
  return { attributes, end: i, closed: false };
}

/** Scans `s` for tags (data context). */
export function scanTags(s: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  const n = s.length;
  let i = s.indexOf('<');
  while (i !== -1 && i < n - 1 && tags.length < MAX_TAGS) {
    let j = i + 1;
    let c = s.charCodeAt(j);
    if (c === 47 /* / */) {
      j++;
      c = s.charCodeAt(j);
    }
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      const close = s.indexOf('>', j);
      const end = close === -1 ? n : close + 1;
      // `<?import …>` and `<!ENTITY …>` carry a name right after the marker
      let k = j + 1;
      while (k < n && isAlpha(s.charCodeAt(k))) k++;
      const word = s.slice(j + 1, k).toLowerCase();
      tags.push({ name: `${c === 33 ? '!' : '?'}${word}`, attributes: readAttributes(s, k).attributes, start: i, end, closed: close !== -1 });
      i = s.indexOf('<', Math.max(j, i + 1));
      continue;
    }
    if (!isAlpha(c)) {
      i = s.indexOf('<', i + 1);
      continue;
    }
    const nameStart = j;
    while (j < n) {
      c = s.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62 || c === 60) break;
      j++;
    }
    let name = s.slice(nameStart, j).toLowerCase();
    const colon = name.lastIndexOf(':');
    if (colon !== -1 && colon < name.length - 1) name = name.slice(colon + 1);
    const { attributes, end, closed } = readAttributes(s, j);
    tags.push({ name, attributes, start: i, end, closed });
    i = s.indexOf('<', Math.max(j, i + 1));
  }
  return tags;
}
