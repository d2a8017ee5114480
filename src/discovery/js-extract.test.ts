import { describe, expect, it } from 'vitest';
import { extractApiCalls, isApiPath, isUrlLike } from './js-extract.js';

const calls = (src: string): string[] => extractApiCalls(src).calls.map((c) => `${c.method} ${c.url} ${c.via}`);

describe('extractApiCalls: must find', () => {
  it.each([
    ["fetch('/api/users')", 'GET /api/users fetch'],
    ["fetch('/about')", 'GET /about fetch'],
    ["list.concat('/api/x')", 'ANY /api/x literal'],
    ["window.fetch('/v2/items', { method: 'put' })", 'PUT /v2/items fetch'],
    ["fetch(`/api/users/${id}/roles`, { method: 'POST' })", 'POST /api/users/{id}/roles fetch'],
    ["const API = '/api/v3'; fetch(API + '/orders/' + order.id)", 'GET /api/v3/orders/{id} fetch'],
    ['fetch("".concat(base, "/api/cart/").concat(cartId))', 'GET {base}/api/cart/{cartId} fetch'],
    ["new Request('/api/upload', { method: 'PATCH' })", 'PATCH /api/upload request'],
    ["axios.get('/api/me')", 'GET /api/me axios'],
    ["axios({ url: '/api/login', method: 'post' })", 'POST /api/login axios'],
    ["axios.request({ url: '/api/logout', method: 'DELETE' })", 'DELETE /api/logout axios'],
    ["this.http.delete('/rest/session')", 'DELETE /rest/session http-client'],
    ["const c = axios.create({ baseURL: 'https://api.example.com/v1' }); c.post('/payments')", 'POST https://api.example.com/v1/payments http-client'],
    ["xhr.open('PUT', '/api/profile', true)", 'PUT /api/profile xhr'],
    ["$.ajax({ url: '/api/report', type: 'POST' })", 'POST /api/report jquery'],
    ["jQuery.getJSON('/data/config.json')", 'GET /data/config.json jquery'],
    ["$.post('/ajax/save', data)", 'POST /ajax/save jquery'],
    ["const routes = { users: '/api/users', user: '/api/users/:id' }", 'ANY /api/users route-table'],
    ["const ENDPOINTS = ['/accounts', '/accounts/{id}/statements']", 'ANY /accounts route-table'],
    ["const u = 'https://backend.example.com/api/v2/search?q=' + q", 'ANY https://backend.example.com/api/v2/search literal'],
    ['var x = cond ? "/api/a" : "/api/b"; send(x)', 'ANY /api/a literal'],
  ])('%s', (src, expected) => {
    expect(calls(src)).toContain(expected);
  });

  it('finds base URLs and spec references', () => {
    const r = extractApiCalls(
      "const cfg = { apiUrl: 'https://api.example.com/' }; SwaggerUIBundle({ url: '/v3/api-docs', dom_id: '#ui' }); const s = 'static/openapi.yaml';",
    );
    expect(r.baseUrls).toEqual(['https://api.example.com']);
    expect(r.specUrls).toEqual(['/v3/api-docs', 'static/openapi.yaml']);
  });

  it('reads broken or cut code with the tolerant parser', () => {
    const r = extractApiCalls("function f( { fetch('/api/broken', { method: 'POST' }) ");
    expect(r.parser).toBe('acorn-loose');
    expect(r.calls.map((c) => c.url)).toContain('/api/broken');
  });

  it('keeps one entry per method and URL, a known method winning over ANY', () => {
    expect(calls("const P = '/api/x'; fetch(P); fetch(P); useIt('/api/x')")).toEqual(['GET /api/x fetch']);
  });
});

describe('extractApiCalls: must not find', () => {
  it.each([
    "const m = new Map(); m.get('key')",
    "document.querySelector('.api > div')",
    "const s = 'see the api docs for details'",
    "const routes = [{ path: '/login', component: Login }, { path: '/home', component: Home }]",
    "const css = '/static/api/app.css'; const img = '/v1/logo.png'",
    'const n = 1 + 2',
    "list.concat(other)",
  ])('%s', (src) => {
    expect(calls(src)).toEqual([]);
  });

  it('never throws on hostile input', () => {
    const deep = `${'('.repeat(20_000)}1${')'.repeat(20_000)}`;
    expect(() => extractApiCalls(deep)).not.toThrow();
    expect(extractApiCalls('\u0000\u0001binary\uFFFF').calls).toEqual([]);
    const big = `fetch('/api/first');${' '.repeat(200)}fetch('/api/second')`;
    expect(extractApiCalls(big, { maxChars: 30 }).calls.map((c) => c.url)).toEqual(['/api/first']);
  });
});

describe('path predicates', () => {
  it('tells API paths from pages and assets', () => {
    expect(isApiPath('/api/users')).toBe(true);
    expect(isApiPath('/v2/items/{id}')).toBe(true);
    expect(isApiPath('/data/config.json')).toBe(true);
    expect(isApiPath('/about')).toBe(false);
    expect(isApiPath('/api/app.js')).toBe(false);
    expect(isUrlLike('/api/x')).toBe(true);
    expect(isUrlLike('//cdn.example.com/x')).toBe(false);
    expect(isUrlLike('hello world')).toBe(false);
  });
});
