/**
 * The HTTP edge of discovery (undici `request`): every connection passes the scope — the host name asked for,
 * each redirect target, and every address DNS gives for it — before a socket is opened; requests go through the
 * limiter (concurrency, rate, deadline); bodies are read up to a byte limit; redirects are followed only within
 * scope; the user-agent says what this is. Certificates are read, not trusted: discovery reports invalid ones.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { Agent, request, type buildConnector } from 'undici';
import type { Header } from '../core/index.js';
import { applyConnectTo, type ConnectTo } from './connect-to.js';
import { DeadlineError, type RequestLimiter } from './request-limiter.js';
import type { HostResolver } from './resolver.js';
import type { Scope } from './scope.js';
import type { FetchInit, FetchResult, HttpClient } from './types.js';

export interface HttpClientOptions {
  readonly scope: Scope;
  readonly resolver: HostResolver;
  readonly limiter: RequestLimiter;
  readonly userAgent: string;
  readonly connectTo?: readonly ConnectTo[];
  /** Per request, connection to last body byte (default 10 s). */
  readonly timeoutMs?: number;
  /** Body bytes read at most by default (default 1 MiB). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Told about each request sent and each contact refused by the scope. */
  readonly onEvent?: (event: ClientEvent) => void;
}

export type ClientEvent = { readonly kind: 'request'; readonly url: string } | { readonly kind: 'refused'; readonly target: string; readonly reason: string };

/** A connection the scope does not allow; never opened. */
export class OutOfScopeError extends Error {
  readonly code = 'OUT_OF_SCOPE';
  constructor(readonly target: string, reason: string) {
    super(reason);
    this.name = 'OutOfScopeError';
  }
}

