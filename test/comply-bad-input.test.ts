/**
 * `rampart comply` on bad input: broken specs (bad YAML, unresolved and circular `$ref`s, a 20 MB spec) and
 * malformed traffic get one clear line with the location and the fix, never a crash; readable inputs are
 * still analysed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { writeComplyFixture } from './support/comply-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-comply-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  writeComplyFixture(dir);
  writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.0.0\ninfo: {title: x, version: "1"\npaths: {}\n');
  const response = (schema: string) => `      responses:\n        '200': { description: ok, content: { application/json: { schema: { $ref: '${schema}' } } } }\n`;
  writeFileSync(join(dir, 'unresolved.yaml'), `openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n${response('#/components/schemas/Nope')}`);
  writeFileSync(join(dir, 'external.yaml'), `openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n${response('missing.yaml#/Thing')}`);
  writeFileSync(
    join(dir, 'circular.yaml'),
    `openapi: 3.0.0\ninfo: {title: x, version: "1"}\nservers: [{url: 'https://api.example.com/v1'}]\npaths:\n  /users/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]\n${response('#/components/schemas/Node')}components:\n  schemas:\n    Node:\n      type: object\n      properties:\n        id: { type: integer }\n        child: { $ref: '#/components/schemas/Node' }\n`,
  );
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < 80_000; i++) paths[`/p${i}`] = { get: { description: 'x'.repeat(200), responses: { '200': { description: 'ok' } } } };
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ openapi: '3.0.0', info: { title: 'big', version: '1' }, paths }));
  writeFileSync(join(dir, 'broken.har'), '{"log": {"entries": [{"request": {"method": "GET"}}, ');
  writeFileSync(join(dir, 'garbage.txt'), 'garbage\n');
});

async function comply(...args: string[]) {
  const io = createCaptureIo(dir);
  const code = await main(['node', 'rampart', 'comply', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('rampart comply: bad input', () => {
  it.each([
    ['bad.yaml', /^rampart: bad\.yaml:3:1: invalid YAML: .* \[E_SPEC_PARSE\] — fix the JSON\/YAML syntax at the reported line\n$/],
    ['unresolved.yaml', /^rampart: unresolved\.yaml:7:\d+: \$ref "#\/components\/schemas\/Nope" .* does not resolve.* \[E_SPEC_REF\]/],
    ['external.yaml', /^rampart: external\.yaml:7:\d+: \$ref "missing\.yaml#\/Thing" .*file not found: missing\.yaml \[E_SPEC_REF\]/],
    ['nope.yaml', /^rampart: nope\.yaml: no such file \[E_INPUT_NOT_FOUND\]/],
  ])('%s: one line with location and fix, exit 2', async (spec, line) => {
    const r = await comply('--spec', spec, 'traffic.har');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(line);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a circular $ref completes, and recursive response schemas are walked', async () => {
    const r = await comply('--spec', 'circular.yaml', 'traffic.har', '--format', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: Array<{ rule: string; endpoint: string; path: string }> };
    expect(doc.findings).toContainEqual(expect.objectContaining({ rule: 'excessive-data-exposure', endpoint: 'GET /v1/users/{id}', path: 'response.body$.passwordHash' }));
  });

  it('a 20 MB spec is refused under --max-size and completes under the default limit', async () => {
    const small = await comply('--spec', 'big.json', 'traffic.har', '--max-size', '10');
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/^rampart: big\.json: 2\d\.\d MiB is over the 10\.0 MiB limit \[E_SPEC_TOO_LARGE\]/);
    const full = await comply('--spec', 'big.json', 'traffic.har', '--format', 'json');
    expect(full.code).toBe(1);
    expect((JSON.parse(full.stdout) as { spec: { operations: number } }).spec.operations).toBe(80_000);
  }, 60_000);

  it('malformed traffic: bad entries are skipped with their location, unreadable files reported, the rest analysed', async () => {
    const r = await comply('--spec', 'spec.yaml', 'broken.har', 'garbage.txt', 'traffic.har', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rampart: garbage.txt: cannot tell the format from the content');
    expect(r.stderr).toContain('rampart: skipped broken.har: entry 1: request.url is missing or not a string [E_HAR_ENTRY]');
    const doc = JSON.parse(r.stdout) as { sources: Array<{ file: string; analysed: number; skipped: number }>; inputErrors: Array<{ file: string; code: string }>; findings: unknown[] };
    expect(doc.sources).toEqual([expect.objectContaining({ file: 'broken.har', analysed: 0, skipped: 2 }), expect.objectContaining({ file: 'traffic.har', analysed: 10, skipped: 0 })]);
    expect(doc.inputErrors).toEqual([expect.objectContaining({ file: 'garbage.txt', code: 'E_FORMAT_UNKNOWN' })]);
    expect(doc.findings).toHaveLength(16);
  });
});
