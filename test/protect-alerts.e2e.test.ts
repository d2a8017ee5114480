/**
 * Alerts end to end with loopback receivers: a JSON webhook that fails first and then succeeds (retried with
 * backoff), a Slack-compatible webhook (text + blocks), JSON log lines; a bounded queue that drops and counts;
 * a receiver that never succeeds (the batch is dropped after the retries, counted); secrets stay out.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender } from '../src/protect/alerts/webhook-sender.js';
import type { Alert } from '../src/protect/alerts/alert.js';
import { send, startTestGateway, startUpstream, type TestGateway, type Upstream } from './support/gateway-harness.js';

interface Receiver {
  readonly url: string;
  readonly bodies: unknown[];
  /** Statuses to answer, in order; then 200. */
  statuses: number[];
  attempts: number;
  close(): Promise<void>;
  waitFor(n: number, ms?: number): Promise<void>;
}

async function startReceiver(statuses: number[] = []): Promise<Receiver> {
  const bodies: unknown[] = [];
  const r: Receiver = {
    url: '',
    bodies,
    statuses,
    attempts: 0,
    close: () => new Promise((res) => {
      server.closeAllConnections();
      server.close(() => res());
    }),
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms;
      while (bodies.length < n && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.attempts++;
      const status = r.statuses.shift() ?? 200;
      if (status === 200) bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  (r as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return r;
}

const SECRET = 'sk_live_51AlertTestSecret0000000000';

describe('alerts from the gateway', () => {
  let up: Upstream;
  let hook: Receiver;
  let slack: Receiver;
  let g: TestGateway;

  beforeAll(async () => {
    up = await startUpstream((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    hook = await startReceiver([500, 503]); // fails twice, then succeeds
    slack = await startReceiver();
    g = await startTestGateway({
      upstream: up.url,
      env: { SLACK_URL: slack.url },
      config: [
        'mode: block',
        'trustedProxies: [127.0.0.1]',
        'ipList: { deny: [203.0.113.0/24] }',
        'decoys: { paths: [/admin/backup] }',
        'alerts:',
        '  log: true',
        `  webhook: { url: ${hook.url}, retries: 4, retryBaseMs: 50, headers: { x-token: t0ken } }`,
        '  slack: { urlEnv: SLACK_URL, retryBaseMs: 50 }',
      ].join('\n'),
    });
  });
  afterAll(async () => {
    await g.close();
    await up.close();
    await hook.close();
    await slack.close();
  });

  it('sends blocked and deceived requests and marked actors to both webhooks, retrying the failing one', async () => {
    const blocked = await send(`${g.url}/orders?api_key=${SECRET}`, { headers: { 'x-forwarded-for': '203.0.113.5' } });
    expect(blocked.status).toBe(403);
    const decoy = await send(`${g.url}/admin/backup`, { headers: { 'x-forwarded-for': '198.51.100.44' } });
    expect(decoy.status).toBe(200);
    await hook.waitFor(1);
    await slack.waitFor(1);
    expect(hook.attempts).toBeGreaterThanOrEqual(3); // 500, 503, then 200
    const alerts = hook.bodies.flatMap((b) => (b as { alerts: Alert[] }).alerts);
    const byEvent = (e: string) => alerts.filter((a) => a.event === e);
    expect(byEvent('blocked')[0]).toMatchObject({ rule: 'ip.denied', clientIp: '203.0.113.5', status: 403, method: 'GET' });
    expect(byEvent('blocked')[0]?.target).toBe('/orders?api_key=[REDACTED]');
    expect(byEvent('deceived')[0]).toMatchObject({ rule: 'deception.decoy', severity: 'high' });
    expect(byEvent('actor-marked').map((a) => a.actor)).toContain('ip:198.51.100.44');
    expect(JSON.stringify(hook.bodies)).not.toContain(SECRET);

    const s = slack.bodies[0] as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
    expect(s.text).toMatch(/^Rampart: /);
    expect(s.blocks[0]?.type).toBe('header');
    expect(s.blocks.some((b) => b.type === 'section' && /ip\.denied/.test(b.text?.text ?? ''))).toBe(true);
    expect(JSON.stringify(slack.bodies)).not.toContain(SECRET);

    const lines = g.log.lines.filter((l) => l.obj.event === 'alert');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    // the webhook URL (a secret for Slack) is never logged
    expect(JSON.stringify(g.log.lines)).not.toContain(slack.url);
    // the sender counts an alert once the receiver's answer is back, a moment after the receiver has the body
    const sent = /rampart_alerts_total\{sink="webhook",result="sent"\} [3-9]/;
    let metrics = '';
    for (let i = 0; i < 40 && !sent.test(metrics); i++) {
      metrics = await g.gw.metrics.registry.getSingleMetricAsString('rampart_alerts_total');
      if (!sent.test(metrics)) await new Promise((r) => setTimeout(r, 50));
    }
    expect(metrics).toMatch(sent);
  });
});

describe('webhook delivery bounds', () => {
  const alert = (i: number): Alert => ({ event: 'blocked', time: new Date(0).toISOString(), severity: 'medium', rule: 'r', summary: `a${i}` });

  it('drops new alerts when the queue is full, and counts them', async () => {
    const r = await startReceiver();
    const drops: string[] = [];
    const s = createWebhookSender({ name: 't', url: r.url, format: (a) => ({ alerts: a }), maxQueue: 3, batchMax: 10, retries: 0, retryBaseMs: 10, timeoutMs: 2000, lingerMs: 50, onDrop: (n, why) => drops.push(`${n} ${why}`) });
    for (let i = 0; i < 5; i++) s.send(alert(i));
    expect(drops).toEqual(['1 queue-full', '1 queue-full']);
    await r.waitFor(1);
    expect((r.bodies[0] as { alerts: Alert[] }).alerts.map((a) => a.summary)).toEqual(['a0', 'a1', 'a2']);
    await s.close(1000);
    await r.close();
  });

  it('gives up after the retries (dropped, counted), and a 4xx is not retried', async () => {
    const r = await startReceiver([500, 500, 500, 400]);
    const drops: string[] = [];
    const s = createWebhookSender({ name: 't', url: r.url, format: (a) => a, maxQueue: 10, batchMax: 1, retries: 2, retryBaseMs: 10, timeoutMs: 2000, lingerMs: 10, onDrop: (n, why) => drops.push(`${n} ${why}`) });
    s.send(alert(1));
    s.send(alert(2));
    await s.close(3000);
    expect(r.attempts).toBe(4); // alert 1: three attempts; alert 2: one (400 is final)
    expect(drops).toEqual(['1 failed', '1 failed']);
    expect(s.stats()).toMatchObject({ sent: 0, dropped: 2 });
    await r.close();
  });

  it('an unreachable receiver is retried within the timeout and never throws', async () => {
    const s = createWebhookSender({ name: 't', url: 'http://127.0.0.1:1/hook', format: (a) => a, maxQueue: 10, batchMax: 5, retries: 1, retryBaseMs: 10, timeoutMs: 500, lingerMs: 10 });
    s.send(alert(1));
    await s.close(2000);
    expect(s.stats()).toMatchObject({ sent: 0, dropped: 1, queued: 0 });
  });
});
