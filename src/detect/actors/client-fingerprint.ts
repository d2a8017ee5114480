/**
 * A client fingerprint from what an exchange shows without TLS: the header names in their order, the
 * User-Agent family (not its version), and the Accept / Accept-Encoding / Accept-Language values. Two clients
 * built from the same HTTP stack share it even when they rotate IP addresses and User-Agent versions; a real
 * browser and a script claiming to be one do not.
 */
import type { Header } from '../../core/index.js';
import { fnv1a, hex8 } from './hash.js';
import { classifyUserAgent, type UserAgentInfo } from './user-agent.js';

export interface ClientFingerprint {
  /** `fp:` + 8 hex digits. */
  readonly key: string;
  readonly ua: UserAgentInfo;
  readonly userAgent: string | undefined;
  /** Header presence, read by the bot detector. */
  readonly hasAccept: boolean;
  readonly hasAcceptLanguage: boolean;
  readonly hasAcceptEncoding: boolean;
  readonly hasSecFetch: boolean;
  readonly hasSecChUa: boolean;
  readonly hasCookie: boolean;
  readonly hasReferer: boolean;
  /** Position of `user-agent` among the request's headers (0-based, pseudo-headers and `host` skipped); -1 when absent. */
  readonly uaPosition: number;
  /** Number of headers (pseudo-headers skipped). */
  readonly headerCount: number;
}

/** Headers that differ per request or per deployment and say nothing about the client's HTTP stack. */
const VOLATILE = new Set([
  'content-length', 'content-type', 'authorization', 'cookie', 'referer', 'origin', 'cache-control', 'pragma', 'priority',
  'sec-fetch-user', 'upgrade-insecure-requests', 'x-api-key', 'x-request-id', 'x-forwarded-for', 'x-forwarded-proto',
  'x-forwarded-host', 'x-real-ip', 'forwarded', 'via', 'x-amzn-trace-id', 'traceparent', 'tracestate', 'if-none-match',
  'if-modified-since', 'if-match', 'if-unmodified-since', 'range', 'x-csrf-token', 'x-xsrf-token',
]);

const uaCache = new Map<string, UserAgentInfo>();
const UA_CACHE_MAX = 5_000;

function uaInfo(ua: string | undefined): UserAgentInfo {
  const k = ua ?? '';
  const hit = uaCache.get(k);
  if (hit) return hit;
  const info = classifyUserAgent(ua);
  if (uaCache.size >= UA_CACHE_MAX) uaCache.clear();
  uaCache.set(k, info);
  return info;
}

const keyCache = new Map<number, string>();

/** `fp:` + 8 hex digits, the strings cached (fingerprints repeat on every request of a client). */
function fingerprintKey(h: number): string {
  let k = keyCache.get(h);
  if (k === undefined) {
    k = `fp:${hex8(h)}`;
    if (keyCache.size >= 50_000) keyCache.clear();
    keyCache.set(h, k);
  }
  return k;
}

/** Computes the fingerprint of a request's headers (one pass, no allocation beyond the result). */
export function fingerprintHeaders(headers: readonly Header[]): ClientFingerprint {
  let h = 0x811c9dc5;
  let userAgent: string | undefined;
  let accept = false;
  let acceptLanguage = false;
  let acceptEncoding = false;
  let secFetch = false;
  let secChUa = false;
  let cookie = false;
  let referer = false;
  let uaPosition = -1;
  let count = 0;
  let acceptValue = '';
  let encodingValue = '';
  let languageValue = '';
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as Header;
    if (name.charCodeAt(0) === 58) continue; // HTTP/2 pseudo-headers (:authority) in HAR exports
    switch (name) {
      case 'user-agent':
        if (userAgent === undefined) {
          userAgent = value;
          uaPosition = count;
        }
        break;
      case 'accept':
        accept = true;
        acceptValue = value;
        break;
      case 'accept-language':
        acceptLanguage = true;
        languageValue = value;
        break;
      case 'accept-encoding':
        acceptEncoding = true;
        encodingValue = value;
        break;
      case 'cookie':
        cookie = true;
        break;
      case 'referer':
        referer = true;
        break;
      case 'host':
        continue;
      default:
        if (name.startsWith('sec-fetch-')) secFetch = true;
        else if (name.startsWith('sec-ch-ua')) secChUa = true;
    }
    count++;
    if (VOLATILE.has(name)) continue;
    h = fnv1a(name, h);
    h = Math.imul(h ^ 0x2c, 0x01000193) >>> 0;
  }
  const ua = uaInfo(userAgent);
  h = fnv1a(ua.family, h);
  h = fnv1a(acceptValue.length > 200 ? acceptValue.slice(0, 200) : acceptValue, h);
  h = fnv1a(encodingValue.length > 100 ? encodingValue.slice(0, 100) : encodingValue, h);
  // the language set, not its q-values: browsers of one product differ by locale
  h = fnv1a(languageValue.length > 0 ? 'lang' : '', h);
  return {
    key: fingerprintKey(h >>> 0),
    ua,
    userAgent,
    hasAccept: accept,
    hasAcceptLanguage: acceptLanguage,
    hasAcceptEncoding: acceptEncoding,
    hasSecFetch: secFetch,
    hasSecChUa: secChUa,
    hasCookie: cookie,
    hasReferer: referer,
    uaPosition,
    headerCount: count,
  };
}
