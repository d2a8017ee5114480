/**
 * Seeded synthetic traffic files for the ingest benchmarks: a HAR of N entries with ~2 KB JSON bodies
 * (pretty-printed like a browser export), and nginx/Apache combined or Envoy access logs of N lines.
 * Files are written in batches, never held whole, so the generator itself stays small for large files.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRandom } from '../src/core/seeded-random.js';
export { createRandom };

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa'];
const PATHS = ['/api/v1/users/{id}', '/api/v1/users/{id}/orders', '/api/v1/orders/{id}', '/api/v1/products', '/api/v1/products/{id}/reviews', '/api/v1/search', '/api/v1/cart', '/api/v1/login'];
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  'curl/8.4.0',
  'python-requests/2.31.0',
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function path(rnd: () => number): string {
  return pick(rnd, PATHS).replace('{id}', String(1 + Math.floor(rnd() * 100_000)));
}

/** A JSON body of about `bytes` bytes: a list of records with names, e-mails, numbers and nested objects. */
function jsonBody(rnd: () => number, bytes: number): string {
  const items: unknown[] = [];
  let size = 20;
  while (size < bytes) {
    const w = pick(rnd, WORDS);
    const item = { id: Math.floor(rnd() * 1e6), name: `${w} ${pick(rnd, WORDS)}`, email: `${w}${Math.floor(rnd() * 1000)}@example.com`, price: Math.round(rnd() * 10_000) / 100, tags: [pick(rnd, WORDS), pick(rnd, WORDS)], active: rnd() > 0.5, address: { city: pick(rnd, WORDS), zip: String(10000 + Math.floor(rnd() * 89999)) } };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return JSON.stringify({ data: items, total: items.length, page: 1 });
}

function harEntry(rnd: () => number, i: number, bodyBytes: number): unknown {
  const post = rnd() < 0.25;
  const t = Date.UTC(2024, 0, 1) + i * 137;
  const body = jsonBody(rnd, bodyBytes);
  return {
    startedDateTime: new Date(t).toISOString(),
    time: Math.round(rnd() * 20000) / 100,
    request: {
      method: post ? 'POST' : 'GET',
      url: `https://api.example.com${path(rnd)}?page=${Math.floor(rnd() * 10)}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        { name: 'Host', value: 'api.example.com' },
        { name: 'User-Agent', value: pick(rnd, UAS) },
        { name: 'Accept', value: 'application/json' },
        { name: 'Accept-Encoding', value: 'gzip, deflate, br' },
        { name: 'Authorization', value: `Bearer eyJhbGciOiJIUzI1NiJ9.${Buffer.from(`{"sub":"${i}"}`).toString('base64url')}.sig` },
        { name: 'X-Request-Id', value: `${i.toString(16)}-${Math.floor(rnd() * 1e9).toString(16)}` },
        ...(post ? [{ name: 'Content-Type', value: 'application/json' }] : []),
      ],
      queryString: [{ name: 'page', value: '1' }],
      ...(post ? { postData: { mimeType: 'application/json', text: JSON.stringify({ name: pick(rnd, WORDS), qty: Math.floor(rnd() * 10) }) } } : {}),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: rnd() < 0.9 ? 200 : 404,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        { name: 'Content-Type', value: 'application/json; charset=utf-8' },
        { name: 'Content-Length', value: String(body.length) },
        { name: 'Date', value: new Date(t).toUTCString() },
        { name: 'Cache-Control', value: 'no-store' },
      ],
      content: { size: body.length, mimeType: 'application/json', text: body },
      redirectURL: '',
      headersSize: -1,
      bodySize: body.length,
    },
    cache: {},
    timings: { blocked: 0.5, dns: -1, connect: -1, ssl: -1, send: 0.1, wait: 12.3, receive: 0.4 },
    serverIPAddress: '203.0.113.10',
  };
}

/** Writes a HAR of `entries` entries (~`bodyBytes` JSON response bodies) to `file`; returns its size in bytes. */
export function writeSyntheticHar(file: string, entries: number, seed = 42, bodyBytes = 2048): number {
  const rnd = createRandom(seed);
  const fd = openSync(file, 'w');
  let size = 0;
  const write = (s: string): void => {
    size += writeSync(fd, s);
  };
  try {
    write('{\n  "log": {\n    "version": "1.2",\n    "creator": {"name": "rampart-bench", "version": "1"},\n    "pages": [],\n    "entries": [\n');
    let batch: string[] = [];
    for (let i = 0; i < entries; i++) {
      batch.push(JSON.stringify(harEntry(rnd, i, bodyBytes), null, 2).replace(/^/gm, '      '));
      if (batch.length === 500 || i === entries - 1) {
        write(batch.join(',\n') + (i === entries - 1 ? '\n' : ',\n'));
        batch = [];
      }
    }
    write('    ]\n  }\n}\n');
  } finally {
    closeSync(fd);
  }
  return size;
}

/** Writes a HAR of about `megabytes` MB; returns the entry count and the size. */
export function writeSyntheticHarOfSize(file: string, megabytes: number, seed = 7): { entries: number; bytes: number } {
  // one pretty-printed entry with a 2 KB body is about 4.8 KB
  const entries = Math.max(1, Math.round((megabytes * 1024 * 1024) / 4800));
  return { entries, bytes: writeSyntheticHar(file, entries, seed) };
}

function ip(rnd: () => number): string {
  return rnd() < 0.1 ? `2001:db8::${Math.floor(rnd() * 65535).toString(16)}` : `${Math.floor(rnd() * 223) + 1}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clfTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Writes `lines` lines of a combined (`kind: 'combined'`) or Envoy default-format log; returns its size in bytes. */
export function writeSyntheticLog(file: string, lines: number, kind: 'combined' | 'envoy', seed = 42): number {
  const rnd = createRandom(seed);
  const fd = openSync(file, 'w');
  let size = 0;
  try {
    let batch: string[] = [];
    for (let i = 0; i < lines; i++) {
      const t = Date.UTC(2024, 0, 1) + i * 37;
      const method = rnd() < 0.8 ? 'GET' : 'POST';
      const status = rnd() < 0.9 ? 200 : pick(rnd, [301, 304, 404, 500]);
      const ua = pick(rnd, UAS);
      const target = `${path(rnd)}?q=${pick(rnd, WORDS)}&n=${Math.floor(rnd() * 1000)}`;
      batch.push(
        kind === 'combined'
          ? `${ip(rnd)} - - [${clfTime(t)}] "${method} ${target} HTTP/1.1" ${status} ${Math.floor(rnd() * 50_000)} "https://www.example.com/${pick(rnd, WORDS)}" "${ua}"`
          : `[${new Date(t).toISOString()}] "${method} ${target} HTTP/1.1" ${status} - ${method === 'POST' ? Math.floor(rnd() * 2000) : 0} ${Math.floor(rnd() * 50_000)} ${Math.floor(rnd() * 300)} ${Math.floor(rnd() * 250)} "${ip(rnd)}" "${ua}" "${Math.floor(rnd() * 1e12).toString(16)}-${i.toString(16)}" "api.example.com" "10.0.${Math.floor(rnd() * 4)}.${Math.floor(rnd() * 250)}:8080"`,
      );
      if (batch.length === 2000 || i === lines - 1) {
        size += writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
  } finally {
    closeSync(fd);
  }
  return size;
}
