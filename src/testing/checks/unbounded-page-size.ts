/**
 * API4 unrestricted resource consumption: a page-size parameter (`limit`, `size`, `per_page`…) is honoured far
 * beyond its documented maximum (or beyond 1000 when none is documented), so one request can pull a whole table.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { withQueryParam } from '../mutate-request.js';
import { largestArrayLength, parseJsonBody } from '../response-similarity.js';
import { schemaObject } from '../sample-value.js';
import { isSuccess } from '../test-request.js';
import { PAGE_SIZE_PARAM, actorFor } from './support.js';

const HUGE = 100_000;
const UNDOCUMENTED_CAP = 1000;

export const unboundedPageSize: Check = {
  id: 'unbounded-page-size',
  title: 'Page size not capped',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  severity: 'medium',
  intrusive: false,
  scope: 'operation',
  description: 'A list operation is asked for 100000 items per page and returns more than its documented maximum.',
  fix: 'Clamp or reject page sizes above a maximum on the server (and document `maximum` in the spec); paginate with cursors.',
  select: (p) => p.op.method === 'GET' && p.op.parameters.some((x) => x.in === 'query' && PAGE_SIZE_PARAM.test(x.name)),
  async *probes(t) {
    const p = t.op!;
    const identity = actorFor(p, t.identities);
    for (const param of p.op.parameters.filter((x) => x.in === 'query' && PAGE_SIZE_PARAM.test(x.name))) {
      const s = schemaObject(param.schema);
      const max = typeof s.maximum === 'number' ? s.maximum : undefined;
      const base = t.build(p, identity ? { identity } : {});
      yield {
        label: `${param.name}=${HUGE}`,
        steps: [
          { name: 'baseline', request: withQueryParam(base, param.name, String(Math.min(max ?? 10, 10))) },
          { name: 'attack', request: withQueryParam(base, param.name, String(HUGE)) },
        ],
        data: { param: param.name, max },
      } satisfies Probe;
    }
  },
  judge: judgePageSize,
};

/** Fires when the huge page returned more items than the cap and than the small page. */
export function judgePageSize(r: ProbeResults, probe: Probe) {
  const d = probe.data as { param: string; max?: number };
  if (!isSuccess(r.attack) || !isSuccess(r.baseline)) return undefined;
  const n = largestArrayLength(parseJsonBody(r.attack!.response!.body));
  const small = largestArrayLength(parseJsonBody(r.baseline!.response!.body));
  const cap = d.max ?? UNDOCUMENTED_CAP;
  if (n <= cap || n <= small) return undefined;
  return { message: `${d.param}=${HUGE} returned ${n} items (${d.max !== undefined ? `documented maximum ${d.max}` : `no maximum documented; more than ${UNDOCUMENTED_CAP}`}; ${d.param}=${Math.min(d.max ?? 10, 10)} returned ${small})` };
}
