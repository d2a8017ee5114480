#!/usr/bin/env node
// The `rampart` executable: runs the compiled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('rampart: the CLI is not built (dist/ is missing); run `npm install` or `npm run build` in the project first\n');
  process.exit(2);
}
// a reader that stops early (`rampart detect … --format jsonl | head`) is not an error: stop quietly
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
