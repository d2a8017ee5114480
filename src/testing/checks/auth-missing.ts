/**
 * API2 broken authentication: an operation the spec says requires credentials answers a request without any,
 * with what an authenticated user gets.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { withoutAuth } from '../mutate-request.js';
import { bodySimilarity } from '../response-similarity.js';
import { isSuccess, statusOf } from '../test-request.js';
import { describeStatus, freshStep, percent, successfulBaseline } from './support.js';

export const authMissing: Check = {
  id: 'auth-missing',
  title: 'Operation answers without credentials',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  severity: 'high',
  intrusive: false,
  scope: 'operation',
  description: 'A request the spec says needs credentials is sent without any; it succeeds with the same data an authenticated user gets.',
  fix: 'Put authentication in front of every operation by default (deny unless the route is explicitly public) and test it per route.',
  select: (p) => p.requiresAuth === true,
  async *probes(t) {
    const authed = await successfulBaseline(t, t.op!);
    if (!authed) return t.skip('no identity got a 2xx answer to compare with');
    // reads are repeated fresh next to the attack, so data that changed since the baseline does not hide a match
    yield {
      label: 'request without credentials',
      steps: [
        freshStep('authenticated', authed),
        { name: 'attack', request: withoutAuth(authed.request) },
      ],
    } satisfies Probe;
  },
  judge: judgeAuthMissing,
};

/** Fires when the request without credentials gets the authenticated status and (for reads) nearly the same body. */
export function judgeAuthMissing(r: ProbeResults) {
  const { authenticated, attack } = r;
  if (!isSuccess(authenticated) || !isSuccess(attack) || statusOf(attack) !== statusOf(authenticated)) return undefined;
  const sim = bodySimilarity(attack!.response!.body, authenticated!.response!.body);
  const needed = attack!.request.method === 'GET' ? 0.8 : 0.5;
  if (sim < needed) return undefined;
  return {
    message: `answered ${describeStatus(attack)} without credentials, ${percent(sim)} the same as an authenticated request`,
    evidence: ['attack', 'authenticated'],
  };
}
