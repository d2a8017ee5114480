/**
 * Schema fuzzing, crashes: invalid input (malformed JSON, a missing required field, a wrong type, an
 * out-of-range number) makes the operation fail with a 5xx where the valid request does not — unhandled input
 * reaching code that trusts it.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { invalidInputs } from '../invalid-inputs.js';
import { statusOf } from '../test-request.js';
import { injectionBase } from './injection-base.js';
import { actorFor } from './support.js';

export const fuzzServerError: Check = {
  id: 'fuzz-server-error',
  title: 'Invalid input causes a server error',
  owasp: 'API8:2023',
  cwe: 'CWE-20',
  severity: 'medium',
  intrusive: false,
  scope: 'operation',
  description: 'A request that breaks the documented schema in one way (malformed JSON, missing field, wrong type, out of range) is answered 5xx instead of 4xx.',
  fix: 'Validate every request against the schema before the handler runs (reject with 400/422), and handle errors so none reaches the client as a 500.',
  async *probes(t) {
    const p = t.op!;
    const base = await injectionBase(t);
    const request = base?.request ?? t.build(p, actorFor(p, t.identities) ? { identity: actorFor(p, t.identities)! } : {});
    const baseline = base?.baseline ?? { name: 'baseline', request };
    for (const inv of invalidInputs(p, request)) {
      yield { label: inv.what, steps: [baseline, { name: 'attack', request: inv.request }], data: { what: inv.what } } satisfies Probe;
    }
  },
  judge: judgeServerError,
};

/** Fires on a 5xx (but 503, an availability answer) to the invalid request while the valid one is not 5xx. */
export function judgeServerError(r: ProbeResults, probe: Probe) {
  const s = statusOf(r.attack);
  const b = statusOf(r.baseline);
  if (s < 500 || s === 503 || b >= 500 || b === 0) return undefined;
  return { message: `${String(probe.data?.what)} is answered ${s} (the valid request: ${b})`, evidence: ['attack', 'baseline'] };
}
