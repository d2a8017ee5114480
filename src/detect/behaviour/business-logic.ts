/**
 * Business-logic abuse on endpoints whose role the inventory learned (see `endpoint-roles.ts`):
 *
 * - `coupon` / `giftcard` / `otp`: many attempts by one actor, mostly failing (guessing codes, cracking gift-card
 *   numbers, brute-forcing a one-time password — OTP attempts are also counted per account across IPs);
 * - `cart`: many cart operations (add, change, remove) and no purchase (inventory hoarding, price probing);
 * - `checkout`: many checkout attempts, mostly failing (card testing).
 *
 * Counts decay with a time constant; each actor is reported once per kind while the counts stay high.
 */
import type { Severity } from '../../core/index.js';
import { int, num, objectSchema, severity } from './check-config.js';
import { hasRole } from './endpoint-roles.js';
import { ExpiringMap, decayed } from './expiring-map.js';
import { pushBounded, type BehaviourDetector, type BehaviourEvent, type DetectionSink, type DetectorDefinition, type RequestRef } from './types.js';

interface AttemptLimits {
  readonly minAttempts: number;
  readonly minFailureRatio: number;
}

export interface BusinessLogicConfig {
  readonly tauMs: number;
  readonly coupon: AttemptLimits;
  readonly giftcard: AttemptLimits;
  readonly otp: AttemptLimits;
  readonly checkout: AttemptLimits;
  /** Cart operations (decayed over `cartTauMs`) without a purchase. */
  readonly cartOperations: number;
  readonly cartTauMs: number;
  /** OTP accounts tracked across actors. */
  readonly maxAccounts: number;
  readonly score: number;
  readonly otpScore: number;
  readonly severity: Severity;
}

interface AttemptState {
  lastSeen: number;
  attempts: number;
  failures: number;
  at: number;
  reported: boolean;
  refs: RequestRef[];
  ips: Set<string>;
}

interface CartState {
  ops: number;
  purchases: number;
  at: number;
  reported: boolean;
  refs: RequestRef[];
}

const NAME = 'business-logic';
const ATTEMPT_ROLES: ReadonlyArray<'coupon' | 'giftcard' | 'otp' | 'checkout'> = ['otp', 'coupon', 'giftcard', 'checkout'];
const limits = () => ({ type: 'object', additionalProperties: false, properties: { minAttempts: int(1), minFailureRatio: num(0, 1) } });

const WHAT: Readonly<Record<'coupon' | 'giftcard' | 'otp' | 'checkout', string>> = {
  coupon: 'coupon guessing',
  giftcard: 'gift-card cracking',
  otp: 'one-time-password brute force',
  checkout: 'card testing (failing checkouts)',
};

