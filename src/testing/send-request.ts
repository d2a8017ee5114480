/**
 * The runner's only network edge towards the target: sends a `TestRequest` over node:http(s) and records the
 * exchange. Bounded (response bodies capped, per-request timeout), self-throttling (rate cap, `Retry-After` on
 * 429/503, the run's time box), and credential-aware (an identity's current token is attached at send time and
 * refreshed once on a 401). node:http is used rather than undici because attack requests need raw paths
 * (`..%2f`, unnormalised dot segments) and methods such as TRACE sent exactly as written.
 */
import http from 'node:http';
import https from 'node:https';
import type { Header } from '../core/index.js';
import { headerValue } from '../core/index.js';
import type { TestAuth, TestExchange, TestRequest, TestResponse } from './test-request.js';
import { createThrottle, parseRetryAfter, type Clock } from './throttle.js';

/** What an identity adds to a request. */
export interface Credentials {
  readonly headers: readonly Header[];
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly cookies: ReadonlyArray<readonly [string, string]>;
}

export const NO_CREDENTIALS: Credentials = { headers: [], query: [], cookies: [] };

export interface SenderOptions {
  /** Origin of the target (scheme, host, port). */
  readonly origin: URL;
  readonly timeoutMs: number;
  /** Response bytes kept per exchange (the rest is read and dropped). */
  readonly bodyLimit: number;
  readonly ratePerSecond?: number;
  /** ms since epoch after which no new request starts (the run's time box). */
  readonly deadline?: number;
  /** Retries after 429/503 (each after `Retry-After`, or an exponential backoff). */
  readonly maxRetries?: number;
  /** Longest single wait a `Retry-After` may impose, ms. */
  readonly maxRetryWaitMs?: number;
  readonly clock: Clock;
  readonly credentials: (auth: TestAuth) => Promise<Credentials>;
  /** Called on a 401 for an identity's request; resolve true when the identity logged in again (the request is retried once). */
  readonly onUnauthorized?: (identity: string) => Promise<boolean>;
  readonly onExchange?: (x: TestExchange) => void;
  /** Extra headers on every request (e.g. a User-Agent naming the scanner). */
  readonly defaultHeaders?: readonly Header[];
}

export interface Sender {
  send(req: TestRequest): Promise<TestExchange>;
  /** Requests sent so far (retries included). */
  readonly count: number;
  /** Time spent waiting because the server asked to (429/503 `Retry-After`), ms. */
  readonly throttledMs: number;
  close(): void;
}

/** Thrown when the run's time box is over; the runner stops starting work and reports what it has. */
export class DeadlineReached extends Error {
  constructor() {
    super('the time box (--max-duration) is over');
    this.name = 'DeadlineReached';
  }
}

