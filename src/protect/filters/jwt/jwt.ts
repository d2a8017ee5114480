/**
 * The JWT filter (request-headers phase): `Authorization: Bearer <jwt>` must carry a token signed with an allowed
 * algorithm by the configured key (HS secret, PEM public key, or a JWKS file), with valid `exp`/`nbf` (within the
 * clock tolerance) and, when configured, `iss`/`aud`. Verification is jose's; the filter adds the policy:
 * - `alg: none` and algorithms outside the list are refused before any cryptography (`jwt.alg`);
 * - algorithm confusion (an HS token "signed" with an RSA public key) cannot verify: the key type fixes the
 *   family (a public key never verifies HS*, the configuration refuses mixing the two families);
 * - verified tokens are cached (bounded, until their `exp`), failures briefly, so a client re-sending the same
 *   token costs a map probe, not a signature check.
 * Rule ids: `jwt.missing`, `jwt.malformed`, `jwt.alg`, `jwt.signature`, `jwt.expired`, `jwt.claims` (all 401).
 */
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { RampartError } from '../../../core/errors.js';
import { CONTINUE, type StopVerdict } from '../../../core/verdict.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';

/** Key material as read from the configuration's files / environment (by `read-config.ts`). */
export type JwtKeyMaterial =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'pem'; readonly pem: string; readonly file: string }
  | { readonly kind: 'jwks'; readonly json: string; readonly file: string };

export interface JwtFilterOptions {
  readonly key: JwtKeyMaterial;
  readonly algorithms: readonly string[];
  readonly issuer?: readonly string[];
  readonly audience?: readonly string[];
  readonly clockToleranceSec: number;
  readonly header: string;
  readonly required: boolean;
  readonly status: (rule: string, fallback: number) => number;
  /** Injected clock (ms). */
  readonly now?: () => number;
  /** Most cached tokens (default 10,000). */
  readonly cacheSize?: number;
}

interface CacheEntry {
  /** ms after which the entry is stale. */
  readonly until: number;
  readonly verdict: FilterVerdict;
}

const MAX_TOKEN = 16 * 1024;
const FAILURE_TTL_MS = 60_000;

