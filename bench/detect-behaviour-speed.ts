/**
 * `npm run bench -- detect-behaviour-speed` — D4: the behaviour engine's throughput per core with 100k active
 * actors, its memory, and idle expiry. Events are API exchanges of a shop (browsers, apps, API-key clients;
 * logins, product and order reads, carts) from N actors, each actor seen every ~N events, so all N stay active.
 * Throughput is events per CPU-second of this process (`process.cpuUsage`, robust to a busy machine), measured
 * against a baseline in the same run: the least any per-actor engine does per event (look the client IP up in
 * a Map and bump a counter). Rounds alternate candidate and baseline; medians are reported. O(1) per event is
 * shown by the same measure at 10k and 100k actors.
 */
import type { Exchange, Header } from '../src/core/index.js';
import { createDetector, type Detector } from '../src/detect/index.js';
import { median, type Suite, type SuiteResult } from './harness.js';
import { HOST, client, createRandom, headersFor, makeJwt, type Profile } from './support/behaviour-scenarios.js';

const PROFILES: readonly Profile[] = ['chrome', 'safari', 'firefox', 'app-android', 'app-ios', 'python'];

type MutableExchange = { -readonly [K in keyof Exchange]: Exchange[K] };

/** Two exchanges per actor (different endpoints), reused with a fresh time for each event. */
function buildPool(actors: number, seed: number): MutableExchange[] {
  const rnd = createRandom(seed);
  const pool: MutableExchange[] = [];
  for (let a = 0; a < actors; a++) {
    const ip = `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`;
    const shape = client(rnd, PROFILES[a % PROFILES.length] as Profile);
    const auth = rnd() < 0.35 ? makeJwt(`user-${a}`) : undefined;
    const apiKey = shape.profile === 'python' ? `sk_${a.toString(36)}_live` : undefined;
    for (let k = 0; k < 2; k++) {
      const r = rnd();
      let method = 'GET';
      let target: string;
      let status = 200;
      let body: string | undefined;
      let resBody: string | undefined;
      if (r < 0.35) target = `/api/products/${1 + Math.floor(rnd() * 20_000)}`;
      else if (r < 0.55) target = `/api/products?page=${1 + Math.floor(rnd() * 50)}&sort=price`;
      else if (r < 0.7) {
        target = '/api/orders';
        resBody = JSON.stringify([{ id: 100_000 + a * 3 }, { id: 100_001 + a * 3 }, { id: 100_002 + a * 3 }]);
      } else if (r < 0.82) target = `/api/orders/${100_000 + a * 3 + Math.floor(rnd() * 3)}`;
      else if (r < 0.9) {
        method = 'POST';
        target = '/api/cart/items';
        status = 201;
        body = JSON.stringify({ productId: 1 + Math.floor(rnd() * 20_000), quantity: 1 });
      } else if (r < 0.95) {
        method = 'POST';
        target = '/api/auth/login';
        status = rnd() < 0.1 ? 401 : 200;
        body = JSON.stringify({ email: `user${a}@example.net`, password: 'x' });
      } else target = '/api/users/me';
      const headers: Header[] = headersFor(shape, { ...(auth ? { auth: `Bearer ${auth}` } : {}), ...(apiKey ? { apiKey } : {}), json: body !== undefined });
      pool.push({
        time: 0,
        client: { ip },
        request: { method, scheme: 'https', host: HOST, target, headers, ...(body ? { body: { text: body, size: body.length, truncated: false } } : {}) },
        response: { status, headers: resBody ? [['content-type', 'application/json']] : [], ...(resBody ? { body: { text: resBody, size: resBody.length, truncated: false } } : {}) },
        source: { kind: 'gateway' },
      });
    }
  }
  return pool;
}

