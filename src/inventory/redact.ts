/**
 * Redaction of what Rampart stores and shows (samples, evidence, the gateway tap, reports): secrets,
 * passwords, credentials, card numbers, SSNs and IBANs never leave in clear; emails, phone numbers and birth
 * dates are partly masked; IP addresses are kept unless asked otherwise. The policy is in docs/redaction.md.
 *
 * Every function is idempotent (redacting twice gives the same text as once) and never throws: if something
 * unexpected happens inside, the value is replaced whole (fail closed) rather than returned in clear.
 */
import { headerValue, isJsonMediaType, safeDecode, type Header, type Sample } from '../core/index.js';
import { classifyValue, findSensitive, type ValueContext } from './classifiers/index.js';
import { HINT_PASSWORD, HINT_SECRET, nameHints } from './classifiers/name-hints.js';
import { REDACTED, maskAs, maskSecret, maskSpans, maskingType, type RedactOptions } from './redaction/mask.js';
import { redactForm } from './redaction/redact-form.js';
import { isSecretShaped } from './redaction/secret-shapes.js';
import { redactJson } from './redaction/redact-json.js';
import { redactMultipart } from './redaction/redact-multipart.js';

export { REDACTED, type RedactOptions } from './redaction/mask.js';

/** What a body that could not be processed is replaced with (fail closed). */
export const REDACTED_BODY = '[REDACTED: body could not be inspected]';

/** Headers whose whole value is a credential, whatever it looks like. */
const CREDENTIAL_HEADERS = new Set([
  'x-api-key', 'api-key', 'apikey', 'x-auth-token', 'x-access-token', 'x-amz-security-token', 'x-goog-api-key',
  'ocp-apim-subscription-key', 'private-token', 'x-vault-token', 'x-csrf-token', 'x-xsrf-token', 'x-session-token',
  'x-refresh-token', 'x-id-token', 'x-client-secret', 'x-shopify-access-token', 'x-figma-token', 'authentication',
]);
/** Headers that carry a URL whose query or user-info may hold secrets. */
const URL_HEADERS = new Set(['referer', 'location', 'content-location', 'x-original-url', 'x-rewrite-url', 'x-forwarded-uri']);

const BODY_CTX_REQUEST: ValueContext = { location: 'body', direction: 'request' };

/** The redaction of one decoded value under its name (shared by every location). */
function redactLeaf(value: string, name: string | undefined, options: RedactOptions, location: ValueContext['location'] = 'body'): string {
  if (value.length === 0) return value;
  const ctx: ValueContext = name === undefined ? { location, direction: 'request' } : { location, direction: 'request', name };
  const type = maskingType(classifyValue(value, ctx));
  if (type !== undefined) return maskAs(type, value, options);
  if (value.length < 6) return value;
  if (isSecretShaped(value)) return REDACTED;
  // under a name that says secret (`token`, `api_key`, `session`), a value of 8+ characters is masked even when it
  // does not look random: classification wants precision, redaction wants no leak
  if (name !== undefined && value.length >= 8 && nameHints(name) & HINT_SECRET && !value.includes(REDACTED) && !/^(?:\*+|null|undefined|true|false)$/i.test(value)) return maskSecret(value);
  return maskSpans(value, findSensitive(value, ctx), options);
}

/**
 * One value masked when it is sensitive under its name (a `password` field, a card number, a JWT) or holds
 * sensitive values in its text (an email inside a message). Returns `value` itself when there is nothing to
 * mask.
 *
 * @example redactValue('4111 1111 1111 1111') // '**** **** **** 1111'
 * @example redactValue('hunter2', 'password') // '[REDACTED]'
 */
export function redactValue(value: string, name?: string, options: RedactOptions = {}): string {
  if (typeof value !== 'string') return value;
  try {
    return redactLeaf(value, name, options);
  } catch {
    return REDACTED;
  }
}

