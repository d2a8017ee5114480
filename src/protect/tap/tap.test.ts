import { describe, expect, it } from 'vitest';
import { makeTx } from '../../../test/support/gateway-tx.js';
import type { LiveExchange } from '../../pipeline/live-analysis.js';
import { createTap } from './create-tap.js';
import { exchangeOf } from './exchange-of.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('createTap', () => {
  it('never analyses on the caller\'s path: consume only queues, a later turn analyses', async () => {
    const seen: LiveExchange[] = [];
    const tap = createTap({ sink: (b) => void seen.push(...b) });
    tap.consume(makeTx({ target: '/a', status: 200, responseHeaders: { 'content-type': 'application/json' } }));
    expect(seen).toHaveLength(0);
    expect(tap.stats().queued).toBe(1);
    await tick();
    expect(seen.map((s) => s.exchange.request.target)).toEqual(['/a']);
    expect(tap.stats()).toMatchObject({ queued: 0, analysed: 1, dropped: 0 });
  });

  it('drops (and counts) when the queue is full by count', async () => {
    let dropped = 0;
    const seen: LiveExchange[] = [];
    const tap = createTap({ maxQueue: 3, sink: (b) => void seen.push(...b), onDrop: (n) => (dropped += n) });
    for (let i = 0; i < 10; i++) tap.consume(makeTx({ target: `/x/${i}` }));
    expect(dropped).toBe(7);
    expect(tap.stats().dropped).toBe(7);
    await tick();
    expect(seen.map((s) => s.exchange.request.target)).toEqual(['/x/0', '/x/1', '/x/2']);
  });

  it('drops when the queued bodies exceed the byte bound', () => {
    let dropped = 0;
    const tap = createTap({ maxQueueBytes: 2500, sink: () => {}, onDrop: (n) => (dropped += n) });
    for (let i = 0; i < 5; i++) tap.consume(makeTx({ method: 'POST', target: '/up', body: 'x'.repeat(1000) }));
    expect(dropped).toBe(3);
    tap.consume(makeTx({ target: '/no-body' }));
    expect(dropped).toBe(3);
  });

  it('analyses in bounded batches and survives a sink that throws', async () => {
    const sizes: number[] = [];
    const errors: unknown[] = [];
    let calls = 0;
    const tap = createTap({
      batchSize: 4,
      sink: (b) => {
        calls++;
        sizes.push(b.length);
        if (calls === 1) throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 10; i++) tap.consume(makeTx({ target: `/b/${i}` }));
    tap.drain();
    expect(sizes).toEqual([4, 4, 2]);
    expect(errors).toHaveLength(1);
    expect(tap.stats().queued).toBe(0);
  });
});

describe('exchangeOf', () => {
  it('cuts bodies at the limit and keeps their size', () => {
    const tx = makeTx({ method: 'POST', target: '/p?q=1', body: 'a'.repeat(100), status: 200, responseHeaders: { 'Content-Type': 'application/json' } });
    tx.sampleResponse(Buffer.from('{"k":'), 8);
    tx.sampleResponse(Buffer.from('"value-long"}'), 8);
    const { exchange, learn } = exchangeOf(tx, 10);
    expect(exchange.request.body).toEqual({ text: 'a'.repeat(10), size: 100, truncated: true });
    expect(exchange.response?.body).toEqual({ text: '{"k":"va', size: 18, truncated: true });
    expect(exchange.response?.headers).toEqual([['content-type', 'application/json']]);
    expect(exchange.source).toEqual({ kind: 'gateway', position: 'req-test' });
    expect(learn).toBe(false); // upstreamMs is -1: the upstream never answered
  });

  it('marks exchanges the gateway answered itself as not to be learned', () => {
    const tx = makeTx({ target: '/blocked', status: 403 });
    tx.verdict = { action: 'block', rule: 'ip.denied', status: 403, reason: 'denied' };
    tx.upstreamMs = -1;
    const live = exchangeOf(tx, 1024);
    expect(live.learn).toBe(false);
    expect(live.exchange.response?.status).toBe(403);
    const ok = makeTx({ target: '/ok', status: 200, responseHeaders: {} });
    ok.upstreamMs = 1.5;
    expect(exchangeOf(ok, 1024).learn).toBe(true);
  });
});
