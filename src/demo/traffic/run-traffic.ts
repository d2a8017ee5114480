/**
 * The traffic driver (an I/O edge): runs a plan's actors against a base URL with undici and records every
 * exchange as the client saw it. Two clocks:
 *
 * - `realtime`: requests go out when their time comes (actors in parallel, each waiting for its previous
 *   response); exchanges carry the wall-clock time. `rampart demo` uses it.
 * - `virtual`: one request at a time, in plan order, as fast as the server answers; exchanges carry
 *   `startTime` + the planned offset, so the same seed gives the same exchanges. The sample HAR uses it.
 *
 * Every request carries `X-Forwarded-For: <actor address>` (the gateway in the demo trusts it from loopback)
 * and `Host: <host>`. Bodies are kept up to `maxBodyBytes`; the run stops at `durationMs`, at `maxExchanges`,
 * or when `signal` aborts (in-flight requests are cancelled).
 */
import { Pool } from 'undici';
import type { Exchange, Header } from '../../core/index.js';
import type { Actor, ActorClass, Scenario, Step, TrafficResponse } from './scenario.js';

export interface TrafficRunOptions {
  readonly baseUrl: string;
  readonly actors: readonly Actor[];
  readonly durationMs: number;
  readonly clock: 'realtime' | 'virtual';
  /** Host header and recorded host (default `shop.example`). */
  readonly host?: string;
  /** Epoch of the virtual clock (ms; default 2026-01-01T00:00:00Z). */
  readonly startTime?: number;
  readonly maxBodyBytes?: number;
  readonly maxExchanges?: number;
  readonly signal?: AbortSignal;
  /** Called for each exchange as it completes (e.g. to feed a live view). */
  readonly onExchange?: (recorded: RecordedExchange) => void;
}

export interface RecordedExchange {
  readonly exchange: Exchange;
  readonly actor: string;
  readonly class: ActorClass;
}

export interface TrafficRunResult {
  readonly exchanges: readonly RecordedExchange[];
  /** Requests that got no response (connection errors, aborts). */
  readonly failed: number;
  readonly elapsedMs: number;
  readonly stoppedBy: 'end' | 'duration' | 'limit' | 'abort';
}

interface Pending {
  readonly actor: Actor;
  readonly scenario: Scenario;
  readonly step: Step;
  /** Planned offset from the start of the run (ms). */
  readonly at: number;
}

const DEFAULT_START = Date.UTC(2026, 0, 1);

