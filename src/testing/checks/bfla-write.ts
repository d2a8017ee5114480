/**
 * API5 broken function-level authorisation, writing: a normal user calls an administrators' operation that
 * changes or deletes (e.g. DELETE /admin/users/{id}) and it succeeds. Intrusive; ids are only taken from objects
 * the runner created, and a request for an id that does not exist must fail (so "always 2xx" is not reported).
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { idSlots } from '../build-request.js';
import { withIdentity, withoutAuth, withValueAt } from '../mutate-request.js';
import { isSafeMethod } from '../plan.js';
import { isSuccess } from '../test-request.js';
import { describeStatus, isAdminOperation } from './support.js';

export const bflaWrite: Check = {
  id: 'bfla-write',
  title: "Normal user can call an administrators' write operation",
  owasp: 'API5:2023',
  cwe: 'CWE-285',
  severity: 'critical',
  intrusive: true,
  stage: 'late',
  scope: 'operation',
  description: 'A normal user calls an admin-only operation that creates, changes or deletes, on objects the test run created; it succeeds.',
  fix: 'Enforce roles per operation on the server (deny by default; admin routes behind an admin check).',
  select: (p, ctx) => ctx.identities.users.length >= 1 && !isSafeMethod(p.op.method) && p.requiresAuth !== false && isAdminOperation(p),
  async *probes(t) {
    const p = t.op!;
    const user = t.identities.users[0]!;
    const slot = idSlots(p).find((s) => s.loc.in === 'path');
    if (!slot) {
      const req = t.build(p, { identity: user });
      yield { label: `${user} calls ${p.key}`, steps: [{ name: 'anonymous', request: withoutAuth(req) }, { name: 'attack', request: req }], verify: 'self', data: { user } } satisfies Probe;
      return;
    }
    const everyone = [...t.identities.users, ...(t.identities.admin ? [t.identities.admin] : [])];
    const created = everyone.flatMap((id) => t.pool.createdBy(slot.resource, id));
    if (created.length === 0) return t.skip(`the run created no ${slot.resource} it could use`);
    const [first, second] = created.slice(-2).reverse();
    const req = (v: unknown) => withIdentity(t.build(p, { identity: user, values: [[slot.loc, v]] }), user);
    yield {
      label: `${user} calls ${p.key} on ${slot.resource} ${String(first!.value)}`,
      steps: [
        { name: 'missing', request: req(typeof first!.value === 'number' ? 987_654_321 : 'rampart-missing-object') },
        { name: 'anonymous', request: withoutAuth(withValueAt(req(first!.value), slot.loc, first!.value)) },
        { name: 'attack', request: req(first!.value) },
        ...(second ? [{ name: 'again', request: req(second.value) }] : []),
      ],
      verify: 'self',
      data: { user, resource: slot.resource, id: first!.value },
    } satisfies Probe;
  },
  judge: judgeBflaWrite,
};

/** Fires when no credentials are refused, a missing id fails, and the user's call(s) on real ids succeed. */
export function judgeBflaWrite(r: ProbeResults, probe: Probe) {
  if (isSuccess(r.anonymous) || !isSuccess(r.attack) || (r.missing && isSuccess(r.missing)) || (r.again && !isSuccess(r.again))) return undefined;
  const d = probe.data as { user: string; resource?: string; id?: unknown };
  const what = d.resource ? ` on ${d.resource} ${String(d.id)}${r.again ? ' (and a second one)' : ''}` : '';
  return { message: `${d.user} (a normal user) called this admin operation${what}: ${describeStatus(r.attack)} (without credentials: ${describeStatus(r.anonymous)})`, evidence: ['attack', 'anonymous', ...(r.missing ? ['missing'] : [])] };
}
