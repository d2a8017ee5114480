/**
 * HTTP protocol attacks: request smuggling (conflicting or malformed framing headers, requests embedded in
 * parameters), response splitting and header injection (CR/LF in names, values and headers), Content-Type
 * tricks, mod_proxy abuse, parameter pollution.
 */
import { headerValues, parseQuery, splitTarget } from '../../../core/index.js';
import type { RequestRule, ValueRule } from '../types.js';
import { D, DL, FIELDS } from './common.js';
import { vectorRequest } from './vector-request.js';

const METHOD_WORDS = /(?:get|post|head|options|connect|put|delete|trace|track|patch|propfind|proppatch|mkcol|copy|move|lock|unlock) [^\s]{1,300} http\/\d/;
const INJECTED_HEADERS = /[\r\n][ \t]{0,4}(?:location|refresh|set-cookie|cookie|content-(?:length|type|disposition|encoding)|transfer-encoding|host|x-forwarded-(?:for|host|server|proto)|via|remote-(?:addr|ip|host)|x-originating-ip|x-real-ip|x-client-ip|access-control-allow-[a-z]{1,12}|x-xss-protection|content-security-policy|authorization|connection|upgrade) ?: ?[^\s:]|[\r\n][ \t]{0,4}http\/\d(?:\.\d)?/;

export const PROTOCOL_VALUE_RULES: readonly ValueRule[] = [
  {
    id: 'protocol-request-in-parameter',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'a whole HTTP request line inside a parameter or body (request smuggling / splitting: `GET /x HTTP/1.1`)',
    targets: [...FIELDS, 'header'],
    transforms: DL,
    keywords: ['http/'],
    pattern: METHOD_WORDS,
    vectors: { fire: ['\nPOST / HTTP/1.1', 'aaaHEAD http://example.com/ HTTP/1.1', 'GET http://www.foo.bar HTTP/1.2'], noFire: ['get it\n', 'see http://x'] },
  },
  {
    id: 'protocol-header-injection',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'response splitting / header injection: a line break followed by a header name or a status line',
    targets: [...FIELDS, 'path'],
    transforms: D,
    anyChar: '\r\n',
    pattern: new RegExp(INJECTED_HEADERS.source, 'i'),
    vectors: { fire: ['foobar\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK', '\nRemote-addr: foo.bar.com', 'x\nrefresh: www.bar.com', '\nSet-Cookie: a=b'], noFire: ['line one\nline two', 'Note:\nTime: 5pm', '\n\rlocation:\n\r', 'see\nLocation: '] },
  },
  {
    id: 'protocol-crlf-in-name',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'a carriage return or line feed inside a parameter or cookie name',
    targets: ['name'],
    transforms: D,
    anyChar: '\r\n',
    pattern: /[\r\n]/,
    vectors: { fire: [{ value: 'parameter\n', kind: 'name' }, { value: '\nRemote-addr: foo.bar.com', kind: 'name' }], noFire: [{ value: 'parameter', kind: 'name' }] },
  },
  {
    id: 'protocol-crlf-assignment',
    class: 'protocol',
    severity: 'critical',
    paranoia: 2,
    description: 'a line break followed by a new `name=` assignment in a value (parameter injection through CR/LF)',
    targets: ['arg', 'cookie'],
    transforms: D,
    anyChar: '\r\n',
    pattern: /[\r\n][\w.[\]-]{1,40}=/,
    vectors: { fire: ['test\nnext=more'], noFire: ['a\nb'] },
  },
  {
    id: 'protocol-mod-proxy',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'Apache mod_proxy SSRF/smuggling through `unix:` socket paths (CVE-2021-40438)',
    targets: ['path', 'arg', 'name'],
    transforms: DL,
    anyChar: '|',
    pattern: /unix:[^|]{0,4096}\|/,
    vectors: { fire: ['unix:AAAAAAAAA|http://coreruleset.org/'], noFire: ['unix: a|b'.replace(':', '') ] },
  },
];

function hasCrLf(s: string): boolean {
  return s.indexOf('\r') !== -1 || s.indexOf('\n') !== -1;
}

