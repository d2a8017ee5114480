/**
 * `rampart demo`: flags → `runDemo` (src/demo) → the report on stdout, progress on stderr. Ctrl-C (or SIGTERM)
 * stops the traffic at once and still reports on what was recorded; a second Ctrl-C exits. See docs/demo.md.
 */
import { Option, type Command } from 'commander';
import { RampartError } from '../../core/index.js';
import type { Mode } from '../../protect/index.js';
import { DEMO_DEFAULTS, runDemo } from '../../demo/run-demo.js';
import { formatDemoReport } from '../../demo/demo-report.js';
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
    .addHelpText('after', '\nExamples:\n  rampart demo\n  rampart demo --duration 1m --mode monitor\n  rampart inventory list --db .rampart/demo.db --status shadow   (afterwards)\n')
    .action(async (flags: DemoFlags) => {
      const port = flags.port === undefined ? 0 : parseIntOption(flags.port, '--port', 0, 65535);
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
