/**
 * `rampart demo` end to end over loopback: the shop, the gateway in block mode and the generator for a few
 * seconds, then the report's specific values — shadow and zombie endpoints found against the spec, SQL
 * injection blocked inline, credential stuffing and enumeration detected offline and attributed to the right
 * actors — and the inventory in the database. A monitor-mode run blocks nothing and flags the same attacks.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo/run-demo.js';
import { main } from '../src/cli/main.js';
import { createCaptureIo } from '../src/cli/io.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rampart demo (end to end)', () => {
  it('block mode: finds shadow and zombie endpoints, blocks SQL injection, detects stuffing and enumeration', async () => {
    const statuses: string[] = [];
    const r = await runDemo({ durationMs: 5_000, mode: 'block', cwd: dir, onStatus: (l) => statuses.push(l) });
    expect(statuses[0]).toMatch(/^rampart demo: shop \(vulnerable sample API\) on http:\/\/127\.0\.0\.1:\d+; Rampart \(mode block/);
    expect(r.stoppedBy).toBe('duration');
    expect(r.failed).toBe(0);
    expect(r.requests).toBeGreaterThan(100);
    expect(r.requestsByClass['credential-stuffing']).toBeGreaterThan(0);

    // inventory against the spec
    expect(r.inventory.shadow).toEqual(expect.arrayContaining(['POST /api/v2/payments', 'GET /api/v2/internal/users/export', 'GET /.env']));
    expect(r.inventory.zombie).toEqual(expect.arrayContaining(['GET /api/v1/products', 'GET /api/v2/products/featured']));
    expect(r.inventory.shadow).not.toContain('GET /api/v2/products');
    expect(r.inventory.sensitive).toContain('POST /api/v2/payments: payment-card in request $.card.number');

    // inline: SQL injection stopped by the signatures, undocumented endpoints by the spec (some of them benign)
    const rule = (id: string) => r.gateway.byRule.find((c) => c.rule === id);
    expect(rule('signatures.sqli')?.total).toBeGreaterThanOrEqual(2);
    expect(rule('signatures.sqli')?.benign).toBe(0);
    expect(rule('spec.unknown-operation')?.total).toBeGreaterThanOrEqual(5);
    expect(rule('spec.unknown-operation')?.benign).toBeGreaterThan(0); // the shoppers' undocumented payments
    expect(r.gateway.flagged).toBe(0);

    // offline detection, attributed to the generator's actors. Behaviour thresholds need the attackers' full
    // volume inside the run, which a loaded machine can delay: stuffing or enumeration must be found (both are,
    // normally), and whatever is found must be about the right actors
    const det = (cls: string) => r.detections.filter((d) => d.class === cls);
    const stuffing = det('credential-stuffing').find((d) => d.rule === 'behaviour.credential-stuffing');
    const enumeration = det('enumeration').filter((d) => d.about.includes('enumeration'));
    expect(stuffing !== undefined || enumeration.length > 0).toBe(true);
    if (stuffing) {
      expect(stuffing.about).toEqual(['credential-stuffing']);
      expect(stuffing.actors.length).toBeGreaterThanOrEqual(8);
    }
    expect(det('sqli').flatMap((d) => d.about)).toEqual(['injection']);
    for (const d of r.detections) expect(d.about.filter((c) => c === 'shopper' || c === 'legacy-app')).toEqual([]); // no benign actor accused

    // the inventory is in the database and the HAR and config were written
    expect(r.files).toEqual({ db: join('.rampart', 'demo.db'), har: join('.rampart', 'demo-traffic.har'), config: join('.rampart', 'demo-gateway.yaml') });
    for (const f of Object.values(r.files)) expect(existsSync(join(dir, f))).toBe(true);
    const store = openSqliteStore(join(dir, r.files.db));
    try {
      const shadow = store.listEndpoints({ status: 'shadow' }).map((e) => `${e.endpoint.method} ${e.endpoint.path}`);
      expect(shadow).toContain('POST /api/v2/payments');
      // the detections reached the threat records, with their actors
      const stored = store.listDetections({});
      expect(stored.length).toBeGreaterThan(0);
      // the report counts each detection once: what `rampart threats` shows
      expect(r.detections.reduce((n, d) => n + d.detections, 0)).toBe(stored.length);
      expect(stored.some((d) => d.class === 'sqli')).toBe(true);
      expect(store.getActor(stored[0]?.actor ?? '')?.detections).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 30_000);

  it('monitor mode: nothing blocked, the same attacks flagged', async () => {
    const r = await runDemo({ durationMs: 3_000, mode: 'monitor', cwd: dir, db: 'monitor.db' });
    expect(r.gateway.blocked).toBe(0);
    expect(r.gateway.flagged).toBeGreaterThan(5);
    expect(r.gateway.byRule.map((c) => c.rule)).toEqual(expect.arrayContaining(['signatures.sqli', 'spec.unknown-operation']));
    expect(r.files.db).toBe('monitor.db');
  }, 30_000);

  it('stops early when aborted and still reports', async () => {
    const stop = new AbortController();
    const onStatus = (line: string) => void (line.includes('sending traffic') && setTimeout(() => stop.abort(), 1_000));
    const r = await runDemo({ durationMs: 60_000, cwd: dir, db: 'aborted.db', signal: stop.signal, onStatus });
    expect(r.stoppedBy).toBe('abort');
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.requests).toBeGreaterThan(0);
  }, 30_000);

  it('CLI: usage errors are one line with the fix', async () => {
    const run = async (...args: string[]) => {
      const io = createCaptureIo(dir, {});
      const code = await main(['node', 'rampart', 'demo', ...args], io);
      return { code, stderr: io.stderr };
    };
    expect(await run('--duration', 'soon')).toMatchObject({ code: 2, stderr: expect.stringContaining('--duration "soon": expected a duration') });
    expect(await run('--duration', '0s')).toMatchObject({ code: 2, stderr: expect.stringContaining('expected from 1s to 1h') });
    expect(await run('--rate', '5000/s')).toMatchObject({ code: 2, stderr: expect.stringContaining('at most 1000/s') });
    expect(await run('--port', '70000')).toMatchObject({ code: 2, stderr: expect.stringContaining('--port "70000"') });
    expect((await run('--mode', 'off')).code).not.toBe(0);
  });

  it('CLI: a port in use is one line naming --port', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    try {
      const io = createCaptureIo(dir, {});
      const code = await main(['node', 'rampart', 'demo', '--port', String(port), '--duration', '1s'], io);
      expect(code).toBe(2);
      expect(io.stderr).toMatch(/EADDRINUSE \[E_GATEWAY_LISTEN\] — pick another --port/);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      busy.close();
    }
  });
});
