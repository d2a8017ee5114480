/**
 * Helpers for the gateway's end-to-end tests: a small upstream app on loopback, a gateway started from a
 * configuration text (and optional spec) in a temporary folder, a raw HTTP client, and a logger that records
 * the event lines. Everything listens on 127.0.0.1 port 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse, Agent } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type GatewayRuntimeOptions, type RunningGateway, type RuntimeLogger } from '../../src/protect/index.js';

export interface Upstream {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** A node:http upstream on loopback. */
export async function startUpstream(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Upstream> {
  const server = createServer(handler);
  server.keepAliveTimeout = 10_000;
  // upgraded sockets leave the server's bookkeeping: track them so close() ends them too
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** An upstream that echoes what it received as JSON (method, url, headers in order, body). */
export function echoHandler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.stringify({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'echo', connection: 'keep-alive, x-hop', 'x-hop': 'drop-me', 'keep-alive': 'timeout=10' });
    res.end(body);
  });
}

export interface RecordedLog extends RuntimeLogger {
  readonly lines: Array<{ level: string; obj: Record<string, unknown>; msg: string | undefined }>;
  events(kind?: string): Array<Record<string, unknown>>;
}

export function recordingLogger(): RecordedLog {
  const lines: RecordedLog['lines'] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return {
    lines,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    events(kind) {
      return lines.filter((l) => (kind ? l.obj.event === kind : l.obj.event !== undefined)).map((l) => l.obj);
    },
  };
}

export interface TestGateway {
  readonly gw: RunningGateway;
  readonly url: string;
  readonly port: number;
  readonly adminUrl: string | undefined;
  readonly log: RecordedLog;
  readonly dir: string;
  readonly configFile: string;
  writeConfig(text: string): void;
  close(): Promise<void>;
}

/** Starts a gateway with `configYaml` (upstream/listen/admin filled in) and an optional spec file text. */
export async function startTestGateway(options: {
  upstream: string;
  config?: string;
  spec?: string;
  files?: Record<string, string>;
  env?: Record<string, string>;
  admin?: boolean;
  watch?: boolean;
  /** Extra runtime options (a store for the tap, an onDetection listener, consumers). */
  runtime?: Pick<GatewayRuntimeOptions, 'store' | 'onDetection' | 'consumers' | 'now'>;
}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-gw-'));
  const configFile = join(dir, 'rampart.yaml');
  if (options.spec) writeFileSync(join(dir, 'openapi.yaml'), options.spec);
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), text);
  const header = `upstream: ${options.upstream}\nlisten: 127.0.0.1:0\nadmin: ${options.admin ? '127.0.0.1:0' : 'false'}\n${options.spec ? 'spec: openapi.yaml\n' : ''}`;
  const write = (text: string) => writeFileSync(configFile, `${header}${text}\n`);
  write(options.config ?? '');
  const log = recordingLogger();
  const gw = await startGateway({ configFile, cwd: dir, env: options.env ?? {}, logger: log, watch: options.watch ?? false, watchIntervalMs: 100, ...(options.runtime ?? {}) });
  return {
    gw,
    url: `http://127.0.0.1:${gw.address.port}`,
    port: gw.address.port,
    adminUrl: gw.adminAddress ? `http://127.0.0.1:${gw.adminAddress.port}` : undefined,
    log,
    dir,
    configFile,
    writeConfig: write,
    async close() {
      await gw.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: IncomingMessage['headers'];
  readonly rawHeaders: string[];
  readonly body: Buffer;
  text(): string;
  json(): Record<string, unknown>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One request with node:http (keep-alive agent unless `agent: false`). */
export function send(url: string, options: { method?: string; headers?: Record<string, string | string[]> | string[]; body?: string | Buffer; agent?: Agent | false; timeoutMs?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers as Record<string, string>, agent: options.agent === undefined ? agent : options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body,
          text: () => body.toString('utf8'),
          json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown>,
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}
