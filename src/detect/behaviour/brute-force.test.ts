import { describe, expect, it } from 'vitest';
import { T0, ipOf, ofClass, req, run } from '../../../test/support/behaviour-traffic.js';
import type { Exchange } from '../../core/index.js';

const LOGIN = '/api/auth/login';

describe('brute force', () => {
  it('fires on many failed logins for one account from one IP, with the account masked and the counters', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 15; k++) traffic.push(req({ time: T0 + k * 3_000, ip: '203.0.113.9', path: LOGIN, status: 401, client: 'python', body: { email: 'alice@mail.test', password: `guess${k}` } }));
    const { detections } = run(traffic);
    const bf = ofClass(detections, 'brute-force');
    expect(bf.map((d) => [d.rule, d.actor])).toEqual([['behaviour.brute-force.account', 'ip:203.0.113.9']]);
    const d = bf[0]!;
    expect(d.index).toBe(10); // counts decay: ten failures over 27 s are 9.85, the 11th crosses maxFailuresPerAccount (10)
    expect(d.evidence.counters.threshold).toBe(10);
    expect(d.evidence.counters.failuresFromIp).toBe(11);
    expect(d.evidence.facts?.account).toBe('a***@mail.test');
    expect(JSON.stringify(d)).not.toContain('alice');
    expect(d.evidence.requests.every((r) => r.ip === '203.0.113.9')).toBe(true);
  });

  it('reports every IP of a brute force spread over many addresses', () => {
    const traffic: Exchange[] = [];
    for (let n = 0; n < 8; n++) for (let k = 0; k < 3; k++) traffic.push(req({ time: T0 + (n * 3 + k) * 2_000, ip: ipOf(n * 300), path: LOGIN, status: 401, body: { email: 'bob@mail.test', password: `g${n}${k}` } }));
    const { detections } = run(traffic);
    const actors = new Set(ofClass(detections, 'brute-force').map((d) => d.actor));
    expect(actors.size).toBe(8);
  });

  it('fires on password spraying from one IP over several accounts', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 24; k++) traffic.push(req({ time: T0 + k * 2_000, ip: '203.0.113.10', path: LOGIN, status: 401, client: 'python', body: { email: `user${k % 6}@mail.test`, password: 'Spring2024!' } }));
    const { detections } = run(traffic);
    const spray = detections.filter((d) => d.rule === 'behaviour.brute-force.ip');
    expect(spray.length).toBe(1);
    expect(spray[0]!.evidence.counters.accounts).toBe(6);
  });

  it('does not fire on the same volume from the owners: failures followed by a success, or a NAT of many people', () => {
    const traffic: Exchange[] = [];
    let t = T0;
    // 15 people behind one NAT address, each mistyping once then getting in (30 attempts, half failing)
    for (let u = 0; u < 15; u++) {
      traffic.push(req({ time: (t += 2_000), ip: '100.64.0.1', path: LOGIN, status: 401, body: { email: `user${u}@mail.test`, password: 'typo' } }));
      traffic.push(req({ time: (t += 2_000), ip: '100.64.0.1', path: LOGIN, status: 200, body: { email: `user${u}@mail.test`, password: 'right' } }));
    }
    // one person mistyping 9 times, then in, then mistyping again later (the success clears her failures)
    for (let k = 0; k < 9; k++) traffic.push(req({ time: (t += 3_000), ip: '192.0.2.4', path: LOGIN, status: 401, body: { email: 'carol@mail.test', password: `x${k}` } }));
    traffic.push(req({ time: (t += 3_000), ip: '192.0.2.4', path: LOGIN, status: 200, body: { email: 'carol@mail.test', password: 'right' } }));
    for (let k = 0; k < 5; k++) traffic.push(req({ time: (t += 3_000), ip: '192.0.2.4', path: LOGIN, status: 401, body: { email: 'carol@mail.test', password: `y${k}` } }));
    const { detections } = run(traffic);
    expect(ofClass(detections, 'brute-force')).toEqual([]);
  });

  it('forgets failures that decayed (a slow drip over days is not a burst)', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 15; k++) traffic.push(req({ time: T0 + k * 3_600_000, ip: '203.0.113.9', path: LOGIN, status: 401, body: { email: 'dave@mail.test', password: `g${k}` } }));
    expect(ofClass(run(traffic).detections, 'brute-force')).toEqual([]);
  });
});
