/**
 * API4 unrestricted resource consumption: no rate limit where guessing pays — login, one-time codes, password
 * resets, token endpoints. A burst of identical requests (default 50, ten at a time) is sent; if none is
 * throttled (429/503) and no rate-limit headers are announced, nothing stops brute force. Intrusive (a burst);
 * runs last, with requests sent exactly once (no waiting on 429).
 */
import { headerValue } from '../../core/index.js';
import type { Check, Probe, ProbeResults } from '../check.js';
import { statusOf, type TestExchange } from '../test-request.js';
import { actorFor } from './support.js';

/** Words naming operations where unlimited attempts let an attacker guess secrets. */
const GUESSABLE_WORDS = new Set(['login', 'logon', 'signin', 'token', 'tokens', 'otp', 'password', 'passwords', 'passwd', 'reset', 'forgot', '2fa', 'mfa', 'totp', 'pin', 'auth', 'authenticate', 'authentication', 'session', 'sessions', 'verify']);

/** The words of a path, operationId or summary: `/auth/log-in`, `resetPassword`, `sign_in` → auth, log, in, reset, password, sign, in. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True for operations where guessing pays: login, tokens, one-time codes, password resets. */
export function isGuessableOperation(text: string): boolean {
  const w = words(text);
  if (w.some((x) => GUESSABLE_WORDS.has(x))) return true;
  return w.some((x, i) => (x === 'log' || x === 'sign') && w[i + 1] === 'in');
}
const THROTTLE_HEADERS = ['ratelimit', 'ratelimit-limit', 'ratelimit-policy', 'x-ratelimit-limit', 'x-rate-limit-limit', 'retry-after'];

export const rateLimitMissing: Check = {
  id: 'rate-limit-missing',
  title: 'No rate limit on a brute-forceable operation',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  severity: 'medium',
  intrusive: true,
  stage: 'last',
  scope: 'operation',
  description: 'A burst of requests to a login, token, one-time-code or password-reset operation is answered in full: nothing throttles attempts.',
  fix: 'Rate-limit these operations per client and per account (429 with Retry-After and RateLimit headers), and alert on bursts.',
  select: (p) => p.op.method !== 'GET' && isGuessableOperation(`${p.op.path} ${p.op.operationId ?? ''}`),
  async *probes(t) {
    const p = t.op!;
    const n = Math.max(10, t.tuning.burstSize);
    if (t.tuning.rateLimit !== undefined && t.tuning.rateLimit < n) return t.skip(`--rate-limit ${t.tuning.rateLimit}/s is below the burst size (${n}): a burst cannot be sent`);
    const identity = actorFor(p, t.identities);
    const req = { ...t.build(p, identity ? { identity } : {}), noRetry: true, valid: false };
    const started = Date.now();
    const results: TestExchange[] = new Array<TestExchange>(n);
    let next = 0;
    const lanes = Array.from({ length: Math.min(10, n) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await t.send(req);
      }
    });
    await Promise.all(lanes);
    const ms = Date.now() - started;
    const counts = new Map<number, number>();
    for (const x of results) counts.set(statusOf(x), (counts.get(statusOf(x)) ?? 0) + 1);
    const announced = results.some((x) => THROTTLE_HEADERS.some((h) => headerValue(x.response?.headers ?? [], h) !== undefined));
    yield {
      label: `burst of ${n} requests`,
      steps: [
        { name: 'attack', exchange: results[results.length - 1]! },
        { name: 'first', exchange: results[0]! },
      ],
      verify: 'self',
      data: { n, ms, statuses: [...counts].sort((a, b) => b[1] - a[1]), announced },
    } satisfies Probe;
  },
  judge: judgeRateLimit,
};

/** Fires when no request of the burst was throttled and no limit was announced. */
export function judgeRateLimit(_r: ProbeResults, probe: Probe) {
  const d = probe.data as { n: number; ms: number; statuses: Array<[number, number]>; announced: boolean };
  if (d.announced || d.statuses.some(([s]) => s === 429 || s === 503 || s === 0)) return undefined;
  const summary = d.statuses.map(([s, c]) => `${c}× ${s}`).join(', ');
  return { message: `${d.n} requests in ${(d.ms / 1000).toFixed(1)} s were all answered (${summary}); none was throttled and no rate limit was announced` };
}
