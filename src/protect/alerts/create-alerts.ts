/**
 * The gateway's alerting: blocked, flagged and deceived requests (a `logged`-phase consumer), detections from
 * the tap and actors marked for countermeasures, filtered by `alerts.events`, to a JSON webhook, a
 * Slack-compatible webhook and/or JSON log lines. Sinks are created once at start (restart to change them).
 */
import { RampartError } from '../../core/errors.js';
import type { Detection } from '../../core/threat.js';
import type { AlertEvent, AlertsConfig, WebhookConfig } from '../config/gateway-config.js';
import type { EventLogger } from '../observe/event-log.js';
import type { GatewayMetrics } from '../observe/gateway-metrics.js';
import type { LoggedConsumer } from '../phases/phase.js';
import { alertOfDetection, alertOfMark, alertsOfTransaction, type Alert } from './alert.js';
import { slackPayload } from './format-slack.js';
import { createWebhookSender, type WebhookSender } from './webhook-sender.js';

export interface Alerts {
  /** Undefined when no sink is configured. */
  readonly consumer: LoggedConsumer | undefined;
  detections(list: readonly Detection[]): void;
  marked(actor: string, reason: string): void;
  /** Delivers what is queued for up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

export interface AlertsOptions {
  readonly config: AlertsConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: EventLogger;
  readonly metrics: GatewayMetrics;
  readonly now?: () => number;
  /** Linger before a batch is sent (tests make it short). */
  readonly lingerMs?: number;
}

function urlOf(w: WebhookConfig, key: string, env: Readonly<Record<string, string | undefined>>): string {
  if (w.url) return w.url;
  const v = env[w.urlEnv ?? ''];
  if (!v || !/^https?:\/\/\S+$/i.test(v)) {
    throw new RampartError('E_CONFIG_INVALID', `${key}.urlEnv: the environment variable ${w.urlEnv} is ${v ? 'not an http(s) URL' : 'not set'}`, { location: `${key}.urlEnv` });
  }
  return v;
}

export function createAlerts(o: AlertsOptions): Alerts {
  const { config, logger, metrics } = o;
  const now = o.now ?? Date.now;
  const wanted = new Set<AlertEvent>(config.events);
  const senders: WebhookSender[] = [];
  const sink = (name: string, w: WebhookConfig, format: (a: readonly Alert[]) => unknown) =>
    createWebhookSender({
      name,
      url: urlOf(w, `alerts.${name}`, o.env),
      headers: w.headers,
      format,
      maxQueue: w.maxQueue,
      batchMax: w.batchMax,
      retries: w.retries,
      retryBaseMs: w.retryBaseMs,
      timeoutMs: w.timeoutMs,
      ...(o.lingerMs !== undefined ? { lingerMs: o.lingerMs } : {}),
      onDrop: (n, why) => {
        metrics.queueDrop(`alerts-${name}`, n);
        metrics.alerts(name, 'dropped', n);
        if (why === 'failed') logger.warn({ sink: name, alerts: n }, 'alerts dropped after the last retry');
      },
      onSent: (n) => metrics.alerts(name, 'sent', n),
      onFailure: (message) => logger.warn({ sink: name, error: message }, 'alert delivery failed; will retry'),
    });
  if (config.webhook) senders.push(sink('webhook', config.webhook, (alerts) => ({ source: 'rampart', alerts })));
  if (config.slack) senders.push(sink('slack', config.slack, slackPayload));
  const active = senders.length > 0 || config.log;

  const emit = (a: Alert): void => {
    if (!wanted.has(a.event)) return;
    if (config.log) logger.warn({ event: 'alert', alert: a }, 'alert');
    for (const s of senders) s.send(a);
  };

  return {
    consumer: active
      ? {
          name: 'alerts',
          consume(tx) {
            if (!tx.verdict && !tx.flags) return;
            for (const a of alertsOfTransaction(tx)) emit(a);
          },
        }
      : undefined,
    detections(list) {
      if (active && wanted.has('detection')) for (const d of list) emit(alertOfDetection(d));
    },
    marked(actor, reason) {
      if (active) emit(alertOfMark(actor, reason, now()));
    },
    async close(timeoutMs) {
      await Promise.all(senders.map((s) => s.close(timeoutMs)));
    },
  };
}
