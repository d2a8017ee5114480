/**
 * The gateway runtime (an I/O edge): loads the configuration, the spec and the files they name, compiles the
 * policy, runs the proxy and admin listeners, and reloads on file change or on request (SIGHUP, wired by the
 * CLI) — a reload that fails leaves the running policy in place and logs one line with the bad key.
 */
import { randomBytes } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, isAbsolute, resolve } from 'node:path';
import { formatError, RampartError } from '../../core/errors.js';
import type { Detection } from '../../core/threat.js';
import { loadSpec, type LoadedSpec } from '../../spec/index.js';
import { DEFAULT_CONFIG, type GatewayConfig, type Rate, type RateLimitRule } from '../config/gateway-config.js';
import { parseHostPort } from '../config/host-port.js';
import { configDir, readGatewayConfig, readPolicyMaterials } from '../config/read-config.js';
import { createEventLog, type EventLogger } from '../observe/event-log.js';
import { createGatewayMetrics, type GatewayMetrics } from '../observe/gateway-metrics.js';
import type { LoggedConsumer, Mode } from '../phases/phase.js';
import { compilePolicy, type Policy } from '../policy/compile-policy.js';
import { createDeceptionState } from '../deception/deception-state.js';
import { normaliseIp } from '../../detect/actors/index.js';
import { createLiveAnalysis, type DetectionListener, type LiveAnalysis } from '../../pipeline/live-analysis.js';
import { createThreatRecorder } from '../../pipeline/threat-recorder.js';
import type { Store } from '../../store/store.js';
import { createTap, type Tap } from '../tap/create-tap.js';
import { createAlerts, type Alerts } from '../alerts/create-alerts.js';
import { createAdminServer, type AdminServer } from './admin-server.js';
import { createGatewayServer, type GatewayServer } from './gateway-server.js';

/** Command-line values that override the configuration file. */
export interface ConfigOverrides {
  readonly upstream?: string;
  readonly spec?: string;
  readonly listen?: string;
  readonly admin?: string | false;
  readonly mode?: Mode;
  /** `--rate-limit N/s`: one rule per client IP over every endpoint (id `cli`). */
  readonly rateLimit?: Rate;
}

export interface RuntimeLogger extends EventLogger {
  debug?(obj: object, msg?: string): void;
}

export interface GatewayRuntimeOptions {
  readonly configFile?: string;
  readonly overrides?: ConfigOverrides;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger: RuntimeLogger;
  /** Watch the configuration and spec files and reload on change (default true). */
  readonly watch?: boolean;
  /** Poll interval of the file watcher (ms, default 500). */
  readonly watchIntervalMs?: number;
  /** Start the admin listener here (default true; cluster workers leave it to the primary). */
  readonly admin?: boolean;
  readonly metrics?: GatewayMetrics;
  /** Extra `logged`-phase consumers (after the event log and the tap). */
  readonly consumers?: readonly LoggedConsumer[];
  /** The database of the live inventory (`--db`): the tap's learner persists to it periodically and at shutdown. */
  readonly store?: Store;
  /** Detections decided by the tap's behaviour detection (for the threat store); called off the request path. */
  readonly onDetection?: DetectionListener;
  readonly now?: () => number;
  /** Listen with `exclusive: false` semantics under node:cluster (handled by Node; informational). */
  readonly worker?: number;
}

export interface RunningGateway {
  readonly address: AddressInfo;
  readonly adminAddress: AddressInfo | undefined;
  readonly policy: Policy;
  readonly server: GatewayServer;
  readonly metrics: GatewayMetrics;
  /** The analysis stage behind the tap (undefined when `tap.enabled` is false). */
  readonly analysis: LiveAnalysis | undefined;
  readonly tap: Tap | undefined;
  /** Reloads configuration and spec; false (and the old policy kept) when the new one is invalid. */
  reload(): Promise<boolean>;
  /** Drains and stops (grace period from the configuration). */
  shutdown(): Promise<{ drained: boolean; abandoned: number }>;
}

interface Loaded {
  readonly config: GatewayConfig;
  readonly policy: Policy;
  readonly spec: LoadedSpec | undefined;
  /** Absolute path of the spec file, when there is one. */
  readonly specPath: string | undefined;
  readonly files: readonly string[];
}

/** Applies command-line overrides to a configuration (the result is frozen). */
export function applyOverrides(config: GatewayConfig, o: ConfigOverrides | undefined): GatewayConfig {
  if (!o) return config;
  const rules: RateLimitRule[] = [...config.rateLimits];
  if (o.rateLimit) {
    if (rules.some((r) => r.id === 'cli')) throw new RampartError('E_USAGE', '--rate-limit: the configuration already has a rate-limit rule with id "cli"');
    rules.push({ id: 'cli', rate: o.rateLimit, burst: o.rateLimit.count, algorithm: 'token-bucket', key: { kind: 'ip' }, scope: 'global' });
  }
  return Object.freeze({
    ...config,
    ...(o.upstream !== undefined ? { upstream: o.upstream } : {}),
    ...(o.spec !== undefined ? { specFile: o.spec } : {}),
    ...(o.listen !== undefined ? { listen: o.listen } : {}),
    ...(o.admin !== undefined ? { admin: o.admin } : {}),
    ...(o.mode !== undefined ? { mode: o.mode } : {}),
    rateLimits: Object.freeze(rules),
  });
}

