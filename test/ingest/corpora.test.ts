/**
 * Every traffic file of the shared corpora imports with exact counts (skipped when the corpora are absent).
 */
import { describe, expect, it } from 'vitest';
import { RampartError, type Exchange, type SourceEvent } from '../../src/core/index.js';
import { openSource } from '../../src/ingest/index.js';
import { corpus, skipMessage } from '../support/shared-corpora.js';

async function read(path: string): Promise<{ format: string; exchanges: Exchange[]; skipped: SourceEvent[] }> {
  const src = await openSource(path);
  const exchanges: Exchange[] = [];
  const skipped: SourceEvent[] = [];
  for await (const e of src.events) {
    if (e.kind === 'exchange') exchanges.push(e.exchange);
    else if (e.kind === 'skipped') skipped.push(e);
  }
  return { format: src.format, exchanges, skipped };
}

function count<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

const har = corpus('har-samples');
describe.skipIf(!har)(har ? 'HAR samples' : skipMessage('HAR samples'), () => {
  const dir = har as string;
  it.each([
    ['juiceshop-akto.har', 48],
    ['mitmproxy/har_files__chrome.har', 3],
    ['mitmproxy/har_files__firefox.har', 14],
    ['mitmproxy/har_files__safari.har', 19],
    ['mitmproxy/har_files__charles.har', 1],
    ['mitmproxy/har_files__insomnia.har', 1],
    ['mitmproxy/har_files__postdata.har', 1],
    ['mitmproxy/har_files__with-bom.har', 1],
    ['mitmproxy/har_files__head-content-length.har', 1],
    ['mitmproxy/flows__corrupted_gzip_body.har', 1],
    ['mitmproxy/flows__diff_data.har', 5],
    ['mitmproxy/flows__error_log.har', 2],
    ['mitmproxy/flows__event_stream.har', 2],
    ['mitmproxy/flows__incomplete_log.har', 4],
    ['mitmproxy/flows__successful_log.har', 2],
    ['mitmproxy/flows__websocket.har', 3],
    ['mitmproxy/har_extractor.har', 1],
  ])('%s imports %i exchanges, none skipped', async (name, expected) => {
    const r = await read(`${dir}/${name}`);
    expect(r.format).toBe('har');
    expect(r.skipped).toEqual([]);
    expect(r.exchanges.length).toBe(expected);
    for (const x of r.exchanges) {
      expect(x.request.host).not.toBe('');
      expect(x.request.target.startsWith('/')).toBe(true);
      expect(x.source.kind).toBe('har');
    }
  });

  it('juiceshop: methods, hosts, authorization headers and the websocket upgrade', async () => {
    const r = await read(`${dir}/juiceshop-akto.har`);
    expect(count(r.exchanges, (x) => x.request.method)).toEqual({ GET: 43, POST: 3, PATCH: 1, PUT: 1 });
    expect(new Set(r.exchanges.map((x) => x.request.host))).toEqual(new Set(['juiceshop.akto.io']));
    // the corpus README says "Bearer JWTs"; the recorded values are Akto templates (`{{AKTO.tokens…}}`)
    expect(r.exchanges.filter((x) => x.request.headers.some(([n]) => n === 'authorization')).length).toBe(26);
    const ws = r.exchanges.find((x) => x.response?.status === 101);
    expect(ws?.request.target).toBe('/socket.io/?EIO=4&transport=websocket&sid=zCSDTg5TSYIKClpxAAAC');
    expect(r.exchanges[0]?.time).toBe(Date.parse('2023-03-09T20:18:39.118+05:30'));
  });

  it('mitmproxy exports: BOM, HEAD without body, failed requests without response, base64 bodies', async () => {
    const bom = await read(`${dir}/mitmproxy/har_files__with-bom.har`);
    expect(bom.exchanges[0]?.request).toMatchObject({ method: 'POST', host: 'signal-metrics-collector-beta.s-onetag.com', target: '/metrics' });
    const head = await read(`${dir}/mitmproxy/har_files__head-content-length.har`);
    expect(head.exchanges[0]?.request.method).toBe('HEAD');
    expect(head.exchanges[0]?.response?.body).toBeUndefined();
    const incomplete = await read(`${dir}/mitmproxy/flows__incomplete_log.har`);
    expect(incomplete.exchanges.map((x) => x.response)).toEqual([undefined, undefined, undefined, undefined]);
    const gz = await read(`${dir}/mitmproxy/flows__corrupted_gzip_body.har`);
    expect(gz.exchanges[0]?.response?.body?.encoding).toBe('base64');
    const wrapped = await read(`${dir}/mitmproxy/har_extractor.har`);
    expect(wrapped.exchanges[0]?.request.host).toBe('address:22');
  });

  it('the deliberately broken HAR is refused with a clear error', async () => {
    const err = await openSource(`${dir}/mitmproxy/corrupted_har__brokenfile.har`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RampartError);
    expect(err).toMatchObject({ code: 'E_HAR_INVALID', message: '"log" must be an object {"version", "creator", "entries": […]}, found an array "["' });
  });
});

const apache = corpus('access-logs', 'apache_combined_10k.log.gz');
describe.skipIf(!apache)(apache ? 'Apache combined log (10k lines)' : skipMessage('the Apache access log'), () => {
  it('imports all 10,000 lines with the documented status mix', async () => {
    const r = await read(apache as string);
    expect(r.format).toBe('combined-log');
    expect(r.skipped).toEqual([]);
    expect(r.exchanges.length).toBe(10_000);
    expect(count(r.exchanges, (x) => String(x.response?.status))).toEqual({ '200': 9126, '304': 445, '404': 213, '301': 164, '206': 45, '500': 3, '416': 2, '403': 2 });
    expect(r.exchanges[0]).toMatchObject({ time: Date.UTC(2015, 4, 17, 10, 5, 3), client: { ip: '83.149.9.216' }, source: { position: 'line 1' } });
    expect(r.exchanges.at(-1)?.source.position).toBe('line 10000');
  });
});

const csic = corpus('csic-2010', 'normalTrafficTraining.txt.gz');
describe.skipIf(!csic)(csic ? 'CSIC 2010 normal traffic' : skipMessage('the CSIC 2010 corpus'), () => {
  it('imports all 36,000 raw requests: 28,000 GET and 8,000 POST with their bodies', async () => {
    const r = await read(csic as string);
    expect(r.format).toBe('raw-http');
    expect(r.skipped).toEqual([]);
    expect(r.exchanges.length).toBe(36_000);
    expect(count(r.exchanges, (x) => x.request.method)).toEqual({ GET: 28_000, POST: 8_000 });
    const posts = r.exchanges.filter((x) => x.request.method === 'POST');
    expect(posts.every((x) => x.request.body !== undefined && x.request.body.size === Number(x.request.headers.find(([n]) => n === 'content-length')?.[1]))).toBe(true);
    expect(new Set(r.exchanges.map((x) => x.request.host))).toEqual(new Set(['localhost:8080']));
    // latin-1 percent-escapes are kept as written
    expect(r.exchanges[1]?.request.target).toBe('/tienda1/publico/anadir.jsp?id=3&nombre=Vino+Rioja&precio=100&cantidad=55&B1=A%F1adir+al+carrito');
  });
});
