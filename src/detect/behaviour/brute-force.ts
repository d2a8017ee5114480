/**
 * Brute force: many failed logins for ONE account — from one IP or spread over many — and password spraying
 * from one IP (many failed logins there, mostly failing, over several accounts). Counts decay with a time
 * constant, so "10 failures" means about 10 within the last `tauMs`. A success from an IP takes that IP's
 * failures off the account (the owner mistyped, then got in). Once an account is under attack, every IP that
 * fails on it is reported.
 */
import type { Severity } from '../../core/index.js';
import { int, num, objectSchema, severity } from './check-config.js';
import { hasRole } from './endpoint-roles.js';
import { ExpiringMap, decayed } from './expiring-map.js';
import type { BehaviourDetector, BehaviourEvent, DetectionSink, DetectorDefinition, RequestRef } from './types.js';

export interface BruteForceConfig {
  /** Time constant of the failure counts (ms). */
  readonly tauMs: number;
  /** Failed logins (decayed) for one account that make it "under attack". */
  readonly maxFailuresPerAccount: number;
  /** Failed logins (decayed) from one IP… */
  readonly maxFailuresPerIp: number;
  /** …over at least this many accounts… */
  readonly minAccountsPerIp: number;
  /** …with at least this failure ratio (a shared NAT also logs people in). */
  readonly minIpFailureRatio: number;
  readonly maxTracked: number;
  readonly score: number;
  readonly severity: Severity;
}

interface AccountState {
  lastSeen: number;
  failures: number;
  at: number;
  masked: string;
  endpoint: string;
  /** IP -> failures from it (bounded). */
  readonly ips: Map<string, number>;
  readonly reported: Set<string>;
  requests: RequestRef[];
}

interface IpState {
  attempts: number;
  failures: number;
  at: number;
  readonly accounts: Set<string>;
  reported: boolean;
  requests: RequestRef[];
}

const NAME = 'brute-force';

export const bruteForce: DetectorDefinition<BruteForceConfig> = {
  name: NAME,
  classes: ['brute-force'],
  description: 'failed logins for one account (across IPs) or password spraying from one IP',
  defaults: { tauMs: 900_000, maxFailuresPerAccount: 10, maxFailuresPerIp: 20, minAccountsPerIp: 3, minIpFailureRatio: 0.6, maxTracked: 100_000, score: 50, severity: 'high' },
  schema: objectSchema({
    tauMs: int(1_000),
    maxFailuresPerAccount: int(2),
    maxFailuresPerIp: int(2),
    minAccountsPerIp: int(1),
    minIpFailureRatio: num(0, 1),
    maxTracked: int(100),
    score: num(0, 100),
    severity,
  }),
  create: (config, ctx) => new BruteForceDetector(config, ctx.allocateSlot()),
};

class BruteForceDetector implements BehaviourDetector {
  readonly name = NAME;
  private readonly accounts: ExpiringMap<AccountState>;

  constructor(
    private readonly c: BruteForceConfig,
    /** Actor-record slot of the client IP's `IpState`. */
    private readonly slot: number,
  ) {
    this.accounts = new ExpiringMap(c.maxTracked, c.tauMs * 3);
  }

  expire(now: number): void {
    this.accounts.expire(now);
  }

  size(): number {
    return this.accounts.size;
  }

  observe(ev: BehaviourEvent, emit: DetectionSink): void {
    if (!hasRole(ev.endpoint.roles, 'login') || ev.outcome === 'other') return;
    const t = ev.time;
    const failed = ev.outcome === 'failure';
    const ip = ev.identity.ip;
    if (ev.account) this.byAccount(ev, ev.account.hash, ev.account.masked, ip, failed, t, emit);
    if (ip && ev.ipActor) this.byIp(ev, ip, failed, t, emit);
  }

