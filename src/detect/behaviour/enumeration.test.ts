import { describe, expect, it } from 'vitest';
import { T0, ofClass, req, run } from '../../../test/support/behaviour-traffic.js';
import type { Exchange } from '../../core/index.js';

describe('enumeration and BOLA', () => {
  it('fires on a sequential id walk, with the run length and the requests as evidence', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 20; k++) traffic.push(req({ time: T0 + k * 1_000, ip: '203.0.113.20', path: `/api/orders/${5_000 + k}`, status: k % 3 ? 404 : 200, sub: 'mallory', response: k % 3 ? undefined : { id: 5_000 + k } }));
    const { detections } = run(traffic);
    const en = ofClass(detections, 'enumeration');
    expect(en.map((d) => d.rule)).toEqual(['behaviour.enumeration.sequential']);
    const d = en[0]!;
    expect(d.actor).toBe('sub:mallory');
    expect(d.endpoint).toBe('GET shop.test /api/orders/{orderId}');
    expect(d.evidence.counters.sequentialRun).toBe(15);
    expect(d.evidence.counters['threshold.sequentialRun']).toBe(15);
    expect(d.index).toBe(14);
    expect(d.evidence.requests[0]!.target).toBe('/api/orders/5000');
  });

  it('fires on an anonymous walk over never-issued ids (mostly 404)', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 25; k++) traffic.push(req({ time: T0 + k * 700, ip: '203.0.113.21', path: `/api/users/${100_000 + ((k * 7_919) % 90_000)}/profile`, status: 404, client: 'python' }));
    const { detections } = run(traffic);
    const en = ofClass(detections, 'enumeration');
    expect(en.map((d) => d.rule)).toEqual(['behaviour.enumeration.not-found']);
    expect(en[0]!.actor).toBe('ip:203.0.113.21');
    expect(en[0]!.evidence.counters.notFound).toBe(20);
  });

  it('fires BOLA when a principal fetches objects handed to someone else', () => {
    const traffic: Exchange[] = [];
    let t = T0;
    // the victims list their orders: the detector learns who owns which id
    for (let u = 0; u < 4; u++) traffic.push(req({ time: (t += 1_000), ip: `192.0.2.${u + 1}`, path: '/api/orders', status: 200, sub: `victim${u}`, response: [{ id: 7_100 + u * 10 }, { id: 7_101 + u * 10 }] }));
    // the attacker fetches ids it was never given, not in sequence
    for (const id of [7_101, 7_130, 7_110, 7_121, 7_100, 7_131]) traffic.push(req({ time: (t += 2_000), ip: '203.0.113.22', path: `/api/orders/${id}`, status: 200, sub: 'eve', response: { id } }));
    const { detections } = run(traffic);
    const bola = ofClass(detections, 'bola');
    expect(bola.map((d) => [d.rule, d.actor])).toEqual([['behaviour.enumeration.bola', 'sub:eve']]);
    expect(bola[0]!.evidence.counters.foreignObjects).toBe(5);
    expect(bola[0]!.evidence.counters.foreignAnswered).toBe(5);
  });

  it('does not fire on owners reading their own objects, or on a public catalogue, with the same volume', () => {
    const traffic: Exchange[] = [];
    let t = T0;
    for (let u = 0; u < 4; u++) {
      const mine = [7_100 + u * 10, 7_101 + u * 10];
      traffic.push(req({ time: (t += 1_000), ip: `192.0.2.${u + 1}`, path: '/api/orders', status: 200, sub: `owner${u}`, response: mine.map((id) => ({ id })) }));
      for (let k = 0; k < 10; k++) traffic.push(req({ time: (t += 2_000), ip: `192.0.2.${u + 1}`, path: `/api/orders/${mine[k % 2]}`, status: 200, sub: `owner${u}`, response: { id: mine[k % 2] } }));
    }
    // one shopper browsing 25 products, ids scattered (a catalogue is not a walk)
    for (let k = 0; k < 25; k++) traffic.push(req({ time: (t += 4_000), ip: '192.0.2.50', path: `/api/products/${1 + ((k * 379) % 5_000)}`, status: 200, response: { id: k } }));
    const { detections } = run(traffic);
    expect(ofClass(detections, 'bola')).toEqual([]);
    expect(ofClass(detections, 'enumeration')).toEqual([]);
  });

  it('walks ids in the middle of a template (/users/{id}/profile) — a bug fixed: only a trailing id was walked', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 16; k++) traffic.push(req({ time: T0 + k * 1_000, ip: '203.0.113.23', path: `/api/users/${900 + k}/profile`, status: 200, sub: 'walker' }));
    const en = ofClass(run(traffic).detections, 'enumeration');
    expect(en.map((d) => [d.rule, d.endpoint])).toEqual([['behaviour.enumeration.sequential', 'GET shop.test /api/users/{userId}/profile']]);
  });
});
