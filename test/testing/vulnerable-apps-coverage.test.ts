/**
 * The coverage table of docs/testing-coverage.md, checked against the real specs of OWASP crAPI, VAmPI, OWASP
 * Juice Shop (B2B) and dvws-node (../shared/corpora/vulnerable-apps): every flaw marked covered "on the spec" must
 * have its test select the named operation and find something to work with there (an id slot, an injection point,
 * a URL-like input…). None of these apps can run here, so this is the part of coverage that can be verified.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { buildRequest, idSlots } from '../../src/testing/build-request.js';
import { BUILTIN_CHECKS } from '../../src/testing/checks/index.js';
import { injectionPoints } from '../../src/testing/injection-points.js';
import { basePathFor, planOperations, type PlannedOperation } from '../../src/testing/plan.js';
import { corpus, skipMessage } from '../support/shared-corpora.js';

/** [app spec, method, path template, test id] for every "covered on the spec" row of the table. */
const COVERED: ReadonlyArray<readonly [string, string, string, string]> = [
  ['crapi/crapi-openapi-spec.json', 'GET', '/identity/api/v2/vehicle/{vehicleId}/location', 'bola-read'],
  ['crapi/crapi-openapi-spec.json', 'GET', '/workshop/api/mechanic/mechanic_report', 'bola-read'],
  ['crapi/crapi-openapi-spec.json', 'POST', '/identity/api/auth/v2/check-otp', 'rate-limit-missing'],
  ['crapi/crapi-openapi-spec.json', 'DELETE', '/identity/api/v2/admin/videos/{video_id}', 'bfla-write'],
  ['crapi/crapi-openapi-spec.json', 'PUT', '/identity/api/v2/user/videos/{video_id}', 'mass-assignment'],
  ['crapi/crapi-openapi-spec.json', 'POST', '/workshop/api/merchant/contact_mechanic', 'ssrf'],
  ['crapi/crapi-openapi-spec.json', 'POST', '/community/api/v2/coupon/validate-coupon', 'nosqli-operator'],
  ['crapi/crapi-openapi-spec.json', 'POST', '/workshop/api/shop/apply_coupon', 'sqli-error'],
  ['crapi/crapi-openapi-spec.json', 'POST', '/workshop/api/shop/apply_coupon', 'sqli-boolean'],
  ['crapi/crapi-openapi-spec.json', 'GET', '/identity/api/v2/user/dashboard', 'auth-invalid-token'],
  ['crapi/crapi-openapi-spec.json', 'GET', '/workshop/api/shop/orders/{order_id}', 'auth-missing'],
  ['vampi/openapi3.yml', 'GET', '/users/v1/{username}', 'sqli-error'],
  ['vampi/openapi3.yml', 'GET', '/users/v1/{username}', 'sqli-boolean'],
  ['vampi/openapi3.yml', 'POST', '/users/v1/login', 'rate-limit-missing'],
  ['dvws-node/swagger-output.json', 'POST', '/v2/passphrase', 'sqli-error'],
  ['dvws-node/swagger-output.json', 'GET', '/v2/sysinfo/{command}', 'command-injection'],
  ['dvws-node/swagger-output.json', 'POST', '/download', 'path-traversal'],
  ['dvws-node/swagger-output.json', 'GET', '/v2/notes/{noteId}', 'bola-read'],
  ['dvws-node/swagger-output.json', 'POST', '/v2/admin/create-user', 'bfla-write'],
  ['dvws-node/swagger-output.json', 'GET', '/v2/admin/logs', 'bfla-read'],
  ['juice-shop/b2b-swagger.yml', 'POST', '/orders', 'fuzz-server-error'],
];

const URL_LIKE = /url|uri|link|callback|webhook|api|endpoint|image|avatar/i;
const FILE_LIKE = /file|path|name|doc|download/i;

/** Whether a test would work on the operation: its own selection, plus what its probes need there. */
function applies(id: string, p: PlannedOperation): boolean {
  const check = BUILTIN_CHECKS.find((c) => c.id === id)!;
  if (check.select && !check.select(p, { includeIntrusive: true, identities: { users: ['alice', 'bob'], admin: 'admin', expired: [] } })) return false;
  const req = buildRequest(p, {});
  const points = injectionPoints(p, req);
  switch (id) {
    case 'bola-read':
    case 'bfla-write':
      return idSlots(p).length > 0 || id === 'bfla-write';
    case 'ssrf':
      return points.some((x) => URL_LIKE.test(x.name) || /^https?:\/\//.test(x.value));
    case 'path-traversal':
      return points.some((x) => FILE_LIKE.test(x.name));
    case 'sqli-error':
    case 'sqli-boolean':
    case 'nosqli-operator':
    case 'command-injection':
      return points.some((x) => x.type === 'string' || x.type === 'unknown');
    case 'mass-assignment':
    case 'fuzz-server-error':
      return Boolean(p.op.requestBody);
    default:
      return true;
  }
}

const root = corpus('vulnerable-apps');

describe.skipIf(!root)('coverage of real vulnerable APIs (docs/testing-coverage.md)', () => {
  if (!root) it.skip(skipMessage('the vulnerable-apps coverage check'), () => {});
  const specs = [...new Set(COVERED.map(([f]) => f))];
  it.each(specs)('%s: every covered flaw has its test select the operation', async (file) => {
    const loaded = await loadSpec(corpus('vulnerable-apps', file)!);
    const ops = planOperations(loaded.description, basePathFor(new URL('http://target.test/'), loaded.description));
    for (const [, method, path, id] of COVERED.filter(([f]) => f === file)) {
      const p = ops.find((o) => o.op.method === method && o.op.path === path);
      expect(p, `${file}: ${method} ${path} is not in the spec`).toBeDefined();
      expect(applies(id, p!), `${id} does not apply to ${method} ${path}`).toBe(true);
    }
  });
});