  private byAccount(ev: BehaviourEvent, hash: string, masked: string, ip: string | undefined, failed: boolean, t: number, emit: DetectionSink): void {
    const existing = this.accounts.peek(hash);
    if (!failed && !existing) return;
    const st = (this.accounts.touch(hash, t) ?? this.accounts.insert(hash, { lastSeen: t, failures: 0, at: t, masked, endpoint: ev.endpoint.key, ips: new Map(), reported: new Set(), requests: [] }, t));
    const ipKey = ip ?? 'unknown';
    st.failures = decayed(st.failures, st.at, t, this.c.tauMs);
    st.at = t;
    if (!failed) {
      // the owner got in: forget what this IP failed before (an attacker never gets here without the password)
      const mine = st.ips.get(ipKey) ?? 0;
      if (st.reported.size === 0) {
        st.failures = Math.max(0, st.failures - mine);
        st.ips.delete(ipKey);
      }
      return;
    }
    st.failures += 1;
    if (st.ips.has(ipKey) || st.ips.size < 64) st.ips.set(ipKey, (st.ips.get(ipKey) ?? 0) + 1);
    if (st.requests.length < 3) st.requests.push(ev.ref);
    else {
      st.requests.splice(1, 1);
      st.requests.push(ev.ref);
    }
    if (st.failures < this.c.maxFailuresPerAccount) return;
    for (const [other, n] of st.ips) {
      if (st.reported.has(other) || other === 'unknown') continue;
      st.reported.add(other);
      emit({
        rule: `behaviour.${NAME}.account`,
        class: 'brute-force',
        severity: this.c.severity,
        actor: `ip:${other}`,
        score: this.c.score,
        message: `brute force on one account (${st.masked}) at ${st.endpoint}: ${Math.round(st.failures)} failed logins from ${st.ips.size} IP${st.ips.size === 1 ? '' : 's'}, ${n} from this one`,
        endpoint: st.endpoint,
        requests: st.requests.filter((r) => r.ip === other).length ? st.requests.filter((r) => r.ip === other) : st.requests,
        counters: { accountFailures: Math.round(st.failures * 10) / 10, threshold: this.c.maxFailuresPerAccount, ips: st.ips.size, failuresFromIp: n },
        facts: { account: st.masked },
        index: ev.index,
        time: t,
      });
    }
  }

  private byIp(ev: BehaviourEvent, ip: string, failed: boolean, t: number, emit: DetectionSink): void {
    const holder = ev.ipActor as NonNullable<BehaviourEvent['ipActor']>;
    let st = holder.slots[this.slot] as IpState | undefined;
    if (st === undefined) {
      st = { attempts: 0, failures: 0, at: t, accounts: new Set(), reported: false, requests: [] };
      holder.slots[this.slot] = st;
    }
    st.attempts = decayed(st.attempts, st.at, t, this.c.tauMs) + 1;
    st.failures = decayed(st.failures, st.at, t, this.c.tauMs) + (failed ? 1 : 0);
    st.at = t;
    if (!failed) return;
    if (ev.account && st.accounts.size < 64) st.accounts.add(ev.account.hash);
    if (st.requests.length < 3) st.requests.push(ev.ref);
    else {
      st.requests.splice(1, 1);
      st.requests.push(ev.ref);
    }
    if (st.reported || st.failures < this.c.maxFailuresPerIp || st.failures / st.attempts < this.c.minIpFailureRatio || st.accounts.size < this.c.minAccountsPerIp) return;
    st.reported = true;
    emit({
      rule: `behaviour.${NAME}.ip`,
      class: 'brute-force',
      severity: this.c.severity,
      actor: `ip:${ip}`,
      score: this.c.score,
      message: `password spraying from one IP at ${ev.endpoint.key}: ${Math.round(st.failures)} failed logins over ${st.accounts.size} accounts (failure ratio ${(st.failures / st.attempts).toFixed(2)})`,
      endpoint: ev.endpoint.key,
      requests: st.requests,
      counters: { ipFailures: Math.round(st.failures * 10) / 10, threshold: this.c.maxFailuresPerIp, accounts: st.accounts.size, failureRatio: Math.round((st.failures / st.attempts) * 1000) / 1000 },
      index: ev.index,
      time: t,
    });
  }
}
