import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, gunzipHead, isGzip } from './detect-format.js';

const HAR = JSON.stringify({ log: { version: '1.2', creator: { name: 'x' }, entries: [{ request: { method: 'GET', url: 'https://a/' } }] } }, null, 2);
const COMBINED = '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /a.png HTTP/1.1" 200 203023 "http://x/" "Mozilla/5.0"\n'.repeat(3);
const COMMON = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326\n';
const ENVOY = '[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0" "locations" "tcp://10.0.2.1:80"\n'.repeat(2);
const JSONL = '{"request":{"method":"GET","url":"/a"}}\n{"request":{"method":"GET","url":"/b"}}\n';
const RAW = 'GET http://localhost:8080/tienda1/index.jsp HTTP/1.1\r\nUser-Agent: x\r\nHost: localhost:8080\r\n\r\n\r\n';
const POSTMAN = JSON.stringify({ info: { _postman_id: 'abc', name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] });
const POSTMAN_NO_ID = JSON.stringify({ info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }, null, 2);
const OPENAPI_JSON = JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }, null, 2);
const SWAGGER_JSON = JSON.stringify({ swagger: '2.0', info: { title: 't' }, paths: {} });
const OPENAPI_YAML = '# comment\ninfo:\n  title: t\nopenapi: "3.0.3"\npaths: {}\n';
const SWAGGER_YAML = "---\nswagger: '2.0'\ninfo:\n  title: t\n";

describe('detectFormat', () => {
  it.each([
    ['a pretty HAR', HAR, 'har'],
    ['a minified HAR', JSON.stringify(JSON.parse(HAR)), 'har'],
    ['a HAR with a BOM', `\ufeff${HAR}`, 'har'],
    ['a HAR with entries first', '{"log":{"entries":[],"version":"1.2"}}', 'har'],
    ['a wrapped HAR (mitmproxy har_extractor)', '{\n  "test_response": {\n    "log": {"version": "1.2", "entries": []}}}', 'har'],
    ['a broken HAR whose log is an array', '{"log":\n[\n    2,1,3\n]\n"request:"}', 'har'],
    ['a combined log', COMBINED, 'combined-log'],
    ['a common log', COMMON, 'combined-log'],
    ['a combined log starting with a junk line', `1.2.3.4 - - [17/May/2015:10:05:03 +0000] "-" 400 0 "-" "-"\n${COMBINED}`, 'combined-log'],
    ['an Envoy log', ENVOY, 'envoy-log'],
    ['JSON lines', JSONL, 'jsonl'],
    ['one JSON line', '{"request":{"method":"GET","url":"/a"}}', 'jsonl'],
    ['JSON lines of other objects', '{"a":1}\n{"b":2}\n', 'jsonl'],
    ['JSON lines whose first line is longer than the head', `{"request":{"method":"POST","url":"/a","body":"${'x'.repeat(70_000)}"}}\n`, 'jsonl'],
    ['an Apache vhost_combined log', 'shop.example.com:443 198.51.100.4 - - [17/May/2015:10:05:03 +0000] "GET /cart HTTP/1.1" 200 512 "-" "ua"\n', 'combined-log'],
    ['raw HTTP requests', RAW, 'raw-http'],
    ['raw HTTP with leading blank lines and LF', '\n\nPOST /x HTTP/1.0\nHost: h\n\nbody', 'raw-http'],
    ['a Postman collection', POSTMAN, 'postman'],
    ['a Postman collection without _postman_id', POSTMAN_NO_ID, 'postman'],
    ['a Postman API export (collection wrapped)', JSON.stringify({ collection: { info: { name: 'c' }, item: [] } }), 'postman'],
    ['an OpenAPI 3.1 JSON document', OPENAPI_JSON, 'openapi'],
    ['a Swagger 2.0 JSON document', SWAGGER_JSON, 'openapi'],
    ['an OpenAPI YAML document', OPENAPI_YAML, 'openapi'],
    ['a Swagger YAML document', SWAGGER_YAML, 'openapi'],
    ['openapi 1.x is not OpenAPI', 'openapi: 1.0\n', 'unknown'],
    ['plain prose', 'hello world\nthis is not a log\n', 'unknown'],
    ['a JSON array', '[1,2,3]', 'unknown'],
    ['a JSON object of unknown shape', '{\n "a": 1\n}', 'unknown'],
    ['whitespace', '  \n\t\n', 'unknown'],
    ['nothing', '', 'unknown'],
  ])('%s -> %s', (_name, text, expected) => {
    expect(detectFormat(Buffer.from(text, 'utf8'))).toBe(expected);
  });

  it('uses the file name only to call an unknown JSON object a HAR', () => {
    expect(detectFormat(Buffer.from('{\n "a": 1\n}'), 'x.har')).toBe('har');
    expect(detectFormat(Buffer.from('{\n "a": 1\n}'), 'x.har.gz')).toBe('har');
    expect(detectFormat(Buffer.from(COMBINED), 'x.har')).toBe('combined-log');
    expect(detectFormat(Buffer.from([0x00, 0x01, 0x02, 0xff]), 'x.har')).toBe('unknown');
  });

  it('looks inside gzip, even when the gzip head is cut short', () => {
    for (const [text, expected] of [
      [HAR, 'har'],
      [COMBINED.repeat(500), 'combined-log'],
      [ENVOY.repeat(200), 'envoy-log'],
      [RAW.repeat(50), 'raw-http'],
    ] as const) {
      const gz = gzipSync(Buffer.from(text));
      expect(isGzip(gz)).toBe(true);
      expect(detectFormat(gz), expected).toBe(expected);
      expect(detectFormat(gz.subarray(0, gz.length - 12)), `${expected} (cut)`).toBe(expected);
    }
  });

  it('calls binary data unknown, including a compressed binary', () => {
    expect(detectFormat(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBe('unknown');
    expect(detectFormat(gzipSync(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])))).toBe('unknown');
    expect(detectFormat(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad]))).toBe('unknown');
  });

  it('caps the decompressed head of a gzip bomb', () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x61));
    expect(gunzipHead(bomb).length).toBeLessThanOrEqual(64 * 1024);
    expect(detectFormat(bomb)).toBe('unknown');
  });
});
