import { describe, expect, it } from 'vitest';
import { jwtFor, req } from '../../../test/support/behaviour-traffic.js';
import { ActorIdentifier } from './identify-actor.js';

const T = 1_700_000_000_000;

describe('ActorIdentifier', () => {
  const id = new ActorIdentifier('k');

  it('names the principal: JWT subject > API key > IP, with subnet and fingerprint', () => {
    const anon = id.identify(req({ time: T, ip: '203.0.113.7', path: '/x', status: 200 }));
    expect(anon.principal).toBe('ip:203.0.113.7');
    expect(anon.subnetKey).toBe('net:203.0.113.0/24');
    expect(anon.fingerprint.key).toMatch(/^fp:[0-9a-f]+$/);
    const user = id.identify(req({ time: T, ip: '203.0.113.7', path: '/x', status: 200, sub: 'user-42' }));
    expect(user.principal).toBe('sub:user-42');
    expect(user.principalKind).toBe('subject');
    const key = id.identify(req({ time: T, ip: '203.0.113.7', path: '/x', status: 200, client: 'python', apiKey: 'sk_live_abcdef123456' }));
    expect(key.principalKind).toBe('api-key');
    expect(key.principal).not.toContain('sk_live');
  });

  it('never keeps a bearer token in clear', () => {
    const opaque = 'opaque-token-0123456789abcdef';
    const v = id.identify(req({ time: T, ip: '203.0.113.8', path: '/x', status: 200, extraHeaders: [['authorization', `Bearer ${opaque}`]] }));
    expect(v.principal.startsWith('key:')).toBe(true);
    expect(JSON.stringify(v)).not.toContain(opaque);
    expect(JSON.stringify(v)).not.toContain(jwtFor('x').slice(0, 10) + 'never');
  });

  it('hashes the same secret the same way under one key, differently under another', () => {
    const a = new ActorIdentifier('one').hashSecret('s');
    expect(new ActorIdentifier('one').hashSecret('s')).toBe(a);
    expect(new ActorIdentifier('two').hashSecret('s')).not.toBe(a);
  });
});
