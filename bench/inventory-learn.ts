/**
 * The learner's share of I1 (HAR import ≥ 20,000 entries/s per core with ~2 KB JSON bodies; budget ~20 µs per
 * exchange for templating + schema inference + classification): µs per exchange of `learner.add` (+ `finish`)
 * over seeded exchanges that look like browser API traffic (15 headers, a bearer JWT, query parameters, a ~2 KB
 * JSON response, a small JSON request body on writes, ids in paths), against a baseline in the same run:
 * `JSON.parse` of the same bodies (what any importer pays at least). Median of RUNS runs, alternating.
 * Variants: default (every exchange counted, values read on the first 64 per endpoint then a thinning sample)
 * and `inspectAll` (values, bodies and sensitive data read on every exchange: the worst case).
 */
import type { Exchange, Header } from '../src/core/index.js';
import { createInventoryLearner } from '../src/inventory/inventory-learner.js';
import { median, type Suite, type SuiteResult } from './harness.js';
import { createRandom as rng } from '../src/core/seeded-random.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november'];
const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/v1/users/{id}'],
  ['GET', '/api/v1/users/{id}/orders'],
  ['GET', '/api/v1/orders/{uuid}'],
  ['PUT', '/api/v1/orders/{uuid}'],
  ['GET', '/api/v1/products'],
  ['GET', '/api/v1/products/{id}/reviews'],
  ['POST', '/api/v1/products/{id}/reviews'],
  ['GET', '/api/v1/search'],
  ['POST', '/api/v1/cart/items'],
  ['POST', '/api/v1/login'],
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

