import { describe, expect, it } from 'vitest';
import { sampleValue, schemaObject, schemaType } from './sample-value.js';

describe('sampleValue', () => {
  it('prefers example, examples, const, default, enum in that order', () => {
    expect(sampleValue({ type: 'string', example: 'ex', default: 'd' })).toBe('ex');
    expect(sampleValue({ type: 'string', examples: ['first'] })).toBe('first');
    expect(sampleValue({ const: 3 })).toBe(3);
    expect(sampleValue({ type: 'integer', default: 7 })).toBe(7);
    expect(sampleValue({ type: 'string', enum: [null, 'a', 'b'] })).toBe('a');
  });

  it('generates values that respect type, format and bounds', () => {
    expect(sampleValue({ type: 'integer', minimum: 5, maximum: 9 })).toBe(5);
    expect(sampleValue({ type: 'integer', maximum: 0 })).toBe(0);
    expect(sampleValue({ type: 'number', exclusiveMinimum: 2 })).toBe(2.5);
    expect(sampleValue({ type: 'string', format: 'email' })).toMatch(/^[^@]+@example\.com$/);
    expect(sampleValue({ type: 'string', format: 'uuid' })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sampleValue({ type: 'string', format: 'date-time' })).toBe('2024-01-15T10:00:00Z');
    expect(sampleValue({ type: 'string', minLength: 12 })).toHaveLength(12);
    expect(sampleValue({ type: 'string', maxLength: 3 })).toHaveLength(3);
    expect(sampleValue({ type: 'array', items: { type: 'boolean' }, minItems: 2 })).toEqual([true, true]);
  });

  it('builds objects, leaving out readOnly properties in requests and writeOnly ones in responses', () => {
    const s = { type: 'object', required: ['name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' }, password: { type: 'string', writeOnly: true } } };
    expect(sampleValue(s, { direction: 'request' })).toEqual({ name: 'rampart', password: 'Rampart-Test-1!' });
    expect(sampleValue(s, { direction: 'response' })).toEqual({ id: 1, name: 'rampart' });
    expect(sampleValue(s, { direction: 'request', optional: false })).toEqual({ name: 'rampart' });
  });

  it('varies generated values with the seed (unique e-mails for two creates)', () => {
    expect(sampleValue({ type: 'string', format: 'email' }, { seed: 1 })).not.toBe(sampleValue({ type: 'string', format: 'email' }, { seed: 2 }));
  });

  it('merges allOf, takes the first oneOf, and stops on cycles', () => {
    expect(sampleValue({ allOf: [{ type: 'object', properties: { a: { type: 'integer' } } }, { properties: { b: { type: 'boolean' } } }] })).toEqual({ a: 1, b: true });
    expect(sampleValue({ oneOf: [{ type: 'string', example: 'one' }, { type: 'integer' }] })).toBe('one');
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    expect(() => sampleValue(node)).not.toThrow();
    expect(JSON.stringify(sampleValue(node)).length).toBeLessThan(500);
  });

  it('reads types from keywords when `type` is absent, and nullable type lists', () => {
    expect(schemaType({ properties: {} })).toBe('object');
    expect(schemaType({ items: {} })).toBe('array');
    expect(schemaType({ type: ['null', 'integer'] })).toBe('integer');
    expect(schemaType({ enum: [1.5] })).toBe('number');
    expect(schemaObject(true)).toEqual({});
    expect(sampleValue(false)).toBeUndefined();
  });
});
