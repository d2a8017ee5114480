/**
 * `rampart lint` end to end, in-process: golden text/JSON/SARIF/JUnit output for the petshop fixture (a spec with
 * a `$ref` into another file), SARIF validated against the SARIF 2.1.0 schema, JUnit parsed, exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { createCaptureIo } from '../src/cli/io.js';
import { expectGolden } from './support/golden.js';
import { projectRoot } from './support/shared-corpora.js';

const require = createRequire(import.meta.url);
const SPEC = 'test/fixtures/lint/petshop.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'rampart-lint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function lint(...args: string[]) {
  const io = createCaptureIo(projectRoot);
  const code = await main(['node', 'rampart', 'lint', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('rampart lint', () => {
  it('prints the text report (golden) and exits 1 on error findings', async () => {
    const r = await lint(SPEC);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expectGolden('lint/petshop.txt', r.stdout);
  });

  it('prints the stable JSON format (golden)', async () => {
    const r = await lint(SPEC, '--format', 'json');
    expect(r.code).toBe(1);
    expectGolden('lint/petshop.json', r.stdout);
    const doc = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; score: number; apis: Array<{ score: number }> };
    expect(doc.score).toBe(doc.apis[0]?.score);
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'path', 'file', 'line', 'column', 'owasp', 'cwe', 'source', 'spec']);
      expect(String(f.path)).toMatch(/^\$/);
    }
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'guessable-object-id', path: "$.paths['/pets/{petId}'].get.parameters[0]", file: SPEC, line: 82, owasp: 'API1:2023', cwe: 'CWE-639' }),
    );
  });

  it('writes SARIF 2.1.0 that validates against the official schema (golden)', async () => {
    const r = await lint(SPEC, '--format', 'sarif');
    expectGolden('lint/petshop.sarif', r.stdout);
    const Ajv04 = require('ajv-draft-04') as { new (o: object): { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } }; default?: unknown };
    const AjvClass = ((Ajv04 as { default?: typeof Ajv04 }).default ?? Ajv04) as typeof Ajv04;
    const formats = require('ajv-formats') as { default?: (a: unknown) => void } & ((a: unknown) => void);
    // the official schema's language-tag pattern is not valid with the regex u flag: compile patterns without it
    const ajv = new AjvClass({ allErrors: true, strict: false, unicodeRegExp: false });
    (formats.default ?? formats)(ajv);
    const schema = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const validate = ajv.compile(schema);
    const log = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>; tool: { driver: { rules: Array<{ id: string; properties: { tags: string[] } }> } } }> };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // a structurally broken log fails the same validation (the check can fail)
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.find((x) => x.id === 'guessable-object-id')?.properties.tags).toEqual(['security', 'API1:2023', 'OWASP-API1:2023', 'CWE-639', 'external/cwe/cwe-639']);
    expect(run.results.some((x) => x.locations[0]?.physicalLocation.artifactLocation.uri === 'test/fixtures/lint/common/error.yaml')).toBe(true);
  });

  it('writes JUnit XML that parses (golden): one case per rule, failures at the gate', async () => {
    const r = await lint(SPEC, '--format', 'junit', '--fail-on', 'warn');
    expect(r.code).toBe(1);
    expectGolden('lint/petshop.junit.xml', r.stdout);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout) as {
      testsuites: { testsuite: { name: string; tests: string; failures: string; testcase: Array<{ name: string; failure?: unknown }> } };
    };
    const suite = parsed.testsuites.testsuite;
    expect(suite.name).toBe(SPEC);
    expect(Number(suite.tests)).toBe(suite.testcase.length);
    expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure !== undefined).length);
    expect(suite.testcase.find((c) => c.name === 'guessable-object-id')?.failure).toBeDefined();
    expect(suite.testcase.find((c) => c.name === 'owasp:api2:2023-no-http-basic')?.failure).toBeUndefined();
  });

  it('writes a self-contained HTML report', async () => {
    const out = join(tmp, 'report.html');
    const r = await lint(SPEC, '--format', 'html', '--out', out);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('guessable-object-id');
    expect(html).not.toMatch(/<script|<link/);
  });

  it('exit codes follow --fail-on', async () => {
    const ruleset = 'test/fixtures/lint/ruleset-no-baseline.yaml';
    expect((await lint('test/fixtures/lint/clean.yaml', '--ruleset', ruleset, '--fail-on', 'info')).code).toBe(0);
    expect((await lint('test/fixtures/lint/clean.yaml', '--fail-on', 'info')).code).toBe(1); // the baseline finds info-level issues
    expect((await lint(SPEC, '--ruleset', ruleset, '--fail-on', 'error')).code).toBe(1);
    const infoOnly = join(tmp, 'info-only.yaml');
    writeFileSync(infoOnly, 'baseline: none\nrules:\n  server-plain-http: info\n  credentials-in-query: info\n  operation-security: info\n  guessable-object-id: info\n  request-body-closed: info\n  request-string-unbounded: info\n  request-array-unbounded: info\n  request-number-unbounded: info\n  rate-limit-response: info\n  auth-responses-declared: info\n  error-responses-declared: info\n  sensitive-field-in-response: info\n');
    const low = await lint(SPEC, '--ruleset', infoOnly, '--fail-on', 'warn', '--quiet');
    expect(low.code).toBe(0);
    // --quiet lists only findings at or above the gate (none here)
    expect(low.stdout).not.toMatch(/^\s+\d+:\d+/m);
    expect((await lint(SPEC, '--ruleset', infoOnly, '--fail-on', 'info')).code).toBe(1);
  });

  it('exits 2 with one line for usage and input errors, after auditing the good specs', async () => {
    const mixed = await lint(SPEC, 'test/fixtures/lint/broken/unresolved-ref.yaml', 'missing.yaml', '--format', 'json');
    expect(mixed.code).toBe(2);
    const doc = JSON.parse(mixed.stdout) as { apis: unknown[]; inputErrors: Array<{ code: string; location: string }> };
    expect(doc.apis).toHaveLength(1);
    expect(doc.inputErrors.map((e) => [e.code, e.location])).toEqual([
      ['E_SPEC_REF', 'test/fixtures/lint/broken/unresolved-ref.yaml:10'],
      ['E_INPUT_NOT_FOUND', 'missing.yaml'],
    ]);
    const lines = mixed.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^rampart: test\/fixtures\/lint\/broken\/unresolved-ref\.yaml:10: unresolvable \$ref .* \[E_SPEC_REF\] — /);

    expect((await lint()).code).toBe(2);
    expect((await lint(SPEC, '--format', 'pdf')).code).toBe(2);
    const badRuleset = await lint(SPEC, '--ruleset', 'test/fixtures/lint/petshop.yaml');
    expect(badRuleset.code).toBe(2);
    expect(badRuleset.stderr).toMatch(/^rampart: test\/fixtures\/lint\/petshop\.yaml:1: openapi: unknown key "openapi" .*\[E_LINT_RULESET\]/);
  });

  it('refuses a 20 MB spec over the default limit with a clear error', async () => {
    const big = join(tmp, 'big.json');
    writeFileSync(big, `{"openapi":"3.0.3","info":{"title":"big","version":"1"},"paths":{},"x-pad":"${'x'.repeat(20 * 1024 * 1024)}"}`);
    const r = await lint(big);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/20\.0 MB is over the 10 MB limit \[E_SPEC_TOO_LARGE\] — split the spec into files joined by \$ref, or raise the limit with --max-size/);
  });
});