export const PROTOCOL_REQUEST_RULES: readonly RequestRule[] = [
  {
    id: 'protocol-framing-conflict',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'request smuggling through framing headers: Content-Length with Transfer-Encoding, several differing Content-Lengths, or a Transfer-Encoding other than plain `chunked`',
    detectRequest: (ex) => {
      const te = headerValues(ex.request.headers, 'transfer-encoding');
      const cl = headerValues(ex.request.headers, 'content-length');
      if (te.length > 0 && cl.length > 0) return { location: 'header:transfer-encoding', evidence: `Transfer-Encoding: ${te[0]} with Content-Length: ${cl[0]}` };
      if (cl.length > 1 && new Set(cl.map((v) => v.trim())).size > 1) return { location: 'header:content-length', evidence: `Content-Length: ${cl.join(', ')}` };
      if (cl.some((v) => !/^\s*\d{1,19}\s*$/.test(v))) return { location: 'header:content-length', evidence: `Content-Length: ${cl.find((v) => !/^\s*\d{1,19}\s*$/.test(v))}` };
      if (te.length > 1 || te.some((v) => v.trim().toLowerCase() !== 'chunked' || v !== v.trim())) return { location: 'header:transfer-encoding', evidence: `Transfer-Encoding: ${te.join(', ')}` };
      return null;
    },
    vectors: {
      fire: [vectorRequest({ method: 'POST', headers: [['transfer-encoding', 'chunked'], ['content-length', '4']] }), vectorRequest({ method: 'POST', headers: [['content-length', '4'], ['content-length', '5']] }), vectorRequest({ method: 'POST', headers: [['transfer-encoding', 'chunked, identity']] }), vectorRequest({ method: 'POST', headers: [['transfer-encoding', ' chunked']] })],
      noFire: [vectorRequest({ method: 'POST', headers: [['content-length', '4']] }), vectorRequest({ method: 'POST', headers: [['transfer-encoding', 'chunked']] })],
    },
  },
  {
    id: 'protocol-header-crlf',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'a header value carrying CR/LF (raw or %0d/%0a-encoded) followed by a header-like line',
    detectRequest: (ex) => {
      for (const [name, value] of ex.request.headers) {
        if (hasCrLf(value)) return { location: `header:${name}`, evidence: value };
        if (/%0[ad]/i.test(value) && /%0[ad](?:%0[ad])?[\w-]{1,40}\s?:/i.test(value)) return { location: `header:${name}`, evidence: value };
      }
      return null;
    },
    vectors: { fire: [vectorRequest({ headers: [['someheader', 'Headerdata%0dInjectedHeader: response_splitting_code']] }), vectorRequest({ headers: [['x-a', 'a\r\nSet-Cookie: x=1']] })], noFire: [vectorRequest({ headers: [['x-a', '100%0 sure']] })] },
  },
  {
    id: 'protocol-content-type-smuggling',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'a Content-Type with a second media type hidden in its parameters (boundary="application/json"), which parsers disagree on',
    detectRequest: (ex) => {
      for (const ct of headerValues(ex.request.headers, 'content-type')) {
        const semi = ct.indexOf(';');
        if (semi === -1) continue;
        const params = ct.slice(semi + 1).toLowerCase();
        if (/[\w.+-]{1,64}\/[\w.+-]{0,64}(?:json|xml|html|javascript)/.test(params) || (/\bboundary\s{0,4}=/.test(params) && /[\w.+-]{1,64}\/[\w.+-]{1,64}/.test(params) && !ct.toLowerCase().startsWith('multipart/'))) {
          return { location: 'header:content-type', evidence: ct };
        }
      }
      return null;
    },
    vectors: { fire: [vectorRequest({ method: 'POST', headers: [['content-type', 'application/x-www-form-urlencoded;boundary="application/json"']] }), vectorRequest({ method: 'POST', headers: [['content-type', 'application/x-www-form-urlencoded;boundary="image/jpeg"']] })], noFire: [vectorRequest({ method: 'POST', headers: [['content-type', 'application/json; charset=utf-8']] }), vectorRequest({ method: 'POST', headers: [['content-type', 'multipart/form-data; boundary=----x']] })] },
  },
  {
    id: 'protocol-cookie-v1',
    class: 'protocol',
    severity: 'critical',
    paranoia: 1,
    description: 'RFC 2109 `$Version` cookies, which some servers parse differently (quoted values swallow other cookies)',
    detectRequest: (ex) => {
      for (const c of headerValues(ex.request.headers, 'cookie')) if (/^\s{0,8}\$version\s{0,8}=/i.test(c)) return { location: 'header:cookie', evidence: c.slice(0, 40) };
      return null;
    },
    vectors: { fire: [vectorRequest({ headers: [['cookie', '$Version=1; session="deadbeef; PHPSESSID=secret"']] })], noFire: [vectorRequest({ headers: [['cookie', 'MyVersion=1; PHPSESSID=secret']] })] },
  },
  {
    id: 'protocol-parameter-pollution',
    class: 'protocol',
    severity: 'critical',
    paranoia: 3,
    description: 'HTTP parameter pollution: the same query parameter repeated (front end and back end may pick different copies)',
    detectRequest: (ex) => {
      const seen = new Set<string>();
      for (const [name] of parseQuery(splitTarget(ex.request.target).query, 1000)) {
        if (name.endsWith('[]')) continue;
        if (seen.has(name)) return { location: `query:${name}`, evidence: name };
        seen.add(name);
      }
      return null;
    },
    vectors: { fire: [vectorRequest({ target: '/?a=1&a=2' })], noFire: [vectorRequest({ target: '/?a=1&b=2' }), vectorRequest({ target: '/?a[]=1&a[]=2' })] },
  },
  {
    id: 'protocol-array-parameter',
    class: 'protocol',
    severity: 'critical',
    paranoia: 4,
    description: 'array notation in parameter names (foo[1]=), a way to smuggle structures past validation',
    detectRequest: (ex) => {
      for (const [name] of parseQuery(splitTarget(ex.request.target).query, 1000)) if (/\[[^\]]{0,40}\]/.test(name)) return { location: `query:${name}`, evidence: name };
      return null;
    },
    vectors: { fire: [vectorRequest({ target: '/?foo[1]=bar' })], noFire: [vectorRequest({ target: '/?foo=bar' })] },
  },
];
