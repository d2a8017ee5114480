/** Probes against a fake HTTP client (a route table): no sockets. */
import { describe, expect, it } from 'vitest';
import type { ApiDescription } from '../../core/index.js';
import { createSpecParser } from '../spec-document.js';
import type { FetchInit, FetchResult, HostContext, HttpClient } from '../types.js';
import { apiPrefixesProbe } from './api-prefixes.js';
import { corsPolicyProbe } from './cors-policy.js';
import { graphqlProbe } from './graphql.js';
import { jsBundlesProbe } from './js-bundles.js';
import { robotsSitemapProbe } from './robots-sitemap.js';
import { serverFingerprintProbe } from './server-fingerprint.js';
import { specLocationsProbe } from './spec-locations.js';
import { tlsCertificateProbe } from './tls-certificate.js';

type Route = (init: FetchInit) => Partial<FetchResult> & { status: number };
const ORIGIN = 'https://api.example.com';

function fakeHttp(routes: Record<string, Route>, fallback: Route = () => ({ status: 404, body: 'Not Found', headers: [['content-type', 'text/plain']] })): HttpClient & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async fetch(url, init = {}) {
      log.push(`${init.method ?? 'GET'} ${url}`);
      const path = new URL(url).pathname;
      const r = (routes[`${init.method ?? 'GET'} ${path}`] ?? routes[path] ?? fallback)(init);
      return { url, headers: [], body: '', truncated: false, ...r };
    },
    async tls() {
      return { enabled: true, valid: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT', subject: 'api.example.com', altNames: ['api.example.com', 'legacy.example.com', '*.example.com'] };
    },
  };
}

async function context(http: HttpClient, over: Partial<HostContext> = {}): Promise<HostContext> {
  return {
    host: 'api.example.com',
    origin: ORIGIN,
    prefixes: [],
    root: await http.fetch(`${ORIGIN}/`),
    notFound: await http.fetch(`${ORIGIN}/rampart-discovery-x-does-not-exist`),
    parseSpec: createSpecParser(),
    inScope: (h) => h.endsWith('example.com'),
    ...over,
  };
}

const json = (status: number, body: unknown, headers: Array<[string, string]> = []) => () => ({ status, body: JSON.stringify(body), headers: [['content-type', 'application/json'], ...headers] as Array<[string, string]> });
const SPEC = { swagger: '2.0', info: { title: 'Pets', version: '1' }, host: 'api.example.com', basePath: '/v1', schemes: ['https'], paths: { '/pets': { get: { responses: { '200': { description: 'ok' } } } } } };

