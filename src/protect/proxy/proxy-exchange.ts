/**
 * One proxied request: the lifecycle of docs/gateway/lifecycle.md on sockets. It is both the per-request state
 * holder and the undici dispatch handler (one allocation per request, no closures on the hot path):
 *
 *   request-headers → [request-body, only when a filter needs it] → upstream dispatch →
 *   response-headers → [response-body, only when a filter needs it] → client → logged
 *
 * Bodies stream through unless a filter of the operation's chain needs them; buffering is bounded by the body
 * limit (413) and the response inspection limit (larger responses pass uninspected, counted).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { StopVerdict } from '../../core/verdict.js';
import { splitTarget } from '../../core/http.js';
import { clientAddress, plainAddress } from '../http/client-ip.js';
import { forwardedElement } from '../http/forwarded.js';
import { connectionTokens, isHopByHop } from '../http/hop-by-hop.js';
import { problemBody } from '../http/problem.js';
import { requestIdFrom } from '../http/request-id.js';
import { runChain, type ChainResult } from '../phases/run-chain.js';
import type { Policy } from '../policy/compile-policy.js';
import type { CompiledRoute } from '../policy/compiled-route.js';
import { Transaction } from '../transaction.js';
import type { ProxyContext } from './proxy-context.js';

const kExchange = Symbol('rampart.exchange');
type Tagged<T> = T & { [kExchange]?: ProxyExchange | undefined };

/** Raised inside the streamed request body when it exceeds the body limit. */
class BodyTooLargeError extends Error {
  readonly code = 'RAMPART_BODY_TOO_LARGE';
}

function onResClose(this: Tagged<ServerResponse>): void {
  this[kExchange]?.finish();
}
function onResDrain(this: Tagged<ServerResponse>): void {
  this[kExchange]?.resumeUpstream();
}
function onReqData(this: Tagged<IncomingMessage>, chunk: Buffer): void {
  this[kExchange]?.requestChunk(chunk);
}
function onReqEnd(this: Tagged<IncomingMessage>): void {
  this[kExchange]?.requestEnd();
}
function onReqError(this: Tagged<IncomingMessage>): void {
  this[kExchange]?.clientGone();
}

/** Upstream error → gateway rule and status. */
export function classifyUpstreamError(err: unknown): { rule: string; status: number; kind: string } {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'ETIMEDOUT') return { rule: 'proxy.upstream-timeout', status: 504, kind: 'timeout' };
  if (code === 'UND_ERR_BODY_TIMEOUT') return { rule: 'proxy.upstream-timeout', status: 504, kind: 'body-timeout' };
  return { rule: 'proxy.upstream-unavailable', status: 502, kind: 'unavailable' };
}

const HEADER_COUNT_RULE = 'proxy.too-many-headers';

export class ProxyExchange implements Dispatcher.DispatchHandler {
  readonly ctx: ProxyContext;
  readonly policy: Policy;
  readonly req: Tagged<IncomingMessage>;
  readonly res: Tagged<ServerResponse>;
  tx: Transaction | undefined = undefined;
  chain: CompiledRoute;
  private readonly started: number;
  private chunks: Buffer[] | undefined = undefined;
  private bytes = 0;
  private abortUpstream: ((err?: Error) => void) | undefined = undefined;
  private resume: (() => void) | undefined = undefined;
  private dispatchedAt = 0;
  /** The upstream response is being discarded (the gateway already answered). */
  private discard = false;
  private bufferingResponse = false;
  private bodyTooLarge = false;
  private done = false;
  private hasBody = false;

  constructor(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse) {
    this.ctx = ctx;
    this.policy = ctx.policy;
    this.chain = ctx.policy.unmatched;
    this.req = req as Tagged<IncomingMessage>;
    this.res = res as Tagged<ServerResponse>;
    this.started = performance.now();
    this.res[kExchange] = this;
    this.req[kExchange] = this;
  }

