import { describe, expect, it } from 'vitest';
import { formatError, RampartError } from '../../core/errors.js';
import { parseGatewayConfig, validateGatewayConfig } from './parse-config.js';

const FULL = `# a complete configuration
upstream: http://127.0.0.1:3000
listen: 0.0.0.0:8080
admin: 127.0.0.1:9090
spec:
  file: openapi.yaml
  mode: block
  unknownOperation: monitor
  unknownQuery: off
  validateResponses: monitor
mode: monitor
newEndpointMode: monitor
trustedProxies: [10.0.0.0/8, '::1']
limits: { maxBodyBytes: 65536, headersTimeoutMs: 5000 }
upstreamOptions: { connections: 64, preserveHost: false }
statuses: { spec.unknown-operation: 404, 'spec.': 422 }
ipList: { deny: [203.0.113.0/24], allow: [] }
tokenDenylist:
  sha256: [ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad]
  headers: [X-Api-Key]
jwt: { publicKeyFile: keys/pub.pem, algorithms: [RS256, ES256], issuer: https://id.example, audience: [api], clockToleranceSec: 10 }
rateLimits:
  - { id: global, rate: 100/s, burst: 200 }
  - { id: login, rate: 5/m, key: 'header:x-user', scope: endpoint, endpoints: ['POST /login'], algorithm: sliding-window, mode: block }
signatures: { paranoia: 2, exclusions: [{ path: 'POST /notes', target: 'json:$.body', classes: [xss] }] }
dataLeak: { action: mask, types: [payment-card, us-ssn] }
endpoints:
  - { match: 'GET /users/{id}', mode: block, filters: { rateLimit: off } }
log: { level: warn }
`;

function issues(text: string): string {
  try {
    parseGatewayConfig(text, 'rampart.yaml');
    return 'ok';
  } catch (err) {
    return formatError(err);
  }
}

describe('rampart.yaml', () => {
  it('reads a complete configuration, frozen, with defaults filled in', () => {
    const c = parseGatewayConfig(FULL, 'rampart.yaml');
    expect(c.specFile).toBe('openapi.yaml');
    expect(c.spec).toEqual({ mode: 'block', unknownOperation: 'monitor', unknownQuery: 'off', validateRequests: true, validateResponses: 'monitor' });
    expect(c.limits.maxBodyBytes).toBe(65536);
    expect(c.limits.maxHeaderBytes).toBe(16384);
    expect(c.upstreamOptions.preserveHost).toBe(false);
    expect(c.tokenDenylist.headers).toEqual(['x-api-key']);
    expect(c.jwt).toMatchObject({ algorithms: ['RS256', 'ES256'], issuer: ['https://id.example'], audience: ['api'], clockToleranceSec: 10, required: true, header: 'authorization' });
    expect(c.rateLimits[1]).toMatchObject({ id: 'login', rate: { count: 5, perMs: 60000 }, key: { kind: 'header', header: 'x-user' }, scope: 'endpoint', algorithm: 'sliding-window', burst: 5 });
    expect(c.rateLimits[0]!.burst).toBe(200);
    expect(c.signatures).toMatchObject({ paranoia: 2, enabled: true });
    expect(c.dataLeak).toEqual({ mode: 'block', action: 'mask', types: ['payment-card', 'us-ssn'] });
    expect(c.endpoints[0]).toEqual({ match: 'GET /users/{id}', mode: 'block', filters: { rateLimit: 'off' } });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.rateLimits[1])).toBe(true);
    expect(() => ((c as { mode: string }).mode = 'off')).toThrow();
  });

  it('an empty document is the defaults', () => {
    const { config, issues: found } = validateGatewayConfig(undefined);
    expect(found).toEqual([]);
    expect(config.mode).toBe('monitor');
    expect(config.admin).toBe('127.0.0.1:9090');
  });

  it.each([
    ['mode: block\nrateLimits:\n  - id: a\n    rate: lots\n', 'rampart.yaml:4: rateLimits[0].rate: expected "N/s" or "N/m"'],
    ['mode: blok\n', 'rampart.yaml:1: mode: expected one of "off", "monitor", "block"'],
    ['mode: block\nratelimits: []\n', 'rampart.yaml:2: ratelimits: unknown key (did you mean "rateLimits"?)'],
    ['limits:\n  maxBodyBytes: -1\n', 'rampart.yaml:2: limits.maxBodyBytes: expected a whole number from 0 to 1073741824'],
    ['ipList: { deny: [10.0.0.0/33] }\n', 'rampart.yaml:1: ipList.deny[0]: expected an IPv4/IPv6 address or CIDR'],
    ['tokenDenylist: { sha256: [my-secret-token] }\n', 'tokenDenylist.sha256[0]: expected a SHA-256 hex digest'],
    ['jwt: { secretEnv: S, algorithms: [HS256, RS256] }\n', 'jwt.algorithms: do not mix HS* with public-key algorithms'],
    ['jwt: { publicKeyFile: k.pem, algorithms: [HS256] }\n', 'a public key or JWKS cannot verify HS* tokens'],
    ['jwt: { algorithms: [none] }\n', 'jwt.algorithms[0]: expected one of HS256'],
    ['listen: 8080\n', 'rampart.yaml:1: listen: expected HOST:PORT'],
    ['upstream: ftp://x\n', 'upstream: expected an http:// URL'],
    ['rateLimits:\n  - { id: a, rate: 1/s }\n  - { id: a, rate: 2/s }\n', 'rampart.yaml:3: rateLimits[1].id: duplicate id "a"'],
    ['endpoints:\n  - { mode: block }\n', 'endpoints[0].match: required'],
    ['mode: block\nmode: off\n', 'YAML syntax: Map keys must be unique'],
    ['a: [\n', 'YAML syntax'],
    ['- just\n- a list\n', '(root): expected a mapping'],
  ])('%j → %s', (text, expected) => {
    const got = issues(text);
    expect(got).toContain(expected);
    expect(got).toContain('[E_CONFIG_INVALID]');
  });

  it('reports every issue, one per line', () => {
    try {
      parseGatewayConfig('mode: x\nlimits: { maxHeaders: 1 }\nfoo: 1\n', 'r.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RampartError);
      const lines = (err as RampartError).message.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^r\.yaml:2: limits\.maxHeaders/);
      expect(lines[2]).toMatch(/^r\.yaml:3: foo: unknown key/);
    }
  });
});

