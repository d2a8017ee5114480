/**
 * What the JWT forgery checks share: an identity whose credential is a JWT sent in a header, and an operation
 * that lets it in, refuses no credentials and refuses a tampered signature (`authProbe`). Forgeries are judged
 * against those three answers, so "accepts anything" and "checks nothing" are never mistaken for a specific
 * forgery.
 */
import type { AuthProbe, CheckContext, Probe, ProbeResults } from '../check.js';
import { decodeJwt, forgeCorrupted, type DecodedJwt } from '../jwt.js';
import { withAuth } from '../mutate-request.js';
import { bodySimilarity } from '../response-similarity.js';
import { isSuccess, type TestExchange, type TestRequest } from '../test-request.js';
import { describeStatus, percent } from './support.js';

export interface JwtTarget {
  readonly identity: string;
  readonly jwt: DecodedJwt;
  readonly header: string;
  readonly prefix: string;
  readonly probe: AuthProbe;
  /** The probe's request with the tampered token, sent once (must be refused; replays send it again). */
  readonly tampered: TestExchange;
}

export async function findJwtTarget(t: CheckContext): Promise<JwtTarget | undefined> {
  const who = [...t.identities.users, ...(t.identities.admin ? [t.identities.admin] : [])];
  let sawJwt = false;
  for (const identity of who) {
    const token = t.sessions.token(identity);
    const jwt = token ? decodeJwt(token) : undefined;
    const carrier = t.sessions.tokenCarrier(identity);
    if (!jwt || !carrier || carrier.in !== 'header') continue;
    sawJwt = true;
    const probe = await t.authProbe(identity);
    if (!probe) continue;
    const tampered = await t.send(withForgedToken(probe.request, carrier.name, carrier.prefix, forgeCorrupted(jwt), 'tampered signature', identity));
    return { identity, jwt, header: carrier.name, prefix: carrier.prefix, probe, tampered };
  }
  t.skip(sawJwt ? 'no GET operation lets the identity in while refusing requests without credentials and with a tampered token' : 'no identity sends a JWT in a header');
  return undefined;
}

export function withForgedToken(req: TestRequest, header: string, prefix: string, token: string, note: string, derivedFrom?: string): TestRequest {
  return withAuth(req, { kind: 'forged', headers: [[header, `${prefix}${token}`]], note, ...(derivedFrom ? { derivedFrom: { identity: derivedFrom, label: 'token-tampered' } } : {}) });
}

/** The probe for one forged token: the identity's answer, the refusals, and the forgery. */
export function forgeryProbe(target: JwtTarget, token: string, label: string, data: Record<string, unknown> = {}): Probe {
  return {
    label,
    key: 'api',
    operation: target.probe.operation,
    steps: [
      { name: 'allowed', request: target.probe.allowed.request },
      { name: 'refused', exchange: target.probe.refused },
      { name: 'tampered', exchange: target.tampered },
      { name: 'attack', request: withForgedToken(target.probe.request, target.header, target.prefix, token, label) },
    ],
    data: { identity: target.identity, ...data },
  };
}

/**
 * Fires when the forged token is let in like the real one while no credentials and a tampered signature are
 * both refused. `what` says what the forgery was.
 */
export function judgeForgery(r: ProbeResults, what: string) {
  const { allowed, refused, tampered, attack } = r;
  if (!isSuccess(allowed) || isSuccess(refused) || isSuccess(tampered) || !isSuccess(attack)) return undefined;
  const sim = bodySimilarity(attack!.response!.body, allowed!.response!.body);
  if (sim < 0.8) return undefined;
  return {
    message: `${what} was accepted: ${describeStatus(attack)}, ${percent(sim)} the same as with the real token (tampered signature: ${describeStatus(tampered)}, no credentials: ${describeStatus(refused)})`,
    evidence: ['attack', 'allowed', 'tampered'],
  };
}
