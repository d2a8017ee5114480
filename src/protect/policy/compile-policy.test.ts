import { describe, expect, it } from 'vitest';
import { makeTx, run } from '../../../test/support/gateway-tx.js';
import { formatError } from '../../core/errors.js';
import { parseSpecText } from '../../spec/index.js';
import { parseGatewayConfig } from '../config/parse-config.js';
import { compilePolicy } from './compile-policy.js';
import { capMode } from './modes.js';

const spec = parseSpecText(
  `
openapi: 3.0.3
info: { title: t, version: '1' }
security: [{ b: [] }]
components: { securitySchemes: { b: { type: http, scheme: bearer } } }
paths:
  /a:
    get:
      operationId: getA
      responses: { '200': { description: ok } }
    post:
      x-rampart-mode: monitor
      x-rampart-rate-limit: { rate: 10/m, key: 'header:x-user' }
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '200': { description: ok } }
  /open:
    get:
      security: []
      responses: { '200': { description: ok } }
`,
  'spec.yaml',
).description;

const compile = (yaml: string, withSpec = true) =>
  compilePolicy({ config: parseGatewayConfig(yaml, 'rampart.yaml'), ...(withSpec ? { description: spec } : {}), materials: { tokenHashes: [], jwtKey: { kind: 'secret', secret: 's'.repeat(32) } } });
const chain = (p: ReturnType<typeof compile>, method: string, path: string) => p.route(method, path, '', '').chain;
const links = (c: ReturnType<typeof chain>) => c.requestHeaders.map((l) => `${l.filter.name}:${l.mode}`);

describe('compilePolicy', () => {
  it('resolves modes: endpoint filter override > endpoint mode > x-rampart-mode > filter mode > global', () => {
    const p = compile(`mode: block
signatures: { mode: monitor }
rateLimits: [{ id: g, rate: 5/s }]
endpoints:
  - { match: getA, filters: { rateLimit: off } }
`);
    const getA = chain(p, 'GET', '/a');
    expect(getA.key).toBe('GET /a');
    expect(links(getA)).toEqual(['spec:block', 'spec:block']);
    expect(getA.requestBody.map((l) => `${l.filter.name}:${l.mode}`)).toEqual(['signatures:monitor']);
    const postA = chain(p, 'POST', '/a');
    // x-rampart-mode: monitor applies to every filter of the operation, and its own limit is added
    expect(links(postA)).toEqual(['rateLimit:monitor', 'rateLimit:monitor', 'spec:monitor', 'spec:monitor']);
    expect(postA.requestBody.map((l) => `${l.filter.name}:${l.mode}`)).toEqual(['spec:monitor', 'signatures:monitor']);
    expect(p.rateLimits.map((r) => r.ruleId).sort()).toEqual(['ratelimit.g', 'ratelimit.op-getA'.replace('getA', '1')].sort());
  });

  it('skips JWT on operations the spec declares public, and caps unmatched requests at newEndpointMode', () => {
    const p = compile(`mode: block
newEndpointMode: monitor
jwt: { secretEnv: S }
spec: { unknownOperation: block }
`);
    expect(links(chain(p, 'GET', '/a'))).toContain('jwt:block');
    expect(links(chain(p, 'GET', '/open'))).not.toContain('jwt:block');
    const unmatched = chain(p, 'GET', '/nope');
    expect(unmatched.key).toBe('unmatched');
    expect(links(unmatched)).toEqual(['jwt:monitor', 'spec:block', 'spec:block']);
  });

  it('routes everything to one chain without a spec', () => {
    const p = compile('mode: block\nrateLimits: [{ id: g, rate: 5/s }]', false);
    expect(chain(p, 'GET', '/whatever').key).toBe('*');
    expect(links(chain(p, 'GET', '/whatever'))).toEqual(['rateLimit:block']);
  });

  it('maps statuses by exact rule id, then by prefix', () => {
    const p = compile("statuses: { spec.unknown-operation: 404, 'spec.': 422, 'ratelimit.': 503 }");
    expect(p.status('spec.unknown-operation', 404)).toBe(404);
    expect(p.status('spec.invalid-body', 400)).toBe(422);
    expect(p.status('ratelimit.g', 429)).toBe(503);
    expect(p.status('ip.denied', 403)).toBe(403);
  });

  it('refuses endpoint overrides that name no operation, and bad spec extensions', () => {
    expect(() => compile('endpoints: [{ match: GET /nope }]')).toThrow(/endpoints\[0\]\.match: no operation "GET \/nope"/);
    expect(() => compile('rateLimits: [{ id: a, rate: 1/s, endpoints: [getA] }]', false)).toThrow(/need a spec/);
    const bad = parseSpecText(`openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /x:\n    get:\n      x-rampart-rate-limit: fast\n      responses: { '200': { description: ok } }\n`, 's.yaml').description;
    try {
      compilePolicy({ config: parseGatewayConfig('', 'r.yaml'), description: bad, specFile: 's.yaml', materials: { tokenHashes: [] } });
      expect.unreachable();
    } catch (err) {
      expect(formatError(err)).toContain('/paths/~1x/get/x-rampart-rate-limit.rate: expected "N/s" or "N/m"');
    }
  });

  it('carries rate-limit counters of unchanged rules over a reload', () => {
    const a = compile('mode: block\nrateLimits: [{ id: g, rate: 1/m }]', false);
    const f = a.rateLimits[0]!;
    run(f, makeTx({ clientIp: '1.1.1.1' }));
    const b = compilePolicy({ config: parseGatewayConfig('mode: block\nrateLimits: [{ id: g, rate: 1/m }]', 'r.yaml'), materials: { tokenHashes: [] }, previous: a });
    expect(b.rateLimits[0]!.store).toBe(f.store);
    expect(run(b.rateLimits[0]!, makeTx({ clientIp: '1.1.1.1' })).action).toBe('block');
    const c = compilePolicy({ config: parseGatewayConfig('mode: block\nrateLimits: [{ id: g, rate: 2/m }]', 'r.yaml'), materials: { tokenHashes: [] }, previous: b });
    expect(c.rateLimits[0]!.store).not.toBe(f.store);
  });

  it('caps modes', () => {
    expect(capMode('block', 'monitor')).toBe('monitor');
    expect(capMode('monitor', 'block')).toBe('monitor');
    expect(capMode('block', undefined)).toBe('block');
    expect(capMode('monitor', 'off')).toBe('off');
  });
});
