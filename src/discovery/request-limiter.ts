/**
 * Politeness for every outbound request: at most `concurrency` in flight, at most `rate` started per second
 * (token bucket), and nothing started after the deadline. Time and sleeping are injected for tests.
 */
import { createTokenBucket } from './token-bucket.js';

export interface RequestLimiter {
  /** Runs `fn` when a slot and a token are free; rejects with `DeadlineError` once the deadline has passed. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** True once the deadline has passed. */
  expired(): boolean;
  /** Requests started so far. */
  readonly started: number;
}

export class DeadlineError extends Error {
  constructor() {
    super('max duration reached');
    this.name = 'DeadlineError';
  }
}

export interface LimiterOptions {
  readonly concurrency: number;
  /** Requests per second. */
  readonly rate: number;
  /** ms since epoch after which nothing new starts (Infinity for none). */
  readonly deadline: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export function createRequestLimiter(options: LimiterOptions): RequestLimiter {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const bucket = createTokenBucket({ rate: options.rate, capacity: Math.min(concurrency, Math.max(1, options.rate)), now: options.now });
  let active = 0;
  let started = 0;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const expired = (): boolean => options.now() >= options.deadline;
  return {
    expired,
    get started() {
      return started;
    },
    async run(fn) {
      if (expired()) throw new DeadlineError();
      await acquire();
      try {
        const wait = bucket.reserve();
        if (wait > 0) await options.sleep(wait);
        if (expired()) throw new DeadlineError();
        started++;
        return await fn();
      } finally {
        release();
      }
    },
  };
}
