/**
 * `rampart lint` on the intentionally vulnerable apps' own specs (shared corpora): the documented design flaws
 * that a spec can reveal are flagged on the right operations. Skips when the corpora are absent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinter, type LintFinding } from '../src/compliance/lint/index.js';
import { corpus, skipMessage } from './support/shared-corpora.js';

const root = corpus('vulnerable-apps');
const linter = root ? createLinter({ cwd: root, readRef: async (p) => readFileSync(p, 'utf8') }) : undefined;

async function findingsOf(file: string): Promise<LintFinding[]> {
  const absPath = `${root}/${file}`;
  const r = await linter!.lint({ absPath, text: readFileSync(absPath, 'utf8') });
  return [...r.findings];
}

/** [rule, JSON path] pairs present in the findings. */
function has(findings: readonly LintFinding[], rule: string, path: string): boolean {
  return findings.some((f) => f.rule === rule && f.location.path === path);
}

describe.skipIf(!root)('lint on vulnerable apps', () => {
  if (!root) it.skip(skipMessage('the vulnerable-apps specs'), () => {});

  it('crAPI: BOLA ids, OTP brute force on the old check-otp, mass assignment, SSRF, BFLA target', async () => {
    const f = await findingsOf('crapi/crapi-openapi-spec.json');
    const expected: Array<[string, string]> = [
      // challenge 2: other users' mechanic reports by sequential report_id
      ['guessable-object-id', "$.paths['/workshop/api/mechanic/mechanic_report'].get.parameters[0]"],
      // BOLA on orders and videos; challenge 7 (BFLA) targets the admin video delete
      ['guessable-object-id', "$.paths['/workshop/api/shop/orders/{order_id}'].get.parameters[0]"],
      ['guessable-object-id', "$.paths['/identity/api/v2/admin/videos/{video_id}'].delete.parameters[0]"],
      // challenge 3: OTP brute force through the v2 check-otp published beside v3, with no rate limit
      ['older-version-exposed', "$.paths['/identity/api/auth/v2/check-otp'].post"],
      ['rate-limit-response', "$.paths['/identity/api/auth/v2/check-otp'].post.responses"],
      // challenges 8/9: mass assignment on orders (quantity) — open, unbounded body objects
      ['request-body-closed', '$.components.schemas.ProductQuantity'],
      ['request-number-unbounded', '$.components.schemas.ProductQuantity.properties.quantity'],
      // challenge 6 (rate limiting / amplification) and 11 (SSRF) on contact_mechanic
      ['request-number-unbounded', "$.paths['/workshop/api/merchant/contact_mechanic'].post.requestBody.content['application/json'].schema.properties.number_of_repeats"],
      ['ssrf-url-input', "$.paths['/workshop/api/merchant/contact_mechanic'].post.requestBody.content['application/json'].schema.properties.mechanic_api"],
    ];
    for (const [rule, path] of expected) expect(has(f, rule, path), `${rule} at ${path}`).toBe(true);
  });

  it('VAmPI: unauthenticated debug endpoint leaking passwords, mass assignment, ReDoS input, no rate limit on login', async () => {
    const f = await findingsOf('vampi/openapi3.yml');
    const expected: Array<[string, string]> = [
      ['operation-security', "$.paths['/users/v1/_debug'].get"],
      ['sensitive-field-in-response', "$.paths['/users/v1/_debug'].get.responses['200'].content['application/json'].schema.properties.users.items.properties.password"],
      ['operation-security', "$.paths['/createdb'].get"],
      ['request-body-closed', "$.paths['/users/v1/register'].post.requestBody.content['application/json'].schema"],
      ['request-string-unbounded', "$.paths['/users/v1/{username}/email'].put.requestBody.content['application/json'].schema.properties.email"],
      ['rate-limit-response', "$.paths['/users/v1/login'].post.responses"],
    ];
    for (const [rule, path] of expected) expect(has(f, rule, path), `${rule} at ${path}`).toBe(true);
    expect(f.some((x) => x.rule === 'sensitive-field-in-response' && x.location.path?.startsWith("$.paths['/books/v1/{book_title}']"))).toBe(true);
  });

  it('dvws-node: no authentication anywhere, injectable path inputs, open redirect, plain http, old version', async () => {
    const f = await findingsOf('dvws-node/swagger-output.json');
    const expected: Array<[string, string]> = [
      ['security-schemes-defined', '$'],
      ['operation-security', "$.paths['/v2/admin/logs'].get"],
      ['operation-security', "$.paths['/v2/users/checkadmin'].get"],
      ['request-string-unbounded', "$.paths['/v2/sysinfo/{command}'].get.parameters[0].schema"],
      ['request-string-unbounded', "$.paths['/v2/release/{release}'].get.parameters[0].schema"],
      ['ssrf-url-input', "$.paths['/v2/users/logout/{redirect}'].get.parameters[0]"],
      ['server-plain-http', '$.servers[0].url'],
      ['older-version-exposed', "$.paths['/v1/info'].get"],
    ];
    for (const [rule, path] of expected) expect(has(f, rule, path), `${rule} at ${path}`).toBe(true);
    expect(f.filter((x) => x.rule === 'operation-security')).toHaveLength(31);
  });

  it('Juice Shop B2B: unbounded orderLinesData (RCE/DoS) and order quantities, open order objects', async () => {
    const f = await findingsOf('juice-shop/b2b-swagger.yml');
    const expected: Array<[string, string]> = [
      ['request-string-unbounded', '$.components.schemas.OrderLinesData'],
      ['request-number-unbounded', '$.components.schemas.OrderLine.properties.quantity'],
      ['request-body-closed', '$.components.schemas.Order'],
      ['request-array-unbounded', '$.components.schemas.OrderLines'],
    ];
    for (const [rule, path] of expected) expect(has(f, rule, path), `${rule} at ${path}`).toBe(true);
  });
});