  /** Entry point: the request headers have arrived. */
  start(): void {
    const { ctx, req, res, policy } = this;
    ctx.inFlight++;
    ctx.metrics.inFlight(1);
    res.once('close', onResClose);
    req.once('error', onReqError);
    const config = policy.config;

    // request-target: origin form, or absolute form (rewritten to origin form)
    let target = req.url ?? '/';
    if (target.charCodeAt(0) !== 47 /* / */) {
      const abs = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
      target = abs ? abs[1] || '/' : '';
    }
    const raw = req.rawHeaders;
    const peerIp = plainAddress(req.socket.remoteAddress);
    const xff = policy.trustedProxies.size > 0 ? (req.headers['x-forwarded-for'] as string | undefined) : undefined;
    const clientIp = clientAddress(peerIp, xff, policy.trustedProxies);
    const hostHeader = req.headers.host;
    const host = hostHeader ? hostHeader.toLowerCase() : '';
    const { path, query } = splitTarget(target);
    const method = req.method ?? 'GET';
    const { match, chain } = target ? policy.route(method, path, host, query) : { match: undefined, chain: policy.unmatched };
    const idHeader = req.headers[config.requestIdHeader];
    const tx = new Transaction({
      id: requestIdFrom(typeof idHeader === 'string' ? idHeader : undefined),
      time: ctx.now(),
      method,
      target,
      path,
      query,
      host,
      clientIp,
      peerIp,
      rawHeaders: raw,
      route: match,
      routeKey: chain.key,
    });
    this.tx = tx;
    this.chain = chain;
    if (!target) return this.gatewayError({ action: 'block', rule: 'proxy.bad-request', status: 400, reason: 'the request-target is neither a path nor an absolute http URL' });
    if (raw.length > config.limits.maxHeaders * 2) {
      return this.gatewayError({ action: 'block', rule: HEADER_COUNT_RULE, status: policy.status(HEADER_COUNT_RULE, 431), reason: `more than ${config.limits.maxHeaders} request header fields` });
    }
    const cl = req.headers['content-length'];
    this.hasBody = cl !== undefined ? cl !== '0' : req.headers['transfer-encoding'] !== undefined;
    if (cl !== undefined && Number(cl) > config.limits.maxBodyBytes) return this.bodyLimit();

    const r = chain.requestHeaders.length > 0 ? runChain(chain.requestHeaders, tx) : undefined;
    if (r instanceof Promise) r.then((v) => this.afterRequestHeaders(v), (err) => this.internalError(err));
    else this.afterRequestHeaders(r);
  }

  private afterRequestHeaders(v: ChainResult): void {
    if (this.done || this.res.headersSent) return;
    if (v) return this.block(v);
    const chain = this.chain;
    if (chain.requestBody.length === 0) return this.dispatch(undefined);
    if (!this.hasBody) return this.requestEnd();
    this.chunks = [];
    this.req.on('data', onReqData);
    this.req.once('end', onReqEnd);
  }

  /** Buffering the request body for a request-body filter. */
  requestChunk(chunk: Buffer): void {
    if (this.done || this.chunks === undefined) return;
    this.bytes += chunk.length;
    if (this.bytes > this.policy.config.limits.maxBodyBytes) {
      this.chunks = undefined;
      this.req.removeListener('data', onReqData);
      this.bodyLimit();
      return;
    }
    this.chunks.push(chunk);
  }

  requestEnd(): void {
    // a 413 may already have answered while the rest of the body was arriving
    if (this.done || this.res.headersSent) return;
    const tx = this.tx as Transaction;
    const chunks = this.chunks;
    this.chunks = undefined;
    if (chunks && chunks.length > 0) tx.requestBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const r = runChain(this.chain.requestBody, tx);
    if (r instanceof Promise) r.then((v) => this.afterRequestBody(v), (err) => this.internalError(err));
    else this.afterRequestBody(r);
  }

  private afterRequestBody(v: ChainResult): void {
    if (this.done || this.res.headersSent) return;
    if (v) return this.block(v);
    const tx = this.tx as Transaction;
    this.dispatch(tx.requestBody ?? (this.hasBody ? Buffer.alloc(0) : undefined));
  }

  /** Sends the request upstream: the buffered body, or the client's body streamed (bounded), or none. */
  private dispatch(buffered: Buffer | undefined): void {
    const { ctx, req } = this;
    const tx = this.tx as Transaction;
    let body: Dispatcher.DispatchOptions['body'] = null;
    if (buffered !== undefined) body = buffered;
    else if (this.hasBody) body = req.headers['content-length'] !== undefined ? req : Readable.from(limitedBody(req, this.policy.config.limits.maxBodyBytes, this), { objectMode: false });
    this.dispatchedAt = performance.now();
    try {
      ctx.pool.dispatch({ path: tx.target, method: tx.method as Dispatcher.HttpMethod, headers: this.upstreamHeaders(buffered), body }, this);
    } catch (err) {
      this.onError(err as Error);
    }
  }

