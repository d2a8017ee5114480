/**
 * Small pure helpers over the exchange model: header lookup, request-target splitting, query and cookie parsing.
 */
import type { Header } from './exchange.js';

/** First value of a header (name compared case-insensitively), or undefined. */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n === lower) return v;
  return undefined;
}

/** All values of a header, in order. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n === lower) out.push(v);
  return out;
}

/** Media type of a Content-Type header without parameters, lower-cased (`application/json`), or ''. */
export function mediaType(headers: readonly Header[]): string {
  const ct = headerValue(headers, 'content-type');
  if (!ct) return '';
  const semi = ct.indexOf(';');
  return (semi === -1 ? ct : ct.slice(0, semi)).trim().toLowerCase();
}

/** True for JSON media types: `application/json`, `application/problem+json`, `application/vnd.x+json`, `text/json`. */
export function isJsonMediaType(media: string): boolean {
  return media === 'application/json' || media === 'text/json' || media.endsWith('+json');
}

/** Splits a request-target into its raw path and raw query (without `?`; '' when absent). Fragments are dropped. */
export function splitTarget(target: string): { path: string; query: string } {
  const hash = target.indexOf('#');
  const t = hash === -1 ? target : target.slice(0, hash);
  const q = t.indexOf('?');
  return q === -1 ? { path: t, query: '' } : { path: t.slice(0, q), query: t.slice(q + 1) };
}

/** Percent-decodes a URL component; malformed escapes are kept as written instead of throwing. */
export function safeDecode(s: string, plusAsSpace = false): string {
  const v = plusAsSpace ? s.replace(/\+/g, ' ') : s;
  if (v.indexOf('%') === -1) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    // decode the valid %XX runs one by one, keep the rest (e.g. `%zz`, lone surrogates)
    return v.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Parses an `application/x-www-form-urlencoded` string (a query) into decoded name/value pairs, in order. */
export function parseQuery(query: string, limit = 10_000): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!query) return out;
  let start = 0;
  while (start <= query.length && out.length < limit) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start) {
      const part = query.slice(start, end);
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      out.push([safeDecode(name, true), safeDecode(value, true)]);
    }
    start = end + 1;
  }
  return out;
}

/** Parses a Cookie request header into name/value pairs, in order (RFC 6265 §5.4, lenient). */
export function parseCookies(cookieHeader: string | undefined, limit = 1_000): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!cookieHeader) return out;
  for (const part of cookieHeader.split(';')) {
    if (out.length >= limit) break;
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out.push([name, value]);
  }
  return out;
}

/** Normalises an authority: lower-case, default port for the scheme removed. */
export function normaliseHost(host: string, scheme: 'http' | 'https'): string {
  const h = host.trim().toLowerCase();
  if (scheme === 'http' && h.endsWith(':80')) return h.slice(0, -3);
  if (scheme === 'https' && h.endsWith(':443')) return h.slice(0, -4);
  return h;
}
