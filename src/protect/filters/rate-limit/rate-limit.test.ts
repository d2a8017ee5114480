import { describe, expect, it } from 'vitest';
import { makeTx, run, status } from '../../../../test/support/gateway-tx.js';
import { parseRate } from '../../config/parse-rate.js';
import type { RateLimitRule } from '../../config/gateway-config.js';
import { createKeyStore } from './key-store.js';
import { createLimiter } from './limiter.js';
import { clientKey, createRateLimitFilter, jwtSubject } from './rate-limit.js';
import { limitField, policyField, retryAfterSeconds } from './ratelimit-fields.js';

const rule = (over: Partial<RateLimitRule> = {}): RateLimitRule => ({ id: 't', rate: parseRate('10/s')!, burst: 10, algorithm: 'token-bucket', key: { kind: 'ip' }, scope: 'global', ...over });

describe('parseRate', () => {
  it.each([
    ['100/s', 100, 1000],
    ['600/m', 600, 60000],
    ['5/min', 5, 60000],
    ['1/h', 1, 3600000],
  ])('%s', (text, count, perMs) => expect(parseRate(text)).toMatchObject({ count, perMs }));
  it.each(['lots', '0/s', '10', '10/d', '-1/s', '10/s/s', '99999999/s'])('rejects %s', (t) => expect(parseRate(t)).toBeUndefined());
});

describe('token bucket', () => {
  it('allows the burst, then refills at the rate', () => {
    const l = createLimiter(rule({ burst: 3, rate: parseRate('1/s')! }));
    const s = l.create(0);
    expect([l.take(s, 0).allowed, l.take(s, 0).allowed, l.take(s, 0).allowed]).toEqual([true, true, true]);
    const denied = l.take(s, 0);
    expect(denied).toMatchObject({ allowed: false, remaining: 0 });
    expect(denied.retryAfterMs).toBeCloseTo(1000);
    expect(l.take(s, 999).allowed).toBe(false);
    const again = l.take(s, 1000);
    expect(again.allowed).toBe(true);
    expect(again.remaining).toBe(0);
    expect(l.isIdle(s, 1000)).toBe(false);
    expect(l.isIdle(s, 4000)).toBe(true);
    expect(l.quota).toBe(3);
    expect(l.windowSec).toBe(3);
  });
});

