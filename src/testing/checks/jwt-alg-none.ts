/**
 * API2 broken authentication: the identity's JWT re-sent unsigned, with `alg: none` (RFC 7518 §3.6) in its
 * three usual spellings, is accepted.
 */
import type { Check, ProbeResults } from '../check.js';
import { forgeAlgNone } from '../jwt.js';
import { findJwtTarget, forgeryProbe, judgeForgery } from './jwt-target.js';

export const jwtAlgNone: Check = {
  id: 'jwt-alg-none',
  title: 'Unsigned JWT (alg: none) accepted',
  owasp: 'API2:2023',
  cwe: 'CWE-347',
  severity: 'critical',
  intrusive: false,
  scope: 'api',
  description: "The caller's JWT is re-sent with its header saying `alg: none` and no signature; the API accepts it, so anyone can mint tokens for any user.",
  fix: 'Verify tokens with an explicit allow-list of algorithms (e.g. only RS256) and reject `none` in every spelling.',
  async *probes(t) {
    const target = await findJwtTarget(t);
    if (!target) return;
    for (const v of ['none', 'None', 'NONE'] as const) yield forgeryProbe(target, forgeAlgNone(target.jwt, v), `${target.identity}'s token with alg "${v}" and no signature`, { variant: v });
  },
  judge: (r: ProbeResults, probe) => judgeForgery(r, `an unsigned token (alg "${String(probe.data?.variant)}") for ${String(probe.data?.identity)}`),
};
