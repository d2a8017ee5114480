/**
 * Transparency: replaying the requests of every HAR in ../shared/corpora/har-samples through the gateway (no spec,
 * monitor mode) changes no response byte compared with going direct. The upstream replays each entry's recorded
 * response (status, reason, headers, body); both paths hit the same upstream, and the status line, every
 * end-to-end header (name case and order included) and every body byte must be identical. Hop-by-hop fields
 * (Connection, Keep-Alive, Transfer-Encoding) belong to each connection and are not compared.
 * Skipped entries: WebSocket upgrades (101), entries without a response (status 0) and CONNECT.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, skipMessage } from './support/shared-corpora.js';
import { send, startTestGateway, startUpstream, type Reply, type TestGateway, type Upstream } from './support/gateway-harness.js';

interface HarHeader { name: string; value: string }
interface HarEntry {
  request: { method: string; url: string; headers?: HarHeader[]; postData?: { text?: string } };
  response: { status: number; statusText?: string; headers?: HarHeader[]; content?: { text?: string; encoding?: string } };
}

const dir = corpus('har-samples');
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);
const validName = (n: string) => {
  try {
    validateHeaderName(n);
    return !n.startsWith(':');
  } catch {
    return false;
  }
};
const validValue = (n: string, v: string) => {
  try {
    validateHeaderValue(n, v);
    return true;
  } catch {
    return false;
  }
};

function readEntries(): Array<{ file: string; index: number; entry: HarEntry }> {
  const out: Array<{ file: string; index: number; entry: HarEntry }> = [];
  const files = [join(dir!, 'juiceshop-akto.har'), ...readdirSync(join(dir!, 'mitmproxy')).filter((f) => f.endsWith('.har')).map((f) => join(dir!, 'mitmproxy', f))];
  for (const file of files) {
    let doc: { log?: { entries?: HarEntry[] } };
    try {
      doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as typeof doc;
    } catch {
      continue; // the corpus' deliberately broken files
    }
    (doc.log?.entries ?? []).forEach((entry, index) => {
      const status = entry?.response?.status;
      if (!entry?.request?.method || !entry.request.url || !status || status < 200 || status > 599) return;
      if (entry.request.method === 'CONNECT') return;
      out.push({ file, index, entry });
    });
  }
  return out;
}

function endToEnd(r: Reply): string[] {
  const out: string[] = [];
  for (let i = 0; i < r.rawHeaders.length; i += 2) if (!HOP.has((r.rawHeaders[i] as string).toLowerCase())) out.push(`${r.rawHeaders[i]}: ${r.rawHeaders[i + 1]}`);
  return out;
}

describe.skipIf(!dir)('HAR replay through the gateway changes no response byte', () => {
  if (!dir) it.skip(skipMessage('the HAR replay test'), () => {});
  let entries: ReturnType<typeof readEntries> = [];
  let up: Upstream;
  let g: TestGateway;
  beforeAll(async () => {
    entries = readEntries();
    up = await startUpstream((req, res) => {
      const n = Number(req.headers['x-har-entry']);
      const e = entries[n]?.entry;
      req.resume();
      req.on('end', () => {
        if (!e) {
          res.sendDate = false;
          res.writeHead(500, { 'x-replay-miss': String(req.headers['x-har-entry']) });
          res.end();
          return;
        }
        res.sendDate = false;
        const headers: string[] = [];
        for (const h of e.response.headers ?? []) {
          const lower = h.name.toLowerCase();
          if (HOP.has(lower) || lower === 'content-length' || lower === 'content-encoding' || !validName(h.name) || !validValue(h.name, h.value)) continue;
          headers.push(h.name, h.value);
        }
        const c = e.response.content;
        const body = c?.text ? Buffer.from(c.text, c.encoding === 'base64' ? 'base64' : 'utf8') : Buffer.alloc(0);
        const bodyless = req.method === 'HEAD' || e.response.status === 204 || e.response.status === 304;
        if (!bodyless) headers.push('Content-Length', String(body.length));
        res.writeHead(e.response.status, e.response.statusText || undefined, headers);
        res.end(bodyless ? undefined : body);
      });
    });
    g = await startTestGateway({ upstream: up.url, config: 'mode: monitor' });
  });
  afterAll(async () => {
    await g?.close();
    await up?.close();
  });

  it('every replayed entry answers the same bytes through the gateway as direct', async () => {
    expect(entries.length).toBeGreaterThan(80);
    let compared = 0;
    for (let n = 0; n < entries.length; n++) {
      const { entry, file, index } = entries[n]!;
      const u = new URL(entry.request.url);
      const headers: string[] = [];
      for (const h of entry.request.headers ?? []) {
        const lower = h.name.toLowerCase();
        if (HOP.has(lower) || lower === 'host' || lower === 'content-length' || lower === 'expect' || !validName(h.name) || !validValue(h.name, h.value)) continue;
        headers.push(h.name, h.value);
      }
      // the recorded Host on both paths (the gateway preserves it); raw header arrays get no Host from node:http
      headers.push('Host', u.host, 'x-har-entry', String(n));
      const body = entry.request.postData?.text;
      const opts = { method: entry.request.method, headers, ...(body ? { body } : {}) };
      const direct = await send(`${up.url}${u.pathname}${u.search}`, opts);
      const via = await send(`${g.url}${u.pathname}${u.search}`, opts);
      const where = `${file.split('/').pop()} entry ${index} (${entry.request.method} ${u.pathname})`;
      // the replay itself worked on both paths (not a miss of the upstream's lookup)
      expect(direct.headers['x-replay-miss'], where).toBeUndefined();
      expect(direct.status, where).toBe(entry.response.status);
      expect(via.status, where).toBe(direct.status);
      expect(via.statusMessage, where).toBe(direct.statusMessage);
      expect(endToEnd(via), where).toEqual(endToEnd(direct));
      expect(via.body.equals(direct.body), `${where}: body bytes differ`).toBe(true);
      compared++;
    }
    expect(compared).toBe(entries.length);
    // monitor mode: nothing was blocked
    expect(g.log.events('blocked')).toHaveLength(0);
  });
});
