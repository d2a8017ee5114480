import { describe, expect, it } from 'vitest';
import { hasCredentials, identitiesFromFlags, mergeIdentities, parseIdentityFlag } from './identity.js';

describe('--identity NAME=HEADER:VALUE', () => {
  it('parses name, header and value (the value may contain = and :)', () => {
    expect(parseIdentityFlag('alice=Authorization:Bearer eyJ.a=b:c')).toEqual({ name: 'alice', header: ['authorization', 'Bearer eyJ.a=b:c'] });
    expect(parseIdentityFlag(' bob = X-Api-Key : k ')).toEqual({ name: 'bob', header: ['x-api-key', 'k'] });
  });
  it('refuses malformed flags with a usage error', () => {
    for (const bad of ['alice', 'alice=Authorization', '=H:v', 'al ice=H:v', 'a=Bad Header:v']) expect(() => parseIdentityFlag(bad), bad).toThrow(/NAME=HEADER:VALUE/);
  });
  it('merges flags by name; admin is the privileged one; the command line overrides the file', () => {
    const ids = identitiesFromFlags(['alice=Authorization:Bearer a', 'alice=X-Tenant:t1', 'admin=Authorization:Bearer z']);
    expect(ids.map((i) => [i.name, i.role, i.headers.length])).toEqual([
      ['alice', 'user', 2],
      ['admin', 'admin', 1],
    ]);
    const merged = mergeIdentities([{ name: 'alice', role: 'user', expired: false, headers: [], cookies: [], query: [] }], ids);
    expect(merged.find((i) => i.name === 'alice')!.headers).toHaveLength(2);
    expect(hasCredentials(merged[0]!)).toBe(true);
    expect(hasCredentials({ name: 'x', role: 'anonymous', expired: false, headers: [], cookies: [], query: [] })).toBe(false);
  });
});
