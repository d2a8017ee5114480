/**
 * Credential stuffing: many accounts tried across many IPs, each IP used only a few times (campaigns reuse an IP
 * ~2 times, so per-IP windows miss them). Per login endpoint the detector keeps decayed counts of attempts and
 * failures, the distinct failed accounts and IPs of the window, and a slow baseline of the failure ratio. A
 * campaign starts when the window has enough attempts, accounts and IPs and its failure ratio is far above the
 * baseline. Each IP that failed during the campaign is then attributed: at once when it
 * failed for two accounts, or after a grace period without a success when it did nothing but fail for one account
 * (people mistype, then get in — whatever their browser's fingerprint). IPs that also use the rest of the API need
 * three failed accounts (two with the campaign's fingerprint: one whose logins from many IPs mostly fail). The
 * campaign's fingerprint itself is reported at once.
 */
import { hasRole } from './endpoint-roles.js';
import { ExpiringMap, decayed } from './expiring-map.js';
import { LruMap } from './lru-map.js';
import { int, num, objectSchema, severity } from './check-config.js';
import { fnv1a, hex8 } from '../actors/hash.js';
import type { Severity } from '../../core/index.js';
import type { ActorRecord } from '../actors/index.js';
import type { BehaviourDetector, BehaviourEvent, DetectionSink, DetectorContext, DetectorDefinition, RequestRef } from './types.js';
import { WindowedSet } from './windowed-set.js';

export interface CredentialStuffingConfig {
  /** Time constant of the attempt/failure counts and length of the distinct-account/IP window (ms). */
  readonly windowMs: number;
  /** Attempts (decayed) in the window before a campaign can start. */
  readonly minAttempts: number;
  /** Distinct failed accounts in the window. */
  readonly minAccounts: number;
  /** Distinct IPs with failed logins in the window. */
  readonly minIps: number;
  /** The window's failure ratio must reach this… */
  readonly minFailureRatio: number;
  /** …and this multiple of the endpoint's baseline failure ratio. */
  readonly baselineFactor: number;
  /** Baseline failure ratio before any traffic is seen. */
  readonly baselinePrior: number;
  /** Attempts over which the baseline moves (its EWMA weight is 1/this)… */
  readonly baselineAttempts: number;
  /** …and the time over which it moves at least (ms): a burst of attempts cannot move it faster than this. */
  readonly baselineMs: number;
  /** An IP with one failed login and no other activity is attributed after this long without a success (ms). */
  readonly graceMs: number;
  /** Other API requests an IP may make (a config or CSRF-token fetch before the login) and still count as doing nothing else. */
  readonly quietRequests: number;
  /** A campaign fingerprint has at least this many failed logins in the window… */
  readonly fingerprintMinFailures: number;
  /** …from at least this many IPs… */
  readonly fingerprintMinIps: number;
  /** …and this failure ratio. */
  readonly fingerprintMinRatio: number;
  /** Bound on the IPs, accounts and fingerprints tracked. */
  readonly maxTracked: number;
  readonly score: number;
  readonly severity: Severity;
}

interface EndpointState {
  attempts: number;
  failures: number;
  at: number;
  baseline: number;
  /** When the baseline last learned. */
  learnedAt: number;
  readonly failedAccounts: WindowedSet;
  readonly failedIps: WindowedSet;
  campaign?: { id: string; since: number; lastActive: number; fingerprintsReported: Set<string>; ips: number };
}

interface IpState {
  lastSeen: number;
  attempts: number;
  failures: number;
  successes: number;
  accounts: string[];
  masked: string[];
  fingerprint: string;
  requests: RequestRef[];
  flaggedCampaign?: string;
  pending: boolean;
  endpoint: string;
}

interface FingerprintState {
  lastSeen: number;
  attempts: number;
  failures: number;
  at: number;
  readonly ips: Set<string>;
}

const NAME = 'credential-stuffing';