  /** Request headers for the upstream: hop-by-hop removed, forwarding headers appended, request id set. */
  private upstreamHeaders(buffered: Buffer | undefined): string[] {
    const tx = this.tx as Transaction;
    const { ctx, policy } = this;
    const raw = tx.rawHeaders;
    const listed = connectionTokens(raw);
    const trustedPeer = policy.trustedProxies.size > 0 && policy.trustedProxies.has(tx.peerIp);
    const idHeader = policy.config.requestIdHeader;
    const preserveHost = policy.config.upstreamOptions.preserveHost;
    const stripEncoding = this.chain.responseBody.length > 0;
    const out: string[] = [];
    let xff: string | undefined;
    let xfp: string | undefined;
    let xfh: string | undefined;
    let fwd: string | undefined;
    let sawHost = false;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i] as string;
      const value = raw[i + 1] as string;
      const lower = name.toLowerCase();
      if (isHopByHop(lower, listed) || lower === 'expect') continue;
      switch (lower) {
        case 'x-forwarded-for':
          xff = xff === undefined ? value : `${xff}, ${value}`;
          continue;
        case 'x-forwarded-proto':
          if (trustedPeer) xfp = value;
          continue;
        case 'x-forwarded-host':
          if (trustedPeer) xfh = value;
          continue;
        case 'forwarded':
          fwd = fwd === undefined ? value : `${fwd}, ${value}`;
          continue;
        case 'host':
          sawHost = true;
          if (!preserveHost) continue;
          break;
        case 'content-length':
          // a buffered body is sent with its own length below
          if (buffered !== undefined) continue;
          break;
        case 'accept-encoding':
          // response-body filters read the body: ask the upstream for an uncompressed one
          if (stripEncoding) continue;
          break;
        default:
          if (lower === idHeader) continue;
      }
      out.push(name, value);
    }
    if (buffered !== undefined && (buffered.length > 0 || this.hasBody)) out.push('content-length', String(buffered.length));
    if (!preserveHost || !sawHost) out.push('host', ctx.upstreamHost);
    out.push('x-forwarded-for', xff === undefined ? tx.peerIp : `${xff}, ${tx.peerIp}`);
    out.push('x-forwarded-proto', xfp ?? 'http');
    if (tx.host || xfh) out.push('x-forwarded-host', xfh ?? tx.host);
    const element = forwardedElement(tx.peerIp, tx.host, 'http');
    out.push('forwarded', fwd === undefined ? element : `${fwd}, ${element}`);
    out.push(idHeader, tx.id);
    return out;
  }

  // ---- undici handler (legacy callbacks: raw headers keep their order and case) ----

  onConnect(abort: (err?: Error) => void): void {
    this.abortUpstream = abort;
    if (this.done) abort();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true; // 100/103 interim responses are not forwarded
    const tx = this.tx as Transaction;
    this.resume = resume;
    tx.upstreamMs = performance.now() - this.dispatchedAt;
    tx.status = statusCode;
    const headers: string[] = new Array(rawHeaders.length);
    for (let i = 0; i < rawHeaders.length; i++) headers[i] = (rawHeaders[i] as Buffer).toString('latin1');
    tx.responseRawHeaders = headers;
    if (this.done) return true;
    const chain = this.chain;
    if (chain.responseHeaders.length > 0) {
      const r = runChain(chain.responseHeaders, tx);
      if (r instanceof Promise) {
        this.internalError(new Error('response-headers filters must be synchronous'));
        this.discard = true;
        return true;
      }
      if (r) {
        this.discard = true;
        this.block(r);
        return true;
      }
    }
    if (chain.responseBody.length > 0 && this.inspectable(statusCode, headers)) {
      this.bufferingResponse = true;
      this.chunks = [];
      this.bytes = 0;
      return true;
    }
    this.writeUpstreamHead(statusText, undefined);
    return true;
  }

  /** A response body is inspected when it has one, is not compressed, and is announced within the limit. */
  private inspectable(status: number, headers: readonly string[]): boolean {
    const tx = this.tx as Transaction;
    if (tx.method === 'HEAD' || status === 204 || status === 304) return false;
    for (let i = 0; i < headers.length; i += 2) {
      const n = (headers[i] as string).toLowerCase();
      if (n === 'content-encoding' && (headers[i + 1] as string).trim().toLowerCase() !== 'identity') return false;
      if (n === 'content-length' && Number(headers[i + 1]) > this.policy.config.limits.maxResponseInspectBytes) {
        this.ctx.metrics.uninspected('response');
        return false;
      }
    }
    return true;
  }

  private statusText: string | undefined = undefined;

  /** Writes the upstream's status and end-to-end headers (plus rate-limit fields), with a new length when rewritten. */
  private writeUpstreamHead(statusText: string | undefined, bodyLength: number | undefined): void {
    const tx = this.tx as Transaction;
    const res = this.res;
    const raw = tx.responseRawHeaders ?? [];
    const listed = connectionTokens(raw);
    const out: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const lower = (raw[i] as string).toLowerCase();
      if (isHopByHop(lower, listed)) continue;
      if (bodyLength !== undefined && lower === 'content-length') continue;
      out.push(raw[i] as string, raw[i + 1] as string);
    }
    if (bodyLength !== undefined) out.push('content-length', String(bodyLength));
    if (tx.addHeaders) for (const k in tx.addHeaders) out.push(k, tx.addHeaders[k] as string);
    if (this.ctx.echoRequestId) out.push(this.policy.config.requestIdHeader, tx.id);
    if (this.ctx.draining) out.push('connection', 'close');
    res.sendDate = false;
    this.statusText = statusText;
    try {
      if (statusText) res.writeHead(tx.status, statusText, out);
      else res.writeHead(tx.status, out);
    } catch (err) {
      // a header Node refuses to send (invalid characters): the response cannot be relayed as is
      res.sendDate = true;
      this.discard = true;
      this.abortUpstream?.(err as Error);
      tx.error = `invalid upstream response head: ${(err as Error).message}`.slice(0, 300);
      tx.outcome = 'error';
      this.respond({ action: 'block', rule: 'proxy.bad-upstream-response', status: this.policy.status('proxy.bad-upstream-response', 502), reason: 'the upstream response head cannot be relayed' }, false);
      tx.verdict = undefined;
      tx.outcome = 'error';
    }
  }

  onData(chunk: Buffer): boolean {
    if (this.discard || this.done) return true;
    if (this.bufferingResponse) {
      this.bytes += chunk.length;
      (this.chunks as Buffer[]).push(chunk);
      if (this.bytes > this.policy.config.limits.maxResponseInspectBytes) {
        // too large to inspect: pass it on uninspected (fail-open, counted; see RATIONALE.md)
        this.ctx.metrics.uninspected('response');
        this.bufferingResponse = false;
        const held = this.chunks as Buffer[];
        this.chunks = undefined;
        this.writeUpstreamHead(this.statusText, undefined);
        if (this.discard) return true;
        let ok = true;
        for (const c of held) ok = this.res.write(c);
        if (!ok) this.res.once('drain', onResDrain);
        return ok;
      }
      return true;
    }
    if (this.ctx.sampleResponseBytes > 0) (this.tx as Transaction).sampleResponse(chunk, this.ctx.sampleResponseBytes);
    const ok = this.res.write(chunk);
    if (!ok) this.res.once('drain', onResDrain);
    return ok;
  }

  resumeUpstream(): void {
    this.resume?.();
  }

  onComplete(): void {
    if (this.discard || this.done) return;
    if (!this.bufferingResponse) {
      this.res.end();
      return;
    }
    const tx = this.tx as Transaction;
    const chunks = this.chunks as Buffer[];
    this.chunks = undefined;
    this.bufferingResponse = false;
    tx.responseBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const original = tx.responseBody;
    const r = runChain(this.chain.responseBody, tx);
    if (r instanceof Promise) {
      this.internalError(new Error('response-body filters must be synchronous'));
      return;
    }
    if (r) return this.block(r);
    const body = tx.responseBody as Buffer;
    this.writeUpstreamHead(this.statusText, body === original ? undefined : body.length);
    if (!this.discard) this.res.end(body);
  }

  onError(err: Error): void {
    const tx = this.tx as Transaction;
    if (this.done) return;
    if (this.bodyTooLarge) return this.bodyLimit();
    const c = classifyUpstreamError(err);
    this.ctx.metrics.upstreamError(c.kind);
    tx.error = `${(err as { code?: string }).code ?? err.name}: ${err.message}`.slice(0, 300);
    tx.outcome = 'error';
    if (this.res.headersSent) {
      // the response is under way: the client can only see a cut connection
      this.res.destroy(err);
      return;
    }
    const reason = c.status === 504 ? 'the upstream did not answer in time' : 'the upstream could not be reached';
    this.respond({ action: 'block', rule: c.rule, status: this.policy.status(c.rule, c.status), reason }, false);
    tx.verdict = undefined;
    tx.outcome = 'error';
  }

  // ---- gateway-made responses ----

  /** An enforced stop. */
  private block(v: StopVerdict): void {
    const tx = this.tx as Transaction;
    tx.verdict = v;
    tx.outcome = v.action === 'deceive' ? 'deceive' : 'block';
    this.respond(v, this.hasBody && this.chunks === undefined && !this.req.complete);
  }

  /** A protocol-level refusal before or outside the filters (bad target, too many headers). */
  private gatewayError(v: StopVerdict): void {
    const tx = this.tx as Transaction;
    tx.verdict = v;
    tx.outcome = 'block';
    this.respond(v, true);
  }

  private bodyLimit(): void {
    const tx = this.tx as Transaction;
    const rule = 'proxy.body-too-large';
    const v: StopVerdict = { action: 'block', rule, status: this.policy.status(rule, 413), reason: `the request body exceeds ${this.policy.config.limits.maxBodyBytes} bytes` };
    tx.verdict = v;
    tx.outcome = 'block';
    this.abortUpstream?.(new Error('request body too large'));
    if (this.res.headersSent) {
      this.res.destroy();
      return;
    }
    this.respond(v, true);
  }

  private internalError(err: unknown): void {
    this.ctx.onInternalError(err, 'exchange');
    if (this.done || this.res.headersSent) {
      this.res.destroy();
      return;
    }
    const tx = this.tx as Transaction;
    tx.outcome = 'error';
    tx.error = err instanceof Error ? err.message.slice(0, 300) : 'internal error';
    this.respond({ action: 'block', rule: 'gateway.internal-error', status: 500, reason: 'the gateway failed to process the request' }, true);
    tx.verdict = undefined;
  }

  /** Writes a problem+json response; `close` ends the connection after it (unread request body, protocol errors). */
  private respond(v: StopVerdict, close: boolean): void {
    const tx = this.tx as Transaction;
    const res = this.res;
    if (res.headersSent || res.writableEnded) {
      res.destroy();
      return;
    }
    tx.status = v.status;
    if (v.action === 'deceive' && v.body !== undefined) return this.respondFake(v, close);
    const body = problemBody(v.status, v.rule, v.reason, tx.id);
    const headers: string[] = ['content-type', 'application/problem+json', 'content-length', String(body.length), 'cache-control', 'no-store', this.policy.config.requestIdHeader, tx.id];
    if (tx.addHeaders) for (const k in tx.addHeaders) if (!v.headers || !(k in v.headers)) headers.push(k, tx.addHeaders[k] as string);
    if (v.headers) for (const k in v.headers) headers.push(k, v.headers[k] as string);
    if (close || this.ctx.draining) headers.push('connection', 'close');
    res.writeHead(v.status, headers);
    res.end(this.req.method === 'HEAD' ? undefined : body);
  }

  /** Deception: the fake response, shaped like a proxied one (no problem+json, no gateway-only headers). */
  private respondFake(v: StopVerdict, close: boolean): void {
    const tx = this.tx as Transaction;
    const res = this.res;
    const body = Buffer.from(v.body ?? '', 'utf8');
    const headers: string[] = [];
    if (v.contentType) headers.push('content-type', v.contentType);
    headers.push('content-length', String(body.length));
    if (this.ctx.echoRequestId) headers.push(this.policy.config.requestIdHeader, tx.id);
    if (tx.addHeaders) for (const k in tx.addHeaders) headers.push(k, tx.addHeaders[k] as string);
    if (close || this.ctx.draining) headers.push('connection', 'close');
    res.writeHead(v.status, headers);
    res.end(this.req.method === 'HEAD' || v.status === 204 || v.status === 304 ? undefined : body);
  }

  /** The client went away (request stream error). */
  clientGone(): void {
    if (!this.done) this.abortUpstream?.(new Error('client closed the connection'));
  }

  /** The response is finished or the connection closed: stop the upstream, run the logged phase, once. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    const { ctx, res, req } = this;
    res[kExchange] = undefined;
    req[kExchange] = undefined;
    req.removeListener('data', onReqData);
    const tx = this.tx;
    if (!res.writableFinished) {
      this.abortUpstream?.(new Error('client closed the connection'));
      if (tx && tx.outcome === 'pass') {
        tx.outcome = 'error';
        tx.error = 'client closed the connection before the response ended';
      }
    }
    ctx.inFlight--;
    ctx.metrics.inFlight(-1);
    if (tx) {
      tx.durationMs = performance.now() - this.started;
      if (tx.outcome === 'pass' && tx.flags) tx.outcome = 'monitor';
      for (const c of ctx.consumers) {
        try {
          c.consume(tx);
        } catch (err) {
          ctx.onInternalError(err, `logged consumer ${c.name}`);
        }
      }
    }
    if (ctx.draining && ctx.inFlight === 0) ctx.onIdle?.();
  }

  markBodyTooLarge(): void {
    this.bodyTooLarge = true;
  }
}

/** A streamed request body (no Content-Length) that stops at the body limit. */
async function* limitedBody(req: IncomingMessage, limit: number, ex: ProxyExchange): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > limit) {
      ex.markBodyTooLarge();
      throw new BodyTooLargeError('request body too large');
    }
    yield chunk as Buffer;
  }
}
