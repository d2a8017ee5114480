/**
 * The tap: a `logged`-phase consumer that hands every finished transaction to the analysis pipeline without
 * ever making traffic wait. `consume` only appends to a bounded queue (by count and by the body bytes the
 * queued transactions hold); when it is full the transaction is dropped and counted. The queue is drained in
 * `setImmediate` turns of at most `batchSize` transactions and `sliceMs` milliseconds, so analysis interleaves
 * with I/O instead of running on any request's path.
 */
import type { LiveExchange } from '../../pipeline/live-analysis.js';
import type { LoggedConsumer } from '../phases/phase.js';
import type { Transaction } from '../transaction.js';
import { exchangeOf } from './exchange-of.js';

export interface TapOptions {
  /** Transactions waiting for analysis at most (default 10,000). */
  readonly maxQueue?: number;
  /** Body bytes held by waiting transactions at most (default 32 MiB). */
  readonly maxQueueBytes?: number;
  /** Bytes of each body given to analysis (default 64 KiB; longer bodies are marked truncated). */
  readonly maxBodyBytes?: number;
  /** Transactions per analysis call (default 128). */
  readonly batchSize?: number;
  /** Time budget of one drain turn, ms (default 5). */
  readonly sliceMs?: number;
  /** The analysis stage; called synchronously with a batch. */
  readonly sink: (batch: LiveExchange[]) => void;
  /** Transactions dropped because the queue was full. */
  readonly onDrop?: (n: number) => void;
  /** The sink threw (the batch is lost, the tap goes on). */
  readonly onError?: (err: unknown) => void;
}

export interface TapStats {
  readonly queued: number;
  readonly queuedBytes: number;
  readonly analysed: number;
  readonly dropped: number;
}

export interface Tap extends LoggedConsumer {
  /** Analyses everything still queued, now (shutdown). */
  drain(): void;
  stats(): TapStats;
}

export const DEFAULT_TAP = Object.freeze({ maxQueue: 10_000, maxQueueBytes: 32 * 1024 * 1024, maxBodyBytes: 64 * 1024, batchSize: 128, sliceMs: 5 });

function heldBytes(tx: Transaction): number {
  let n = tx.requestBody?.length ?? 0;
  n += tx.responseBody?.length ?? 0;
  if (tx.responseSample) for (const b of tx.responseSample) n += b.length;
  return n;
}

export function createTap(options: TapOptions): Tap {
  const maxQueue = options.maxQueue ?? DEFAULT_TAP.maxQueue;
  const maxQueueBytes = options.maxQueueBytes ?? DEFAULT_TAP.maxQueueBytes;
  const maxBody = options.maxBodyBytes ?? DEFAULT_TAP.maxBodyBytes;
  const batchSize = options.batchSize ?? DEFAULT_TAP.batchSize;
  const sliceMs = options.sliceMs ?? DEFAULT_TAP.sliceMs;
  let queue: Transaction[] = [];
  let sizes: number[] = [];
  let head = 0;
  let bytes = 0;
  let analysed = 0;
  let dropped = 0;
  let scheduled = false;

  const take = (n: number): LiveExchange[] => {
    const end = Math.min(queue.length, head + n);
    const out: LiveExchange[] = new Array(end - head);
    for (let i = head, j = 0; i < end; i++, j++) {
      out[j] = exchangeOf(queue[i] as Transaction, maxBody);
      bytes -= sizes[i] as number;
    }
    head = end;
    if (head === queue.length) {
      queue = [];
      sizes = [];
      head = 0;
    } else if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      sizes = sizes.slice(head);
      head = 0;
    }
    return out;
  };

  const runBatch = (n: number): void => {
    const batch = take(n);
    analysed += batch.length;
    try {
      options.sink(batch);
    } catch (err) {
      options.onError?.(err);
    }
  };

  const turn = (): void => {
    scheduled = false;
    const until = performance.now() + sliceMs;
    while (head < queue.length) {
      runBatch(batchSize);
      if (performance.now() >= until) break;
    }
    if (head < queue.length) schedule();
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };

  return {
    name: 'tap',
    consume(tx) {
      const held = heldBytes(tx);
      if (queue.length - head >= maxQueue || (bytes + held > maxQueueBytes && held > 0)) {
        dropped++;
        options.onDrop?.(1);
        return;
      }
      queue.push(tx);
      sizes.push(held);
      bytes += held;
      schedule();
    },
    drain() {
      while (head < queue.length) runBatch(batchSize);
    },
    stats() {
      return { queued: queue.length - head, queuedBytes: bytes, analysed, dropped };
    },
  };
}
