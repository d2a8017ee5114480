/**
 * Prometheus metrics of the gateway (prom-client), a `logged`-phase consumer plus counters the proxy bumps.
 * Label values are bounded: routes are operation templates (`GET /users/{id}`, `unmatched`, `*`), never raw paths;
 * rules are rule ids. See docs/gateway/metrics.md.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LoggedConsumer } from '../phases/phase.js';
import type { Policy } from '../policy/compile-policy.js';
import type { Transaction } from '../transaction.js';

export interface GatewayMetrics extends LoggedConsumer {
  readonly registry: Registry;
  /** Upstream failures by kind (`timeout`, `unavailable`, `body`). */
  upstreamError(kind: string): void;
  /** Requests refused before a transaction existed (malformed, header overflow, slow headers) by code. */
  clientError(code: string): void;
  /** Items dropped from a bounded queue (`log`; round 2: `tap`). */
  queueDrop(queue: string, n?: number): void;
  reload(result: 'ok' | 'error'): void;
  /** Responses too large to inspect, passed uninspected. */
  uninspected(kind: 'request' | 'response'): void;
  /** The policy whose rate-limit stores the key gauge reports. */
  setPolicy(policy: Policy): void;
  inFlight(delta: number): void;
  /** Alerts by sink (`webhook`, `slack`) and result (`sent`, `dropped`). */
  alerts(sink: string, result: 'sent' | 'dropped', n?: number): void;
}

export interface MetricsOptions {
  /** Also collect Node's process metrics (RSS, event-loop lag, GC); default true. */
  readonly defaultMetrics?: boolean;
  readonly prefix?: string;
}

export function createGatewayMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const p = options.prefix ?? 'rampart_';
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const requests = new Counter({ name: `${p}requests_total`, help: 'Requests by route template, response status and verdict', labelNames: ['route', 'status', 'verdict'] as const, registers: [registry] });
  const blocked = new Counter({ name: `${p}blocked_total`, help: 'Requests the gateway answered itself, by rule', labelNames: ['rule'] as const, registers: [registry] });
  const flagged = new Counter({ name: `${p}flagged_total`, help: 'Would-be blocks in monitor mode and response rewrites, by rule', labelNames: ['rule'] as const, registers: [registry] });
  const upstreamLatency = new Histogram({
    name: `${p}upstream_duration_seconds`,
    help: 'Time from dispatch to the upstream response headers',
    labelNames: ['route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstreamErrors = new Counter({ name: `${p}upstream_errors_total`, help: 'Upstream failures by kind', labelNames: ['kind'] as const, registers: [registry] });
  const clientErrors = new Counter({ name: `${p}client_errors_total`, help: 'Connections refused before routing (malformed requests, header overflow, slow headers), by code', labelNames: ['code'] as const, registers: [registry] });
  const drops = new Counter({ name: `${p}queue_dropped_total`, help: 'Items dropped by a bounded queue: log lines, tap samples, alerts', labelNames: ['queue'] as const, registers: [registry] });
  const reloads = new Counter({ name: `${p}config_reloads_total`, help: 'Configuration/spec reloads by result', labelNames: ['result'] as const, registers: [registry] });
  const uninspected = new Counter({ name: `${p}uninspected_total`, help: 'Bodies passed without inspection because they exceeded the inspection limit', labelNames: ['kind'] as const, registers: [registry] });
  const alerts = new Counter({ name: `${p}alerts_total`, help: 'Alerts delivered or dropped, by sink and result', labelNames: ['sink', 'result'] as const, registers: [registry] });
  const inFlight = new Gauge({ name: `${p}in_flight_requests`, help: 'Requests in progress', registers: [registry] });
  let policy: Policy | undefined;
  new Gauge({
    name: `${p}ratelimit_keys`,
    help: 'Keys held by the rate-limit stores',
    registers: [registry],
    collect() {
      this.set(policy ? policy.rateLimits.reduce((n, f) => n + f.store.size, 0) : 0);
    },
  });
  new Gauge({
    name: `${p}ratelimit_evictions`,
    help: 'Rate-limit keys forgotten while holding state because a store was full',
    registers: [registry],
    collect() {
      this.set(policy ? policy.rateLimits.reduce((n, f) => n + f.store.evictions, 0) : 0);
    },
  });

  // label children cached: one map probe per request instead of prom-client's label hashing
  const requestChildren = new Map<string, { inc(): void }>();
  const latencyChildren = new Map<string, { observe(v: number): void }>();
  return {
    name: 'metrics',
    registry,
    consume(tx: Transaction) {
      const verdict = tx.outcome;
      const key = `${tx.routeKey}\u0000${tx.status}\u0000${verdict}`;
      let c = requestChildren.get(key);
      if (!c) {
        c = requests.labels(tx.routeKey, String(tx.status), verdict);
        if (requestChildren.size < 10_000) requestChildren.set(key, c);
      }
      c.inc();
      if (tx.verdict) blocked.labels(tx.verdict.rule).inc();
      if (tx.flags) for (const f of tx.flags) flagged.labels(f.rule).inc();
      if (tx.upstreamMs >= 0) {
        let h = latencyChildren.get(tx.routeKey);
        if (!h) {
          h = upstreamLatency.labels(tx.routeKey);
          latencyChildren.set(tx.routeKey, h);
        }
        h.observe(tx.upstreamMs / 1000);
      }
    },
    upstreamError: (kind) => upstreamErrors.labels(kind).inc(),
    clientError: (code) => clientErrors.labels(code).inc(),
    queueDrop: (queue, n = 1) => drops.labels(queue).inc(n),
    reload: (result) => reloads.labels(result).inc(),
    uninspected: (kind) => uninspected.labels(kind).inc(),
    setPolicy(next) {
      policy = next;
      requestChildren.clear();
      latencyChildren.clear();
    },
    inFlight: (d) => inFlight.inc(d),
    alerts: (sink, result, n = 1) => alerts.labels(sink, result).inc(n),
  };
}
