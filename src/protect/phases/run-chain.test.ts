import { describe, expect, it } from 'vitest';
import { makeTx } from '../../../test/support/gateway-tx.js';
import { CONTINUE } from '../../core/verdict.js';
import type { ChainLink, Filter, FilterVerdict } from './phase.js';
import { runChain } from './run-chain.js';

const filter = (name: string, v: FilterVerdict | Promise<FilterVerdict> | (() => never), phase: Filter['phase'] = 'request-headers'): Filter => ({
  name,
  phase,
  evaluate: () => (typeof v === 'function' ? v() : v),
});
const stop = (rule: string, status = 403): FilterVerdict => ({ action: 'block', rule, status, reason: `${rule} said no` });
const link = (f: Filter, mode: ChainLink['mode'] = 'block'): ChainLink => ({ filter: f, mode });

describe('runChain', () => {
  it('returns the first stop in block mode and does not run later filters', () => {
    let ran = false;
    const later: Filter = { name: 'later', phase: 'request-headers', evaluate: () => ((ran = true), CONTINUE) };
    const tx = makeTx();
    const r = runChain([link(filter('a', CONTINUE)), link(filter('b', stop('b.rule'))), link(later)], tx);
    expect(r).toMatchObject({ rule: 'b.rule' });
    expect(ran).toBe(false);
  });

  it('records monitor-mode stops as flags and goes on', () => {
    const tx = makeTx();
    const r = runChain([link(filter('a', stop('a.rule', 400)), 'monitor'), link(filter('b', stop('b.rule')), 'monitor'), link(filter('c', CONTINUE))], tx);
    expect(r).toBeUndefined();
    expect(tx.flags).toEqual([
      { filter: 'a', rule: 'a.rule', reason: 'a.rule said no', status: 400 },
      { filter: 'b', rule: 'b.rule', reason: 'b.rule said no', status: 403 },
    ]);
  });

  it('collects response headers from continue verdicts', () => {
    const tx = makeTx();
    runChain([link(filter('a', { action: 'continue', headers: { ratelimit: '"x";r=1;t=1' } }))], tx);
    expect(tx.addHeaders).toEqual({ ratelimit: '"x";r=1;t=1' });
  });

  it('stays synchronous until an async filter, then finishes the chain asynchronously', async () => {
    const tx = makeTx();
    const sync = runChain([link(filter('a', CONTINUE))], tx);
    expect(sync).toBeUndefined();
    const r = runChain([link(filter('a', Promise.resolve(CONTINUE))), link(filter('b', stop('b.rule')))], tx);
    expect(r).toBeInstanceOf(Promise);
    expect(await r).toMatchObject({ rule: 'b.rule' });
  });

  it('fails closed in block mode and open in monitor mode when a filter throws', async () => {
    const boom = () => {
      throw new Error('kaput');
    };
    expect(runChain([link(filter('x', boom))], makeTx())).toMatchObject({ rule: 'gateway.filter-error', status: 500 });
    const tx = makeTx();
    expect(runChain([link(filter('x', boom), 'monitor'), link(filter('y', CONTINUE))], tx)).toBeUndefined();
    expect(tx.flags?.[0]?.rule).toBe('gateway.filter-error');
    expect(await runChain([link(filter('x', Promise.reject(new Error('async kaput'))))], makeTx())).toMatchObject({ rule: 'gateway.filter-error' });
  });

  it('applies a rewrite in block mode, only flags it in monitor mode', () => {
    const rw: FilterVerdict = { action: 'rewrite', rule: 'dataleak.payment-card', reason: 'card', body: 'masked' };
    const tx = makeTx({ responseBody: 'secret' });
    runChain([link(filter('d', rw, 'response-body'))], tx);
    expect(tx.responseBody?.toString()).toBe('masked');
    const tx2 = makeTx({ responseBody: 'secret' });
    runChain([link(filter('d', rw, 'response-body'), 'monitor')], tx2);
    expect(tx2.responseBody?.toString()).toBe('secret');
    expect(tx2.flags?.[0]?.rule).toBe('dataleak.payment-card');
  });
});
