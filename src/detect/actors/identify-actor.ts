/**
 * Who sent an exchange: its client IP and subnet, the credentials it carries (a JWT's subject or session, an
 * API key, a session cookie, HTTP Basic) and its client fingerprint. The principal — the most specific of
 * these — is the actor most detectors count for: `sub:` > `key:` > `session:` > `basic:` > `ip:`.
 * Credentials are hashed (see `hash.ts`); JWTs are decoded, never verified (the gateway verifies them).
 */
import { headerValue, parseCookies, parseQuery, splitTarget, type ActorKind, type Exchange } from '../../core/index.js';
import { decodeJwt, isJwtShaped } from '../../inventory/decode-jwt.js';
import { isApiKeyHeaderName, isApiKeyQueryName, isSessionCookie } from '../../inventory/detect-auth.js';
import { fingerprintHeaders, type ClientFingerprint } from './client-fingerprint.js';
import { LruMap } from '../behaviour/lru-map.js';
import { SecretHasher } from './hash.js';
import { normaliseIp, subnetOf } from './ip-subnet.js';

export interface ActorIdentity {
  /** Normalised client IP, when the source knows it. */
  readonly ip?: string;
  /** `ip:<address>`, or `ip:unknown` when the source has no client address. */
  readonly ipKey: string;
  /** `net:<prefix>/24` or `/64`, when the IP is known. */
  readonly subnetKey?: string;
  readonly subjectKey?: string;
  readonly apiKeyKey?: string;
  readonly sessionKey?: string;
  readonly basicKey?: string;
  /** The most specific key above. */
  readonly principal: string;
  readonly principalKind: ActorKind;
  readonly fingerprint: ClientFingerprint;
}

export const UNKNOWN_IP_KEY = 'ip:unknown';

/** The kind an actor key names, from its prefix. */
export function actorKind(key: string): ActorKind {
  const c = key.indexOf(':');
  switch (c === -1 ? key : key.slice(0, c)) {
    case 'net':
      return 'subnet';
    case 'sub':
      return 'subject';
    case 'key':
      return 'api-key';
    case 'session':
      return 'session';
    case 'basic':
      return 'basic';
    case 'fp':
      return 'fingerprint';
    default:
      return 'ip';
  }
}

interface JwtFacts {
  readonly subject?: string;
  readonly session?: string;
}

const SAFE_SUBJECT = /^[A-Za-z0-9_.:|+-]{1,80}$/;

/** Identifies actors, with bounded caches for what repeats on every request of a client. */
export class ActorIdentifier {
  private readonly hasher: SecretHasher;
  private readonly jwtCache = new LruMap<JwtFacts>();
  private readonly cookieCache = new Map<string, string | null>();
  private readonly headerNameCache = new Map<string, boolean>();

  constructor(secretKey?: string) {
    this.hasher = new SecretHasher(secretKey);
  }

  /** A hash of a secret value (for accounts and other values that must not appear in clear). */
  hashSecret(value: string): string {
    return this.hasher.hash(value);
  }

