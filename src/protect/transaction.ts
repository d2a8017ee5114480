/**
 * One request going through the gateway: what the client sent, where the router sent it, what the upstream
 * answered, and what the filters decided. The proxy fills it in phase order; filters only read it (decisions
 * come back as verdicts). Plain fields with a fixed shape, so the per-request cost is one allocation.
 */
import type { ApiOperation } from '../core/api-description.js';
import type { Body, Exchange, Header, HttpRequest } from '../core/exchange.js';
import { parseQuery } from '../core/http.js';
import type { StopVerdict } from '../core/verdict.js';
import type { SignatureResult } from '../detect/signatures/index.js';
import type { RouteMatch } from '../spec/index.js';

/** A would-be stop seen in monitor mode (logged, not enforced), or a rewrite applied. */
export interface Flag {
  readonly filter: string;
  readonly rule: string;
  readonly reason: string;
  readonly status: number;
}

/** How the transaction ended, for metrics and logs. */
export type Outcome = 'pass' | 'block' | 'deceive' | 'monitor' | 'error';

export class Transaction {
  /** Request id (propagated `X-Request-Id` or generated). */
  readonly id: string;
  /** ms since the epoch at which the request headers were received. */
  readonly time: number;
  /** Upper-case method. */
  readonly method: string;
  /** Raw request-target in origin form (`/a/b?x=1`). */
  readonly target: string;
  /** Raw path (percent-escapes as sent) and raw query (without `?`). */
  readonly path: string;
  readonly query: string;
  /** Lower-case `host[:port]` from the Host header ('' when absent). */
  readonly host: string;
  /** Client address after trusted-proxy processing; `peerIp` is the socket's. */
  readonly clientIp: string;
  readonly peerIp: string;
  /** Node's raw header list: name, value, name, value… (names as sent). */
  readonly rawHeaders: readonly string[];
  /** The router's answer (undefined: no spec, or no operation matched). */
  readonly route: RouteMatch | undefined;
  /** Label of the route: `GET /users/{id}`, `unmatched` (a spec is loaded, no operation matched) or `*` (no spec). */
  readonly routeKey: string;

  /** Buffered request body (only when a filter of the chain needs it), and whether it was cut at the limit. */
  requestBody: Buffer | undefined = undefined;
  /** Response status and raw headers from the upstream (or the gateway's own response). */
  status = 0;
  responseRawHeaders: readonly string[] | undefined = undefined;
  /** Buffered response body (only when a response-body filter needs it). */
  responseBody: Buffer | undefined = undefined;
  /** The first bytes of a streamed response body (copies), kept for the tap when it is on. */
  responseSample: Buffer[] | undefined = undefined;
  /** Bytes of the response body relayed to the client (counted while sampling). */
  responseBytes = 0;
  /** The enforced stop, when the gateway answered itself. */
  verdict: StopVerdict | undefined = undefined;
  outcome: Outcome = 'pass';
  /** Would-be stops in monitor mode and rewrites, in order. */
  flags: Flag[] | undefined = undefined;
  /** The signature engine's result, when the signatures filter ran (the tap hands it to detection: actor risk). */
  signature: SignatureResult | undefined = undefined;
  /** Response headers added by continue verdicts (rate-limit fields). */
  addHeaders: Record<string, string> | undefined = undefined;
  /** ms from dispatch to upstream response headers; -1 when the upstream was not reached. */
  upstreamMs = -1;
  /** Error text when the upstream failed or the client went away. */
  error: string | undefined = undefined;
  /** ms from the request headers to the end of the response. */
  durationMs = 0;

  #headers: Header[] | undefined = undefined;
  #queryPairs: Array<[string, string]> | undefined = undefined;
  #bodyText: string | undefined = undefined;

  constructor(init: {
    id: string;
    time: number;
    method: string;
    target: string;
    path: string;
    query: string;
    host: string;
    clientIp: string;
    peerIp: string;
    rawHeaders: readonly string[];
    route: RouteMatch | undefined;
    routeKey: string;
  }) {
    this.id = init.id;
    this.time = init.time;
    this.method = init.method;
    this.target = init.target;
    this.path = init.path;
    this.query = init.query;
    this.host = init.host;
    this.clientIp = init.clientIp;
    this.peerIp = init.peerIp;
    this.rawHeaders = init.rawHeaders;
    this.route = init.route;
    this.routeKey = init.routeKey;
  }

  get operation(): ApiOperation | undefined {
    return this.route?.operation;
  }

  /** Request headers with lower-case names, in order (built once, on first use). */
  headers(): readonly Header[] {
    if (this.#headers === undefined) {
      const raw = this.rawHeaders;
      const out: Header[] = new Array(raw.length >> 1);
      for (let i = 0, j = 0; i < raw.length; i += 2, j++) out[j] = [(raw[i] as string).toLowerCase(), raw[i + 1] as string];
      this.#headers = out;
    }
    return this.#headers;
  }

  /** First value of a request header (name in lower case), without building the header list. */
  header(lowerName: string): string | undefined {
    const raw = this.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const n = raw[i] as string;
      if (n.length === lowerName.length && n.toLowerCase() === lowerName) return raw[i + 1];
    }
    return undefined;
  }

  /** Decoded query pairs (at most 10,000; built once). */
  queryPairs(): ReadonlyArray<readonly [string, string]> {
    if (this.#queryPairs === undefined) this.#queryPairs = parseQuery(this.query);
    return this.#queryPairs;
  }

  /** The buffered request body as UTF-8 text ('' when none). */
  bodyText(): string {
    if (this.#bodyText === undefined) this.#bodyText = this.requestBody ? this.requestBody.toString('utf8') : '';
    return this.#bodyText;
  }

  /** Records a would-be stop (monitor mode) or a rewrite. */
  flag(f: Flag): void {
    (this.flags ??= []).push(f);
  }

  /** Keeps the first `max` bytes of a streamed response body for the tap (copied: the chunk views a socket buffer). */
  sampleResponse(chunk: Buffer, max: number): void {
    const had = this.responseBytes;
    this.responseBytes = had + chunk.length;
    if (had >= max) return;
    (this.responseSample ??= []).push(Buffer.from(had + chunk.length <= max ? chunk : chunk.subarray(0, max - had)));
  }

  /** Adds response headers from a continue verdict. */
  addResponseHeaders(h: Readonly<Record<string, string>>): void {
    const into = (this.addHeaders ??= {});
    for (const k in h) into[k] = h[k] as string;
  }

  /** The request as a core `HttpRequest` (for the signature engine and, in round 2, the tap). */
  toHttpRequest(maxBody = Infinity): HttpRequest {
    let body: Body | undefined;
    if (this.requestBody && this.requestBody.length > 0) {
      const text = this.bodyText();
      body = text.length > maxBody ? { text: text.slice(0, maxBody), size: this.requestBody.length, truncated: true } : { text, size: this.requestBody.length, truncated: false };
    }
    return { method: this.method, scheme: 'http', host: this.host, target: this.target, headers: this.headers(), httpVersion: 'HTTP/1.1', ...(body ? { body } : {}) };
  }

  /** The request as a core `Exchange` (no response). */
  toExchange(): Exchange {
    return { time: this.time, client: { ip: this.clientIp }, request: this.toHttpRequest(), source: { kind: 'gateway' } };
  }
}
