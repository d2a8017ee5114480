import { describe, expect, it } from 'vitest';
import { T0, ofClass, req, run } from '../../../test/support/behaviour-traffic.js';
import type { Exchange } from '../../core/index.js';

describe('business-logic abuse', () => {
  it('fires on coupon guessing (many attempts, mostly failing), with the attempt counters', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 14; k++) traffic.push(req({ time: T0 + k * 2_000, ip: '203.0.113.50', path: '/api/coupons/redeem', status: k === 9 ? 200 : 404, sub: 'guesser', body: { code: `SAVE${k}X` } }));
    const bl = ofClass(run(traffic).detections, 'business-logic');
    expect(bl.map((d) => [d.rule, d.actor])).toEqual([['behaviour.business-logic.coupon', 'sub:guesser']]);
    expect(bl[0]!.evidence.counters['threshold.attempts']).toBe(10);
    expect(bl[0]!.evidence.counters.failureRatio).toBeGreaterThanOrEqual(0.8);
  });

  it('fires on OTP brute force against one account across IPs', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 8; k++) traffic.push(req({ time: T0 + k * 1_500, ip: `203.0.113.${60 + (k % 3)}`, path: '/api/auth/otp', status: 401, client: 'python', body: { email: 'victim@mail.test', otp: String(100_000 + k * 7_919) } }));
    const rules = ofClass(run(traffic).detections, 'business-logic').map((d) => d.rule);
    expect(rules).toContain('behaviour.business-logic.otp-account');
  });

  it('fires on cart operations without a purchase, and card testing on checkout', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 60; k++) traffic.push(req({ time: T0 + k * 10_000, ip: '203.0.113.70', path: '/api/cart/items', status: 201, sub: 'hoarder', body: { productId: 42, quantity: 5 } }));
    for (let k = 0; k < 10; k++) traffic.push(req({ time: T0 + k * 3_000, ip: '203.0.113.71', path: '/api/checkout', status: 402, sub: 'carder', body: { paymentMethodId: `pm_${k}` } }));
    const bl = ofClass(run(traffic).detections, 'business-logic');
    expect(bl.map((d) => [d.rule, d.actor]).sort()).toEqual([
      ['behaviour.business-logic.cart', 'sub:hoarder'],
      ['behaviour.business-logic.checkout', 'sub:carder'],
    ]);
    expect(bl.find((d) => d.rule.endsWith('.cart'))!.evidence.counters.purchases).toBe(0);
  });

  it('does not fire on shoppers with the same volume: coupons that work, carts that are bought', () => {
    const traffic: Exchange[] = [];
    let t = T0;
    for (let u = 0; u < 14; u++) traffic.push(req({ time: (t += 2_000), ip: `192.0.2.${u + 1}`, path: '/api/coupons/redeem', status: u % 4 === 0 ? 404 : 200, sub: `shopper${u}`, body: { code: 'WELCOME10' } }));
    // one busy shopper: 60 cart operations with a purchase every 9
    for (let k = 0; k < 60; k++) {
      traffic.push(req({ time: (t += 10_000), ip: '192.0.2.90', path: '/api/cart/items', status: 201, sub: 'busy', body: { productId: k, quantity: 1 } }));
      if (k % 9 === 8) traffic.push(req({ time: (t += 5_000), ip: '192.0.2.90', path: '/api/checkout', status: 201, sub: 'busy', body: { paymentMethodId: 'pm_1' } }));
    }
    // one shopper whose card is declined twice, then accepted
    for (const s of [402, 402, 201]) traffic.push(req({ time: (t += 4_000), ip: '192.0.2.91', path: '/api/checkout', status: s, sub: 'declined', body: { paymentMethodId: 'pm_2' } }));
    expect(ofClass(run(traffic).detections, 'business-logic')).toEqual([]);
  });
});
