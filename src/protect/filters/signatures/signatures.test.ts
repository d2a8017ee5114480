import { afterAll, describe, expect, it } from 'vitest';
import { makeTx, run, status } from '../../../../test/support/gateway-tx.js';
import { closeInspectPool } from './inspect-pool.js';
import { createSignaturesFilter } from './signatures.js';

describe('signatures filter', () => {
  const f = createSignaturesFilter({ paranoia: 1, threshold: 5, exclusions: [{ target: 'json:$.html', classes: ['xss'] }], maxBodyBytes: 1 << 20, status });
  it.each([
    [{ target: "/search?q=1' OR '1'='1" }, 'signatures.sqli'],
    [{ target: '/files?path=../../../../etc/passwd' }, 'signatures.lfi'],
    [{ method: 'POST', target: '/c', headers: { 'content-type': 'application/json' }, body: '{"c":"<script>alert(1)</script>"}' }, 'signatures.xss'],
    [{ target: '/search?q=red+shoes&page=2' }, 'continue'],
    [{ method: 'POST', target: '/c', headers: { 'content-type': 'application/json' }, body: '{"name":"O\'Brien","qty":2}' }, 'continue'],
    [{ method: 'POST', target: '/c', headers: { 'content-type': 'application/json' }, body: '{"html":"<script>alert(1)</script>"}' }, 'continue'],
  ])('%j → %s', (init, expected) => {
    const v = run(f, makeTx(init as Parameters<typeof makeTx>[0]));
    expect('rule' in v ? v.rule : v.action).toBe(expected);
    if (v.action === 'block') expect(v.status).toBe(403);
  });

  it('refuses a compressed request body it cannot inspect (415), not a compressed-nothing', () => {
    const gz = run(f, makeTx({ method: 'POST', target: '/c', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '\u001f\u008b…' }));
    expect(gz).toMatchObject({ action: 'block', rule: 'signatures.encoded-body', status: 415 });
    expect(run(f, makeTx({ method: 'POST', target: '/c', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, body: '{"a":1}' }))).toEqual({ action: 'continue' });
    expect(run(f, makeTx({ target: '/s?q=shoes', headers: { 'content-encoding': 'gzip' } }))).toEqual({ action: 'continue' });
  });
});

describe('signatures filter, large bodies in the worker-thread pool', () => {
  const f = createSignaturesFilter({ offloadAboveBytes: 1024, paranoia: 1, threshold: 5, exclusions: [], maxBodyBytes: 1 << 20, status });
  const big = (note: string) => JSON.stringify({ items: Array.from({ length: 60 }, (_, i) => ({ sku: `BK-${i}`, title: `Guide ${i}` })), note });
  it('answers asynchronously with the same verdicts', async () => {
    const attack = f.evaluate(makeTx({ method: 'POST', target: '/o', headers: { 'content-type': 'application/json' }, body: big("x' UNION SELECT password FROM users--") }));
    expect(attack).toBeInstanceOf(Promise);
    expect(await attack).toMatchObject({ action: 'block', rule: 'signatures.sqli', status: 403 });
    const clean = f.evaluate(makeTx({ method: 'POST', target: '/o', headers: { 'content-type': 'application/json' }, body: big('leave at the door') }));
    expect(await clean).toEqual({ action: 'continue' });
    // small bodies stay inline and synchronous
    expect(f.evaluate(makeTx({ target: '/s?q=shoes' }))).toEqual({ action: 'continue' });
  });
  afterAll(() => closeInspectPool());
});
