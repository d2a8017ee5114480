/**
 * API1 broken object-level authorisation, reading: bob asks for alice's object by its id (in the path, the
 * query or the body) and gets what alice gets. Only ids private to alice are used (learned from her creates,
 * lists and reads, never seen by bob), only on operations that require credentials, and only when the same
 * request without credentials is refused — so public objects are never reported.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { idSlots } from '../build-request.js';
import { describeLocation, withIdentity, withoutAuth } from '../mutate-request.js';
import { isSafeMethod } from '../plan.js';
import { bodySimilarity, hasContent } from '../response-similarity.js';
import { isSuccess } from '../test-request.js';
import { describeStatus, percent } from './support.js';

/** POST operations that only read (a lookup by id in the body). */
export const READ_LIKE_OPERATION = /track|lookup|search|find|read|view|show|status|query|fetch|download|export|list|get|retrieve|check/i;
const SIMILARITY = 0.9;

export const bolaRead: Check = {
  id: 'bola-read',
  title: "Another user's object can be read by id",
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  severity: 'high',
  intrusive: false,
  scope: 'operation',
  description: "A second user replays the first user's request for one of the first user's objects (id in the path, query or body) and receives the same data.",
  fix: 'Check on every request that the object belongs to (or is shared with) the caller, after loading it and before returning it; answer 404 otherwise.',
  select: (p, ctx) =>
    ctx.identities.users.length >= 2 &&
    p.requiresAuth !== false &&
    (isSafeMethod(p.op.method) || (p.op.method === 'POST' && READ_LIKE_OPERATION.test(`${p.op.path} ${p.op.operationId ?? ''}`))) &&
    idSlots(p).length > 0,
  async *probes(t) {
    const p = t.op!;
    const [victim, attacker, ...others] = t.identities.users as [string, string, ...string[]];
    let tried = 0;
    for (const slot of idSlots(p)) {
      const ids = t.pool.privateIds(slot.resource, victim, [attacker, ...others, ...(t.identities.admin ? [t.identities.admin] : [])]).slice(0, 2);
      if (ids.length === 0) continue;
      for (const id of ids) {
        tried++;
        const owner = t.build(p, { identity: victim, values: [[slot.loc, id.value]] });
        yield {
          label: `${attacker} reads ${victim}'s ${slot.resource} ${String(id.value)}`,
          steps: [
            { name: 'owner', request: owner },
            { name: 'attack', request: withIdentity(owner, attacker) },
            { name: 'anonymous', request: withoutAuth(owner) },
          ],
          data: { victim, attacker, resource: slot.resource, id: id.value, where: describeLocation(slot.loc) },
        } satisfies Probe;
      }
    }
    if (!tried) t.skip(`no id private to ${victim} was learned for this operation's id parameters`);
  },
  judge: judgeBolaRead,
};

/** Fires when the attacker got (nearly) the owner's response while a request without credentials was refused. */
export function judgeBolaRead(r: ProbeResults, probe: Probe) {
  const { owner, attack, anonymous } = r;
  if (!isSuccess(owner) || !hasContent(owner?.response?.body) || !isSuccess(attack) || isSuccess(anonymous)) return undefined;
  const sim = bodySimilarity(attack!.response!.body, owner!.response!.body);
  if (sim < SIMILARITY) return undefined;
  const d = probe.data as { victim: string; attacker: string; resource: string; id: unknown; where: string };
  return {
    message: `${d.attacker} read ${d.victim}'s ${d.resource} ${String(d.id)} through the ${d.where}: ${describeStatus(attack)}, ${percent(sim)} the same as ${d.victim}'s own response (without credentials: ${describeStatus(anonymous)})`,
    evidence: ['attack', 'owner', 'anonymous'],
  };
}
