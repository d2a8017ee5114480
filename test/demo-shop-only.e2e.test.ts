/**
 * `rampart demo --shop-only` as a user runs it: a separate process (tsx on the sources), the shop answers on the
 * printed URL with the printed accounts, and Ctrl-C (SIGINT) stops it cleanly with exit 0.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('rampart demo --shop-only', () => {
  it('serves the sample shop on loopback until SIGINT, printing the spec and the accounts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(0, 1).concat(['rampart', 'demo', '--shop-only', '--hardened']));"], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/on (http:\/\/127\.0\.0\.1:\d+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect(out).toContain('the hardened sample shop');
      expect(out).toMatch(/alice@shop\.example {2}alice-demo-pass/);
      const login = await fetch(`${url}/api/v2/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alice@shop.example', password: 'alice-demo-pass' }) });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { token?: string }).token).toMatch(/^ey/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 40_000);
});
