/**
 * A small organisation on loopback for discovery tests: several HTTP servers on ephemeral ports (an API exposing
 * its spec under /v3/api-docs, a GraphQL endpoint with introspection, a web app whose JS bundle calls a hidden API,
 * a plain website), an HTTPS server with a self-signed certificate carrying extra names (when `openssl` exists),
 * and an out-of-scope listener that counts every connection it gets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoopbackHost {
  readonly name: string;
  readonly port: number;
  /** Connections accepted so far. */
  connections: number;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  /** User-agent of the first request. */
  userAgent?: string;
}

export interface DiscoveryHosts {
  readonly hosts: Record<'api' | 'graphql' | 'app' | 'www' | 'outside', LoopbackHost> & { secure?: LoopbackHost };
  /** All names the DNS server should resolve to 127.0.0.1. */
  readonly names: readonly string[];
  /** `--connect-to` rules mapping each name's ports 80 and 443 to its server. */
  readonly connectTo: readonly string[];
  close(): Promise<void>;
}

export const OPENAPI_DOC = {
  openapi: '3.0.3',
  info: { title: 'Orders API', version: '1.4.0' },
  servers: [{ url: '/api' }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer: [] }],
  paths: {
    '/orders': {
      get: { operationId: 'listOrders', responses: { '200': { description: 'orders' } } },
      post: { operationId: 'createOrder', responses: { '201': { description: 'created' } } },
    },
    '/orders/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { operationId: 'getOrder', responses: { '200': { description: 'one order' } } },
      delete: { operationId: 'deleteOrder', deprecated: true, responses: { '204': { description: 'gone' } } },
    },
  },
};

const INTROSPECTION = {
  data: {
    __schema: {
      queryType: { name: 'Query' },
      mutationType: { name: 'Mutation' },
      subscriptionType: null,
      types: [
        { kind: 'OBJECT', name: 'Query', fields: [{ name: 'users' }, { name: 'user' }] },
        { kind: 'OBJECT', name: 'Mutation', fields: [{ name: 'createUser' }] },
        { kind: 'OBJECT', name: 'User', fields: [{ name: 'id' }, { name: 'email' }] },
      ],
    },
  },
};

export const APP_BUNDLE = `
const API = '/api/internal';
export async function loadUsers(page) {
  const r = await fetch(API + '/users?page=' + page);
  return r.json();
}
export function deleteUser(id) {
  return fetch(\`\${API}/users/\${id}\`, { method: 'DELETE' });
}
const tracker = axios.create({ baseURL: 'http://outside.other.test/track' });
tracker.post('/events', { page: location.pathname });
`;

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function track(host: LoopbackHost, handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    host.requests.push(`${req.method} ${req.url}`);
    host.userAgent ??= req.headers['user-agent'];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  };
}

const apiHandler: Handler = (req, _body, res) => {
  const json = { 'x-powered-by': 'Express', server: 'nginx/1.18.0' };
  if (req.method === 'GET' && req.url === '/v3/api-docs') return send(res, 200, 'application/json', JSON.stringify(OPENAPI_DOC), json);
  if (req.url === '/') return send(res, 200, 'application/json', '{"status":"ok"}', json);
  if (req.url === '/api' || req.url?.startsWith('/api/orders')) {
    return send(res, 401, 'application/json', '{"error":"unauthorized"}', { ...json, 'www-authenticate': 'Bearer realm="orders"' });
  }
  send(res, 404, 'application/json', '{"error":"not found"}', json);
};

const graphqlHandler: Handler = (req, body, res) => {
  if (req.method === 'POST' && req.url === '/graphql') {
    let query = '';
    try {
      query = String((JSON.parse(body) as { query?: unknown }).query ?? '');
    } catch {
      return send(res, 400, 'application/json', '{"errors":[{"message":"invalid JSON"}]}');
    }
    if (query.includes('__schema')) return send(res, 200, 'application/json', JSON.stringify(INTROSPECTION));
    if (query.includes('__typename')) return send(res, 200, 'application/json', '{"data":{"__typename":"Query"}}');
    return send(res, 400, 'application/json', '{"errors":[{"message":"unknown query"}]}');
  }
  send(res, 404, 'text/plain', 'Not Found');
};

