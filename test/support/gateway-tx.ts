/** Builds gateway transactions for filter unit tests (no sockets). */
import { splitTarget } from '../../src/core/http.js';
import type { RouteMatch } from '../../src/spec/index.js';
import { Transaction } from '../../src/protect/transaction.js';
import type { Filter, FilterVerdict } from '../../src/protect/phases/phase.js';

export function makeTx(init: {
  method?: string;
  target?: string;
  headers?: Record<string, string>;
  clientIp?: string;
  body?: string;
  route?: RouteMatch;
  routeKey?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
} = {}): Transaction {
  const target = init.target ?? '/';
  const { path, query } = splitTarget(target);
  const raw: string[] = [];
  for (const [k, v] of Object.entries(init.headers ?? {})) raw.push(k, v);
  const tx = new Transaction({
    id: 'req-test',
    time: 1_700_000_000_000,
    method: init.method ?? 'GET',
    target,
    path,
    query,
    host: (init.headers?.host ?? 'api.test').toLowerCase(),
    clientIp: init.clientIp ?? '192.0.2.1',
    peerIp: init.clientIp ?? '192.0.2.1',
    rawHeaders: raw,
    route: init.route,
    routeKey: init.routeKey ?? (init.route ? `${init.route.operation.method} ${init.route.operation.path}` : '*'),
  });
  if (init.body !== undefined) tx.requestBody = Buffer.from(init.body);
  if (init.status !== undefined) tx.status = init.status;
  if (init.responseHeaders) tx.responseRawHeaders = Object.entries(init.responseHeaders).flat();
  if (init.responseBody !== undefined) tx.responseBody = Buffer.from(init.responseBody);
  return tx;
}

export const status = (_rule: string, fallback: number): number => fallback;

/** Runs a synchronous filter (throws if it answered with a promise). */
export function run(filter: Filter, tx: Transaction): FilterVerdict {
  const v = filter.evaluate(tx);
  if (v instanceof Promise) throw new Error(`${filter.name} answered asynchronously`);
  return v;
}
