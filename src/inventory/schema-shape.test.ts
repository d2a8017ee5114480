import { describe, expect, it } from 'vitest';
import { DEFAULT_SHAPE_LIMITS, Shape, childPath, shapeToSchema, textType } from './schema-shape.js';

function infer(samples: unknown[], visit?: (v: string, p: string) => boolean): Shape {
  const s = new Shape();
  for (const x of samples) s.observeJson(x, DEFAULT_SHAPE_LIMITS, visit);
  return s;
}

describe('schema inference and merge', () => {
  it('marks properties present in every sample as required, the others optional', () => {
    const schema = shapeToSchema(infer([{ id: 1, name: 'a' }, { id: 2 }, { id: 3, name: 'c', extra: true }]));
    expect(schema).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, extra: { type: 'boolean' } },
      required: ['id'],
    });
  });

  it('widens integer to number, and records null as a nullable type', () => {
    expect(shapeToSchema(infer([1, 2.5, 3]))).toEqual({ type: 'number' });
    expect(shapeToSchema(infer([1, 2, 3]))).toEqual({ type: 'integer' });
    expect(shapeToSchema(infer([{ c: 'x' }, { c: null }]))).toEqual({
      type: 'object',
      properties: { c: { type: ['string', 'null'] } },
      required: ['c'],
    });
    expect(shapeToSchema(infer([null]))).toEqual({ type: 'null' });
    expect(shapeToSchema(infer(['a', 1]))).toEqual({ type: ['string', 'integer'] });
  });

  it('finds formats only when every string has them', () => {
    const uuid = '550e8400-e29b-41d4-a716-446655440000';
    expect(shapeToSchema(infer([uuid, uuid.replace('5', '6')]))).toEqual({ type: 'string', format: 'uuid' });
    expect(shapeToSchema(infer(['a@example.com', 'b@example.org']))).toEqual({ type: 'string', format: 'email' });
    expect(shapeToSchema(infer(['2024-05-01', '2023-01-31']))).toEqual({ type: 'string', format: 'date' });
    expect(shapeToSchema(infer(['2024-05-01T10:00:00Z']))).toEqual({ type: 'string', format: 'date-time' });
    expect(shapeToSchema(infer(['10.1.2.3']))).toEqual({ type: 'string', format: 'ipv4' });
    expect(shapeToSchema(infer(['::1']))).toEqual({ type: 'string', format: 'ipv6' });
    expect(shapeToSchema(infer(['https://example.com/x']))).toEqual({ type: 'string', format: 'uri' });
    expect(shapeToSchema(infer(['2024-05-01', 'tomorrow']))).toEqual({ type: 'string' });
  });

  it('emits enums for small sets of repeated values only', () => {
    const statuses = ['active', 'inactive', 'pending', 'active', 'active', 'inactive', 'pending', 'active', 'pending', 'inactive'];
    expect(shapeToSchema(infer(statuses))).toEqual({ type: 'string', enum: ['active', 'inactive', 'pending'] });
    expect(shapeToSchema(infer(['a', 'b', 'c']))).toEqual({ type: 'string' }); // not repeated
    expect(shapeToSchema(infer(['same', 'same', 'same']))).toEqual({ type: 'string' }); // a single value is no enum
    // secret-shaped values (an API key leaking into an ordinary field) are never kept as enum candidates
    const keys = ['sk_demo_06a7d2b73a9fbe8bb538c1ca', 'sk_demo_324554b17da57df7115a0b1c', 'sk_demo_06a7d2b73a9fbe8bb538c1ca'];
    expect(shapeToSchema(infer(keys))).toEqual({ type: 'string' });
    // nor are card numbers inside free text, or prose
    expect(shapeToSchema(infer(['card 5555555555554444', 't', 't', 'card 5555555555554444']))).toEqual({ type: 'string' });
    expect(shapeToSchema(infer(['my password is Hunter2GW', 'x', 'x', 'my password is Hunter2GW']))).toEqual({ type: 'string' });
    const many = Array.from({ length: 40 }, (_, i) => `v${i % 20}`);
    expect(shapeToSchema(infer(many))).toEqual({ type: 'string' }); // too many distinct
    expect(shapeToSchema(infer(['x', null, 'y', 'x', 'y', 'x', 'y']))).toEqual({ type: ['string', 'null'], enum: ['x', 'y', null] });
  });

  it('never keeps values of secret-looking fields or values the visitor flags', () => {
    const s = infer([{ password: 'hunter2' }, { password: 'hunter2' }, { password: 'hunter2' }, { password: 'x' }]);
    expect(s.props?.get('password')?.values).toBeNull();
    expect(JSON.stringify(s.toJson())).not.toContain('hunter2');
    const t = infer(['4111111111111111', '4111111111111111', '4111111111111111'], (v) => v.startsWith('4111'));
    expect(t.values).toBeNull();
    expect(JSON.stringify(t.toJson())).not.toContain('4111');
  });

  it('merges arrays of objects into one items schema', () => {
    const schema = shapeToSchema(infer([{ items: [{ sku: 'a', qty: 1 }, { sku: 'b' }] }, { items: [] }, { items: [{ sku: 'c', qty: 2, note: 'x' }] }]));
    expect(schema).toEqual({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' }, note: { type: 'string' } }, required: ['sku'] },
        },
      },
      required: ['items'],
    });
  });

  it('merges two shapes like one shape that saw both sample sets', () => {
    const a = infer([{ id: 1, tags: ['x'] }, { id: 2 }]);
    const b = infer([{ id: 3.5, name: 'n' }]);
    const both = infer([{ id: 1, tags: ['x'] }, { id: 2 }, { id: 3.5, name: 'n' }]);
    a.merge(b);
    expect(shapeToSchema(a)).toEqual(shapeToSchema(both));
    expect(a.toJson()).toEqual(both.toJson());
  });

  it('round-trips through its JSON state and rejects malformed state', () => {
    const s = infer([JSON.parse('{"a": [1, {"b": "x"}], "__proto__": 1, "odd key": null}')]);
    const back = Shape.fromJson(JSON.parse(JSON.stringify(s.toJson())));
    expect(back.toJson()).toEqual(s.toJson());
    expect(shapeToSchema(back)).toEqual(shapeToSchema(s));
    expect(Object.keys((shapeToSchema(back) as { properties: object }).properties)).toEqual(['a', '__proto__', 'odd key']);
    expect(() => Shape.fromJson({ n: 1 })).toThrow(TypeError);
    expect(() => Shape.fromJson({ n: -1, t: [0, 0, 0, 0, 0, 0, 0] })).toThrow(TypeError);
    expect(() => Shape.fromJson('x')).toThrow(TypeError);
  });

  it('is bounded in depth, properties and array items', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const s = infer([deep]);
    let depth = 0;
    for (let cur: Shape | undefined = s; cur?.props; cur = cur.props.get('d')) depth++;
    expect(depth).toBe(DEFAULT_SHAPE_LIMITS.maxDepth);
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const w = infer([wide]);
    expect(w.props?.size).toBe(200);
    expect(w.dropped).toBe(300);
    const arr = infer([Array.from({ length: 10_000 }, (_, i) => i)]);
    expect(arr.items?.n).toBe(20);
    const visited: string[] = [];
    infer([Array.from({ length: 30 }, (_, i) => `v${i}`)], (v) => {
      visited.push(v);
      return false;
    });
    expect(visited).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']); // only the first items are classified
    // values of items past the classified ones only count when already known: a new one ends the closed set
    const visitor = () => false;
    const known = infer([Array.from({ length: 20 }, (_, i) => ({ s: ['a', 'b', 'c'][i % 3] }))], visitor);
    expect(shapeToSchema(known.items as Shape)).toMatchObject({ properties: { s: { type: 'string', enum: ['a', 'b', 'c'] } } });
    const unknown = infer([[...Array.from({ length: 10 }, (_, i) => ({ s: ['a', 'b'][i % 2] })), { s: 'secret-in-item-11' }]], visitor);
    expect(shapeToSchema(unknown.items as Shape)).toEqual({ type: 'object', properties: { s: { type: 'string' } }, required: ['s'] });
    expect(JSON.stringify(unknown.toJson())).not.toContain('secret-in-item-11');
  });

  it('builds JSON paths for sightings', () => {
    const seen: string[] = [];
    infer([{ user: { email: 'a@b.co' }, items: [{ card: '4111' }], 'odd key': { "it's": 'v' } }], (_v, p) => {
      seen.push(p);
      return false;
    });
    expect(seen).toEqual(['$.user.email', '$.items[*].card', "$['odd key']['it\\'s']"]);
    expect(childPath('$', 'a-b')).toBe("$['a-b']");
  });

  it('types parameter text', () => {
    expect(['42', '-7', '4.5', 'true', 'false', '007', '00042', '0', '1e5', '', 'abc', '12345678901234567890', '0.5'].map(textType)).toEqual([
      'integer', 'integer', 'number', 'boolean', 'boolean', 'string', 'string', 'integer', 'string', 'string', 'string', 'string', 'number',
    ]);
    const s = new Shape();
    for (const v of ['1', '2', '3']) s.observeText(v);
    expect(shapeToSchema(s)).toEqual({ type: 'integer' });
    s.observeText('x');
    expect(shapeToSchema(s)).toEqual({ type: ['string', 'integer'] });
  });
});
