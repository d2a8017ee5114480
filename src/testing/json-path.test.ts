import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from './json-path.js';

describe('JSON paths in auth files', () => {
  it('parses names, indexes and quoted names', () => {
    expect(parseJsonPath('$.data.access_token')).toEqual(['data', 'access_token']);
    expect(parseJsonPath("$.items[0]['access-token']")).toEqual(['items', 0, 'access-token']);
    expect(parseJsonPath('$')).toEqual([]);
    expect(readJsonPath({ items: [{ 'access-token': 'x' }] }, ['items', 0, 'access-token'])).toBe('x');
    expect(readJsonPath({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });
  it('refuses what it does not support, saying where', () => {
    expect(() => parseJsonPath('token')).toThrow(/must start with "\$"/);
    expect(() => parseJsonPath('$..token')).toThrow(/empty name/);
    expect(() => parseJsonPath('$.items[*]')).toThrow(/unsupported selector/);
    expect(() => parseJsonPath('$.a[0')).toThrow(/missing "\]"/);
  });
});
