import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt, findJwt, forgeAlgNone, forgeCorrupted, forgeStripped, isExpired, publicKeyPemVariants, signHmac, verifiesWithHmac } from './jwt.js';

const token = signHmac({ typ: 'JWT' }, { sub: 2, exp: 2_000_000_000 }, 'secret');

describe('jwt', () => {
  it('decodes without verifying, and rejects what is not a JWS', () => {
    const j = decodeJwt(token)!;
    expect(j.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(j.payload).toEqual({ sub: 2, exp: 2_000_000_000 });
    for (const bad of ['abc', 'a.b', 'eyJ.eyJ.', `${'a'.repeat(20000)}.b.c`, 'e30.e30.x']) expect(decodeJwt(bad), bad).toBeUndefined();
    expect(findJwt(`Bearer ${token}`)).toBe(token);
    expect(findJwt('Basic dXNlcjpwYXNz')).toBeUndefined();
  });

  it('forges alg none, stripped and corrupted variants', () => {
    const j = decodeJwt(token)!;
    const none = forgeAlgNone(j, 'NONE');
    expect(none.endsWith('.')).toBe(true);
    expect(decodeJwt(none)!.header.alg).toBe('NONE');
    expect(forgeStripped(j)).toBe(`${j.parts[0]}.${j.parts[1]}.`);
    const c = forgeCorrupted(j);
    expect(c).not.toBe(token);
    expect(c.length).toBe(token.length);
    expect(verifiesWithHmac(decodeJwt(c)!, 'secret')).toBe(false);
  });

  it('signs and verifies HMAC tokens (offline secret guessing)', () => {
    const j = decodeJwt(token)!;
    expect(verifiesWithHmac(j, 'secret')).toBe(true);
    expect(verifiesWithHmac(j, 'Secret')).toBe(false);
    const h512 = decodeJwt(signHmac({}, { a: 1 }, 'k', 'HS512'))!;
    expect(h512.header.alg).toBe('HS512');
    expect(verifiesWithHmac(h512, 'k')).toBe(true);
  });

  it('turns a public JWK into the PEM texts a confused verifier would use as HMAC secret', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    const pems = publicKeyPemVariants(jwk);
    expect(pems).toHaveLength(4);
    expect(pems[0]).toBe(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(pems[2]).toContain('BEGIN RSA PUBLIC KEY');
    expect(publicKeyPemVariants({ kty: 'nope' })).toEqual([]);
  });

  it('tells expired tokens', () => {
    expect(isExpired(decodeJwt(token)!, 1_999_999_999_000)).toBe(false);
    expect(isExpired(decodeJwt(token)!, 2_000_000_000_000)).toBe(true);
    expect(isExpired(decodeJwt(signHmac({}, {}, 'k'))!, Date.now())).toBe(false);
  });
});