export const credentialStuffing: DetectorDefinition<CredentialStuffingConfig> = {
  name: NAME,
  classes: ['credential-stuffing'],
  description: 'many accounts tried from many IPs with a login failure ratio far above the endpoint baseline; attributes each IP of the campaign',
  defaults: {
    windowMs: 300_000,
    minAttempts: 20,
    minAccounts: 10,
    minIps: 8,
    minFailureRatio: 0.5,
    baselineFactor: 3,
    baselinePrior: 0.15,
    baselineAttempts: 500,
    baselineMs: 3_600_000,
    graceMs: 60_000,
    quietRequests: 2,
    fingerprintMinFailures: 10,
    fingerprintMinIps: 5,
    fingerprintMinRatio: 0.8,
    maxTracked: 100_000,
    score: 40,
    severity: 'high',
  },
  schema: objectSchema({
    windowMs: int(1_000),
    minAttempts: int(1),
    minAccounts: int(1),
    minIps: int(1),
    minFailureRatio: num(0, 1),
    baselineFactor: num(1),
    baselinePrior: num(0, 1),
    baselineAttempts: int(1),
    baselineMs: int(1_000),
    graceMs: int(0),
    quietRequests: int(0),
    fingerprintMinFailures: int(1),
    fingerprintMinIps: int(1),
    fingerprintMinRatio: num(0, 1),
    maxTracked: int(100),
    score: num(0, 100),
    severity,
  }),
  create: (config, ctx) => new CredentialStuffingDetector(config, ctx, ctx.allocateSlot()),
};

class CredentialStuffingDetector implements BehaviourDetector {
  readonly name = NAME;
  private readonly endpoints = new LruMap<EndpointState>();
  private readonly fingerprints: ExpiringMap<FingerprintState>;
  /** IPs waiting for their grace period, in due order. */
  private pending: Array<{ ip: string; due: number }> = [];
  private pendingHead = 0;

  constructor(
    private readonly c: CredentialStuffingConfig,
    private readonly ctx: DetectorContext,
    /** Actor-record slot of the client IP's `IpState`. */
    private readonly slot: number,
  ) {
    this.fingerprints = new ExpiringMap(Math.min(c.maxTracked, 20_000), c.windowMs * 2);
  }

  expire(now: number): void {
    this.fingerprints.expire(now);
  }

  size(): number {
    return this.fingerprints.size + this.endpoints.size + (this.pending.length - this.pendingHead);
  }

  /** The IP's login state, kept in its actor record. */
  private ipState(ip: string): IpState | undefined {
    return this.ctx.actor(`ip:${ip}`)?.slots[this.slot] as IpState | undefined;
  }

  observe(ev: BehaviourEvent, emit: DetectionSink): void {
    if (!hasRole(ev.endpoint.roles, 'login') || ev.outcome === 'other') return;
    const t = ev.time;
    const failed = ev.outcome === 'failure';
    const ep = this.endpointState(ev.endpoint.key, t);
    ep.attempts = decayed(ep.attempts, ep.at, t, this.c.windowMs) + 1;
    ep.failures = decayed(ep.failures, ep.at, t, this.c.windowMs) + (failed ? 1 : 0);
    ep.at = t;
    const ip = ev.identity.ip;
    const fpKey = ev.identity.fingerprint.key;
    if (failed) {
      if (ev.account) ep.failedAccounts.add(ev.account.hash, t);
      if (ip) ep.failedIps.add(ip, t);
    }
    const fp = (this.fingerprints.touch(`${ev.endpoint.key}\u0000${fpKey}`, t) ?? this.fingerprints.insert(`${ev.endpoint.key}\u0000${fpKey}`, { lastSeen: t, attempts: 0, failures: 0, at: t, ips: new Set() }, t));
    fp.attempts = decayed(fp.attempts, fp.at, t, this.c.windowMs) + 1;
    fp.failures = decayed(fp.failures, fp.at, t, this.c.windowMs) + (failed ? 1 : 0);
    fp.at = t;
    if (ip && failed && fp.ips.size < 256) fp.ips.add(ip);

    let st: IpState | undefined;
    if (ip && ev.ipActor) {
      st = ev.ipActor.slots[this.slot] as IpState | undefined;
      if (st === undefined || t - st.lastSeen > 2 * this.c.windowMs) {
        st = { lastSeen: t, attempts: 0, failures: 0, successes: 0, accounts: [], masked: [], fingerprint: fpKey, requests: [], pending: false, endpoint: ev.endpoint.key };
        ev.ipActor.slots[this.slot] = st;
      }
      st.lastSeen = t;
      st.attempts++;
      st.fingerprint = fpKey;
      st.endpoint = ev.endpoint.key;
      if (failed) {
        st.failures++;
        if (ev.account && !st.accounts.includes(ev.account.hash) && st.accounts.length < 8) {
          st.accounts.push(ev.account.hash);
          st.masked.push(ev.account.masked);
        }
      } else st.successes++;
      if (st.requests.length < 6) st.requests.push(ev.ref);
    }

    const ratio = ep.failures / ep.attempts;
    if (!ep.campaign) {
      // the baseline learns only outside campaigns, only from windows near it, and no faster per unit of time than
      // `baselineMs` allows: learning from every window under the threshold, at the rate of attempts, let a ramping
      // campaign lift the baseline, and the threshold (a multiple of it) with it, until the campaign never started
      if (ratio < this.learningCeiling(ep)) {
        const weight = Math.min(1 / this.c.baselineAttempts, Math.max(0, t - ep.learnedAt) / this.c.baselineMs);
        ep.baseline += ((failed ? 1 : 0) - ep.baseline) * weight;
        ep.learnedAt = t;
      }
      if (this.campaignConditions(ep, t)) {
        ep.campaign = { id: `cs-${hex8(fnv1a(`${ev.endpoint.key}|${t}|${ev.index}`))}`, since: t, lastActive: t, fingerprintsReported: new Set(), ips: 0 };
        // attribute the IPs that failed earlier in the window
        for (const other of ep.failedIps.members()) this.evaluate(other, ep, ev.endpoint.key, t, ev.index, false, emit);
      }
    } else {
      if (this.campaignConditions(ep, t)) ep.campaign.lastActive = t;
      else if (t - ep.campaign.lastActive > this.c.windowMs) delete ep.campaign;
    }
    if (ep.campaign && failed && ip) {
      this.evaluate(ip, ep, ev.endpoint.key, t, ev.index, false, emit);
      this.reportFingerprint(fpKey, fp, ep, ev, emit);
    }
  }

