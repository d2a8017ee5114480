/**
 * Probe: spec documents at the places frameworks and people put them — `/openapi.json`, `/swagger.json`,
 * `/v2/api-docs` and `/v3/api-docs` (springdoc/springfox), `/api-docs`, `/swagger/v1/swagger.json` (Swashbuckle),
 * under common prefixes and the user's URL path — plus documentation viewers (Swagger UI, ReDoc) and the spec
 * URLs their configuration names, springdoc's `swagger-config`, and the RFC 9727 API catalog
 * (`/.well-known/api-catalog`). Every document found is parsed by the spec module.
 */
import { createHash } from 'node:crypto';
import { finding } from '../findings.js';
import { extractScripts, findTagAttribute } from '../html-scripts.js';
import { extractApiCalls } from '../js-extract.js';
import { resolveUrl } from '../resolve-url.js';
import { isLikeNotFound, parseJson } from '../response-shape.js';
import type { DiscoveredSpec, DiscoveryFinding, FetchResult, HostContext, HttpClient, Probe, ProbeResult, DiscoveredEndpoint } from '../types.js';
import { specEndpoints } from './spec-endpoints.js';

export const SPEC_PATHS: readonly string[] = [
  '/openapi.json',
  '/openapi.yaml',
  '/openapi.yml',
  '/swagger.json',
  '/swagger.yaml',
  '/v2/api-docs',
  '/v3/api-docs',
  '/v3/api-docs.yaml',
  '/api-docs',
  '/api-docs.json',
  '/swagger/v1/swagger.json',
  '/swagger/doc.json',
  '/api/openapi.json',
  '/api/swagger.json',
  '/api/v1/openapi.json',
  '/api/v1/swagger.json',
  '/api/v2/api-docs',
  '/api/v3/api-docs',
  '/docs/openapi.json',
  '/.well-known/openapi.json',
  '/.well-known/openapi.yaml',
];

export const VIEWER_PATHS: readonly string[] = ['/swagger-ui/', '/swagger-ui.html', '/swagger-ui/index.html', '/api/swagger-ui/', '/docs', '/redoc', '/api/docs'];

const SPEC_MAX_BYTES = 20 * 1024 * 1024;
const MAX_REFERENCED = 16;

export const specLocationsProbe: Probe = {
  name: 'spec-locations',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    const findings: DiscoveryFinding[] = [];
    const specs: DiscoveredSpec[] = [];
    const endpoints: DiscoveredEndpoint[] = [];
    const hosts: string[] = [];
    const seenBodies = new Set<string>();
    const tried = new Set<string>();

    const trySpec = async (url: string, res?: FetchResult): Promise<boolean> => {
      const r = res ?? (await http.fetch(url, { maxBytes: SPEC_MAX_BYTES, headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' } }));
      if (r.status !== 200 || !r.body || isLikeNotFound(r, ctx.notFound)) return false;
      const digest = createHash('sha1').update(r.body).digest('hex');
      // claimed before parsing: the same document served at two paths is reported once
      if (seenBodies.has(digest)) return true;
      seenBodies.add(digest);
      const description = await ctx.parseSpec(r.body, r.url);
      if (!description) return false;
      specs.push({ url: r.url, description });
      const found = specEndpoints(description, r.url);
      endpoints.push(...found.endpoints);
      hosts.push(...found.hosts);
      findings.push(
        finding(
          'spec-exposed',
          r.url,
          `${description.source.version.startsWith('2') ? 'Swagger' : 'OpenAPI'} ${description.source.version} document "${description.title}" with ${description.operations.length} operations is public`,
        ),
      );
      return true;
    };
    const tryOnce = (url: string): Promise<boolean> => {
      if (tried.has(url)) return Promise.resolve(false);
      tried.add(url);
      return trySpec(url);
    };
    const inScopeUrl = (u: string): boolean => {
      try {
        return ctx.inScope(new URL(u).hostname);
      } catch {
        return false;
      }
    };

    // well-known locations, then the same under the user's prefixes
    const paths = [...SPEC_PATHS];
    for (const p of ctx.prefixes) for (const s of ['/openapi.json', '/swagger.json', '/v3/api-docs', '/api-docs']) paths.push(`${p}${s}`);
    await Promise.all(paths.map((p) => tryOnce(new URL(p, ctx.origin).href)));

    // springdoc's swagger-config names the documents
    const referenced = new Set<string>();
    const add = (ref: string, base: string): void => {
      const u = resolveUrl(ref, base);
      if (u && referenced.size < 256) referenced.add(u);
    };
    const config = await http.fetch(new URL('/v3/api-docs/swagger-config', ctx.origin).href);
    if (config.status === 200) {
      const cfg = parseJson(config.body) as { url?: unknown; configUrl?: unknown; urls?: Array<{ url?: unknown }> } | undefined;
      if (cfg && typeof cfg === 'object') {
        if (typeof cfg.url === 'string') add(cfg.url, config.url);
        if (Array.isArray(cfg.urls)) for (const u of cfg.urls) if (typeof u?.url === 'string') add(u.url, config.url);
      }
    }

    // documentation viewers: the root page and the usual paths
    const viewers: FetchResult[] = [];
    if (ctx.root.status === 200) viewers.push(ctx.root);
    const pages = await Promise.all(VIEWER_PATHS.map((p) => http.fetch(new URL(p, ctx.origin).href)));
    for (const page of pages) if (page.status === 200 && !isLikeNotFound(page, ctx.notFound)) viewers.push(page);
    const viewerUrls = new Set<string>();
    for (const page of viewers) {
      const scripts = extractScripts(page.body, page.url);
      if (!scripts.apiDocViewer) continue;
      if (!viewerUrls.has(page.url)) {
        viewerUrls.add(page.url);
        findings.push(finding('swagger-ui-exposed', page.url, 'API documentation viewer (Swagger UI / ReDoc) is public'));
      }
      const sources = [...scripts.inline];
      for (const src of scripts.external.filter((s) => /swagger-initializer|swagger-config|redoc|index\.js$/i.test(s) && inScopeUrl(s)).slice(0, 4)) {
        const js = await http.fetch(src);
        if (js.status === 200) sources.push(js.body);
      }
      for (const src of sources) for (const u of extractApiCalls(src).specUrls) add(u, page.url);
      // `<redoc spec-url="…">`
      const specUrlAttr = findTagAttribute(page.body, 'redoc', 'spec-url');
      if (specUrlAttr) add(specUrlAttr, page.url);
    }

    // RFC 9727: /.well-known/api-catalog is a linkset whose `service-desc` links are API descriptions
    const catalog = await http.fetch(new URL('/.well-known/api-catalog', ctx.origin).href, { headers: { accept: 'application/linkset+json, application/json' } });
    if (catalog.status === 200 && !isLikeNotFound(catalog, ctx.notFound)) {
      const doc = parseJson(catalog.body) as { linkset?: Array<Record<string, unknown>> } | undefined;
      if (doc && Array.isArray(doc.linkset)) {
        findings.push(finding('api-catalog-exposed', catalog.url, `API catalog lists ${doc.linkset.length} APIs`));
        for (const entry of doc.linkset.slice(0, 100)) {
          const descs = entry['service-desc'];
          if (Array.isArray(descs)) for (const d of descs) if (d && typeof (d as { href?: unknown }).href === 'string') add((d as { href: string }).href, catalog.url);
        }
      }
    }

    const refs = [...referenced].filter(inScopeUrl).slice(0, MAX_REFERENCED);
    for (const u of refs) await tryOnce(u);
    return { findings, specs, endpoints, hosts };
  },
};
