/**
 * The account a login or OTP request is about: a username/email field of a JSON or form body (top level or one
 * nested object), the same names in the query, or the HTTP Basic user. Never kept in clear: a keyed hash
 * identifies it, a masked form (`a***@example.com`, `j***`) is shown to people.
 */
import { headerValue, isJsonMediaType, mediaType, parseQuery, splitTarget, type Exchange } from '../../core/index.js';
import { redactValue } from '../../inventory/redact.js';
import { normaliseName } from './endpoint-roles.js';
import type { AccountRef } from './types.js';

/** Field names (normalised) that carry the account of a login. */
export const ACCOUNT_FIELDS: ReadonlySet<string> = new Set([
  'username', 'user', 'email', 'emailaddress', 'login', 'loginid', 'account', 'accountname', 'userid', 'mail', 'identifier',
  'phone', 'phonenumber', 'mobile', 'msisdn', 'principal', 'handle', 'customerid', 'membername',
]);

const MAX_BODY = 16_384;

function fromPairs(pairs: ReadonlyArray<readonly [string, string]>): string | undefined {
  for (const [n, v] of pairs) if (v && ACCOUNT_FIELDS.has(normaliseName(n))) return v;
  return undefined;
}

function fromJson(text: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const look = (o: unknown, depth: number): string | undefined => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
    const nested: unknown[] = [];
    for (const [k, child] of Object.entries(o)) {
      if ((typeof child === 'string' || typeof child === 'number') && String(child) !== '' && ACCOUNT_FIELDS.has(normaliseName(k))) return String(child);
      if (depth < 1 && typeof child === 'object') nested.push(child);
    }
    for (const n of nested) {
      const found = look(n, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return look(v, 0);
}

/** The raw account string of a request, or undefined. */
export function loginAccount(exchange: Exchange): string | undefined {
  const req = exchange.request;
  const body = req.body;
  if (body && body.encoding !== 'base64' && body.text.length > 0 && body.text.length <= MAX_BODY) {
    const media = mediaType(req.headers);
    const found =
      media === 'application/x-www-form-urlencoded'
        ? fromPairs(parseQuery(body.text, 100))
        : isJsonMediaType(media) || (media === '' && body.text.trimStart().startsWith('{'))
          ? fromJson(body.text)
          : undefined;
    if (found) return found.slice(0, 256);
  }
  const { query } = splitTarget(req.target);
  if (query) {
    const found = fromPairs(parseQuery(query, 100));
    if (found) return found.slice(0, 256);
  }
  const auth = headerValue(req.headers, 'authorization');
  if (auth && auth.slice(0, 6).toLowerCase() === 'basic ') {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return decoded.slice(0, Math.min(colon, 256));
  }
  return undefined;
}

/** A masked form of an account for people: emails keep their first letter and domain, others their first letter. */
export function maskAccount(account: string): string {
  if (account.indexOf('@') > 0) {
    const masked = redactValue(account, 'email');
    if (masked !== account) return masked;
  }
  const first = account.codePointAt(0);
  return first === undefined ? '***' : `${String.fromCodePoint(first)}***`;
}

/** The account reference of a request, hashed with `hash` (lower-cased, trimmed first). */
export function accountRef(exchange: Exchange, hash: (s: string) => string): AccountRef | undefined {
  const raw = loginAccount(exchange);
  if (raw === undefined) return undefined;
  const norm = raw.trim().toLowerCase();
  if (!norm) return undefined;
  return { hash: hash(`account\u0000${norm}`), masked: maskAccount(norm) };
}
