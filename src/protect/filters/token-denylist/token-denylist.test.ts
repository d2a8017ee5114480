import { describe, expect, it } from 'vitest';
import { makeTx, run, status } from '../../../../test/support/gateway-tx.js';
import { createTokenDenylistFilter, credentialOf, hashToken } from './token-denylist.js';

describe('token deny list', () => {
  const f = createTokenDenylistFilter({ hashes: [hashToken('sk_live_leaked'), hashToken('eyJ.leaked.jwt')], headers: ['authorization', 'x-api-key'], queryParams: ['api_key'], status })!;
  it.each([
    [{ headers: { 'x-api-key': 'sk_live_leaked' } }, 'token.denied'],
    [{ headers: { Authorization: 'Bearer eyJ.leaked.jwt' } }, 'token.denied'],
    [{ target: '/x?api_key=sk_live_leaked' }, 'token.denied'],
    [{ headers: { 'x-api-key': 'sk_live_fresh' } }, 'continue'],
    [{ headers: { authorization: 'Bearer eyJ.other.jwt' } }, 'continue'],
    [{ target: '/x?other=sk_live_leaked' }, 'continue'],
  ])('%j → %s', (init, expected) => {
    const v = run(f, makeTx(init as Parameters<typeof makeTx>[0]));
    expect('rule' in v ? v.rule : v.action).toBe(expected);
  });
  it('hashes the credential, not the scheme', () => {
    expect(credentialOf('authorization', 'Bearer  abc ')).toBe('abc');
    expect(credentialOf('x-api-key', ' abc ')).toBe('abc');
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('is absent without hashes', () => {
    expect(createTokenDenylistFilter({ hashes: [], headers: ['x-api-key'], queryParams: [], status })).toBeUndefined();
  });
});
