import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { RampartError, type SourceEvent } from '../core/index.js';
import { openSource, type SourceOptions } from './read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: string | Buffer, name = `f${++n}`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function events(path: string, options?: SourceOptions): Promise<SourceEvent[]> {
  const src = await openSource(path, options);
  const out: SourceEvent[] = [];
  for await (const e of src.events) out.push(e);
  return out;
}

function kinds(evs: readonly SourceEvent[]): string[] {
  return evs.filter((e) => e.kind !== 'progress').map((e) => (e.kind === 'skipped' ? e.code : e.kind));
}

async function thrown(p: Promise<unknown>): Promise<RampartError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RampartError) return err;
    throw err;
  }
  throw new Error('expected a RampartError');
}

const LOG_LINE = (i: number): string => `10.0.0.${i % 250} - - [17/May/2015:10:05:03 +0000] "GET /item/${i} HTTP/1.1" 200 ${100 + i} "-" "ua/${i}"`;
const HAR_ENTRY = (i: number, body = ''): string =>
  JSON.stringify({ startedDateTime: '2024-01-01T00:00:00Z', time: 1, request: { method: 'GET', url: `https://api.example.com/items/${i}`, headers: [] }, response: { status: 200, headers: [], content: { size: body.length, mimeType: 'application/json', text: body } } });
const HAR = (entries: readonly string[]): string => `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[\n${entries.join(',\n')}\n]}}\n`;

describe('openSource: the file as a whole', () => {
  it('refuses a missing file, a directory, a 0-byte file and a whitespace-only file', async () => {
    expect((await thrown(openSource(join(dir, 'nope.har')))).code).toBe('E_INPUT_NOT_FOUND');
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(await thrown(openSource(sub))).toMatchObject({ code: 'E_INPUT_UNREADABLE', message: 'is a directory, not a file', location: sub });
    expect(await thrown(openSource(file('')))).toMatchObject({ code: 'E_INPUT_EMPTY', message: 'the file is empty (0 bytes)' });
    expect(await thrown(openSource(file(' \n\r\n\t')))).toMatchObject({ code: 'E_INPUT_EMPTY' });
    expect(await thrown(openSource(file(gzipSync(Buffer.alloc(0)))))).toMatchObject({ code: 'E_INPUT_EMPTY', message: 'the gzip file holds no data' });
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file it may not read', async () => {
    const p = file('x');
    chmodSync(p, 0o000);
    expect((await thrown(openSource(p))).code).toBe('E_INPUT_UNREADABLE');
  });

  it('refuses binary garbage with a clear message, also when named .har', async () => {
    const garbage = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x13, 0x37, 0xff, 0xfe, 0x00]);
    const err = await thrown(openSource(file(garbage, 'garbage.har')));
    expect(err.code).toBe('E_FORMAT_UNKNOWN');
    expect(err.message).toBe('cannot tell the format from the content: binary data (it starts with bytes 7f 45 4c 46 00 13 37 ff)');
    const forced = await thrown(openSource(file(garbage), { format: 'har' }));
    expect(forced).toMatchObject({ code: 'E_HAR_INVALID', message: 'expected a JSON object {"log": …}, found byte 0x7f' });
  });

  it('refuses text it does not know, quoting its start', async () => {
    expect(await thrown(openSource(file('hello there\nsecond line\n')))).toMatchObject({ code: 'E_FORMAT_UNKNOWN', message: 'cannot tell the format from the content: it starts with "hello there"' });
  });

  it('sends OpenAPI documents and Postman collections to the spec loader', async () => {
    const err = await thrown(openSource(file('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n')));
    expect(err.code).toBe('E_FORMAT_UNKNOWN');
    expect(err.message).toMatch(/is an OpenAPI document, which documents an API but holds no traffic/);
    expect(err.fix).toMatch(/--spec/);
    const pm = await thrown(openSource(file(JSON.stringify({ info: { _postman_id: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }))));
    expect(pm.message).toMatch(/is a Postman collection/);
  });

  it('refuses a JSON file that is clearly not a HAR before streaming', async () => {
    expect(await thrown(openSource(file('{"log":\n[\n    2,1,3\n]\n"request:"}')))).toMatchObject({ code: 'E_HAR_INVALID', message: expect.stringMatching(/"log" must be an object/) });
    expect(await thrown(openSource(file('{"log": {"version": "1.2"}}')))).toMatchObject({ code: 'E_HAR_INVALID', message: 'the "log" object has no "entries" array' });
  });

  it('reports the format, size and compression', async () => {
    const text = `${[1, 2, 3].map(LOG_LINE).join('\n')}\n`;
    const plain = await openSource(file(text));
    expect({ format: plain.format, gzip: plain.gzip, bytesTotal: plain.bytesTotal }).toEqual({ format: 'combined-log', gzip: false, bytesTotal: Buffer.byteLength(text) });
    const gz = gzipSync(text);
    const zipped = await openSource(file(gz, 'access.log.gz'));
    expect({ format: zipped.format, gzip: zipped.gzip, bytesTotal: zipped.bytesTotal }).toEqual({ format: 'combined-log', gzip: true, bytesTotal: gz.length });
  });
});

