/**
 * The traffic plan: from a seed, a duration and a target rate, the actors of a run — a population of benign
 * shoppers (some on the old mobile app) arriving over the run, and one of each attacker, started at fixed
 * fractions of the run and paced to finish inside it, so a 5-second run shows every attack and a long one
 * is mostly benign traffic. Pure: the same options give the same plan.
 */
import type { Actor, ActorClass, Scenario, ScenarioContext } from './scenario.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';
import { bot } from './scenarios/bot.js';
import { credentialStuffing } from './scenarios/credential-stuffing.js';
import { enumeration } from './scenarios/enumeration.js';
import { injection } from './scenarios/injection.js';
import { legacyApp } from './scenarios/legacy-app.js';
import { scraping } from './scenarios/scraping.js';
import { shadowProbing } from './scenarios/shadow-probing.js';
import { shopper } from './scenarios/shopper.js';
import { SHOP_ACCOUNTS } from '../shop/shop-database.js';

export interface TrafficPlanOptions {
  readonly seed: number;
  readonly durationMs: number;
  /** Target requests per second over the run (benign and attack together). */
  readonly rate: number;
  /** Product pages the scraper copies (default a fifth of the run's requests, 20 to 250). */
  readonly scraperRequests?: number;
  /** Requests of the timer-driven bot (default 24; its regular timing is judged from 21). */
  readonly botRequests?: number;
}

export interface TrafficPlan {
  readonly actors: readonly Actor[];
  /** Requests the plan expects to send (an estimate: scenarios branch on responses and chance). */
  readonly expectedRequests: number;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
];
const LANGUAGES = ['en-US,en;q=0.9', 'en-GB,en;q=0.8', 'de-DE,de;q=0.9,en;q=0.7', 'fr-FR,fr;q=0.9'];
const NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kenji', 'Lena'];
/** Average requests of a benign session (measured on plans; used to size the population). */
const SESSION_REQUESTS = 10;
/** Scripted attacker requests besides the scraper and the bot (injection, stuffing, enumeration, probing). */
const STUFFING_ATTEMPTS = 24;
const ENUMERATED_IDS = 20;
/** Benign sessions in one plan at most (bounds the plan's memory whatever the rate and duration). */
const MAX_SESSIONS = 20_000;

/** Headers a browser sends (User-Agent not first: browsers put Host, then others, which bot detection checks). */
function browserHeaders(r: SeededRandom): Record<string, string> {
  return { accept: 'application/json, text/plain, */*', 'accept-language': r.pick(LANGUAGES), 'accept-encoding': 'gzip, deflate, br', 'user-agent': r.pick(BROWSERS) };
}

/** Benign addresses: 203.0.113.1-254 then 192.0.2.1-254 (documentation ranges), wrapping. */
function benignIp(i: number): string {
  const k = i % 508;
  return k < 254 ? `203.0.113.${k + 1}` : `192.0.2.${k - 253}`;
}

export function planTraffic(o: TrafficPlanOptions): TrafficPlan {
  const D = Math.max(1000, o.durationMs);
  const budget = Math.max(20, Math.round((o.rate * D) / 1000));
  const random = createSeededRandom(o.seed);
  const actors: Actor[] = [];
  // each actor gets its own generator, seeded from the plan's, so one actor's branches do not shift the others
  const ctx = (paceMs: number, requests: number): ScenarioContext => ({ random: createSeededRandom(random.int(1, 2 ** 31 - 1)), paceMs: Math.max(20, Math.round(paceMs)), budget: requests });
  const attacker = (name: string, cls: ActorClass, ip: string, headers: Record<string, string>, startFraction: number, spanFraction: number, requests: number, run: (c: ScenarioContext) => Scenario) => {
    const c = ctx((spanFraction * D) / Math.max(1, requests), requests);
    actors.push({ name, class: cls, ip, headers, startMs: Math.round(startFraction * D), run: () => run(c) });
  };

  const scraperRequests = o.scraperRequests ?? Math.min(250, Math.max(20, Math.round(budget * 0.2)));
  const botRequests = o.botRequests ?? 24;
  attacker('bot', 'bot', '198.51.100.7', { 'user-agent': 'python-requests/2.31.0', 'accept-encoding': 'gzip, deflate', accept: '*/*' }, 0.05, 0.8, botRequests, (c) => bot(c));
  attacker('stuffer', 'credential-stuffing', '198.51.100.100', browserHeaders(random), 0.1, 0.45, STUFFING_ATTEMPTS, (c) => credentialStuffing(c, STUFFING_ATTEMPTS));
  attacker('injector', 'injection', '198.51.100.23', browserHeaders(random), 0.15, 0.5, 12, (c) => injection(c));
  attacker('scraper', 'scraping', '198.51.100.42', { accept: 'application/json', 'user-agent': BROWSERS[0]! }, 0.2, 0.7, scraperRequests, (c) => scraping(c));
  attacker('enumerator', 'enumeration', '198.51.100.66', browserHeaders(random), 0.3, 0.45, ENUMERATED_IDS + 5, (c) => enumeration(c, ENUMERATED_IDS));
  attacker('prober', 'shadow-probing', '198.51.100.99', browserHeaders(random), 0.4, 0.4, 11, (c) => shadowProbing(c));
  const attackRequests = botRequests + STUFFING_ATTEMPTS + 12 + scraperRequests + ENUMERATED_IDS + 5 + 11;

  const sessions = Math.min(MAX_SESSIONS, Math.max(3, Math.round(Math.max(0, budget - attackRequests) / SESSION_REQUESTS)));
  // a session of ~10 requests should fit in about half the run
  const meanThinkMs = Math.min(1500, Math.max(30, (0.5 * D) / SESSION_REQUESTS));
  // returning customers sign in as alice; bob is the enumerator's account and carol's password has leaked to the
  // prober, so each principal belongs to one actor class (the report attributes detections by principal)
  const customers = SHOP_ACCOUNTS.filter((a) => a.email === 'alice@shop.example');
  for (let i = 0; i < sessions; i++) {
    const startMs = Math.round((i / sessions) * 0.85 * D + random.int(0, Math.round(D / sessions / 2)));
    const headers = browserHeaders(random);
    if (random.chance(0.15)) {
      const c = ctx(0, SESSION_REQUESTS);
      actors.push({ name: `legacy-${i + 1}`, class: 'legacy-app', ip: benignIp(i), headers: { accept: 'application/json', 'user-agent': 'ShopApp/2.3.1 (Android 12; okhttp)' }, startMs, run: () => legacyApp(c, customers[0]!, meanThinkMs) });
      continue;
    }
    const returning = random.chance(0.3) ? random.pick(customers) : undefined;
    const name = random.pick(NAMES);
    const who = returning
      ? { email: returning.email, password: returning.password, name: returning.name, register: false }
      : { email: `${name.toLowerCase()}.${o.seed % 1000}-${i + 1}@mail.example`, password: `demo-pass-${i + 1}`, name: `${name} Shopper`, register: true };
    const c = ctx(0, SESSION_REQUESTS * 2);
    actors.push({ name: `shopper-${i + 1}`, class: 'shopper', ip: benignIp(i), headers, startMs, run: () => shopper(c, who, meanThinkMs) });
  }
  return { actors, expectedRequests: attackRequests + sessions * SESSION_REQUESTS };
}
