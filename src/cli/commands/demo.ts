/**
 * `rampart demo`: flags → `runDemo` (src/demo) → the report on stdout, progress on stderr. Ctrl-C (or SIGTERM)
 * stops the traffic at once and still reports on what was recorded; a second Ctrl-C exits. See docs/demo.md.
 */
import { Option, type Command } from 'commander';
import { RampartError } from '../../core/index.js';
import type { Mode } from '../../protect/index.js';
import { DEMO_DEFAULTS, runDemo } from '../../demo/run-demo.js';
import { formatDemoReport } from '../../demo/demo-report.js';
import { SHOP_SPEC_FILE, startShop } from '../../demo/shop/create-shop.js';
import { SHOP_ACCOUNTS } from '../../demo/shop/shop-database.js';
import type { CommandContext } from '../context.js';
import { parseDuration, parseIntOption, parseRate } from '../options.js';

interface DemoFlags {
  port?: string;
  duration?: string;
  mode: Mode;
  db?: string;
  seed?: string;
  rate?: string;
  format: 'text' | 'json';
  shopOnly?: boolean;
  hardened?: boolean;
}

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('run a sample shop API with Rampart in front of it, send benign and attack traffic, and show what Rampart found')
    .option('--port <n>', 'port for Rampart on 127.0.0.1 (default: any free port)')
    .option('--duration <d>', `how long to send traffic, e.g. 20s, 2m (default ${DEMO_DEFAULTS.durationMs / 1000}s)`)
    .addOption(new Option('--mode <mode>', 'block enforces the spec and signatures; monitor only flags').choices(['block', 'monitor']).default(DEMO_DEFAULTS.mode))
    .option('--db <file>', `inventory database (default ${DEMO_DEFAULTS.dir}/demo.db)`)
    .option('--seed <n>', `seed of the traffic plan (default ${DEMO_DEFAULTS.seed})`)
    .option('--rate <r>', `requests per second the generator aims at (default ${DEMO_DEFAULTS.rate}/s)`)
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('--shop-only', 'only start the sample shop API (no gateway, no traffic) until Ctrl-C: a target for rampart test and rampart protect')
    .option('--hardened', 'with --shop-only: the hardened twin of the shop (no planted flaws)')
    .addHelpText('after', '\nExamples:\n  rampart demo\n  rampart demo --duration 1m --mode monitor\n  rampart demo --shop-only --port 3000   (then: rampart test --spec <printed spec> --target http://127.0.0.1:3000)\n  rampart inventory list --db .rampart/demo.db --status shadow   (afterwards)\n')
    .action(async (flags: DemoFlags) => {
      const port = flags.port === undefined ? 0 : parseIntOption(flags.port, '--port', 0, 65535);
      if (flags.hardened && !flags.shopOnly) throw new RampartError('E_USAGE', '--hardened: only with --shop-only (the demo itself runs the vulnerable shop behind Rampart)');
      if (flags.shopOnly) return serveShop(ctx, port, !flags.hardened);
      const durationMs = flags.duration === undefined ? DEMO_DEFAULTS.durationMs : parseDuration(flags.duration, '--duration');
      if (durationMs < 1000 || durationMs > 3_600_000) throw new RampartError('E_USAGE', `--duration ${JSON.stringify(flags.duration)}: expected from 1s to 1h`);
      const seed = flags.seed === undefined ? DEMO_DEFAULTS.seed : parseIntOption(flags.seed, '--seed', 0, 2 ** 31 - 1);
      const rate = flags.rate === undefined ? DEMO_DEFAULTS.rate : parseRate(flags.rate, '--rate');
      if (rate > 1000) throw new RampartError('E_USAGE', `--rate ${JSON.stringify(flags.rate)}: at most 1000/s (the demo runs the shop, the gateway and the generator in one process)`);
      const stop = new AbortController();
      const onSignal = () => {
        ctx.io.err('\nrampart demo: stopping (Ctrl-C again to quit at once)…\n');
        stop.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const report = await runDemo({
          port,
          durationMs,
          mode: flags.mode,
          seed,
          rate,
          cwd: ctx.io.cwd,
          ...(flags.db !== undefined ? { db: flags.db } : {}),
          signal: stop.signal,
          onStatus: (line) => ctx.io.err(`${line}\n`),
        });
        ctx.io.out(flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatDemoReport(report));
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
    });
}

/** `--shop-only`: the sample shop alone, with what a user needs to test or protect it, until a signal. */
async function serveShop(ctx: CommandContext, port: number, vulnerable: boolean): Promise<void> {
  const shop = await startShop({ vulnerable, port }).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RampartError('E_USAGE', `--port ${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : String(code ?? err)}`, { fix: 'pick another --port, or leave it out for any free port' });
  });
  const accounts = SHOP_ACCOUNTS.map((a) => `    ${a.role.padEnd(8)} ${a.email}  ${a.password}`).join('\n');
  ctx.io.out(
    `rampart demo: the ${vulnerable ? 'vulnerable' : 'hardened'} sample shop on ${shop.url} (Ctrl-C stops it)\n` +
      `  spec: ${SHOP_SPEC_FILE}\n  accounts (demo passwords):\n${accounts}\n` +
      `  try:  rampart test --spec ${SHOP_SPEC_FILE} --target ${shop.url}\n` +
      `        rampart protect --upstream ${shop.url} --spec ${SHOP_SPEC_FILE} --mode block\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await shop.close();
  ctx.io.err('rampart demo: shop stopped\n');
}
