import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../core/api-description.js';
import { toApiDescription } from './to-api-description.js';
import { createResponseValidator, findResponse } from './validate-response.js';

const d = toApiDescription({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/users/{id}': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            headers: { 'X-Rate-Limit': { required: true, schema: { type: 'integer', maximum: 100 } }, ETag: { schema: { type: 'string' } } },
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['id', 'password'],
                  properties: { id: { type: 'integer' }, password: { type: 'string', writeOnly: true }, email: { type: 'string', format: 'email' } },
                },
              },
            },
          },
          '4XX': { description: 'client error', content: { 'application/problem+json': { schema: { type: 'object', required: ['title'] } } } },
          default: { description: 'other' },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
  },
});
const [get, del] = d.operations as [ApiOperation, ApiOperation];
const json = (value: unknown) => ({ mediaType: 'application/json', text: JSON.stringify(value) });
const h = (...pairs: Array<[string, string]>) => pairs;

describe('response validation', () => {
  const check = createResponseValidator(d);
  const short = (issues: ReturnType<typeof check>) => issues.map((i) => [i.location, i.name, i.pointer, i.keyword]);

  it('finds the documented response: exact, range, default', () => {
    expect(findResponse(get, 200)?.key).toBe('200');
    expect(findResponse(get, 404)?.key).toBe('4XX');
    expect(findResponse(get, 503)?.key).toBe('default');
    expect(findResponse(del, 200)).toBeUndefined();
  });

  it('accepts a conforming response; writeOnly properties are not required', () => {
    expect(check(get, 200, h(['x-rate-limit', '10'], ['content-type', 'application/json']), json({ id: 1, email: 'a@b.co' }))).toEqual([]);
  });

  it.each([
    ['undocumented status', del, 200, h(), undefined, [['status', undefined, '', 'status']]],
    ['required header missing', get, 200, h(), json({ id: 1 }), [['header', 'x-rate-limit', '', 'required']]],
    ['header schema', get, 200, h(['x-rate-limit', '1000']), json({ id: 1 }), [['header', 'x-rate-limit', '', 'maximum']]],
    ['body schema', get, 200, h(['x-rate-limit', '1']), json({ id: 'x' }), [['body', undefined, '/id', 'type']]],
    ['body format', get, 200, h(['x-rate-limit', '1']), json({ id: 1, email: 'nope' }), [['body', undefined, '/email', 'format']]],
    ['range response media type', get, 404, h(), json({ title: 'x' }), [['body', undefined, '', 'mediaType']]],
    ['range response schema', get, 404, h(), { mediaType: 'application/problem+json', text: '{}' }, [['body', undefined, '/title', 'required']]],
    ['invalid JSON', get, 200, h(['x-rate-limit', '1']), { mediaType: 'application/json', text: '<html>' }, [['body', undefined, '', 'json']]],
    ['media type from the Content-Type header', get, 200, h(['x-rate-limit', '1'], ['content-type', 'text/html']), { text: '<html>' }, [['body', undefined, '', 'mediaType']]],
    ['204 bodies are not checked', del, 204, h(), { text: 'x' }, []],
    ['default without content', get, 500, h(), { text: 'oops' }, []],
  ])('%s', (_what, op, status, headers, body, expected) => {
    expect(short(check(op, status, headers, body))).toEqual(expected);
  });

  it('options: unexpected bodies reported, writeOnly forbidden', () => {
    expect(createResponseValidator(d, { unexpectedBody: true })(get, 500, [], { text: 'oops' }).map((i) => i.keyword)).toEqual(['unexpectedBody']);
    const strict = createResponseValidator(d, { forbidWriteOnly: true });
    expect(strict(get, 200, h(['x-rate-limit', '1']), json({ id: 1, password: 'p' })).map((i) => [i.pointer, i.keyword])).toEqual([['/password', 'writeOnly']]);
  });
});