describe('rampart.yaml: tap, detection, countermeasures, decoys, alerts', () => {
  const ROUND2 = `tap: { maxQueue: 500, maxBodyBytes: 4096, persistEverySec: 5 }
detection: { riskThreshold: 40, detectors: { scraping: false } }
countermeasures:
  mode: block
  action: tarpit
  riskThreshold: 60
  denyIps: [198.51.100.0/24]
  tarpit: { delayMs: 2000, maxConcurrent: 10 }
decoys:
  paths: ['/admin/backup', 'GET /internal/*']
  honeytokens: { sha256: [BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD], queryParams: [token] }
alerts:
  events: [blocked, detection]
  log: true
  webhook: { url: 'https://hooks.example/rampart', retries: 3, headers: { Authorization: 'Bearer x' } }
  slack: { urlEnv: SLACK_WEBHOOK_URL }
`;

  it('reads them, with defaults', () => {
    const c = parseGatewayConfig(ROUND2, 'rampart.yaml');
    expect(c.tap).toEqual({ enabled: true, maxQueue: 500, maxQueueBytes: 32 * 1024 * 1024, maxBodyBytes: 4096, persistEverySec: 5 });
    expect(c.detection).toMatchObject({ riskThreshold: 40, detectors: { scraping: false } });
    expect(c.countermeasures).toEqual({ mode: 'block', action: 'tarpit', riskThreshold: 60, denyIps: ['198.51.100.0/24'], markTtlSec: 3600, maxActors: 100_000, tarpit: { delayMs: 2000, maxConcurrent: 10 } });
    expect(c.decoys.honeytokens).toEqual({ sha256: ['ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'], headers: ['authorization', 'x-api-key'], queryParams: ['token'] });
    expect(c.alerts.events).toEqual(['blocked', 'detection']);
    expect(c.alerts.webhook).toMatchObject({ url: 'https://hooks.example/rampart', retries: 3, headers: { authorization: 'Bearer x' }, maxQueue: 1000 });
    expect(c.alerts.slack).toMatchObject({ urlEnv: 'SLACK_WEBHOOK_URL', retries: 5 });
    const d = parseGatewayConfig('mode: block\n', 'rampart.yaml');
    expect(d.countermeasures.action).toBe('deceive');
    expect(d.tap.enabled).toBe(true);
    expect(d.alerts).toEqual({ events: ['blocked', 'flagged', 'deceived', 'detection', 'actor-marked'], log: false });
  });

  it('reports bad keys with their line and path', () => {
    expect(issues('countermeasures:\n  action: nuke\n')).toMatch(/rampart\.yaml:2: countermeasures\.action: expected one of "block", "deceive", "tarpit"/);
    expect(issues('decoys:\n  paths: [admin]\n')).toMatch(/rampart\.yaml:2: decoys\.paths\[0\]: expected "\/path"/);
    expect(issues('decoys:\n  honeytokens: { sha256: [my-token] }\n')).toMatch(/decoys\.honeytokens\.sha256\[0\]: expected a SHA-256 hex digest/);
    expect(issues('alerts:\n  webhook: { retries: 2 }\n')).toMatch(/rampart\.yaml:2: alerts\.webhook: give url or urlEnv/);
    expect(issues('alerts:\n  events: [everything]\n')).toMatch(/alerts\.events\[0\]: expected one of blocked/);
    expect(issues('countermeasures:\n  action: tarpit\n  tarpit: { delayMs: 0 }\n')).toMatch(/countermeasures\.tarpit\.delayMs: action "tarpit" needs a delay above 0/);
    expect(issues('detection:\n  riskThreshold: 500\n')).toMatch(/rampart\.yaml:2: detection\.riskThreshold/);
    expect(issues('tap: { maxQueue: 0 }\n')).toMatch(/tap\.maxQueue: expected a whole number from 1/);
  });
});