describe('spec-locations', () => {
  it('finds a spec, once, and the Swagger UI page with the spec its config names', async () => {
    const http = fakeHttp({
      '/swagger.json': json(200, SPEC),
      '/api/swagger.json': json(200, SPEC),
      '/swagger-ui/': () => ({ status: 200, body: '<div id="swagger-ui"></div><script src="./swagger-initializer.js"></script>', headers: [['content-type', 'text/html']] }),
      '/swagger-ui/swagger-initializer.js': () => ({ status: 200, body: "window.ui = SwaggerUIBundle({ url: '/internal/openapi.yaml', dom_id: '#swagger-ui' });" }),
      '/internal/openapi.yaml': () => ({ status: 200, body: 'openapi: 3.1.0\ninfo: {title: Internal, version: "2"}\npaths:\n  /admin/users:\n    delete: {responses: {"204": {description: gone}}}\n' }),
    });
    const r = await specLocationsProbe.run(await context(http), http);
    expect(r.specs?.map((s) => s.url)).toEqual([`${ORIGIN}/swagger.json`, `${ORIGIN}/internal/openapi.yaml`]);
    expect(r.findings?.map((f) => `${f.kind} ${f.url}`)).toEqual([`spec-exposed ${ORIGIN}/swagger.json`, `swagger-ui-exposed ${ORIGIN}/swagger-ui/`, `spec-exposed ${ORIGIN}/internal/openapi.yaml`]);
    expect(r.endpoints?.map((e) => `${e.method} ${e.url}`)).toEqual([`GET ${ORIGIN}/v1/pets`, `DELETE ${ORIGIN}/admin/users`]);
  });

  it('ignores a catch-all host that answers every path the same way', async () => {
    const http = fakeHttp({}, () => ({ status: 200, body: '<html>app shell</html>', headers: [['content-type', 'text/html']] }));
    const r = await specLocationsProbe.run(await context(http), http);
    expect(r.specs).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

describe('graphql', () => {
  it('detects the endpoint and introspection', async () => {
    const http = fakeHttp({
      'POST /api/graphql': (init) =>
        String(init.body).includes('__schema')
          ? json(200, { data: { __schema: { queryType: { name: 'Q' }, mutationType: null, types: [{ kind: 'OBJECT', name: 'Q', fields: [{ name: 'me' }] }] } } })()
          : json(200, { data: { __typename: 'Q' } })(),
    });
    const r = await graphqlProbe.run(await context(http), http);
    expect(r.findings?.map((f) => f.kind)).toEqual(['graphql-endpoint', 'graphql-introspection']);
    expect(r.endpoints?.map((e) => e.operation ?? e.path)).toEqual(['/api/graphql', 'query me']);
  });

  it('reports an endpoint with introspection disabled without the introspection finding', async () => {
    const http = fakeHttp({
      'POST /graphql': (init) => (String(init.body).includes('__schema') ? json(400, { errors: [{ message: 'introspection disabled' }] })() : json(200, { data: { __typename: 'Query' } })()),
    });
    const r = await graphqlProbe.run(await context(http), http);
    expect(r.findings?.map((f) => f.kind)).toEqual(['graphql-endpoint']);
  });

  it('does not mistake JSON APIs for GraphQL', async () => {
    const http = fakeHttp({ 'POST /query': json(200, { results: [] }), 'POST /graphql': json(404, { error: 'not found' }) });
    expect((await graphqlProbe.run(await context(http), http)).findings).toEqual([]);
  });
});

describe('api-prefixes', () => {
  it('judges prefixes against the not-found answer', async () => {
    const http = fakeHttp(
      { '/api/v1': json(401, { error: 'unauthorized' }, [['www-authenticate', 'Bearer']]), '/rest': json(200, { version: 2 }) },
      json(404, { error: 'no route' }),
    );
    const r = await apiPrefixesProbe.run(await context(http), http);
    expect(r.findings?.map((f) => f.message)).toEqual(['/api/v1 answers like an API (JSON 401 with Bearer challenge)', '/rest answers like an API (JSON 200)']);
    expect(r.fingerprint?.auth).toEqual(['Bearer']);
  });
});

describe('js-bundles', () => {
  it('reads in-scope bundles only and resolves calls against the page and base URLs', async () => {
    const http = fakeHttp({
      '/': () => ({ status: 200, body: '<script src="/main.js"></script><script src="https://cdn.other.net/x.js"></script>', headers: [['content-type', 'text/html']] }),
      '/main.js': () => ({ status: 200, body: "const api = axios.create({ baseURL: 'https://gw.example.com/v2' }); api.get('/accounts'); fetch('/api/session', { method: 'DELETE' });" }),
    });
    const r = await jsBundlesProbe.run(await context(http), http);
    expect(r.endpoints?.map((e) => `${e.method} ${e.url}`)).toEqual(['GET https://gw.example.com/v2/accounts', `DELETE ${ORIGIN}/api/session`]);
    expect(r.hosts).toEqual(['gw.example.com']);
    expect(http.log.some((l) => l.includes('cdn.other.net'))).toBe(false);
  });
});

describe('tls, cors, fingerprint, robots', () => {
  it('reports an invalid certificate and its other names', async () => {
    const http = fakeHttp({});
    const r = await tlsCertificateProbe.run(await context(http), http);
    expect(r.findings?.map((f) => f.kind)).toEqual(['tls-certificate-invalid']);
    expect(r.hosts).toEqual(['legacy.example.com']);
    expect((await tlsCertificateProbe.run(await context(http, { origin: 'http://api.example.com' }), http)).tls).toEqual({ enabled: false });
  });

  it('reads the most permissive CORS answer', async () => {
    const http = fakeHttp({ '/': (init) => ({ status: 200, headers: [['access-control-allow-origin', init.headers?.origin ?? ''], ['access-control-allow-credentials', 'true']] }) });
    const r = await corsPolicyProbe.run(await context(http), http);
    expect(r.cors?.policy).toBe('reflected');
    expect(r.findings?.map((f) => f.kind)).toEqual(['cors-credentials-any-origin', 'cors-null-origin']);
  });

  it('fingerprints root and not-found answers without new requests', async () => {
    const http = fakeHttp({ '/': () => ({ status: 200, headers: [['server', 'Apache/2.4.41 (Ubuntu)'], ['x-powered-by', 'PHP/7.4.3']] }) }, () => ({ status: 500, body: 'Traceback (most recent call last):' }));
    const ctx = await context(http);
    const before = http.log.length;
    const r = await serverFingerprintProbe.run(ctx, http);
    expect(http.log.length).toBe(before);
    expect(r.findings?.map((f) => f.kind)).toEqual(['server-version-disclosed', 'debug-error-page']);
    expect(r.fingerprint?.frameworks).toEqual(['PHP']);
  });

  it('lists API paths from robots.txt and the sitemap', async () => {
    const http = fakeHttp({
      '/robots.txt': () => ({ status: 200, body: 'Disallow: /api/internal/\nDisallow: /cart\n', headers: [['content-type', 'text/plain']] }),
      '/sitemap.xml': () => ({ status: 200, body: `<urlset><url><loc>${ORIGIN}/v2/catalog.json</loc></url><url><loc>${ORIGIN}/about</loc></url></urlset>` }),
    });
    const r = await robotsSitemapProbe.run(await context(http), http);
    expect(r.endpoints?.map((e) => `${e.source} ${e.path}`)).toEqual(['robots /api/internal/', 'sitemap /v2/catalog.json']);
  });
});

describe('spec parser', () => {
  it('parses specs and turns other documents away', async () => {
    const parse = createSpecParser();
    const d = (await parse(JSON.stringify(SPEC), 'https://x/swagger.json')) as ApiDescription;
    expect(d.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /pets']);
    expect(await parse('<html>openapi: 3</html>', 'u')).toBeUndefined();
    expect(await parse('{"error":"nope"}', 'u')).toBeUndefined();
    const failures: string[] = [];
    expect(await createSpecParser({ onFailure: (f) => failures.push(f.reason) })('{"openapi":"3.0.0","paths":', 'u')).toBeUndefined();
    expect(failures).toHaveLength(1);
  });
});
