/**
 * `rampart comply` cost per exchange: observe (route, request + response validation, extra fields, sensitive-data
 * scan, auth) + the 13 rules + aggregation, over the comply test fixture's ten exchange shapes repeated. Baselines
 * in the same run: `JSON.parse` of the same bodies, and the inventory learner with `inspectAll` (which classifies
 * the same values). Median of the runs.
 */
import type { Exchange } from '../src/core/index.js';
import { COMPLY_RULES, createExchangeObserver, createFindingAggregator } from '../src/compliance/conformance/index.js';
import { createInventoryLearner } from '../src/inventory/index.js';
import { parseSpecText } from '../src/spec/index.js';
import { COMPLY_SPEC, LEAKY_JWT } from '../test/support/comply-fixture.js';
import { makeExchange } from '../test/support/exchanges.js';
import { median, type Suite, type SuiteResult } from './harness.js';

const AUTH: [string, string][] = [['authorization', 'Bearer abc.def']];

function shapes(i: number): Exchange[] {
  const u = 'https://api.example.com/v1';
  return [
    makeExchange('GET', `${u}/users/${i}`, { headers: AUTH, status: 200, responseJson: { id: i, name: 'Ann', email: 'ann@example.com', passwordHash: '$2b$10$abcdefghijklmnopqrstuv' } }),
    makeExchange('GET', `${u}/users/abc`, { headers: AUTH, status: 500, responseBody: { text: 'internal error', type: 'text/plain' } }),
    makeExchange('GET', `${u}/users/${i + 1}`, { headers: AUTH, status: 200, responseJson: { id: 'three', name: 'Cy', email: 'cy@example.com' } }),
    makeExchange('GET', `${u}/cards/${i}`, { status: 200, responseJson: { id: i, number: '4111111111111111', last4: '1111' } }),
    makeExchange('GET', `${u}/search?q=ann%40example.com&debug=1`, { headers: AUTH, status: 200, responseJson: Array.from({ length: 10 }, (_, k) => ({ id: k, name: `n${k}`, email: `u${k}@example.com` })) }),
    makeExchange('GET', `http://api.example.com/v1/pay?card=4111111111111111&amount=${i}`, { status: 200, responseJson: { ok: true } }),
    makeExchange('POST', `${u}/login`, { requestJson: { username: 'ann', password: 'hunter2hunter2' }, status: 200, responseJson: { token: LEAKY_JWT } }),
    makeExchange('GET', `${u}/users/2`, { headers: AUTH, status: 200, responseJson: { id: 2, name: 'Bo', email: 'bo@example.com', awsKey: 'AKIAZ7Q3K5MPLX2R4TW9' } }),
    makeExchange('GET', `${u}/users/5`, { headers: AUTH, status: 404 }),
    makeExchange('GET', `${u}/users/${i}`, { headers: AUTH, status: 200, responseJson: { id: i, name: 'Ok', email: 'ok@example.com' } }),
  ];
}

export const complySpeed: Suite = {
  name: 'comply-speed',
  kind: 'bench',
  title: 'comply µs per exchange (observe + 13 rules + aggregation) vs JSON.parse of the bodies and the inventory learner (inspectAll)',
  async run(): Promise<SuiteResult> {
    const n = Number(process.env.RAMPART_BENCH_EXCHANGES ?? 20_000);
    const runs = Math.max(3, Number(process.env.RAMPART_BENCH_RUNS ?? 3));
    const exchanges: Exchange[] = [];
    for (let i = 1; exchanges.length < n; i++) exchanges.push(...shapes(i));
    const description = parseSpecText(COMPLY_SPEC, 'spec.yaml').description;

    const parse = (): number => {
      const t0 = performance.now();
      let k = 0;
      for (const ex of exchanges) {
        if (ex.request.body) k += JSON.stringify(JSON.parse(ex.request.body.text)).length > 0 ? 1 : 0;
        const t = ex.response?.body?.text;
        if (t && t.startsWith('{')) k += JSON.parse(t) ? 1 : 0;
      }
      if (k < 0) throw new Error('unreachable');
      return performance.now() - t0;
    };
    const learn = (): number => {
      const t0 = performance.now();
      const learner = createInventoryLearner({ inspectAll: true });
      for (const ex of exchanges) learner.add(ex);
      learner.finish();
      return performance.now() - t0;
    };
    let findings = 0;
    const comply = (): number => {
      const t0 = performance.now();
      const observe = createExchangeObserver(description);
      const agg = createFindingAggregator(COMPLY_RULES, 'spec.yaml', () => undefined);
      for (const ex of exchanges) {
        const obs = observe(ex);
        for (const r of COMPLY_RULES) agg.add(r, obs);
      }
      findings = agg.findings().length;
      return performance.now() - t0;
    };
    parse();
    learn();
    comply();
    const p: number[] = [];
    const l: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < runs; i++) {
      p.push(parse());
      l.push(learn());
      c.push(comply());
    }
    const usPer = (ms: number) => (ms * 1000) / exchanges.length;
    const [mp, ml, mc] = [median(p), median(l), median(c)];
    const rows = [
      ['JSON.parse of the bodies (baseline)', usPer(mp), Math.round(exchanges.length / (mp / 1000)), 1],
      ['inventory learner, inspectAll', usPer(ml), Math.round(exchanges.length / (ml / 1000)), ml / mp],
      ['comply: observe + rules + aggregate', usPer(mc), Math.round(exchanges.length / (mc / 1000)), mc / mp],
    ];
    return {
      columns: ['stage', 'µs / exchange', 'exchanges / s', '× baseline'],
      rows,
      notes: [`${exchanges.length} exchanges (10 shapes of the comply fixture), median of ${runs} runs; ${findings} aggregated findings`],
      json: { exchanges: exchanges.length, runs, findings, usPerExchange: { jsonParse: usPer(mp), learnerInspectAll: usPer(ml), comply: usPer(mc) }, ratioToJsonParse: { learnerInspectAll: ml / mp, comply: mc / mp }, complyVsLearner: mc / ml },
    };
  },
};
