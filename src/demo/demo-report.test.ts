import { describe, expect, it } from 'vitest';
import type { Detection, Endpoint } from '../core/index.js';
import { countDetections, countGatewayRules, summariseInventory } from './demo-report.js';
import type { ActorClass } from './traffic/scenario.js';

describe('demo report', () => {
  it('counts gateway rules and the share that hit benign users', () => {
    const classOfIp = new Map<string, ActorClass>([['1.1.1.1', 'shopper'], ['2.2.2.2', 'injection']]);
    const r = countGatewayRules(
      [
        { clientIp: '1.1.1.1', outcome: 'block', rules: ['spec.unknown-operation'] },
        { clientIp: '2.2.2.2', outcome: 'block', rules: ['spec.unknown-operation'] },
        { clientIp: '2.2.2.2', outcome: 'block', rules: ['signatures.sqli'] },
        { clientIp: '2.2.2.2', outcome: 'monitor', rules: ['signatures.xss', 'signatures.sqli'] },
        { clientIp: '1.1.1.1', outcome: 'pass', rules: [] },
      ],
      classOfIp,
    );
    expect(r.blocked).toBe(3);
    expect(r.flagged).toBe(1);
    expect(r.byRule).toEqual([
      { rule: 'signatures.sqli', total: 2, benign: 0 },
      { rule: 'spec.unknown-operation', total: 2, benign: 1 },
      { rule: 'signatures.xss', total: 1, benign: 0 },
    ]);
  });

  it('groups detections by class and rule with the actors and their true classes', () => {
    const d = (cls: string, rule: string, actor: string) => ({ class: cls, rule, actor }) as unknown as Detection;
    const classes = new Map<string, ActorClass>([['ip:a', 'credential-stuffing'], ['ip:b', 'credential-stuffing']]);
    expect(countDetections([d('credential-stuffing', 'behaviour.credential-stuffing', 'ip:b'), d('credential-stuffing', 'behaviour.credential-stuffing', 'ip:a'), d('sqli', 'sqli-tokenizer', 'ip:z')], (k) => classes.get(k))).toEqual([
      { class: 'credential-stuffing', rule: 'behaviour.credential-stuffing', detections: 2, actors: ['ip:a', 'ip:b'], about: ['credential-stuffing'] },
      { class: 'sqli', rule: 'sqli-tokenizer', detections: 1, actors: ['ip:z'], about: ['-'] },
    ]);
  });

  it('summarises the inventory: statuses, shadow and zombie lists, dangerous data first', () => {
    const e = (method: string, path: string, status: Endpoint['status'], sensitive: Endpoint['sensitive'] = []) => ({ method, path, status, sensitive }) as unknown as Endpoint;
    const s = summariseInventory([
      e('GET', '/api/v2/users/me', 'documented', [{ type: 'email', direction: 'response', location: 'body', path: '$.email', count: 3 }]),
      e('POST', '/api/v2/payments', 'shadow', [{ type: 'payment-card', direction: 'request', location: 'body', path: '$.card.number', count: 2 }]),
      e('GET', '/api/v1/products', 'zombie'),
      e('DELETE', '/api/v2/orders/{orderId}', 'orphan'),
    ]);
    expect(s.byStatus).toEqual({ documented: 1, shadow: 1, zombie: 1, orphan: 1 });
    expect(s.shadow).toEqual(['POST /api/v2/payments']);
    expect(s.zombie).toEqual(['GET /api/v1/products']);
    expect(s.sensitive).toEqual(['POST /api/v2/payments: payment-card in request $.card.number', 'GET /api/v2/users/me: email in response $.email']);
  });
});
