import { describe, expect, it } from 'vitest';
import { makeTx } from '../../../../test/support/gateway-tx.js';
import { DEFAULT_CONFIG, type CountermeasuresConfig, type DecoysConfig } from '../../config/gateway-config.js';
import { createDeceptionState } from '../../deception/deception-state.js';
import type { FilterVerdict } from '../../phases/phase.js';
import { hashToken } from '../token-denylist/token-denylist.js';
import { createCountermeasuresFilter } from './countermeasures.js';

const HONEY = 'never-use-this-token-0001';

function setup(cm: Partial<CountermeasuresConfig> = {}, decoys: Partial<DecoysConfig> = {}, enforce = true) {
  const config = { ...DEFAULT_CONFIG.countermeasures, ...cm };
  const state = createDeceptionState(config, 'k');
  const marked: string[] = [];
  state.onMark = (key) => void marked.push(key);
  let t = 1_000;
  const filter = createCountermeasuresFilter({
    state,
    config,
    decoys: { ...DEFAULT_CONFIG.decoys, ...decoys, honeytokens: { ...DEFAULT_CONFIG.decoys.honeytokens, sha256: [hashToken(HONEY)], queryParams: ['token'], ...(decoys.honeytokens ?? {}) } },
    enforce,
    detection: true,
    status: (_r, s) => s,
    now: () => t,
  })!;
  return { filter, state, marked, advance: (ms: number) => (t += ms) };
}

const rule = (v: FilterVerdict | Promise<FilterVerdict>) => ((v as { rule?: string }).rule ?? (v as { action: string }).action);

describe('countermeasures filter', () => {
  it('vectors: decoys by path, method and prefix; honeytokens in headers and query; the rest passes', () => {
    const { filter } = setup({ action: 'block' }, { paths: ['/admin', 'POST /api/debug', '/internal/*'] });
    const cases: Array<[Parameters<typeof makeTx>[0], string]> = [
      [{ target: '/admin' }, 'deception.decoy'],
      [{ target: '/admin/x' }, 'continue'],
      [{ method: 'POST', target: '/api/debug' }, 'deception.decoy'],
      [{ method: 'GET', target: '/api/debug' }, 'continue'],
      [{ target: '/internal/metrics?x=1' }, 'deception.decoy'],
      [{ target: '/internalx' }, 'continue'],
      [{ target: '/ok', headers: { authorization: `Bearer ${HONEY}` } }, 'deception.honeytoken'],
      [{ target: '/ok', headers: { 'x-api-key': HONEY } }, 'deception.honeytoken'],
      [{ target: `/ok?token=${HONEY}` }, 'deception.honeytoken'],
      [{ target: '/ok', headers: { authorization: 'Bearer another-token' } }, 'continue'],
    ];
    for (const [init, expected] of cases) {
      const v = filter.evaluate(makeTx({ ...init, clientIp: `192.0.2.${cases.findIndex((c) => c[0] === init) + 10}` }));
      expect(rule(v), JSON.stringify(init)).toBe(expected);
    }
  });

  it('marks the credential too: the same API key from another address is still countermeasured', () => {
    const { filter, marked } = setup({ action: 'block' }, { paths: ['/admin'] });
    filter.evaluate(makeTx({ target: '/admin', clientIp: '192.0.2.1', headers: { 'x-api-key': 'ak_live_123456' } }));
    expect(marked.sort()).toEqual(['ip:192.0.2.1', marked.find((k) => k.startsWith('key:')) as string].sort());
    expect(rule(filter.evaluate(makeTx({ target: '/x', clientIp: '192.0.2.99', headers: { 'x-api-key': 'ak_live_123456' } })))).toBe('deception.flagged-actor');
    expect(rule(filter.evaluate(makeTx({ target: '/x', clientIp: '192.0.2.1' })))).toBe('deception.flagged-actor');
    expect(rule(filter.evaluate(makeTx({ target: '/x', clientIp: '192.0.2.98', headers: { 'x-api-key': 'another' } })))).toBe('continue');
  });

  it('marks expire after markTtlSec', () => {
    const { filter, advance } = setup({ action: 'block', markTtlSec: 10 }, { paths: ['/admin'] });
    filter.evaluate(makeTx({ target: '/admin', clientIp: '192.0.2.5' }));
    advance(9_000);
    expect(rule(filter.evaluate(makeTx({ target: '/x', clientIp: '192.0.2.5' })))).toBe('deception.flagged-actor');
    advance(11_000);
    expect(rule(filter.evaluate(makeTx({ target: '/x', clientIp: '192.0.2.5' })))).toBe('continue');
  });

  it('denyIps get the action; deceive carries a fake body; monitor-mode tarpit is a (logged) stop that never waits', () => {
    const d = setup({ action: 'deceive', denyIps: ['198.51.100.0/24'] });
    const v = d.filter.evaluate(makeTx({ target: '/x', clientIp: '198.51.100.7' })) as FilterVerdict;
    expect(v).toMatchObject({ action: 'deceive', rule: 'deception.denied-actor', status: 200, body: '{}', contentType: 'application/json' });
    const m = setup({ action: 'tarpit', tarpit: { delayMs: 10_000, maxConcurrent: 5 }, denyIps: ['198.51.100.0/24'] }, {}, false);
    const mv = m.filter.evaluate(makeTx({ target: '/x', clientIp: '198.51.100.7' }));
    expect(mv instanceof Promise).toBe(false);
    expect(mv).toMatchObject({ action: 'block', rule: 'deception.denied-actor' });
    expect(m.state.tarpitted).toBe(0);
  });

  it('is not built when there is nothing to do', () => {
    const state = createDeceptionState(DEFAULT_CONFIG.countermeasures);
    expect(createCountermeasuresFilter({ state, config: DEFAULT_CONFIG.countermeasures, decoys: DEFAULT_CONFIG.decoys, enforce: true, detection: false, status: (_r, s) => s })).toBeUndefined();
  });

  it('survives hostile input: 10,000 query parameters and a 64 KB header', () => {
    const { filter } = setup({ action: 'block' }, { paths: ['/admin'] });
    const q = Array.from({ length: 10_000 }, (_, i) => `token=v${i}`).join('&');
    const t0 = performance.now();
    expect(rule(filter.evaluate(makeTx({ target: `/x?${q}`, headers: { authorization: `Bearer ${'a'.repeat(65_536)}` } })))).toBe('continue');
    expect(performance.now() - t0).toBeLessThan(250);
  });
});