/** Builds the verification key; throws `E_GATEWAY_KEY` (with the file) when the material is unusable. */
export function importJwtKey(key: JwtKeyMaterial): KeyObject | JWTVerifyGetKey {
  try {
    if (key.kind === 'secret') {
      const bytes = Buffer.from(key.secret, 'utf8');
      if (bytes.length < 32) throw new RampartError('E_GATEWAY_KEY', `the HS secret has ${bytes.length} bytes; at least 32 are needed`);
      return createSecretKey(bytes);
    }
    if (key.kind === 'pem') {
      const k = createPublicKey(key.pem);
      return k;
    }
    const parsed = JSON.parse(key.json) as JSONWebKeySet;
    if (!parsed || !Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new RampartError('E_GATEWAY_KEY', 'the JWKS has no "keys" array', { location: key.file });
    for (const [i, k] of parsed.keys.entries()) {
      if (k.kty === 'oct') throw new RampartError('E_GATEWAY_KEY', `keys[${i}] is a symmetric (oct) key: a JWKS here holds public keys only`, { location: key.file });
      if ('d' in k) throw new RampartError('E_GATEWAY_KEY', `keys[${i}] holds a private key: publish only the public part`, { location: key.file });
    }
    return createLocalJWKSet(parsed);
  } catch (err) {
    if (err instanceof RampartError) throw err;
    const where = key.kind === 'secret' ? undefined : key.file;
    throw new RampartError('E_GATEWAY_KEY', `cannot read the ${key.kind === 'jwks' ? 'JWKS' : key.kind === 'pem' ? 'PEM public key' : 'secret'}: ${(err as Error).message}`, {
      ...(where ? { location: where } : {}),
      cause: err,
    });
  }
}

export function createJwtFilter(options: JwtFilterOptions): Filter {
  const key = importJwtKey(options.key);
  const algorithms = options.algorithms.filter((a) => a !== 'none');
  const allowed = new Set(algorithms);
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new Map<string, CacheEntry>();
  const stop = (rule: string, reason: string): StopVerdict =>
    Object.freeze({ action: 'block', rule, status: options.status(rule, 401), reason, headers: { 'www-authenticate': `Bearer error="invalid_token"` } });
  const missing: StopVerdict = Object.freeze({ action: 'block', rule: 'jwt.missing', status: options.status('jwt.missing', 401), reason: 'a bearer token is required', headers: { 'www-authenticate': 'Bearer' } });
  const malformed = stop('jwt.malformed', 'the bearer token is not a JWS compact JWT');
  const verifyOptions = {
    algorithms,
    clockTolerance: options.clockToleranceSec,
    ...(options.issuer ? { issuer: [...options.issuer] } : {}),
    ...(options.audience ? { audience: [...options.audience] } : {}),
  };

  const remember = (token: string, entry: CacheEntry): FilterVerdict => {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(token, entry);
    return entry.verdict;
  };

  const verify = async (token: string, t: number): Promise<FilterVerdict> => {
    try {
      const { payload } = await jwtVerify(token, key as KeyObject, { ...verifyOptions, currentDate: new Date(t) });
      const expMs = typeof payload.exp === 'number' ? (payload.exp + options.clockToleranceSec) * 1000 : t + 3_600_000;
      const nbfMs = typeof payload.nbf === 'number' ? (payload.nbf - options.clockToleranceSec) * 1000 : 0;
      // a token not yet valid is not cached as valid
      if (nbfMs > t) return CONTINUE;
      return remember(token, { until: Math.min(expMs, t + 3_600_000), verdict: CONTINUE });
    } catch (err) {
      let v: StopVerdict;
      if (err instanceof joseErrors.JWTExpired) v = stop('jwt.expired', 'the token has expired (exp)');
      else if (err instanceof joseErrors.JWTClaimValidationFailed) v = stop('jwt.claims', `the token's "${err.claim}" claim is not accepted`);
      else if (err instanceof joseErrors.JWSSignatureVerificationFailed) v = stop('jwt.signature', 'the token signature does not verify');
      else if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) v = stop('jwt.alg', 'the token algorithm is not allowed');
      else if (err instanceof joseErrors.JWKSNoMatchingKey) v = stop('jwt.signature', 'no key of the JWKS matches the token (kid/alg)');
      else v = malformed;
      return remember(token, { until: t + FAILURE_TTL_MS, verdict: v });
    }
  };

  return {
    name: 'jwt',
    phase: 'request-headers',
    evaluate(tx: Transaction) {
      const h = tx.header(options.header);
      if (h === undefined || h.length === 0) return options.required ? missing : CONTINUE;
      const sp = h.indexOf(' ');
      if (sp === -1 || h.slice(0, sp).toLowerCase() !== 'bearer') return options.header === 'authorization' && !options.required ? CONTINUE : malformed;
      const token = h.slice(sp + 1).trim();
      if (token.length === 0 || token.length > MAX_TOKEN) return malformed;
      const t = now();
      const hit = cache.get(token);
      if (hit !== undefined) {
        if (hit.until > t) return hit.verdict;
        // stale: verified again below (an expired token then fails with jwt.expired)
        cache.delete(token);
      }
      let alg: unknown;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch {
        return remember(token, { until: t + FAILURE_TTL_MS, verdict: malformed });
      }
      if (typeof alg !== 'string' || !allowed.has(alg)) {
        return remember(token, { until: t + FAILURE_TTL_MS, verdict: stop('jwt.alg', `the token algorithm ${JSON.stringify(String(alg).slice(0, 20))} is not allowed`) });
      }
      return verify(token, t);
    },
  };
}
