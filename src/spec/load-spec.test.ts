import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatError, type RampartError } from '../core/errors.js';
import { projectRoot } from '../../test/support/shared-corpora.js';
import { loadSpec, parseSpecText } from './load-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Uint8Array): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function loadError(file: string, options = {}): Promise<RampartError> {
  try {
    await loadSpec(file, options);
  } catch (e) {
    return e as RampartError;
  }
  throw new Error('expected loadSpec to fail');
}

/** The value at a path of keys (tests read nested schemas). */
function dig(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), value);
}

const multi = join(projectRoot, 'test/fixtures/spec/multi/api.yaml');

describe('loadSpec: multi-file $refs', () => {
  it('bundles relative $refs to YAML and JSON files, path items included', async () => {
    const spec = await loadSpec(multi);
    expect(spec.version).toBe('3.0.3');
    expect(spec.files[0]).toBe(multi);
    expect(spec.files.map((f) => f.split('multi/')[1]).sort()).toEqual(['api.yaml', 'params.json', 'paths/items.yaml', 'schemas/node.yaml', 'schemas/owner.yaml', 'schemas/pet.yaml']);
    const ops = spec.description.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`);
    expect(ops).toEqual(['GET /pets listPets', 'POST /items addItem', 'GET /tree getTree']);
    const list = spec.description.operations[0];
    expect(list?.parameters).toEqual([{ name: 'limit', in: 'query', required: false, deprecated: false, schema: { type: 'integer', minimum: 1, maximum: 100 }, style: 'form', explode: true }]);
    const pet = spec.description.operations[1]?.requestBody?.content['application/json']?.schema as Record<string, unknown>;
    expect(pet.required).toEqual(['id', 'name']);
    expect((pet.properties as Record<string, unknown>).owner).toEqual({ type: 'object', properties: { email: { type: 'string', format: 'email' } } });
    // only internal references are left in the bundled document
    expect(JSON.stringify(spec.document)).not.toMatch(/"\$ref":"[^#]/);
  });

  it('substitutes server variable defaults', async () => {
    const spec = await loadSpec(multi);
    expect(spec.description.servers).toEqual([{ url: 'https://eu.api.example.com/v2', host: 'eu.api.example.com', basePath: '/v2' }]);
  });

  it('keeps a circular schema as a $ref into description.schemas', async () => {
    const spec = await loadSpec(multi);
    const tree = spec.description.operations[2]?.responses['200']?.content['application/json']?.schema;
    const ref = dig(tree, 'properties', 'children', 'items', '$ref') as string;
    expect(ref).toMatch(/^#\//);
    expect(spec.description.schemas?.[ref]).toEqual(tree);
    // the description serialises: no object cycles
    expect(() => JSON.stringify(spec.description)).not.toThrow();
  });

  it('locates pointers in the file they came from', async () => {
    const spec = await loadSpec(multi);
    const at = (p: string) => {
      const l = spec.locate(p);
      return l && `${l.file.split('multi/')[1]}:${l.line}:${l.column}`;
    };
    expect(at('/paths/~1pets/get')).toBe('api.yaml:14:5');
    expect(at('#/paths/~1pets/get/parameters/0/schema/maximum')).toBe('params.json:5:50');
    expect(at('/paths/~1items/post/requestBody')).toBe('paths/items.yaml:3:3');
    expect(at('/paths/~1items/post/requestBody/content/application~1json/schema/properties/owner/properties/email')).toBe('schemas/owner.yaml:3:3');
    expect(at('/paths/~1tree/get/responses/200/content/application~1json/schema/properties/children/items')).toBe('schemas/node.yaml:9:7');
    expect(spec.locate('not a pointer')).toBeUndefined();
  });
});

describe('loadSpec: single files', () => {
  it('loads YAML with locate() and warnings for lenient reads', async () => {
    const file = write(
      'one.yaml',
      ['openapi: 3.1.0', 'info: {title: One, version: "1"}', 'paths:', '  /a:', '    get:', '      parameters:', '        - in: query', '      responses: {}', ''].join('\n'),
    );
    const spec = await loadSpec(file);
    expect(spec.description.dialect).toBe('json-schema-2020-12');
    expect(spec.warnings).toEqual([{ pointer: '/paths/~1a/get/parameters/0', message: 'parameter without `name` and `in`; skipped' }]);
    expect(spec.locate('/paths/~1a/get')).toEqual({ file, line: 5, column: 5 });
  });

  it('keeps circular references within a file, direct and indirect, without hanging', async () => {
    const file = write(
      'circular.json',
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'c', version: '1' },
        paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } }, responses: {} } } },
        components: {
          schemas: {
            A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' }, self: { $ref: '#/components/schemas/A' } } },
            B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
          },
        },
      }),
    );
    const spec = await loadSpec(file);
    expect(Object.keys(spec.description.schemas ?? {})).toEqual(['#/components/schemas/A']);
    const a = spec.description.schemas?.['#/components/schemas/A'];
    expect(dig(a, 'properties', 'self')).toEqual({ $ref: '#/components/schemas/A' });
    expect(dig(a, 'properties', 'b', 'properties', 'a')).toEqual({ $ref: '#/components/schemas/A' });
  });

  it('loads a generated 20 MB spec', async () => {
    const paths: Record<string, unknown> = {};
    const op = (i: number) => ({
      operationId: `op${i}`,
      description: 'x'.repeat(600),
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
    });
    let i = 0;
    let size = 0;
    while (size < 20 * 1024 * 1024) {
      paths[`/things${i}/{id}`] = { get: op(i) };
      size += 800;
      i++;
    }
    const text = JSON.stringify({ openapi: '3.0.3', info: { title: 'big', version: '1' }, paths, components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'integer' } } } } } });
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    const spec = await loadSpec(write('big.json', text));
    expect(spec.description.operations.length).toBe(i);
    expect(spec.description.operations[i - 1]?.path).toBe(`/things${i - 1}/{id}`);
  });
});

describe('loadSpec: errors', () => {
  it('unresolvable $ref to a missing file: JSON path, target, file:line', async () => {
    const file = write('broken/api.yaml', ['openapi: 3.0.0', 'info: {title: b, version: "1"}', 'paths:', '  /a:', '    get:', '      responses:', "        '200':", "          $ref: 'responses.yaml#/Ok'", ''].join('\n'));
    const e = await loadError(file);
    expect(e.code).toBe('E_SPEC_REF');
    expect(e.location).toBe(`${file}:8:11`);
    expect(e.message).toMatch(/^\$ref "responses\.yaml#\/Ok" at \/paths\/~1a\/get\/responses\/200: file not found: .*broken\/responses\.yaml$/);
  });

  it('unresolvable pointer in another file', async () => {
    write('broken2/common.yaml', 'Other: {type: string}\n');
    const file = write('broken2/api.yaml', ['openapi: 3.0.0', 'info: {title: b, version: "1"}', 'paths:', '  /a:', '    get:', '      parameters:', "        - $ref: 'common.yaml#/Missing'", '      responses: {}', ''].join('\n'));
    const e = await loadError(file);
    expect(e.code).toBe('E_SPEC_REF');
    expect(e.location).toBe(`${file}:7:11`);
    expect(e.message).toContain('"common.yaml#/Missing" at /paths/~1a/get/parameters/0');
  });

  it('unresolvable internal $ref', async () => {
    const file = write('internal.yaml', ['openapi: 3.0.0', 'info: {title: b, version: "1"}', 'paths:', '  /a:', '    get:', '      responses:', "        '200':", '          description: ok', '          content:', '            application/json:', "              schema: {$ref: '#/components/schemas/Nope'}", ''].join('\n'));
    const e = await loadError(file);
    expect(e.code).toBe('E_SPEC_REF');
    expect(e.message).toBe('$ref "#/components/schemas/Nope" at /paths/~1a/get/responses/200/content/application~1json/schema/$ref does not resolve: no such location in the document');
    expect(e.location).toBe(`${file}:11:24`);
  });

  it('refuses remote and non-spec $ref targets (no network, no arbitrary files)', async () => {
    const remote = write('remote.yaml', ['openapi: 3.0.0', 'info: {title: b, version: "1"}', 'paths:', '  /a:', "    $ref: 'https://example.com/paths.yaml'", ''].join('\n'));
    expect((await loadError(remote)).code).toBe('E_SPEC_REF');
    const passwd = write('passwd.yaml', ['openapi: 3.0.0', 'info: {title: b, version: "1"}', 'paths:', '  /a:', "    $ref: '/etc/passwd'", ''].join('\n'));
    expect((await loadError(passwd)).message).toMatch(/only \.json, \.yaml and \.yml files are followed/);
    write('outside/x.yaml', 'get: {responses: {}}\n');
    const jailed = write('jail/api.yaml', ['openapi: 3.0.0', 'info: {title: b, version: "1"}', 'paths:', '  /a:', "    $ref: '../outside/x.yaml'", ''].join('\n'));
    expect((await loadError(jailed, { refRoot: join(dir, 'jail') })).message).toMatch(/outside the allowed folder/);
    expect((await loadSpec(jailed)).description.operations).toHaveLength(1);
  });

  it('bad YAML with its line number', async () => {
    const file = write('bad.yaml', 'openapi: 3.0.0\ninfo:\n  title: "unterminated\npaths: {}\n');
    const e = await loadError(file);
    expect(e.code).toBe('E_SPEC_PARSE');
    expect(e.location).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+$`));
  });

  it.each([
    ['non-OpenAPI YAML', 'name: my service\nitems: [1, 2]\n', 'E_SPEC_INVALID', /no `openapi` or `swagger` field/],
    ['a YAML list', '- a\n- b\n', 'E_SPEC_INVALID', /root is an array/],
    ['a YAML scalar', 'just text\n', 'E_SPEC_INVALID', /root is a string/],
    ['Swagger 1.2', '{"swaggerVersion": "1.2", "apis": []}', 'E_SPEC_INVALID', /Swagger 1\.2/],
    ['OpenAPI 4', 'openapi: 4.0.0\npaths: {}\n', 'E_SPEC_INVALID', /unsupported OpenAPI version/],
    ['no paths', 'openapi: 3.0.0\ninfo: {title: x, version: "1"}\n', 'E_SPEC_INVALID', /missing `paths`/],
    ['paths as a list', 'openapi: 3.0.0\npaths: [1]\n', 'E_SPEC_INVALID', /`paths` must be an object/],
    ['a Postman collection', '{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}', 'E_SPEC_INVALID', /Postman collection/],
  ])('%s → %s', async (_what, text, code, message) => {
    const e = await loadError(write(`invalid-${code}-${Math.random().toString(36).slice(2)}.yaml`, text));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('binary garbage, empty files, missing files, directories, size limit', async () => {
    const bin = write('garbage.yaml', Uint8Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
    expect((await loadError(bin)).code).toBe('E_SPEC_PARSE');
    expect((await loadError(write('empty.yaml', ''))).code).toBe('E_INPUT_EMPTY');
    expect((await loadError(join(dir, 'nope.yaml'))).code).toBe('E_INPUT_NOT_FOUND');
    expect((await loadError(dir)).code).toBe('E_INPUT_UNREADABLE');
    const e = await loadError(multi, { maxBytes: 100 });
    expect(e.code).toBe('E_SPEC_TOO_LARGE');
    expect(formatError(e)).toMatch(/api\.yaml: \d+ bytes is over the 100 bytes limit \[E_SPEC_TOO_LARGE\]/);
  });
});

describe('parseSpecText', () => {
  it('parses a fetched spec and locates pointers in it', () => {
    const spec = parseSpecText('{"swagger": "2.0", "info": {"title": "t", "version": "1"},\n "paths": {"/a": {"get": {"responses": {}}}}}', 'https://api.example.com/swagger.json');
    expect(spec.description.operations.map((o) => o.pointer)).toEqual(['/paths/~1a/get']);
    expect(spec.locate('/paths/~1a/get')).toEqual({ file: 'https://api.example.com/swagger.json', line: 2, column: 19 });
  });

  it('refuses external $refs (nothing is fetched)', () => {
    expect(() => parseSpecText('openapi: 3.0.0\npaths:\n  /a:\n    $ref: "other.yaml"\n', 'x.yaml')).toThrow(/external \$ref "other\.yaml" at \/paths\/~1a/);
  });
});
