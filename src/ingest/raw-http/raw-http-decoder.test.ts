import { describe, expect, it } from 'vitest';
import type { Exchange, SourceEvent } from '../../core/index.js';
import { createDecodeContext } from '../decode-context.js';
import { createRawHttpDecoder } from './raw-http-decoder.js';

function decode(chunks: readonly Buffer[], limits: { maxBodyBytes?: number; maxLineBytes?: number } = {}, clean = true): SourceEvent[] {
  const d = createRawHttpDecoder(createDecodeContext('req.txt', limits));
  const out: SourceEvent[] = [];
  for (const c of chunks) d.push(c, out);
  d.end(out, clean);
  return out;
}

const exchanges = (events: readonly SourceEvent[]): Exchange[] => events.flatMap((e) => (e.kind === 'exchange' ? [e.exchange] : []));

// two messages as in the CSIC 2010 corpus: CRLF, absolute-form targets, latin-1 escapes, body on the next line
const CSIC = Buffer.from(
  [
    'GET http://localhost:8080/tienda1/publico/anadir.jsp?id=3&nombre=Vino+Rioja&B1=A%F1adir+al+carrito HTTP/1.1',
    'User-Agent: Mozilla/5.0 (compatible; Konqueror/3.5; Linux) KHTML/3.5.8 (like Gecko)',
    'Host: localhost:8080',
    'Cookie: JSESSIONID=81761ACA043B0E6014CA42A4BCD06AB5',
    'Connection: close',
    '',
    '',
    'POST http://localhost:8080/tienda1/publico/anadir.jsp HTTP/1.1',
    'Host: localhost:8080',
    'Content-Type: application/x-www-form-urlencoded',
    'Content-Length: 68',
    '',
    'id=3&nombre=Vino+Rioja&precio=100&cantidad=55&B1=A%F1adir+al+carrito',
    '',
    '',
  ].join('\r\n'),
  'latin1',
);

describe('raw HTTP decoder', () => {
  it('reads CSIC-style messages: absolute-form target kept as written, body by Content-Length, line numbers', () => {
    const events = decode([CSIC]);
    expect(events.map((e) => e.kind)).toEqual(['exchange', 'exchange']);
    const [get, post] = exchanges(events) as [Exchange, Exchange];
    expect(get.request).toMatchObject({
      method: 'GET',
      scheme: 'http',
      host: 'localhost:8080',
      target: '/tienda1/publico/anadir.jsp?id=3&nombre=Vino+Rioja&B1=A%F1adir+al+carrito',
      httpVersion: 'HTTP/1.1',
    });
    expect(get.request.headers[0]).toEqual(['user-agent', 'Mozilla/5.0 (compatible; Konqueror/3.5; Linux) KHTML/3.5.8 (like Gecko)']);
    expect(get.request.body).toBeUndefined();
    expect(get.source).toEqual({ kind: 'raw-http', file: 'req.txt', position: 'line 1' });
    expect(post.request.body).toEqual({ text: 'id=3&nombre=Vino+Rioja&precio=100&cantidad=55&B1=A%F1adir+al+carrito', size: 68, truncated: false });
    expect(post.source.position).toBe('line 8');
    expect(post.time).toBe(0);
  });

  it('gives the same exchanges for every chunk boundary', () => {
    const expected = decode([CSIC]);
    for (let i = 0; i <= CSIC.length; i++) expect(decode([CSIC.subarray(0, i), CSIC.subarray(i)]), `cut at ${i}`).toEqual(expected);
  });

  it('reads LF-only files, origin-form targets with the Host header, folded headers and latin-1 bytes', () => {
    const msg = Buffer.concat([Buffer.from('POST /p?x=%E9 HTTP/1.0\nHost: Shop.Example:80\nX-Long: a\n  b\nContent-Length: 4\n\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9])]);
    const [x] = exchanges(decode([msg]));
    expect(x?.request).toMatchObject({ host: 'shop.example', target: '/p?x=%E9', headers: [['host', 'Shop.Example:80'], ['x-long', 'a b'], ['content-length', '4']] });
    expect(x?.request.body).toEqual({ text: 'café', size: 4, truncated: false });
  });

  it('decodes chunked bodies', () => {
    const msg = Buffer.from('POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n');
    const xs = exchanges(decode([msg]));
    expect(xs.map((x) => x.request.target)).toEqual(['/c', '/next']);
    expect(xs[0]?.request.body).toEqual({ text: 'Wikipedia', size: 9, truncated: false });
    for (let i = 0; i <= msg.length; i += 3) expect(exchanges(decode([msg.subarray(0, i), msg.subarray(i)])).map((x) => x.request.body?.text)).toEqual(['Wikipedia', undefined]);
  });

  it('keeps only maxBodyBytes of a body and counts the rest', () => {
    const msg = Buffer.from(`POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n${'b'.repeat(1000)}\r\n\r\nGET /after HTTP/1.1\r\n\r\n`);
    const xs = exchanges(decode([msg], { maxBodyBytes: 10 }));
    expect(xs[0]?.request.body).toEqual({ text: 'b'.repeat(10), size: 1000, truncated: true });
    expect(xs[1]?.request.target).toBe('/after');
  });

  it('skips a message that is not a request and resumes at the next one', () => {
    const events = decode([Buffer.from('HTTP/1.1 200 OK\r\nServer: x\r\n\r\nGET /ok HTTP/1.1\r\nHost: h\r\n\r\nGARBAGE LINE\r\n\r\nGET /ok2 HTTP/1.1\r\n\r\n')]);
    expect(events.map((e) => (e.kind === 'skipped' ? `${e.location} ${e.code}` : e.kind))).toEqual(['req.txt:1 E_HTTP_MESSAGE', 'exchange', 'req.txt:7 E_HTTP_MESSAGE', 'exchange']);
  });

  it('skips a header block over the limit without holding it', () => {
    const events = decode([Buffer.from(`GET /big HTTP/1.1\r\nX: ${'a'.repeat(5000)}\r\n\r\nGET /ok HTTP/1.1\r\n\r\n`)], { maxLineBytes: 1000 });
    expect(events.map((e) => e.kind)).toEqual(['skipped', 'exchange']);
    expect(events[0]).toMatchObject({ code: 'E_HTTP_MESSAGE', reason: expect.stringMatching(/over 1000 bytes/) });
    expect(exchanges(events)[0]?.request.target).toBe('/ok');
  });

  it('skips a message with a bad Content-Length', () => {
    const events = decode([Buffer.from('POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n')]);
    expect(events).toEqual([{ kind: 'skipped', code: 'E_HTTP_MESSAGE', location: 'req.txt:1', reason: 'Content-Length "abc" is not a number' }]);
  });

  it('keeps the last message when the file has no final blank line, and a body cut by the end of file', () => {
    expect(exchanges(decode([Buffer.from('GET /last HTTP/1.1\r\nHost: h')])).map((x) => x.request.target)).toEqual(['/last']);
    const cut = exchanges(decode([Buffer.from('POST /p HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc')]));
    expect(cut[0]?.request.body).toEqual({ text: 'abc', size: 10, truncated: true });
  });

  it('drops a partial message when the input stopped early (corrupt gzip)', () => {
    expect(decode([Buffer.from('GET /a HTTP/1.1\r\n\r\nPOST /p HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc')], {}, false).map((e) => e.kind)).toEqual(['exchange']);
  });
});
