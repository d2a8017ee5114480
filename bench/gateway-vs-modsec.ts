/**
 * `npm run bench -- gateway-vs-modsec` (G6): Rampart's full protection against the reference WAF a user would
 * otherwise install — nginx + ModSecurity v3 + OWASP CRS (paranoia 1) — on the same upstream, with the same
 * requests and load generator, in one run. The peer is started separately (it installs Debian packages and uses
 * fixed ports): `../shared/tools/peer-modsec.sh start`, then this suite, then `peer-modsec.sh stop`. Without the
 * peer the suite reports that it skipped.
 *
 * Env: GATEWAY_BENCH_SECONDS (default 3), GATEWAY_BENCH_ROUNDS (default 3), GATEWAY_BENCH_CONNECTIONS (64),
 * PEER_WAF_PORT / PEER_PLAIN_PORT / PEER_UP_PORT (18080 / 18081 / 18090, as the peer script).
 */
import type { Suite, SuiteResult } from './harness.js';
import { median } from './harness.js';
import { GET_PATH, POST_PATH, orderBody } from './support/gateway-fixtures.js';
import { hasWrk, postScript, runWrk, type LoadResult } from './support/load.js';
import { freePort, startTarget } from './support/processes.js';

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const SECONDS = env('GATEWAY_BENCH_SECONDS', 3);
const ROUNDS = env('GATEWAY_BENCH_ROUNDS', 3);
const CONNS = env('GATEWAY_BENCH_CONNECTIONS', 64);
const PORTS = { waf: env('PEER_WAF_PORT', 18080), plain: env('PEER_PLAIN_PORT', 18081), direct: env('PEER_UP_PORT', 18090) };

type Kind = 'get' | 'json1k' | 'json16k';
const KINDS: readonly Kind[] = ['get', 'json1k', 'json16k'];
const TARGET_RATIO: Record<Kind, number> = { get: 3, json1k: 20, json16k: 200 };
const r3 = (n: number) => Math.round(n * 1000) / 1000;

async function alive(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { host: 'localhost' }, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export const gatewayVsModsecBench: Suite = {
  name: 'gateway-vs-modsec',
  kind: 'bench',
  title: 'G6: Rampart full protection vs nginx + ModSecurity v3 + CRS (PL1), same upstream and requests',
  async run(): Promise<SuiteResult> {
    const up = await Promise.all([alive(PORTS.waf), alive(PORTS.plain), alive(PORTS.direct)]);
    if (!up.every(Boolean) || !hasWrk()) {
      return {
        columns: ['status'],
        rows: [[`skipped: the peer is not running (waf/plain/upstream alive: ${up.join('/')}) or wrk is missing — run ../shared/tools/peer-modsec.sh start, then this suite, then peer-modsec.sh stop`]],
        json: { skipped: true },
      };
    }
    const port = await freePort();
    const admin = await freePort();
    const rampart = await startTarget(['g2', String(port), String(PORTS.direct), String(admin)]);
    const targets = { direct: PORTS.direct, plain: PORTS.plain, waf: PORTS.waf, rampart: port } as const;
    type T = keyof typeof targets;
    const names = Object.keys(targets) as T[];
    const body1k = orderBody(1024);
    const body16k = orderBody(16384);
    const scripts: Record<Kind, string | undefined> = { get: undefined, json1k: postScript(body1k), json16k: postScript(body16k) };
    const path = (k: Kind) => (k === 'get' ? GET_PATH : POST_PATH);
    const runs: Record<Kind, Record<T, LoadResult[]>> = Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(names.map((t) => [t, []]))])) as unknown as Record<Kind, Record<T, LoadResult[]>>;
    const notes: string[] = [];
    try {
      for (const k of KINDS) {
        for (const t of names) await runWrk(`http://127.0.0.1:${targets[t]}${path(k)}`, { seconds: 1, connections: CONNS, threads: 2, ...(scripts[k] ? { script: scripts[k] } : {}) });
        for (let r = 0; r < ROUNDS; r++) {
          for (const t of names) {
            const res = await runWrk(`http://127.0.0.1:${targets[t]}${path(k)}`, { seconds: SECONDS, connections: CONNS, threads: 2, ...(scripts[k] ? { script: scripts[k] } : {}) });
            if (res.non2xx || res.errors) notes.push(`${t} ${k} round ${r + 1}: ${res.non2xx} non-2xx, ${res.errors} socket errors`);
            runs[k][t].push(res);
          }
        }
      }
    } finally {
      await rampart.stop();
    }
    const rps = (k: Kind, t: T) => median(runs[k][t].map((x) => x.rps));
    const p99 = (k: Kind, t: T) => median(runs[k][t].map((x) => x.p99));
    const rows = KINDS.map((k) => {
      const ratio = r3(rps(k, 'rampart') / rps(k, 'waf'));
      return [k, Math.round(rps(k, 'direct')), Math.round(rps(k, 'plain')), Math.round(rps(k, 'waf')), Math.round(rps(k, 'rampart')), ratio, `>= ${TARGET_RATIO[k]}x: ${ratio >= TARGET_RATIO[k] ? 'met' : 'MISSED'}`, `${Math.round(p99(k, 'waf'))} / ${Math.round(p99(k, 'rampart'))}`];
    });
    notes.unshift(
      `wrk -t2 -c${CONNS} -d${SECONDS}s, ${ROUNDS} rounds, targets interleaved per round; nginx runs 2 worker processes, Rampart one process (no --workers)`,
      'rampart = full protection (validation against the bench spec, signatures PL1, rate limits, deny lists, event log, metrics) in front of the peer\'s upstream',
    );
    return {
      columns: ['kind', 'direct req/s', 'nginx req/s', 'nginx+ModSecurity req/s', 'Rampart req/s', 'Rampart / ModSecurity', 'target', 'p99 ms ModSecurity / Rampart'],
      rows,
      notes,
      json: { settings: { seconds: SECONDS, rounds: ROUNDS, connections: CONNS }, rps: Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(names.map((t) => [t, rps(k, t)]))])), p99ms: Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(names.map((t) => [t, p99(k, t)]))])) },
    };
  },
};