describe('sliding window', () => {
  it('counts the previous window with its remaining weight', () => {
    const l = createLimiter(rule({ algorithm: 'sliding-window', rate: parseRate('10/m')! }));
    const s = l.create(0);
    for (let i = 0; i < 10; i++) expect(l.take(s, 1000 + i).allowed).toBe(true);
    expect(l.take(s, 2000).allowed).toBe(false);
    // halfway through the next window, half of the previous 10 still count: 5 more allowed
    let allowed = 0;
    for (let i = 0; i < 10; i++) if (l.take(s, 90_000).allowed) allowed++;
    expect(allowed).toBe(5);
    const d = l.take(s, 90_000);
    expect(d.allowed).toBe(false);
    expect(d.retryAfterMs).toBeGreaterThan(0);
    expect(d.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(l.isIdle(s, 240_000)).toBe(true);
  });
});

describe('key store', () => {
  it('stays within maxKeys, dropping idle keys first, then the oldest (counted)', () => {
    const l = createLimiter(rule({ burst: 1, rate: parseRate('1/s')! }));
    const store = createKeyStore(l, 100);
    for (let i = 0; i < 100; i++) l.take(store.get(`k${i}`, 0), 0);
    expect(store.size).toBe(100);
    // at t=0 nobody is idle: inserting evicts the oldest
    l.take(store.get('new', 0), 0);
    expect(store.size).toBe(100);
    expect(store.evictions).toBe(1);
    // later every key is idle again: inserts reuse their room without evictions
    for (let i = 0; i < 50; i++) store.get(`later${i}`, 10_000);
    expect(store.size).toBeLessThanOrEqual(100);
    expect(store.evictions).toBe(1);
  });

  it('holds 100k keys within the bound', () => {
    const l = createLimiter(rule());
    const store = createKeyStore(l, 100_000);
    // one new key per ms: keys idle for 1 s are swept on insert, the rest stay, never more than the bound
    for (let i = 0; i < 150_000; i++) l.take(store.get(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, i), i);
    expect(store.size).toBeLessThanOrEqual(100_000);
    expect(store.size).toBeGreaterThan(99_000);
    expect(store.evictions).toBe(0);
  });
});

describe('rate-limit filter', () => {
  it('blocks with 429, Retry-After and the IETF fields; allowed responses carry the fields', () => {
    let t = 0;
    const f = createRateLimitFilter({ rule: rule({ id: 'api', burst: 2, rate: parseRate('2/m')! }), maxKeys: 1000, headers: true, status, now: () => t });
    const tx = makeTx({ clientIp: '198.51.100.1' });
    expect(run(f, tx)).toEqual({ action: 'continue', headers: { 'ratelimit-policy': '"api";q=2;w=60', ratelimit: '"api";r=1;t=30' } });
    run(f, tx);
    const v = run(f, tx);
    expect(v).toMatchObject({ action: 'block', rule: 'ratelimit.api', status: 429, headers: { 'retry-after': '30', 'ratelimit-policy': '"api";q=2;w=60', ratelimit: '"api";r=0;t=60' } });
    // another client has its own bucket
    expect(run(f, makeTx({ clientIp: '198.51.100.2' })).action).toBe('continue');
    t = 30_000;
    expect(run(f, tx).action).toBe('continue');
  });

  it('keys by API key, header or JWT subject, falling back to the IP without one', () => {
    const jwt = `x.${Buffer.from('{"sub":"alice"}').toString('base64url')}.y`;
    expect(clientKey({ kind: 'api-key', header: 'x-api-key' }, makeTx({ headers: { 'x-api-key': 'k1' } }))).toBe('k:k1');
    expect(clientKey({ kind: 'api-key', header: 'x-api-key' }, makeTx({ clientIp: '10.0.0.1' }))).toBe('ip:10.0.0.1');
    expect(clientKey({ kind: 'header', header: 'x-tenant' }, makeTx({ headers: { 'X-Tenant': 'acme' } }))).toBe('k:acme');
    expect(clientKey({ kind: 'jwt-sub', header: 'authorization' }, makeTx({ headers: { authorization: `Bearer ${jwt}` } }))).toBe('k:sub:alice');
    expect(clientKey({ kind: 'header', header: 'x-t' }, makeTx({ headers: { 'x-t': 'z'.repeat(500) } }))).toMatch(/^h:[A-Za-z0-9_-]{43}$/);
    expect(jwtSubject('Bearer not.a.jwt')).toBeUndefined();
    expect(jwtSubject(undefined)).toBeUndefined();
  });

  it('scope endpoint keeps one counter per operation', () => {
    const f = createRateLimitFilter({ rule: rule({ burst: 1, rate: parseRate('1/m')!, scope: 'endpoint' }), maxKeys: 1000, headers: false, status, now: () => 0 });
    expect(run(f, makeTx({ routeKey: 'GET /a' }))).toEqual({ action: 'continue' });
    expect(run(f, makeTx({ routeKey: 'GET /b' })).action).toBe('continue');
    expect(run(f, makeTx({ routeKey: 'GET /a' })).action).toBe('block');
  });

  it('formats the fields', () => {
    expect(policyField('x', 100, 60)).toBe('"x";q=100;w=60');
    expect(limitField('x', 3, 1500)).toBe('"x";r=3;t=2');
    expect(retryAfterSeconds(1)).toBe('1');
    expect(retryAfterSeconds(2500)).toBe('3');
  });
});
