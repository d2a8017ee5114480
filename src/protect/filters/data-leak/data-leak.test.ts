import { describe, expect, it } from 'vitest';
import { makeTx, run, status } from '../../../../test/support/gateway-tx.js';
import { createDataLeakFilter } from './data-leak.js';

describe('data-leak filter', () => {
  const body = JSON.stringify({ order: 'ORD-1234567890123456', card: '4111 1111 1111 1111', note: 'key AKIAIOSFODNN7EXAMPLE' });
  it('masks card numbers (last four kept) and secrets in mask mode', () => {
    const f = createDataLeakFilter({ action: 'mask', types: ['payment-card', 'aws-access-key'], status });
    const v = run(f, makeTx({ status: 200, responseBody: body }));
    expect(v.action).toBe('rewrite');
    if (v.action !== 'rewrite') return;
    expect(v.rule).toBe('dataleak.payment-card');
    expect(v.body).not.toContain('4111 1111 1111 1111');
    expect(v.body).toContain('1111"');
    expect(v.body).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(v.body).toContain('ORD-1234567890123456');
    expect(JSON.parse(v.body)).toHaveProperty('order', 'ORD-1234567890123456');
  });
  it('blocks in block mode, ignores types not configured and clean bodies', () => {
    const block = createDataLeakFilter({ action: 'block', types: ['payment-card'], status });
    expect(run(block, makeTx({ responseBody: body }))).toMatchObject({ action: 'block', rule: 'dataleak.payment-card', status: 502 });
    const ssnOnly = createDataLeakFilter({ action: 'block', types: ['us-ssn'], status });
    expect(run(ssnOnly, makeTx({ responseBody: body }))).toEqual({ action: 'continue' });
    expect(run(block, makeTx({ responseBody: '{"total": 4111111111111112}' }))).toEqual({ action: 'continue' });
  });
});
