/**
 * API7 server-side request forgery: a URL-like input (a field named url, link, callback, webhook, image…, a
 * `format: uri` schema, or a value that is a URL) is pointed at the runner's canary listener; a request arriving
 * there proves the server fetches URLs the client chooses. Verified with a second, fresh canary URL.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import type { CanaryHit } from '../canary.js';
import { injectionPoints } from '../injection-points.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { schemaObject } from '../sample-value.js';
import { actorFor } from './support.js';

const URL_NAME = /(?:^|_|-)(?:url|uri|link|href|src|source|callback|webhook|hook|endpoint|feed|image|img|avatar|icon|logo|picture|photo|redirect|return|next|dest|destination|target|proxy|fetch|remote|host|domain|site|website)(?:$|_|-|[A-Z])|(?:Url|Uri|Link|Href|Src|Callback|Webhook|Endpoint|Image|Avatar|Redirect)$/;
/** How long a fetch of the canary may take to arrive after the answer (servers that fetch in the background). */
const WAIT_MS = 1000;

export const ssrf: Check = {
  id: 'ssrf',
  title: 'Server fetches a URL the client chooses (SSRF)',
  owasp: 'API7:2023',
  cwe: 'CWE-918',
  severity: 'high',
  intrusive: false,
  scope: 'operation',
  description: "A URL parameter is pointed at a listener the test run controls; the server requests it, so it can be made to reach internal services (cloud metadata, admin ports).",
  fix: 'Allow-list the schemes, hosts and ports the server may fetch; resolve and refuse private, loopback and link-local addresses (after every redirect); fetch through an egress proxy.',
  async *probes(t) {
    const p = t.op!;
    const identity = actorFor(p, t.identities);
    const base = t.build(p, identity ? { identity } : {});
    const points = injectionPoints(p, base).filter((x) => x.type === 'string' && (URL_NAME.test(x.name) || /^(uri|url|iri)/.test(String(schemaObject(x.schema).format ?? '')) || /^https?:\/\//i.test(x.value)));
    if (points.length === 0) return;
    const canary = await t.canary();
    for (const point of points.slice(0, 3)) {
      const m1 = t.marker();
      const attack = await t.send(withValueAt(base, point.loc, canary.url(m1)));
      const hits1 = await canary.hits(m1, WAIT_MS);
      let hits2: CanaryHit[] = [];
      let again;
      if (hits1.length) {
        const m2 = t.marker();
        again = await t.send(withValueAt(base, point.loc, canary.url(m2)));
        hits2 = await canary.hits(m2, WAIT_MS);
      }
      yield {
        label: `${describeLocation(point.loc)} pointed at the canary`,
        steps: [{ name: 'attack', exchange: attack }, ...(again ? [{ name: 'again', exchange: again }] : [])],
        verify: 'self',
        data: { where: describeLocation(point.loc), hits: hits1.length, hits2: hits2.length, hit: hits1[0] ?? null, canary: canary.url(m1) },
      } satisfies Probe;
    }
  },
  judge: judgeSsrf,
};

/** Fires when both canary URLs were fetched by the target. */
export function judgeSsrf(_r: ProbeResults, probe: Probe) {
  const d = probe.data as { where: string; hits: number; hits2: number; hit: CanaryHit | null; canary: string };
  if (!d.hits || !d.hits2 || !d.hit) return undefined;
  return { message: `the server fetched the URL given in the ${d.where}: the canary ${d.canary} received ${d.hit.method} ${d.hit.path} from ${d.hit.from} (confirmed with a second URL)` };
}
