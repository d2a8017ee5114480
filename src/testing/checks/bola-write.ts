/**
 * API1 broken object-level authorisation, writing: bob updates alice's object (PUT/PATCH by id) and alice reads
 * the change back. Intrusive; only objects the runner created for alice are touched, and the proof is alice's
 * own read-back showing bob's marker.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { idSlots, pickMediaType } from '../build-request.js';
import { describeLocation, formatFieldPath, withBodyField, withIdentity } from '../mutate-request.js';
import { schemaObject, schemaType } from '../sample-value.js';
import { isSuccess } from '../test-request.js';
import { body, describeStatus } from './support.js';

export const bolaWrite: Check = {
  id: 'bola-write',
  title: "Another user's object can be changed by id",
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  severity: 'critical',
  intrusive: true,
  stage: 'late',
  scope: 'operation',
  description: "A second user sends an update for one of the first user's objects; the first user then reads the object and sees the change.",
  fix: 'Authorise every write against the object loaded from the store: the caller must own it (or hold a role allowed to change it); answer 404 otherwise.',
  select: (p, ctx) => ctx.identities.users.length >= 2 && (p.op.method === 'PUT' || p.op.method === 'PATCH') && p.requiresAuth !== false && idSlots(p).some((s) => s.loc.in === 'path'),
  async *probes(t) {
    const p = t.op!;
    const [victim, attacker] = t.identities.users as [string, string];
    const read = t.operations.find((o) => o.op.method === 'GET' && o.fullPath === p.fullPath);
    if (!read) return t.skip(`no GET ${p.op.path} to read the object back`);
    const media = pickMediaType(p.op.requestBody?.content);
    const props = (schemaObject(media?.[1].schema).properties ?? {}) as Record<string, unknown>;
    const field = Object.entries(props).find(([k, s]) => schemaType(s as never) === 'string' && !schemaObject(s as never).enum && !schemaObject(s as never).format && !/id$/i.test(k))?.[0];
    if (!field) return t.skip('the update body has no free-text field to carry a marker');
    for (const slot of idSlots(p).filter((s) => s.loc.in === 'path')) {
      const created = t.pool.createdBy(slot.resource, victim).filter((id) => t.pool.privateIds(slot.resource, victim, [attacker]).some((x) => x.value === id.value));
      const id = created[0];
      if (!id) {
        t.skip(`the runner created no ${slot.resource} for ${victim} to try`);
        continue;
      }
      const marker = t.marker();
      const values = [[slot.loc, id.value]] as const;
      const before = t.build(read, { identity: victim, values: [...values] });
      const update = withBodyField(t.build(p, { identity: victim, values: [...values] }), [field], `${marker} changed by ${attacker}`);
      yield {
        label: `${attacker} updates ${victim}'s ${slot.resource} ${String(id.value)}`,
        steps: [
          { name: 'before', request: before },
          { name: 'attack', request: withIdentity(update, attacker) },
          { name: 'readback', request: before },
        ],
        verify: 'self',
        data: { victim, attacker, resource: slot.resource, id: id.value, marker, field, where: describeLocation(slot.loc) },
      } satisfies Probe;
    }
  },
  judge: judgeBolaWrite,
};

/** Fires when the owner's read-back shows the attacker's marker that was not there before. */
export function judgeBolaWrite(r: ProbeResults, probe: Probe) {
  const d = probe.data as { victim: string; attacker: string; resource: string; id: unknown; marker: string; field: string; where: string };
  if (!isSuccess(r.attack) || !isSuccess(r.readback) || body(r.before).includes(d.marker) || !body(r.readback).includes(d.marker)) return undefined;
  return {
    message: `${d.attacker} changed ${d.victim}'s ${d.resource} ${String(d.id)} (${d.where}): the update answered ${describeStatus(r.attack)} and ${d.victim}'s read-back shows ${formatFieldPath([d.field])} set by ${d.attacker}`,
    evidence: ['attack', 'readback', 'before'],
  };
}
