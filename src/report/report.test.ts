import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { LintSeverity, Severity } from '../core/index.js';
import { escapeHtml, escapeXml } from './escape.js';
import { htmlFindings, htmlPage, htmlTable, trusted } from './html.js';
import { renderJunit } from './junit.js';
import type { ReportInput } from './report-input.js';
import { fileUri, renderSarif, ruleTags } from './sarif.js';
import { FINDING_SCALE, LINT_SCALE, isAtOrAbove } from './severity-scale.js';

const input: ReportInput<LintSeverity> = {
  tool: { name: 'rampart', version: '9.9.9' },
  scale: LINT_SCALE,
  rules: [
    { id: 'bola-id', title: 'ids', description: 'guessable ids', fix: 'use uuids', severity: 'warn', owasp: 'API1:2023', cwe: 'CWE-639' },
    { id: 'desc', title: 'described', description: 'operations are described', fix: 'describe', severity: 'info', owasp: null, cwe: null },
  ],
  findings: [
    { rule: 'bola-id', severity: 'error', message: 'id <int> & "x"', owasp: 'API1:2023', cwe: 'CWE-639', location: { file: 'specs/my api.yaml', line: 12, column: 5, path: "$.paths['/a/{id}']" }, target: 'specs/my api.yaml' },
    { rule: 'desc', severity: 'info', message: 'no description', owasp: null, cwe: null, location: { file: 'specs/common.yaml', line: 3, path: '$.x' }, target: 'specs/my api.yaml' },
    { rule: 'extra', severity: 'warn', message: 'undescribed rule', owasp: null, cwe: null, location: { endpoint: 'GET api /a' } },
  ],
  targets: ['specs/my api.yaml', 'other.yaml'],
};

describe('severity scales', () => {
  it('map to SARIF levels and security-severity', () => {
    expect(['error', 'warn', 'info'].map((s) => LINT_SCALE.sarifLevel(s as LintSeverity))).toEqual(['error', 'warning', 'note']);
    expect(FINDING_SCALE.securitySeverity('critical')).toBeGreaterThanOrEqual(9);
    expect(FINDING_SCALE.sarifLevel('medium')).toBe('warning');
    expect(isAtOrAbove(LINT_SCALE, 'warn', 'warn')).toBe(true);
    expect(isAtOrAbove(LINT_SCALE, 'info', 'warn')).toBe(false);
    expect(isAtOrAbove<Severity>(FINDING_SCALE, 'high', 'medium')).toBe(true);
  });
});

describe('escaping', () => {
  it('escapes HTML and XML, dropping characters XML cannot carry', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0007c\ud800d & <e>')).toBe('abcd &amp; &lt;e&gt;');
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('renderSarif', () => {
  const log = renderSarif(input);
  const run = log.runs[0] as { tool: { driver: { rules: Array<Record<string, unknown>> } }; results: Array<Record<string, unknown>>; artifacts: unknown[] };

  it('describes rules with OWASP and CWE tags and security-severity', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules[0]).toMatchObject({
      id: 'bola-id',
      shortDescription: { text: 'ids' },
      help: { text: 'use uuids' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'API1:2023', 'OWASP-API1:2023', 'CWE-639', 'external/cwe/cwe-639'], 'security-severity': '5.0' },
    });
    // a finding of an undescribed rule still gets a rule entry
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['bola-id', 'desc', 'extra']);
  });

  it('writes results with level, file, line, column and the JSON path', () => {
    expect(run.results[0]).toMatchObject({
      ruleId: 'bola-id',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'id <int> & "x"' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'specs/my%20api.yaml', index: 0 }, region: { startLine: 12, startColumn: 5 } },
          logicalLocations: [{ fullyQualifiedName: "$.paths['/a/{id}']", kind: 'member' }],
        },
      ],
    });
    expect(run.results[2]).toMatchObject({ ruleIndex: 2, locations: [{ logicalLocations: [{ fullyQualifiedName: 'GET api /a', kind: 'resource' }] }] });
    expect(run.artifacts).toHaveLength(3);
    const fp = (run.results[0]?.partialFingerprints as Record<string, string>)['rampartFinding/v1'];
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tags and URIs', () => {
    expect(ruleTags({ owasp: null, cwe: null })).toEqual(['security']);
    expect(fileUri('a b\\c#d.yaml')).toBe('a%20b/c%23d.yaml');
  });
});

describe('renderJunit', () => {
  const xml = renderJunit(input, { failOn: 'warn', name: 'rampart lint' });
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
    testsuites: { tests: string; failures: string; testsuite: Array<{ name: string; tests: string; failures: string; testcase: Array<Record<string, unknown>> }> };
  };

  it('has one suite per target and one case per rule, failing at the gate', () => {
    expect(parsed.testsuites).toMatchObject({ tests: '9', failures: '2' });
    const [first, second, third] = parsed.testsuites.testsuite;
    expect(first).toMatchObject({ name: 'specs/my api.yaml', tests: '3', failures: '1' });
    expect(first?.testcase.map((c) => c.name)).toEqual(['bola-id', 'desc', 'extra']);
    expect(first?.testcase[0]?.failure).toMatchObject({ type: 'error', message: '1 finding at or above warn' });
    expect(String((first?.testcase[0]?.failure as Record<string, string>)['#text'])).toContain("error specs/my api.yaml:12:5 $.paths['/a/{id}']: id <int> & \"x\" (API1:2023 CWE-639)");
    // below the gate: passes, listed in system-out
    expect(first?.testcase[1]?.failure).toBeUndefined();
    expect(String(first?.testcase[1]?.['system-out'])).toContain('info specs/common.yaml:3 $.x: no description');
    expect(second).toMatchObject({ name: 'other.yaml', failures: '0' });
    expect(third).toMatchObject({ name: 'GET api /a', failures: '1' });
  });

  it('passes everything when the gate is above every finding', () => {
    const strict = renderJunit({ ...input, findings: input.findings.filter((f) => f.severity === 'info') }, { failOn: 'error', name: 'x' });
    expect(strict).toContain('failures="0"');
    expect(strict).not.toContain('<failure');
  });
});

describe('HTML helpers', () => {
  it('escape every value and build a self-contained page', () => {
    const page = htmlPage({ title: 'Report <1>', subtitle: 'a & b', body: [htmlTable(['col'], [['<script>alert(1)</script>'], [trusted('<b>ok</b>')]]), htmlFindings(input)] });
    expect(page).toContain('<title>Report &lt;1&gt;</title>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).toContain('<b>ok</b>');
    expect(page).toContain('id &lt;int&gt; &amp; &quot;x&quot;');
    expect(page).not.toMatch(/<link|src=|https?:\/\/(?!www\.w3\.org)/);
    expect(page).toContain("default-src 'none'");
  });
});
