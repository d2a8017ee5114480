/**
 * Countermeasures (request-headers phase, first in the chain): decoy endpoints and honeytokens mark whoever
 * touches them; marked actors (decoys, honeytokens, or a detection risk at or above the threshold, marked by
 * the tap) and addresses on `countermeasures.denyIps` get the configured action —
 *
 * - `block`: problem+json, 403 (`deception.*` rules);
 * - `deceive`: a realistic fake success synthesised from the matched operation's response schema (the upstream
 *   never sees the request);
 * - `tarpit`: a delay, then the request goes on upstream (decoy and honeytoken hits are deceived after it).
 *
 * `tarpit.delayMs` delays block and deceive too. Delays apply only in block mode and to at most
 * `tarpit.maxConcurrent` requests at once (beyond, the action is taken without delay), so the tarpit cannot
 * become a way to exhaust the gateway. Monitor mode marks actors and logs what would have been done.
 */
import { CONTINUE, type StopVerdict } from '../../../core/verdict.js';
import { fnv1a, normaliseIp } from '../../../detect/actors/index.js';
import type { CountermeasuresConfig, DecoysConfig } from '../../config/gateway-config.js';
import type { DeceptionState } from '../../deception/deception-state.js';
import { fakeResponse } from '../../deception/fake-response.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';
import { createIpSet, parseCidr, type Cidr } from '../ip-list/ip-trie.js';
import { credentialOf, hashToken } from '../token-denylist/token-denylist.js';

export interface CountermeasuresOptions {
  readonly state: DeceptionState;
  readonly config: CountermeasuresConfig;
  readonly decoys: DecoysConfig;
  /** Block mode: delays apply (in monitor mode stops are only logged, so nothing may wait). */
  readonly enforce: boolean;
  /** The tap marks flagged actors (without it, only decoys, honeytokens and denyIps act). */
  readonly detection: boolean;
  readonly status: (rule: string, fallback: number) => number;
  readonly now?: () => number;
}

interface DecoyPath {
  readonly method: string | undefined;
  readonly path: string;
  readonly prefix: boolean;
}

function parseDecoy(text: string): DecoyPath {
  const sp = text.indexOf(' ');
  const method = sp === -1 ? undefined : text.slice(0, sp).toUpperCase();
  let path = sp === -1 ? text : text.slice(sp + 1);
  const prefix = path.endsWith('*');
  if (prefix) path = path.slice(0, -1);
  return { method, path, prefix };
}

export const DECEPTION_RULES = ['deception.decoy', 'deception.honeytoken', 'deception.flagged-actor', 'deception.denied-actor'] as const;

