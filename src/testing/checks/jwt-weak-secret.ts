/**
 * API2 broken authentication: tokens signed with HMAC under a guessable secret. HS* tokens are cracked offline
 * against a small dictionary of secrets seen in tutorials and defaults (no request per guess); for other
 * algorithms each dictionary secret is tried online as an HS256 signature, which also finds servers that still
 * accept a legacy HMAC secret. A hit is proven by a token the runner signed being accepted.
 */
import type { Check, ProbeResults } from '../check.js';
import { signHmac, verifiesWithHmac } from '../jwt.js';
import { findJwtTarget, forgeryProbe, judgeForgery } from './jwt-target.js';

/** Secrets that tutorials, frameworks and defaults use (the first ones are the most common). */
export const WEAK_JWT_SECRETS: readonly string[] = [
  'secret', 'changeme', 'password', '123456', 'your-256-bit-secret', 'secretkey', 'secret_key', 'secret-key', 'jwt', 'jwtsecret',
  'jwt_secret', 'jwt-secret', 'mysecret', 'my_secret', 'supersecret', 'topsecret', 'changeit', 'change_me', 'key', 'private',
  'default', 'test', 'testing', 'admin', 'qwerty', 'letmein', 'shhhhh', 'keyboard cat', 'token', 'auth', 's3cr3t', 'abc123',
  'pass', 'development', 'dev', 'example', 'hmac', 'secret123', 'mysecretkey', 'your_jwt_secret', 'random', 'access',
  'supersecretkey', 'app-secret', 'shhh', 'hello', 'welcome', 'changethis',
];

/** `c******e`: enough for people to recognise the secret, not enough to paste it. */
export function maskSecret(s: string): string {
  return s.length <= 2 ? '*'.repeat(s.length) : `${s[0]}${'*'.repeat(s.length - 2)}${s[s.length - 1]}`;
}

export const jwtWeakSecret: Check = {
  id: 'jwt-weak-secret',
  title: 'JWT signed with a guessable secret accepted',
  owasp: 'API2:2023',
  cwe: 'CWE-521',
  severity: 'critical',
  intrusive: false,
  scope: 'api',
  description: 'Tokens signed with HMAC under a secret from a small dictionary of well-known secrets are accepted, so anyone can mint tokens.',
  fix: 'Sign with a random secret of at least 256 bits kept out of the code (or an asymmetric key), rotate the guessed one, and accept only the algorithm you issue.',
  async *probes(t) {
    const target = await findJwtTarget(t);
    if (!target) return;
    const { jwt } = target;
    const alg = String(jwt.header.alg);
    const claims = { ...jwt.payload, iat: Math.floor(Date.now() / 1000) };
    if (/^HS(256|384|512)$/.test(alg)) {
      const secret = WEAK_JWT_SECRETS.find((w) => verifiesWithHmac(jwt, w));
      if (!secret) return t.skip(`${target.identity}'s ${alg} token is not signed with any of the ${WEAK_JWT_SECRETS.length} dictionary secrets`);
      yield forgeryProbe(target, signHmac(jwt.header, claims, secret, alg as 'HS256'), `a token signed with the cracked secret ${maskSecret(secret)}`, { secret: maskSecret(secret), how: `cracked offline from ${target.identity}'s token` });
      return;
    }
    for (const secret of WEAK_JWT_SECRETS) {
      yield forgeryProbe(target, signHmac(jwt.header, claims, secret, 'HS256'), `an HS256 token signed with ${maskSecret(secret)}`, { secret: maskSecret(secret), how: `the server issues ${alg} but accepts HS256` });
    }
  },
  judge: (r: ProbeResults, probe) => {
    const j = judgeForgery(r, `a token for ${String(probe.data?.identity)} signed with the dictionary secret ${String(probe.data?.secret)} (${String(probe.data?.how)})`);
    return j;
  },
};
