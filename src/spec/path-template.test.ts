import { describe, expect, it } from 'vitest';
import { matchPattern, parsePathTemplate, type TemplateSegment } from './path-template.js';

describe('parsePathTemplate', () => {
  it('splits literals, parameters and partial-segment patterns', () => {
    expect(parsePathTemplate('/users/{id}/files/{name}.json').segments).toEqual([
      { kind: 'literal', text: 'users' },
      { kind: 'param', name: 'id' },
      { kind: 'literal', text: 'files' },
      { kind: 'pattern', literals: ['', '.json'], names: ['name'] },
    ]);
    expect(parsePathTemplate('/{a},{b}').segments).toEqual([{ kind: 'pattern', literals: ['', ',', ''], names: ['a', 'b'] }]);
    expect(parsePathTemplate('/').segments).toEqual([]);
  });

  it('cuts query strings and fragments written into path keys, keeping the query names', () => {
    expect(parsePathTemplate('/current?city={city}&country={country}')).toEqual({ segments: [{ kind: 'literal', text: 'current' }], queryNames: ['city', 'country'] });
    expect(parsePathTemplate('/tags/{arn}#tagKeys').segments).toEqual([
      { kind: 'literal', text: 'tags' },
      { kind: 'param', name: 'arn' },
    ]);
  });

  it('reads unbalanced braces as literal text and RFC 6570 operators as names', () => {
    expect(parsePathTemplate('/a{b').segments).toEqual([{ kind: 'literal', text: 'a{b' }]);
    expect(parsePathTemplate('/{+path}').segments).toEqual([{ kind: 'param', name: 'path' }]);
  });
});

describe('matchPattern', () => {
  const seg = (t: string) => parsePathTemplate(`/${t}`).segments[0] as Extract<TemplateSegment, { kind: 'pattern' }>;
  it.each([
    ['{name}.json', 'report.json', ['report']],
    ['{name}.json', 'a.b.json', ['a.b']],
    ['{name}.json', '.json', undefined],
    ['{name}.json', 'report.xml', undefined],
    ['{a},{b}', 'x,y', ['x', 'y']],
    ['{a},{b}', 'x,y,z', ['x', 'y,z']],
    ['{a},{b}', 'x,', undefined],
    ['v{major}.{minor}', 'v1.2', ['1', '2']],
    ['{name}:cancel', 'ops:cancel', ['ops']],
    ['{name}:cancel', ':cancel', undefined],
  ])('%s against %j', (template, text, expected) => {
    const out: string[] = ['kept'];
    const ok = matchPattern(seg(template), text, out);
    expect(ok).toBe(expected !== undefined);
    expect(out).toEqual(['kept', ...(expected ?? [])]);
  });
});
