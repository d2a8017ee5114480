/**
 * Probe: the JavaScript of the host's web front end — inline scripts and the bundles the root page loads (same
 * host or in scope; at most 20, each bounded) — parsed for API calls (js-extract.ts). Calls become endpoints
 * (resolved against the page, or the base URL the code configures); absolute base URLs and call hosts become
 * hosts to probe when in scope; spec documents the code refers to are fetched and parsed.
 */
import { isJsonMediaType, mediaType } from '../../core/index.js';
import { finding } from '../findings.js';
import { extractScripts } from '../html-scripts.js';
import { extractApiCalls, type JsApiCall } from '../js-extract.js';
import { resolveUrl, urlHost } from '../resolve-url.js';
import type { DiscoveredEndpoint, DiscoveredSpec, FetchResult, HostContext, HttpClient, Probe, ProbeResult } from '../types.js';
import { specEndpoints } from './spec-endpoints.js';

const MAX_SCRIPTS = 20;
const MAX_SCRIPT_BYTES = 5 * 1024 * 1024;
const MAX_SPECS = 4;

/** Where a call goes: an absolute URL when it can be known, and its path (placeholders kept as `{name}`). */
export function resolveCall(call: JsApiCall, pageUrl: string, baseUrls: readonly string[]): { url?: string; path: string } | undefined {
  let u = call.url;
  if (u.startsWith('{')) {
    const close = u.indexOf('}');
    const rest = u.slice(close + 1);
    const absoluteBases = baseUrls.filter((b) => /^https?:\/\//i.test(b));
    if (absoluteBases.length === 1) u = `${absoluteBases[0]}${rest}`;
    else return rest.startsWith('/') ? { path: stripQuery(rest) } : undefined;
  }
  // `{x}` placeholders must survive URL parsing unescaped
  const abs = resolveUrl(u.replace(/[{}]/g, (c) => (c === '{' ? '__RAMPART_OPEN__' : '__RAMPART_CLOSE__')), pageUrl);
  if (!abs) return undefined;
  const restore = (s: string): string => s.replace(/__RAMPART_OPEN__/g, '{').replace(/__RAMPART_CLOSE__/g, '}');
  const parsed = new URL(abs);
  return { url: restore(`${parsed.origin}${parsed.pathname}`), path: restore(parsed.pathname) };
}

function stripQuery(p: string): string {
  const q = p.search(/[?#]/);
  return q === -1 ? p : p.slice(0, q);
}

function isHtml(r: FetchResult): boolean {
  const m = mediaType(r.headers);
  return m === 'text/html' || m === 'application/xhtml+xml' || (m === '' && /^\s*<(?:!doctype|html)/i.test(r.body));
}

export const jsBundlesProbe: Probe = {
  name: 'js-bundles',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    if (ctx.root.status !== 200 || !isHtml(ctx.root) || isJsonMediaType(mediaType(ctx.root.headers))) return {};
    const page = extractScripts(ctx.root.body, ctx.root.url);
    const sources: Array<{ url: string; text: string }> = page.inline.map((text) => ({ url: ctx.root.url, text }));
    const external = page.external.filter((u) => {
      const h = urlHost(u);
      return h !== undefined && (h === ctx.host || ctx.inScope(h));
    });
    const fetched = await Promise.all(external.slice(0, MAX_SCRIPTS).map((u) => http.fetch(u, { maxBytes: MAX_SCRIPT_BYTES })));
    for (const r of fetched) if (r.status === 200 && !isHtml(r)) sources.push({ url: r.url, text: r.body });

    const endpoints: DiscoveredEndpoint[] = [];
    const hosts = new Set<string>();
    const specRefs = new Set<string>();
    const seen = new Set<string>();
    let scriptsWithCalls = 0;
    for (const src of sources) {
      const found = extractApiCalls(src.text, { maxChars: MAX_SCRIPT_BYTES });
      if (found.calls.length) scriptsWithCalls++;
      for (const b of found.baseUrls) {
        const h = /^https?:\/\//i.test(b) ? urlHost(b) : undefined;
        if (h && h !== ctx.host) hosts.add(h);
      }
      for (const s of found.specUrls) {
        const u = resolveUrl(s, ctx.root.url);
        if (u) specRefs.add(u);
      }
      for (const call of found.calls) {
        const where = resolveCall(call, ctx.root.url, found.baseUrls);
        if (!where) continue;
        const key = `${call.method} ${where.url ?? where.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        endpoints.push({ method: call.method, ...(where.url ? { url: where.url } : {}), path: where.path, source: 'js' });
        const h = where.url ? urlHost(where.url) : undefined;
        if (h && h !== ctx.host && !h.includes('{')) hosts.add(h);
      }
    }

    const specs: DiscoveredSpec[] = [];
    for (const u of [...specRefs].slice(0, MAX_SPECS)) {
      const h = urlHost(u);
      if (!h || !ctx.inScope(h)) continue;
      const r = await http.fetch(u, { maxBytes: 20 * 1024 * 1024 });
      if (r.status !== 200) continue;
      const description = await ctx.parseSpec(r.body, r.url);
      if (!description) continue;
      specs.push({ url: r.url, description });
      endpoints.push(...specEndpoints(description, r.url).endpoints);
    }

    const findings = endpoints.length
      ? [finding('js-api-calls', ctx.root.url, `front-end JavaScript (${scriptsWithCalls} of ${sources.length} scripts) calls ${endpoints.length} API endpoints`)]
      : [];
    return { findings, endpoints, specs, hosts: [...hosts] };
  },
};
