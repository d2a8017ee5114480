/**
 * `rampart protect`: flags → the gateway runtime (src/protect) → JSON log lines on stdout, status on stderr.
 * Runs until SIGTERM/SIGINT (graceful drain); SIGHUP reloads the configuration and spec. See docs/gateway/.
 */
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { pino } from 'pino';
import { RampartError } from '../../core/index.js';
import {
  createGatewayMetrics,
  parseHostPort,
  parseRate,
  startGateway,
  type ConfigOverrides,
  type Mode,
} from '../../protect/index.js';
import { isClusterWorker, leaveCluster, notifyReady, registerWorkerMetrics, runPrimary } from '../../protect/proxy/cluster.js';
import type { CommandContext } from '../context.js';
import { openStore } from '../options.js';

interface ProtectFlags {
  upstream?: string;
  spec?: string;
  config?: string;
  listen?: string;
  admin?: string;
  mode?: Mode;
  rateLimit?: string;
  db?: string;
  workers?: string;
  logLevel?: string;
}

function overridesFrom(flags: ProtectFlags): ConfigOverrides {
  if (flags.listen !== undefined && !parseHostPort(flags.listen)) throw new RampartError('E_USAGE', `--listen ${JSON.stringify(flags.listen)}: expected HOST:PORT, e.g. 0.0.0.0:8080`);
  if (flags.admin !== undefined && flags.admin !== 'off' && !parseHostPort(flags.admin)) throw new RampartError('E_USAGE', `--admin ${JSON.stringify(flags.admin)}: expected HOST:PORT (e.g. 127.0.0.1:9090) or "off"`);
  let rateLimit;
  if (flags.rateLimit !== undefined) {
    rateLimit = parseRate(flags.rateLimit);
    if (!rateLimit) throw new RampartError('E_USAGE', `--rate-limit ${JSON.stringify(flags.rateLimit)}: expected "N/s" or "N/m", e.g. 100/s`);
  }
  return {
    ...(flags.upstream !== undefined ? { upstream: flags.upstream } : {}),
    ...(flags.spec !== undefined ? { spec: flags.spec } : {}),
    ...(flags.listen !== undefined ? { listen: flags.listen } : {}),
    ...(flags.admin !== undefined ? { admin: flags.admin === 'off' ? false : flags.admin } : {}),
    ...(flags.mode !== undefined ? { mode: flags.mode } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  };
}

function workerCount(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text === 'auto') return availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new RampartError('E_USAGE', `--workers ${JSON.stringify(text)}: expected a whole number from 1 to 64, or "auto"`);
  return n;
}

/** Resolves when `signal` … the promise-returning wait used by the command to stay alive. */
function untilStopped(onStop: () => Promise<void>, onReload: () => void): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      process.removeListener('SIGHUP', onReload);
      onStop().then(resolve, resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.on('SIGHUP', onReload);
  });
}

