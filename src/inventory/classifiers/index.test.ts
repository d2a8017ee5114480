import { describe, expect, it } from 'vitest';
import type { SensitiveType } from '../../core/index.js';
import type { ValueContext } from './classifier.js';
import { CLASSIFIERS, classifyValue } from './index.js';

const ALL_TYPES: SensitiveType[] = [
  'email', 'phone', 'payment-card', 'us-ssn', 'iban', 'jwt', 'private-key', 'aws-access-key', 'github-token',
  'slack-token', 'stripe-key', 'generic-secret', 'ip-address', 'date-of-birth', 'password',
];

function vectorCtx(v: string | { value: string; ctx: Partial<ValueContext> }): { value: string; ctx: ValueContext } {
  if (typeof v === 'string') return { value: v, ctx: { location: 'body', direction: 'request' } };
  return { value: v.value, ctx: { location: 'body', direction: 'request', ...v.ctx } };
}

describe('the classifier catalogue', () => {
  it('has one classifier per sensitive type, in the fixed catalogue order', () => {
    expect(CLASSIFIERS.map((c) => c.type)).toEqual(ALL_TYPES);
  });

  for (const c of CLASSIFIERS) {
    describe(c.type, () => {
      it('has vectors both ways', () => {
        expect(c.vectors.match.length).toBeGreaterThanOrEqual(3);
        expect(c.vectors.noMatch.length).toBeGreaterThanOrEqual(3);
      });
      it.each(c.vectors.match.map((v) => [vectorCtx(v).value.slice(0, 60), v] as const))('matches %s', (_label, v) => {
        const { value, ctx } = vectorCtx(v);
        expect(c.test(value, ctx)).toBe(true);
        expect(classifyValue(value, ctx)).toContain(c.type);
      });
      it.each(c.vectors.noMatch.map((v) => [vectorCtx(v).value.slice(0, 60), v] as const))('does not match %s', (_label, v) => {
        const { value, ctx } = vectorCtx(v);
        expect(c.test(value, ctx)).toBe(false);
      });
    });
  }
});

describe('classifyValue', () => {
  const body: ValueContext = { location: 'body', direction: 'request' };

  it('returns the types in catalogue order without duplicates', () => {
    expect(classifyValue('4111111111111111', { ...body, name: 'password' })).toEqual(['payment-card', 'password']);
    expect(classifyValue('alice@example.com', body)).toEqual(['email']);
  });

  it('returns nothing for ordinary values', () => {
    for (const v of ['42', 'true', 'John', 'Widget deluxe', '2024-05-01T10:00:00Z', '550e8400-e29b-41d4-a716-446655440000', '19.99', 'en-US', '']) {
      expect(classifyValue(v, body)).toEqual([]);
    }
  });

  it('never throws on hostile values', () => {
    const hostile = ['\u0000'.repeat(100), '\ud800', 'e'.repeat(20_000) + '.' + 'a'.repeat(10), '+'.repeat(40), '@'.repeat(300), '-----BEGIN PRIVATE KEY-----'.repeat(1000), 'x'.repeat(1 << 20)];
    for (const v of hostile) for (const name of [undefined, 'password', 'token', 'dob', 'phone']) expect(() => classifyValue(v, { ...body, name })).not.toThrow();
    expect(classifyValue('x'.repeat(1 << 20), { ...body, name: 'password' })).toEqual([]);
  });
});
