/**
 * `--workers N`: one gateway process per core with node:cluster. The primary forks the workers (they share the
 * listening port; the kernel spreads connections), serves the admin port with the workers' metrics aggregated,
 * forwards SIGHUP (reload) and SIGTERM/SIGINT (drain) to them, and restarts a worker that dies unexpectedly.
 *
 * State is per worker: rate-limit counters, JWT caches and IP decisions live in each process. A client spread
 * over several connections may therefore get up to N times a limit; keep-alive clients usually stay on one
 * worker. See docs/gateway/configuration.md#workers.
 */
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { RampartError } from '../../core/errors.js';
import { parseHostPort } from '../config/host-port.js';
import { createAdminServer } from './admin-server.js';
import type { RuntimeLogger } from './gateway.js';

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker: expose this process's registry to the primary's aggregator. */
export function registerWorkerMetrics(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // constructing one installs the worker's answer to the primary's metric requests
  new AggregatorRegistry();
}

/** In a worker after its gateway stopped: close the IPC channel so the process can exit. */
export function leaveCluster(): void {
  if (cluster.isWorker) cluster.worker?.disconnect();
}

export interface PrimaryOptions {
  readonly workers: number;
  /** Admin HOST:PORT or false. */
  readonly admin: string | false;
  readonly logger: RuntimeLogger;
  /** Graceful shutdown budget for the workers (ms). */
  readonly graceMs: number;
}

export interface RunningPrimary {
  readonly adminAddress: AddressInfo | undefined;
  /** Resolves when every worker has exited after a stop signal. */
  readonly stopped: Promise<void>;
  stop(): void;
  reload(): void;
}

/** Runs the primary: forks workers that re-run the same command line with RAMPART_WORKER set. */
export async function runPrimary(options: PrimaryOptions): Promise<RunningPrimary> {
  const log = options.logger;
  let stopping = false;
  let readyCount = 0;
  const fork = (): Worker => {
    const w = cluster.fork({ RAMPART_WORKER: '1' });
    w.on('message', (m: unknown) => {
      if (m && typeof m === 'object' && (m as { rampart?: string }).rampart === 'ready') readyCount++;
    });
    return w;
  };
  for (let i = 0; i < options.workers; i++) fork();
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  cluster.on('exit', (worker, code, signal) => {
    readyCount = Math.max(0, readyCount - 1);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) resolveStopped();
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'worker exited; starting a new one');
    setTimeout(fork, 500).unref();
  });

  let adminAddress: AddressInfo | undefined;
  const aggregator = new AggregatorRegistry();
  let admin: ReturnType<typeof createAdminServer> | undefined;
  if (options.admin !== false) {
    const at = parseHostPort(options.admin);
    if (!at) throw new RampartError('E_USAGE', `--admin ${JSON.stringify(options.admin)}: expected HOST:PORT`);
    admin = createAdminServer({
      ready: () => !stopping && readyCount >= options.workers,
      metrics: async () => {
        const reg = await aggregator.clusterMetrics();
        return { contentType: aggregator.contentType, body: reg };
      },
    });
    adminAddress = await admin.listen(at.host, at.port);
  }
  const each = (sig: NodeJS.Signals) => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
  };
  return {
    adminAddress,
    stopped: stopped.then(() => admin?.close()),
    stop() {
      if (stopping) return;
      stopping = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) resolveStopped();
      each('SIGTERM');
      setTimeout(() => each('SIGKILL'), options.graceMs + 5_000).unref();
    },
    reload() {
      each('SIGHUP');
    },
  };
}

/** In a worker: tell the primary this worker is listening. */
export function notifyReady(): void {
  process.send?.({ rampart: 'ready' });
}