export function registerProtect(program: Command, ctx: CommandContext): void {
  program
    .command('protect')
    .description('run the inline gateway in front of an API: positive security model from the spec, signatures, rate limits, deny lists, JWT checks')
    .option('--upstream <url>', 'the protected API, e.g. http://127.0.0.1:3000')
    .option('--spec <file>', 'OpenAPI 2.0/3.x file: the allow-list (positive security model)')
    .option('--config <file>', 'rampart.yaml (see docs/gateway/configuration.md); flags override it')
    .option('--listen <host:port>', 'where clients connect (default 0.0.0.0:8080)')
    .option('--admin <host:port>', 'admin listener for /healthz, /readyz, /metrics (default 127.0.0.1:9090; "off" for none)')
    .addOption(new Option('--mode <mode>', 'global mode: monitor logs would-be blocks, block enforces').choices(['off', 'monitor', 'block']))
    .option('--rate-limit <rate>', 'quick start: N/s or N/m per client IP over all endpoints')
    .option('--db <file>', 'SQLite database for the live inventory and the threat records (written by the tap; see docs/gateway/README.md)')
    .option('--workers <n>', 'processes (node:cluster), a number or "auto" (one per core); counters are per process')
    .addOption(new Option('--log-level <level>', 'log level of the JSON lines on stdout').choices(['debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .action(async (flags: ProtectFlags) => {
      const overrides = overridesFrom(flags);
      const workers = workerCount(flags.workers);
      if (flags.db !== undefined && workers > 1) {
        throw new RampartError('E_USAGE', '--db with --workers: each worker would learn its own share of the traffic and overwrite the others\' endpoints', {
          fix: 'run one worker with --db (the live inventory), or several without it',
        });
      }
      const drops = { n: 0 };
      const dest = pino.destination({ fd: 1, sync: false, minLength: 4096, maxLength: 16 * 1024 * 1024 });
      dest.on('drop', () => drops.n++);
      const logger = pino({ level: flags.logLevel ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, dest);
      const flush = () => new Promise<void>((r) => dest.flush(() => r()));
      // lines are batched (4 KB) under load, but a quiet gateway's last block must not wait for the next ones
      setInterval(() => {
        try {
          dest.flush();
        } catch {
          // not ready yet, or closing: the next tick or the shutdown flush writes it
        }
      }, 500).unref();

      if (workers > 1 && !isClusterWorker()) {
        const running = await runPrimary({ workers, admin: overrides.admin ?? '127.0.0.1:9090', logger, graceMs: 10_000 });
        ctx.io.err(`rampart protect: ${workers} workers; admin ${running.adminAddress ? `http://${running.adminAddress.address}:${running.adminAddress.port}` : 'off'}\n`);
        await untilStopped(async () => {
          running.stop();
          await running.stopped;
        }, () => running.reload());
        await flush();
        return;
      }
      const worker = isClusterWorker();
      const metrics = createGatewayMetrics();
      if (worker) registerWorkerMetrics(metrics.registry);
      setInterval(() => {
        if (drops.n > 0) {
          metrics.queueDrop('log', drops.n);
          drops.n = 0;
        }
      }, 1_000).unref();
      const store = flags.db !== undefined ? openStore(ctx.io, flags.db) : undefined;
      const gw = await startGateway({
        ...(flags.config ? { configFile: flags.config } : {}),
        ...(store ? { store } : {}),
        overrides,
        cwd: ctx.io.cwd,
        env: ctx.io.env,
        logger,
        metrics,
        admin: !worker,
      }).catch((err: unknown) => {
        store?.close();
        throw err;
      });
      const p = gw.policy;
      const ops = p.description?.operations.length;
      const where = `http://${gw.address.family === 'IPv6' ? `[${gw.address.address}]` : gw.address.address}:${gw.address.port}`;
      if (!worker) {
        ctx.io.err(
          `rampart protect: listening on ${where} → ${p.config.upstream}; mode ${p.config.mode}; ` +
            `${ops === undefined ? 'no spec (positive security model off)' : `spec: ${ops} operations`}; ` +
            `${p.rateLimits.length} rate limit${p.rateLimits.length === 1 ? '' : 's'}; admin ${gw.adminAddress ? `http://${gw.adminAddress.address}:${gw.adminAddress.port}` : 'off'}\n`,
        );
        if (flags.db) ctx.io.err(`rampart protect: live inventory → ${flags.db}${p.config.tap.enabled ? ` (every ${p.config.tap.persistEverySec} s and at shutdown)` : ' — but tap.enabled is false: nothing is learned'}\n`);
      } else notifyReady();
      logger.info({ listen: where, upstream: p.config.upstream, mode: p.config.mode }, 'gateway started');
      await untilStopped(async () => {
        const r = await gw.shutdown();
        logger.info({ drained: r.drained, abandoned: r.abandoned }, 'gateway stopped');
        store?.close();
        if (!worker) ctx.io.err(`rampart protect: stopped (${r.drained ? 'all requests drained' : `${r.abandoned} requests cut after the grace period`})\n`);
      }, () => void gw.reload());
      await flush();
      if (worker) leaveCluster();
    });
}

