/**
 * `rampart comply` end to end, in-process: a small spec and HAR written by the test (one exchange per rule),
 * golden text / JSON / SARIF / HTML output, SARIF validated against the SARIF 2.1.0 schema, exit codes following
 * `--fail-on`, the stored inventory (`--db`), and evidence that never holds a clear card number or token.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { VERSION } from '../src/cli/version.js';
import { COMPLY_RULES } from '../src/compliance/conformance/index.js';
import { COMPLY_HAR, LEAKY_JWT, writeComplyFixture } from './support/comply-fixture.js';
import { expectGolden } from './support/golden.js';
import { projectRoot } from './support/shared-corpora.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'rampart-comply-'));
beforeAll(() => writeComplyFixture(dir));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function comply(...args: string[]) {
  const io = createCaptureIo(dir);
  const code = await main(['node', 'rampart', 'comply', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Output with the tool version replaced, so goldens survive releases. */
const sanitise = (s: string) => s.split(`"version": "${VERSION}"`).join('"version": "X"');

interface JsonFinding {
  rule: string;
  severity: string;
  path: string;
  endpoint: string;
  owasp: string | null;
  cwe: string | null;
  regulations: string[];
  count: number;
  evidence: string[];
}

describe('rampart comply', () => {
  it('prints the text report (golden) and exits 1 on error findings', async () => {
    const r = await comply('--spec', 'spec.yaml', 'traffic.har');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expectGolden('comply/card-shop.txt', r.stdout);
  });

  it('prints the stable JSON format (golden) with every rule firing once or more, aggregated', async () => {
    const r = await comply('--spec', 'spec.yaml', 'traffic.har', '--format', 'json');
    expectGolden('comply/card-shop.json', sanitise(r.stdout));
    const doc = JSON.parse(r.stdout) as { score: number; findings: JsonFinding[]; coverage: { called: number; documented: number }; summary: { byRegulation: Record<string, number> } };
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'path', 'endpoint', 'owasp', 'cwe', 'regulations', 'category', 'count', 'evidence', 'fix', 'file', 'line']);
      expect(['error', 'warn', 'info']).toContain(f.severity);
    }
    expect(new Set(doc.findings.map((f) => f.rule))).toEqual(new Set(COMPLY_RULES.map((r) => r.id)));
    expect(doc.coverage).toEqual({ called: 4, documented: 4 });
    expect(doc.score).toBe(37);
    // two exchanges leaking passwordHash: one finding, count 2
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'excessive-data-exposure', severity: 'error', endpoint: 'GET /v1/users/{id}', path: 'response.body$.passwordHash', count: 2, owasp: 'API3:2023', cwe: 'CWE-213' }),
    );
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'pan-in-url', endpoint: 'GET /v1/pay', path: 'request.query.card', regulations: ['PCI-DSS-4.0:3.4.1', 'PCI-DSS-4.0:3.5.1', 'PCI-DSS-4.0:10.3.2', 'GDPR:Art.32'], evidence: ['************1111'] }),
    );
    expect(doc.findings).toContainEqual(expect.objectContaining({ rule: 'undocumented-parameter', path: "$.paths['/search'].get.parameters", line: 49 }));
    expect(doc.findings).toContainEqual(expect.objectContaining({ rule: 'token-sensitive-claims', endpoint: 'POST /v1/login', evidence: ['claims: data.email, data.password'] }));
    expect(doc.summary.byRegulation['PCI-DSS-4.0:3.4.1']).toBe(2);
    // redaction: no clear PAN, token or AWS key anywhere in the output
    expect(r.stdout).not.toContain('4111111111111111');
    expect(r.stdout).not.toContain(LEAKY_JWT.slice(0, 40));
    expect(r.stdout).not.toContain('AKIAZ7Q3K5MPLX2R4TW9');
    expect(r.stdout).not.toContain('ann@example.com');
  });

  it('writes SARIF 2.1.0 valid against the official schema (golden), regulations in the rule tags', async () => {
    const r = await comply('--spec', 'spec.yaml', 'traffic.har', '--format', 'sarif');
    expectGolden('comply/card-shop.sarif', sanitise(r.stdout));
    const Ajv04 = require('ajv-draft-04') as { new (o: object): { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } } };
    const AjvClass = ((Ajv04 as { default?: typeof Ajv04 }).default ?? Ajv04) as typeof Ajv04;
    const formats = require('ajv-formats') as { default?: (a: unknown) => void } & ((a: unknown) => void);
    const ajv = new AjvClass({ allErrors: true, strict: false, unicodeRegExp: false });
    (formats.default ?? formats)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
    const log = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; properties: Record<string, unknown> }>; tool: { driver: { rules: Array<{ id: string; properties: { tags: string[] } }> } } }> };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...log, runs: 'no' })).toBe(false);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.find((x) => x.id === 'pan-unmasked-in-response')?.properties.tags).toEqual([
      'security', 'API3:2023', 'OWASP-API3:2023', 'CWE-359', 'external/cwe/cwe-359', 'PCI-DSS-4.0:3.4.1', 'PCI-DSS-4.0:3.3.1', 'GDPR:Art.32',
    ]);
    expect(run.results.find((x) => x.ruleId === 'excessive-data-exposure' && x.properties.count === 2)?.properties.endpoint).toBe('GET /v1/users/{id}');
  });

  it('writes a self-contained HTML report (golden): escaped, no scripts or external resources', async () => {
    const r = await comply('--spec', 'spec.yaml', 'traffic.har', '--format', 'html', '--out', 'report.html');
    expect(r.stdout).toBe('');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expectGolden('comply/card-shop.html', html.split(VERSION).join('X'));
    expect(html).not.toMatch(/<script|<link|src=|href="http/i);
    expect(html).toContain('Findings by regulation');
    expect(html).toContain('PCI-DSS-4.0:3.4.1');
    expect(html).toContain('<code style="white-space:nowrap;word-break:normal">GET /v1/users/{id}</code>');
    expect(html).not.toContain('4111111111111111');
  });

  it('exit codes follow --fail-on; --quiet hides what is below it', async () => {
    expect((await comply('--spec', 'spec.yaml', 'traffic.har', '--fail-on', 'warn')).code).toBe(1);
    const q = await comply('--spec', 'spec.yaml', 'traffic.har', '--quiet');
    expect(q.stdout).not.toContain('undocumented-operation');
    expect(q.stdout).toContain('pan-in-url');
    // the clean exchange only: no findings, score 100, exit 0 at the lowest threshold
    const har = JSON.parse(COMPLY_HAR) as { log: { entries: unknown[] } };
    writeFileSync(join(dir, 'clean.har'), JSON.stringify({ log: { ...har.log, entries: har.log.entries.slice(-1) } }));
    const clean = await comply('--spec', 'spec.yaml', 'clean.har', '--fail-on', 'info');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('✔ 0 findings (0 errors, 0 warnings, 0 info); score 100/100');
  });

  it('reads the stored inventory with --db', async () => {
    const io = createCaptureIo(dir);
    expect(await main(['node', 'rampart', 'inventory', 'import', 'traffic.har', '--db', 'inv.db'], io)).toBe(0);
    const r = await comply('--spec', 'spec.yaml', '--db', 'inv.db', '--format', 'json');
    const doc = JSON.parse(r.stdout) as { findings: JsonFinding[]; sources: Array<{ file: string; format: string }> };
    expect(doc.sources).toEqual([expect.objectContaining({ file: 'inv.db', format: 'inventory' })]);
    const rules = new Set(doc.findings.map((f) => f.rule));
    for (const id of ['undocumented-operation', 'undocumented-parameter', 'undocumented-status', 'pan-in-url', 'pan-unmasked-in-response', 'sensitive-over-http']) expect(rules, id).toContain(id);
    expect(r.stdout).not.toContain('4111111111111111');
  });

  it('usage errors exit 2 with one line', async () => {
    const r = await comply('--spec', 'spec.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no traffic to check.*\[E_USAGE\]/);
  });
});
