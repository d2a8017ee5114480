/**
 * API2 broken authentication: the identity's own token with a tampered signature (or, for opaque tokens, a
 * changed tail) is accepted by an operation that refuses requests without credentials — the token is read,
 * not verified.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { decodeJwt, forgeCorrupted } from '../jwt.js';
import { withAuth, withoutAuth } from '../mutate-request.js';
import { bodySimilarity } from '../response-similarity.js';
import { isSuccess } from '../test-request.js';
import { describeStatus, freshStep, percent, successfulBaseline } from './support.js';

export const authInvalidToken: Check = {
  id: 'auth-invalid-token',
  title: 'Tampered token accepted',
  owasp: 'API2:2023',
  cwe: 'CWE-345',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: "The caller's token is sent with its signature altered; the operation still answers as if it were valid.",
  fix: "Verify every token's signature (and issuer, audience, expiry) with the server's key before trusting any claim; never decode-only.",
  select: (p) => p.requiresAuth === true,
  async *probes(t) {
    const authed = await successfulBaseline(t, t.op!);
    if (!authed || authed.request.auth.kind !== 'identity') return t.skip('no identity got a 2xx answer to compare with');
    const identity = authed.request.auth.identity;
    const token = t.sessions.token(identity);
    const carrier = t.sessions.tokenCarrier(identity);
    if (!token || !carrier || carrier.in !== 'header') return t.skip(`identity ${identity} sends no token in a header`);
    const jwt = decodeJwt(token);
    const tampered = jwt ? forgeCorrupted(jwt) : `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    yield {
      label: `${identity}'s token with a tampered signature`,
      steps: [
        freshStep('authenticated', authed),
        { name: 'anonymous', request: withoutAuth(authed.request) },
        { name: 'attack', request: withAuth(authed.request, { kind: 'forged', headers: [[carrier.name, `${carrier.prefix}${tampered}`]], note: 'tampered signature', derivedFrom: { identity, label: 'token-tampered' } }) },
      ],
      data: { identity },
    } satisfies Probe;
  },
  judge: judgeInvalidToken,
};

/** Fires when the tampered token gets the authenticated answer while no credentials are refused. */
export function judgeInvalidToken(r: ProbeResults, probe: Probe) {
  const { authenticated, anonymous, attack } = r;
  if (!isSuccess(authenticated) || isSuccess(anonymous) || !isSuccess(attack)) return undefined;
  const sim = bodySimilarity(attack!.response!.body, authenticated!.response!.body);
  if (sim < 0.8) return undefined;
  return {
    message: `a token with a tampered signature was accepted: ${describeStatus(attack)}, ${percent(sim)} the same as with ${String(probe.data?.identity)}'s real token (without credentials: ${describeStatus(anonymous)})`,
    evidence: ['attack', 'authenticated', 'anonymous'],
  };
}
