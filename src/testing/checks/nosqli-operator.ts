/**
 * Injection, NoSQL operators: a value replaced by a query operator object (`{"$ne": x}`, `{"$gt": ""}` in JSON
 * bodies, `name[$ne]=x` in queries) matches where the literal value and the never-matching twin (`{"$eq": x}`,
 * `{"$in": []}`) do not — the input is used as a MongoDB-style query. Never sent to PUT, PATCH or DELETE.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withQueryParam, withValueAt, withoutQueryParam } from '../mutate-request.js';
import { largestArrayLength, parseJsonBody } from '../response-similarity.js';
import { isSuccess, type TestRequest } from '../test-request.js';
import { isThrottleStatus } from './support.js';
import { injectionBase } from './injection-base.js';

export const nosqliOperator: Check = {
  id: 'nosqli-operator',
  title: 'NoSQL injection (query operators)',
  owasp: 'API8:2023',
  cwe: 'CWE-943',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'A parameter replaced by a query operator ({"$ne": …}) matches data that the literal value and a never-matching operator do not.',
  fix: 'Validate types before querying (a string must be a string), cast or reject objects, and use the driver’s sanitising options (e.g. mongo-sanitize, strictQuery).',
  select: (p) => !['PUT', 'PATCH', 'DELETE'].includes(p.op.method),
  async *probes(t) {
    const base = await injectionBase(t, (x) => (x.loc.in === 'body' || x.loc.in === 'query') && x.type !== 'boolean');
    if (!base) return;
    for (const point of base.points) {
      const marker = t.marker();
      const set = (op: string, v: unknown): TestRequest => {
        if (point.loc.in === 'query') return withQueryParam(withoutQueryParam(base.request, point.name), `${point.name}[${op}]`, typeof v === 'string' ? v : '');
        return withValueAt(base.request, point.loc, { [op]: v });
      };
      for (const [op, v, twinOp, twinV] of [
        ['$ne', marker, '$eq', marker],
        ['$gt', '', '$in', []],
      ] as const) {
        if (point.loc.in === 'query' && typeof twinV !== 'string') continue;
        yield {
          label: `${op} in ${describeLocation(point.loc)}`,
          steps: [
            { name: 'literal', request: withValueAt(base.request, point.loc, marker) },
            { name: 'attack', request: set(op, v) },
            { name: 'twin', request: set(twinOp, twinV) },
          ],
          data: { where: describeLocation(point.loc), op, twinOp },
        } satisfies Probe;
      }
    }
  },
  judge: judgeNoSql,
};

/** Fires when the operator matches (2xx, or more items) where the literal value and the never-matching twin do not. */
export function judgeNoSql(r: ProbeResults, probe: Probe) {
  const { literal, attack, twin } = r;
  if (!isSuccess(attack) || !literal?.response || !twin?.response || isThrottleStatus(literal) || isThrottleStatus(twin)) return undefined;
  const d = probe.data as { where: string; op: string; twinOp: string };
  if (!isSuccess(literal) && !isSuccess(twin)) {
    return { message: `{"${d.op}": …} in the ${d.where} matched (${attack!.response!.status}) where the literal value (${literal.response.status}) and {"${d.twinOp}": …} (${twin.response.status}) did not`, evidence: ['attack', 'twin', 'literal'] };
  }
  const n = largestArrayLength(parseJsonBody(attack!.response!.body));
  const nl = largestArrayLength(parseJsonBody(literal.response.body));
  const nt = largestArrayLength(parseJsonBody(twin.response.body));
  if (isSuccess(literal) && isSuccess(twin) && n > 0 && nl === 0 && nt === 0) {
    return { message: `{"${d.op}": …} in the ${d.where} returned ${n} items where the literal value and {"${d.twinOp}": …} returned none`, evidence: ['attack', 'twin', 'literal'] };
  }
  return undefined;
}
