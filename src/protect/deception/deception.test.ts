import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../../core/api-description.js';
import { ActorMarks } from './actor-marks.js';
import { fakeResponse } from './fake-response.js';

function op(responses: ApiOperation['responses']): ApiOperation {
  return { method: 'get', path: '/x', pointer: '/paths/~1x/get', parameters: [], responses, security: undefined, extensions: {}, deprecated: false, tags: [] } as unknown as ApiOperation;
}

describe('fakeResponse', () => {
  it('uses the first 2xx JSON response: example first', () => {
    const f = fakeResponse(op({ '404': { content: {}, headers: {} }, '201': { content: { 'application/json': { example: { ok: 1 } } }, headers: {} } }), 1);
    expect(f).toEqual({ status: 201, contentType: 'application/json', body: '{"ok":1}' });
  });

  it('generates from the schema with realistic values that vary with the seed and never say rampart', () => {
    const schema = {
      type: 'object',
      required: ['id', 'email', 'name'],
      properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string', format: 'email' }, name: { type: 'string' }, secret: { type: 'string', writeOnly: true } },
    };
    const o = op({ '200': { content: { 'application/json': { schema } }, headers: {} } });
    const a = JSON.parse(fakeResponse(o, 1).body) as Record<string, string>;
    const b = JSON.parse(fakeResponse(o, 2).body) as Record<string, string>;
    expect(a.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.secret).toBeUndefined();
    expect(JSON.stringify([a, b])).not.toMatch(/rampart/i);
    expect(a).not.toEqual(b);
  });

  it('no operation, or no success response: 200 {}; a 204 has no body', () => {
    expect(fakeResponse(undefined, 1)).toEqual({ status: 200, contentType: 'application/json', body: '{}' });
    expect(fakeResponse(op({ '400': { content: {}, headers: {} } }), 1).status).toBe(200);
    expect(fakeResponse(op({ '204': { content: {}, headers: {} } }), 1)).toEqual({ status: 204, contentType: '', body: '' });
  });
});

describe('ActorMarks', () => {
  it('marks, renews, expires and bounds', () => {
    const m = new ActorMarks(1000, 2);
    expect(m.mark('ip:1.1.1.1', 'decoy', 0)).toBe(true);
    expect(m.mark('ip:1.1.1.1', 'again', 500)).toBe(false);
    expect(m.get('ip:1.1.1.1', 1400)?.reason).toBe('decoy'); // renewed at 500: lives until 1500
    expect(m.get('ip:1.1.1.1', 1500)).toBeUndefined();
    expect(m.size).toBe(0);
    m.mark('sub:a', 'x', 0);
    expect(m.hasPrincipals).toBe(true);
    m.mark('ip:2.2.2.2', 'x', 0);
    m.mark('ip:3.3.3.3', 'x', 0); // over the bound: the oldest (sub:a) goes
    expect(m.size).toBe(2);
    expect(m.get('sub:a', 1)).toBeUndefined();
    expect(m.hasPrincipals).toBe(false);
  });
});
