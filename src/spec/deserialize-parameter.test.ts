import { describe, expect, it } from 'vitest';
import type { ApiParameter } from '../core/api-description.js';
import { createCoercer } from './coerce-value.js';
import { deserializeCookie, deserializeHeader, deserializePath, deserializeQuery, shapeOf } from './deserialize-parameter.js';

// The value tables of OpenAPI 3.1 §4.8.12.4: color = "blue" | ["blue","black","brown"] | {R:100,G:200,B:150}
const prim = { type: 'string' };
const arr = { type: 'array', items: { type: 'string' } };
const obj = { type: 'object', properties: { R: { type: 'integer' }, G: { type: 'integer' }, B: { type: 'integer' } } };
const param = (location: ApiParameter['in'], style: string, explode: boolean, schema: Record<string, unknown>): ApiParameter => ({ name: 'color', in: location, required: false, deprecated: false, style, explode, schema });
const OBJ = { R: '100', G: '200', B: '150' };

describe('path parameters', () => {
  it.each([
    ['simple', false, prim, 'blue', 'blue'],
    ['simple', false, arr, 'blue,black,brown', ['blue', 'black', 'brown']],
    ['simple', false, obj, 'R,100,G,200,B,150', OBJ],
    ['simple', true, obj, 'R=100,G=200,B=150', OBJ],
    ['label', false, prim, '.blue', 'blue'],
    ['label', false, arr, '.blue,black,brown', ['blue', 'black', 'brown']],
    ['label', true, arr, '.blue.black.brown', ['blue', 'black', 'brown']],
    ['label', false, obj, '.R,100,G,200,B,150', OBJ],
    ['label', true, obj, '.R=100.G=200.B=150', OBJ],
    ['matrix', false, prim, ';color=blue', 'blue'],
    ['matrix', false, arr, ';color=blue,black,brown', ['blue', 'black', 'brown']],
    ['matrix', true, arr, ';color=blue;color=black;color=brown', ['blue', 'black', 'brown']],
    ['matrix', false, obj, ';color=R,100,G,200,B,150', OBJ],
    ['matrix', true, obj, ';R=100;G=200;B=150', OBJ],
  ])('%s explode=%s %j ← %s', (style, explode, schema, raw, expected) => {
    const p = param('path', style, explode, schema);
    expect(deserializePath(p, raw, shapeOf(p))).toEqual({ kind: 'value', value: expected });
  });

  it.each([
    ['label', 'blue'],
    ['matrix', 'blue'],
    ['matrix', ';colour=blue'],
  ])('%s value %j not in its style', (style, raw) => {
    const p = param('path', style, false, prim);
    expect(deserializePath(p, raw, 'primitive').kind).toBe('style');
  });
});

describe('query parameters', () => {
  const q = (s: string) => s.split('&').map((kv) => kv.split('=') as [string, string]);
  it.each([
    ['form', true, prim, 'color=blue', 'blue'],
    ['form', true, arr, 'color=blue&color=black&color=brown', ['blue', 'black', 'brown']],
    ['form', true, obj, 'R=100&G=200&B=150&other=1', OBJ],
    ['form', false, arr, 'color=blue,black,brown', ['blue', 'black', 'brown']],
    ['form', false, obj, 'color=R,100,G,200,B,150', OBJ],
    ['spaceDelimited', false, arr, 'color=blue black brown', ['blue', 'black', 'brown']],
    ['pipeDelimited', false, arr, 'color=blue|black|brown', ['blue', 'black', 'brown']],
    ['pipeDelimited', false, obj, 'color=R|100|G|200|B|150', OBJ],
    ['tabDelimited', false, arr, 'color=blue\tblack', ['blue', 'black']],
    ['deepObject', true, obj, 'color[R]=100&color[G]=200&color[B]=150', OBJ],
  ])('%s explode=%s %j ← %s', (style, explode, schema, raw, expected) => {
    const p = param('query', style, explode, schema);
    expect(deserializeQuery(p, q(raw), shapeOf(p), Object.keys((schema as { properties?: object }).properties ?? {}))).toEqual({ kind: 'value', value: expected });
  });

  it('nested deepObject and repeated keys', () => {
    const p = param('query', 'deepObject', true, { type: 'object' });
    expect(deserializeQuery(p, [['color[a][b]', '1'], ['color[l][]', 'x'], ['color[l][]', 'y']], 'object', [])).toEqual({ kind: 'value', value: { a: { b: '1' }, l: ['x', 'y'] } });
  });

  it('missing parameters', () => {
    expect(deserializeQuery(param('query', 'form', true, prim), [['other', '1']], 'primitive', []).kind).toBe('missing');
    expect(deserializeQuery(param('query', 'form', true, obj), [['other', '1']], 'object', ['R']).kind).toBe('missing');
  });
});

describe('header and cookie parameters', () => {
  it('header simple: primitive, array (repeated headers joined), object', () => {
    expect(deserializeHeader(param('header', 'simple', false, prim), [' blue '], 'primitive')).toEqual({ kind: 'value', value: 'blue' });
    expect(deserializeHeader(param('header', 'simple', false, arr), ['blue, black', 'brown'], 'array')).toEqual({ kind: 'value', value: ['blue', 'black', 'brown'] });
    expect(deserializeHeader(param('header', 'simple', true, obj), ['R=100,G=200,B=150'], 'object')).toEqual({ kind: 'value', value: OBJ });
  });

  it('cookie form', () => {
    expect(deserializeCookie(param('cookie', 'form', true, prim), [['color', 'blue']], 'primitive')).toEqual({ kind: 'value', value: 'blue' });
    expect(deserializeCookie(param('cookie', 'form', false, arr), [['color', 'blue,black']], 'array')).toEqual({ kind: 'value', value: ['blue', 'black'] });
    expect(deserializeCookie(param('cookie', 'form', false, obj), [['color', 'R,100,G,200,B,150']], 'object')).toEqual({ kind: 'value', value: OBJ });
  });
});

describe('coercion to schema types', () => {
  it.each([
    [{ type: 'integer' }, '42', 42],
    [{ type: 'integer' }, '4.2', '4.2'],
    [{ type: 'integer' }, '99999999999999999999', '99999999999999999999'],
    [{ type: 'number' }, '-1.5e3', -1500],
    [{ type: 'number' }, '', ''],
    [{ type: 'boolean' }, 'true', true],
    [{ type: 'boolean' }, 'yes', 'yes'],
    [{ type: ['integer', 'null'] }, 'null', null],
    [{ type: 'integer', nullable: true }, '', null],
    [{ type: ['integer', 'string'] }, '42', '42'],
    [{ type: 'array', items: { type: 'integer' } }, '7', [7]],
    [{ type: 'array', items: { type: 'integer' } }, ['1', 'x'], [1, 'x']],
    [obj, OBJ, { R: 100, G: 200, B: 150 }],
    [{ allOf: [{ type: 'integer' }] }, '3', 3],
    [undefined, '3', '3'],
  ])('%j: %j → %j', (schema, value, expected) => {
    expect(createCoercer(schema)(value)).toEqual(expected);
  });
});