export function createCountermeasuresFilter(options: CountermeasuresOptions): Filter | undefined {
  const { state, config, decoys, enforce } = options;
  const now = options.now ?? Date.now;
  const denied = createIpSet(config.denyIps.map((s) => parseCidr(s)).filter((c): c is Cidr => c !== undefined));
  const hasDenied = config.denyIps.length > 0;
  const exact = new Map<string, DecoyPath[]>();
  const prefixes: DecoyPath[] = [];
  for (const d of decoys.paths.map(parseDecoy)) {
    if (d.prefix) prefixes.push(d);
    else exact.set(d.path, [...(exact.get(d.path) ?? []), d]);
  }
  const honey = new Set(decoys.honeytokens.sha256);
  const honeyHeaders = decoys.honeytokens.headers;
  const honeyParams = new Set(decoys.honeytokens.queryParams);
  const byRisk = options.detection && config.riskThreshold > 0;
  if (exact.size === 0 && prefixes.length === 0 && honey.size === 0 && !hasDenied && !byRisk) return undefined;

  const decoyOf = (tx: Transaction): DecoyPath | undefined => {
    const hit = exact.get(tx.path)?.find((d) => d.method === undefined || d.method === tx.method);
    if (hit) return hit;
    for (const d of prefixes) if (tx.path.startsWith(d.path) && (d.method === undefined || d.method === tx.method)) return d;
    return undefined;
  };

  const honeytokenIn = (tx: Transaction): boolean => {
    if (honey.size === 0) return false;
    for (const h of honeyHeaders) {
      const v = tx.header(h);
      if (v !== undefined && v.length > 0 && honey.has(hashToken(credentialOf(h, v)))) return true;
    }
    if (honeyParams.size > 0 && tx.query.length > 0) {
      // at most 64 candidate values hashed: a honeytoken is used by someone who does not know it is one
      let hashed = 0;
      for (const [name, value] of tx.queryPairs()) {
        if (!honeyParams.has(name) || !value) continue;
        if (honey.has(hashToken(value))) return true;
        if (++hashed >= 64) break;
      }
    }
    return false;
  };

  const ipKeyOf = (tx: Transaction): string => `ip:${normaliseIp(tx.clientIp) ?? tx.clientIp}`;
  const principalOf = (tx: Transaction): string => state.identifier.identify(tx.toExchange()).principal;

  const mark = (tx: Transaction, reason: string): void => {
    const t = now();
    const keys = new Set([ipKeyOf(tx), principalOf(tx)]);
    for (const k of keys) if (state.marks.mark(k, reason, t)) state.onMark?.(k, reason);
  };

  const markOf = (tx: Transaction): string | undefined => {
    if (state.marks.size === 0) return undefined;
    const t = now();
    const m = state.marks.get(ipKeyOf(tx), t) ?? (state.marks.hasPrincipals ? state.marks.get(principalOf(tx), t) : undefined);
    return m?.reason;
  };

  const delayed = (v: FilterVerdict): FilterVerdict | Promise<FilterVerdict> => {
    const ms = config.tarpit.delayMs;
    if (!enforce || ms <= 0 || state.tarpitted >= config.tarpit.maxConcurrent) return v;
    state.tarpitted++;
    return new Promise((resolve) => {
      setTimeout(() => {
        state.tarpitted--;
        resolve(v);
      }, ms);
    });
  };

  const deceive = (tx: Transaction, rule: string, reason: string): StopVerdict => {
    const fake = fakeResponse(tx.operation, fnv1a(tx.id));
    return { action: 'deceive', rule, status: fake.status, reason: `deceived: ${reason}`, body: fake.body, contentType: fake.contentType };
  };

  /** The action for a request; `touched`: the request itself hit a decoy or honeytoken (never forwarded). */
  const act = (tx: Transaction, rule: string, reason: string, touched: boolean): FilterVerdict | Promise<FilterVerdict> => {
    switch (config.action) {
      case 'block':
        return delayed({ action: 'block', rule, status: options.status(rule, 403), reason });
      case 'deceive':
        return delayed(deceive(tx, rule, reason));
      default:
        if (touched) return delayed(deceive(tx, rule, reason));
        // monitor mode: a stop, so the would-be tarpit is logged (and never delays)
        if (!enforce) return { action: 'block', rule, status: options.status(rule, 403), reason: `would be tarpitted: ${reason}` };
        return delayed(CONTINUE);
    }
  };

  return {
    name: 'countermeasures',
    phase: 'request-headers',
    evaluate(tx: Transaction) {
      const decoy = exact.size > 0 || prefixes.length > 0 ? decoyOf(tx) : undefined;
      if (decoy) {
        const reason = `decoy ${decoy.method ?? '*'} ${decoy.path}${decoy.prefix ? '*' : ''}`;
        mark(tx, reason);
        return act(tx, 'deception.decoy', reason, true);
      }
      if (honeytokenIn(tx)) {
        mark(tx, 'honeytoken');
        return act(tx, 'deception.honeytoken', 'honeytoken used', true);
      }
      if (hasDenied && denied.has(tx.clientIp)) return act(tx, 'deception.denied-actor', 'address on countermeasures.denyIps', false);
      const marked = markOf(tx);
      if (marked !== undefined) return act(tx, 'deception.flagged-actor', `actor marked (${marked})`, false);
      return CONTINUE;
    },
  };
}
