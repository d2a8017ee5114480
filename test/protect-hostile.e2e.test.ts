/**
 * Hostile input against the gateway over real sockets: slow headers (slowloris), oversized heads and bodies,
 * malformed chunked encoding, invalid and deeply nested JSON, 10k query parameters. Each is refused with the
 * right status, quickly, and the gateway keeps serving other clients.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoHandler, send, startTestGateway, startUpstream, type TestGateway, type Upstream } from './support/gateway-harness.js';

const SPEC = `
openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, properties: { id: { type: integer }, note: { type: string } } }
      responses: { '200': { description: ok } }
    get:
      parameters: [{ name: page, in: query, schema: { type: integer } }]
      responses: { '200': { description: ok } }
`;

/** Writes raw bytes and collects the answer until the server closes or `ms` pass. */
function raw(port: number, write: (s: Socket) => void, ms = 4_000): Promise<{ text: string; closed: boolean; elapsed: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const end = (closed: boolean) => {
      if (done) return;
      done = true;
      s.destroy();
      resolve({ text, closed, elapsed: Date.now() - t0 });
    };
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('close', () => end(true));
    s.on('error', () => end(true));
    setTimeout(() => end(false), ms);
    write(s);
  });
}

describe('hostile input', () => {
  let up: Upstream;
  let g: TestGateway;
  let hits = 0;
  beforeAll(async () => {
    up = await startUpstream((req, res) => {
      hits++;
      echoHandler(req, res);
    });
    g = await startTestGateway({
      upstream: up.url,
      spec: SPEC,
      config: 'mode: block\nlimits: { maxBodyBytes: 65536, headersTimeoutMs: 500, requestTimeoutMs: 1500, maxHeaderBytes: 8192, maxHeaders: 50 }',
    });
  });
  afterAll(async () => {
    await g.close();
    await up.close();
  });

  it('cuts slowloris clients that trickle headers, and keeps serving others meanwhile', async () => {
    const slow = raw(g.port, (s) => {
      s.write('GET /orders HTTP/1.1\r\nhost: x\r\n');
      let i = 0;
      const t = setInterval(() => {
        if (s.destroyed || i++ > 40) return clearInterval(t);
        s.write(`x-slow-${i}: a\r\n`);
      }, 100);
    }, 5_000);
    const meanwhile = await send(`${g.url}/orders?page=1`);
    expect(meanwhile.status).toBe(200);
    const r = await slow;
    expect(r.closed).toBe(true);
    expect(r.elapsed).toBeLessThan(3_500);
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.text).toContain('proxy.request-timeout');
  });

  it('refuses oversized heads (431) and too many header fields (431)', async () => {
    const big = await send(`${g.url}/orders`, { headers: { 'x-big': 'a'.repeat(10_000) }, agent: false });
    expect(big.status).toBe(431);
    expect(big.text()).toContain('proxy.header-too-large');
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`x-h${i}`] = '1';
    const r = await send(`${g.url}/orders?page=1`, { headers: many, agent: false });
    expect(r.status).toBe(431);
    expect(r.json().rule).toBe('proxy.too-many-headers');
  });

  it('refuses oversized bodies with 413, announced or chunked, and closes the connection', async () => {
    const before = hits;
    const announced = await send(`${g.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"note":"${'a'.repeat(70_000)}"}`, agent: false });
    expect(announced.status).toBe(413);
    expect(announced.json().rule).toBe('proxy.body-too-large');
    expect(announced.headers.connection).toBe('close');
    const chunked = await raw(g.port, (s) => {
      s.write('POST /orders HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
      const chunk = 'a'.repeat(16_000);
      for (let i = 0; i < 6; i++) s.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    });
    expect(chunked.text).toMatch(/^HTTP\/1\.1 413/);
    // nothing of a refused body reaches the upstream
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toBe(before);
    // a streamed body (no filter needs it) over the limit is cut too
    const up2 = await startUpstream(echoHandler);
    const g2 = await startTestGateway({ upstream: up2.url, config: 'mode: block\nsignatures: { enabled: false }\nlimits: { maxBodyBytes: 1000 }' });
    try {
      const streamed = await raw(g2.port, (s) => {
        s.write('POST /any HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n');
        for (let i = 0; i < 5; i++) s.write(`400\r\n${'b'.repeat(1024)}\r\n`);
        s.write('0\r\n\r\n');
      });
      expect(streamed.text).toMatch(/^HTTP\/1\.1 413/);
      const small = await send(`${g2.url}/any`, { method: 'POST', body: 'x'.repeat(900) });
      expect(small.status).toBe(200);
    } finally {
      await g2.close();
      await up2.close();
    }
  });

  it('refuses malformed chunked encoding with 400', async () => {
    const r = await raw(g.port, (s) => s.write('POST /orders HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'));
    expect(r.text).toMatch(/^HTTP\/1\.1 400/);
    expect(r.text).toContain('proxy.bad-request');
    const smuggle = await raw(g.port, (s) => s.write('POST /orders HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n'));
    expect(smuggle.text).toMatch(/^HTTP\/1\.1 400/);
  });

  it('refuses invalid JSON and deeply nested JSON quickly with 400', async () => {
    const invalid = await send(`${g.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": 1,,}' });
    expect(invalid.status).toBe(400);
    expect(invalid.json().rule).toBe('spec.invalid-body');
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    const t0 = Date.now();
    const nested = await send(`${g.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
    expect(nested.status).toBe(400);
    expect(Date.now() - t0).toBeLessThan(2_000);
    const deepObj = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const nested2 = await send(`${g.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deepObj });
    expect([400, 403]).toContain(nested2.status);
    expect((await send(`${g.url}/orders?page=2`)).status).toBe(200);
  });

  it('handles 10k query parameters: 431 within the head limit, 400 when the limit allows them', async () => {
    const q = Array.from({ length: 10_000 }, (_, i) => `p${i}=${i}`).join('&');
    const r = await send(`${g.url}/orders?${q}`, { agent: false });
    expect(r.status).toBe(431);
    const up2 = await startUpstream(echoHandler);
    const g2 = await startTestGateway({ upstream: up2.url, spec: SPEC, config: 'mode: block\nlimits: { maxHeaderBytes: 262144 }' });
    try {
      const t0 = Date.now();
      const r2 = await send(`${g2.url}/orders?${q}`, { agent: false });
      expect(r2.status).toBe(400);
      expect(r2.json().rule).toBe('spec.unknown-parameter');
      expect(Date.now() - t0).toBeLessThan(2_000);
    } finally {
      await g2.close();
      await up2.close();
    }
  });

  it('refuses a non-HTTP request-target and binary garbage without crashing', async () => {
    const bad = await raw(g.port, (s) => s.write('GET ftp://x/ HTTP/1.1\r\nhost: x\r\n\r\n'));
    expect(bad.text).toMatch(/^HTTP\/1\.1 400/);
    const garbage = await raw(g.port, (s) => s.write(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10])));
    expect(garbage.text).toMatch(/^HTTP\/1\.1 400/);
    expect((await send(`${g.url}/orders?page=3`)).status).toBe(200);
  });
});
