/**
 * Probe: common API prefixes and versions (`/api`, `/api/v1`, `/v1`, `/rest`…), judged by the shape of the
 * answer — JSON where the host's not-found page is not, an auth challenge, JSON errors — compared with what a
 * path that cannot exist returns, so catch-all hosts do not light up everywhere. Answers also tell which auth
 * schemes the API challenges with.
 */
import { finding } from '../findings.js';
import { fingerprintResponse } from '../fingerprint.js';
import { apiShape } from '../response-shape.js';
import type { DiscoveredEndpoint, DiscoveryFinding, HostContext, HttpClient, Probe, ProbeResult } from '../types.js';

export const API_PREFIXES: readonly string[] = ['/api', '/api/v1', '/api/v2', '/api/v3', '/v1', '/v2', '/v3', '/rest', '/rest/v1', '/api/rest', '/services', '/jsonrpc', '/odata'];

export const apiPrefixesProbe: Probe = {
  name: 'api-prefixes',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    const prefixes = [...new Set([...ctx.prefixes, ...API_PREFIXES])];
    const answers = await Promise.all(prefixes.map((p) => http.fetch(new URL(p, ctx.origin).href, { follow: false, headers: { accept: 'application/json, */*;q=0.5' } })));
    const findings: DiscoveryFinding[] = [];
    const endpoints: DiscoveredEndpoint[] = [];
    const auth = new Set<string>();
    answers.forEach((r, i) => {
      const shape = apiShape(r, ctx.notFound);
      if (!shape) return;
      const path = prefixes[i] as string;
      findings.push(finding('api-prefix', r.url, `${path} answers like an API (${shape})`));
      endpoints.push({ method: 'ANY', url: r.url, path, source: 'probe' });
      for (const a of fingerprintResponse(r.headers, '').auth) auth.add(a);
    });
    return { findings, endpoints, fingerprint: { auth: [...auth] } };
  },
};
