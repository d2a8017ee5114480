/**
 * The built executable as a shell pipeline uses it: a reader that closes early (`… --format jsonl | head -1`)
 * ends the command quietly (exit 0, no stack trace). Runs `bin/rampart.js`, so it needs `dist/` (built by
 * `npm ci`/`npm install` through `prepare`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);

describe.skipIf(!built)('rampart in a pipeline', () => {
  it('stops quietly when the reader closes standard output early', async () => {
    const child = spawn(process.execPath, ['bin/rampart.js', 'detect', 'samples/shop.har', '--format', 'jsonl'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString())));
    child.stdout.destroy(); // what `head -1` does after its line
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(first).toMatch(/^\{"index":0,/);
    expect(err).not.toMatch(/EPIPE|node:events|at /);
    expect(code).toBe(0);
  }, 30_000);
});
