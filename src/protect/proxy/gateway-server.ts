/**
 * The gateway's listener (an I/O edge): a node:http server in front of an undici `Pool` to the upstream,
 * keep-alive on both sides. Slow or oversized request heads are cut by Node's own limits (`headersTimeout`,
 * `requestTimeout`, `maxHeaderSize`), answered with problem+json; shutdown stops accepting, lets in-flight requests
 * finish (responses then carry `Connection: close`) and force-closes what is left after the grace period.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Pool } from 'undici';
import { RampartError } from '../../core/errors.js';
import { problemBody } from '../http/problem.js';
import { randomUUID } from 'node:crypto';
import type { GatewayMetrics } from '../observe/gateway-metrics.js';
import type { LoggedConsumer } from '../phases/phase.js';
import type { Policy } from '../policy/compile-policy.js';
import type { ProxyContext } from './proxy-context.js';
import { ProxyExchange } from './proxy-exchange.js';
import { closeInspectPool } from '../filters/signatures/inspect-pool.js';
import { handleUpgrade } from './upgrade.js';

export interface GatewayServerOptions {
  /** `http://host:port` (or https) of the protected API. */
  readonly upstream: string;
  readonly policy: Policy;
  readonly metrics: GatewayMetrics;
  /** `logged`-phase consumers (the metrics consumer is added first automatically). */
  readonly consumers?: readonly LoggedConsumer[];
  readonly echoRequestId?: boolean;
  /** Bytes of each streamed response body kept for the tap (default 0: none). */
  readonly sampleResponseBytes?: number;
  readonly now?: () => number;
  readonly onInternalError?: (err: unknown, where: string) => void;
}

export interface GatewayServer {
  readonly server: Server;
  listen(host: string, port: number): Promise<AddressInfo>;
  /** Replaces the policy for requests that start from now on. */
  setPolicy(policy: Policy): void;
  readonly policy: Policy;
  /** True while listening and not draining. */
  readonly ready: boolean;
  readonly inFlight: number;
  /** Stops accepting, drains in-flight requests for up to `graceMs`, then closes everything. */
  shutdown(graceMs: number): Promise<{ drained: boolean; abandoned: number }>;
}

/** Parses and checks the upstream URL. */
export function parseUpstream(text: string): { origin: string; host: string; hostname: string; port: number; tls: boolean } {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new RampartError('E_GATEWAY_UPSTREAM', `--upstream ${JSON.stringify(text)} is not a URL`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) throw new RampartError('E_GATEWAY_UPSTREAM', `--upstream ${JSON.stringify(text)}: expected http:// or https:// with a host`);
  if (u.pathname !== '/' && u.pathname !== '') throw new RampartError('E_GATEWAY_UPSTREAM', `--upstream ${JSON.stringify(text)}: a base path is not supported; give the origin only`);
  const tls = u.protocol === 'https:';
  const port = u.port ? Number(u.port) : tls ? 443 : 80;
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { origin: u.origin, host: u.host, hostname, port, tls };
}

function clientErrorResponse(status: number, rule: string, reason: string, idHeader: string): Buffer {
  const id = randomUUID();
  const body = problemBody(status, rule, reason, id);
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${body.length}\r\n${idHeader}: ${id}\r\nconnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export function createGatewayServer(options: GatewayServerOptions): GatewayServer {
  const upstream = parseUpstream(options.upstream);
  const cfg = options.policy.config;
  const pool = new Pool(upstream.origin, {
    connections: cfg.upstreamOptions.connections,
    pipelining: 1,
    keepAliveTimeout: cfg.upstreamOptions.keepAliveTimeoutMs,
    connectTimeout: cfg.upstreamOptions.connectTimeoutMs,
    headersTimeout: cfg.upstreamOptions.headersTimeoutMs,
    bodyTimeout: cfg.upstreamOptions.bodyTimeoutMs,
    maxHeaderSize: 64 * 1024,
  });
  let listening = false;
  const ctx: ProxyContext = {
    policy: options.policy,
    pool,
    upstreamHost: upstream.host,
    upstreamProtocol: upstream.tls ? 'https:' : 'http:',
    metrics: options.metrics,
    consumers: [options.metrics, ...(options.consumers ?? [])],
    sampleResponseBytes: options.sampleResponseBytes ?? 0,
    echoRequestId: options.echoRequestId ?? false,
    draining: false,
    inFlight: 0,
    tunnels: new Set(),
    onIdle: undefined,
    now: options.now ?? Date.now,
    onInternalError: options.onInternalError ?? (() => {}),
  };
  options.metrics.setPolicy(options.policy);

  const server = createServer(
    {
      maxHeaderSize: cfg.limits.maxHeaderBytes,
      headersTimeout: cfg.limits.headersTimeoutMs,
      requestTimeout: cfg.limits.requestTimeoutMs,
      keepAliveTimeout: cfg.limits.keepAliveTimeoutMs,
      // check slow heads and bodies every second (Node's default is 30 s)
      connectionsCheckingInterval: Math.min(1_000, cfg.limits.headersTimeoutMs),
      noDelay: true,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      new ProxyExchange(ctx, req, res).start();
    },
  );
  // no silent truncation (Node drops fields past maxHeadersCount, Host included): every field is parsed within
  // maxHeaderSize and the exchange answers 431 past limits.maxHeaders
  server.maxHeadersCount = 0;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(ctx, req, socket, head, { host: upstream.hostname, port: upstream.port, tls: upstream.tls });
  });
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    const code = err.code ?? 'UNKNOWN';
    options.metrics.clientError(code);
    if (code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const idHeader = ctx.policy.config.requestIdHeader;
    let response: Buffer;
    if (code === 'HPE_HEADER_OVERFLOW') response = clientErrorResponse(431, 'proxy.header-too-large', `the request head exceeds ${ctx.policy.config.limits.maxHeaderBytes} bytes`, idHeader);
    else if (code === 'ERR_HTTP_REQUEST_TIMEOUT') response = clientErrorResponse(408, 'proxy.request-timeout', 'the request head or body was not received in time', idHeader);
    else response = clientErrorResponse(400, 'proxy.bad-request', `malformed HTTP request (${code})`, idHeader);
    socket.end(response);
  });

  return {
    server,
    get policy() {
      return ctx.policy;
    },
    get ready() {
      return listening && !ctx.draining;
    },
    get inFlight() {
      return ctx.inFlight;
    },
    listen(host, port) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error & { code?: string }) => {
          reject(new RampartError('E_GATEWAY_LISTEN', `cannot listen on ${host}:${port}: ${err.code ?? err.message}`, { cause: err }));
        };
        server.once('error', onError);
        server.listen(port, host, () => {
          server.removeListener('error', onError);
          listening = true;
          resolve(server.address() as AddressInfo);
        });
      });
    },
    setPolicy(policy) {
      ctx.policy = policy;
      options.metrics.setPolicy(policy);
      const l = policy.config.limits;
      server.headersTimeout = l.headersTimeoutMs;
      server.requestTimeout = l.requestTimeoutMs;
      server.keepAliveTimeout = l.keepAliveTimeoutMs;
    },
    async shutdown(graceMs) {
      ctx.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let drained = ctx.inFlight === 0;
      if (!drained) {
        drained = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), graceMs);
          ctx.onIdle = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
      }
      const abandoned = ctx.inFlight;
      server.closeAllConnections();
      for (const t of ctx.tunnels) t.destroy();
      ctx.tunnels.clear();
      await closed;
      listening = false;
      await pool.close().catch(() => pool.destroy());
      await closeInspectPool();
      return { drained, abandoned };
    },
  };
}