export async function startGateway(options: GatewayRuntimeOptions): Promise<RunningGateway> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const log = options.logger;
  const metrics = options.metrics ?? createGatewayMetrics();
  // one key for the tap's detector and the countermeasures' actor identifier, so credential-based keys match;
  // with a store, the database's own key, so actor keys match `rampart detect --db` and `rampart threats`
  const secretKey = options.store?.secretKey() ?? randomBytes(32).toString('hex');
  const threats = options.store ? createThreatRecorder(options.store) : undefined;
  let tapEnabled: boolean | undefined;

  const load = async (previous: Policy | undefined): Promise<Loaded> => {
    const fileConfig = options.configFile ? await readGatewayConfig(options.configFile, cwd) : DEFAULT_CONFIG;
    const config = applyOverrides(fileConfig, options.overrides);
    const base = configDir(options.configFile, cwd);
    let spec: LoadedSpec | undefined;
    let specPath: string | undefined;
    const files: string[] = [];
    if (options.configFile) files.push(isAbsolute(options.configFile) ? options.configFile : resolve(cwd, options.configFile));
    if (config.specFile) {
      // a --spec path is relative to the working directory; a `spec:` in the file to the file's folder
      specPath = options.overrides?.spec !== undefined ? resolve(cwd, config.specFile) : resolve(base, config.specFile);
      spec = await loadSpec(specPath);
      for (const w of spec.warnings.slice(0, 20)) log.warn({ spec: config.specFile, warning: w }, 'spec warning');
      for (const f of spec.files) files.push(resolve(dirname(specPath), f));
    }
    const materials = await readPolicyMaterials(config, base, env);
    const policy = compilePolicy({
      config,
      ...(spec ? { description: spec.description, specFile: config.specFile } : {}),
      ...(options.configFile ? { configFile: options.configFile } : {}),
      materials,
      ...(previous ? { previous } : {}),
      ...(options.now ? { now: options.now } : {}),
      deception: previous?.deception ?? createDeceptionState(config.countermeasures, secretKey),
      detection: (tapEnabled ??= config.tap.enabled),
      onWarning: (message) => log.warn({ message }, 'spec validation warning'),
    });
    return { config, policy, spec, specPath, files };
  };

  let current = await load(undefined);
  const config = current.config;
  // alerts: sinks from the first configuration (restart to change them)
  const alerts: Alerts = createAlerts({ config: config.alerts, env, logger: log, metrics, ...(options.now ? { now: options.now } : {}) });
  current.policy.deception.onMark = (actor, reason) => {
    log.warn({ event: 'actor-marked', actor, reason }, 'actor-marked');
    alerts.marked(actor, reason);
  };
  const onDetection = (list: readonly Detection[]) => {
    alerts.detections(list);
    if (threats && analysis?.detector && list.length) {
      // off the request path (the tap's drain): detections and their actors into the threat records
      try {
        threats.record(list, analysis.detector.actors({ keys: new Set(list.map((d) => d.actor)) }));
      } catch (err) {
        log.error({ error: formatError(err) }, 'detections could not be saved to the threat records');
      }
    }
    options.onDetection?.(list);
  };
  if (!config.upstream) throw new RampartError('E_USAGE', 'no upstream: give --upstream URL or `upstream:` in the configuration');
  const listenAt = parseHostPort(config.listen);
  if (!listenAt) throw new RampartError('E_USAGE', `--listen ${JSON.stringify(config.listen)}: expected HOST:PORT`);

  // the tap: settings of the first configuration hold until restart (queues and the detector keep their state)
  let analysis: LiveAnalysis | undefined;
  let tap: Tap | undefined;
  let persistTimer: NodeJS.Timeout | undefined;
  const persist = () => {
    try {
      const stats = analysis?.persist();
      if (stats) log.debug?.({ endpoints: stats.endpoints }, 'live inventory persisted');
    } catch (err) {
      log.error({ error: formatError(err) }, 'live inventory could not be persisted; it is kept in memory and tried again');
    }
  };
  if (config.tap.enabled) {
    analysis = createLiveAnalysis({
      ...(options.store ? { store: options.store } : {}),
      ...(options.store && current.spec && current.specPath ? { spec: { file: current.specPath, description: current.spec.description } } : {}),
      detector: { ...(config.detection ?? {}), secretKey, ...(options.now ? { now: options.now } : {}) },
      onDetection,
      onVerdict: (item, v) => {
        // actors at or above the countermeasures' risk threshold are marked (principal and client address)
        const cm = current.policy.config.countermeasures;
        if (cm.riskThreshold <= 0 || v.risk < cm.riskThreshold) return;
        const reason = `risk ${v.risk}${v.classes.length ? ` (${v.classes.join(', ')})` : ''}`;
        const t = (options.now ?? Date.now)();
        const deception = current.policy.deception;
        const ip = normaliseIp(item.exchange.client.ip);
        for (const key of new Set([v.actor, ...(ip ? [`ip:${ip}`] : [])])) if (deception.marks.mark(key, reason, t)) deception.onMark?.(key, reason);
      },
    });
    const live = analysis;
    tap = createTap({
      maxQueue: config.tap.maxQueue,
      maxQueueBytes: config.tap.maxQueueBytes,
      maxBodyBytes: config.tap.maxBodyBytes,
      sink: (batch) => live.analyze(batch),
      onDrop: (n) => metrics.queueDrop('tap', n),
      onError: (err) => log.error({ error: formatError(err) }, 'tap: analysis failed on a batch; it was skipped'),
    });
    if (options.store) persistTimer = setInterval(persist, config.tap.persistEverySec * 1000).unref();
  }

  const server = createGatewayServer({
    upstream: config.upstream,
    policy: current.policy,
    metrics,
    consumers: [createEventLog(log), ...(tap ? [tap] : []), ...(alerts.consumer ? [alerts.consumer] : []), ...(options.consumers ?? [])],
    sampleResponseBytes: tap ? config.tap.maxBodyBytes : 0,
    ...(options.now ? { now: options.now } : {}),
    onInternalError: (err, where) => log.error({ where, error: formatError(err) }, 'internal error'),
  });
  const address = await server.listen(listenAt.host, listenAt.port);

  let admin: AdminServer | undefined;
  let adminAddress: AddressInfo | undefined;
  if ((options.admin ?? true) && config.admin !== false) {
    const at = parseHostPort(config.admin);
    if (!at) throw new RampartError('E_USAGE', `--admin ${JSON.stringify(config.admin)}: expected HOST:PORT`);
    admin = createAdminServer({
      ready: () => server.ready,
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    });
    try {
      adminAddress = await admin.listen(at.host, at.port);
    } catch (err) {
      await server.shutdown(0);
      throw err;
    }
  }

  let reloading: Promise<boolean> | undefined;
  let again = false;
  const reloadOnce = async (): Promise<boolean> => {
    try {
      const next = await load(current.policy);
      const restartOnly = (['upstream', 'listen', 'admin'] as const).filter((k) => JSON.stringify(next.config[k]) !== JSON.stringify(current.config[k]));
      if (restartOnly.length > 0) log.warn({ keys: restartOnly }, 'these settings take effect on restart only; the running values stay');
      server.setPolicy(next.policy);
      const oldFiles = current.files;
      current = next;
      rewatch(oldFiles);
      metrics.reload('ok');
      log.info({ operations: next.spec?.description.operations.length ?? 0, rateLimits: next.policy.rateLimits.length }, 'configuration reloaded');
      return true;
    } catch (err) {
      metrics.reload('error');
      log.error({ error: formatError(err), code: (err as { code?: string }).code }, 'configuration rejected; the running one stays');
      return false;
    }
  };
  const reload = (): Promise<boolean> => {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = reloadOnce().then(async (ok) => {
      while (again) {
        again = false;
        ok = await reloadOnce();
      }
      reloading = undefined;
      return ok;
    });
    return reloading;
  };

  // file watching: stat polling survives editors that replace files by renaming
  const watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // a change is a new mtime, size or inode: on filesystems with coarse timestamps a quick rewrite keeps the mtime
  const onChange = (curr: { mtimeMs: number; size: number; ino: number }, prev: { mtimeMs: number; size: number; ino: number }) => {
    if (curr.mtimeMs === prev.mtimeMs && curr.size === prev.size && curr.ino === prev.ino) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void reload(), 150);
  };
  const rewatch = (old: readonly string[]) => {
    if (options.watch === false) return;
    for (const f of old) if (!current.files.includes(f)) {
      unwatchFile(f, onChange);
      watched.delete(f);
    }
    for (const f of current.files) if (!watched.has(f)) {
      watchFile(f, { interval: options.watchIntervalMs ?? 500, persistent: false }, onChange);
      watched.add(f);
    }
  };
  rewatch([]);

  return {
    address,
    adminAddress,
    get policy() {
      return current.policy;
    },
    server,
    metrics,
    analysis,
    tap,
    reload,
    async shutdown() {
      for (const f of watched) unwatchFile(f, onChange);
      watched.clear();
      if (timer) clearTimeout(timer);
      const r = await server.shutdown(current.config.shutdownGraceMs);
      await admin?.close();
      if (persistTimer) clearInterval(persistTimer);
      if (tap && analysis) {
        tap.drain();
        try {
          analysis.close();
        } catch (err) {
          log.error({ error: formatError(err) }, 'live inventory could not be persisted at shutdown');
        }
      }
      await alerts.close(Math.min(5_000, current.config.shutdownGraceMs));
      return r;
    },
  };
}
