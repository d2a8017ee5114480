import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { makeTx, status } from '../../../../test/support/gateway-tx.js';
import { RampartError } from '../../../core/errors.js';
import type { FilterVerdict } from '../../phases/phase.js';
import { createJwtFilter, importJwtKey } from './jwt.js';

const SECRET = 'x'.repeat(40);
const hs = new TextEncoder().encode(SECRET);
const NOW = 1_700_000_000_000;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const tok = (claims: Record<string, unknown>, alg = 'HS256', key: Parameters<SignJWT['sign']>[0] = hs) =>
  new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setIssuedAt(NOW / 1000).sign(key);
const run = async (f: ReturnType<typeof createJwtFilter>, token?: string): Promise<FilterVerdict> =>
  f.evaluate(makeTx({ headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }));
const rule = (v: FilterVerdict) => (v.action === 'continue' ? 'continue' : v.rule);

describe('jwt filter (HS secret)', () => {
  const f = createJwtFilter({ key: { kind: 'secret', secret: SECRET }, algorithms: ['HS256'], issuer: ['shop'], audience: ['api'], clockToleranceSec: 30, header: 'authorization', required: true, status, now: () => NOW });
  const exp = NOW / 1000 + 600;

  it.each([
    ['valid', { sub: 'a', iss: 'shop', aud: 'api', exp }, 'continue'],
    ['expired beyond the skew', { sub: 'a', iss: 'shop', aud: 'api', exp: NOW / 1000 - 60 }, 'jwt.expired'],
    ['expired within the skew', { sub: 'a', iss: 'shop', aud: 'api', exp: NOW / 1000 - 10 }, 'continue'],
    ['not yet valid', { sub: 'a', iss: 'shop', aud: 'api', exp, nbf: NOW / 1000 + 120 }, 'jwt.claims'],
    ['wrong issuer', { sub: 'a', iss: 'other', aud: 'api', exp }, 'jwt.claims'],
    ['wrong audience', { sub: 'a', iss: 'shop', aud: 'web', exp }, 'jwt.claims'],
  ])('%s', async (_name, claims, expected) => {
    expect(rule(await run(f, await tok(claims)))).toBe(expected);
  });

  it('rejects a missing token, a non-bearer header, garbage, a forged signature and alg none', async () => {
    expect(rule(await run(f))).toBe('jwt.missing');
    expect(rule(await f.evaluate(makeTx({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })))).toBe('jwt.malformed');
    expect(rule(await run(f, 'abc'))).toBe('jwt.malformed');
    const good = await tok({ sub: 'a', iss: 'shop', aud: 'api', exp });
    const [h, , s] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'root', iss: 'shop', aud: 'api', exp })).toString('base64url')}.${s}`;
    expect(rule(await run(f, forged))).toBe('jwt.signature');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"root"}').toString('base64url')}.`;
    expect(rule(await run(f, none))).toBe('jwt.alg');
    const noneUpper = `${Buffer.from('{"alg":"NONE"}').toString('base64url')}.${Buffer.from('{"sub":"root"}').toString('base64url')}.`;
    expect(rule(await run(f, noneUpper))).toBe('jwt.alg');
    expect(rule(await run(f, await tok({ sub: 'a' }, 'HS512')))).toBe('jwt.alg');
  });

  it('answers a repeated token from its cache, synchronously', async () => {
    const t = await tok({ sub: 'c', iss: 'shop', aud: 'api', exp });
    expect(rule(await run(f, t))).toBe('continue');
    const again = f.evaluate(makeTx({ headers: { authorization: `Bearer ${t}` } }));
    expect(again).toEqual({ action: 'continue' });
  });

  it('lets requests without a token through when not required', async () => {
    const optional = createJwtFilter({ key: { kind: 'secret', secret: SECRET }, algorithms: ['HS256'], clockToleranceSec: 0, header: 'authorization', required: false, status });
    expect(rule(await run(optional))).toBe('continue');
  });
});

describe('jwt filter (public keys)', () => {
  it('verifies RS256 with a PEM key and refuses algorithm confusion (HS256 signed with the public key)', async () => {
    const f = createJwtFilter({ key: { kind: 'pem', pem, file: 'k.pem' }, algorithms: ['RS256'], clockToleranceSec: 0, header: 'authorization', required: true, status, now: () => NOW });
    expect(rule(await run(f, await tok({ sub: 'a', exp: NOW / 1000 + 60 }, 'RS256', rsa.privateKey)))).toBe('continue');
    const confused = await tok({ sub: 'admin', exp: NOW / 1000 + 60 }, 'HS256', new TextEncoder().encode(pem));
    expect(rule(await run(f, confused))).toBe('jwt.alg');
    // even if HS256 were listed, a public key cannot verify it
    const lax = createJwtFilter({ key: { kind: 'pem', pem, file: 'k.pem' }, algorithms: ['RS256', 'HS256'], clockToleranceSec: 0, header: 'authorization', required: true, status, now: () => NOW });
    expect(rule(await run(lax, confused))).not.toBe('continue');
  });

  it('verifies with a JWKS file by kid and refuses private or symmetric keys in it', async () => {
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'k1', alg: 'RS256' };
    const f = createJwtFilter({ key: { kind: 'jwks', json: JSON.stringify({ keys: [jwk] }), file: 'jwks.json' }, algorithms: ['RS256'], clockToleranceSec: 0, header: 'authorization', required: true, status, now: () => NOW });
    expect(rule(await run(f, await tok({ sub: 'a', exp: NOW / 1000 + 60 }, 'RS256', rsa.privateKey)))).toBe('continue');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(rule(await run(f, await tok({ sub: 'a', exp: NOW / 1000 + 60 }, 'RS256', other.privateKey)))).toBe('jwt.signature');
    const priv = await exportJWK(rsa.privateKey);
    expect(() => importJwtKey({ kind: 'jwks', json: JSON.stringify({ keys: [priv] }), file: 'j.json' })).toThrow(/private key/);
    expect(() => importJwtKey({ kind: 'jwks', json: JSON.stringify({ keys: [{ kty: 'oct', k: 'abc' }] }), file: 'j.json' })).toThrow(/symmetric/);
    expect(() => importJwtKey({ kind: 'jwks', json: '{"keys":[]}', file: 'j.json' })).toThrow(RampartError);
    expect(() => importJwtKey({ kind: 'pem', pem: 'not a key', file: 'k.pem' })).toThrow(/k.pem|PEM/);
    expect(() => importJwtKey({ kind: 'secret', secret: 'short' })).toThrow(/at least 32/);
  });
});
