import { describe, expect, it } from 'vitest';
import { createLineIndex, lineColumnAt } from './line-index.js';
import { createPositionIndex } from './position-index.js';

const yaml = `openapi: 3.0.0
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
          in: path
      responses:
        "200":
          description: ok
x-list: [a, {b: 1}]
`;

const json = `{
  "paths": {
    "/pets": {
      "get": { "responses": { "200": { "description": "ok" } } }
    }
  },
  "a~b": { "c/d": true }
}`;

describe('createPositionIndex', () => {
  it.each([
    [[], 1, 1],
    [['paths'], 2, 1],
    [['paths', '/pets/{id}', 'get'], 4, 5],
    [['paths', '/pets/{id}', 'get', 'parameters', '0'], 6, 11],
    [['paths', '/pets/{id}', 'get', 'parameters', '0', 'in'], 7, 11],
    [['paths', '/pets/{id}', 'get', 'responses', '200', 'description'], 10, 11],
    [['x-list', '1', 'b'], 11, 14],
    // not in the file: the nearest ancestor that is
    [['paths', '/pets/{id}', 'get', 'nope', 'x'], 4, 5],
  ])('YAML %j → %i:%i', (tokens, line, column) => {
    expect(createPositionIndex(yaml).locate(tokens)).toEqual({ line, column });
  });

  it.each([
    [['paths', '/pets', 'get'], 4, 7],
    [['paths', '/pets', 'get', 'responses', '200', 'description'], 4, 40],
    [['a~b', 'c/d'], 7, 12],
  ])('JSON %j → %i:%i', (tokens, line, column) => {
    expect(createPositionIndex(json).locate(tokens)).toEqual({ line, column });
  });

  it('gives an empty index for text that does not parse', () => {
    expect(createPositionIndex('{"a": ').locate(['a'])).toBeUndefined();
  });
});

describe('line index', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const text = 'ab\ncd\n\nef';
    const at = createLineIndex(text);
    expect([0, 2, 3, 6, 7, 8].map((o) => at(o))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
    expect(lineColumnAt(text, 7)).toEqual({ line: 4, column: 1 });
  });
});
