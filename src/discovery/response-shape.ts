/**
 * Judging answers by their shape: does a path answer like an API (JSON, an auth challenge, CORS) rather than
 * like the host's own "not found" page? A catch-all host (an SPA serving index.html everywhere, a gateway
 * answering JSON 404 to anything) is recognised by comparing with the answer to a path that cannot exist.
 */
import { headerValue, isJsonMediaType, mediaType } from '../core/index.js';
import type { FetchResult } from './types.js';

/** True when the answer is JSON (by media type, or a body that parses as a JSON object/array). */
export function isJsonResponse(r: FetchResult): boolean {
  if (isJsonMediaType(mediaType(r.headers))) return true;
  const t = r.body.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  return parseJson(r.body) !== undefined;
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** True when `r` looks like the host's not-found answer (same status and media type, same kind of body). */
export function isLikeNotFound(r: FetchResult, notFound: FetchResult): boolean {
  if (notFound.status === 0) return r.status === 404 || r.status === 0;
  if (r.status !== notFound.status) return false;
  if (mediaType(r.headers) !== mediaType(notFound.headers)) return false;
  // same template with the path echoed (`Cannot GET /x`, `{"path":"/x"}`) differs by a few bytes only
  return Math.abs(r.body.length - notFound.body.length) <= 200;
}

/** Why `r` looks like an API answer, or undefined: `JSON 401 with Bearer challenge`, `JSON 200`, … */
export function apiShape(r: FetchResult, notFound: FetchResult): string | undefined {
  if (r.status === 0 || isLikeNotFound(r, notFound)) return undefined;
  const challenge = headerValue(r.headers, 'www-authenticate');
  const scheme = challenge ? /^\s*([A-Za-z][\w-]{0,30})/.exec(challenge)?.[1] : undefined;
  const json = isJsonResponse(r);
  if ((r.status === 401 || r.status === 403) && (scheme || json)) return `${json ? 'JSON ' : ''}${r.status}${scheme ? ` with ${scheme} challenge` : ''}`;
  if (json && r.status < 500 && r.status !== 404) return `JSON ${r.status}`;
  if (json && r.status === 404 && !isJsonResponse(notFound)) return 'JSON 404 where other paths answer HTML';
  return undefined;
}