  tick(now: number, emit: DetectionSink): void {
    this.drain(now, emit, false);
  }

  finish(now: number, emit: DetectionSink): void {
    this.drain(now, emit, true);
  }

  private drain(now: number, emit: DetectionSink, all: boolean): void {
    while (this.pendingHead < this.pending.length) {
      const p = this.pending[this.pendingHead] as { ip: string; due: number };
      if (!all && p.due > now) break;
      this.pendingHead++;
      const st = this.ipState(p.ip);
      if (!st) continue;
      st.pending = false;
      const ep = this.endpoints.peek(st.endpoint);
      if (ep?.campaign) this.evaluate(p.ip, ep, st.endpoint, Math.max(now, p.due), -1, true, emit);
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private threshold(ep: EndpointState): number {
    return Math.max(this.c.minFailureRatio, Math.min(0.95, ep.baseline * this.c.baselineFactor));
  }

  /** Windows whose failure ratio is under this teach the baseline: twice the baseline (or half the minimum ratio), never above the threshold. */
  private learningCeiling(ep: EndpointState): number {
    return Math.min(this.threshold(ep), Math.max(2 * ep.baseline, this.c.minFailureRatio / 2));
  }

  private campaignConditions(ep: EndpointState, t: number): boolean {
    if (ep.attempts < this.c.minAttempts) return false;
    if (ep.failures / ep.attempts < this.threshold(ep)) return false;
    return ep.failedAccounts.size(t) >= this.c.minAccounts && ep.failedIps.size(t) >= this.c.minIps;
  }

  private endpointState(key: string, t: number): EndpointState {
    let ep = this.endpoints.get(key);
    if (!ep) {
      ep = {
        attempts: 0,
        failures: 0,
        at: t,
        baseline: this.c.baselinePrior,
        learnedAt: t,
        failedAccounts: new WindowedSet(this.c.windowMs, this.c.maxTracked),
        failedIps: new WindowedSet(this.c.windowMs, this.c.maxTracked),
      };
      this.endpoints.set(key, ep);
      if (this.endpoints.size > 1_000) this.endpoints.shift();
    }
    return ep;
  }

  private isCampaignFingerprint(fp: FingerprintState | undefined): boolean {
    if (!fp) return false;
    return fp.failures >= this.c.fingerprintMinFailures && fp.ips.size >= this.c.fingerprintMinIps && fp.failures / fp.attempts >= this.c.fingerprintMinRatio;
  }

  /** Decides whether an IP that failed during the campaign belongs to it. */
  private evaluate(ip: string, ep: EndpointState, endpoint: string, t: number, index: number, graceOver: boolean, emit: DetectionSink): void {
    const camp = ep.campaign;
    const st = this.ipState(ip);
    if (!camp || !st || st.failures === 0 || st.flaggedCampaign === camp.id) return;
    const actor: ActorRecord | undefined = this.ctx.actor(`ip:${ip}`);
    const other = actor ? Math.max(0, actor.apiRequests - st.attempts) : 0;
    const campaignFp = this.isCampaignFingerprint(this.fingerprints.peek(`${endpoint}\u0000${st.fingerprint}`));
    const accounts = st.accounts.length;
    let reason: string | undefined;
    if (st.successes > 0) {
      // a person fails on their own account and gets in; an IP that did nothing but fail on two other accounts and
      // then got in is a campaign that found valid credentials (a possible takeover) — a bug fixed: any success
      // cleared it, so the campaign's hits were the IPs it missed
      if (other <= this.c.quietRequests && accounts >= 2) reason = `failed logins for ${accounts} accounts, then a successful login (possible account takeover)`;
    } else if (other <= this.c.quietRequests) {
      if (accounts >= 2) reason = `failed logins for ${accounts} accounts and nothing else`;
      // one failed account waits for the grace period even with the campaign's fingerprint: a stealthy wave
      // rotates real browsers' header profiles, and a person with the same browser mistypes, then gets in
      else if (graceOver) reason = campaignFp ? 'one failed account with the campaign fingerprint, nothing else' : 'one failed login and nothing else';
      else if (!st.pending) {
        st.pending = true;
        this.pending.push({ ip, due: t + this.c.graceMs });
      }
    } else if (accounts >= 3 || (campaignFp && accounts >= 2)) reason = `failed logins for ${accounts} accounts`;
    if (!reason) return;
    st.flaggedCampaign = camp.id;
    camp.ips++;
    const failedAccounts = ep.failedAccounts.size(t);
    const failedIps = ep.failedIps.size(t);
    emit({
      rule: `behaviour.${NAME}`,
      class: 'credential-stuffing',
      severity: this.c.severity,
      actor: `ip:${ip}`,
      score: this.c.score,
      message: `credential stuffing on ${endpoint}: ${reason}, during a campaign of ${failedAccounts} accounts from ${failedIps} IPs (failure ratio ${(ep.failures / ep.attempts).toFixed(2)}, baseline ${ep.baseline.toFixed(2)})`,
      endpoint,
      campaign: camp.id,
      requests: st.requests,
      counters: {
        ipAttempts: st.attempts,
        ipFailures: st.failures,
        ipAccounts: accounts,
        ipSuccesses: st.successes,
        otherRequests: other,
        windowAttempts: Math.round(ep.attempts),
        windowFailureRatio: Math.round((ep.failures / ep.attempts) * 1000) / 1000,
        baselineFailureRatio: Math.round(ep.baseline * 1000) / 1000,
        distinctAccounts: failedAccounts,
        distinctIps: failedIps,
        attemptsPerIp: Math.round((ep.attempts / Math.max(1, failedIps)) * 100) / 100,
      },
      facts: { accounts: st.masked.join(', '), fingerprint: st.fingerprint, campaignFingerprint: campaignFp ? 'yes' : 'no' },
      index,
      time: t,
    });
  }

  private reportFingerprint(fpKey: string, fp: FingerprintState, ep: EndpointState, ev: BehaviourEvent, emit: DetectionSink): void {
    const camp = ep.campaign;
    if (!camp || camp.fingerprintsReported.has(fpKey) || !this.isCampaignFingerprint(fp)) return;
    camp.fingerprintsReported.add(fpKey);
    emit({
      rule: `behaviour.${NAME}.fingerprint`,
      class: 'credential-stuffing',
      severity: this.c.severity,
      actor: fpKey,
      score: this.c.score,
      message: `credential stuffing on ${ev.endpoint.key}: one client fingerprint failed ${Math.round(fp.failures)} logins from ${fp.ips.size} IPs`,
      endpoint: ev.endpoint.key,
      campaign: camp.id,
      requests: [ev.ref],
      counters: { failures: Math.round(fp.failures), attempts: Math.round(fp.attempts), ips: fp.ips.size },
      facts: { userAgent: (ev.identity.fingerprint.userAgent ?? '').slice(0, 120) },
      index: ev.index,
      time: ev.time,
    });
  }
}
