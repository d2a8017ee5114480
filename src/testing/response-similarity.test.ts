import { describe, expect, it } from 'vitest';
import { bodySimilarity, flattenJson, hasContent, largestArrayLength, parseJsonBody } from './response-similarity.js';

describe('response similarity', () => {
  it('compares JSON leaf by leaf', () => {
    expect(bodySimilarity('{"a":1,"b":2}', '{"b":2,"a":1}')).toBe(1);
    expect(bodySimilarity('{"a":1,"b":2}', '{"a":1,"b":3}')).toBe(0.5);
    expect(bodySimilarity('[{"id":1}]', '[]')).toBe(0);
    expect(bodySimilarity('{}', '{}')).toBe(1);
  });
  it('compares text token by token', () => {
    expect(bodySimilarity('hello big world', 'hello small world')).toBeCloseTo(2 / 3);
    expect(bodySimilarity('', '')).toBe(1);
  });
  it('ignores reflected payloads (also JSON-escaped)', () => {
    expect(bodySimilarity('{"q":"a\\"b"}', '{"q":""}', ['a"b'])).toBe(1);
    expect(bodySimilarity('results for xyz', 'results for ', ['xyz'])).toBe(1);
  });
  it('counts list items and tells empty answers', () => {
    expect(largestArrayLength(parseJsonBody('{"items":[1,2,3],"tags":[1]}'))).toBe(3);
    expect(largestArrayLength(parseJsonBody('[[1,2],[1,2,3,4]]'))).toBe(4);
    expect(largestArrayLength('x')).toBe(0);
    expect(['', '  ', '{}', '[]', '{"a":1}', 'text', '0'].map(hasContent)).toEqual([false, false, false, false, true, true, true]);
    expect(parseJsonBody('not json')).toBeUndefined();
    expect(flattenJson({ a: [{ b: null }], c: {} })).toEqual(new Map([['.a[0].b', 'null'], ['.c', '{}']]));
  });
});