export interface ScopedHttpClient extends HttpClient {
  /** Sockets opened so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export function createHttpClient(options: HttpClientOptions): ScopedHttpClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const defaultMaxBytes = options.maxBytes ?? 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const connectTo = options.connectTo ?? [];
  let connections = 0;

  const refuse = (target: string, reason: string): OutOfScopeError => {
    options.onEvent?.({ kind: 'refused', target, reason });
    return new OutOfScopeError(target, reason);
  };

  /** Scope, overrides, DNS, scope again on the address: the only way a socket is opened. */
  const openSocket = async (rawHost: string, port: number, secure: boolean): Promise<Socket | TLSSocket> => {
    const host = rawHost.replace(/^\[|\]$/g, '').toLowerCase();
    if (!options.scope.allowsName(host)) throw refuse(host, `${host} is not in scope`);
    const dest = applyConnectTo(connectTo, host, port);
    const addresses = await options.resolver.resolve(dest.host);
    if (addresses.length === 0) throw Object.assign(new Error(`${dest.host} does not resolve`), { code: 'ENOTFOUND' });
    const address = addresses.find((a) => options.scope.allowsAddress(a));
    if (!address) throw refuse(host, `${host} resolves to ${addresses.join(', ')}, outside the scope's networks`);
    connections++;
    return new Promise((resolve, reject) => {
      const servername = isIP(host) ? undefined : host;
      const socket = secure
        ? tlsConnect({ host: address, port: dest.port, servername, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] })
        : netConnect({ host: address, port: dest.port });
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
      timer.unref();
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', reject);
        resolve(socket);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  };

  const connector: buildConnector.connector = (opts, callback) => {
    const secure = opts.protocol === 'https:';
    const port = Number(opts.port) || (secure ? 443 : 80);
    openSocket(opts.hostname, port, secure).then(
      (socket) => callback(null, socket),
      (err: Error) => callback(err, null),
    );
  };
  const agent = new Agent({ connect: connector, keepAliveTimeout: 4_000, connections: 4, pipelining: 1 });

  const once = async (url: URL, init: FetchInit, maxBytes: number): Promise<FetchResult> => {
    options.onEvent?.({ kind: 'request', url: url.href });
    const res = await request(url, {
      dispatcher: agent,
      method: (init.method ?? 'GET') as 'GET',
      headers: { 'user-agent': options.userAgent, accept: '*/*', ...init.headers },
      body: init.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers: Header[] = [];
    for (const [name, value] of Object.entries(res.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.push([name.toLowerCase(), v]);
      else if (value !== undefined) headers.push([name.toLowerCase(), value]);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    if (init.method === 'HEAD') await res.body.dump();
    else {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        const room = maxBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = maxBytes;
          truncated = true;
          break;
        }
        chunks.push(chunk);
        size += chunk.length;
      }
    }
    return { url: url.href, status: res.statusCode, headers, body: Buffer.concat(chunks, size).toString('utf8'), truncated };
  };

  const failure = (url: string, err: unknown): FetchResult => {
    const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
    let error: string;
    if (err instanceof DeadlineError) error = 'max-duration';
    else if (err instanceof OutOfScopeError || e.cause instanceof OutOfScopeError) error = `out-of-scope: ${(err instanceof OutOfScopeError ? err : (e.cause as OutOfScopeError)).message}`;
    else if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT') error = 'timeout';
    else error = e.code ?? e.cause?.code ?? e.message ?? String(err);
    return { url, status: 0, headers: [], body: '', truncated: false, error };
  };

  return {
    get connections() {
      return connections;
    },
    async fetch(rawUrl, init = {}) {
      let url: URL;
      try {
        url = new URL(rawUrl);
      } catch {
        return failure(rawUrl, new Error('invalid URL'));
      }
      const maxBytes = init.maxBytes ?? defaultMaxBytes;
      let current = init;
      for (let hop = 0; ; hop++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return failure(url.href, new Error(`unsupported scheme ${url.protocol}`));
        const host = url.hostname.replace(/^\[|\]$/g, '');
        if (!options.scope.allowsName(host)) return failure(url.href, refuse(host, `${host} is not in scope`));
        let res: FetchResult;
        try {
          const target = url;
          const req = current;
          res = await options.limiter.run(() => once(target, req, maxBytes));
        } catch (err) {
          return failure(url.href, err);
        }
        const location = res.status >= 300 && res.status < 400 ? res.headers.find(([n]) => n === 'location')?.[1] : undefined;
        if (!location || init.follow === false || hop >= maxRedirects) return res;
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return res;
        }
        const nextHost = next.hostname.replace(/^\[|\]$/g, '');
        if (!options.scope.allowsName(nextHost)) {
          refuse(nextHost, `redirect from ${url.href} to ${nextHost}, which is not in scope`);
          return { ...res, error: `redirect out of scope: ${next.origin}` };
        }
        // RFC 9110 §15.4: 301/302/303 after a POST are followed with GET by user agents
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === 'POST')) {
          current = { ...current, method: 'GET', body: undefined };
        }
        url = next;
      }
    },
    async tls(host, port) {
      let socket: TLSSocket | undefined;
      try {
        socket = (await options.limiter.run(() => openSocket(host, port, true))) as TLSSocket;
        const cert = socket.getPeerCertificate(false) as PeerCertificate | undefined;
        let error = socket.authorized ? undefined : String(socket.authorizationError ?? 'unverified');
        if (!error && cert && !isIP(host)) {
          const mismatch = checkServerIdentity(host, cert);
          if (mismatch) error = (mismatch as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID';
        }
        return {
          enabled: true,
          protocol: socket.getProtocol() ?? undefined,
          valid: error === undefined,
          error,
          subject: cert?.subject?.CN ? String(cert.subject.CN) : undefined,
          issuer: cert?.issuer?.CN ? String(cert.issuer.CN) : cert?.issuer?.O ? String(cert.issuer.O) : undefined,
          altNames: parseAltNames(cert?.subjectaltname),
          validFrom: cert?.valid_from ? isoDate(cert.valid_from) : undefined,
          validTo: cert?.valid_to ? isoDate(cert.valid_to) : undefined,
        };
      } catch {
        return { enabled: false };
      } finally {
        socket?.destroy();
      }
    },
    close: () => agent.close(),
  };
}

/** `DNS:a.example.com, DNS:*.example.com, IP Address:10.0.0.1` -> DNS names, lower-case. */
export function parseAltNames(san: string | undefined): string[] {
  if (!san) return [];
  const out: string[] = [];
  for (const part of san.split(',')) {
    const p = part.trim();
    if (p.startsWith('DNS:')) out.push(p.slice(4).toLowerCase());
  }
  return [...new Set(out)];
}

function isoDate(s: string): string | undefined {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
