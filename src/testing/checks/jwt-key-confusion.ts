/**
 * API2 broken authentication: algorithm confusion. The server issues RS/ES/PS tokens and publishes its public
 * key (JWKS); a token re-signed with HS256 using that public key (as PEM text) as the HMAC secret is accepted,
 * because the verifier takes the algorithm from the token.
 */
import type { Check, CheckContext, ProbeResults } from '../check.js';
import { publicKeyPemVariants, signHmac } from '../jwt.js';
import { parseJsonBody } from '../response-similarity.js';
import { isSuccess, type TestRequest } from '../test-request.js';
import { findJwtTarget, forgeryProbe, judgeForgery } from './jwt-target.js';

const WELL_KNOWN = ['/.well-known/jwks.json', '/jwks.json', '/.well-known/openid-configuration', '/oauth2/jwks', '/.well-known/keys'];

export const jwtKeyConfusion: Check = {
  id: 'jwt-key-confusion',
  title: 'JWT re-signed with the public key (HS256/RS256 confusion) accepted',
  owasp: 'API2:2023',
  cwe: 'CWE-327',
  severity: 'critical',
  intrusive: false,
  scope: 'api',
  description: "The server's published public key is used as an HMAC secret to sign an HS256 token; the API accepts it, so anyone can mint tokens.",
  fix: 'Pin the expected algorithm per key when verifying (never read it from the token), and keep HMAC and public keys apart.',
  async *probes(t) {
    const target = await findJwtTarget(t);
    if (!target) return;
    const alg = String(target.jwt.header.alg);
    if (!/^(RS|ES|PS)\d{3}$/.test(alg)) return t.skip(`the token is ${alg}, not an asymmetric algorithm`);
    const keys = await findPublicKeys(t);
    if (keys.length === 0) return t.skip('no JWKS found at the usual places (/.well-known/jwks.json, openid-configuration, …)');
    const kid = target.jwt.header.kid;
    const ordered = [...keys.filter((k) => k.jwk.kid === kid), ...keys.filter((k) => k.jwk.kid !== kid)].slice(0, 2);
    for (const { jwk, where } of ordered) {
      for (const pem of publicKeyPemVariants(jwk)) {
        yield forgeryProbe(target, signHmac({ ...target.jwt.header, alg: 'HS256' }, target.jwt.payload, pem, 'HS256'), `an HS256 token signed with the public key from ${where}`, { where });
      }
    }
  },
  judge: (r: ProbeResults, probe) => judgeForgery(r, `an HS256 token signed with the server's public key (from ${String(probe.data?.where)}) for ${String(probe.data?.identity)}`),
};

/** Public JWKs the target publishes at well-known places or at documented jwks/certs operations. */
async function findPublicKeys(t: CheckContext): Promise<Array<{ jwk: Record<string, unknown>; where: string }>> {
  const bases = new Set<string>(['']);
  for (const p of t.operations) bases.add(p.fullPath.slice(0, p.fullPath.length - p.op.path.length));
  const paths = new Set<string>();
  for (const b of bases) for (const w of WELL_KNOWN) paths.add(`${b}${w}`);
  for (const p of t.operations) if (p.op.method === 'GET' && /jwks|certs|keys/i.test(p.op.path) && !p.fullPath.includes('{')) paths.add(p.fullPath);
  const out: Array<{ jwk: Record<string, unknown>; where: string }> = [];
  const get = (path: string): TestRequest => ({ method: 'GET', path, query: [], headers: [['accept', 'application/json']], auth: { kind: 'none' } });
  for (const path of [...paths].slice(0, 12)) {
    const x = await t.send(get(path));
    if (!isSuccess(x)) continue;
    const doc = parseJsonBody(x.response!.body) as Record<string, unknown> | undefined;
    if (!doc || typeof doc !== 'object') continue;
    if (typeof doc.jwks_uri === 'string') {
      try {
        const u = new URL(doc.jwks_uri, x.url);
        if (u.origin === new URL(x.url).origin) paths.add(u.pathname);
        const y = await t.send(get(u.pathname));
        const d = parseJsonBody(y.response?.body) as { keys?: unknown } | undefined;
        if (Array.isArray(d?.keys)) for (const k of d.keys) if (k && typeof k === 'object') out.push({ jwk: k as Record<string, unknown>, where: u.pathname });
      } catch {
        // not a URL: ignore
      }
      continue;
    }
    if (Array.isArray(doc.keys)) for (const k of doc.keys) if (k && typeof k === 'object' && (k as { kty?: unknown }).kty) out.push({ jwk: k as Record<string, unknown>, where: path });
    if (out.length) break;
  }
  return out;
}
