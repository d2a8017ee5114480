/**
 * API4 unrestricted resource consumption: a request body of a megabyte (the longest text field of a valid body
 * blown up) is accepted with 2xx — no body-size limit in front of the operation. Intrusive (sends large
 * bodies, may store them).
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { injectionPoints } from '../injection-points.js';
import { withValueAt } from '../mutate-request.js';
import { isSuccess } from '../test-request.js';
import { actorFor, describeStatus } from './support.js';

export const largePayloadAccepted: Check = {
  id: 'large-payload-accepted',
  title: 'Oversized request body accepted',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  severity: 'medium',
  intrusive: true,
  stage: 'late',
  scope: 'operation',
  description: 'A valid request whose longest text field is blown up to about a megabyte is accepted with 2xx.',
  fix: 'Limit request bodies at the edge and in the framework (e.g. 64 KiB unless an operation needs more; 413 beyond), and document maxLength on strings.',
  select: (p) => ['POST', 'PUT', 'PATCH'].includes(p.op.method) && Boolean(p.op.requestBody),
  async *probes(t) {
    const p = t.op!;
    const identity = actorFor(p, t.identities);
    const base = t.build(p, identity ? { identity } : {});
    const point = injectionPoints(p, base).find((x) => x.loc.in === 'body' && x.type === 'string');
    if (!point) return t.skip('the body has no text field to enlarge');
    const size = t.tuning.largePayloadBytes;
    yield {
      label: `${Math.round(size / 1024)} KiB in ${point.name}`,
      steps: [
        { name: 'baseline', request: base },
        { name: 'attack', request: withValueAt(base, point.loc, 'A'.repeat(size)) },
      ],
      data: { field: point.name, size },
    } satisfies Probe;
  },
  judge: judgeLargePayload,
};

/** Fires when both the normal and the oversized body are accepted. */
export function judgeLargePayload(r: ProbeResults, probe: Probe) {
  if (!isSuccess(r.baseline) || !isSuccess(r.attack)) return undefined;
  const kib = Math.round(Number(probe.data?.size) / 1024);
  return { message: `a ${kib} KiB body (field ${String(probe.data?.field)}) was accepted: ${describeStatus(r.attack)}`, evidence: ['attack', 'baseline'] };
}
