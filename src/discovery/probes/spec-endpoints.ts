/**
 * The endpoints a spec document describes, as discovery reports them: each operation at the server it names
 * (absolute servers as written, relative ones under the URL the spec was fetched from).
 */
import type { ApiDescription } from '../../core/index.js';
import type { DiscoveredEndpoint } from '../types.js';

export function specEndpoints(description: ApiDescription, specUrl: string, limit = 5_000): { endpoints: DiscoveredEndpoint[]; hosts: string[] } {
  const bases = new Set<string>();
  const hosts = new Set<string>();
  for (const s of description.servers) {
    try {
      const u = new URL(s.url, specUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      bases.add(`${u.origin}${u.pathname.replace(/\/+$/, '')}`);
      if (u.host !== new URL(specUrl).host) hosts.add(u.hostname);
    } catch {
      // a server URL with unresolved variables: skip it
    }
  }
  if (bases.size === 0) bases.add(new URL(specUrl).origin);
  const endpoints: DiscoveredEndpoint[] = [];
  for (const op of description.operations) {
    for (const base of bases) {
      if (endpoints.length >= limit) break;
      const url = `${base}${op.path}`;
      endpoints.push({ method: op.method.toUpperCase(), url, path: new URL(base).pathname.replace(/\/+$/, '') + op.path, source: 'spec' });
    }
  }
  return { endpoints, hosts: [...hosts] };
}
