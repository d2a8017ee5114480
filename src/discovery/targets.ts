/**
 * Targets as the user gives them, and the candidate hosts they expand to.
 *
 * - a URL (`https://api.example.com:8443/v2/`): that origin only, with its path as an extra probe prefix;
 * - a host with a port (`api.example.com:8443`) or an IP: that host, both schemes on that port;
 * - a bare name (`example.com`): a domain — the name itself plus the built-in and user subdomain words under it.
 */
import { isIP } from 'node:net';
import { RampartError } from '../core/index.js';
import { normaliseHostName } from './scope.js';

export interface Origin {
  readonly scheme: 'http' | 'https';
  readonly port: number;
}

export interface Target {
  readonly input: string;
  /** Host name or IP literal, normalised. */
  readonly host: string;
  /** Origins to try, in order; undefined means the default port list. */
  readonly origins?: readonly Origin[];
  /** Path prefix given by a URL target (`/v2`), '' otherwise. */
  readonly prefix: string;
  /** A bare name: enumerate subdomains under it. */
  readonly domain: boolean;
}

/** A host to resolve and probe. */
export interface Candidate {
  readonly host: string;
  readonly origins?: readonly Origin[];
  readonly prefixes: readonly string[];
  /** Why it is probed: `target`, `wordlist`, `certificate`, `javascript`, `redirect`. */
  readonly via: string;
}

/** The default origins tried on a host: HTTPS first. */
export const DEFAULT_ORIGINS: readonly Origin[] = [
  { scheme: 'https', port: 443 },
  { scheme: 'http', port: 80 },
];

/** Parses one target; throws `E_TARGET_INVALID` with the fix. */
export function parseTarget(input: string): Target {
  const raw = input.trim();
  const bad = (why: string): never => {
    throw new RampartError('E_TARGET_INVALID', `${JSON.stringify(input)}: ${why}`);
  };
  if (!raw) bad('empty target');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return bad('not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') bad(`only http and https URLs can be probed, not ${url.protocol}`);
    const scheme = url.protocol === 'https:' ? 'https' : 'http';
    const host = normaliseHostName(url.hostname) ?? bad('not a valid host name');
    const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
    const prefix = url.pathname.replace(/\/+$/, '');
    return { input, host, origins: [{ scheme, port }], prefix, domain: false };
  }
  if (raw.includes('/')) bad('a path needs a scheme: write it as a URL (https://host/path)');
  const hostPort = /^(\[[0-9a-f:.]+\]|[^:]+):(\d{1,5})$/i.exec(raw);
  if (hostPort) {
    const port = Number(hostPort[2]);
    if (port < 1 || port > 65535) bad('port out of range 1-65535');
    const host = normaliseHostName(hostPort[1] as string) ?? bad('not a valid host name');
    return { input, host, origins: [{ scheme: 'https', port }, { scheme: 'http', port }], prefix: '', domain: false };
  }
  const host = normaliseHostName(raw) ?? bad('not a valid host name or IP address');
  if (isIP(host)) return { input, host, prefix: '', domain: false };
  return { input, host, prefix: '', domain: true };
}

/**
 * The candidates for a list of targets: each target's host, then (for domains, when `enumerate`) each word under
 * it. Duplicates are merged (origins and prefixes united); `limit` bounds the list.
 */
export function expandTargets(targets: readonly Target[], words: readonly string[], enumerate: boolean, limit = 10_000): Candidate[] {
  const byHost = new Map<string, Candidate>();
  const add = (c: Candidate): void => {
    const prev = byHost.get(c.host);
    if (!prev) {
      if (byHost.size < limit) byHost.set(c.host, c);
      return;
    }
    const origins = prev.origins && c.origins ? uniqueOrigins([...prev.origins, ...c.origins]) : undefined;
    byHost.set(c.host, { ...prev, origins, prefixes: [...new Set([...prev.prefixes, ...c.prefixes])] });
  };
  for (const t of targets) add({ host: t.host, origins: t.origins, prefixes: t.prefix ? [t.prefix] : [], via: 'target' });
  if (enumerate) {
    for (const t of targets) {
      if (!t.domain) continue;
      for (const w of words) {
        const host = normaliseHostName(`${w}.${t.host}`);
        if (host) add({ host, prefixes: [], via: 'wordlist' });
      }
    }
  }
  return [...byHost.values()];
}

function uniqueOrigins(origins: readonly Origin[]): Origin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const k = `${o.scheme}:${o.port}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Parses a word list (one subdomain word per line, `#` comments): words are lower-cased and validated. */
export function parseWordlist(text: string): { words: string[]; invalid: Array<{ line: number; word: string }> } {
  const words: string[] = [];
  const invalid: Array<{ line: number; word: string }> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const w = line.replace(/#.*/, '').trim().toLowerCase();
    if (!w) return;
    if (normaliseHostName(`${w}.example`) && !w.startsWith('.') && !w.endsWith('.')) words.push(w);
    else invalid.push({ line: i + 1, word: w });
  });
  return { words: [...new Set(words)], invalid };
}

/** `https://host` with the port only when it is not the scheme's default. */
export function originUrl(host: string, origin: Origin): string {
  const h = host.includes(':') ? `[${host}]` : host;
  const def = origin.scheme === 'https' ? 443 : 80;
  return `${origin.scheme}://${h}${origin.port === def ? '' : `:${origin.port}`}`;
}
