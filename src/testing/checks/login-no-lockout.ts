/**
 * API2 broken authentication: no lockout or throttling on login. The identity's login is replayed with wrong
 * passwords, then the right one: if none of the wrong attempts was throttled (429), refused as locked (423),
 * and the right password still logs in, passwords can be guessed without limit. Intrusive (it may lock the
 * account); runs last.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { withBodyField } from '../mutate-request.js';
import { isSuccess, statusOf, type TestRequest } from '../test-request.js';
import { isThrottleStatus } from './support.js';

export const loginNoLockout: Check = {
  id: 'login-no-lockout',
  title: 'No lockout or throttling after failed logins',
  owasp: 'API2:2023',
  cwe: 'CWE-307',
  severity: 'high',
  intrusive: true,
  stage: 'last',
  scope: 'api',
  description: 'Several wrong passwords are tried for one account, then the right one; nothing slows the attempts down and the right password still logs in.',
  fix: 'Throttle failed logins per account and per client (429 with Retry-After), lock or step up (CAPTCHA, MFA) after a few failures, and alert on bursts.',
  async *probes(t) {
    const candidates = [...t.identities.users].reverse();
    const who = candidates.find((id) => t.sessions.identities.find((i) => i.name === id)?.login?.passwordField);
    if (!who) return t.skip('no user identity logs in with a password (a login flow whose body has a password field)');
    const identity = t.sessions.identities.find((i) => i.name === who)!;
    const login = t.sessions.loginRequest(who)!;
    const field = identity.login!.passwordField!;
    const attempts = Math.max(3, t.tuning.lockoutAttempts);
    const wrong = (i: number): TestRequest =>
      login.body?.kind === 'form'
        ? { ...login, noRetry: true, body: { kind: 'form', fields: login.body.fields.map(([k, v]) => [k, k === field ? `rampart-wrong-${i}` : v] as const) } }
        : { ...withBodyField(login, [field], `rampart-wrong-${i}`), noRetry: true };
    const steps = Array.from({ length: attempts }, (_, i) => ({ name: `wrong-${i + 1}`, request: wrong(i + 1) }));
    const operation = t.operations.find((o) => o.op.method === login.method && o.fullPath === login.path);
    yield {
      label: `${attempts} wrong passwords for ${who}, then the right one`,
      key: 'api',
      ...(operation ? { operation } : {}),
      steps: [...steps, { name: 'attack', request: { ...login, noRetry: true } }],
      verify: 'self',
      data: { identity: who, attempts, operation: `${login.method} ${login.path}` },
    } satisfies Probe;
  },
  judge: judgeNoLockout,
};

/** Fires when every wrong attempt was refused without throttling and the right password then logged in. */
export function judgeNoLockout(r: ProbeResults, probe: Probe) {
  const n = Number(probe.data?.attempts ?? 0);
  const wrong = Array.from({ length: n }, (_, i) => r[`wrong-${i + 1}`]);
  if (wrong.some((x) => !x?.response || isThrottleStatus(x) || isSuccess(x))) return undefined;
  if (!isSuccess(r.attack)) return undefined;
  const statuses = [...new Set(wrong.map((x) => statusOf(x)))].join('/');
  return {
    message: `${n} wrong passwords for ${String(probe.data?.identity)} were all answered ${statuses} without throttling or lockout, and the right password then logged in (${statusOf(r.attack)})`,
    evidence: [`wrong-${n}`, 'attack'],
  };
}
