/**
 * `rampart comply` on the Juice Shop HAR (shared corpora) against Juice Shop's published B2B spec: the REST API
 * the browser calls is not in that spec (conformance: undocumented operations), the login hands out a JWT that
 * carries the user's password hash and email, and the application configuration (with a contact email) is served
 * without authentication. Skips when the corpora are absent.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { corpus, skipMessage } from './support/shared-corpora.js';

const har = corpus('har-samples', 'juiceshop-akto.har');
const spec = corpus('vulnerable-apps', 'juice-shop', 'b2b-swagger.yml');

interface JsonFinding {
  rule: string;
  severity: string;
  endpoint: string;
  path: string;
  count: number;
  evidence: string[];
  regulations: string[];
}

describe.skipIf(!har || !spec)('comply on the Juice Shop HAR', () => {
  if (!har || !spec) it.skip(skipMessage('the Juice Shop HAR and spec'), () => {});

  it('finds conformance and data-exposure problems with the expected values', async () => {
    const io = createCaptureIo(dirname(dirname(har!)));
    const code = await main(['node', 'rampart', 'comply', '--spec', 'vulnerable-apps/juice-shop/b2b-swagger.yml', 'har-samples/juiceshop-akto.har', '--format', 'json'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(1);
    const doc = JSON.parse(io.stdout) as { score: number; coverage: unknown; sources: Array<{ exchanges: number; analysed: number }>; findings: JsonFinding[] };
    expect(doc.sources).toEqual([expect.objectContaining({ exchanges: 48, analysed: 46 })]);
    // the only documented operation (POST /b2b/v2/orders) is never called
    expect(doc.coverage).toEqual({ called: 0, documented: 1 });
    const undocumented = doc.findings.filter((f) => f.rule === 'undocumented-operation');
    expect(undocumented).toHaveLength(17);
    expect(undocumented).toContainEqual(expect.objectContaining({ endpoint: 'GET /rest/products/{productId}/reviews', count: 11, path: '$.paths' }));
    expect(undocumented).toContainEqual(expect.objectContaining({ endpoint: 'GET /rest/user/whoami', count: 8 }));
    expect(undocumented).toContainEqual(expect.objectContaining({ endpoint: 'GET /rest/basket/{basketId}', evidence: ['GET /rest/basket/6'] }));
    // data exposure: the JWT from /rest/user/login carries the password hash and the email
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'token-sensitive-claims', severity: 'error', endpoint: 'POST /rest/user/login', evidence: ['claims: data.email, data.password'], regulations: ['PCI-DSS-4.0:8.3.2', 'GDPR:Art.32', 'GDPR:Art.5(1)(c)'] }),
    );
    expect(doc.findings).toContainEqual(
      expect.objectContaining({
        rule: 'sensitive-without-auth',
        endpoint: 'GET /rest/admin/application-configuration',
        evidence: ['GET /rest/admin/application-configuration (no credential) -> $.config.application.privacyContactEmail: d***@owasp-juice.shop'],
      }),
    );
    // the stored cards are masked by Juice Shop: no PAN finding (a true negative)
    expect(doc.findings.some((f) => f.rule.startsWith('pan-'))).toBe(false);
    expect(doc.score).toBe(65);
    // no clear token in the report
    expect(io.stdout).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\./);
  });
});
