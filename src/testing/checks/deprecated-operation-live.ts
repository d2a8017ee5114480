/**
 * API9 improper inventory management: an operation the spec marks deprecated still answers 2xx — retired
 * functionality left running.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { isSuccess } from '../test-request.js';
import { actorFor, describeStatus } from './support.js';

export const deprecatedOperationLive: Check = {
  id: 'deprecated-operation-live',
  title: 'Deprecated operation still answers',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  severity: 'low',
  intrusive: false,
  scope: 'operation',
  description: 'A valid request to an operation the spec marks `deprecated: true` still succeeds.',
  fix: 'Retire deprecated operations on schedule (410 Gone, with a Sunset header beforehand) and remove them from the routing.',
  select: (p) => p.op.deprecated,
  async *probes(t) {
    const p = t.op!;
    yield { label: `${p.key} (deprecated)`, steps: [{ name: 'attack', exchange: await t.baseline(p, actorFor(p, t.identities)) }] } satisfies Probe;
  },
  judge: (r: ProbeResults) => (isSuccess(r.attack) ? { message: `the deprecated operation still answers ${describeStatus(r.attack)}` } : undefined),
};
