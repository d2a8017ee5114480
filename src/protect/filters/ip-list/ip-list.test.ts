import { describe, expect, it } from 'vitest';
import { makeTx, run, status } from '../../../../test/support/gateway-tx.js';
import { createIpListFilter } from './ip-list.js';
import { createIpSet, parseCidr, type Cidr } from './ip-trie.js';

const set = (...blocks: string[]) => createIpSet(blocks.map((b) => parseCidr(b)).filter((c): c is Cidr => !!c));

describe('ip sets', () => {
  it.each([
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['192.0.2.7', '192.0.2.7', true],
    ['192.0.2.7', '192.0.2.8', false],
    ['192.0.2.0/25', '192.0.2.127', true],
    ['192.0.2.0/25', '192.0.2.128', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::1', '::1', true],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '10.1.2.3', true],
    ['0.0.0.0/0', '203.0.113.5', true],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['10.0.0.0/8', 'not-an-ip', false],
  ])('%s contains %s: %s', (block, ip, expected) => {
    expect(set(block).has(ip)).toBe(expected);
  });

  it('refuses malformed and non-dotted-quad blocks', () => {
    for (const bad of ['10.0.0.0/33', '1.2.3', '0x7f.1', '10.0.0.0/8/8', 'fe80::/129', '']) expect(parseCidr(bad)).toBeUndefined();
  });
});

describe('ip-list filter', () => {
  it('deny wins; a non-empty allow list admits only its members', () => {
    const f = createIpListFilter({ allow: ['10.0.0.0/8'], deny: ['10.6.6.0/24'], status })!;
    expect(run(f, makeTx({ clientIp: '10.1.1.1' }))).toEqual({ action: 'continue' });
    expect(run(f, makeTx({ clientIp: '10.6.6.6' }))).toMatchObject({ action: 'block', rule: 'ip.denied', status: 403 });
    expect(run(f, makeTx({ clientIp: '172.16.0.1' }))).toMatchObject({ action: 'block', rule: 'ip.not-allowed' });
    // cached decision, same answer
    expect(run(f, makeTx({ clientIp: '10.6.6.6' }))).toMatchObject({ rule: 'ip.denied' });
  });
  it('is absent when both lists are empty', () => {
    expect(createIpListFilter({ allow: [], deny: [], status })).toBeUndefined();
  });
});
