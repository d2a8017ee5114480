/**
 * The scripts of an HTML page: external `<script src>` (and `<link rel="modulepreload|preload" as="script">`)
 * resolved against the page URL, and inline script bodies. A small linear scanner (indexOf, no backtracking),
 * enough for script tags; pure.
 */
import { resolveUrl as resolve } from './resolve-url.js';

export interface PageScripts {
  /** Absolute URLs of external scripts, in page order, without duplicates. */
  readonly external: readonly string[];
  /** Inline JavaScript bodies, in page order. */
  readonly inline: readonly string[];
  /** The page is a Swagger UI / ReDoc / RapiDoc page (an API documentation viewer). */
  readonly apiDocViewer: boolean;
}

const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'text/babel']);
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Attributes of a start tag's inside (`src="a.js" defer`), names lower-cased. */
export function parseAttributes(tagInside: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tagInside.matchAll(ATTR)) {
    const name = (m[1] as string).toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

function decodeEntities(s: string): string {
  return s.indexOf('&') === -1 ? s : s.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, e: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[e] ?? _);
}

/** Attribute `attr` of the first `<tag …>` in `html` that has it (e.g. ReDoc's `<redoc spec-url="…">`). */
export function findTagAttribute(html: string, tag: string, attr: string): string | undefined {
  const lower = html.toLowerCase();
  const needle = `<${tag.toLowerCase()}`;
  let at = 0;
  while (at < lower.length) {
    const open = lower.indexOf(needle, at);
    if (open === -1) return undefined;
    const close = lower.indexOf('>', open);
    if (close === -1) return undefined;
    const value = parseAttributes(html.slice(open + needle.length, close)).get(attr.toLowerCase());
    if (value !== undefined) return value;
    at = close + 1;
  }
  return undefined;
}

/** Finds the scripts of `html` (served at `pageUrl`); at most `limit` of each kind. */
export function extractScripts(html: string, pageUrl: string, limit = 64): PageScripts {
  const lower = html.toLowerCase();
  const external: string[] = [];
  const inline: string[] = [];
  let at = 0;
  while (at < lower.length) {
    const open = lower.indexOf('<script', at);
    if (open === -1) break;
    const after = lower.charCodeAt(open + 7);
    // `<scripts>` or `<script-x>` are other tags
    if (!(after === 0x3e || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d || after === 0x2f)) {
      at = open + 7;
      continue;
    }
    const close = lower.indexOf('>', open);
    if (close === -1) break;
    const attrs = parseAttributes(html.slice(open + 7, close));
    const end = lower.indexOf('</script', close + 1);
    const bodyEnd = end === -1 ? lower.length : end;
    const type = (attrs.get('type') ?? '').trim().toLowerCase();
    if (JS_TYPES.has(type)) {
      const src = attrs.get('src');
      if (src !== undefined) {
        const abs = resolve(src, pageUrl);
        if (abs && !external.includes(abs) && external.length < limit) external.push(abs);
      } else {
        const body = html.slice(close + 1, bodyEnd);
        if (body.trim() && inline.length < limit) inline.push(body);
      }
    }
    at = end === -1 ? lower.length : end + 8;
  }
  // preloaded modules are scripts too
  let l = 0;
  while (l < lower.length && external.length < limit) {
    const open = lower.indexOf('<link', l);
    if (open === -1) break;
    const close = lower.indexOf('>', open);
    if (close === -1) break;
    const attrs = parseAttributes(html.slice(open + 5, close));
    const rel = (attrs.get('rel') ?? '').toLowerCase();
    const href = attrs.get('href');
    if (href && (rel === 'modulepreload' || (rel === 'preload' && attrs.get('as') === 'script'))) {
      const abs = resolve(href, pageUrl);
      if (abs && !external.includes(abs)) external.push(abs);
    }
    l = close + 1;
  }
  const apiDocViewer = lower.includes('swagger-ui') || lower.includes('swaggeruibundle') || lower.includes('<redoc') || lower.includes('redoc.init') || lower.includes('<rapi-doc');
  return { external, inline, apiDocViewer };
}
