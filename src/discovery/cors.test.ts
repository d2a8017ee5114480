import { describe, expect, it } from 'vitest';
import { corsFindings, PROBE_ORIGIN, readCorsPolicy } from './cors.js';
import { rateRisk } from './risk.js';
import { finding } from './findings.js';

describe('CORS policy', () => {
  it.each([
    [[], 'none', []],
    [[['access-control-allow-origin', '*']], 'any', ['cors-any-origin']],
    [[['access-control-allow-origin', PROBE_ORIGIN]], 'reflected', ['cors-reflected-origin']],
    [[['access-control-allow-origin', PROBE_ORIGIN], ['access-control-allow-credentials', 'true']], 'reflected', ['cors-credentials-any-origin']],
    [[['access-control-allow-origin', 'https://app.example.com'], ['access-control-allow-credentials', 'true']], 'fixed', []],
  ] as Array<[Array<[string, string]>, string, string[]]>)('%j -> %s', (headers, policy, kinds) => {
    const info = readCorsPolicy(headers, PROBE_ORIGIN);
    expect(info.policy).toBe(policy);
    expect(corsFindings(info, 'https://x.example/').map((f) => f.kind)).toEqual(kinds);
  });

  it('reports an allowed null origin', () => {
    const any = readCorsPolicy([['access-control-allow-origin', '*']], PROBE_ORIGIN);
    const nul = readCorsPolicy([['access-control-allow-origin', 'null']], 'null');
    expect(corsFindings(any, 'u', nul).map((f) => `${f.severity} ${f.kind}`)).toEqual(['low cors-any-origin', 'medium cors-null-origin']);
  });
});

describe('risk rating', () => {
  it('takes the worst finding above info, counts exposure, caps at 100', () => {
    expect(rateRisk([], 0, 0)).toEqual({ risk: 'none', score: 0 });
    expect(rateRisk([finding('api-prefix', 'u', 'm')], 1, 0)).toEqual({ risk: 'low', score: 1 });
    expect(rateRisk([finding('spec-exposed', 'u', 'm'), finding('server-version-disclosed', 'u', 'm')], 4, 1)).toEqual({ risk: 'medium', score: 8 + 2 + 4 + 5 });
    expect(rateRisk([finding('cors-credentials-any-origin', 'u', 'm')], 0, 0).risk).toBe('high');
    expect(rateRisk(Array.from({ length: 10 }, () => finding('cors-credentials-any-origin', 'u', 'm')), 50, 3).score).toBe(100);
  });
});
