import { describe, expect, it } from 'vitest';
import type { SpecWarning } from './to-api-description.js';
import { toApiDescription } from './to-api-description.js';

const swagger2 = {
  swagger: '2.0',
  info: { title: 'Pets', version: '1.0' },
  host: 'API.Example.com:443',
  basePath: '/v1/',
  schemes: ['https', 'http'],
  consumes: ['application/json', 'application/xml'],
  produces: ['application/json'],
  securityDefinitions: {
    basicAuth: { type: 'basic' },
    key: { type: 'apiKey', in: 'header', name: 'X-Key' },
    oauth: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://x/auth', scopes: {} },
  },
  security: [{ key: [] }],
  parameters: { limit: { name: 'limit', in: 'query', type: 'integer', format: 'int32', minimum: 1 } },
  definitions: {
    Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string', 'x-nullable': true }, photo: { type: 'file' } } },
  },
  paths: {
    '/pets': {
      parameters: [{ name: 'X-Trace', in: 'header', type: 'string' }],
      get: {
        operationId: 'list',
        parameters: [
          { $ref: '#/parameters/limit' },
          { name: 'tags', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' },
          { name: 'ids', in: 'query', type: 'array', items: { type: 'integer' }, collectionFormat: 'pipes' },
          { name: 'X-Trace', in: 'header', type: 'string', required: true },
        ],
        responses: {
          '200': { description: 'ok', schema: { type: 'array', items: { $ref: '#/definitions/Pet' } }, headers: { 'X-Rate-Limit': { type: 'integer' } }, examples: { 'application/json': [{ name: 'a' }] } },
          '4xx': { description: 'client error' },
        },
        security: [],
      },
      post: {
        parameters: [{ name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/Pet' } }],
        responses: { '201': { description: 'created' } },
        'x-internal': true,
      },
      put: {
        consumes: ['multipart/form-data'],
        parameters: [
          { name: 'name', in: 'formData', type: 'string', required: true },
          { name: 'photo', in: 'formData', type: 'file' },
        ],
        responses: { default: { description: 'x' } },
        security: [{ basicAuth: [] }, { oauth: ['write'] }],
      },
    },
  },
};

describe('Swagger 2.0 → ApiDescription', () => {
  const d = toApiDescription(swagger2, '2.0');
  const [list, upload, create] = d.operations;

  it('builds servers from host, basePath and schemes', () => {
    expect(d.servers).toEqual([
      { url: 'https://API.Example.com:443/v1/', host: 'api.example.com', basePath: '/v1' },
      { url: 'http://API.Example.com:443/v1/', host: 'api.example.com:443', basePath: '/v1' },
    ]);
    expect(d.dialect).toBe('openapi-3.0');
    expect(d.source).toEqual({ kind: 'openapi', version: '2.0' });
    expect(d.apiVersion).toBe('1.0');
  });

  it('converts inline parameter types and collectionFormat, merges path-level parameters', () => {
    expect(list?.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, deprecated: false, schema: { type: 'integer', format: 'int32', minimum: 1 }, style: 'form', explode: false },
      { name: 'tags', in: 'query', required: false, deprecated: false, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true },
      { name: 'ids', in: 'query', required: false, deprecated: false, schema: { type: 'array', items: { type: 'integer' } }, style: 'pipeDelimited', explode: false },
      { name: 'X-Trace', in: 'header', required: true, deprecated: false, schema: { type: 'string' }, style: 'simple', explode: false },
    ]);
  });

  it('turns `in: body` into a request body for each consumed media type, x-nullable into nullable', () => {
    const pet = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string', 'x-nullable': true, nullable: true }, photo: { type: 'string', format: 'binary' } } };
    expect(create?.requestBody).toEqual({ required: true, content: { 'application/json': { schema: pet }, 'application/xml': { schema: pet } } });
    expect(create?.extensions).toEqual({ 'x-internal': true });
  });

  it('turns formData into a multipart or urlencoded body', () => {
    expect(upload?.requestBody).toEqual({
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', properties: { name: { type: 'string' }, photo: { type: 'string', format: 'binary' } }, required: ['name'] },
        },
      },
    });
  });

  it('puts response schemas under produces, with headers and examples; 4xx becomes 4XX', () => {
    expect(list?.responses['200']?.content['application/json']?.example).toEqual([{ name: 'a' }]);
    expect(list?.responses['200']?.headers).toEqual({ 'x-rate-limit': { schema: { type: 'integer' }, required: false } });
    expect(Object.keys(list?.responses ?? {})).toEqual(['200', '4XX']);
  });

  it('resolves security: operation overrides document, [] is explicitly public', () => {
    expect(list?.security).toEqual([]);
    expect(create?.security).toEqual([{ key: [] }]);
    expect(upload?.security).toEqual([{ basicAuth: [] }, { oauth: ['write'] }]);
    expect(d.securitySchemes).toEqual({ basicAuth: { type: 'http', scheme: 'basic' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' }, oauth: { type: 'oauth2' } });
  });

  it('fills the pointer of every operation', () => {
    expect(d.operations.map((o) => o.pointer)).toEqual(['/paths/~1pets/get', '/paths/~1pets/put', '/paths/~1pets/post']);
  });
});

const openapi30 = {
  openapi: '3.0.3',
  info: { title: 'T', version: '2' },
  servers: [{ url: 'https://{env}.example.com:8443/api/{v}/', variables: { env: { default: 'prod', enum: ['prod', 'dev'] }, v: { default: 'v2' } } }, { url: '/relative' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' }, cookie: { type: 'apiKey', in: 'cookie', name: 'sid' }, weird: { type: 'nope' } },
    parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    schemas: {
      Pet: { type: 'object', discriminator: { propertyName: 'kind', mapping: { doggo: 'Dog' } }, oneOf: [{ $ref: '#/components/schemas/Dog' }, { $ref: '#/components/schemas/Cat' }] },
      Dog: { type: 'object', properties: { kind: { type: 'string' }, bark: { type: 'boolean' } } },
      Cat: { type: 'object', properties: { kind: { type: 'string' } } },
    },
  },
  paths: {
    '/pets/{id}': {
      parameters: [{ $ref: '#/components/parameters/id' }, { name: 'v', in: 'query', schema: { type: 'integer' } }],
      servers: [{ url: 'https://pets.example.com' }],
      get: {
        parameters: [
          { name: 'v', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'Accept', in: 'header', schema: { type: 'string' } },
          { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
          { name: 'ids', in: 'query', style: 'spaceDelimited', schema: { type: 'array' }, examples: { one: { value: [1] } } },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
      },
      delete: { servers: [{ url: 'http://admin.example.com/' }], security: [{}], responses: {} },
    },
  },
  'x-top': 1,
};

describe('OpenAPI 3.0 → ApiDescription', () => {
  const warnings: SpecWarning[] = [];
  const d = toApiDescription(openapi30, undefined, { onWarning: (w) => warnings.push(w) });
  const [get, del] = d.operations;

  it('substitutes server variable defaults and keeps relative servers', () => {
    expect(d.servers).toEqual([
      { url: 'https://prod.example.com:8443/api/v2/', host: 'prod.example.com:8443', basePath: '/api/v2' },
      { url: '/relative', basePath: '/relative' },
    ]);
  });

  it('applies path- and operation-level servers', () => {
    expect(get?.servers).toEqual([{ url: 'https://pets.example.com', host: 'pets.example.com', basePath: '' }]);
    expect(del?.servers).toEqual([{ url: 'http://admin.example.com/', host: 'admin.example.com', basePath: '' }]);
  });

  it('merges path-level parameters (operation wins by name+in), drops Accept, reads content parameters', () => {
    expect(get?.parameters.map((p) => [p.in, p.name, p.required, JSON.stringify(p.schema), p.style, p.explode, p.contentType, JSON.stringify(p.example)])).toEqual([
      ['path', 'id', true, '{"type":"string"}', 'simple', false, undefined, undefined],
      ['query', 'v', true, '{"type":"string"}', 'form', true, undefined, undefined],
      ['query', 'filter', false, '{"type":"object"}', 'form', true, 'application/json', undefined],
      ['query', 'ids', false, '{"type":"array"}', 'spaceDelimited', false, undefined, '[1]'],
    ]);
  });

  it('completes discriminator mappings and collects their targets', () => {
    const schema = get?.responses['200']?.content['application/json']?.schema as Record<string, unknown>;
    expect(schema.discriminator).toEqual({ propertyName: 'kind', mapping: { doggo: '#/components/schemas/Dog', Cat: '#/components/schemas/Cat' } });
    expect(Object.keys(d.schemas ?? {}).sort()).toEqual(['#/components/schemas/Cat', '#/components/schemas/Dog']);
  });

  it('security: document default, `[{}]` = optional, schemes normalised, unknown types warned', () => {
    expect(get?.security).toEqual([{ bearer: [] }]);
    expect(del?.security).toEqual([{}]);
    expect(d.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, cookie: { type: 'apiKey', in: 'cookie', name: 'sid' } });
    expect(warnings).toEqual([{ pointer: '/components/securitySchemes/weird', message: 'security scheme "weird" has an unknown type; skipped' }]);
  });
});

describe('OpenAPI 3.1 → ApiDescription', () => {
  const d = toApiDescription({
    openapi: '3.1.0',
    info: { title: 'W', version: '1' },
    webhooks: { newPet: { post: { responses: { '200': { description: 'ok' } } } } },
    paths: {
      '/a': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A', description: 'the A', maxProperties: 3 } } } },
          responses: {},
        },
      },
    },
    components: { schemas: { A: { type: ['object', 'null'], properties: { n: { type: 'integer', exclusiveMinimum: 0 } } } } },
  });

  it('ignores webhooks for routing and uses the 2020-12 dialect', () => {
    expect(d.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['POST /a']);
    expect(d.dialect).toBe('json-schema-2020-12');
  });

  it('applies $ref siblings: annotations merged, constraints as allOf', () => {
    expect(d.operations[0]?.requestBody?.content['application/json']?.schema).toEqual({
      description: 'the A',
      allOf: [{ type: ['object', 'null'], properties: { n: { type: 'integer', exclusiveMinimum: 0 } } }, { maxProperties: 3 }],
    });
  });

  it('accepts a 3.1 document without paths', () => {
    expect(toApiDescription({ openapi: '3.1.0', info: { title: 'x', version: '1' }, webhooks: {} }).operations).toEqual([]);
  });
});

describe('lenient reads', () => {
  it('skips what cannot be read, with a warning each', () => {
    const warnings: SpecWarning[] = [];
    const d = toApiDescription(
      { openapi: '3.0.0', info: {}, paths: { '/a': { get: 'nope', post: { parameters: {}, responses: { '200': 5 } } }, b: { get: { responses: {} } }, 'x-ext': {} } },
      undefined,
      { onWarning: (w) => warnings.push(w) },
    );
    expect(d.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['POST /a', 'GET /b']);
    expect(warnings.map((w) => w.pointer)).toEqual(['/paths/~1a/get', '/paths/~1a/post/parameters', '/paths/~1a/post/responses/200', '/paths/b']);
  });
});
