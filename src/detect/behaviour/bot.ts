/**
 * Bots without a client SDK: clients that are scripts or headless browsers, whatever they claim. Signals, each
 * with a weight (the score is the sum of the signals an actor shows on at least half of its requests, plus the
 * timing signal):
 *
 * - `headless-browser`: HeadlessChrome, PhantomJS, Selenium, Puppeteer, Playwright in the User-Agent;
 * - `automation-library`: python-requests, curl, Go-http-client, Java, axios, … (`AUTOMATION_TOKENS`);
 * - `empty-user-agent`;
 * - `browser-headers-missing`: claims a browser but sends no Accept-Language or no Accept-Encoding;
 * - `no-sec-fetch`: claims Chrome/Edge ≥ 80, Firefox ≥ 90 or Safari ≥ 17 over HTTPS but sends no Sec-Fetch-*;
 * - `header-order`: claims Chrome/Edge/Opera/Safari but puts User-Agent first (HTTP libraries do; those
 *   browsers do not — Firefox does, so it is not judged by this);
 * - `regular-timing`: at least `minIntervals` inter-arrival times with a coefficient of variation under
 *   `regularCv` (people are irregular; schedulers and loops are not).
 *
 * Header signals are read only when the source records every header (HAR, JSON lines, raw HTTP, the gateway —
 * not access logs). API-key clients (an integration, i.e. an SDK) and declared crawlers are not judged.
 */
import type { Severity } from '../../core/index.js';
import { int, num, objectSchema, severity } from './check-config.js';
import { pushBounded, type BehaviourDetector, type BehaviourEvent, type DetectionSink, type DetectorDefinition, type RequestRef } from './types.js';

export const BOT_SIGNALS = ['headless-browser', 'automation-library', 'empty-user-agent', 'browser-headers-missing', 'no-sec-fetch', 'header-order', 'regular-timing'] as const;
export type BotSignal = (typeof BOT_SIGNALS)[number];

export interface BotConfig {
  /** Score at which an actor is reported. */
  readonly threshold: number;
  /** Requests an actor makes before it is judged. */
  readonly minRequests: number;
  readonly weights: Readonly<Record<BotSignal, number>>;
  readonly minIntervals: number;
  readonly regularCv: number;
  /** Mean interval above which regular timing is not a signal (slow pollers, ms). */
  readonly maxMeanIntervalMs: number;
  /** A gap longer than this restarts the timing statistics (ms). */
  readonly sessionGapMs: number;
  /** Do not judge clients authenticated by an API key (integrations). */
  readonly trustApiKeys: boolean;
  /** Do not judge self-declared crawlers (Googlebot, bingbot…). */
  readonly ignoreDeclaredCrawlers: boolean;
  /** A principal idle this long starts afresh (ms). */
  readonly idleMs: number;
  readonly score: number;
  readonly severity: Severity;
}

interface BotState {
  lastSeen: number;
  requests: number;
  /** Per-signal request counts, in `BOT_SIGNALS` order (timing excluded). */
  readonly counts: Uint32Array;
  n: number;
  mean: number;
  m2: number;
  lastTime: number;
  reported: boolean;
  nextCheck: number;
  refs: RequestRef[];
  userAgent: string;
}

const NAME = 'bot';
const IDX: Readonly<Record<BotSignal, number>> = Object.fromEntries(BOT_SIGNALS.map((s, i) => [s, i])) as Record<BotSignal, number>;

export const bot: DetectorDefinition<BotConfig> = {
  name: NAME,
  classes: ['bot'],
  description: 'automation libraries, headless browsers, browser claims contradicted by the headers, machine-regular timing',
  defaults: {
    threshold: 5,
    minRequests: 5,
    weights: { 'headless-browser': 5, 'automation-library': 4, 'empty-user-agent': 4, 'browser-headers-missing': 2, 'no-sec-fetch': 2, 'header-order': 3, 'regular-timing': 3 },
    minIntervals: 20,
    regularCv: 0.15,
    maxMeanIntervalMs: 120_000,
    sessionGapMs: 600_000,
    trustApiKeys: true,
    ignoreDeclaredCrawlers: true,
    idleMs: 1_800_000,
    score: 25,
    severity: 'medium',
  },
  schema: objectSchema({
    threshold: num(0),
    minRequests: int(1),
    weights: { type: 'object', additionalProperties: false, properties: Object.fromEntries(BOT_SIGNALS.map((s) => [s, num(0)])) },
    minIntervals: int(2),
    regularCv: num(0, 1),
    maxMeanIntervalMs: int(1),
    sessionGapMs: int(1),
    trustApiKeys: { type: 'boolean' },
    ignoreDeclaredCrawlers: { type: 'boolean' },
    idleMs: int(1_000),
    score: num(0, 100),
    severity,
  }),
  create: (config, ctx) => new BotDetector({ ...config, weights: { ...bot.defaults.weights, ...config.weights } }, ctx.allocateSlot()),
};

