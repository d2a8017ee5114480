/**
 * API1 broken object-level authorisation, deleting: bob deletes alice's object by id, and alice's own read
 * then finds it gone. Intrusive; only objects the runner created for alice are used. A replay would mean
 * nothing (the object is gone), so the owner's reads before and after are the verification.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { idSlots } from '../build-request.js';
import { describeLocation, withIdentity } from '../mutate-request.js';
import { isSuccess, statusOf } from '../test-request.js';
import { describeStatus } from './support.js';

export const bolaDelete: Check = {
  id: 'bola-delete',
  title: "Another user's object can be deleted by id",
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  severity: 'critical',
  intrusive: true,
  stage: 'late',
  scope: 'operation',
  description: "A second user deletes one of the first user's objects; the first user's next read finds it gone.",
  fix: 'Authorise deletes against the stored object: only its owner (or an allowed role) may delete it; answer 404 otherwise.',
  select: (p, ctx) => ctx.identities.users.length >= 2 && p.op.method === 'DELETE' && p.requiresAuth !== false && idSlots(p).some((s) => s.loc.in === 'path'),
  async *probes(t) {
    const p = t.op!;
    const [victim, attacker] = t.identities.users as [string, string];
    const read = t.operations.find((o) => o.op.method === 'GET' && o.fullPath === p.fullPath);
    if (!read) return t.skip(`no GET ${p.op.path} to check the object is gone`);
    for (const slot of idSlots(p).filter((s) => s.loc.in === 'path')) {
      const candidates = t.pool.createdBy(slot.resource, victim).filter((id) => t.pool.privateIds(slot.resource, victim, [attacker]).some((x) => x.value === id.value));
      // the last one created: earlier ones may be in use by other tests' evidence
      const id = candidates[candidates.length - 1];
      if (!id) {
        t.skip(`the runner created no ${slot.resource} for ${victim} to try`);
        continue;
      }
      const values = [[slot.loc, id.value]] as const;
      const readReq = t.build(read, { identity: victim, values: [...values] });
      yield {
        label: `${attacker} deletes ${victim}'s ${slot.resource} ${String(id.value)}`,
        steps: [
          { name: 'before', request: readReq },
          { name: 'attack', request: withIdentity(t.build(p, { identity: victim, values: [...values] }), attacker) },
          { name: 'after', request: readReq },
        ],
        verify: 'self',
        data: { victim, attacker, resource: slot.resource, id: id.value, where: describeLocation(slot.loc) },
      } satisfies Probe;
    }
  },
  judge: judgeBolaDelete,
};

/** Fires when the owner could read the object before, the attacker's delete succeeded, and the owner's read now fails with 404/410. */
export function judgeBolaDelete(r: ProbeResults, probe: Probe) {
  const d = probe.data as { victim: string; attacker: string; resource: string; id: unknown; where: string };
  const after = statusOf(r.after);
  if (!isSuccess(r.before) || !isSuccess(r.attack) || (after !== 404 && after !== 410)) return undefined;
  return {
    message: `${d.attacker} deleted ${d.victim}'s ${d.resource} ${String(d.id)} (${d.where}): the delete answered ${describeStatus(r.attack)}, and ${d.victim}'s read went from ${describeStatus(r.before)} to ${after}`,
    evidence: ['attack', 'before', 'after'],
  };
}