/** `Authorization`-style value: the scheme kept, the credential masked (`Bearer [REDACTED]`). */
function redactAuthorization(value: string): string {
  const v = value.trim();
  if (!v) return value;
  const sp = v.indexOf(' ');
  if (sp <= 0 || sp > 32) return REDACTED;
  const scheme = v.slice(0, sp);
  return /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED;
}

/** `Cookie` header: names kept, every value masked. */
function redactCookieHeader(value: string): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq === -1) return part.trim() ? part.replace(part.trim(), REDACTED) : part;
      return part.slice(eq + 1).trim() === '' ? part : `${part.slice(0, eq)}=${REDACTED}`;
    })
    .join(';');
}

/** `Set-Cookie` header (one cookie per line when several were folded): the value masked, attributes kept. */
function redactSetCookie(value: string): string {
  return value
    .split('\n')
    .map((line) => {
      const semi = line.indexOf(';');
      const pair = semi === -1 ? line : line.slice(0, semi);
      const rest = semi === -1 ? '' : line.slice(semi);
      const eq = pair.indexOf('=');
      if (eq === -1) return pair.trim() ? REDACTED + rest : line;
      return pair.slice(eq + 1).trim() === '' ? line : `${pair.slice(0, eq)}=${REDACTED}${rest}`;
    })
    .join('\n');
}

/**
 * An absolute URL with user-info passwords, sensitive path segments and sensitive query values masked. A
 * request-target (`/…`) is redacted as by {@link redactTarget}; anything else as free text.
 */
export function redactUrl(url: string, options: RedactOptions = {}): string {
  if (typeof url !== 'string') return url;
  try {
    const sch = url.indexOf('://');
    if (sch === -1 || sch > 16) return url.startsWith('/') || url.startsWith('?') ? redactTargetUnsafe(url, options) : redactText(url, options);
    const authStart = sch + 3;
    let authEnd = authStart;
    while (authEnd < url.length && !'/?#'.includes(url[authEnd] as string)) authEnd++;
    let authority = url.slice(authStart, authEnd);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      const masked = colon === -1 ? redactLeaf(safeDecode(userinfo), 'token', options) : `${userinfo.slice(0, colon)}:${REDACTED}`;
      authority = `${masked === safeDecode(userinfo) ? userinfo : masked}${authority.slice(at)}`;
    }
    return url.slice(0, authStart) + authority + redactTargetUnsafe(url.slice(authEnd), options);
  } catch {
    return REDACTED;
  }
}

/** Request headers or response headers with credentials masked: names and order kept. */
export function redactHeaders(headers: readonly Header[], options: RedactOptions = {}): Header[] {
  const out: Header[] = [];
  for (const h of headers) {
    const [rawName, value] = h;
    if (typeof value !== 'string' || value === '') {
      out.push([rawName, value]);
      continue;
    }
    const name = rawName.toLowerCase();
    let masked: string;
    try {
      if (name === 'authorization' || name === 'proxy-authorization') masked = redactAuthorization(value);
      else if (name === 'cookie') masked = redactCookieHeader(value);
      else if (name === 'set-cookie') masked = redactSetCookie(value);
      else if (CREDENTIAL_HEADERS.has(name) || nameHints(name) & (HINT_SECRET | HINT_PASSWORD)) masked = maskSecret(value);
      else if (URL_HEADERS.has(name)) masked = redactUrl(value, options);
      else masked = redactLeaf(value, name, options, 'header');
    } catch {
      masked = REDACTED;
    }
    out.push([rawName, masked]);
  }
  return out;
}

function redactPath(path: string, options: RedactOptions): string {
  if (path.length < 6) return path;
  const segments = path.split('/');
  let changed = false;
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i] as string;
    if (raw.length < 6) continue;
    const value = safeDecode(raw);
    const masked = redactLeaf(value, undefined, options, 'path');
    if (masked !== value) {
      segments[i] = encodeURIComponent(masked).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%40/g, '@').replace(/%2A/g, '*');
      changed = true;
    }
  }
  return changed ? segments.join('/') : path;
}