/** The header signals one request shows (bit set over `BOT_SIGNALS`). */
export function requestSignals(ev: BehaviourEvent): number {
  const fp = ev.identity.fingerprint;
  const ua = fp.ua;
  let bits = 0;
  if (ua.headless) bits |= 1 << IDX['headless-browser'];
  else if (ua.automation) bits |= 1 << IDX['automation-library'];
  if (ua.family === 'empty') bits |= 1 << IDX['empty-user-agent'];
  if (ev.headersComplete && ua.browserClaim && !ua.automation) {
    if (!fp.hasAcceptLanguage || !fp.hasAcceptEncoding) bits |= 1 << IDX['browser-headers-missing'];
    const https = ev.exchange.request.scheme === 'https';
    const modern = ((ua.family === 'chrome' || ua.family === 'edge' || ua.family === 'opera') && ua.major >= 80) || (ua.family === 'firefox' && ua.major >= 90) || (ua.family === 'safari' && ua.major >= 17);
    if (https && modern && !fp.hasSecFetch) bits |= 1 << IDX['no-sec-fetch'];
    if ((ua.family === 'chrome' || ua.family === 'edge' || ua.family === 'opera' || ua.family === 'safari') && fp.uaPosition === 0 && fp.headerCount > 1) bits |= 1 << IDX['header-order'];
  }
  return bits;
}

class BotDetector implements BehaviourDetector {
  readonly name = NAME;

  constructor(
    private readonly c: BotConfig,
    /** The actor-record slot holding each principal's `BotState` (it expires with the actor). */
    private readonly slot: number,
  ) {}

  /** State lives in the actor records (bounded by the actor table), none here. */
  size(): number {
    return 0;
  }

  observe(ev: BehaviourEvent, emit: DetectionSink): void {
    const id = ev.identity;
    if (id.principal === 'ip:unknown') return;
    if (this.c.trustApiKeys && id.principalKind === 'api-key') return;
    if (this.c.ignoreDeclaredCrawlers && id.fingerprint.ua.crawler) return;
    const t = ev.time;
    let st = ev.principal.slots[this.slot] as BotState | undefined;
    if (st === undefined || t - st.lastSeen > this.c.idleMs) {
      st = {
        lastSeen: t,
        requests: 0,
        counts: new Uint32Array(BOT_SIGNALS.length),
        n: 0,
        mean: 0,
        m2: 0,
        lastTime: -1,
        reported: false,
        nextCheck: this.c.minRequests,
        refs: [],
        userAgent: (id.fingerprint.userAgent ?? '').slice(0, 160),
      };
      ev.principal.slots[this.slot] = st;
    }
    st.lastSeen = t;
    st.requests++;
    const bits = requestSignals(ev);
    if (bits !== 0) for (let i = 0; i < BOT_SIGNALS.length; i++) if (bits & (1 << i)) st.counts[i] = (st.counts[i] as number) + 1;
    if (ev.timed) {
      if (st.lastTime >= 0) {
        const dt = t - st.lastTime;
        if (dt > this.c.sessionGapMs) {
          st.n = 0;
          st.mean = 0;
          st.m2 = 0;
        } else if (dt >= 0) {
          // Welford's running mean and variance of the inter-arrival times
          st.n++;
          const delta = dt - st.mean;
          st.mean += delta / st.n;
          st.m2 += delta * (dt - st.mean);
        }
      }
      st.lastTime = t;
    }
    pushBounded(st.refs, ev.ref, 5, 2);
    if (st.reported || st.requests < st.nextCheck) return;
    st.nextCheck = st.requests < 20 ? st.requests + 1 : st.requests + Math.ceil(st.requests / 8);
    const signals: BotSignal[] = [];
    let score = 0;
    for (let i = 0; i < BOT_SIGNALS.length; i++) {
      const s = BOT_SIGNALS[i] as BotSignal;
      if (s === 'regular-timing') continue;
      if ((st.counts[i] as number) * 2 >= st.requests && this.c.weights[s] > 0) {
        signals.push(s);
        score += this.c.weights[s];
      }
    }
    const cv = st.n >= 2 && st.mean > 0 ? Math.sqrt(st.m2 / (st.n - 1)) / st.mean : Number.NaN;
    if (st.n >= this.c.minIntervals && st.mean <= this.c.maxMeanIntervalMs && cv <= this.c.regularCv) {
      signals.push('regular-timing');
      score += this.c.weights['regular-timing'];
    }
    if (score < this.c.threshold) return;
    st.reported = true;
    emit({
      rule: `behaviour.${NAME}`,
      class: 'bot',
      severity: this.c.severity,
      actor: id.principal,
      score: this.c.score,
      message: `automated client without an SDK: ${signals.join(', ')} (score ${score}, threshold ${this.c.threshold}) over ${st.requests} requests`,
      requests: st.refs,
      counters: {
        score,
        threshold: this.c.threshold,
        requests: st.requests,
        ...Object.fromEntries(BOT_SIGNALS.filter((s) => s !== 'regular-timing').map((s) => [`requestsWith.${s}`, st.counts[IDX[s]] as number])),
        intervals: st.n,
        ...(Number.isNaN(cv) ? {} : { intervalCv: Math.round(cv * 1000) / 1000, meanIntervalMs: Math.round(st.mean) }),
      },
      facts: { signals: signals.join(', '), userAgent: st.userAgent },
      index: ev.index,
      time: t,
    });
  }
}
