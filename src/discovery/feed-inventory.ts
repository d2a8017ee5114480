/**
 * Discovery feeds the inventory: spec documents found become comparison targets (`store.putSpec`), and the
 * endpoints seen from the outside land as endpoints whose sources include `discovery`, so `rampart inventory
 * list` shows what is known only from the outside. Endpoints already in the store keep everything they have
 * (traffic counts, schemas, the learner's state); only the `discovery` source is added.
 *
 * Stored: spec operations (status `orphan`: documented, never seen in traffic, until traffic says otherwise),
 * JavaScript calls with a method, GraphQL endpoints, and robots/sitemap paths (as GET). Paths probed only by
 * prefix (`ANY /api`) and strings without a method are in the report but not in the inventory.
 */
import { createHash } from 'node:crypto';
import { normaliseHost, type ApiDescription, type Endpoint, type EndpointStatus } from '../core/index.js';
import type { EndpointRecord, Store } from '../store/store.js';
import type { DiscoveryReport } from './types.js';

export interface FeedResult {
  readonly specs: number;
  /** Endpoints written (new or with `discovery` added). */
  readonly endpoints: number;
  readonly added: number;
}

interface Entry {
  method: string;
  host: string;
  path: string;
  status: EndpointStatus;
  spec?: Endpoint['spec'];
}

/** `:id` and `{id}` both become OpenAPI-style `{id}`; the query and fragment are dropped. */
export function toTemplate(path: string): string {
  const p = path.split(/[?#]/)[0] ?? '';
  const withSlash = p.startsWith('/') ? p : `/${p}`;
  return withSlash.replace(/\/:([A-Za-z_][\w]*)/g, '/{$1}').replace(/\/{2,}/g, '/');
}

function hostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return normaliseHost(u.host, u.protocol === 'https:' ? 'https' : 'http');
  } catch {
    return undefined;
  }
}

function specEntries(description: ApiDescription, specUrl: string): Entry[] {
  const out: Entry[] = [];
  const servers = description.servers.length ? description.servers : [{ url: '/', basePath: '' }];
  for (const op of description.operations) {
    const seen = new Set<string>();
    for (const s of op.servers ?? servers) {
      let host: string | undefined;
      let base = s.basePath;
      try {
        const u = new URL(s.url, specUrl);
        host = hostOf(u.href);
        base = u.pathname.replace(/\/+$/, '');
      } catch {
        host = hostOf(specUrl);
      }
      if (!host) continue;
      const key = `${host} ${base}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        method: op.method.toUpperCase(),
        host,
        path: toTemplate(`${base}${op.path}`),
        status: op.deprecated ? 'zombie' : 'orphan',
        spec: { file: specUrl, operationId: op.operationId, deprecated: op.deprecated, path: op.path },
      });
    }
  }
  return out;
}

function newEndpoint(e: Entry): Endpoint {
  return {
    key: `${e.method} ${e.host} ${e.path}`,
    method: e.method,
    host: e.host,
    path: e.path,
    status: e.status,
    sources: ['discovery'],
    hits: 0,
    statusCodes: {},
    requestContentTypes: [],
    responseContentTypes: [],
    parameters: [],
    requestBodies: [],
    responses: [],
    auth: [],
    sensitive: [],
    samples: [],
    ...(e.spec ? { spec: e.spec } : {}),
  };
}

/** Writes the report's specs and endpoints into the store, in one transaction. */
export function feedInventory(store: Store, report: DiscoveryReport, now: number): FeedResult {
  const entries = new Map<string, Entry>();
  const put = (e: Entry): void => {
    const key = `${e.method} ${e.host} ${e.path}`;
    if (!entries.has(key) || e.spec) entries.set(key, e);
  };
  for (const h of report.hosts) {
    for (const ep of h.endpoints) {
      if (ep.source === 'spec' || ep.source === 'probe') continue;
      const method = ep.source === 'robots' || ep.source === 'sitemap' ? 'GET' : ep.method;
      if (method === 'ANY') continue;
      const host = ep.url ? hostOf(ep.url) : hostOf(h.url);
      if (!host) continue;
      put({ method, host, path: toTemplate(ep.path), status: 'shadow' });
    }
  }
  for (const s of report.specDocuments) for (const e of specEntries(s.description, s.url)) put(e);

  return store.transaction(() => {
    let specs = 0;
    const seenSpecs = new Set<string>();
    for (const s of report.specDocuments) {
      const id = createHash('sha256').update(JSON.stringify(s.description)).digest('hex');
      if (seenSpecs.has(id)) continue;
      seenSpecs.add(id);
      store.putSpec({ id, file: s.url, addedAt: now, description: s.description });
      specs++;
    }
    const records: EndpointRecord[] = [];
    let added = 0;
    for (const e of entries.values()) {
      const existing = store.getEndpoint(`${e.method} ${e.host} ${e.path}`);
      if (existing) {
        if (existing.endpoint.sources.includes('discovery')) continue;
        records.push({ endpoint: { ...existing.endpoint, sources: [...existing.endpoint.sources, 'discovery'] }, state: existing.state });
      } else {
        records.push({ endpoint: newEndpoint(e), state: null });
        added++;
      }
    }
    store.putEndpoints(records);
    return { specs, endpoints: records.length, added };
  });
}
