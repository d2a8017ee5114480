/**
 * What users read from `rampart test`, pinned by golden files (test/golden/test/…): text, JSON, SARIF 2.1.0
 * (validated against the official schema), JUnit XML (parsed) and HTML (self-contained, escaped).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { failsGate, renderTestReport } from '../../src/testing/report-formats.js';
import { expectGolden } from '../support/golden.js';
import { projectRoot } from '../support/shared-corpora.js';
import { REPORT_FIXTURE } from './report-fixture.js';

const require = createRequire(import.meta.url);

function sarifValidator(): ((d: unknown) => boolean) & { errors?: unknown } {
  const Ajv04 = require('ajv-draft-04') as { new (o: object): { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } }; default?: unknown };
  const AjvClass = ((Ajv04 as { default?: typeof Ajv04 }).default ?? Ajv04) as typeof Ajv04;
  const formats = require('ajv-formats') as { default?: (a: unknown) => void } & ((a: unknown) => void);
  // the official schema's language-tag pattern is not valid with the regex u flag
  const ajv = new AjvClass({ allErrors: true, strict: false, unicodeRegExp: false });
  (formats.default ?? formats)(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
}

describe('rampart test outputs', () => {
  it('text (golden): findings with curl and fix, the summary and the gate', () => {
    const text = renderTestReport(REPORT_FIXTURE, 'text', { failOn: 'high' });
    expectGolden('test/report.txt', text);
    expect(text).toContain('FAILED: findings at or above high.');
    expect(renderTestReport(REPORT_FIXTURE, 'text', { failOn: 'critical', quiet: true })).not.toContain('server-banner');
    expect(renderTestReport(REPORT_FIXTURE, 'text', { failOn: 'none' })).not.toMatch(/FAILED|PASSED/);
  });

  it('JSON (golden): an object with a findings array carrying the documented fields', () => {
    const json = renderTestReport(REPORT_FIXTURE, 'json', { failOn: 'high' });
    expectGolden('test/report.json', json);
    const parsed = JSON.parse(json) as { findings: Array<Record<string, unknown>> };
    for (const f of parsed.findings) for (const k of ['test', 'owasp', 'cwe', 'severity', 'method', 'path', 'evidence', 'curl']) expect(f, k).toHaveProperty(k);
  });

  it('SARIF (golden) validates against the SARIF 2.1.0 schema, with OWASP/CWE tags and spec locations', () => {
    const sarif = renderTestReport(REPORT_FIXTURE, 'sarif', { failOn: 'high' });
    expectGolden('test/report.sarif', sarif);
    const validate = sarifValidator();
    const log = JSON.parse(sarif) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations?: Array<{ physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }>; tool: { driver: { rules: Array<{ id: string; properties: { tags: string[]; 'security-severity': string } }> } } }> };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...log, runs: 'x' })).toBe(false);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['bola-read', 'bola-write', 'jwt-alg-none', 'server-banner', 'sqli-error']);
    expect(run.tool.driver.rules[0]!.properties.tags).toEqual(['security', 'API1:2023', 'OWASP-API1:2023', 'CWE-639', 'external/cwe/cwe-639']);
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['jwt-alg-none', 'error'],
      ['bola-read', 'error'],
      ['server-banner', 'note'],
    ]);
    expect(run.results[0]!.locations![0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'shop.yaml' }, region: { startLine: 42 } });
  });

  it('JUnit XML (golden) parses: one case per test, failures at the gate', () => {
    const xml = renderTestReport(REPORT_FIXTURE, 'junit', { failOn: 'high' });
    expectGolden('test/report.junit.xml', xml);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { testsuite: { tests: string; failures: string; testcase: Array<{ name: string; failure?: unknown }> } } };
    const suite = parsed.testsuites.testsuite;
    expect(Number(suite.tests)).toBe(5);
    expect(suite.testcase.filter((c) => c.failure !== undefined).map((c) => c.name)).toEqual(['bola-read', 'jwt-alg-none']);
    expect(Number(suite.failures)).toBe(2);
  });

  it('HTML (golden) is one self-contained, escaped file', () => {
    const html = renderTestReport(REPORT_FIXTURE, 'html', { failOn: 'high' });
    expectGolden('test/report.html', html);
    expect(html).not.toMatch(/<script|src=["']http|href=["']http/i);
    expect(html).toContain('Alice &lt;admin&gt;');
    expect(html).toContain("default-src 'none'");
  });

  it('gates on severity', () => {
    expect(failsGate(REPORT_FIXTURE, 'critical')).toBe(true);
    expect(failsGate({ ...REPORT_FIXTURE, findings: REPORT_FIXTURE.findings.slice(2) }, 'medium')).toBe(false);
    expect(failsGate(REPORT_FIXTURE, 'none')).toBe(false);
  });
});
