/**
 * The IP allow/deny list filter (request-headers phase): a client in `deny` is blocked (`ip.denied`); when `allow`
 * is non-empty, a client outside it is blocked (`ip.not-allowed`). The client address is the one after trusted-proxy
 * processing. Decisions are cached per address (bounded), so a keep-alive client costs one map probe per request.
 */
import { CONTINUE, type StopVerdict } from '../../../core/verdict.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';
import { createIpSet, parseCidr, type Cidr } from './ip-trie.js';

export interface IpListOptions {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly status: (rule: string, fallback: number) => number;
  /** Most addresses whose decision is cached (default 10,000). */
  readonly cacheSize?: number;
}

/** Creates the filter; undefined when both lists are empty (nothing to enforce). */
export function createIpListFilter(options: IpListOptions): Filter | undefined {
  if (options.allow.length === 0 && options.deny.length === 0) return undefined;
  const parse = (list: readonly string[]) => list.map((s) => parseCidr(s)).filter((c): c is Cidr => c !== undefined);
  const allow = createIpSet(parse(options.allow));
  const deny = createIpSet(parse(options.deny));
  const denied: StopVerdict = Object.freeze({ action: 'block', rule: 'ip.denied', status: options.status('ip.denied', 403), reason: 'the client address is on the deny list' });
  const notAllowed: StopVerdict = Object.freeze({ action: 'block', rule: 'ip.not-allowed', status: options.status('ip.not-allowed', 403), reason: 'the client address is not on the allow list' });
  const cache = new Map<string, FilterVerdict>();
  const cacheSize = options.cacheSize ?? 10_000;
  const decide = (ip: string): FilterVerdict => {
    if (deny.size > 0 && deny.has(ip)) return denied;
    if (allow.size > 0 && !allow.has(ip)) return notAllowed;
    return CONTINUE;
  };
  return {
    name: 'ipList',
    phase: 'request-headers',
    evaluate(tx: Transaction) {
      const ip = tx.clientIp;
      let v = cache.get(ip);
      if (v === undefined) {
        v = decide(ip);
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(ip, v);
      }
      return v;
    },
  };
}
