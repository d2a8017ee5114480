/**
 * The rate-limit filter (request-headers phase), one per rule: the client key (IP, API key, JWT subject, or any
 * header) — and, for `scope: endpoint`, the operation — selects a limiter state in a bounded store; an exhausted
 * quota blocks with `ratelimit.<id>` (429, `Retry-After`, `RateLimit`, `RateLimit-Policy`); allowed requests get
 * the two rate-limit fields too when `headers` is on.
 *
 * Keys: a request without the configured API key / header / JWT is keyed by its client IP instead (so omitting
 * the credential never escapes the limit). `jwt-sub` reads the token's `sub` without verifying it: put the `jwt`
 * filter in block mode in front so only verified tokens get here. Keys longer than 128 characters are hashed.
 */
import { createHash } from 'node:crypto';
import type { StopVerdict } from '../../../core/verdict.js';
import type { RateLimitKey, RateLimitRule } from '../../config/gateway-config.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';
import { createKeyStore, type KeyStore } from './key-store.js';
import { createLimiter, type Limiter } from './limiter.js';
import { limitField, policyField, retryAfterSeconds } from './ratelimit-fields.js';

export interface RateLimitFilterOptions {
  readonly rule: RateLimitRule;
  readonly maxKeys: number;
  /** Add `RateLimit`/`RateLimit-Policy` to allowed responses. */
  readonly headers: boolean;
  readonly status: (rule: string, fallback: number) => number;
  readonly now?: () => number;
  /** A store kept from the previous configuration (hot reload keeps counters of unchanged rules). */
  readonly store?: KeyStore;
}

export interface RateLimitFilter extends Filter {
  readonly ruleId: string;
  readonly store: KeyStore;
  /** Identity of the rule's limiting behaviour: same signature → the store can be carried over on reload. */
  readonly signature: string;
}

export function ruleSignature(rule: RateLimitRule): string {
  return JSON.stringify([rule.rate.count, rule.rate.perMs, rule.burst, rule.algorithm, rule.key, rule.scope, rule.endpoints ?? null]);
}

/** The client part of the key. */
export function clientKey(key: RateLimitKey, tx: Transaction): string {
  let v: string | undefined;
  switch (key.kind) {
    case 'ip':
      return tx.clientIp;
    case 'api-key':
    case 'header':
      v = tx.header(key.header);
      break;
    case 'jwt-sub':
      v = jwtSubject(tx.header(key.header));
      break;
  }
  if (v === undefined || v.length === 0) return `ip:${tx.clientIp}`;
  return v.length > 128 ? `h:${createHash('sha256').update(v).digest('base64url')}` : `k:${v}`;
}

/** `sub` of a bearer JWT, decoded (not verified); undefined when absent or malformed. */
export function jwtSubject(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const sp = header.indexOf(' ');
  const token = sp === -1 ? header : header.slice(sp + 1);
  const a = token.indexOf('.');
  const b = token.indexOf('.', a + 1);
  if (a <= 0 || b <= a || b - a > 8192) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(token.slice(a + 1, b), 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof payload?.sub === 'string' ? `sub:${payload.sub}` : undefined;
  } catch {
    return undefined;
  }
}

export function createRateLimitFilter(options: RateLimitFilterOptions): RateLimitFilter {
  const { rule } = options;
  const limiter: Limiter = createLimiter(rule);
  const store = options.store ?? createKeyStore(limiter, options.maxKeys);
  const now = options.now ?? Date.now;
  const ruleId = `ratelimit.${rule.id}`;
  const status = options.status(ruleId, 429);
  const policy = policyField(rule.id, limiter.quota, limiter.windowSec);
  const perEndpoint = rule.scope === 'endpoint';
  const reason = `rate limit ${rule.rate.text} exceeded`;
  return {
    name: 'rateLimit',
    phase: 'request-headers',
    ruleId,
    store,
    signature: ruleSignature(rule),
    evaluate(tx: Transaction): FilterVerdict {
      const ck = clientKey(rule.key, tx);
      const key = perEndpoint ? `${tx.routeKey}\u0000${ck}` : ck;
      const t = now();
      const r = limiter.take(store.get(key, t), t);
      if (r.allowed) {
        return options.headers ? { action: 'continue', headers: { 'ratelimit-policy': policy, ratelimit: limitField(rule.id, r.remaining, r.resetMs) } } : CONTINUE_PLAIN;
      }
      const v: StopVerdict = {
        action: 'block',
        rule: ruleId,
        status,
        reason,
        headers: { 'retry-after': retryAfterSeconds(r.retryAfterMs), 'ratelimit-policy': policy, ratelimit: limitField(rule.id, 0, r.resetMs) },
      };
      return v;
    },
  };
}

const CONTINUE_PLAIN: FilterVerdict = Object.freeze({ action: 'continue' });
