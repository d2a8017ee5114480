import { describe, expect, it } from 'vitest';
import { createIpSet, parseCidr, type Cidr } from '../filters/ip-list/ip-trie.js';
import { clientAddress, plainAddress } from './client-ip.js';
import { forwardedElement, forwardedValue } from './forwarded.js';
import { connectionTokens, isHopByHop } from './hop-by-hop.js';
import { problemDetails } from './problem.js';
import { requestIdFrom } from './request-id.js';

describe('hop-by-hop', () => {
  it('removes the fixed list and the fields Connection names', () => {
    const listed = connectionTokens(['Connection', 'keep-alive, X-Custom', 'connection', 'Foo']);
    expect([...(listed ?? [])]).toEqual(['keep-alive', 'x-custom', 'foo']);
    for (const h of ['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-connection', 'x-custom', 'foo']) expect(isHopByHop(h, listed)).toBe(true);
    for (const h of ['content-type', 'authorization', 'cookie', 'x-other']) expect(isHopByHop(h, listed)).toBe(false);
    expect(connectionTokens(['Host', 'x'])).toBeUndefined();
  });
});

describe('Forwarded (RFC 7239)', () => {
  it('quotes IPv6 nodes and non-token values', () => {
    expect(forwardedElement('192.0.2.60', 'example.com', 'http')).toBe('for=192.0.2.60;host=example.com;proto=http');
    expect(forwardedElement('2001:db8::1', 'example.com:8080', 'http')).toBe('for="[2001:db8::1]";host="example.com:8080";proto=http');
    expect(forwardedValue('a"b')).toBe('"a\\"b"');
  });
});

describe('client address', () => {
  const trusted = createIpSet(['10.0.0.0/8', '127.0.0.1'].map((s) => parseCidr(s)).filter((c): c is Cidr => !!c));
  it.each([
    ['127.0.0.1', '203.0.113.5', '203.0.113.5'],
    ['127.0.0.1', '203.0.113.5, 10.1.1.1', '203.0.113.5'],
    ['127.0.0.1', '198.51.100.1, 203.0.113.5, 10.1.1.1', '203.0.113.5'],
    ['192.0.2.9', '203.0.113.5', '192.0.2.9'],
    ['127.0.0.1', undefined, '127.0.0.1'],
    ['127.0.0.1', '10.2.2.2, 10.1.1.1', '10.2.2.2'],
  ])('peer %s with XFF %s → %s', (peer, xff, expected) => {
    expect(clientAddress(peer, xff, trusted)).toBe(expected);
  });
  it('unwraps IPv4-mapped addresses', () => {
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(plainAddress('::1')).toBe('::1');
  });
});

describe('request ids and problems', () => {
  it('propagates safe ids and replaces unsafe ones', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('bad id"\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom('x'.repeat(200))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
  it('builds RFC 9457 problem details', () => {
    expect(problemDetails(429, 'ratelimit.g', 'slow down', 'r1')).toEqual({
      type: 'urn:rampart:problem:ratelimit.g',
      title: 'Too Many Requests',
      status: 429,
      detail: 'slow down',
      instance: 'urn:rampart:request:r1',
      requestId: 'r1',
      rule: 'ratelimit.g',
    });
    expect(problemDetails(400, 'x', 'd'.repeat(900), 'r').detail.length).toBe(501);
  });
});
