/**
 * Ids the runner has learned, per resource and per identity: from objects created by `POST`, `Location`
 * headers, lists and embedded references. Stateful flows (create, then read/update/delete the returned id) and
 * the authorisation tests (bob uses alice's id) draw from here. Bounded: at most `perKey` ids per
 * (resource, identity).
 */
import { isIdName, resourceOfIdName, resourceOfPath, resourceOfPathParam, singular } from './resource-name.js';

/** How an id was learned, strongest first: created by the runner, listed in a collection, read, or referenced. */
export type IdProvenance = 'created' | 'listed' | 'read' | 'embedded';

export interface LearnedId {
  readonly resource: string;
  readonly value: string | number;
  /** Identity whose response revealed it ('' for requests without credentials). */
  readonly identity: string;
  readonly provenance: IdProvenance;
}

export interface IdPool {
  /** Learns ids from a JSON response to `method template` sent by `identity`. */
  learnFromBody(body: unknown, method: string, template: string, identity: string): void;
  /** Learns the ids in a `Location` header matched against the known path templates. */
  learnFromLocation(location: string, templates: readonly string[], basePath: string, identity: string): void;
  add(id: LearnedId): void;
  /** Ids of `resource` seen by `identity`, strongest provenance first. */
  ids(resource: string, identity: string, provenances?: readonly IdProvenance[]): LearnedId[];
  /**
   * Ids of `resource` that `owner` got from a create, list or read and that no other identity in `others` ever
   * saw: the candidates for object-level authorisation tests.
   */
  privateIds(resource: string, owner: string, others: readonly string[]): LearnedId[];
  /** Ids the runner itself created with `identity` (the only ones intrusive tests may change or delete). */
  createdBy(resource: string, identity: string): LearnedId[];
  /** Every resource name known. */
  resources(): string[];
}

const GENERIC_CONTAINERS = new Set(['items', 'data', 'results', 'result', 'content', 'records', 'list', 'rows', 'entries', 'values', 'hits', 'objects', 'elements', 'nodes', 'edges', 'page', 'payload', 'response']);
const RANK: Record<IdProvenance, number> = { created: 0, listed: 1, read: 2, embedded: 3 };
const MAX_OBJECTS = 500;

export function createIdPool(perKey = 20): IdPool {
  const byKey = new Map<string, LearnedId[]>();
  const seenBy = new Map<string, Set<string>>();
  const key = (resource: string, identity: string) => `${resource}\u0000${identity}`;

  const add = (id: LearnedId): void => {
    if (!id.resource || id.value === '' || id.value === null) return;
    const seen = `${id.resource}\u0000${String(id.value)}`;
    let who = seenBy.get(seen);
    if (!who) seenBy.set(seen, (who = new Set()));
    who.add(id.identity);
    const k = key(id.resource, id.identity);
    const list = byKey.get(k) ?? [];
    const existing = list.findIndex((x) => String(x.value) === String(id.value));
    if (existing !== -1) {
      if (RANK[id.provenance] < RANK[list[existing]!.provenance]) list[existing] = id;
      return;
    }
    if (list.length >= perKey) {
      // keep the strongest: replace the weakest when the new one is stronger
      let weakest = 0;
      for (let i = 1; i < list.length; i++) if (RANK[list[i]!.provenance] > RANK[list[weakest]!.provenance]) weakest = i;
      if (RANK[id.provenance] >= RANK[list[weakest]!.provenance]) return;
      list.splice(weakest, 1);
    }
    list.push(id);
    byKey.set(k, list);
  };

  const sorted = (list: readonly LearnedId[]) => [...list].sort((a, b) => RANK[a.provenance] - RANK[b.provenance]);

  return {
    add,
    learnFromBody(body, method, template, identity) {
      const rootResource = resourceOfPath(template);
      const endsWithParam = /\}\/?$/.test(template);
      const rootProvenance: IdProvenance = method === 'POST' && !endsWithParam ? 'created' : 'read';
      let budget = MAX_OBJECTS;
      const visit = (v: unknown, resource: string | undefined, provenance: IdProvenance, depth: number): void => {
        if (budget-- <= 0 || depth > 5 || v === null || typeof v !== 'object') return;
        if (Array.isArray(v)) {
          for (const item of v.slice(0, 100)) visit(item, resource, provenance === 'embedded' ? 'embedded' : 'listed', depth + 1);
          return;
        }
        for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
          if (isScalarId(val) && isIdName(k)) {
            const own = resourceOfIdName(k);
            if (own && own !== resource) add({ resource: own, value: val, identity, provenance: 'embedded' });
            else if (resource) add({ resource, value: val, identity, provenance });
          } else if (val !== null && typeof val === 'object') {
            const container = GENERIC_CONTAINERS.has(k.toLowerCase());
            const child = container ? resource : singular(k);
            const childProvenance: IdProvenance = container ? (Array.isArray(val) ? 'listed' : provenance) : 'embedded';
            visit(val, child, childProvenance, depth + 1);
          }
        }
      };
      visit(body, rootResource, Array.isArray(body) ? 'listed' : rootProvenance, 0);
    },
    learnFromLocation(location, templates, basePath, identity) {
      let path: string;
      try {
        path = new URL(location, 'http://x').pathname;
      } catch {
        return;
      }
      if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
      const segs = path.split('/');
      for (const t of templates) {
        const tsegs = t.split('/');
        if (tsegs.length !== segs.length) continue;
        const values: Array<[string, string]> = [];
        let ok = true;
        for (let i = 0; i < tsegs.length && ok; i++) {
          const ts = tsegs[i]!;
          if (ts.startsWith('{') && ts.endsWith('}')) values.push([ts.slice(1, -1), decodeURIComponent(segs[i]!)]);
          else ok = ts === segs[i];
        }
        if (!ok || values.length === 0) continue;
        const last = values[values.length - 1]!;
        const resource = resourceOfPathParam(t, last[0]);
        if (resource) add({ resource, value: /^\d+$/.test(last[1]) ? Number(last[1]) : last[1], identity, provenance: 'created' });
        return;
      }
    },
    ids(resource, identity, provenances) {
      const list = byKey.get(key(resource, identity)) ?? [];
      return sorted(provenances ? list.filter((x) => provenances.includes(x.provenance)) : list);
    },
    privateIds(resource, owner, others) {
      const list = byKey.get(key(resource, owner)) ?? [];
      return sorted(
        list.filter((x) => {
          if (x.provenance === 'embedded') return false;
          const who = seenBy.get(`${resource}\u0000${String(x.value)}`);
          return !others.some((o) => who?.has(o));
        }),
      );
    },
    createdBy(resource, identity) {
      return (byKey.get(key(resource, identity)) ?? []).filter((x) => x.provenance === 'created');
    },
    resources() {
      return [...new Set([...byKey.keys()].map((k) => k.split('\u0000')[0]!))];
    },
  };
}

function isScalarId(v: unknown): v is string | number {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length > 0 && v.length <= 200);
}
