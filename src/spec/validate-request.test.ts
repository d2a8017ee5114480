import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../core/api-description.js';
import { parseQuery } from '../core/http.js';
import { toApiDescription } from './to-api-description.js';
import { createRequestValidator, type RequestToValidate, type RequestValidatorOptions } from './validate-request.js';
import type { ValidationIssue } from './validation-issue.js';

/** An OpenAPI document with one operation per test area, in 3.0 or 3.1. */
function doc(openapi: '3.0.3' | '3.1.0', paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  return toApiDescription({ openapi, info: { title: 't', version: '1' }, paths, components: { schemas, securitySchemes: { key: { type: 'apiKey', in: 'query', name: 'api_key' } } } });
}

function validator(d: ReturnType<typeof doc>, options: RequestValidatorOptions = {}) {
  const v = createRequestValidator(d, options);
  return (operationId: string, req: Partial<RequestToValidate> & { q?: string; json?: unknown }): Array<[string, string | undefined, string, string]> => {
    const op = d.operations.find((o) => o.operationId === operationId) as ApiOperation;
    const body = req.json !== undefined ? { mediaType: 'application/json', text: typeof req.json === 'string' ? req.json : JSON.stringify(req.json) } : req.body;
    const issues: ValidationIssue[] = v(op, { pathParams: req.pathParams ?? {}, query: req.query ?? parseQuery(req.q ?? ''), headers: req.headers ?? [], ...(req.cookies ? { cookies: req.cookies } : {}), ...(body ? { body } : {}) });
    return issues.map((i) => [i.location, i.name, i.pointer, i.keyword]);
  };
}

const params = doc('3.0.3', {
  '/items/{id}': {
    get: {
      operationId: 'get',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        { name: 'limit', in: 'query', required: true, schema: { type: 'integer', maximum: 100 } },
        { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, maxItems: 2 } },
        { name: 'flag', in: 'query', schema: { type: 'boolean' } },
        { name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object', properties: { min: { type: 'number' } }, additionalProperties: false } },
        { name: 'q', in: 'query', content: { 'application/json': { schema: { type: 'object', required: ['x'] } } } },
        { name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'session', in: 'cookie', schema: { type: 'string', minLength: 8 } },
      ],
      responses: {},
    },
  },
});

describe('request parameters', () => {
  const check = validator(params);
  const ok = { pathParams: { id: '7' }, headers: [['x-request-id', '123e4567-e89b-12d3-a456-426614174000']] as Array<[string, string]> };

  it('accepts a valid request, coercing strings to the schema types', () => {
    expect(check('get', { ...ok, q: 'limit=10&tags=a&tags=b&flag=true&filter[min]=1.5&q=%7B%22x%22%3A1%7D&api_key=k' })).toEqual([]);
  });

  it.each([
    ['path type', { ...ok, pathParams: { id: 'x' }, q: 'limit=1' }, [['path', 'id', '', 'type']]],
    ['path minimum', { ...ok, pathParams: { id: '0' }, q: 'limit=1' }, [['path', 'id', '', 'minimum']]],
    ['required query missing', { ...ok }, [['query', 'limit', '', 'required']]],
    ['query maximum', { ...ok, q: 'limit=101' }, [['query', 'limit', '', 'maximum']]],
    ['array item enum', { ...ok, q: 'limit=1&tags=c' }, [['query', 'tags', '/0', 'enum']]],
    ['array maxItems', { ...ok, q: 'limit=1&tags=a&tags=b&tags=a' }, [['query', 'tags', '', 'maxItems']]],
    ['boolean', { ...ok, q: 'limit=1&flag=yes' }, [['query', 'flag', '', 'type']]],
    ['deepObject extra property', { ...ok, q: 'limit=1&filter[max]=2' }, [['query', 'filter', '/max', 'additionalProperties']]],
    ['JSON content parameter invalid', { ...ok, q: 'limit=1&q={x' }, [['query', 'q', '', 'json']]],
    ['JSON content parameter schema', { ...ok, q: 'limit=1&q={}' }, [['query', 'q', '/x', 'required']]],
    ['unknown query parameter', { ...ok, q: 'limit=1&debug=1' }, [['query', 'debug', '', 'unknownParameter']]],
    ['header missing', { pathParams: { id: '1' }, q: 'limit=1' }, [['header', 'X-Request-Id', '', 'required']]],
    ['header format', { pathParams: { id: '1' }, q: 'limit=1', headers: [['x-request-id', 'nope']] as Array<[string, string]> }, [['header', 'X-Request-Id', '', 'format']]],
    ['cookie from the Cookie header', { pathParams: { id: '1' }, q: 'limit=1', headers: [...ok.headers, ['cookie', 'a=b; session=short']] as Array<[string, string]> }, [['cookie', 'session', '', 'minLength']]],
  ])('%s', (_what, req, expected) => {
    expect(check('get', req)).toEqual(expected);
  });

  it('options: unknown query parameters ignored, checks switched off, issue cap', () => {
    expect(validator(params, { unknownQuery: false })('get', { ...ok, q: 'limit=1&debug=1' })).toEqual([]);
    expect(validator(params, { checkQuery: false, checkHeaders: false })('get', { pathParams: { id: '1' } })).toEqual([]);
    expect(validator(params, { maxIssues: 2 })('get', { pathParams: { id: 'x' }, q: 'a=1&b=2&c=3' })).toHaveLength(2);
  });
});

