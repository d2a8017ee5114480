/** The `rampart demo` report as people read it, pinned on a fixed report (a real run's timing varies). */
import { describe, it } from 'vitest';
import { formatDemoReport, type DemoReport } from '../src/demo/demo-report.js';
import { expectGolden } from './support/golden.js';

const report: DemoReport = {
  mode: 'block',
  gatewayUrl: 'http://127.0.0.1:8080',
  durationMs: 19_900,
  requests: 653,
  requestsByClass: { shopper: 369, scraping: 160, 'legacy-app': 32, enumeration: 25, bot: 24, 'credential-stuffing': 24, 'shadow-probing': 11, injection: 8 },
  failed: 0,
  stoppedBy: 'duration',
  gateway: {
    blocked: 63,
    flagged: 0,
    byRule: [
      { rule: 'spec.unknown-operation', total: 56, benign: 47 },
      { rule: 'signatures.sqli', total: 3, benign: 0 },
      { rule: 'signatures.xss', total: 2, benign: 0 },
    ],
  },
  detections: [
    { class: 'bola', rule: 'behaviour.enumeration.bola', detections: 2, actors: ['sub:3'], about: ['enumeration'] },
    { class: 'credential-stuffing', rule: 'behaviour.credential-stuffing', detections: 24, actors: ['ip:198.51.100.100', 'ip:198.51.100.101', 'ip:198.51.100.102', 'ip:198.51.100.103'], about: ['credential-stuffing'] },
    { class: 'credential-stuffing', rule: 'behaviour.credential-stuffing.fingerprint', detections: 2, actors: ['fp:8e98e0c4'], about: ['-'] },
  ],
  inventory: {
    endpoints: 34,
    byStatus: { documented: 16, shadow: 2, zombie: 2, orphan: 7 },
    shadow: ['GET /api/v2/internal/users/export', 'POST /api/v2/payments'],
    zombie: ['GET /api/v1/products', 'GET /api/v2/products/featured'],
    sensitive: ['POST /api/v2/payments: payment-card in request $.card.number', 'GET /api/v2/users/me: email in response $.email', 'GET /api/v2/orders: jwt in request header authorization'],
  },
  files: { db: '.rampart/demo.db', har: '.rampart/demo-traffic.har', config: '.rampart/demo-gateway.yaml' },
};

describe('rampart demo report', () => {
  it('text', () => expectGolden('demo/report.txt', formatDemoReport(report)));
});
