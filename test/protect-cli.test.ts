/** `rampart protect` flag and configuration errors: one line with the location and the fix, exit code 2. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = createCaptureIo(dir, {});
  const code = await main(['node', 'rampart', 'protect', ...args], io);
  return { code, err: io.stderr };
}

describe('rampart protect usage errors', () => {
  it.each([
    [['--upstream', 'http://127.0.0.1:1', '--rate-limit', 'fast'], '--rate-limit "fast": expected "N/s" or "N/m"'],
    [['--upstream', 'http://127.0.0.1:1', '--listen', 'nowhere'], '--listen "nowhere": expected HOST:PORT'],
    [['--upstream', 'http://127.0.0.1:1', '--workers', '0'], '--workers "0": expected a whole number from 1 to 64'],
    [['--listen', '127.0.0.1:0', '--admin', 'off'], 'no upstream: give --upstream URL'],
    [['--upstream', 'ftp://x', '--listen', '127.0.0.1:0', '--admin', 'off'], 'expected http:// or https:// with a host'],
    [['--upstream', 'http://127.0.0.1:1', '--config', 'missing.yaml'], 'missing.yaml: config: cannot read missing.yaml (ENOENT) [E_INPUT_NOT_FOUND]'],
    [['--upstream', 'http://127.0.0.1:1', '--db', 'x.db', '--workers', '2'], '--db with --workers: each worker would learn its own share'],
  ])('%j', async (args, expected) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(expected);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('points at the bad key of rampart.yaml', async () => {
    writeFileSync(join(dir, 'rampart.yaml'), 'upstream: http://127.0.0.1:1\nmode: block\nrateLimits:\n  - id: a\n    rate: 100/day\n');
    const r = await run('--config', 'rampart.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('rampart.yaml:5: rateLimits[0].rate: expected "N/s" or "N/m" [E_CONFIG_INVALID]');
  });

  it('refuses an alert webhook whose URL variable is not set, naming the key', async () => {
    writeFileSync(join(dir, 'alerts.yaml'), 'upstream: http://127.0.0.1:1\nlisten: 127.0.0.1:0\nadmin: false\nalerts:\n  slack: { urlEnv: NO_SUCH_VAR }\n');
    const r = await run('--config', 'alerts.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('alerts.slack.urlEnv: the environment variable NO_SUCH_VAR is not set');
  });

  it('refuses a listen address in use with E_GATEWAY_LISTEN', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const r = await run('--upstream', 'http://127.0.0.1:1', '--listen', `127.0.0.1:${port}`, '--admin', 'off');
    busy.close();
    expect(r.code).toBe(2);
    expect(r.err).toContain('EADDRINUSE');
    expect(r.err).toContain('[E_GATEWAY_LISTEN]');
  });
});
