/**
 * API2 broken authentication: a credential known to be expired (an identity marked `expired: true` in the auth
 * file, e.g. a JWT minted by the CI with a past `exp`) is still accepted by an operation that refuses requests
 * without credentials.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { decodeJwt, isExpired } from '../jwt.js';
import { withIdentity } from '../mutate-request.js';
import { isSuccess } from '../test-request.js';
import { describeStatus } from './support.js';

export const authExpiredToken: Check = {
  id: 'auth-expired-token',
  title: 'Expired credential accepted',
  owasp: 'API2:2023',
  cwe: 'CWE-613',
  severity: 'high',
  intrusive: false,
  scope: 'api',
  description: 'A credential known to be expired is sent; the API still lets it in, so stolen or leaked tokens never stop working.',
  fix: 'Check `exp` (and `nbf`) on every token with a small clock skew, and revoke sessions server-side on logout and password change.',
  async *probes(t) {
    const expired = t.identities.expired[0];
    if (!expired) return t.skip('no identity is marked `expired: true` in the auth file');
    const token = t.sessions.token(expired);
    const jwt = token ? decodeJwt(token) : undefined;
    if (jwt && !isExpired(jwt, Date.now())) return t.skip(`identity ${expired} is marked expired but its token's exp is in the future`);
    const who = t.identities.users[0] ?? t.identities.admin;
    const probe = who ? await t.authProbe(who) : undefined;
    if (!probe) return t.skip('no GET operation refuses requests without credentials');
    yield {
      label: `${expired}'s expired credential`,
      key: 'api',
      operation: probe.operation,
      steps: [
        { name: 'allowed', exchange: probe.allowed },
        { name: 'refused', exchange: probe.refused },
        { name: 'attack', request: withIdentity(probe.request, expired) },
      ],
      data: { expired, exp: typeof jwt?.payload.exp === 'number' ? new Date(jwt.payload.exp * 1000).toISOString() : undefined },
    } satisfies Probe;
  },
  judge: judgeExpired,
};

/** Fires when the expired credential is let in while no credentials are refused. */
export function judgeExpired(r: ProbeResults, probe: Probe) {
  if (!isSuccess(r.allowed) || isSuccess(r.refused) || !isSuccess(r.attack)) return undefined;
  const exp = probe.data?.exp ? ` (expired ${String(probe.data.exp)})` : '';
  return {
    message: `${String(probe.data?.expired)}'s expired credential${exp} was accepted: ${describeStatus(r.attack)} (no credentials: ${describeStatus(r.refused)})`,
    evidence: ['attack', 'refused'],
  };
}
