import { describe, expect, it } from 'vitest';
import { observation } from '../comply-rule.js';
import { COMPLY_RULES } from './index.js';

describe('comply rules: vectors', () => {
  it('every rule has a unique id, mappings and vectors both ways', () => {
    expect(new Set(COMPLY_RULES.map((r) => r.id)).size).toBe(COMPLY_RULES.length);
    for (const r of COMPLY_RULES) {
      expect(r.id).toMatch(/^[a-z0-9-]+$/);
      expect(r.owasp ?? 'API1:2023').toMatch(/^API\d+:2023$/);
      expect(r.cwe ?? 'CWE-1').toMatch(/^CWE-\d+$/);
      expect(r.regulations.length, r.id).toBeGreaterThan(0);
      for (const reg of r.regulations) expect(reg).toMatch(/^(PCI-DSS-4\.0:\d+\.\d+\.\d+|GDPR:Art\.\d+(\(\d\)\([a-z]\))?)$/);
      expect(r.vectors.fire.length, r.id).toBeGreaterThan(0);
      expect(r.vectors.quiet.length, r.id).toBeGreaterThan(0);
    }
  });

  for (const r of COMPLY_RULES) {
    it(`${r.id} fires on its vectors and stays quiet on the others`, () => {
      for (const v of r.vectors.fire) expect(r.check(observation(v.obs)), JSON.stringify(v.obs)).toHaveLength(v.hits);
      for (const q of r.vectors.quiet) expect(r.check(observation(q)), JSON.stringify(q)).toEqual([]);
    });
  }

  it('evidence in the vectors is never a clear card number', () => {
    for (const r of COMPLY_RULES) for (const v of r.vectors.fire) for (const h of r.check(observation(v.obs))) expect(h.evidence ?? '').not.toMatch(/\d{13,19}/);
  });
});

describe('pan-in-url on access logs', () => {
  it('says the card number is stored in the access log when the source is a log', async () => {
    const { panInUrl } = await import('./pan-in-url.js');
    const sensitive = [{ type: 'payment-card' as const, direction: 'request' as const, location: 'query' as const, name: 'pan', evidence: '************1111' }];
    expect(panInUrl.check(observation({ sensitive, source: { kind: 'access-log', file: 'access.log' } }))[0]?.message).toBe('GET /x: a card number is sent in the query parameter "pan" and is stored in the access log');
    expect(panInUrl.check(observation({ sensitive, source: { kind: 'har' } }))[0]?.message).toBe('GET /x: a card number is sent in the query parameter "pan" (written to access logs)');
  });
});