  identify(exchange: Exchange): ActorIdentity {
    const req = exchange.request;
    const ip = normaliseIp(exchange.client.ip);
    const ipKey = ip === undefined ? UNKNOWN_IP_KEY : `ip:${ip}`;
    const subnetKey = ip === undefined ? undefined : `net:${subnetOf(ip)}`;
    let subjectKey: string | undefined;
    let sessionKey: string | undefined;
    let apiKeyKey: string | undefined;
    let basicKey: string | undefined;
    const headers = req.headers;
    for (let i = 0; i < headers.length; i++) {
      const [name, value] = headers[i] as readonly [string, string];
      if (name === 'authorization') {
        const v = value.trim();
        const sp = v.indexOf(' ');
        const scheme = sp === -1 ? '' : v.slice(0, sp).toLowerCase();
        const cred = sp === -1 ? v : v.slice(sp + 1).trim();
        if (!cred) continue;
        if (scheme === 'basic') basicKey ??= `basic:${this.hasher.hash(cred)}`;
        else {
          const f = this.jwtCache.get(cred) ?? (isJwtShaped(cred) ? this.jwt(cred) : undefined);
          if (f === undefined) apiKeyKey ??= `key:${this.hasher.hash(cred)}`;
          else if (f.subject) subjectKey ??= f.subject;
          else if (f.session) sessionKey ??= f.session;
          else apiKeyKey ??= `key:${this.hasher.hash(cred)}`;
        }
      } else if (name === 'cookie') {
        if (sessionKey === undefined && subjectKey === undefined) {
          const s = this.sessionFromCookies(value);
          if (s) {
            if (s.startsWith('sub:')) subjectKey = s;
            else sessionKey = s;
          }
        }
      } else if (apiKeyKey === undefined && this.isKeyHeader(name) && value.trim()) {
        const token = value.trim();
        if (isJwtShaped(token)) {
          const f = this.jwt(token);
          if (f.subject) subjectKey ??= f.subject;
          else apiKeyKey = `key:${this.hasher.hash(token)}`;
        } else apiKeyKey = `key:${this.hasher.hash(token)}`;
      }
    }
    if (apiKeyKey === undefined && subjectKey === undefined) {
      const q = req.target.indexOf('?');
      if (q !== -1 && /key=|token=|auth=|jwt=|secret=/i.test(req.target.slice(q))) {
        for (const [n, v] of parseQuery(splitTarget(req.target).query, 50)) {
          if (v && isApiKeyQueryName(n)) {
            apiKeyKey = `key:${this.hasher.hash(v)}`;
            break;
          }
        }
      }
    }
    const fingerprint = fingerprintHeaders(headers);
    let principal = ipKey;
    let principalKind: ActorKind = 'ip';
    if (subjectKey) {
      principal = subjectKey;
      principalKind = 'subject';
    } else if (apiKeyKey) {
      principal = apiKeyKey;
      principalKind = 'api-key';
    } else if (sessionKey) {
      principal = sessionKey;
      principalKind = 'session';
    } else if (basicKey) {
      principal = basicKey;
      principalKind = 'basic';
    }
    // a plain literal: object spreads cost microseconds on this path
    return { ip, ipKey, subnetKey, subjectKey, apiKeyKey, sessionKey, basicKey, principal, principalKind, fingerprint };
  }

  private isKeyHeader(name: string): boolean {
    let v = this.headerNameCache.get(name);
    if (v === undefined) {
      v = isApiKeyHeaderName(name);
      if (this.headerNameCache.size >= 2_000) this.headerNameCache.clear();
      this.headerNameCache.set(name, v);
    }
    return v;
  }

  private jwt(token: string): JwtFacts {
    let f = this.jwtCache.get(token);
    if (f !== undefined) return f;
    const d = decodeJwt(token);
    const claims = d?.claims ?? {};
    const sub = claims.sub;
    const sid = claims.sid ?? claims.session_id ?? claims.jti;
    let subject: string | undefined;
    if (typeof sub === 'string' && sub.length > 0) subject = SAFE_SUBJECT.test(sub) ? `sub:${sub}` : `sub:${this.hasher.hash(sub)}`;
    else if (typeof sub === 'number') subject = `sub:${sub}`;
    const session = typeof sid === 'string' && sid ? `session:${this.hasher.hash(sid)}` : undefined;
    f = { ...(subject ? { subject } : {}), ...(session ? { session } : {}) };
    this.jwtCache.set(token, f);
    if (this.jwtCache.size > 100_000) this.jwtCache.shift();
    return f;
  }

  /** `session:#…` for the first session cookie (`sub:` when it holds a JWT with a subject), or undefined. */
  private sessionFromCookies(header: string): string | undefined {
    const hit = this.cookieCache.get(header);
    if (hit !== undefined) return hit ?? undefined;
    let out: string | null = null;
    for (const [n, v] of parseCookies(header, 100)) {
      if (!v || !isSessionCookie(n, v)) continue;
      if (isJwtShaped(v)) {
        const f = this.jwt(v);
        out = f.subject ?? f.session ?? `session:${this.hasher.hash(v)}`;
      } else out = `session:${this.hasher.hash(v)}`;
      break;
    }
    if (this.cookieCache.size >= 10_000) this.cookieCache.clear();
    this.cookieCache.set(header, out);
    return out ?? undefined;
  }
}

/** The User-Agent of a request (first value). */
export function userAgentOf(exchange: Exchange): string | undefined {
  return headerValue(exchange.request.headers, 'user-agent');
}
