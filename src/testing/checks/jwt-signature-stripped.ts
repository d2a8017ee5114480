/**
 * API2 broken authentication: the identity's JWT with its signature removed (`header.payload.`) is accepted —
 * the verifier skips tokens without a signature.
 */
import type { Check, ProbeResults } from '../check.js';
import { forgeStripped } from '../jwt.js';
import { findJwtTarget, forgeryProbe, judgeForgery } from './jwt-target.js';

export const jwtSignatureStripped: Check = {
  id: 'jwt-signature-stripped',
  title: 'JWT with its signature removed accepted',
  owasp: 'API2:2023',
  cwe: 'CWE-347',
  severity: 'critical',
  intrusive: false,
  scope: 'api',
  description: "The caller's JWT is re-sent with the same header and claims but an empty signature; the API accepts it, so claims can be edited at will.",
  fix: 'Treat a missing or empty signature as invalid; verify with a library call that fails closed.',
  async *probes(t) {
    const target = await findJwtTarget(t);
    if (!target) return;
    yield forgeryProbe(target, forgeStripped(target.jwt), `${target.identity}'s token without its signature`);
  },
  judge: (r: ProbeResults, probe) => judgeForgery(r, `${String(probe.data?.identity)}'s token with the signature removed`),
};
