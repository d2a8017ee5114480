/**
 * HTML/JS-context XSS detection: the value is scanned as HTML text (tags), as the inside of a quoted or
 * unquoted attribute (a quote or space breaking out into a new attribute), and as a URL (a script scheme).
 * It fires on tags that run script or load content (`script`, `iframe`, `object`, `svg`, `meta`, `base`, …),
 * on any tag with an event handler or a script URL in an attribute, on attribute break-outs into event
 * handlers, and on values that are script URLs. Plain markup (`<b>`, `<a href="https://…">`) does not fire.
 */
import { readAttributes, scanTags, type HtmlAttribute, type HtmlTag } from './html-tokenizer.js';

/** Most attribute break-out points examined per value (keeps the scan linear on quote-heavy input). */
export const MAX_BREAKOUTS = 32;

export interface XssHit {
  readonly evidence: string;
  readonly reason: string;
}

/** Tags that execute or embed content whatever their attributes. */
const DANGEROUS_TAGS: ReadonlySet<string> = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'meta', 'base', 'link', 'style', 'svg', 'math', 'xml', 'import',
  'isindex', 'vmlframe', 'xss', 'template', 'portal', 'noscript', 'xmp', 'plaintext', 'listing', 'noembed', 'noframes', 'set', 'animate',
  'handler', 'bgsound', 'layer', 'ilayer', 'fencedframe', 'form', 'textarea', 'keygen', 'dialog', '?import', '!entity', '!doctype',
]);

/** Attributes that take a URL or code. */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'dynsrc', 'lowsrc', 'poster', 'codebase', 'code', 'srcdoc',
  'value', 'from', 'to', 'values', 'by', 'content', 'style', 'ping', 'manifest', 'icon', 'cite', 'longdesc', 'usemap', 'profile', 'classid',
]);

const SCRIPT_URL = /^(?:javascript|vbscript|livescript|mocha|data\s{0,4}:\s{0,4}(?:text\/html|image\/svg|application\/(?:x-|xhtml|ecmascript|javascript)|text\/(?:javascript|xml)))|^data\s{0,4}:\s{0,4}[^,]{0,64},/;

/** Removes what browsers ignore inside a URL scheme (whitespace and control characters) and lower-cases it. */
function schemeView(v: string): string {
  let out = '';
  for (let i = 0; i < v.length && out.length < 48; i++) {
    const c = v.charCodeAt(i);
    if (c <= 32 || c === 127) continue;
    out += v[i];
  }
  return out.toLowerCase();
}

/** True when a URL (or an attribute value) is a script URL. */
export function isScriptUrl(v: string): boolean {
  const s = schemeView(v);
  return SCRIPT_URL.test(s) && (s.startsWith('data') ? true : s.indexOf(':') !== -1);
}

const STYLE_ATTACK = /expression\s{0,8}\(|url\s{0,8}\(\s{0,8}['"]?\s{0,8}(?:java|vb)script|-moz-binding|behavior\s{0,8}:|@import/i;

function isEventHandler(name: string): boolean {
  return name.length >= 5 && name.charCodeAt(0) === 111 && name.charCodeAt(1) === 110 && /^on[a-z]{3,40}$/.test(name);
}

function attackingAttribute(a: HtmlAttribute): string | null {
  if (isEventHandler(a.name)) return 'event handler';
  if (!a.hasValue) return null;
  if ((URL_ATTRIBUTES.has(a.name) || a.name.endsWith(':href')) && isScriptUrl(a.value)) return 'script URL';
  if (a.name === 'style' && STYLE_ATTACK.test(a.value)) return 'script in style';
  if (a.name === 'srcdoc' || a.name === 'formaction') return a.name;
  return null;
}

function tagHit(s: string, tag: HtmlTag): XssHit | null {
  const ev = s.slice(tag.start, Math.min(tag.end, tag.start + 80));
  if (tag.name.startsWith('!') || tag.name.startsWith('?')) {
    return DANGEROUS_TAGS.has(tag.name) ? { evidence: ev, reason: `<${tag.name}` } : null;
  }
  for (const a of tag.attributes) {
    const why = attackingAttribute(a);
    if (why) return { evidence: ev, reason: `${why} on <${tag.name}>` };
  }
  if (DANGEROUS_TAGS.has(tag.name)) return { evidence: ev, reason: `<${tag.name}>` };
  return null;
}

/** Detects XSS in one (decoded) value; null when it reads as harmless in every context. */
export function detectXss(value: string): XssHit | null {
  if (value.length < 4) return null;
  // 1. HTML text context: tags
  if (value.indexOf('<') !== -1) {
    for (const tag of scanTags(value)) {
      const hit = tagHit(value, tag);
      if (hit) return hit;
    }
  }
  // 2. attribute context: a quote breaks out of a quoted attribute, whitespace out of an unquoted one; what
  //    follows is read as attributes (at most MAX_BREAKOUTS starting points, so the scan stays linear)
  let starts = 0;
  for (let i = 0; i < value.length && starts < MAX_BREAKOUTS; i++) {
    const c = value.charCodeAt(i);
    const quote = c === 34 || c === 39 || c === 96;
    if (!quote && !(i === 0 && c !== 60) && !(c === 32 && /^ {0,8}on[a-z]{3,40} {0,4}=/i.test(value.slice(i, i + 60)))) continue;
    starts++;
    const from = quote ? i + 1 : i;
    const { attributes } = readAttributes(value, from);
    for (const a of attributes) {
      if (!a.hasValue || a.value.trim() === '' || !attackingAttribute(a)) continue;
      // an unquoted start only counts for handlers separated by whitespace (`x onload=…`), not `a/onfoo=`
      if (!quote && i === 0 && !/(?:^|\s)on[a-z]{3,40}\s{0,4}=/i.test(value) && isEventHandler(a.name)) continue;
      return { evidence: value.slice(Math.max(0, from - 1), from + 80), reason: `attribute injection (${a.name})` };
    }
  }
  // 3. URL context: the whole value is a script URL
  if (isScriptUrl(value) && /[:(,]/.test(value)) return { evidence: value.slice(0, 80), reason: 'script URL' };
  return null;
}
