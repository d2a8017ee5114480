import { describe, expect, it } from 'vitest';
import { planTraffic } from './plan-traffic.js';
import { ATTACK_CLASSES, type Actor, type Step, type TrafficResponse } from './scenario.js';

/** The first `n` steps of an actor, answering every request with `res`. */
function steps(actor: Actor, n: number, res: TrafficResponse = { status: 200, json: { token: 't', id: 7 } }): Step[] {
  const out: Step[] = [];
  const it = actor.run();
  let r = it.next();
  while (!r.done && out.length < n) {
    out.push(r.value);
    r = it.next(res);
  }
  return out;
}

describe('planTraffic', () => {
  it('is reproducible: the same seed gives the same actors and requests', () => {
    const a = planTraffic({ seed: 3, durationMs: 10_000, rate: 20 });
    const b = planTraffic({ seed: 3, durationMs: 10_000, rate: 20 });
    expect(a.actors.map((x) => [x.name, x.ip, x.startMs, x.headers])).toEqual(b.actors.map((x) => [x.name, x.ip, x.startMs, x.headers]));
    for (let i = 0; i < a.actors.length; i++) expect(steps(a.actors[i]!, 30)).toEqual(steps(b.actors[i]!, 30));
    const c = planTraffic({ seed: 4, durationMs: 10_000, rate: 20 });
    expect(c.actors.flatMap((x) => steps(x, 30))).not.toEqual(a.actors.flatMap((x) => steps(x, 30)));
  });

  it('has one actor of every attack class, started inside the run, and more shoppers at a higher rate', () => {
    const p = planTraffic({ seed: 1, durationMs: 5_000, rate: 40 });
    for (const cls of ATTACK_CLASSES) expect(p.actors.filter((a) => a.class === cls)).toHaveLength(1);
    expect(p.actors.every((a) => a.startMs >= 0 && a.startMs < 5_000)).toBe(true);
    const shoppers = (rate: number) => planTraffic({ seed: 1, durationMs: 20_000, rate }).actors.filter((a) => a.class === 'shopper' || a.class === 'legacy-app').length;
    expect(shoppers(80)).toBeGreaterThan(shoppers(20) * 2);
  });

  it('credential stuffing uses about two attempts per address, all on the login', () => {
    const stuffer = planTraffic({ seed: 1, durationMs: 10_000, rate: 20 }).actors.find((a) => a.class === 'credential-stuffing')!;
    const s = steps(stuffer, 100, { status: 401 });
    expect(s).toHaveLength(24);
    expect(s.every((x) => x.request.method === 'POST' && x.request.path === '/api/v2/auth/login')).toBe(true);
    const perIp = new Map<string, number>();
    for (const x of s) perIp.set(x.request.ip!, (perIp.get(x.request.ip!) ?? 0) + 1);
    expect(perIp.size).toBe(12);
    expect([...perIp.values()].every((n) => n === 2)).toBe(true);
  });

  it('the bot paces its requests exactly and names an HTTP library', () => {
    const b = planTraffic({ seed: 1, durationMs: 10_000, rate: 20 }).actors.find((a) => a.class === 'bot')!;
    expect(b.headers['user-agent']).toMatch(/^python-requests\//);
    const waits = new Set(steps(b, 50).slice(1).map((x) => x.waitMs));
    expect(waits.size).toBe(1);
  });

  it('the enumerator walks order ids in sequence after signing in', () => {
    const e = planTraffic({ seed: 1, durationMs: 10_000, rate: 20 }).actors.find((a) => a.class === 'enumeration')!;
    const paths = steps(e, 100).map((x) => x.request.path);
    expect(paths[0]).toBe('/api/v2/auth/login');
    expect(paths.filter((p) => /^\/api\/v2\/orders\/\d+$/.test(p))).toEqual(Array.from({ length: 20 }, (_, i) => `/api/v2/orders/${i + 1}`));
  });

  it('a scenario stops when the login fails', () => {
    const s = planTraffic({ seed: 1, durationMs: 10_000, rate: 20 }).actors.find((a) => a.class === 'shopper')!;
    const withoutToken = steps(s, 100, { status: 401 });
    expect(withoutToken.at(-1)!.request.path).toBe('/api/v2/auth/login');
  });
});
