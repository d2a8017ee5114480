/**
 * WebSocket pass-through: only `Upgrade: websocket` on a GET without a body is tunnelled (anything else is
 * refused: it would skip the body-phase filters). The request-headers phase runs as for any request (IP lists,
 * token deny list, JWT, rate limits, the spec's route checks); if it passes, a TCP (or TLS) connection to the
 * upstream gets the request with forwarding headers, and once the upstream answers 101 bytes are piped both ways
 * untouched. A refusal is a problem+json response written on the socket.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { splitTarget } from '../../core/http.js';
import type { StopVerdict } from '../../core/verdict.js';
import { clientAddress, plainAddress } from '../http/client-ip.js';
import { forwardedElement } from '../http/forwarded.js';
import { problemBody } from '../http/problem.js';
import { requestIdFrom } from '../http/request-id.js';
import { runChain, type ChainResult } from '../phases/run-chain.js';
import { Transaction } from '../transaction.js';
import type { ProxyContext } from './proxy-context.js';

const HEADER_SAFE = /^[^\r\n]*$/;

function writeProblem(socket: Duplex, v: StopVerdict, requestId: string, idHeader: string): void {
  if (v.action === 'deceive' && v.body !== undefined) {
    // deception: the fake answer, shaped like the API's own (the upgrade is not tunnelled)
    const fake = Buffer.from(v.body, 'utf8');
    const type = v.contentType ? `content-type: ${v.contentType}\r\n` : '';
    socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${v.status} ${STATUS_CODES[v.status] ?? 'OK'}\r\n${type}content-length: ${fake.length}\r\nconnection: close\r\n\r\n`, 'latin1'), fake]));
    return;
  }
  const body = problemBody(v.status, v.rule, v.reason, requestId);
  let head = `HTTP/1.1 ${v.status} ${STATUS_CODES[v.status] ?? 'Error'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${body.length}\r\n${idHeader}: ${requestId}\r\nconnection: close\r\n`;
  if (v.headers) for (const k in v.headers) head += `${k}: ${v.headers[k]}\r\n`;
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]));
}

export function handleUpgrade(ctx: ProxyContext, req: IncomingMessage, socket: Duplex, head: Buffer, upstream: { host: string; port: number; tls: boolean }): void {
  const policy = ctx.policy;
  const config = policy.config;
  socket.on('error', () => socket.destroy());
  const target = req.url && req.url.startsWith('/') ? req.url : '/';
  const { path, query } = splitTarget(target);
  const peerIp = plainAddress(req.socket.remoteAddress);
  const clientIp = clientAddress(peerIp, req.headers['x-forwarded-for'] as string | undefined, policy.trustedProxies);
  const host = (req.headers.host ?? '').toLowerCase();
  const { match, chain } = policy.route(req.method ?? 'GET', path, host, query);
  const idHeader = req.headers[config.requestIdHeader];
  const tx = new Transaction({ id: requestIdFrom(typeof idHeader === 'string' ? idHeader : undefined), time: ctx.now(), method: req.method ?? 'GET', target, path, query, host, clientIp, peerIp, rawHeaders: req.rawHeaders, route: match, routeKey: chain.key });
  const started = performance.now();
  ctx.inFlight++;
  let logged = false;
  const finish = () => {
    if (logged) return;
    logged = true;
    ctx.inFlight--;
    tx.durationMs = performance.now() - started;
    if (tx.outcome === 'pass' && tx.flags) tx.outcome = 'monitor';
    for (const c of ctx.consumers) {
      try {
        c.consume(tx);
      } catch (err) {
        ctx.onInternalError(err, `logged consumer ${c.name}`);
      }
    }
    if (ctx.draining && ctx.inFlight === 0) ctx.onIdle?.();
  };

  const proceed = (v: ChainResult) => {
    if (v) {
      tx.verdict = v;
      tx.outcome = v.action === 'deceive' ? 'deceive' : 'block';
      tx.status = v.status;
      writeProblem(socket, v, tx.id, config.requestIdHeader);
      finish();
      return;
    }
    const up: Socket = upstream.tls ? tlsConnect({ host: upstream.host, port: upstream.port, servername: upstream.host }) : netConnect({ host: upstream.host, port: upstream.port });
    const fail = () => {
      if (!up.destroyed) up.destroy();
      if (tx.status === 0) {
        const v2: StopVerdict = { action: 'block', rule: 'proxy.upstream-unavailable', status: 502, reason: 'the upstream could not be reached' };
        tx.status = 502;
        tx.outcome = 'error';
        tx.error = 'upgrade: upstream connection failed';
        if (!socket.destroyed) writeProblem(socket, v2, tx.id, config.requestIdHeader);
      } else socket.destroy();
      finish();
    };
    up.setTimeout(config.upstreamOptions.connectTimeoutMs, () => {
      if (tx.status === 0) fail();
    });
    up.once('error', fail);
    up.once('connect', () => {
      up.setTimeout(0);
      let out = `${req.method} ${target} HTTP/1.1\r\n`;
      const raw = req.rawHeaders;
      let xff: string | undefined;
      for (let i = 0; i < raw.length; i += 2) {
        const n = raw[i] as string;
        const v = raw[i + 1] as string;
        const lower = n.toLowerCase();
        if (!HEADER_SAFE.test(v)) continue;
        if (lower === 'x-forwarded-for') {
          xff = xff === undefined ? v : `${xff}, ${v}`;
          continue;
        }
        if (lower === 'x-forwarded-proto' || lower === 'x-forwarded-host' || lower === config.requestIdHeader) continue;
        if (lower === 'host' && !config.upstreamOptions.preserveHost) continue;
        out += `${n}: ${v}\r\n`;
      }
      if (!config.upstreamOptions.preserveHost || !host) out += `host: ${ctx.upstreamHost}\r\n`;
      out += `x-forwarded-for: ${xff === undefined ? peerIp : `${xff}, ${peerIp}`}\r\nx-forwarded-proto: http\r\n`;
      if (host) out += `x-forwarded-host: ${host}\r\n`;
      out += `forwarded: ${forwardedElement(peerIp, host, 'http')}\r\n${config.requestIdHeader}: ${tx.id}\r\n\r\n`;
      up.write(out, 'latin1');
      if (head.length > 0) up.write(head);
      // tunnel only once the upstream has switched protocols: until its 101 nothing the client sends is relayed
      // (otherwise a request "upgraded" by a server that never upgrades would smuggle the next one through)
      let seen: Buffer = Buffer.alloc(0);
      const onHead = (chunk: Buffer) => {
        seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
        const end = seen.indexOf('\r\n\r\n');
        if (end === -1) {
          if (seen.length > 16_384) refuse(502, 'the upstream answer to the upgrade has no end of headers');
          return;
        }
        up.removeListener('data', onHead);
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(seen.subarray(0, Math.min(end, 64)).toString('latin1'))?.[1] ?? 0);
        if (status !== 101) {
          refuse(status >= 400 && status < 600 ? status : 502, `the upstream answered ${status || 'something else'} instead of 101 Switching Protocols`);
          return;
        }
        tx.status = 101;
        up.removeListener('error', fail);
        up.on('error', () => socket.destroy());
        // from here on the connection is a tunnel: logged now, closed at shutdown, no longer a request in flight
        ctx.tunnels.add(socket);
        socket.on('close', () => {
          ctx.tunnels.delete(socket);
          up.destroy();
        });
        up.on('close', () => socket.destroy());
        socket.write(seen);
        up.pipe(socket);
        socket.pipe(up);
        finish();
      };
      const refuse = (status: number, reason: string) => {
        up.removeListener('data', onHead);
        up.removeListener('error', fail);
        up.destroy();
        tx.status = status;
        tx.outcome = 'error';
        tx.error = `upgrade: ${reason}`;
        if (!socket.destroyed) writeProblem(socket, { action: 'block', rule: 'proxy.upgrade-refused', status, reason }, tx.id, config.requestIdHeader);
        finish();
      };
      up.on('data', onHead);
    });
  };

  // only WebSocket upgrades of body-less GETs are tunnelled; any other Upgrade (h2c, made-up values, a POST with a
  // body) would skip the body-phase filters, so it is refused
  const upgradeTo = String(req.headers.upgrade ?? '').trim().toLowerCase();
  const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (upgradeTo !== 'websocket' || req.method !== 'GET' || hasBody) {
    const v: StopVerdict = { action: 'block', rule: 'proxy.upgrade-refused', status: 400, reason: 'only WebSocket upgrades of GET requests without a body are passed through' };
    tx.verdict = v;
    tx.outcome = 'block';
    tx.status = 400;
    writeProblem(socket, v, tx.id, config.requestIdHeader);
    finish();
    return;
  }

  const r = chain.requestHeaders.length > 0 ? runChain(chain.requestHeaders.filter((l) => !l.filter.needsBody), tx) : undefined;
  if (r instanceof Promise) r.then(proceed, () => socket.destroy());
  else proceed(r);
}
