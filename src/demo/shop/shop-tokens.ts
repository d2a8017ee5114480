/**
 * The demo shop's access tokens: RS256 JWTs signed with a key pair made at start-up, published as a JWKS.
 * The hardened verifier accepts RS256 with a valid signature and an unexpired `exp` only. The vulnerable one
 * reproduces four classic mistakes on purpose: it trusts the header's `alg` (so `none` passes, and HS256 is
 * checked with the public key as HMAC secret — key confusion — or with the legacy secret `changeme`), it skips
 * verification when the signature is empty, and it never looks at `exp`.
 */
import { createHmac, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface TokenClaims {
  readonly sub: number;
  readonly email: string;
  readonly role: string;
  readonly iat: number;
  readonly exp: number;
}

export interface ShopTokens {
  readonly jwks: { keys: Array<Record<string, unknown>> };
  sign(claims: Omit<TokenClaims, 'iat' | 'exp'>, expiresInSeconds?: number, nowMs?: number): string;
  /** Claims of a token that verifies (as the mode's verifier sees it), or undefined. */
  verify(token: string, nowMs: number): TokenClaims | undefined;
  /** Claims read without any verification (what a careless handler does). */
  decodeUnverified(token: string): TokenClaims | undefined;
}

/** The legacy HMAC secret the vulnerable verifier still accepts (a dictionary word on purpose). */
const LEGACY_SECRET = 'changeme';

export function createShopTokens(vulnerable: boolean): ShopTokens {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, alg: 'RS256', use: 'sig' };

  const sign = (claims: Omit<TokenClaims, 'iat' | 'exp'>, expiresInSeconds = 3600, nowMs = Date.now()): string => {
    const iat = Math.floor(nowMs / 1000);
    const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const payload = b64(JSON.stringify({ ...claims, iat, exp: iat + expiresInSeconds }));
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    return `${header}.${payload}.${signer.sign(privateKey).toString('base64url')}`;
  };

  const verify = (token: string, nowMs: number): TokenClaims | undefined => {
    const parts = split(token);
    if (!parts) return undefined;
    const [h, p, s, header, claims] = parts;
    if (vulnerable) {
      const alg = String(header.alg);
      if (alg.toLowerCase() === 'none') return claims;
      if (alg === 'RS256') return s === '' || rsaOk(h, p, s, publicKey) ? claims : undefined;
      if (alg === 'HS256') return hmacOk(h, p, s, publicPem) || hmacOk(h, p, s, LEGACY_SECRET) ? claims : undefined;
      return undefined;
    }
    if (header.alg !== 'RS256' || header.kid !== kid || !rsaOk(h, p, s, publicKey)) return undefined;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return undefined;
    return claims;
  };

  return {
    jwks: { keys: [jwk] },
    sign,
    verify,
    decodeUnverified: (token) => split(token)?.[4],
  };
}

function b64(s: string): string {
  return Buffer.from(s).toString('base64url');
}

function split(token: string): [string, string, string, Record<string, unknown>, TokenClaims] | undefined {
  if (token.length > 8192) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as TokenClaims;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object' || typeof claims.sub !== 'number') return undefined;
    return [h, p, s, header, claims];
  } catch {
    return undefined;
  }
}

function rsaOk(h: string, p: string, s: string, key: KeyObject): boolean {
  if (!s) return false;
  const v = createVerify('RSA-SHA256');
  v.update(`${h}.${p}`);
  try {
    return v.verify(key, Buffer.from(s, 'base64url'));
  } catch {
    return false;
  }
}

function hmacOk(h: string, p: string, s: string, secret: string): boolean {
  return createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url') === s;
}