function redactTargetUnsafe(target: string, options: RedactOptions): string {
  const hash = target.indexOf('#');
  const beforeHash = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? undefined : target.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  const path = q === -1 ? beforeHash : beforeHash.slice(0, q);
  const query = q === -1 ? undefined : beforeHash.slice(q + 1);
  const queryLeaf = (v: string, name: string | undefined, o: RedactOptions): string => redactLeaf(v, name, o, 'query');
  let out = redactPath(path, options);
  if (query !== undefined) out += `?${redactForm(query, queryLeaf, options)}`;
  // fragments carry tokens in OAuth implicit flows (`#access_token=…`)
  if (fragment !== undefined) out += `#${fragment.includes('=') ? redactForm(fragment, queryLeaf, options) : redactLeaf(safeDecode(fragment), undefined, options)}`;
  return out;
}

/**
 * A request-target (`/path?query`, or an absolute URL) with sensitive query values masked under their
 * parameter names (`?password=[REDACTED]`, `?card=************1111`) and sensitive path segments masked
 * (`/users/a***@example.com`).
 */
export function redactTarget(target: string, options: RedactOptions = {}): string {
  if (typeof target !== 'string' || target === '') return target;
  try {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]{0,15}:\/\//.test(target)) return redactUrl(target, options);
    return redactTargetUnsafe(target, options);
  } catch {
    return REDACTED;
  }
}

function redactText(text: string, options: RedactOptions): string {
  return maskSpans(text, findSensitive(text, BODY_CTX_REQUEST), options);
}

function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length && i < 64; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
    return c === 123 || c === 91;
  }
  return false;
}

/**
 * A body text with sensitive values masked. JSON (by media type, or by content when the type is missing or
 * `text/plain`) is walked structurally; form bodies by field; multipart bodies by part; JSON lines line by line;
 * anything else — and invalid or oversized JSON — by the free-text scan. `mediaType` may include parameters
 * (`application/json; charset=utf-8`).
 */
export function redactBody(text: string, mediaType: string, options: RedactOptions = {}): string {
  if (typeof text !== 'string' || text === '') return text;
  try {
    const media = (mediaType ?? '').split(';')[0]!.trim().toLowerCase();
    const leaf = (v: string, name: string | undefined, o: RedactOptions): string => redactLeaf(v, name, o, 'body');
    if (isJsonMediaType(media) || ((media === '' || media === 'text/plain' || media === 'application/octet-stream') && looksLikeJson(text))) {
      const r = redactJson(text, leaf, options);
      if (r !== undefined) return r;
      return redactText(text, options);
    }
    if (media === 'application/x-ndjson' || media === 'application/jsonl' || media === 'application/x-jsonlines' || media === 'application/json-seq') {
      return text
        .split('\n')
        .map((line) => (line.trim() ? (redactJson(line, leaf, options) ?? redactText(line, options)) : line))
        .join('\n');
    }
    if (media === 'application/x-www-form-urlencoded') return redactForm(text, leaf, options);
    if (media === 'multipart/form-data') {
      const r = redactMultipart(text, leaf, (t) => redactText(t, options), options);
      if (r !== undefined) return r;
    }
    return redactText(text, options);
  } catch {
    return REDACTED_BODY;
  }
}


/**
 * A sample (a stored example request/response) with its target, headers and bodies redacted; the body media
 * types come from the sample's own `content-type` headers.
 */
export function redactSample(sample: Sample, options: RedactOptions = {}): Sample {
  const out: { -readonly [K in keyof Sample]: Sample[K] } = {
    ...sample,
    target: redactTarget(sample.target, options),
    requestHeaders: redactHeaders(sample.requestHeaders, options),
  };
  if (sample.requestBody !== undefined) out.requestBody = redactBody(sample.requestBody, headerValue(sample.requestHeaders, 'content-type') ?? '', options);
  if (sample.responseHeaders !== undefined) out.responseHeaders = redactHeaders(sample.responseHeaders, options);
  if (sample.responseBody !== undefined) out.responseBody = redactBody(sample.responseBody, headerValue(sample.responseHeaders ?? [], 'content-type') ?? '', options);
  return out;
}