const orderSchemas = {
  Order: {
    type: 'object',
    required: ['id', 'qty', 'price'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', readOnly: true },
      qty: { type: 'integer', format: 'int32', minimum: 1 },
      price: { type: 'number', minimum: 0, exclusiveMinimum: true },
      note: { type: 'string', nullable: true },
      secret: { type: 'string', writeOnly: true },
      data: { type: 'string', format: 'byte' },
    },
  },
};
const bodies = (version: '3.0.3' | '3.1.0', schemas = orderSchemas) =>
  doc(
    version,
    {
      '/orders': {
        post: {
          operationId: 'create',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Order' } },
              'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Order' } },
              'multipart/form-data': { schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' }, n: { type: 'integer' }, file: { type: 'string', format: 'binary' } } } },
            },
          },
          responses: {},
        },
        get: { operationId: 'list', responses: {} },
      },
    },
    schemas,
  );

describe('request bodies (OpenAPI 3.0)', () => {
  const check = validator(bodies('3.0.3'));
  it.each([
    ['valid, readOnly id not required', { qty: 2, price: 9.5, note: null, secret: 's', data: 'aGVsbG8=' }, []],
    ['missing required', { price: 1 }, [['body', undefined, '/qty', 'required']]],
    ['additional property', { qty: 1, price: 1, extra: true }, [['body', undefined, '/extra', 'additionalProperties']]],
    ['int32 range', { qty: 2 ** 31, price: 1 }, [['body', undefined, '/qty', 'format']]],
    ['exclusiveMinimum: true (3.0 boolean)', { qty: 1, price: 0 }, [['body', undefined, '/price', 'exclusiveMinimum']]],
    ['nullable: false by default', { qty: 1, price: 1, data: null }, [['body', undefined, '/data', 'type']]],
    ['format byte', { qty: 1, price: 1, data: 'not base64!' }, [['body', undefined, '/data', 'format']]],
    ['invalid JSON', '{"qty": 1,', [['body', undefined, '', 'json']]],
  ])('%s', (_what, json, expected) => {
    expect(check('create', { json })).toEqual(expected);
  });

  it('readOnly properties may be forbidden', () => {
    expect(validator(bodies('3.0.3'), { forbidReadOnly: true })('create', { json: { id: 'x', qty: 1, price: 1 } })).toEqual([['body', undefined, '/id', 'readOnly']]);
  });

  it('media types: unknown, missing Content-Type, required body, unexpected body, size', () => {
    expect(check('create', { body: { mediaType: 'text/xml', text: '<a/>' } })).toEqual([['body', undefined, '', 'mediaType']]);
    expect(check('create', { body: { mediaType: '', text: '{}' } })).toEqual([['body', undefined, '', 'mediaType']]);
    expect(check('create', {})).toEqual([['body', undefined, '', 'required']]);
    expect(check('list', { json: {} })).toEqual([['body', undefined, '', 'unexpectedBody']]);
    expect(validator(bodies('3.0.3'), { maxBodyBytes: 10 })('create', { json: { qty: 1, price: 1, note: 'long enough' } })).toEqual([['body', undefined, '', 'maxBodySize']]);
    expect(check('create', { body: { mediaType: 'application/json; charset=utf-8', text: '{"qty":1,"price":1}' } })).toEqual([]);
    expect(check('create', { body: { mediaType: 'application/json', text: '{"qty":"x"}', truncated: true } })).toEqual([]);
  });

  it('form bodies are coerced by the schema', () => {
    expect(check('create', { body: { mediaType: 'application/x-www-form-urlencoded', text: 'qty=2&price=1.5&note=hi' } })).toEqual([]);
    expect(check('create', { body: { mediaType: 'application/x-www-form-urlencoded', text: 'qty=two&price=1' } })).toEqual([['body', undefined, '/qty', 'type']]);
  });

  it('multipart bodies are parsed and validated', () => {
    const mp = (parts: string) => ({ body: { mediaType: 'multipart/form-data; boundary=B', text: `${parts}--B--\r\n` } });
    const field = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    expect(check('create', mp(field('title', 't') + field('n', '3') + '--B\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n\u0001\u0002\r\n'))).toEqual([]);
    expect(check('create', mp(field('n', 'x')))).toEqual([['body', undefined, '/title', 'required']]);
    expect(check('create', { body: { mediaType: 'multipart/form-data; boundary=B', text: 'garbage' } })).toEqual([['body', undefined, '', 'multipart']]);
  });
});

