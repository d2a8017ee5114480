/**
 * Schema fuzzing, lax validation: a request that breaks the documented schema in one clear way (malformed JSON,
 * a required field missing, a value of a different JSON type, out of range) is accepted with 2xx — the server
 * does not enforce its own contract, which is where injection and logic flaws start.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { invalidInputs } from '../invalid-inputs.js';
import { isSuccess, statusOf } from '../test-request.js';
import { injectionBase } from './injection-base.js';
import { actorFor } from './support.js';

export const fuzzInvalidAccepted: Check = {
  id: 'fuzz-invalid-accepted',
  title: 'Invalid input accepted',
  owasp: 'API8:2023',
  cwe: 'CWE-20',
  severity: 'low',
  intrusive: false,
  scope: 'operation',
  description: 'A request that breaks the documented schema in one clear way (malformed JSON, missing required field, wrong type, out of range) is accepted with 2xx.',
  fix: 'Validate requests against the spec before the handler runs (e.g. an OpenAPI request validator) and answer 400 with the reason.',
  async *probes(t) {
    const p = t.op!;
    const base = await injectionBase(t);
    const request = base?.request ?? t.build(p, actorFor(p, t.identities) ? { identity: actorFor(p, t.identities)! } : {});
    const baseline = base?.baseline ?? { name: 'baseline', request };
    for (const inv of invalidInputs(p, request)) {
      yield { label: inv.what, steps: [baseline, { name: 'attack', request: inv.request }], data: { what: inv.what } } satisfies Probe;
    }
  },
  judge: (r: ProbeResults, probe: Probe) => {
    if (!isSuccess(r.baseline) || !isSuccess(r.attack)) return undefined;
    return { message: `${String(probe.data?.what)} is accepted: ${statusOf(r.attack)}`, evidence: ['attack', 'baseline'] };
  },
};
