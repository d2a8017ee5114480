/**
 * One process under test for the gateway benchmarks (started by bench/gateway.ts as a child, so each has its own
 * event loop and CPU, like a deployment):
 *   upstream PORT                      node:http, drains the body, answers 200 + a small JSON body (as the peer's)
 *   b0 PORT UPSTREAM_PORT              B0: a bare pass-through proxy (node:http + undici Pool.stream, keep-alive)
 *   g0 PORT UPSTREAM_PORT              Rampart with no spec and no filters (the proxy's own cost)
 *   g1 PORT UPSTREAM_PORT ADMIN_PORT   Rampart: route + OpenAPI request validation only
 *   g2 PORT UPSTREAM_PORT ADMIN_PORT   Rampart: full protection (validation, signatures PL1, rate limits, deny lists, countermeasures
 *                                      with actor tracking, the tap to live analysis — learner + behaviour detection —, event log, metrics)
 * Prints `ready` on stdout when listening.
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { pino } from 'pino';
import { parseSpecText } from '../../src/spec/index.js';
import { createLiveAnalysis } from '../../src/pipeline/live-analysis.js';
import { compilePolicy, createAdminServer, createEventLog, createGatewayMetrics, createGatewayServer, validateGatewayConfig } from '../../src/protect/index.js';
import { createTap } from '../../src/protect/tap/create-tap.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { BENCH_SPEC } from './gateway-fixtures.js';

const [mode, portText, upstreamText, adminText] = process.argv.slice(2);
const port = Number(portText);
const upstreamPort = Number(upstreamText);
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'expect']);

if (mode === 'upstream') {
  const body = Buffer.from(JSON.stringify({ ok: true, service: 'bench-upstream', items: [1, 2, 3] }));
  const srv = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  srv.keepAliveTimeout = 65_000;
  srv.listen(port, '127.0.0.1', () => console.log('ready'));
} else if (mode === 'b0') {
  const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 256, pipelining: 1 });
  const srv = createServer((req, res) => {
    const headers: string[] = [];
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) if (!HOP.has((raw[i] as string).toLowerCase())) headers.push(raw[i] as string, raw[i + 1] as string);
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    pool
      .stream({ path: req.url ?? '/', method: (req.method ?? 'GET') as 'GET', headers, body: hasBody ? req : null }, ({ statusCode, headers: h }) => {
        const out: string[] = [];
        for (const [k, v] of Object.entries(h)) if (!HOP.has(k) && v !== undefined) for (const x of Array.isArray(v) ? v : [v]) out.push(k, x);
        res.writeHead(statusCode, out);
        return res;
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
  });
  srv.keepAliveTimeout = 5_000;
  srv.listen(port, '127.0.0.1', () => console.log('ready'));
} else if (mode === 'g0' || mode === 'g1' || mode === 'g2' || mode === 'g2-keys') {
  const full = mode !== 'g1' && mode !== 'g0';
  const { config, issues } = validateGatewayConfig({
    upstream: `http://127.0.0.1:${upstreamPort}`,
    mode: 'block',
    rateLimitStore: { maxKeys: 1_000_000 },
    signatures: { enabled: full, paranoia: 1 },
    ...(mode === 'g0' ? { admin: false } : {}),
    ...(full
      ? {
          rateLimits: [
            { id: 'per-ip', rate: '1000000/s', key: 'ip' },
            ...(mode === 'g2-keys' ? [{ id: 'per-client', rate: '100/s', key: 'header:x-client' }] : [{ id: 'per-key', rate: '1000000/s', key: 'api-key' }]),
          ],
          ipList: { deny: ['203.0.113.0/24', '2001:db8::/32'] },
          tokenDenylist: { sha256: ['0'.repeat(64)] },
        }
      : {}),
  });
  if (issues.length) throw new Error(JSON.stringify(issues));
  const description = mode === 'g0' ? undefined : parseSpecText(BENCH_SPEC, 'bench.yaml').description;
  const policy = compilePolicy({ config, ...(description ? { description } : {}), materials: { tokenHashes: config.tokenDenylist.sha256 }, detection: full });
  const metrics = createGatewayMetrics();
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false, minLength: 4096 }));
  // full protection includes the tap: live inventory (in-memory SQLite, persisted every 10 s) and behaviour detection
  const consumers = [createEventLog(logger)];
  if (full) {
    const store = openSqliteStore(':memory:');
    const analysis = createLiveAnalysis({ store, ...(description ? { spec: { file: 'bench.yaml', description } } : {}), detector: {} });
    consumers.push(createTap({ sink: (b) => analysis.analyze(b), onDrop: (n) => metrics.queueDrop('tap', n) }));
    setInterval(() => analysis.persist(), 10_000).unref();
  }
  const gw = createGatewayServer({ upstream: config.upstream!, policy, metrics, consumers, sampleResponseBytes: full ? 64 * 1024 : 0 });
  await gw.listen('127.0.0.1', port);
  if (adminText) {
    const admin = createAdminServer({ ready: () => gw.ready, metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }) });
    await admin.listen('127.0.0.1', Number(adminText));
  }
  console.log('ready');
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