describe('request bodies: 3.0 vs 3.1 semantics', () => {
  const schemas31 = {
    Order: {
      type: 'object',
      required: ['qty'],
      properties: { qty: { type: 'integer', exclusiveMinimum: 0 }, note: { type: ['string', 'null'] }, tag: { type: 'string', nullable: true } },
    },
  };
  const check31 = validator(bodies('3.1.0', schemas31 as never));
  it.each([
    ['numeric exclusiveMinimum', { qty: 0 }, [['body', undefined, '/qty', 'exclusiveMinimum']]],
    ['type list with null', { qty: 1, note: null }, []],
    ['`nullable` is not a 3.1 keyword', { qty: 1, tag: null }, [['body', undefined, '/tag', 'type']]],
  ])('3.1: %s', (_what, json, expected) => {
    expect(check31('create', { json })).toEqual(expected);
  });
});

describe('discriminator and circular schemas', () => {
  const d = doc(
    '3.0.3',
    {
      '/pets': { post: { operationId: 'pet', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }, responses: {} } },
      '/tree': { post: { operationId: 'tree', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } }, responses: {} } },
    },
    {
      Pet: { oneOf: [{ $ref: '#/components/schemas/Dog' }, { $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { dog: '#/components/schemas/Dog' } } },
      // both alternatives accept any object with `kind`: without the discriminator, oneOf would reject every pet
      Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, bark: { type: 'boolean' } } },
      Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, lives: { type: 'integer', maximum: 9 } } },
      Node: { type: 'object', required: ['v'], properties: { v: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
    },
  );
  const check = validator(d);

  it.each([
    [{ kind: 'dog', bark: true }, []],
    [{ kind: 'Cat', lives: 3 }, []],
    [{ kind: 'Cat', lives: 10 }, [['body', undefined, '/lives', 'maximum']]],
    [{ kind: 'dog', bark: 'loud' }, [['body', undefined, '/bark', 'type']]],
    [{ kind: 'cow' }, [['body', undefined, '/kind', 'enum']]],
    [{ bark: true }, [['body', undefined, '/kind', 'required']]],
  ])('discriminator picks the mapped schema: %j', (json, expected) => {
    expect(check('pet', { json })).toEqual(expected);
  });

  it('validates recursive schemas and bounds the depth of their data', () => {
    expect(check('tree', { json: { v: 1, children: [{ v: 2, children: [{ v: 3 }] }] } })).toEqual([]);
    expect(check('tree', { json: { v: 1, children: [{ v: 'x' }] } })).toEqual([['body', undefined, '/children/0/v', 'type']]);
    let deep: Record<string, unknown> = { v: 0 };
    for (let i = 0; i < 100; i++) deep = { v: i, children: [deep] };
    expect(check('tree', { json: deep })).toEqual([['body', undefined, '', 'maxDepth']]);
    expect(validator(d, { maxBodyDepth: 1000 })('tree', { json: deep })).toEqual([]);
  });
});

describe('robustness', () => {
  it('does not enforce super-linear patterns and warns once', () => {
    const warnings: string[] = [];
    const d = doc('3.0.3', { '/a': { get: { operationId: 'a', parameters: [{ name: 'x', in: 'query', schema: { type: 'string', pattern: '^(a+)+$' } }], responses: {} } } });
    const check = validator(d, { onWarning: (w) => warnings.push(w) });
    const started = Date.now();
    expect(check('a', { q: `x=${'a'.repeat(40)}!` })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(warnings).toEqual(['pattern "^(a+)+$" can take super-linear time on crafted input (ReDoS): not enforced']);
  });

  it('a schema Ajv cannot compile is skipped with a warning; the rest is still checked', () => {
    const warnings: string[] = [];
    const d = doc('3.0.3', {
      '/a': { get: { operationId: 'a', parameters: [{ name: 'x', in: 'query', schema: { type: 'string', pattern: '(' } }, { name: 'n', in: 'query', schema: { type: 'integer' } }], responses: {} } },
    });
    const check = validator(d, { onWarning: (w) => warnings.push(w) });
    expect(check('a', { q: 'x=1&n=z' })).toEqual([['query', 'n', '', 'type']]);
    expect(warnings[0]).toMatch(/^schema at GET \/a query parameter "x" cannot be compiled/);
  });
});
