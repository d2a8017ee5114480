import { createHmac, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createShopTokens } from './shop-tokens.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const hs256 = (header: object, claims: object, key: string) => {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
};

describe('demo shop tokens', () => {
  const claims = { sub: 2, email: 'a@x', role: 'customer' };
  for (const vulnerable of [false, true]) {
    const t = createShopTokens(vulnerable);
    const now = Date.now();
    const good = t.sign(claims, 3600, now);
    const [h, p] = good.split('.') as [string, string];
    const jwk = t.jwks.keys[0]!;
    const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const forged: Record<string, string> = {
      'alg none': `${b64({ alg: 'none' })}.${p}.`,
      'stripped signature': `${h}.${p}.`,
      'legacy weak secret': hs256({ alg: 'HS256' }, { ...claims, iat: 1, exp: 9e9 }, 'changeme'),
      'public key as HMAC secret': hs256({ alg: 'HS256' }, { ...claims, iat: 1, exp: 9e9 }, pem),
      expired: t.sign(claims, -60, now),
    };
    it(`${vulnerable ? 'vulnerable' : 'hardened'}: valid tokens pass, and forgeries ${vulnerable ? 'pass too' : 'fail'}`, () => {
      expect(t.verify(good, now)?.sub).toBe(2);
      expect(t.verify(`${good}x`, now)).toBeUndefined();
      for (const [name, token] of Object.entries(forged)) expect(t.verify(token, now) !== undefined, name).toBe(vulnerable);
      expect(t.decodeUnverified(`${h}.${p}.garbage`)?.sub).toBe(2);
    });
  }
});