const appHandler: Handler = (req, _body, res) => {
  if (req.url === '/') {
    return send(
      res,
      200,
      'text/html; charset=utf-8',
      '<!doctype html><html><head><title>App</title><script src="/static/app.js" defer></script>' +
        '<script src="http://cdn.outside.other.test/lib.js"></script></head><body><div id="root"></div>' +
        '<script>window.__CONFIG__ = { theme: "dark" };</script></body></html>',
    );
  }
  if (req.url === '/static/app.js') return send(res, 200, 'application/javascript', APP_BUNDLE);
  // a redirect towards a host outside the scope: must never be followed
  if (req.url === '/api/openapi.json') return send(res, 302, 'text/plain', 'moved', { location: 'http://outside.other.test/openapi.json' });
  send(res, 404, 'text/html', '<h1>Not found</h1>');
};

const wwwHandler: Handler = (req, _body, res) => {
  if (req.url === '/') {
    return send(
      res,
      200,
      'text/html; charset=utf-8',
      '<!doctype html><html><head><title>Corp</title><link rel="stylesheet" href="/style.css"></head><body><h1>Welcome</h1><a href="/about">About us</a></body></html>',
    );
  }
  if (req.url === '/robots.txt') return send(res, 200, 'text/plain', 'User-agent: *\nDisallow: /private/\n');
  if (req.url === '/style.css') return send(res, 200, 'text/css', 'body{font-family:serif}');
  send(res, 404, 'text/html', '<h1>Page not found</h1>');
};

const secureHandler: Handler = (req, _body, res) => {
  if (req.url === '/') return send(res, 200, 'text/html', '<html><body>Partner portal</body></html>');
  if (req.url === '/api') return send(res, 401, 'application/json', '{"message":"token required"}', { 'www-authenticate': 'Bearer' });
  send(res, 404, 'text/plain', 'nothing here');
};

async function listen(server: Server | NetServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function newHost(name: string): LoopbackHost {
  return { name, port: 0, connections: 0, requests: [] };
}

/** A self-signed certificate for `names` (the first is the subject), or undefined without `openssl`. */
export function selfSignedCertificate(names: readonly string[]): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
        '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      ],
      { stdio: 'ignore', timeout: 20_000 },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the hosts; `secure` is absent when no certificate could be made. */
export async function startDiscoveryHosts(domain = 'corp.test'): Promise<DiscoveryHosts> {
  const servers: Array<Server | NetServer> = [];
  const mk = async (key: 'api' | 'graphql' | 'app' | 'www', handler: Handler): Promise<LoopbackHost> => {
    const host = newHost(`${key}.${domain}`);
    const server = createServer(track(host, handler));
    server.on('connection', () => host.connections++);
    servers.push(server);
    (host as { port: number }).port = await listen(server);
    return host;
  };
  const api = await mk('api', apiHandler);
  const graphql = await mk('graphql', graphqlHandler);
  const app = await mk('app', appHandler);
  const www = await mk('www', wwwHandler);

  const outside = newHost('outside.other.test');
  const trap = createNetServer((socket) => {
    outside.connections++;
    socket.destroy();
  });
  servers.push(trap);
  (outside as { port: number }).port = await listen(trap);

  let secure: LoopbackHost | undefined;
  const cert = selfSignedCertificate([`secure.${domain}`, `hidden-gw.${domain}`, 'outside.other.test']);
  if (cert) {
    secure = newHost(`secure.${domain}`);
    const s = secure;
    const server = createHttpsServer({ key: cert.key, cert: cert.cert }, track(s, secureHandler));
    server.on('connection', () => s.connections++);
    servers.push(server);
    (s as { port: number }).port = await listen(server);
  }

  const connectTo: string[] = [];
  const names: string[] = ['outside.other.test'];
  for (const h of [api, graphql, app, www]) {
    names.push(h.name);
    connectTo.push(`${h.name}:443::${h.port}`, `${h.name}:80::${h.port}`);
  }
  if (secure) {
    for (const name of [secure.name, `hidden-gw.${domain}`]) {
      names.push(name);
      connectTo.push(`${name}:443::${secure.port}`, `${name}:80::${secure.port}`);
    }
  }
  connectTo.push(`outside.other.test:443::${outside.port}`, `outside.other.test:80::${outside.port}`, `cdn.outside.other.test:80::${outside.port}`);

  return {
    hosts: { api, graphql, app, www, outside, ...(secure ? { secure } : {}) },
    names,
    connectTo,
    close: async () => {
      for (const s of servers) {
        (s as Server).closeAllConnections?.();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