function responseBody(r: () => number, bytes: number): string {
  const items: unknown[] = [];
  let size = 30;
  while (size < bytes) {
    const w = pick(r, WORDS);
    const item = {
      id: Math.floor(r() * 1e6),
      name: `${w} ${pick(r, WORDS)}`,
      email: `${w}${Math.floor(r() * 1000)}@example.com`,
      price: Math.round(r() * 10_000) / 100,
      status: pick(r, ['active', 'pending', 'closed']),
      tags: [pick(r, WORDS), pick(r, WORDS)],
      address: { city: pick(r, WORDS), zip: String(10000 + Math.floor(r() * 89999)) },
      createdAt: '2024-05-01T10:00:00Z',
    };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return JSON.stringify({ data: items, total: items.length, page: 1 });
}

/** Seeded exchanges (about 2 KB JSON per response). */
export function syntheticExchanges(n: number, seed = 7): Exchange[] {
  const r = rng(seed);
  const jwt = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('{"iss":"https://id.example.com","sub":"42"}').toString('base64url')}.c2ln`;
  const out: Exchange[] = [];
  for (let i = 0; i < n; i++) {
    const [method, route] = pick(r, ROUTES);
    const path = route.replace('{id}', String(1 + Math.floor(r() * 50_000))).replace('{uuid}', `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`);
    const headers: Header[] = [
      ['host', 'api.example.com'],
      ['user-agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'],
      ['accept', 'application/json, text/plain, */*'],
      ['accept-encoding', 'gzip, deflate, br'],
      ['accept-language', 'en-GB,en;q=0.9'],
      ['authorization', `Bearer ${jwt}`],
      ['sec-fetch-dest', 'empty'],
      ['sec-fetch-mode', 'cors'],
      ['sec-fetch-site', 'same-origin'],
      ['referer', 'https://app.example.com/'],
      ['origin', 'https://app.example.com'],
      ['x-request-id', hex(r, 16)],
      ['x-client-version', '4.2.1'],
      ['cookie', `theme=dark; lang=en; sid=${hex(r, 24)}`],
      ['connection', 'keep-alive'],
    ];
    const write = method !== 'GET';
    const reqText = write ? JSON.stringify({ name: pick(r, WORDS), qty: Math.floor(r() * 10), note: pick(r, WORDS), email: `${pick(r, WORDS)}@example.com` }) : '';
    if (write) headers.push(['content-type', 'application/json']);
    const resText = responseBody(r, 2000);
    out.push({
      time: Date.UTC(2024, 0, 1) + i * 50,
      client: { ip: '10.0.0.1' },
      request: {
        method,
        scheme: 'https',
        host: 'api.example.com',
        target: `${path}?page=${Math.floor(r() * 10)}&sort=${pick(r, ['asc', 'desc'])}`,
        headers,
        ...(write ? { body: { text: reqText, size: reqText.length, truncated: false } } : {}),
      },
      response: {
        status: r() < 0.9 ? 200 : 404,
        headers: [
          ['content-type', 'application/json; charset=utf-8'],
          ['content-length', String(resText.length)],
          ['cache-control', 'no-store'],
        ],
        body: { text: resText, size: resText.length, truncated: false },
      },
      source: { kind: 'har' },
    });
  }
  return out;
}

function baseline(exchanges: readonly Exchange[]): number {
  const t0 = performance.now();
  let n = 0;
  for (const ex of exchanges) {
    if (ex.request.body) n += JSON.stringify(JSON.parse(ex.request.body.text)).length > 0 ? 1 : 0;
    if (ex.response?.body) n += (JSON.parse(ex.response.body.text) as { total: number }).total > 0 ? 1 : 0;
  }
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

function learn(exchanges: readonly Exchange[], inspectAll: boolean): { ms: number; endpoints: number } {
  const t0 = performance.now();
  const learner = createInventoryLearner({ inspectAll });
  for (const ex of exchanges) learner.add(ex);
  const r = learner.finish();
  return { ms: performance.now() - t0, endpoints: r.stats.endpoints.total };
}

export const inventoryLearnSuite: Suite = {
  name: 'inventory-learn',
  kind: 'bench',
  title: 'learner µs per exchange (template + schemas + classification + auth + samples) vs JSON.parse of the same ~2 KB bodies',
  async run(): Promise<SuiteResult> {
    const n = Number(process.env.RAMPART_BENCH_EXCHANGES ?? 30_000);
    const runs = Math.max(3, Number(process.env.RAMPART_BENCH_RUNS ?? 3));
    const exchanges = syntheticExchanges(n);
    // warm-up (JIT, classifier tables)
    baseline(exchanges.slice(0, 2000));
    learn(exchanges.slice(0, 2000), false);
    const base: number[] = [];
    const sampled: number[] = [];
    const all: number[] = [];
    let endpoints = 0;
    for (let i = 0; i < runs; i++) {
      base.push(baseline(exchanges));
      const s = learn(exchanges, false);
      sampled.push(s.ms);
      endpoints = s.endpoints;
      all.push(learn(exchanges, true).ms);
    }
    const usPer = (ms: number) => (ms * 1000) / n;
    const b = median(base);
    const s = median(sampled);
    const a = median(all);
    const rows = [
      ['JSON.parse of the bodies (baseline)', usPer(b), Math.round(n / (b / 1000)), 1],
      ['learner, default sampling', usPer(s), Math.round(n / (s / 1000)), s / b],
      ['learner, inspectAll (worst case)', usPer(a), Math.round(n / (a / 1000)), a / b],
    ];
    return {
      columns: ['pass', 'µs / exchange', 'exchanges / s', 'time vs baseline'],
      rows,
      notes: [
        `${n} exchanges over ${endpoints} endpoints, ~2 KB JSON responses, median of ${runs} runs, alternating; one core`,
        'budget for the learner in I1: ~20 µs per exchange (I1 end to end: ≥ 20,000 entries/s per core incl. parse and store)',
        'default sampling reads values, bodies and sensitive data on the first 64 exchanges of each endpoint, then every 4th/16th/64th; counts are kept for all',
      ],
      json: {
        exchanges: n,
        endpoints,
        runs,
        baselineUsPerExchange: usPer(b),
        learnerUsPerExchange: usPer(s),
        learnerInspectAllUsPerExchange: usPer(a),
        learnerVsBaseline: s / b,
        inspectAllVsBaseline: a / b,
        runsMs: { baseline: base, learner: sampled, inspectAll: all },
      },
    };
  },
};
