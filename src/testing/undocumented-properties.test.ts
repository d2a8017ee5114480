import { describe, expect, it } from 'vitest';
import { SENSITIVE_FIELD, undocumentedProperties } from './undocumented-properties.js';

const user = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('undocumented properties', () => {
  it('lists properties the schema does not document, nested and in arrays', () => {
    expect(undocumentedProperties({ id: 1, name: 'a', passwordHash: 'x', address: { city: 'c', lat: 1 } }, user)).toEqual(['$.passwordHash', '$.address.lat']);
    expect(undocumentedProperties([{ id: 1, ssn: 'x' }], { type: 'array', items: user })).toEqual(['$[0].ssn']);
  });
  it('does not judge free-form objects or schemas that allow extra properties', () => {
    expect(undocumentedProperties({ a: 1 }, { type: 'object' })).toEqual([]);
    expect(undocumentedProperties({ a: 1 }, { type: 'object', properties: { b: {} }, additionalProperties: { type: 'integer' } })).toEqual([]);
    expect(undocumentedProperties({ a: 1 }, true)).toEqual([]);
  });
  it('unites allOf and oneOf alternatives', () => {
    const s = { oneOf: [{ properties: { a: {} } }, { properties: { b: {} } }] };
    expect(undocumentedProperties({ a: 1, b: 2, c: 3 }, s)).toEqual(['$.c']);
    expect(undocumentedProperties({ a: 1, b: 2 }, { allOf: [{ properties: { a: {} } }, { properties: { b: {} } }] })).toEqual([]);
  });
  it('recognises sensitive field names', () => {
    for (const n of ['password', 'passwordHash', 'password_hash', 'apiKey', 'api_key', 'ssn', 'cardNumber', 'cvv', 'secret', 'salt']) expect(SENSITIVE_FIELD.test(n), n).toBe(true);
    for (const n of ['name', 'email', 'total', 'status']) expect(SENSITIVE_FIELD.test(n), n).toBe(false);
  });
});
