/**
 * The admin listener (an I/O edge, default 127.0.0.1 only): `/healthz` (the process answers), `/readyz` (listening
 * and not draining, and a policy is loaded), `/metrics` (Prometheus text format). Nothing else; no request bodies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RampartError } from '../../core/errors.js';

export interface AdminServerOptions {
  readonly ready: () => boolean;
  /** Prometheus text and its content type. */
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
}

export interface AdminServer {
  readonly server: Server;
  listen(host: string, port: number): Promise<AddressInfo>;
  close(): Promise<void>;
}

export function createAdminServer(options: AdminServerOptions): AdminServer {
  const server = createServer({ headersTimeout: 5_000, requestTimeout: 10_000, maxHeaderSize: 8 * 1024 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    if (path === '/healthz') return send(200, 'application/json', '{"status":"ok"}\n');
    if (path === '/readyz') return options.ready() ? send(200, 'application/json', '{"status":"ready"}\n') : send(503, 'application/json', '{"status":"not ready"}\n');
    if (path === '/metrics') {
      options.metrics().then(
        (m) => send(200, m.contentType, m.body),
        (err: Error) => send(500, 'text/plain; charset=utf-8', `metrics failed: ${err.message}\n`),
      );
      return;
    }
    send(404, 'text/plain; charset=utf-8', 'not found: /healthz, /readyz, /metrics\n');
  });
  return {
    server,
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', (err: Error & { code?: string }) => reject(new RampartError('E_GATEWAY_LISTEN', `admin: cannot listen on ${host}:${port}: ${err.code ?? err.message}`, { cause: err })));
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