export function createSender(o: SenderOptions): Sender {
  const agentOptions = { keepAlive: true, maxSockets: 16 };
  const agent = o.origin.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const throttle = createThrottle(o.ratePerSecond, o.clock);
  const maxRetries = o.maxRetries ?? 3;
  const maxWait = o.maxRetryWaitMs ?? 60_000;
  let count = 0;
  let throttledMs = 0;

  const once = async (req: TestRequest): Promise<TestExchange> => {
    if (o.deadline !== undefined && o.clock.now() >= o.deadline) throw new DeadlineReached();
    await throttle.take();
    const creds = await o.credentials(req.auth);
    const query = [...req.query, ...creds.query];
    const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const target = qs ? `${req.path}${req.path.includes('?') ? '&' : '?'}${qs}` : req.path;
    const headers: Header[] = [...(o.defaultHeaders ?? []).filter(([n]) => !req.headers.some(([m]) => m === n)), ...req.headers];
    const cookieParts = creds.cookies.map(([k, v]) => `${k}=${v}`);
    const existingCookie = headerValue(headers, 'cookie');
    if (cookieParts.length) {
      const merged = [existingCookie, ...cookieParts].filter(Boolean).join('; ');
      const i = headers.findIndex(([n]) => n === 'cookie');
      if (i === -1) headers.push(['cookie', merged]);
      else headers[i] = ['cookie', merged];
    }
    for (const h of creds.headers) {
      const i = headers.findIndex(([n]) => n === h[0]);
      if (i === -1) headers.push(h);
      else headers[i] = h;
    }
    const { text: bodyText, contentType } = serialiseBody(req);
    if (contentType && !headers.some(([n]) => n === 'content-type')) headers.push(['content-type', contentType]);
    const started = o.clock.now();
    const t0 = performance.now();
    count++;
    let response: TestResponse | undefined;
    let error: string | undefined;
    try {
      response = await rawSend(o.origin, agent, req.method, target, headers, bodyText, o.timeoutMs, o.bodyLimit);
    } catch (err) {
      error = describeTransportError(err);
    }
    const x: TestExchange = {
      request: req,
      url: `${o.origin.origin}${target}`,
      sentHeaders: headers,
      sentBody: bodyText ?? '',
      ...(response ? { response } : {}),
      ...(error ? { error } : {}),
      ms: performance.now() - t0,
      time: started,
    };
    o.onExchange?.(x);
    return x;
  };

  const send = async (req: TestRequest): Promise<TestExchange> => {
    let x = await once(req);
    if (req.noRetry) return x;
    let refreshed = false;
    for (let attempt = 0; attempt < maxRetries; attempt++) {
      const status = x.response?.status;
      if (status === 401 && !refreshed && req.auth.kind === 'identity' && o.onUnauthorized) {
        refreshed = true;
        if (await o.onUnauthorized(req.auth.identity)) {
          x = await once(req);
          continue;
        }
        return x;
      }
      if (status !== 429 && status !== 503) return x;
      const asked = parseRetryAfter(headerValue(x.response?.headers ?? [], 'retry-after'), o.clock.now());
      if (status === 503 && asked === undefined) return x;
      const wait = Math.min(maxWait, asked ?? 1000 * 2 ** attempt);
      if (o.deadline !== undefined && o.clock.now() + wait >= o.deadline) return x;
      throttledMs += wait;
      await o.clock.sleep(wait);
      x = await once(req);
    }
    return x;
  };

  return {
    send,
    get count() {
      return count;
    },
    get throttledMs() {
      return throttledMs;
    },
    close: () => agent.destroy(),
  };
}

/** Serialises a request body; JSON values are sent as JSON, forms url-encoded, raw text as is. */
export function serialiseBody(req: TestRequest): { text?: string; contentType?: string } {
  const b = req.body;
  if (!b) return {};
  if (b.kind === 'json') return { text: JSON.stringify(b.value) ?? 'null', contentType: 'application/json' };
  if (b.kind === 'form') return { text: b.fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'), contentType: 'application/x-www-form-urlencoded' };
  return { text: b.text, contentType: b.contentType };
}

function rawSend(
  origin: URL,
  agent: http.Agent,
  method: string,
  target: string,
  headers: readonly Header[],
  body: string | undefined,
  timeoutMs: number,
  bodyLimit: number,
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    // with headers given as a raw array node does not add Host itself (and servers answer 400 without it)
    const flat: string[] = headers.some(([n]) => n === 'host') ? [] : ['host', origin.host];
    for (const [n, v] of headers) flat.push(n, v);
    if (body !== undefined) flat.push('content-length', String(Buffer.byteLength(body)));
    const mod = origin.protocol === 'https:' ? https : http;
    const req = mod.request({
      protocol: origin.protocol,
      hostname: origin.hostname.replace(/^\[|\]$/g, ''),
      port: origin.port || undefined,
      method,
      path: target,
      headers: flat,
      agent,
    });
    const timer = setTimeout(() => req.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (kept < bodyLimit) {
          const part = c.length > bodyLimit - kept ? c.subarray(0, bodyLimit - kept) : c;
          chunks.push(part);
          kept += part.length;
        }
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const hs: Header[] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) hs.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: hs, body: Buffer.concat(chunks).toString('utf8'), size, truncated: size > kept });
      });
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function describeTransportError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ECONNREFUSED') return `connection refused (${e.message.replace(/^connect ECONNREFUSED /, '')})`;
  if (e?.code === 'ENOTFOUND') return `host not found (${e.message.replace(/^getaddrinfo ENOTFOUND /, '')})`;
  if (e?.code === 'ECONNRESET') return 'connection reset by the server';
  if (e?.code === 'ERR_INVALID_CHAR' || e?.code === 'ERR_INVALID_HTTP_TOKEN') return `request not sendable: ${e.message}`;
  return e?.message ?? String(err);
}
