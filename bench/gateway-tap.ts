/**
 * `npm run bench -- gateway-tap`: the cost of the tap, in CPU per exchange of this process (`process.cpuUsage`,
 * robust to a busy machine). On the request path: `tap.consume` (append to the bounded queue). Off it: the
 * analysis a drain turn runs per exchange — exchange construction, the inventory learner (with the persist to an
 * in-memory SQLite store) and behaviour detection — for a mix of GETs and 1 KB JSON POSTs with JSON responses
 * from 2,000 client addresses. Compared in the same run with a baseline: `JSON.parse` of the same bodies (the
 * least any analysis of them costs). G2 (../shared/guide/performance.md) counts the tap within full protection;
 * its throughput is measured by the `gateway` suite, whose g2 target runs this tap.
 */
import { createLiveAnalysis } from '../src/pipeline/live-analysis.js';
import { createTap } from '../src/protect/tap/create-tap.js';
import { Transaction } from '../src/protect/transaction.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { median, type Suite, type SuiteResult } from './harness.js';

const N = Number(process.env.GATEWAY_TAP_EXCHANGES ?? 20_000);
const ROUNDS = 3;

function order(i: number): string {
  const items = Array.from({ length: 8 }, (_, k) => ({ sku: `SKU-${(i * 7 + k) % 500}`, qty: 1 + (k % 3), price: 9.99 + k, note: 'gift wrap please' }));
  return JSON.stringify({ customer: { id: 1000 + (i % 2000), email: `c${i % 2000}@example.com` }, items, coupon: i % 5 === 0 ? 'SPRING' : null });
}

function makeTx(i: number): Transaction {
  const post = i % 3 === 0;
  const target = post ? '/api/orders' : `/api/products/${1 + (i % 5000)}?fields=name,price`;
  const body = post ? order(i) : undefined;
  const tx = new Transaction({
    id: `r${i}`,
    time: 1_767_000_000_000 + i * 5,
    method: post ? 'POST' : 'GET',
    target,
    path: target.split('?')[0] as string,
    query: target.includes('?') ? (target.split('?')[1] as string) : '',
    host: 'shop.example',
    clientIp: `10.0.${(i % 2000) >> 8}.${(i % 2000) & 255}`,
    peerIp: '127.0.0.1',
    rawHeaders: ['Host', 'shop.example', 'User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', 'Accept', 'application/json', 'Authorization', `Bearer key-${i % 2000}`, ...(post ? ['Content-Type', 'application/json', 'Content-Length', String(body?.length)] : [])],
    route: undefined,
    routeKey: '*',
  });
  if (body) tx.requestBody = Buffer.from(body);
  tx.status = post ? 201 : 200;
  tx.upstreamMs = 1;
  tx.responseRawHeaders = ['Content-Type', 'application/json'];
  tx.sampleResponse(Buffer.from(JSON.stringify(post ? { orderId: `o-${i}`, total: 42.5, status: 'created' } : { id: 1 + (i % 5000), name: `Product ${i % 5000}`, price: 19.99, stock: i % 40 })), 64 * 1024);
  return tx;
}

const cpuMicros = (f: () => void): number => {
  const a = process.cpuUsage();
  f();
  const d = process.cpuUsage(a);
  return d.user + d.system;
};

export const gatewayTapBench: Suite = {
  name: 'gateway-tap',
  kind: 'bench',
  title: 'the tap: CPU per exchange on the request path (queue) and off it (learner + behaviour detection)',
  async run(): Promise<SuiteResult> {
    const txs = Array.from({ length: N }, (_, i) => makeTx(i));
    const consume: number[] = [];
    const analysis: number[] = [];
    const baseline: number[] = [];
    let endpoints = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const store = openSqliteStore(':memory:');
      const live = createLiveAnalysis({ store, detector: {} });
      const tap = createTap({ maxQueue: N + 1, maxQueueBytes: 1 << 30, sink: (b) => live.analyze(b) });
      consume.push(cpuMicros(() => { for (const tx of txs) tap.consume(tx); }) / N);
      analysis.push(cpuMicros(() => { tap.drain(); live.persist(); }) / N);
      endpoints = store.listEndpoints().length;
      store.close();
      baseline.push(cpuMicros(() => {
        for (const tx of txs) {
          if (tx.requestBody) JSON.parse(tx.requestBody.toString('utf8'));
          JSON.parse(Buffer.concat(tx.responseSample ?? []).toString('utf8'));
        }
      }) / N);
    }
    const c = median(consume);
    const a = median(analysis);
    const b = median(baseline);
    const json = {
      exchanges: N,
      rounds: ROUNDS,
      microsPerExchange: { consume: Math.round(c * 100) / 100, analysis: Math.round(a * 10) / 10, jsonParseBaseline: Math.round(b * 10) / 10 },
      analysisPerCoreSecond: Math.round(1e6 / a),
      analysisToBaseline: Math.round((a / b) * 10) / 10,
      endpointsLearned: endpoints,
    };
    return {
      columns: ['measure', 'µs CPU per exchange', 'exchanges/s per core'],
      rows: [
        ['tap.consume (request path)', json.microsPerExchange.consume, Math.round(1e6 / c)],
        ['analysis (learner + detection + persist)', json.microsPerExchange.analysis, json.analysisPerCoreSecond],
        ['baseline: JSON.parse of the bodies', json.microsPerExchange.jsonParseBaseline, Math.round(1e6 / b)],
      ],
      notes: [
        `${N} exchanges (⅓ 1 KB JSON POSTs), 2,000 clients; ${endpoints} endpoints learned`,
        'analysis runs in setImmediate turns after responses have gone; when it cannot keep up the queue drops samples (counted), traffic never waits',
      ],
      json,
    };
  },
};
