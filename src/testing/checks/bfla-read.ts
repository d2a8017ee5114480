/**
 * API5 broken function-level authorisation, reading: a normal user calls an administrators' operation (by tag,
 * path segment, operationId, scope or `x-rampart-admin`) and gets what the admin gets.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { withIdentity, withoutAuth } from '../mutate-request.js';
import { isSafeMethod } from '../plan.js';
import { bodySimilarity } from '../response-similarity.js';
import { isSuccess } from '../test-request.js';
import { describeStatus, isAdminOperation, percent } from './support.js';

export const bflaRead: Check = {
  id: 'bfla-read',
  title: "Normal user can call an administrators' read operation",
  owasp: 'API5:2023',
  cwe: 'CWE-285',
  severity: 'high',
  intrusive: false,
  scope: 'operation',
  description: 'A normal user sends the request an administrator sends to an admin-only operation and receives the same answer.',
  fix: 'Enforce roles per operation on the server (deny by default; admin routes behind an admin check), not only by hiding them in the client.',
  select: (p, ctx) => ctx.identities.users.length >= 1 && isSafeMethod(p.op.method) && p.requiresAuth !== false && isAdminOperation(p),
  async *probes(t) {
    const p = t.op!;
    const user = t.identities.users[0]!;
    const admin = t.identities.admin;
    const adminX = admin ? await t.baseline(p, admin) : undefined;
    const req = adminX ? withIdentity(adminX.request, user) : t.build(p, { identity: user });
    yield {
      label: `${user} calls ${p.key}`,
      steps: [
        ...(adminX ? [{ name: 'admin', request: adminX.request }] : []),
        { name: 'attack', request: req },
        { name: 'anonymous', request: withoutAuth(req) },
      ],
      data: { user, admin },
    } satisfies Probe;
  },
  judge: judgeBflaRead,
};

/** Fires when the user's call succeeds like the admin's (or, without an admin identity, succeeds where no credentials are refused). */
export function judgeBflaRead(r: ProbeResults, probe: Probe) {
  if (!isSuccess(r.attack) || isSuccess(r.anonymous)) return undefined;
  const d = probe.data as { user: string; admin?: string };
  if (r.admin) {
    if (!isSuccess(r.admin)) return undefined;
    const sim = bodySimilarity(r.attack!.response!.body, r.admin.response!.body);
    if (sim < 0.8) return undefined;
    return { message: `${d.user} (a normal user) called this admin operation: ${describeStatus(r.attack)}, ${percent(sim)} the same as ${d.admin}'s answer (without credentials: ${describeStatus(r.anonymous)})`, evidence: ['attack', 'admin', 'anonymous'] };
  }
  return { message: `${d.user} (a normal user) called this admin operation: ${describeStatus(r.attack)} (without credentials: ${describeStatus(r.anonymous)}; no admin identity to compare with)`, evidence: ['attack', 'anonymous'] };
}
