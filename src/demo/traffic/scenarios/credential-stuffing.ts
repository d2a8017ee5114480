/**
 * Credential stuffing: leaked e-mail/password pairs tried against the login from many addresses, about two
 * attempts per address (so per-IP limits never see it), all with the same client fingerprint, sent on a schedule
 * (a tool with fixed pacing, not waiting on the answers).
 */
import type { Scenario, ScenarioContext } from '../scenario.js';

const FIRST = ['james', 'mary', 'robert', 'linda', 'michael', 'sarah', 'david', 'karen', 'john', 'lisa', 'paul', 'nancy'];
const PASSWORDS = ['123456', 'password1', 'qwerty123', 'Summer2024!', 'iloveyou', 'letmein', 'dragon99', 'monkey123'];

/** `attempts` logins, two per address, from `198.51.100.{base…}`. */
export function* credentialStuffing(ctx: ScenarioContext, attempts: number, ipBase = 100): Scenario {
  const r = ctx.random;
  for (let i = 0; i < attempts; i++) {
    const email = `${r.pick(FIRST)}.${r.int(1000, 9999)}@mail.example`;
    const ip = `198.51.100.${ipBase + Math.floor(i / 2)}`;
    yield { waitMs: i === 0 ? 0 : ctx.paceMs, request: { method: 'POST', path: '/api/v2/auth/login', json: { email, password: r.pick(PASSWORDS) }, ip }, onTimer: true };
  }
}
