import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../core/index.js';
import { openSource } from '../read-source.js';
import { harClosing, harEntry, harOpening, serializeHar } from './serialize-har.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-har-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exchanges: Exchange[] = [
  {
    time: Date.UTC(2026, 0, 1, 12, 0, 0),
    durationMs: 12,
    client: { ip: '203.0.113.7' },
    request: {
      method: 'POST',
      scheme: 'http',
      host: 'shop.example:8080',
      target: '/api/v2/orders?ref=a%20b&x',
      headers: [['content-type', 'application/json'], ['authorization', 'Bearer demo']],
      body: { text: '{"productId":3,"quantity":1}', size: 28, truncated: false },
      httpVersion: 'HTTP/1.1',
    },
    response: {
      status: 201,
      headers: [['content-type', 'application/json; charset=utf-8'], ['location', '/api/v2/orders/9']],
      body: { text: '{"id":9}', size: 8, truncated: false },
    },
    source: { kind: 'test' },
  },
  {
    time: Date.UTC(2026, 0, 1, 12, 0, 1),
    client: {},
    request: { method: 'GET', scheme: 'https', host: 'shop.example', target: '/logo.png', headers: [] },
    response: { status: 200, headers: [['content-type', 'image/png']], body: { text: 'iVBORw0KGgo=', encoding: 'base64', size: 8, truncated: false } },
    source: { kind: 'test' },
  },
  {
    time: Date.UTC(2026, 0, 1, 12, 0, 2),
    client: { ip: '198.51.100.1' },
    request: { method: 'GET', scheme: 'http', host: 'shop.example', target: '/slow', headers: [['user-agent', 'x']] },
    source: { kind: 'test' },
  },
];

interface HarEntryJson {
  request: { url: string; queryString: unknown };
  response: { status: number; statusText: string; redirectURL: string };
}

async function readBack(text: string, name: string): Promise<Exchange[]> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const source = await openSource(file);
  expect(source.format).toBe('har');
  const out: Exchange[] = [];
  for await (const ev of source.events) {
    expect(ev.kind).not.toBe('skipped');
    if (ev.kind === 'exchange') out.push(ev.exchange);
  }
  return out;
}

describe('serializeHar', () => {
  it('writes HAR 1.2 that the HAR source reads back to the same exchanges', async () => {
    const text = serializeHar(exchanges, { name: 'rampart-test', version: '0' });
    const doc = JSON.parse(text) as { log: { version: string; creator: { name: string }; entries: HarEntryJson[] } };
    expect(doc.log.version).toBe('1.2');
    expect(doc.log.creator.name).toBe('rampart-test');
    expect(doc.log.entries[0]!.request.url).toBe('http://shop.example:8080/api/v2/orders?ref=a%20b&x');
    expect(doc.log.entries[0]!.request.queryString).toEqual([{ name: 'ref', value: 'a b' }, { name: 'x', value: '' }]);
    expect(doc.log.entries[0]!.response.statusText).toBe('Created');
    expect(doc.log.entries[0]!.response.redirectURL).toBe('/api/v2/orders/9');
    expect(doc.log.entries[2]!.response.status).toBe(0);

    const back = await readBack(text, 'a.har');
    expect(back).toHaveLength(3);
    const [a, b, c] = back as [Exchange, Exchange, Exchange];
    expect(a.time).toBe(exchanges[0]!.time);
    expect(a.durationMs).toBe(12);
    expect(a.client.ip).toBe('203.0.113.7');
    expect(a.request).toMatchObject({ method: 'POST', scheme: 'http', host: 'shop.example:8080', target: '/api/v2/orders?ref=a%20b&x' });
    expect(a.request.headers).toEqual(exchanges[0]!.request.headers);
    expect(a.request.body?.text).toBe('{"productId":3,"quantity":1}');
    expect(a.response?.status).toBe(201);
    expect(a.response?.body?.text).toBe('{"id":9}');
    expect(b.request.host).toBe('shop.example');
    expect(b.request.scheme).toBe('https');
    expect(b.response?.body).toMatchObject({ encoding: 'base64', text: 'iVBORw0KGgo=' });
    expect(c.response).toBeUndefined();
    expect(c.client.ip).toBe('198.51.100.1');
  });

  it('streams: opening + entries + closing is the same document', async () => {
    const text = harOpening({ name: 'x', version: '1' }) + exchanges.map(harEntry).join(',\n') + '\n' + harClosing();
    expect(text).toBe(serializeHar(exchanges, { name: 'x', version: '1' }));
    expect(await readBack(serializeHar([], { name: 'x', version: '1' }), 'empty.har')).toEqual([]);
  });
});
