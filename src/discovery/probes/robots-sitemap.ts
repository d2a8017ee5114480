/**
 * Probe: `robots.txt` (Allow/Disallow paths and Sitemap lines, RFC 9309) and the sitemaps it names (or
 * `/sitemap.xml`): the API paths they mention become endpoints. Site owners often list exactly the paths they
 * would rather crawlers — and attackers — did not look at.
 */
import { headerValue } from '../../core/index.js';
import { finding } from '../findings.js';
import { isApiPath } from '../js-extract.js';
import { resolveUrl, urlHost } from '../resolve-url.js';
import { isLikeNotFound } from '../response-shape.js';
import type { DiscoveredEndpoint, HostContext, HttpClient, Probe, ProbeResult } from '../types.js';

const MAX_SITEMAPS = 3;
const MAX_PATHS = 500;
const DOC_PATH = /swagger|openapi|api-docs|graphql|graphiql/i;

/** Paths and sitemap URLs of a robots.txt. Wildcards (`*`, `$`) end a path: what comes before is kept. */
export function parseRobots(text: string): { paths: string[]; sitemaps: string[] } {
  const paths = new Set<string>();
  const sitemaps: string[] = [];
  for (const raw of text.split(/\r?\n/, 10_000)) {
    const line = raw.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'sitemap' && value) sitemaps.push(value);
    else if ((field === 'allow' || field === 'disallow') && value.startsWith('/')) {
      const cut = value.search(/[*$]/);
      const path = cut === -1 ? value : value.slice(0, cut);
      if (path.length > 1) paths.add(path);
    }
  }
  return { paths: [...paths], sitemaps };
}

/** `<loc>` values of a sitemap (or sitemap index), by a linear scan. */
export function parseSitemapLocs(xml: string, limit = 50_000): string[] {
  const out: string[] = [];
  let at = 0;
  while (out.length < limit) {
    const open = xml.indexOf('<loc>', at);
    if (open === -1) break;
    const close = xml.indexOf('</loc>', open + 5);
    if (close === -1) break;
    out.push(xml.slice(open + 5, close).trim().replace(/&amp;/g, '&'));
    at = close + 6;
  }
  return out;
}

export const robotsSitemapProbe: Probe = {
  name: 'robots-sitemap',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    const endpoints: DiscoveredEndpoint[] = [];
    const seen = new Set<string>();
    const add = (path: string, source: 'robots' | 'sitemap', url: string): void => {
      if (endpoints.length >= MAX_PATHS || seen.has(path)) return;
      if (!isApiPath(path) && !DOC_PATH.test(path)) return;
      seen.add(path);
      endpoints.push({ method: 'ANY', url, path, source });
    };
    const robots = await http.fetch(new URL('/robots.txt', ctx.origin).href, { maxBytes: 512 * 1024 });
    const isText = robots.status === 200 && !/html/i.test(headerValue(robots.headers, 'content-type') ?? '') && !isLikeNotFound(robots, ctx.notFound);
    const parsed = isText ? parseRobots(robots.body) : { paths: [], sitemaps: [] };
    for (const p of parsed.paths) add(p, 'robots', new URL(p, ctx.origin).href);
    const sitemapUrls = parsed.sitemaps.length ? parsed.sitemaps : [new URL('/sitemap.xml', ctx.origin).href];
    for (const s of sitemapUrls.slice(0, MAX_SITEMAPS)) {
      const u = resolveUrl(s, ctx.origin);
      const host = u && urlHost(u);
      if (!u || !host || !ctx.inScope(host)) continue;
      const sm = await http.fetch(u, { maxBytes: 4 * 1024 * 1024 });
      if (sm.status !== 200 || !sm.body.includes('<loc>')) continue;
      for (const loc of parseSitemapLocs(sm.body)) {
        const abs = resolveUrl(loc, sm.url);
        if (abs && urlHost(abs) === ctx.host) add(new URL(abs).pathname, 'sitemap', abs);
      }
    }
    const findings = endpoints.length
      ? [finding('robots-api-paths', robots.url, `robots.txt/sitemap name ${endpoints.length} API paths: ${endpoints.slice(0, 5).map((e) => e.path).join(', ')}${endpoints.length > 5 ? ', …' : ''}`)]
      : [];
    return { findings, endpoints };
  },
};
