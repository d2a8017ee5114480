/**
 * The tap end to end over loopback sockets: exchanges through the gateway fill the live inventory in the
 * database (persisted at shutdown), response schemas are learned from streamed bodies, credentials and card
 * numbers sent through the gateway never reach the database in clear, and requests the gateway answered itself
 * are not learned. Also: `rampart inventory list --db` reads what the gateway wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { send, startTestGateway, startUpstream, type Upstream } from './support/gateway-harness.js';

const CARD = '4111111111111111';
const API_KEY = 'sk_live_51HxTapTestSecretValue0123456789';

function api(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const m = /^\/api\/users\/(\d+)/.exec(req.url ?? '');
    if (m) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: Number(m[1]), name: `user ${m[1]}`, email: `user${m[1]}@example.com`, card: CARD }));
      return;
    }
    if (req.url === '/api/orders' && req.method === 'POST') {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ orderId: 'o-1', ok: true }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
}

describe('the tap: live inventory through the gateway', () => {
  let up: Upstream;
  let dir: string;
  let db: string;

  beforeAll(async () => {
    up = await startUpstream(api);
    dir = mkdtempSync(join(tmpdir(), 'rampart-tap-'));
    db = join(dir, 'rampart.db');
    const store = openSqliteStore(db);
    const g = await startTestGateway({ upstream: up.url, config: 'mode: block\nipList: { deny: [203.0.113.0/24] }\ntrustedProxies: [127.0.0.1]', runtime: { store } });
    try {
      for (let i = 1; i <= 12; i++) {
        const r = await send(`${g.url}/api/users/${100 + i}?api_key=${API_KEY}`, { headers: { authorization: `Bearer ${API_KEY}`, accept: 'application/json' } });
        expect(r.status).toBe(200);
      }
      for (let i = 0; i < 3; i++) {
        const r = await send(`${g.url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'A-1', qty: 2, card: CARD }) });
        expect(r.status).toBe(201);
      }
      // answered by the gateway itself (denied address): analysed, not learned
      const denied = await send(`${g.url}/api/secret-admin`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(denied.status).toBe(403);
      const stats = g.gw.tap?.stats();
      expect(stats?.dropped).toBe(0);
    } finally {
      await g.close();
      store.close();
    }
  });

  afterAll(async () => {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('persists the endpoints seen, with learned templates and response schemas', () => {
    const store = openSqliteStore(db);
    try {
      const eps = store.listEndpoints().map((r) => r.endpoint);
      const users = eps.find((e) => e.method === 'GET' && e.path.startsWith('/api/users/{'));
      expect(users, eps.map((e) => e.key).join(', ')).toBeDefined();
      expect(users?.hits).toBe(12);
      expect(users?.statusCodes).toEqual({ '200': 12 });
      const schema = JSON.stringify(users?.responses[0]?.schema);
      expect(schema).toContain('"email"');
      expect(users?.sensitive.some((s) => s.type === 'payment-card')).toBe(true);
      const orders = eps.find((e) => e.method === 'POST' && e.path === '/api/orders');
      expect(orders?.hits).toBe(3);
      expect(JSON.stringify(orders?.requestBodies[0]?.schema)).toContain('"sku"');
      expect(eps.some((e) => e.path.includes('secret-admin'))).toBe(false);
    } finally {
      store.close();
    }
  });

  it('never writes the credentials or card numbers it saw in clear', () => {
    const store = openSqliteStore(db);
    try {
      const dump = JSON.stringify(store.listEndpoints());
      expect(dump).not.toContain(API_KEY);
      expect(dump).not.toContain(CARD);
      expect(dump).toContain('[REDACTED]');
    } finally {
      store.close();
    }
  });

  it('`rampart inventory list --db` shows them', async () => {
    const io = createCaptureIo(dir);
    const code = await main(['node', 'rampart', 'inventory', 'list', '--db', db], io);
    expect(code, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/\/api\/users\/\{\w+\}/);
    expect(io.stdout).toContain('/api/orders');
  });
});

describe('the tap persists periodically, not only at shutdown', () => {
  it('writes the live inventory every persistEverySec while running', async () => {
    const up = await startUpstream(api);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-tap-'));
    const db = join(dir, 'live.db');
    const store = openSqliteStore(db);
    const g = await startTestGateway({ upstream: up.url, config: 'tap: { persistEverySec: 1 }', runtime: { store } });
    try {
      for (let i = 1; i <= 3; i++) expect((await send(`${g.url}/api/users/${i}`)).status).toBe(200);
      const reader = openSqliteStore(db);
      try {
        const until = Date.now() + 4000;
        let paths: string[] = [];
        while (paths.length === 0 && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          paths = reader.listEndpoints().map((r) => r.endpoint.path);
        }
        expect(paths).toHaveLength(1);
        expect(paths[0]).toMatch(/^\/api\/users\//);
      } finally {
        reader.close();
      }
    } finally {
      await g.close();
      store.close();
      await up.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the tap with a spec', () => {
  it('registers the spec, so live endpoints are documented or shadow', async () => {
    const up = await startUpstream(api);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-tap-'));
    const db = join(dir, 'spec.db');
    const store = openSqliteStore(db);
    const spec = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /api/users/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
`;
    const g = await startTestGateway({ upstream: up.url, spec, config: 'mode: monitor', runtime: { store } });
    try {
      for (let i = 1; i <= 3; i++) await send(`${g.url}/api/users/${i}`);
      await send(`${g.url}/api/orders`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    } finally {
      await g.close();
    }
    try {
      const byPath = Object.fromEntries(store.listEndpoints().map((r) => [`${r.endpoint.method} ${r.endpoint.path}`, r.endpoint.status]));
      expect(byPath['GET /api/users/{id}']).toBe('documented');
      expect(byPath['POST /api/orders']).toBe('shadow');
      expect(store.listSpecs()[0]?.file).toBe(join(g.dir, 'openapi.yaml'));
    } finally {
      store.close();
      await up.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the tap with a database: threat records', () => {
  it('saves behaviour detections and their actor, readable with `rampart threats`', async () => {
    const login = (req: IncomingMessage, res: ServerResponse): void => {
      req.resume();
      req.on('end', () => {
        res.writeHead(req.url === '/api/auth/login' ? 401 : 200, { 'content-type': 'application/json' });
        res.end(req.url === '/api/auth/login' ? '{"error":"invalid credentials"}' : '{"ok":true}');
      });
    };
    const up = await startUpstream(login);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-tap-'));
    const db = join(dir, 'threats.db');
    const store = openSqliteStore(db);
    const g = await startTestGateway({ upstream: up.url, config: 'mode: monitor\ntrustedProxies: [127.0.0.1]', runtime: { store } });
    try {
      for (let i = 0; i < 40; i++) {
        const r = await send(`${g.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77', 'user-agent': 'python-requests/2.31.0' },
          body: JSON.stringify({ username: 'alice@example.com', password: `guess-${i}` }),
        });
        expect(r.status).toBe(401);
      }
      // inline signature matches count for the sender too (monitor mode: passed, flagged, recorded)
      for (let i = 0; i < 3; i++) {
        await send(`${g.url}/api/items?q=${encodeURIComponent(`1' or '1'='1' union select password from users--`)}`, { headers: { 'x-forwarded-for': '198.51.100.88' } });
      }
    } finally {
      await g.close();
      store.close();
    }
    try {
      const io = createCaptureIo(dir);
      const code = await main(['node', 'rampart', 'threats', 'list', '--db', db, '--format', 'json'], io);
      expect(code).toBe(0);
      const listed = JSON.parse(io.stdout) as unknown;
      const text = JSON.stringify(listed);
      expect(text).toContain('198.51.100.77');
      expect(text).toMatch(/brute-force/);
      const sqli = openSqliteStore(db);
      try {
        expect(sqli.listDetections({ class: 'sqli' }).map((d) => d.actor)).toContain('ip:198.51.100.88');
      } finally {
        sqli.close();
      }
      // the guessed passwords never reach the threat records
      expect(text).not.toContain('guess-');
    } finally {
      await up.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the tap in block mode', () => {
  it('learns the requests the spec blocked (undocumented endpoints clients call), not the gateway answer', async () => {
    const up = await startUpstream(api);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-tap-'));
    const store = openSqliteStore(join(dir, 'block.db'));
    const spec = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /api/users/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
`;
    const g = await startTestGateway({ upstream: up.url, spec, config: 'mode: block', runtime: { store } });
    try {
      expect((await send(`${g.url}/api/users/1`)).status).toBe(200);
      for (let i = 0; i < 2; i++) {
        const r = await send(`${g.url}/api/orders`, { method: 'POST', body: '{"sku":"A-1"}', headers: { 'content-type': 'application/json' } });
        expect(r.status).toBe(404);
      }
    } finally {
      await g.close();
    }
    try {
      const orders = store.listEndpoints().find((r) => r.endpoint.method === 'POST' && r.endpoint.path === '/api/orders')?.endpoint;
      expect(orders?.status).toBe('shadow');
      expect(orders?.hits).toBe(2);
      // the gateway's own 404 is not the API's answer
      expect(orders?.statusCodes).toEqual({});
    } finally {
      store.close();
      await up.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
