/**
 * The discovery scope: which host names and IP addresses may be contacted. Checked by the HTTP client before
 * every connection — the name asked for, each redirect target, and every address DNS returns for it — so that
 * nothing outside what the user is authorised to test is ever touched.
 *
 * Scope file: one entry per line; `#` starts a comment.
 *   api.example.com      that host exactly
 *   *.example.com        any subdomain of example.com (at any depth), not example.com itself
 *   203.0.113.7          one address; 10.0.0.0/8, 2001:db8::/32 a network (CIDR)
 *   !admin.example.com   an exclusion (hosts, wildcards or networks); exclusions win
 * When any network is listed, the addresses a name resolves to must lie inside one of them as well.
 * Link-local addresses (169.254.0.0/16, fe80::/10: cloud metadata services) are refused unless listed.
 */
import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { RampartError } from '../core/index.js';

export interface Scope {
  /** True when the host name (or IP literal) may be contacted. */
  allowsName(host: string): boolean;
  /** True when a DNS-derived address may be contacted. */
  allowsAddress(ip: string): boolean;
  /** The entries, as given (normalised), for reports. */
  readonly entries: readonly string[];
}

interface Rules {
  exact: Set<string>;
  suffixes: string[];
  networks: BlockList;
  networkCount: number;
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Normalises a host name: lower-case, IDN to ASCII (punycode), trailing dot and brackets removed.
 * Returns undefined when it is not a valid DNS name or IP literal.
 */
export function normaliseHostName(raw: string): string | undefined {
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (isIP(h)) return unmapIpv4(h);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h || h.length > 253) return undefined;
  const ascii = /^[\x21-\x7e]*$/.test(h) ? h : domainToASCII(h);
  if (!ascii) return undefined;
  return ascii.split('.').every((l) => LABEL.test(l)) ? ascii : undefined;
}

/** `::ffff:10.0.0.1` -> `10.0.0.1` (so IPv4 networks apply to mapped addresses). */
export function unmapIpv4(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m?.[1] ?? ip.toLowerCase();
}

function emptyRules(): Rules {
  return { exact: new Set(), suffixes: [], networks: new BlockList(), networkCount: 0 };
}

function addNetwork(rules: Rules, entry: string): boolean {
  const slash = entry.indexOf('/');
  const addr = unmapIpv4(slash === -1 ? entry : entry.slice(0, slash));
  const family = isIP(addr);
  if (!family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (slash === -1) rules.networks.addAddress(addr, type);
  else {
    const bitsText = entry.slice(slash + 1);
    const bits = /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) return false;
    rules.networks.addSubnet(addr, bits, type);
  }
  rules.networkCount++;
  return true;
}

function inNetworks(rules: Rules, ip: string): boolean {
  const a = unmapIpv4(ip);
  const family = isIP(a);
  if (!family || rules.networkCount === 0) return false;
  return rules.networks.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

function matchesName(rules: Rules, host: string): boolean {
  if (rules.exact.has(host)) return true;
  for (const s of rules.suffixes) if (host.length > s.length && host.endsWith(s)) return true;
  return false;
}

const LINK_LOCAL = (() => {
  const b = new BlockList();
  b.addSubnet('169.254.0.0', 16, 'ipv4');
  b.addSubnet('fe80::', 10, 'ipv6');
  return b;
})();

function isLinkLocal(ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && LINK_LOCAL.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Builds a scope from entries (see the module comment for the syntax). Throws `E_SCOPE_INVALID` naming the
 * entry (and `location`, e.g. `scope.txt:4`) when one is malformed.
 */
export function createScope(entries: readonly string[], location?: (index: number) => string): Scope {
  const include = emptyRules();
  const exclude = emptyRules();
  const normalised: string[] = [];
  entries.forEach((rawEntry, index) => {
    const entry = rawEntry.trim();
    const negated = entry.startsWith('!');
    const body = (negated ? entry.slice(1) : entry).trim();
    const rules = negated ? exclude : include;
    const fail = (why: string): never => {
      throw new RampartError('E_SCOPE_INVALID', `${JSON.stringify(rawEntry)}: ${why}`, { location: location?.(index) });
    };
    let value = body;
    // a URL is accepted as its host
    if (/^https?:\/\//i.test(value)) {
      try {
        value = new URL(value).hostname;
      } catch {
        fail('not a valid URL');
      }
    }
    if (!value) fail('empty entry');
    if (addNetwork(rules, value.replace(/^\[|\]$/g, ''))) {
      normalised.push(`${negated ? '!' : ''}${value.toLowerCase()}`);
      return;
    }
    if (value.includes('/')) fail('not a valid CIDR network (address/bits)');
    if (/:\d+$/.test(value)) fail('ports are not part of a scope: list the host without its port');
    if (value.startsWith('*.')) {
      const domain = normaliseHostName(value.slice(2));
      if (!domain || isIP(domain)) fail('a wildcard is `*.` followed by a domain name');
      rules.suffixes.push(`.${domain}`);
      normalised.push(`${negated ? '!' : ''}*.${domain}`);
      return;
    }
    if (value.includes('*')) fail('only a leading `*.` wildcard is supported');
    const host = normaliseHostName(value);
    if (!host) fail('not a valid host name');
    rules.exact.add(host as string);
    normalised.push(`${negated ? '!' : ''}${host}`);
  });

  return {
    entries: normalised,
    allowsName(raw) {
      const host = normaliseHostName(raw);
      if (!host) return false;
      if (isIP(host)) {
        if (inNetworks(exclude, host) || exclude.exact.has(host)) return false;
        return inNetworks(include, host) || include.exact.has(host);
      }
      if (matchesName(exclude, host)) return false;
      return matchesName(include, host);
    },
    allowsAddress(raw) {
      const ip = unmapIpv4(raw.replace(/^\[|\]$/g, ''));
      if (!isIP(ip)) return false;
      if (inNetworks(exclude, ip)) return false;
      if (include.networkCount > 0) return inNetworks(include, ip);
      return !isLinkLocal(ip);
    },
  };
}

/** Parses a scope file's text (`fileName` names it in errors: `scope.txt:4`). Blank lines and `#` comments are skipped. */
export function parseScope(text: string, fileName: string): Scope {
  const entries: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const hash = line.indexOf('#');
    const entry = (hash === -1 ? line : line.slice(0, hash)).trim();
    if (entry) {
      entries.push(entry);
      lines.push(i + 1);
    }
  });
  if (entries.length === 0) throw new RampartError('E_SCOPE_INVALID', 'the scope file lists no host or network', { location: fileName });
  return createScope(entries, (i) => `${fileName}:${lines[i]}`);
}