describe('openSource: streaming', () => {
  it('reads a gzip HAR and a plain one alike, re-reading on each iteration', async () => {
    const text = HAR([1, 2, 3].map((i) => HAR_ENTRY(i)));
    const plain = await events(file(text));
    const zipped = await events(file(gzipSync(text)));
    expect(kinds(plain)).toEqual(['exchange', 'exchange', 'exchange']);
    expect(kinds(zipped)).toEqual(kinds(plain));
    const src = await openSource(file(text));
    let count = 0;
    for (let round = 0; round < 2; round++) for await (const e of src.events) if (e.kind === 'exchange') count++;
    expect(count).toBe(6);
  });

  it('keeps the entries before the cut of a truncated HAR and says where it ends', async () => {
    const text = HAR([1, 2, 3].map((i) => HAR_ENTRY(i)));
    const cut = text.indexOf('items/3') + 3;
    const evs = await events(file(text.slice(0, cut), 'cut.har'));
    expect(kinds(evs)).toEqual(['exchange', 'exchange', 'E_HAR_TRUNCATED']);
    expect(evs.find((e) => e.kind === 'skipped')).toMatchObject({ location: expect.stringMatching(new RegExp(`cut\\.har: byte ${cut}$`)), reason: expect.stringMatching(/inside entry 3/) });
  });

  it('skips an entry that is not valid JSON and reads the rest', async () => {
    const text = HAR([HAR_ENTRY(1), '{"request": {"method": "GET", "url": "https://a/"}, "bad": tru}', HAR_ENTRY(3)]);
    const evs = await events(file(text, 'x.har'));
    expect(kinds(evs)).toEqual(['exchange', 'E_HAR_ENTRY', 'exchange']);
    expect(evs.find((e) => e.kind === 'skipped')).toMatchObject({ location: expect.stringMatching(/x\.har: entry 2$/), reason: expect.stringMatching(/^not valid JSON \(entry starts at byte \d+\): /) });
  });

  it('reads a HAR whose single entry is 5 MB, keeping maxBodyBytes of its body', async () => {
    const body = JSON.stringify({ data: 'x'.repeat(5 * 1024 * 1024) });
    const evs = await events(file(HAR([HAR_ENTRY(1, body)])));
    const ex = evs.find((e) => e.kind === 'exchange');
    expect(ex?.kind === 'exchange' && ex.exchange.response?.body).toMatchObject({ size: body.length, truncated: true });
    expect(ex?.kind === 'exchange' && ex.exchange.response?.body?.text.length).toBe(256 * 1024);
  });

  it('skips an entry over maxEntryBytes without reading it', async () => {
    const evs = await events(file(HAR([HAR_ENTRY(1), HAR_ENTRY(2, 'y'.repeat(10_000)), HAR_ENTRY(3)])), { maxEntryBytes: 4096 });
    expect(kinds(evs)).toEqual(['exchange', 'E_HAR_ENTRY', 'exchange']);
    expect(evs.find((e) => e.kind === 'skipped')).toMatchObject({ reason: expect.stringMatching(/over the 4096-byte entry limit/) });
  });

  it('skips a 1 MB log line and reads the lines around it', async () => {
    const text = `${LOG_LINE(1)}\n${LOG_LINE(2).replace('/item/2', `/item/${'z'.repeat(1024 * 1024)}`)}\n${LOG_LINE(3)}\n`;
    const evs = await events(file(text));
    expect(kinds(evs)).toEqual(['exchange', 'E_LINE_TOO_LONG', 'exchange']);
    expect(evs.find((e) => e.kind === 'skipped')).toMatchObject({ location: expect.stringMatching(/:2$/) });
  });

  it('reads a log with invalid UTF-8, reporting the line', async () => {
    const text = Buffer.concat([Buffer.from(`${LOG_LINE(1)}\n`), Buffer.from(LOG_LINE(2).replace('ua/2', 'ua/\u0000')).map((b) => (b === 0 ? 0xff : b)), Buffer.from(`\n${LOG_LINE(3)}\n`)]);
    const evs = await events(file(text));
    expect(kinds(evs)).toEqual(['exchange', 'E_INVALID_UTF8', 'exchange', 'exchange']);
    const second = evs.filter((e) => e.kind === 'exchange')[1];
    expect(second?.kind === 'exchange' && second.exchange.request.headers).toContainEqual(['user-agent', 'ua/\ufffd']);
  });

  it('reads what comes before the damage of a gzip cut in half, then reports it, without crashing', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => LOG_LINE(i));
    const gz = gzipSync(`${lines.join('\n')}\n`);
    const evs = await events(file(gz.subarray(0, gz.length >> 1), 'half.log.gz'));
    const ex = evs.filter((e) => e.kind === 'exchange');
    expect(ex.length).toBeGreaterThan(1000);
    expect(ex.length).toBeLessThan(12_000);
    // the exchanges are the first lines, in order, none of them cut
    const targets = ex.map((e) => (e.kind === 'exchange' ? e.exchange.request.target : ''));
    expect(targets).toEqual(targets.map((_, i) => `/item/${i}`));
    const lastUa = ex.at(-1);
    expect(lastUa?.kind === 'exchange' && lastUa.exchange.request.headers.at(-1)).toEqual(['user-agent', `ua/${ex.length - 1}`]);
    const last = evs.filter((e) => e.kind !== 'progress').at(-1);
    expect(last).toMatchObject({ kind: 'skipped', code: 'E_GZIP_CORRUPT', location: expect.stringMatching(/half\.log\.gz: byte \d+$/) });
    expect(evs.filter((e) => e.kind === 'skipped').length).toBe(1);
  });

  it('reports corrupt bytes inside a gzip HAR after the entries before them', async () => {
    const text = HAR(Array.from({ length: 3000 }, (_, i) => HAR_ENTRY(i, `{"n":${i},"pad":"${'p'.repeat(i % 97)}"}`)));
    const gz = Buffer.from(gzipSync(text));
    for (let i = gz.length >> 1; i < (gz.length >> 1) + 64; i++) gz[i] = (gz[i] as number) ^ 0x5a;
    const evs = await events(file(gz));
    const k = kinds(evs);
    expect(k.filter((x) => x === 'exchange').length).toBeGreaterThan(100);
    expect(k.at(-1)).toBe('E_GZIP_CORRUPT');
  });

  it('emits progress about every MiB, and a last one with the total', async () => {
    const text = `${Array.from({ length: 25_000 }, (_, i) => LOG_LINE(i)).join('\n')}\n`;
    const p = file(text);
    const evs = await events(p);
    const progress = evs.filter((e) => e.kind === 'progress');
    const size = Buffer.byteLength(text);
    expect(progress.length).toBeGreaterThanOrEqual(Math.floor(size / (1024 * 1024)));
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(size / (1024 * 1024)) + 1);
    expect(progress.at(-1)).toEqual({ kind: 'progress', bytesRead: size, bytesTotal: size });
    expect(evs.filter((e) => e.kind === 'exchange').length).toBe(25_000);
  });

  it('stops with an AbortError when the signal fires', async () => {
    const text = `${Array.from({ length: 40_000 }, (_, i) => LOG_LINE(i)).join('\n')}\n`;
    const ac = new AbortController();
    const src = await openSource(file(text), { signal: ac.signal });
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const e of src.events) {
        if (e.kind === 'exchange' && ++seen === 10) ac.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(40_000);
  });

  it('stops reading a HAR whose structure breaks, after the entries before the break', async () => {
    const text = `${HAR([HAR_ENTRY(1)]).replace(']}}', '] "x": 1}}')}${' '.repeat(3 * 1024 * 1024)}`;
    const evs = await events(file(text));
    expect(kinds(evs)).toEqual(['exchange', 'E_HAR_INVALID']);
    const last = evs.at(-1);
    expect(last?.kind === 'progress' && last.bytesRead).toBeLessThan(Buffer.byteLength(text));
  });

  it('reads a log with another format when told to (every line then skipped, none lost silently)', async () => {
    const evs = await events(file(`${LOG_LINE(1)}\n${LOG_LINE(2)}\n`), { format: 'envoy-log' });
    expect(kinds(evs)).toEqual(['E_LOG_LINE', 'E_LOG_LINE']);
  });
});