export async function runTraffic(o: TrafficRunOptions): Promise<TrafficRunResult> {
  const host = o.host ?? 'shop.example';
  const maxBody = o.maxBodyBytes ?? 64 * 1024;
  const maxExchanges = o.maxExchanges ?? 50_000;
  const virtual = o.clock === 'virtual';
  const epoch = virtual ? (o.startTime ?? DEFAULT_START) : Date.now();
  const wallStart = Date.now();
  const elapsed = () => Date.now() - wallStart;
  const pool = new Pool(o.baseUrl, { connections: virtual ? 1 : 32, pipelining: 1 });
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });

  const exchanges: RecordedExchange[] = [];
  let failed = 0;
  let stoppedBy: TrafficRunResult['stoppedBy'] = 'end';
  const queue: Pending[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const schedule = (actor: Actor, scenario: Scenario, result: IteratorResult<Step, void>, from: number) => {
    if (result.done) return;
    queue.push({ actor, scenario, step: result.value, at: from + Math.max(0, result.value.waitMs) });
  };
  for (const actor of o.actors) {
    const scenario = actor.run();
    schedule(actor, scenario, scenario.next(), actor.startMs);
  }

  const fire = async (p: Pending): Promise<void> => {
    const sentAt = virtual ? epoch + p.at : Date.now();
    const t0 = performance.now();
    const res = await send(pool, p, host, maxBody, controller.signal).catch(() => undefined);
    const durationMs = Math.round((performance.now() - t0) * 100) / 100;
    let response: TrafficResponse = { status: 0 };
    if (res) {
      const exchange: Exchange = {
        time: sentAt,
        durationMs: virtual ? 0 : durationMs,
        client: { ip: p.step.request.ip ?? p.actor.ip },
        request: res.request,
        response: res.response,
        source: { kind: 'test', position: `${p.actor.name} #${exchanges.length + 1}` },
      };
      exchanges.push({ exchange, actor: p.actor.name, class: p.actor.class });
      o.onExchange?.(exchanges[exchanges.length - 1]!);
      response = { status: res.response.status, json: res.json };
    } else failed++;
    if (controller.signal.aborted) return;
    // the next step's wait starts when this response arrived (its planned time in the virtual clock), or for a
    // timer-driven client when this request was due
    const next = p.scenario.next(response);
    schedule(p.actor, p.scenario, next, virtual || (!next.done && next.value.onTimer) ? p.at : elapsed());
  };

  const inFlight = new Set<Promise<void>>();
  try {
    for (;;) {
      if (controller.signal.aborted) {
        stoppedBy = 'abort';
        break;
      }
      if (exchanges.length + inFlight.size >= maxExchanges) {
        stoppedBy = 'limit';
        break;
      }
      // the earliest pending step (ties: plan order); linear scan, the queue holds one step per active actor
      let best = -1;
      for (let i = 0; i < queue.length; i++) if (best === -1 || queue[i]!.at < queue[best]!.at) best = i;
      if (best === -1) {
        if (inFlight.size === 0) break;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      const next = queue[best]!;
      if (next.at >= o.durationMs) {
        // nothing left inside the run: wait for what is in flight (it may schedule nothing earlier)
        if (inFlight.size === 0) {
          stoppedBy = 'duration';
          break;
        }
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (!virtual) {
        const wait = next.at - elapsed();
        if (wait > 0) {
          // sleep until it is due, or until a response schedules something earlier
          await new Promise<void>((r) => {
            const timer = setTimeout(() => {
              wake = undefined;
              r();
            }, wait);
            wake = () => {
              clearTimeout(timer);
              r();
            };
          });
          continue;
        }
      }
      queue.splice(best, 1);
      const job = fire(next);
      if (virtual) await job;
      else {
        inFlight.add(job);
        void job.finally(() => {
          inFlight.delete(job);
          notify();
        });
      }
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    if (stoppedBy === 'abort') controller.abort();
    await Promise.allSettled([...inFlight]);
    await pool.close().catch(() => undefined);
  }
  const aborted = o.signal?.aborted === true;
  exchanges.sort((a, b) => a.exchange.time - b.exchange.time);
  return { exchanges, failed, elapsedMs: elapsed(), stoppedBy: aborted ? 'abort' : stoppedBy };
}

interface Sent {
  readonly request: Exchange['request'];
  readonly response: NonNullable<Exchange['response']>;
  readonly json: unknown;
}

async function send(pool: Pool, p: Pending, host: string, maxBody: number, signal: AbortSignal): Promise<Sent> {
  const r = p.step.request;
  const headers: Header[] = [['host', host]];
  for (const [k, v] of Object.entries(p.actor.headers)) headers.push([k.toLowerCase(), v]);
  for (const [k, v] of Object.entries(r.headers ?? {})) headers.push([k.toLowerCase(), v]);
  const body = r.json === undefined ? undefined : JSON.stringify(r.json);
  if (body !== undefined) headers.push(['content-type', 'application/json'], ['content-length', String(Buffer.byteLength(body))]);
  headers.push(['x-forwarded-for', r.ip ?? p.actor.ip]);
  const res = await pool.request({ path: r.path, method: r.method, headers: headers.flat(), ...(body !== undefined ? { body } : {}), signal });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    if (size < maxBody) chunks.push(size + chunk.length > maxBody ? chunk.subarray(0, maxBody - size) : chunk);
    size += chunk.length;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const resHeaders: Header[] = [];
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) resHeaders.push([k, one]);
  }
  let json: unknown;
  if (size <= maxBody && /json/i.test(String(res.headers['content-type'] ?? ''))) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return {
    request: {
      method: r.method,
      scheme: 'http',
      host,
      target: r.path,
      headers,
      httpVersion: 'HTTP/1.1',
      ...(body !== undefined ? { body: { text: body, size: Buffer.byteLength(body), truncated: false } } : {}),
    },
    response: { status: res.statusCode, headers: resHeaders, ...(size > 0 ? { body: { text, size, truncated: size > maxBody } } : {}) },
    json,
  };
}
