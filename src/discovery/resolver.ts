/**
 * The DNS edge: names to addresses, through the system resolver (getaddrinfo: /etc/hosts, then the configured
 * servers) or a DNS server the user names (`--resolver 10.0.0.53` or `127.0.0.1:5353`). A name that does not
 * resolve gives `[]`, never an error; answers are cached for the run (bounded).
 */
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { RampartError } from '../core/index.js';

export interface HostResolver {
  /** Addresses of `name` (IPv4 first), `[]` when it does not resolve. IP literals resolve to themselves. */
  resolve(name: string): Promise<string[]>;
}

export interface ResolverOptions {
  /** `ip` or `ip:port` (`[v6]:port`) of a DNS server; the system resolver when absent. */
  readonly server?: string;
  readonly timeoutMs?: number;
  /** Names cached at most. */
  readonly cacheSize?: number;
}

/** Validates a resolver address; throws `E_USAGE` with the expected form. */
export function parseResolverAddress(server: string): string {
  const s = server.trim();
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(s);
  const v4 = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(s);
  const m = v6 ?? v4;
  const ip = m?.[1];
  const port = m?.[2] === undefined ? 53 : Number(m[2]);
  if (!ip || !isIP(ip) || port < 1 || port > 65535 || (v4 && isIP(ip) !== 4)) {
    throw new RampartError('E_USAGE', `--resolver ${JSON.stringify(server)}: expected an IP address with an optional port (10.0.0.53, 127.0.0.1:5353, [::1]:53)`);
  }
  return isIP(ip) === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function createResolver(options: ResolverOptions = {}): HostResolver {
  const timeout = options.timeoutMs ?? 5_000;
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new Map<string, Promise<string[]>>();
  let custom: dns.Resolver | undefined;
  if (options.server) {
    custom = new dns.Resolver({ timeout, tries: 2 });
    custom.setServers([parseResolverAddress(options.server)]);
  }
  const lookup = async (name: string): Promise<string[]> => {
    if (isIP(name)) return [name];
    try {
      if (custom) {
        const answers = await Promise.allSettled([custom.resolve4(name), custom.resolve6(name)]);
        return answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
      }
      const all = await withTimeout(dns.lookup(name, { all: true, verbatim: false }), timeout);
      return [...new Set(all.map((a) => a.address))];
    } catch {
      // NXDOMAIN, SERVFAIL, timeout: the name is not there for us
      return [];
    }
  };
  return {
    resolve(raw) {
      const name = raw.toLowerCase();
      let p = cache.get(name);
      if (!p) {
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        p = lookup(name);
        cache.set(name, p);
      }
      return p;
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
    timer.unref();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
