import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { makeExchange } from '../../test/support/exchanges.js';
import type { Endpoint } from '../core/index.js';
import { parseSpecText } from '../spec/index.js';
import { exportOpenApi } from './export-openapi.js';
import { createInventoryLearner } from './inventory-learner.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64({ alg: 'RS256' })}.${b64({ iss: 'https://id.example.com' })}.c2ln`;

function learned(): Endpoint[] {
  const l = createInventoryLearner({
    specs: [
      parseSpecText(
        `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":[{"url":"https://api.example.com"}],"paths":{"/nodes/{id}":{"get":{"operationId":"getNode","deprecated":true,"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Node"}}}}}}}},"components":{"schemas":{"Node":{"type":"object","properties":{"child":{"$ref":"#/components/schemas/Node"}}}}}}`,
        'nodes.json',
      ).description,
    ],
  });
  const add = (m: string, url: string, spec: Parameters<typeof makeExchange>[2] = {}) => l.add(makeExchange(m, url, spec));
  for (let i = 1; i <= 3; i++) {
    add('GET', `https://api.example.com/users/${i}?fields=a&fields=b&limit=${i}`, {
      headers: [['Authorization', `Bearer ${JWT}`], ['X-Tenant', 't1']],
      responseJson: { id: i, email: `u${i}@example.com`, roles: ['admin'], created: '2024-05-01T10:00:00Z' },
      time: 1_700_000_000_000 + i,
    });
  }
  add('GET', 'https://api.example.com/users/4', { status: 404, responseJson: { error: 'not found' } });
  add('POST', 'https://api.example.com/users', { headers: [['X-Api-Key', 'k']], requestJson: { name: 'n', tags: ['x'] }, status: 201, responseJson: { id: 9 } });
  add('GET', 'https://api.example.com/health', { headers: [['Authorization', 'Basic eDp5']] });
  add('GET', 'https://api.example.com/health');
  add('GET', 'http://legacy.example.com:8080/users/5?api_key=x', { responseBody: { text: '<xml/>', type: 'application/xml' } });
  add('DELETE', 'https://api.example.com/sessions/current', { headers: [['Cookie', 'JSESSIONID=abc']], status: 204 });
  add('GET', 'https://api.example.com/nodes/n1', { responseJson: { child: { child: null } } });
  add('PROPFIND', 'https://api.example.com/dav/x');
  add('GET', 'https://api.example.com/files/report%20final.pdf');
  return l.finish().upserts.map((u) => u.endpoint);
}

describe('OpenAPI export', () => {
  const endpoints = learned();
  const doc = exportOpenApi(endpoints, { title: 'Example', version: '1.2.3' });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has one server per host, and path-level servers when a path lives on some hosts only', () => {
    expect(doc.servers).toEqual([{ url: 'https://api.example.com' }, { url: 'http://legacy.example.com:8080' }]);
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    expect(paths['/health']?.servers).toEqual([{ url: 'https://api.example.com' }]);
    expect(paths['/users/{userId}']?.servers).toBeUndefined(); // on both hosts
  });

  it('describes operations: parameters, bodies, responses, security and x-rampart extensions', () => {
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    const get = paths['/users/{userId}']?.get as Record<string, unknown>;
    expect(get.operationId).toBe('getUsersByUserId');
    expect(get.parameters).toEqual([
      { name: 'userId', in: 'path', required: true, schema: { type: 'integer' }, 'x-rampart-undocumented': true },
      // the 404 request sent none of them: optional; repeated `fields` values make an enum
      { name: 'fields', in: 'query', required: false, schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } }, 'x-rampart-undocumented': true },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer' }, 'x-rampart-undocumented': true },
      { name: 'x-tenant', in: 'header', required: false, schema: { type: 'string' }, 'x-rampart-undocumented': true },
    ]);
    expect(Object.keys(get.responses as object)).toEqual(['200', '404']);
    expect((get.responses as Record<string, Record<string, unknown>>)['200']).toEqual({
      description: 'OK',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' }, roles: { type: 'array', items: { type: 'string' } }, created: { type: 'string', format: 'date-time' } },
            required: ['id', 'email', 'roles', 'created'],
          },
        },
      },
    });
    expect(get.security).toEqual([{ bearerJwt: [] }, {}]); // the 404 request carried no credential
    expect(get['x-rampart-hits']).toBe(4);
    expect(get['x-rampart-status']).toBe('shadow');
    expect(get['x-rampart-first-seen']).toBe(new Date(1_700_000_000_000).toISOString());
    expect(get['x-rampart-last-seen']).toBe(new Date(1_700_000_000_003).toISOString());
    expect(get['x-rampart-hosts']).toEqual([
      { host: 'api.example.com', hits: 4 },
      { host: 'legacy.example.com:8080', hits: 1 },
    ]);
    expect(get['x-rampart-sensitive-types']).toContain('email');
    const post = paths['/users']?.post as Record<string, unknown>;
    expect(post.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['name', 'tags'] } } },
    });
    expect(post.security).toEqual([{ 'apiKeyHeader_x-api-key': [] }]);
    expect((paths['/health']?.get as Record<string, unknown>).security).toEqual([{ basicAuth: [] }, {}]);
    expect((paths['/sessions/current']?.delete as Record<string, unknown>).security).toEqual([{ cookie_JSESSIONID: [] }]);
    expect(paths['/dav/x']?.['x-rampart-other-methods']).toHaveProperty('PROPFIND');
    expect(doc.components).toEqual({
      securitySchemes: {
        'apiKeyHeader_x-api-key': { type: 'apiKey', in: 'header', name: 'x-api-key' },
        basicAuth: { type: 'http', scheme: 'basic' },
        bearerJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie_JSESSIONID: { type: 'apiKey', in: 'cookie', name: 'JSESSIONID' },
      },
    });
  });

  it('keeps documented operation ids, marks deprecated ones, and cuts $refs left in spec schemas', () => {
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    const node = paths['/nodes/{id}']?.get as Record<string, unknown>;
    expect(node).toMatchObject({ operationId: 'getNode', deprecated: true, 'x-rampart-status': 'zombie' });
    expect(JSON.stringify(doc)).not.toContain('$ref');
  });

  it('leaves orphans out unless asked, and filters hosts', () => {
    const withOrphans = exportOpenApi([...endpoints, { ...(endpoints[0] as Endpoint), key: 'GET x /never', host: 'x', path: '/never', status: 'orphan', hits: 0 }], { statuses: ['orphan'] });
    expect(Object.keys(withOrphans.paths as object)).toEqual(['/never']);
    const legacy = exportOpenApi(endpoints, { hosts: ['legacy.example.com:8080'] });
    expect(legacy.servers).toEqual([{ url: 'http://legacy.example.com:8080' }]);
    expect(Object.keys(legacy.paths as object)).toEqual(['/users/{userId}']);
    expect(exportOpenApi([])).toMatchObject({ openapi: '3.1.0', servers: [{ url: '/' }], paths: {} });
  });
});