export const businessLogic: DetectorDefinition<BusinessLogicConfig> = {
  name: NAME,
  classes: ['business-logic'],
  description: 'failing coupon/gift-card/OTP/checkout attempts; many cart operations without a purchase',
  defaults: {
    tauMs: 900_000,
    coupon: { minAttempts: 10, minFailureRatio: 0.8 },
    giftcard: { minAttempts: 10, minFailureRatio: 0.8 },
    otp: { minAttempts: 6, minFailureRatio: 0.8 },
    checkout: { minAttempts: 8, minFailureRatio: 0.7 },
    cartOperations: 40,
    cartTauMs: 1_800_000,
    maxAccounts: 100_000,
    score: 35,
    otpScore: 50,
    severity: 'medium',
  },
  schema: objectSchema({
    tauMs: int(1_000),
    coupon: limits(),
    giftcard: limits(),
    otp: limits(),
    checkout: limits(),
    cartOperations: int(1),
    cartTauMs: int(1_000),
    maxAccounts: int(100),
    score: num(0, 100),
    otpScore: num(0, 100),
    severity,
  }),
  create: (config, ctx) =>
    new BusinessLogicDetector(ctx.allocateSlot(), {
      ...config,
      coupon: { ...businessLogic.defaults.coupon, ...config.coupon },
      giftcard: { ...businessLogic.defaults.giftcard, ...config.giftcard },
      otp: { ...businessLogic.defaults.otp, ...config.otp },
      checkout: { ...businessLogic.defaults.checkout, ...config.checkout },
    }),
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Per-actor state (in the actor record's slot). */
interface ActorState {
  readonly attempts: Partial<Record<'coupon' | 'giftcard' | 'otp' | 'checkout', AttemptState>>;
  cart?: CartState;
}

class BusinessLogicDetector implements BehaviourDetector {
  readonly name = NAME;
  /** OTP attempts per account, across actors. */
  private readonly accounts: ExpiringMap<AttemptState>;

  constructor(
    private readonly slot: number,
    private readonly c: BusinessLogicConfig,
  ) {
    this.accounts = new ExpiringMap(c.maxAccounts, c.tauMs * 3);
  }

  expire(now: number): void {
    this.accounts.expire(now);
  }

  size(): number {
    return this.accounts.size;
  }

  private actorState(ev: BehaviourEvent): ActorState {
    let st = ev.principal.slots[this.slot] as ActorState | undefined;
    if (st === undefined) {
      st = { attempts: {} };
      ev.principal.slots[this.slot] = st;
    }
    return st;
  }

  observe(ev: BehaviourEvent, emit: DetectionSink): void {
    const roles = ev.endpoint.roles;
    if (roles === 0 || ev.identity.principal === 'ip:unknown') return;
    for (const role of ATTEMPT_ROLES) {
      if (!hasRole(roles, role) || ev.outcome === 'other') continue;
      if (role === 'checkout' && ev.outcome === 'success') continue; // purchases are counted below
      this.attempt(role, ev.identity.principal, ev, emit);
      if (role === 'otp' && ev.account) this.attempt(role, `account ${ev.account.masked}`, ev, emit, ev.account.hash);
    }
    if (hasRole(roles, 'cart') || hasRole(roles, 'checkout')) this.cart(ev, emit);
  }

  private attempt(role: 'coupon' | 'giftcard' | 'otp' | 'checkout', who: string, ev: BehaviourEvent, emit: DetectionSink, accountHash?: string): void {
    const t = ev.time;
    const lim = this.c[role];
    const fresh = (): AttemptState => ({ lastSeen: t, attempts: 0, failures: 0, at: t, reported: false, refs: [], ips: new Set() });
    let st: AttemptState;
    if (accountHash !== undefined) st = this.accounts.touch(accountHash, t) ?? this.accounts.insert(accountHash, fresh(), t);
    else {
      const mine = this.actorState(ev).attempts;
      st = mine[role] ?? (mine[role] = fresh());
    }
    const failed = ev.outcome === 'failure';
    st.attempts = decayed(st.attempts, st.at, t, this.c.tauMs) + 1;
    st.failures = decayed(st.failures, st.at, t, this.c.tauMs) + (failed ? 1 : 0);
    st.at = t;
    if (ev.identity.ip && st.ips.size < 32) st.ips.add(ev.identity.ip);
    pushBounded(st.refs, ev.ref, 5, 2);
    const ratio = st.failures / st.attempts;
    if (st.reported) {
      if (st.attempts < lim.minAttempts / 2) st.reported = false;
      return;
    }
    if (st.attempts < lim.minAttempts || ratio < lim.minFailureRatio) return;
    st.reported = true;
    const actor = accountHash ? ev.identity.principal : who;
    emit({
      rule: `behaviour.${NAME}.${role}${accountHash ? '-account' : ''}`,
      class: 'business-logic',
      severity: role === 'otp' ? 'high' : this.c.severity,
      actor,
      score: role === 'otp' ? this.c.otpScore : this.c.score,
      message: `${WHAT[role]} at ${ev.endpoint.key}: ${Math.round(st.attempts)} attempts, ${Math.round(st.failures)} failed (ratio ${ratio.toFixed(2)})${accountHash ? ` on ${who} from ${st.ips.size} IPs` : ''}`,
      endpoint: ev.endpoint.key,
      requests: st.refs,
      counters: { attempts: Math.round(st.attempts * 10) / 10, failures: Math.round(st.failures * 10) / 10, failureRatio: Math.round(ratio * 1000) / 1000, 'threshold.attempts': lim.minAttempts, 'threshold.failureRatio': lim.minFailureRatio, ips: st.ips.size },
      ...(accountHash && ev.account ? { facts: { account: ev.account.masked } } : {}),
      index: ev.index,
      time: t,
    });
  }

  private cart(ev: BehaviourEvent, emit: DetectionSink): void {
    const method = ev.exchange.request.method;
    const roles = ev.endpoint.roles;
    const purchase = hasRole(roles, 'checkout') && ev.outcome === 'success' && WRITES.has(method);
    const op = hasRole(roles, 'cart') && !hasRole(roles, 'checkout') && WRITES.has(method);
    if (!purchase && !op) return;
    const t = ev.time;
    const mine = this.actorState(ev);
    const st = mine.cart ?? (mine.cart = { ops: 0, purchases: 0, at: t, reported: false, refs: [] });
    st.ops = decayed(st.ops, st.at, t, this.c.cartTauMs) + (op ? 1 : 0);
    st.purchases = decayed(st.purchases, st.at, t, this.c.cartTauMs) + (purchase ? 1 : 0);
    st.at = t;
    if (op) pushBounded(st.refs, ev.ref, 5, 2);
    if (st.reported) {
      if (st.ops < this.c.cartOperations / 2 || st.purchases >= 0.5) st.reported = false;
      return;
    }
    if (!op || st.ops < this.c.cartOperations || st.purchases >= 0.5) return;
    st.reported = true;
    emit({
      rule: `behaviour.${NAME}.cart`,
      class: 'business-logic',
      severity: this.c.severity,
      actor: ev.identity.principal,
      score: this.c.score,
      message: `cart abuse at ${ev.endpoint.key}: ${Math.round(st.ops)} cart operations and no purchase`,
      endpoint: ev.endpoint.key,
      requests: st.refs,
      counters: { cartOperations: Math.round(st.ops * 10) / 10, purchases: Math.round(st.purchases * 100) / 100, threshold: this.c.cartOperations },
      index: ev.index,
      time: t,
    });
  }
}
