import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/support/shared-corpora.js';
import { RampartError } from '../../core/index.js';
import { createLinter, type Linter } from './linter.js';
import { readSpecFile } from './read-spec-file.js';
import { parseRulesetFile } from './ruleset-file.js';
import { knownRuleIds } from './read-ruleset.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'lint');
const readRef = (p: string) => readSpecFile(p, p);
const linter = createLinter({ cwd: projectRoot, readRef });

async function lintFixture(l: Linter, name: string) {
  const absPath = join(fixtures, name);
  return l.lint({ absPath, text: readFileSync(absPath, 'utf8') });
}

async function errorOf(name: string): Promise<RampartError> {
  try {
    await lintFixture(linter, name);
  } catch (e) {
    if (e instanceof RampartError) return e;
    throw e;
  }
  throw new Error(`${name} linted without error`);
}

describe('createLinter', () => {
  it('audits a multi-file spec: findings carry file, line, column and JSON path', async () => {
    const r = await lintFixture(linter, 'petshop.yaml');
    expect(r).toMatchObject({ file: 'test/fixtures/lint/petshop.yaml', title: 'Petshop', specVersion: '3.0.3', apiVersion: '1.2.0', operations: 4 });
    const id = r.findings.find((f) => f.rule === 'guessable-object-id');
    expect(id).toMatchObject({
      severity: 'warn',
      owasp: 'API1:2023',
      cwe: 'CWE-639',
      source: 'rampart',
      target: 'test/fixtures/lint/petshop.yaml',
      location: { file: 'test/fixtures/lint/petshop.yaml', line: 82, column: 11, path: "$.paths['/pets/{petId}'].get.parameters[0]" },
    });
    // a finding inside the $ref'd file points into that file
    const external = r.findings.filter((f) => f.location.file === 'test/fixtures/lint/common/error.yaml');
    expect(external.length).toBeGreaterThan(0);
    expect(external.every((f) => f.target === 'test/fixtures/lint/petshop.yaml' && (f.location.line ?? 0) >= 3)).toBe(true);
    // a schema used through $ref is reported once, where it is written
    const name = r.findings.filter((f) => f.rule === 'request-string-unbounded' && f.location.path === '$.components.schemas.Pet.properties.name');
    expect(name).toHaveLength(1);
    expect(name[0]?.location.line).toBe(21);
  });

  it('drops the findings of baseline rules that a Rampart rule replaces', async () => {
    const r = await lintFixture(linter, 'petshop.yaml');
    expect(r.deduplicated).toBeGreaterThan(0);
    const at = (rule: string, path: string) => r.findings.some((f) => f.rule === rule && f.location.path === path);
    // ours and theirs on the same path parameter: only ours remains
    expect(at('guessable-object-id', "$.paths['/pets/{petId}'].get.parameters[0]")).toBe(true);
    expect(r.findings.some((f) => f.rule === 'owasp:api1:2023-no-numeric-ids')).toBe(false);
    expect(r.findings.some((f) => f.rule === 'owasp:api8:2023-no-server-http')).toBe(false);
    expect(r.findings.some((f) => f.rule === 'owasp:api2:2023-no-api-keys-in-url')).toBe(false);
    // replaced even where ours is silent on purpose (unbounded strings in a response schema are not an input)
    expect(r.findings.some((f) => f.rule === 'owasp:api4:2023-string-limit')).toBe(false);
    // baseline rules without a Rampart counterpart stay, mapped to their category
    const kept = r.findings.filter((f) => f.source === 'owasp');
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((f) => /^API\d+:2023$/.test(f.owasp ?? ''))).toBe(true);
  });

  it('runs without the baseline, and with the baseline alone', async () => {
    const own = await lintFixture(createLinter({ cwd: projectRoot, readRef, baseline: false }), 'petshop.yaml');
    expect(own.findings.every((f) => f.source === 'rampart')).toBe(true);
    expect(own.deduplicated).toBe(0);
    const theirs = await lintFixture(createLinter({ cwd: projectRoot, readRef, ownRules: false, baseline: true }), 'petshop.yaml');
    expect(theirs.findings.every((f) => f.source === 'owasp')).toBe(true);
    expect(theirs.findings.some((f) => f.rule === 'owasp:api1:2023-no-numeric-ids')).toBe(true);
  });

  it('applies a user ruleset: off, severity, custom rule', async () => {
    const ruleset = parseRulesetFile(readFileSync(join(fixtures, 'ruleset.yaml'), 'utf8'), 'ruleset.yaml', knownRuleIds());
    const l = createLinter({ cwd: projectRoot, readRef, ruleset });
    expect(l.rules.some((r) => r.id === 'operation-description')).toBe(false);
    expect(l.rules.find((r) => r.id === 'guessable-object-id')?.severity).toBe('error');
    const r = await lintFixture(l, 'petshop.yaml');
    expect(r.findings.some((f) => f.rule === 'operation-description' || f.rule === 'owasp:api9:2023-inventory-access')).toBe(false);
    expect(r.findings.filter((f) => f.rule === 'guessable-object-id').every((f) => f.severity === 'error')).toBe(true);
    expect(r.findings.find((f) => f.rule === 'contact-declared')).toMatchObject({
      severity: 'info',
      owasp: 'API9:2023',
      source: 'user',
      message: 'info.contact is missing: "info.contact" property must be truthy',
      location: { path: '$.info', line: 2 },
    });
  });

  it('completes on circular $refs', async () => {
    const r = await lintFixture(linter, 'broken/circular.yaml');
    expect(r.operations).toBe(1);
    expect(r.findings.some((f) => f.rule === 'request-array-unbounded' && f.location.path === '$.components.schemas.Node.properties.children')).toBe(true);
  });

  it('gives one clear error with file:line for broken specs', async () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['broken/bad-yaml.yaml', 'E_SPEC_PARSE', 'test/fixtures/lint/broken/bad-yaml.yaml:9', /YAML syntax/],
      ['broken/bad-json.json', 'E_SPEC_PARSE', 'test/fixtures/lint/broken/bad-json.json:5', /JSON syntax: Value expected/],
      ['broken/unresolved-ref.yaml', 'E_SPEC_REF', 'test/fixtures/lint/broken/unresolved-ref.yaml:10', /unresolvable \$ref at \$\.paths\['\/a'\]\.get\.responses\['200'\]\.\$ref: .*no such file/],
      ['broken/remote-ref.yaml', 'E_SPEC_REF', 'test/fixtures/lint/broken/remote-ref.yaml:10', /remote \$ref \(https\) not fetched/],
      ['broken/not-openapi.yaml', 'E_SPEC_INVALID', 'test/fixtures/lint/broken/not-openapi.yaml:1', /not an OpenAPI document/],
      ['broken/swagger12.json', 'E_SPEC_INVALID', 'test/fixtures/lint/broken/swagger12.json:1', /Swagger 1\.2 is not supported/],
      ['broken/empty.yaml', 'E_INPUT_EMPTY', 'test/fixtures/lint/broken/empty.yaml', /empty/],
    ];
    for (const [file, code, location, message] of cases) {
      const e = await errorOf(file);
      expect([e.code, e.location], file).toEqual([code, location]);
      expect(e.message, file).toMatch(message);
    }
  });

  it('refuses binary input', async () => {
    await expect(linter.lint({ absPath: join(fixtures, 'x.yaml'), text: 'openapi: 3.0.0\u0000\u0001' })).rejects.toMatchObject({ code: 'E_SPEC_PARSE', message: expect.stringMatching(/binary/) });
  });

  it('refuses YAML alias bombs, and lints YAML with ordinary anchors', async () => {
    const lines = ['openapi: 3.0.3', "info: {title: bomb, version: '1'}", 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`x-a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('paths: {}');
    await expect(linter.lint({ absPath: join(fixtures, 'bomb.yaml'), text: lines.join('\n') })).rejects.toMatchObject({ code: 'E_SPEC_PARSE', message: expect.stringMatching(/YAML aliases expand too much/) });
    const ok = [
      'openapi: 3.0.3',
      "info: {title: anchors, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      '      responses: &std',
      "        '200': {description: ok}",
      '  /b:',
      '    get:',
      '      responses: *std',
    ].join('\n');
    const r = await linter.lint({ absPath: join(fixtures, 'anchors.yaml'), text: ok });
    expect(r.operations).toBe(2);
  });

  it('lints Swagger 2.0', async () => {
    const doc = { swagger: '2.0', info: { title: 's', version: '1' }, host: 'api.shop.io', basePath: '/v1', schemes: ['http'], paths: { '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }], responses: { 200: { description: 'ok' } } } } } };
    const r = await linter.lint({ absPath: join(fixtures, 'swagger2.json'), text: JSON.stringify(doc, null, 1) });
    expect(r.specVersion).toBe('2.0');
    const rules = new Set(r.findings.map((f) => f.rule));
    for (const id of ['guessable-object-id', 'server-plain-http', 'security-schemes-defined', 'operation-security']) expect(rules.has(id), id).toBe(true);
    expect(rules.has('api-version-declared')).toBe(false);
  });
});