/** Event order: a random permutation of actors per pass, so each actor is seen about every `actors` events. */
function eventOrder(pool: number, events: number, seed: number): Uint32Array {
  const rnd = createRandom(seed);
  const out = new Uint32Array(events);
  for (let i = 0; i < events; i++) out[i] = Math.floor(rnd() * pool);
  return out;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Clock {
  t: number;
}

const STEP_MS = 3;

function runCandidate(d: Detector, pool: MutableExchange[], order: Uint32Array, clock: Clock): number {
  const c0 = cpuMs();
  for (let i = 0; i < order.length; i++) {
    const ex = pool[order[i] as number] as MutableExchange;
    ex.time = clock.t += STEP_MS;
    d.analyze(ex);
  }
  d.flush();
  return cpuMs() - c0;
}

function runBaseline(map: Map<string, { n: number; last: number }>, pool: MutableExchange[], order: Uint32Array, clock: Clock): number {
  const c0 = cpuMs();
  for (let i = 0; i < order.length; i++) {
    const ex = pool[order[i] as number] as MutableExchange;
    ex.time = clock.t += STEP_MS;
    const ip = ex.client.ip as string;
    const r = map.get(ip);
    if (r) {
      r.n++;
      r.last = ex.time;
    } else map.set(ip, { n: 1, last: ex.time });
  }
  return cpuMs() - c0;
}

function measure(actors: number, events: number, rounds: number): {
  candidate: number;
  baseline: number;
  ratio: number;
  tableSize: number;
  state: Record<string, number>;
  heapMb: number;
  rssMb: number;
  detector: Detector;
  clock: Clock;
  pool: MutableExchange[];
} {
  const pool = buildPool(actors, 7);
  const order = eventOrder(pool.length, events, 11);
  const clock: Clock = { t: Date.UTC(2024, 4, 1) };
  const d = createDetector({ signatures: false, secretKey: 'bench' });
  const map = new Map<string, { n: number; last: number }>();
  // warm-up: every actor seen (the table holds all of them), JIT settled
  runCandidate(d, pool, eventOrder(pool.length, Math.max(events, pool.length * 3), 5), clock);
  runBaseline(map, pool, order, { t: clock.t });
  const cand: number[] = [];
  const base: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c = runCandidate(d, pool, order, clock);
    const b = runBaseline(map, pool, order, { t: clock.t });
    cand.push(events / (c / 1000));
    base.push(events / (b / 1000));
    ratios.push(b / c);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const mem = process.memoryUsage();
  const stats = d.stats();
  return {
    candidate: median(cand),
    baseline: median(base),
    ratio: median(ratios),
    tableSize: stats.actors.size,
    state: { ...stats.state },
    heapMb: mem.heapUsed / 1_048_576,
    rssMb: mem.rss / 1_048_576,
    detector: d,
    clock,
    pool,
  };
}

export const detectBehaviourSpeed: Suite = {
  name: 'detect-behaviour-speed',
  kind: 'bench',
  title: 'D4: behaviour engine events/s per core with 100k active actors, memory, idle expiry',
  async run(): Promise<SuiteResult> {
    const rounds = 3;
    const small = measure(10_000, 300_000, rounds);
    const smallRate = small.candidate;
    const smallBaseline = small.baseline;
    // drop the small run before the big one (its pool and detector would count in the big run's memory)
    small.detector = undefined as unknown as Detector;
    small.pool.length = 0;
    const big = measure(100_000, 300_000, rounds);
    // expiry: one more event 31 minutes later triggers the sweep; every idle actor and state entry goes
    const before = big.detector.stats();
    const late = big.pool[0] as MutableExchange;
    late.time = big.clock.t + 31 * 60_000;
    big.detector.analyze(late);
    const after = big.detector.stats();
    const stateBefore = Object.values(before.state).reduce((a, b) => a + b, 0);
    const stateAfter = Object.values(after.state).reduce((a, b) => a + b, 0);
    const rows: Array<Array<string | number>> = [
      ['events/s per core, 10k actors (CPU time)', Math.round(smallRate), '', ''],
      ['events/s per core, 100k actors (CPU time)', Math.round(big.candidate), '>= 200,000', big.candidate >= 200_000 ? 'pass' : 'FAIL'],
      ['baseline (IP map bump) events/s, 100k actors', Math.round(big.baseline), '', ''],
      ['cost vs baseline (baseline/candidate time)', Math.round((1 / big.ratio) * 10) / 10, '', ''],
      ['100k vs 10k actors throughput', Math.round((big.candidate / smallRate) * 100) / 100, '~1 (O(1) per event)', ''],
      ['actors in the table (100k run)', big.tableSize, '', ''],
      ['detector state entries (100k run)', stateBefore, '', ''],
      ['heap used MB (100k run)', Math.round(big.heapMb), '', ''],
      ['RSS MB (100k run)', Math.round(big.rssMb), '', ''],
      ['actors after 31 min idle', after.actors.size, 'only risky actors kept', ''],
      ['state entries after 31 min idle', stateAfter, '', ''],
      ['actors expired', after.actors.expired, '', ''],
    ];
    return {
      columns: ['measure', 'value', 'target', ''],
      rows,
      notes: [
        `events: ${300_000} per round, ${rounds} rounds alternating with the baseline, medians; stream time advances ${STEP_MS} ms per event`,
        'CPU time of this process, so a busy machine slows the clock less than it slows wall time; the machine was shared with other work',
        'signatures off (the signature engine has its own benchmarks); every behaviour detector on with its defaults',
      ],
      json: {
        actors100k: {
          eventsPerCpuSecond: Math.round(big.candidate),
          baselineEventsPerCpuSecond: Math.round(big.baseline),
          costVsBaseline: Math.round((1 / big.ratio) * 100) / 100,
          tableSize: big.tableSize,
          state: big.state,
          heapMb: Math.round(big.heapMb),
          rssMb: Math.round(big.rssMb),
        },
        actors10k: { eventsPerCpuSecond: Math.round(smallRate), baselineEventsPerCpuSecond: Math.round(smallBaseline) },
        scaling100kVs10k: Math.round((big.candidate / smallRate) * 100) / 100,
        expiry: { actorsBefore: before.actors.size, actorsAfter: after.actors.size, expired: after.actors.expired, stateBefore, stateAfter },
        target: { eventsPerSecond: 200_000, pass: big.candidate >= 200_000 },
      },
    };
  },
};
