/**
 * Delivery of alerts to a webhook (an I/O edge: outbound HTTP with undici). Alerts wait in a bounded queue and
 * go out in batches (at most `batchMax` per POST, after a short linger so bursts share a request); a failed POST
 * (network error, timeout, 5xx, 408, 429) is retried with exponential backoff and jitter, up to `retries` times,
 * then the batch is dropped. A full queue drops new alerts. Every drop is counted (`onDrop`), delivery never
 * blocks or slows traffic, and the URL (a secret for Slack) is never logged.
 */
import { request } from 'undici';
import type { Alert } from './alert.js';

export interface WebhookSenderOptions {
  readonly name: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The POST body for a batch (JSON). */
  readonly format: (alerts: readonly Alert[]) => unknown;
  readonly maxQueue: number;
  readonly batchMax: number;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  /** Wait this long after the first queued alert before sending (default 250 ms). */
  readonly lingerMs?: number;
  readonly onDrop?: (n: number, why: 'queue-full' | 'failed') => void;
  readonly onSent?: (n: number) => void;
  /** A delivery attempt failed (status or error code; never the URL). */
  readonly onFailure?: (message: string, attempt: number) => void;
}

export interface WebhookSender {
  send(alert: Alert): void;
  /** Sends what is queued (retries included) for up to `timeoutMs`, then drops the rest (counted). */
  close(timeoutMs: number): Promise<void>;
  stats(): { readonly queued: number; readonly sent: number; readonly dropped: number };
}

function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export function createWebhookSender(o: WebhookSenderOptions): WebhookSender {
  const linger = o.lingerMs ?? 250;
  let queue: Alert[] = [];
  let sent = 0;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | undefined;
  let closing = false;
  const controller = new AbortController();

  const drop = (n: number, why: 'queue-full' | 'failed') => {
    dropped += n;
    o.onDrop?.(n, why);
  };

  const post = async (batch: readonly Alert[]): Promise<'ok' | 'retry' | 'give-up'> => {
    try {
      const res = await request(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'rampart-alerts', ...(o.headers ?? {}) },
        body: JSON.stringify(o.format(batch)),
        headersTimeout: o.timeoutMs,
        bodyTimeout: o.timeoutMs,
        signal: AbortSignal.any([AbortSignal.timeout(o.timeoutMs), controller.signal]),
      });
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (res.statusCode >= 200 && res.statusCode < 300) return 'ok';
      o.onFailure?.(`HTTP ${res.statusCode}`, 0);
      return retryable(res.statusCode) ? 'retry' : 'give-up';
    } catch (err) {
      o.onFailure?.(String((err as { code?: string }).code ?? (err as Error).name ?? 'error'), 0);
      return 'retry';
    }
  };

  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

  const deliver = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, o.batchMax);
      queue = queue.slice(batch.length);
      let done = false;
      for (let attempt = 0; attempt <= o.retries && !controller.signal.aborted; attempt++) {
        if (attempt > 0) await sleep(Math.min(60_000, o.retryBaseMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5));
        if (controller.signal.aborted) break;
        const r = await post(batch);
        if (r === 'ok') {
          sent += batch.length;
          o.onSent?.(batch.length);
          done = true;
          break;
        }
        if (r === 'give-up') break;
      }
      if (!done) drop(batch.length, 'failed');
    }
  };

  const kick = () => {
    timer = undefined;
    if (busy) return;
    busy = deliver().finally(() => {
      busy = undefined;
      if (queue.length > 0 && !closing) schedule();
    });
  };

  const schedule = () => {
    if (timer || busy) return;
    timer = setTimeout(kick, linger);
    timer.unref();
  };

  return {
    send(alert) {
      if (closing) return;
      if (queue.length >= o.maxQueue) {
        drop(1, 'queue-full');
        return;
      }
      queue.push(alert);
      schedule();
    },
    async close(timeoutMs) {
      closing = true;
      if (timer) {
        clearTimeout(timer);
        kick();
      } else if (!busy && queue.length > 0) kick();
      const waiting = busy ?? Promise.resolve();
      let t: NodeJS.Timeout | undefined;
      await Promise.race([waiting, new Promise<void>((r) => (t = setTimeout(r, timeoutMs)))]);
      if (t) clearTimeout(t);
      controller.abort();
      await waiting.catch(() => undefined);
      if (queue.length > 0) drop(queue.length, 'failed');
      queue = [];
    },
    stats: () => ({ queued: queue.length, sent, dropped }),
  };
}
