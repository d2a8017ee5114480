/**
 * The inspection pool: worker threads that run the signature engine for requests with large bodies (one process-
 * wide pool, created on first use, threads unref'd). Bounded: at most `maxQueue` inspections wait per thread; a full
 * pool answers `undefined` and the caller decides (the signatures filter fails closed, 503). A thread that dies
 * fails its pending inspections and is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Exchange } from '../../../core/exchange.js';
import type { EndpointRef, SignatureEngineOptions, SignatureResult } from '../../../detect/signatures/index.js';
import type { InspectRequest } from './inspect-worker.js';

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: SignatureResult) => void; reject: (e: Error) => void }>;
}

export interface InspectPoolOptions {
  readonly threads?: number;
  readonly maxQueue?: number;
}

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './inspect-worker.ts' : './inspect-worker.js', import.meta.url);

let slots: Slot[] | undefined;
let nextId = 1;
let maxQueue = 64;

function spawn(): Slot {
  // from source (tests, benchmarks) the thread registers the TypeScript loader (tsx, a dev dependency) first
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true })
    : new Worker(workerUrl);
  worker.unref();
  const slot: Slot = { worker, pending: new Map() };
  worker.on('message', (m: { id: number; result?: SignatureResult; error?: string }) => {
    const p = slot.pending.get(m.id);
    if (!p) return;
    slot.pending.delete(m.id);
    if (m.result) p.resolve(m.result);
    else p.reject(new Error(m.error ?? 'inspection failed'));
  });
  const fail = (err: Error) => {
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
    if (slots) {
      const i = slots.indexOf(slot);
      if (i !== -1) slots[i] = spawn();
    }
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`inspection thread exited with ${code}`));
  });
  return slot;
}

/** Sizes the pool (before first use): threads default to cores − 1 (at least 1), 64 waiting per thread. */
export function configureInspectPool(options: InspectPoolOptions): void {
  if (slots) return;
  maxQueue = options.maxQueue ?? maxQueue;
  slots = Array.from({ length: Math.max(1, options.threads ?? availableParallelism() - 1) }, spawn);
}

/** Inspects in a thread; undefined when every thread's queue is full. */
export function inspectInPool(key: string, options: SignatureEngineOptions, exchange: Exchange, endpoint: EndpointRef | undefined): Promise<SignatureResult> | undefined {
  if (!slots) configureInspectPool({});
  let best: Slot | undefined;
  for (const s of slots as Slot[]) if (!best || s.pending.size < best.pending.size) best = s;
  if (!best || best.pending.size >= maxQueue) return undefined;
  const id = nextId++;
  const slot = best;
  const msg: InspectRequest = { id, key, options, exchange, ...(endpoint ? { endpoint } : {}) };
  return new Promise((resolve, reject) => {
    slot.pending.set(id, { resolve, reject });
    slot.worker.postMessage(msg);
  });
}

/** Stops the threads (gateway shutdown); the next use starts a new pool. */
export async function closeInspectPool(): Promise<void> {
  const s = slots;
  slots = undefined;
  if (s) await Promise.all(s.map((x) => x.worker.terminate()));
}
