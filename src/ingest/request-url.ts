/**
 * Splits a request URL as sources record it (absolute `https://host/path?q`, or origin-form `/path?q`) into the
 * exchange's scheme, host and raw target. The target is kept as written (no dot-segment or percent
 * normalisation, unlike WHATWG `new URL`), because detection must see what was sent.
 */
import { normaliseHost } from '../core/index.js';
import { clip } from './clip.js';

export interface RequestUrl {
  readonly scheme: 'http' | 'https';
  /** Normalised authority; '' for origin-form URLs. */
  readonly host: string;
  /** Path and query as written, fragment dropped; `/` when the URL has no path. */
  readonly target: string;
}

/** The parts of `url`, or a reason string when it is not an HTTP(S) URL or origin-form target. */
export function splitRequestUrl(url: string, defaultScheme: 'http' | 'https' = 'http'): RequestUrl | string {
  if (url.length === 0) return 'empty URL';
  const first = url.charCodeAt(0);
  if (first === 0x2f /* / */) return { scheme: defaultScheme, host: '', target: stripFragment(url) };
  if (url === '*') return { scheme: defaultScheme, host: '', target: '*' };
  const sep = url.indexOf('://');
  if (sep <= 0 || !isScheme(url, sep)) {
    const colon = url.indexOf(':');
    if (colon > 0 && isScheme(url, colon)) return `unsupported URL scheme "${url.slice(0, colon).toLowerCase()}:" (only http, https, ws and wss)`;
    return `"${clip(url)}" is neither an absolute http(s) URL nor a /path`;
  }
  const raw = url.slice(0, sep).toLowerCase();
  let scheme: 'http' | 'https';
  if (raw === 'http' || raw === 'ws') scheme = 'http';
  else if (raw === 'https' || raw === 'wss') scheme = 'https';
  else return `unsupported URL scheme "${raw}:" (only http, https, ws and wss)`;
  const authStart = sep + 3;
  let authEnd = url.length;
  for (let i = authStart; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x23) {
      authEnd = i;
      break;
    }
  }
  let authority = url.slice(authStart, authEnd);
  // credentials in the URL are never kept
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  let target = stripFragment(url.slice(authEnd));
  if (target === '') target = '/';
  else if (target.charCodeAt(0) === 0x3f /* ? */) target = `/${target}`;
  return { scheme, host: normaliseHost(authority, scheme), target };
}

function stripFragment(s: string): string {
  const hash = s.indexOf('#');
  return hash === -1 ? s : s.slice(0, hash);
}

function isScheme(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20;
    const alpha = c >= 0x61 && c <= 0x7a;
    if (i === 0 ? !alpha : !(alpha || (s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) || s[i] === '+' || s[i] === '-' || s[i] === '.')) return false;
  }
  return end > 0;
}

