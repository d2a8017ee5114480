/**
 * Seeded, scripted traffic for the behaviour evaluation: a shop API used by many benign people (web browsers,
 * mobile apps, API-key integrations, declared crawlers; sessions with logins, typos, MFA, browsing, carts,
 * checkouts, coupons; SPA polling; NAT-shared addresses; mobile users changing address), mixed with scripted
 * attacks: credential stuffing (a tool with one fingerprint, and a stealthy wave rotating real browser header
 * profiles), brute force on one account (one IP, and spread over many), sequential-id enumeration and BOLA,
 * scraping, bots, and business-logic abuse. Every actor is labelled; every attack records its requests in
 * order, so time-to-detect can be measured. Same seed, same traffic.
 */
import type { Exchange, Header } from '../../src/core/index.js';
import { createRandom } from '../../src/core/seeded-random.js';
export { createRandom };

export type AttackKind =
  | 'credential-stuffing-tool'
  | 'credential-stuffing-stealth'
  | 'brute-force-single-ip'
  | 'brute-force-distributed'
  | 'enumeration-sequential'
  | 'bola-harvested-ids'
  | 'enumeration-anonymous'
  | 'scraping'
  | 'bot-library'
  | 'bot-headless'
  | 'bot-spoofed-browser'
  | 'coupon-guessing'
  | 'giftcard-cracking'
  | 'otp-brute-force'
  | 'cart-hoarding'
  | 'card-testing';

export const ATTACK_KINDS: readonly AttackKind[] = [
  'credential-stuffing-tool',
  'credential-stuffing-stealth',
  'brute-force-single-ip',
  'brute-force-distributed',
  'enumeration-sequential',
  'bola-harvested-ids',
  'enumeration-anonymous',
  'scraping',
  'bot-library',
  'bot-headless',
  'bot-spoofed-browser',
  'coupon-guessing',
  'giftcard-cracking',
  'otp-brute-force',
  'cart-hoarding',
  'card-testing',
];

/** A labelled actor: a person or integration (benign), or one attacking client. */
export interface LabelledActor {
  readonly id: string;
  readonly label: 'benign' | AttackKind;
  /** Client IPs it used. */
  readonly ips: Set<string>;
  /** JWT subjects it used (`sub:` keys). */
  readonly subjects: Set<string>;
  /** Raw API keys it used (hash them with the detector's key to get `key:#…`). */
  readonly apiKeys: Set<string>;
  /** Benign profile (web-chrome, app-android, integration, …) or the attack kind. */
  readonly profile: string;
}

export interface AttackRun {
  readonly kind: AttackKind;
  readonly actors: readonly string[];
  /** Exchanges of this attack, in time order. */
  readonly exchanges: Exchange[];
  /** The unit time-to-detect is counted in: login attempts, failures, requests. */
  readonly unit: 'attempts' | 'failures' | 'requests';
}

export interface Scenario {
  /** Every exchange, sorted by time. */
  readonly exchanges: Exchange[];
  readonly actors: ReadonlyMap<string, LabelledActor>;
  /** Which labelled actor sent an exchange. */
  readonly senderOf: WeakMap<Exchange, string>;
  readonly attacks: readonly AttackRun[];
  readonly start: number;
  readonly end: number;
}

export interface ScenarioOptions {
  readonly seed?: number;
  readonly benignUsers?: number;
  readonly integrations?: number;
  readonly durationMs?: number;
  readonly start?: number;
  /** Attacks to script (default all). */
  readonly attacks?: readonly AttackKind[];
}

export const HOST = 'shop.example.com';

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

/** An unsigned-looking JWT with a subject (detection decodes, never verifies). */
export function makeJwt(sub: string, extra: Record<string, unknown> = {}): string {
  return `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub, iat: 1714550400, ...extra }))}.${b64url(`sig-${sub}`)}`;
}

export type Profile = 'chrome' | 'firefox' | 'safari' | 'edge' | 'app-android' | 'app-ios' | 'python' | 'go' | 'googlebot' | 'headless' | 'spoofed-chrome';

export interface ClientShape {
  readonly profile: Profile;
  readonly ua: string;
  readonly language: string;
}

/** Header lists in each client's real order. */
export function headersFor(c: ClientShape, opts: { auth?: string; apiKey?: string; json?: boolean; cookie?: string; referer?: string }): Header[] {
  const h: Array<[string, string]> = [];
  const add = (n: string, v: string | undefined): void => {
    if (v !== undefined) h.push([n, v]);
  };
  const ct = opts.json ? 'application/json' : undefined;
  switch (c.profile) {
    case 'chrome':
    case 'edge':
    case 'headless':
      add('host', HOST);
      add('connection', 'keep-alive');
      add('sec-ch-ua', c.profile === 'edge' ? '"Microsoft Edge";v="124", "Chromium";v="124"' : '"Chromium";v="124", "Google Chrome";v="124"');
      add('accept', 'application/json, text/plain, */*');
      add('content-type', ct);
      add('sec-ch-ua-mobile', '?0');
      add('authorization', opts.auth);
      add('user-agent', c.ua);
      add('sec-ch-ua-platform', '"Windows"');
      add('origin', opts.json ? `https://${HOST}` : undefined);
      add('sec-fetch-site', 'same-origin');
      add('sec-fetch-mode', 'cors');
      add('sec-fetch-dest', 'empty');
      add('referer', opts.referer ?? `https://${HOST}/`);
      add('accept-encoding', 'gzip, deflate, br, zstd');
      add('accept-language', c.language);
      add('cookie', opts.cookie);
      break;
    case 'firefox':
      add('host', HOST);
      add('user-agent', c.ua);
      add('accept', 'application/json, text/plain, */*');
      add('accept-language', c.language);
      add('accept-encoding', 'gzip, deflate, br');
      add('referer', opts.referer ?? `https://${HOST}/`);
      add('content-type', ct);
      add('authorization', opts.auth);
      add('origin', opts.json ? `https://${HOST}` : undefined);
      add('connection', 'keep-alive');
      add('cookie', opts.cookie);
      add('sec-fetch-dest', 'empty');
      add('sec-fetch-mode', 'cors');
      add('sec-fetch-site', 'same-origin');
      break;
    case 'safari':
      add('host', HOST);
      add('accept', 'application/json, text/plain, */*');
      add('sec-fetch-site', 'same-origin');
      add('cookie', opts.cookie);
      add('content-type', ct);
      add('authorization', opts.auth);
      add('sec-fetch-dest', 'empty');
      add('accept-language', c.language);
      add('sec-fetch-mode', 'cors');
      add('user-agent', c.ua);
      add('referer', opts.referer ?? `https://${HOST}/`);
      add('accept-encoding', 'gzip, deflate, br');
      add('connection', 'keep-alive');
      break;
    case 'app-android':
      add('host', HOST);
      add('authorization', opts.auth);
      add('content-type', ct);
      add('accept-encoding', 'gzip');
      add('user-agent', c.ua);
      add('x-app-version', '5.2.1');
      break;
    case 'app-ios':
      add('host', HOST);
      add('accept', 'application/json');
      add('authorization', opts.auth);
      add('content-type', ct);
      add('accept-language', c.language);
      add('accept-encoding', 'gzip, deflate, br');
      add('user-agent', c.ua);
      add('connection', 'keep-alive');
      break;
    case 'python':
    case 'spoofed-chrome':
      add('host', HOST);
      add('user-agent', c.ua);
      add('accept-encoding', 'gzip, deflate');
      add('accept', '*/*');
      add('connection', 'keep-alive');
      add('x-api-key', opts.apiKey);
      add('authorization', opts.auth);
      add('content-type', ct);
      break;
    case 'go':
      add('host', HOST);
      add('user-agent', c.ua);
      add('x-api-key', opts.apiKey);
      add('authorization', opts.auth);
      add('content-type', ct);
      add('accept-encoding', 'gzip');
      break;
    case 'googlebot':
      add('host', HOST);
      add('connection', 'keep-alive');
      add('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
      add('from', 'googlebot(at)googlebot.com');
      add('user-agent', c.ua);
      add('accept-encoding', 'gzip, deflate, br');
      break;
  }
  return h;
}

const CHROME_VERSIONS = [118, 119, 120, 121, 122, 123, 124];
const LANGS = ['en-US,en;q=0.9', 'en-GB,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'fr-FR,fr;q=0.9', 'es-ES,es;q=0.9', 'nl-NL,nl;q=0.9,en;q=0.6'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

/** A client of a profile, with a random (but realistic) version and language. */
export function client(rnd: () => number, profile: Profile): ClientShape {
  const v = pick(rnd, CHROME_VERSIONS);
  const language = pick(rnd, LANGS);
  switch (profile) {
    case 'chrome':
      return { profile, language, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36` };
    case 'edge':
      return { profile, language, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.0.0` };
    case 'firefox':
      return { profile, language, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v + 5}.0) Gecko/20100101 Firefox/${v + 5}.0` };
    case 'safari':
      return { profile, language, ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${Math.floor(rnd() * 5)} Safari/605.1.15` };
    case 'app-android':
      return { profile, language, ua: 'ShopApp/5.2.1 (Android 14; Pixel 8) okhttp/4.12.0' };
    case 'app-ios':
      return { profile, language, ua: 'ShopApp/5.2.1 CFNetwork/1494.0.7 Darwin/23.4.0' };
    case 'python':
      return { profile, language, ua: `python-requests/2.${28 + Math.floor(rnd() * 4)}.0` };
    case 'go':
      return { profile, language, ua: 'Go-http-client/1.1' };
    case 'googlebot':
      return { profile, language, ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' };
    case 'headless':
      return { profile, language, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${v}.0.0.0 Safari/537.36` };
    case 'spoofed-chrome':
      return { profile, language, ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36` };
  }
}

/** Builds the scenario. */
export function buildScenario(options: ScenarioOptions = {}): Scenario {
  const rnd = createRandom(options.seed ?? 42);
  const start = options.start ?? Date.UTC(2024, 4, 1, 8, 0, 0);
  const duration = options.durationMs ?? 2 * 3_600_000;
  const end = start + duration;
  const nUsers = options.benignUsers ?? 4_000;
  const nIntegrations = options.integrations ?? 40;
  const wanted = new Set(options.attacks ?? ATTACK_KINDS);
  const exchanges: Exchange[] = [];
  const actors = new Map<string, LabelledActor>();
  const senderOf = new WeakMap<Exchange, string>();
  const attacks: AttackRun[] = [];
  const exp = (mean: number) => -Math.log(1 - rnd()) * mean;

  const newActor = (id: string, label: LabelledActor['label'], profile: string): LabelledActor => {
    const a: LabelledActor = { id, label, ips: new Set(), subjects: new Set(), apiKeys: new Set(), profile };
    actors.set(id, a);
    return a;
  };

  /** Emits one exchange for `actor` (and returns it). */
  const emit = (
    actor: LabelledActor,
    c: ClientShape,
    ip: string,
    time: number,
    method: string,
    target: string,
    status: number,
    opts: { body?: unknown; response?: unknown; auth?: string; apiKey?: string; cookie?: string; referer?: string } = {},
  ): Exchange => {
    const json = opts.body !== undefined;
    const headers = headersFor(c, { ...(opts.auth ? { auth: `Bearer ${opts.auth}` } : {}), ...(opts.apiKey ? { apiKey: opts.apiKey } : {}), json, ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.referer ? { referer: opts.referer } : {}) });
    const reqText = json ? JSON.stringify(opts.body) : undefined;
    const resText = opts.response === undefined ? undefined : JSON.stringify(opts.response);
    const ex: Exchange = {
      time: Math.round(time),
      client: { ip },
      request: {
        method,
        scheme: 'https',
        host: HOST,
        target,
        headers,
        ...(reqText === undefined ? {} : { body: { text: reqText, size: reqText.length, truncated: false } }),
        httpVersion: 'HTTP/1.1',
      },
      response: {
        status,
        headers: resText === undefined ? [] : [['content-type', 'application/json; charset=utf-8']],
        ...(resText === undefined ? {} : { body: { text: resText, size: resText.length, truncated: false } }),
      },
      source: { kind: 'test' },
    };
    actor.ips.add(ip);
    exchanges.push(ex);
    senderOf.set(ex, actor.id);
    return ex;
  };

  // ---- the shop's data: products (public), orders (private, owned by users)
  const PRODUCTS = 5_000;
  const ordersOf = new Map<number, number[]>();
  let nextOrder = 10_000;
  const ownerOfOrder = new Map<number, number>();
  for (let u = 0; u < nUsers; u++) {
    const n = Math.floor(rnd() * 4);
    const list: number[] = [];
    for (let k = 0; k < n; k++) {
      const id = nextOrder++;
      list.push(id);
      ownerOfOrder.set(id, u);
    }
    ordersOf.set(u, list);
  }
  const emails = Array.from({ length: nUsers }, (_, u) => `user${u}@mail${u % 37}.example.net`);

  // ---- benign people
  let natGroup = -1;
  let natLeft = 0;
  let natIp = '';
  for (let u = 0; u < nUsers; u++) {
    const r = rnd();
    const profile: Profile =
      r < 0.33 ? 'chrome' : r < 0.45 ? 'firefox' : r < 0.57 ? 'safari' : r < 0.62 ? 'edge' : r < 0.82 ? 'app-android' : 'app-ios';
    const c = client(rnd, profile);
    const a = newActor(`u${u}`, 'benign', profile);
    // 6% of people sit behind a shared NAT (offices, universities): groups of 10–30 users
    let ip: string;
    if (natLeft > 0 || rnd() < 0.003) {
      if (natLeft === 0) {
        natGroup++;
        natLeft = 10 + Math.floor(rnd() * 20);
        natIp = `100.64.${natGroup}.1`;
      }
      natLeft--;
      ip = natIp;
    } else ip = `10.${(u >> 16) & 255}.${(u >> 8) & 255}.${u & 255}`;
    const sub = `u${u}`;
    a.subjects.add(`sub:${sub}`);
    const token = makeJwt(sub);
    const email = emails[u] as string;
    const mobile = profile.startsWith('app');
    const web = !mobile;
    const sessions = 1 + Math.floor(rnd() * 2.2);
    let loggedIn = rnd() < 0.5; // half the people still have a token from an earlier visit
    const mfa = rnd() < 0.15;
    for (let s = 0; s < sessions; s++) {
      let t = start + rnd() * (duration - 20 * 60_000);
      // a mobile user may come back on another network
      const sip = mobile && s > 0 && rnd() < 0.4 ? `172.${16 + (u % 16)}.${(u >> 8) & 255}.${(u + s) & 255}` : ip;
      const step = (mean = 8_000) => (t += 500 + exp(mean));
      if (web) emit(a, c, sip, step(1_000), 'GET', '/api/config', 200, { response: { features: ['reviews'] } });
      else emit(a, c, sip, step(1_000), 'GET', '/api/config', 200, { response: { minVersion: '5.0' } });
      for (let k = 0, n = Math.floor(rnd() * 3); k < n; k++) emit(a, c, sip, step(), 'GET', `/api/products?page=${1 + Math.floor(rnd() * 5)}`, 200, { response: { items: [{ id: 1 + Math.floor(rnd() * PRODUCTS) }] } });
      if (!loggedIn) {
        // typos: 8% fail once then succeed; 1% twice; 0.5% give up and reset the password
        const r2 = rnd();
        const fails = r2 < 0.005 ? 3 : r2 < 0.015 ? 2 : r2 < 0.095 ? 1 : 0;
        for (let k = 0; k < fails; k++) emit(a, c, sip, step(4_000), 'POST', '/api/auth/login', 401, { body: { email, password: 'wrong' }, response: { error: 'invalid credentials' } });
        if (fails === 3) {
          emit(a, c, sip, step(10_000), 'POST', '/api/auth/password-reset', 202, { body: { email } });
          continue;
        }
        emit(a, c, sip, step(4_000), 'POST', '/api/auth/login', 200, { body: { email, password: 'right' }, response: { token } });
        if (mfa) {
          if (rnd() < 0.1) emit(a, c, sip, step(6_000), 'POST', '/api/auth/otp', 401, { auth: token, body: { otp: '000000' } });
          emit(a, c, sip, step(6_000), 'POST', '/api/auth/otp', 200, { auth: token, body: { otp: '123456' } });
        }
        loggedIn = true;
      }
      emit(a, c, sip, step(), 'GET', '/api/users/me', 200, { auth: token, response: { id: sub } });
      const browse = 2 + Math.floor(exp(6));
      for (let k = 0; k < browse; k++) {
        const pid = 1 + Math.floor(Math.pow(rnd(), 2) * PRODUCTS);
        emit(a, c, sip, step(), 'GET', `/api/products/${pid}`, 200, { auth: token, response: { id: pid, name: `product ${pid}` } });
      }
      const mine = ordersOf.get(u) ?? [];
      if (rnd() < 0.5) {
        emit(a, c, sip, step(), 'GET', '/api/orders', 200, { auth: token, response: mine.map((id) => ({ id, total: 10 })) });
        for (const id of mine) if (rnd() < 0.5) emit(a, c, sip, step(), 'GET', `/api/orders/${id}`, 200, { auth: token, response: { id } });
      }
      if (rnd() < 0.45) {
        const items = 1 + Math.floor(rnd() * 5);
        for (let k = 0; k < items; k++) emit(a, c, sip, step(), 'POST', '/api/cart/items', 201, { auth: token, body: { productId: 1 + Math.floor(rnd() * PRODUCTS), quantity: 1 } });
        if (rnd() < 0.2) emit(a, c, sip, step(), 'DELETE', `/api/cart/items/${1 + Math.floor(rnd() * 50)}`, 204, { auth: token });
        emit(a, c, sip, step(), 'GET', '/api/cart', 200, { auth: token, response: { items } });
        if (rnd() < 0.12) emit(a, c, sip, step(), 'POST', '/api/coupons/redeem', rnd() < 0.25 ? 404 : 200, { auth: token, body: { code: 'SPRING24' } });
        if (rnd() < 0.02) emit(a, c, sip, step(), 'POST', '/api/giftcards/balance', rnd() < 0.2 ? 404 : 200, { auth: token, body: { number: '6006491234567890', pin: '1234' } });
        if (rnd() < 0.6) {
          if (rnd() < 0.06) emit(a, c, sip, step(), 'POST', '/api/checkout', 402, { auth: token, body: { paymentMethodId: 'pm_1' } });
          const id = nextOrder++;
          ownerOfOrder.set(id, u);
          mine.push(id);
          emit(a, c, sip, step(), 'POST', '/api/checkout', 201, { auth: token, body: { paymentMethodId: 'pm_1' }, response: { id } });
        }
      }
      // single-page apps poll notifications every 30 s while the tab is open (machine-regular, but a real browser)
      if (web && rnd() < 0.2) {
        const polls = 10 + Math.floor(rnd() * 30);
        for (let k = 0; k < polls; k++) emit(a, c, sip, (t += 30_000 + (rnd() - 0.5) * 300), 'GET', '/api/notifications', 200, { auth: token, response: [] });
      }
    }
  }

  // ---- benign integrations: API keys, HTTP libraries, scheduled polling
  for (let k = 0; k < nIntegrations; k++) {
    const profile: Profile = k % 2 === 0 ? 'python' : 'go';
    const c = client(rnd, profile);
    const a = newActor(`integration${k}`, 'benign', `integration-${profile}`);
    const key = `sk_live_${k.toString(36)}${Math.floor(rnd() * 1e12).toString(36)}`;
    a.apiKeys.add(key);
    const ip = `198.18.${k}.10`;
    let t = start + rnd() * 60_000;
    while (t < end) {
      emit(a, c, ip, t, 'GET', `/api/orders?updatedSince=${new Date(t - 60_000).toISOString()}`, 200, { apiKey: key, response: [] });
      t += 60_000 + (rnd() - 0.5) * 400;
    }
  }

  // ---- declared crawlers (honest, slow)
  for (let k = 0; k < 2; k++) {
    const c = client(rnd, 'googlebot');
    const a = newActor(`crawler${k}`, 'benign', 'crawler');
    const ip = `66.249.66.${k + 1}`;
    for (let t = start + rnd() * 60_000; t < end; t += 8_000 + exp(6_000)) {
      const pid = 1 + Math.floor(rnd() * PRODUCTS);
      emit(a, c, ip, t, 'GET', `/api/products/${pid}`, 200, { response: { id: pid } });
    }
  }

  // ---- attacks
  const run = (kind: AttackKind, unit: AttackRun['unit'], body: (push: (ex: Exchange) => void, actorIds: string[]) => void): void => {
    if (!wanted.has(kind)) return;
    const list: Exchange[] = [];
    const ids: string[] = [];
    body((ex) => list.push(ex), ids);
    list.sort((x, y) => x.time - y.time);
    attacks.push({ kind, actors: ids, exchanges: list, unit });
  };
  let ipSerial = 0;
  const attackerIp = () => {
    ipSerial++;
    return `203.${(ipSerial >> 16) & 255}.${(ipSerial >> 8) & 255}.${ipSerial & 255}`;
  };
  const leaked = (n: number) => Array.from({ length: n }, (_, i) => (rnd() < 0.02 ? (emails[Math.floor(rnd() * nUsers)] as string) : `victim${i}.${Math.floor(rnd() * 1e6)}@leak.example.org`));

  run('credential-stuffing-tool', 'attempts', (push, ids) => {
    const c = client(rnd, 'spoofed-chrome');
    const accounts = leaked(1_200);
    let t = start + 30 * 60_000;
    let i = 0;
    while (i < accounts.length) {
      const ip = attackerIp();
      const a = newActor(`cs1-${ip}`, 'credential-stuffing-tool', 'credential-stuffing-tool');
      ids.push(a.id);
      const uses = 1 + Math.floor(rnd() * 3); // 1–3 uses: ~2 on average
      for (let k = 0; k < uses && i < accounts.length; k++, i++) {
        const ok = rnd() < 0.01;
        push(emit(a, c, ip, (t += exp(500)), 'POST', '/api/auth/login', ok ? 200 : 401, { body: { email: accounts[i], password: 'Summer2023!' }, response: ok ? { token: makeJwt(`x${i}`) } : { error: 'invalid credentials' } }));
      }
    }
  });

  run('credential-stuffing-stealth', 'attempts', (push, ids) => {
    const accounts = leaked(1_000);
    let t = start + 70 * 60_000;
    let i = 0;
    while (i < accounts.length) {
      const ip = attackerIp();
      const c = client(rnd, pick(rnd, ['chrome', 'firefox', 'safari', 'edge'] as const));
      const a = newActor(`cs2-${ip}`, 'credential-stuffing-stealth', 'credential-stuffing-stealth');
      ids.push(a.id);
      if (rnd() < 0.5) emit(a, c, ip, (t += exp(300)), 'GET', '/api/config', 200, { response: { features: [] } });
      const uses = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < uses && i < accounts.length; k++, i++) {
        const ok = rnd() < 0.01;
        push(emit(a, c, ip, (t += exp(900)), 'POST', '/api/auth/login', ok ? 200 : 401, { body: { email: accounts[i], password: 'Winter2024!' }, response: ok ? { token: makeJwt(`y${i}`) } : { error: 'invalid credentials' } }));
      }
    }
  });

  run('brute-force-single-ip', 'failures', (push, ids) => {
    const c = client(rnd, 'python');
    const ip = attackerIp();
    const a = newActor('bf1', 'brute-force-single-ip', 'brute-force-single-ip');
    ids.push(a.id);
    const victim = emails[7] as string;
    let t = start + 20 * 60_000;
    for (let k = 0; k < 300; k++) push(emit(a, c, ip, (t += 2_000 + rnd() * 2_000), 'POST', '/api/auth/login', 401, { body: { email: victim, password: `guess${k}` } }));
  });

  run('brute-force-distributed', 'failures', (push, ids) => {
    const victim = emails[11] as string;
    let t = start + 50 * 60_000;
    for (let n = 0; n < 40; n++) {
      const ip = attackerIp();
      const c = client(rnd, pick(rnd, ['chrome', 'firefox', 'python'] as const));
      const a = newActor(`bf2-${ip}`, 'brute-force-distributed', 'brute-force-distributed');
      ids.push(a.id);
      for (let k = 0; k < 5; k++) push(emit(a, c, ip, (t += 1_000 + rnd() * 4_000), 'POST', '/api/auth/login', 401, { body: { email: victim, password: `guess${n}-${k}` } }));
    }
  });

  // an authenticated attacker walking order ids: existing orders of others are served (BOLA), gaps are 404
  run('enumeration-sequential', 'requests', (push, ids) => {
    const c = client(rnd, 'chrome');
    const ip = attackerIp();
    const a = newActor('enum1', 'enumeration-sequential', 'enumeration-sequential');
    ids.push(a.id);
    a.subjects.add('sub:attacker-enum1');
    const token = makeJwt('attacker-enum1');
    let t = start + 40 * 60_000;
    emit(a, c, ip, (t += 1_000), 'GET', '/api/users/me', 200, { auth: token });
    for (let id = 10_500; id < 10_900; id++) {
      const exists = ownerOfOrder.has(id);
      push(emit(a, c, ip, (t += 300 + rnd() * 700), 'GET', `/api/orders/${id}`, exists ? 200 : 404, { auth: token, ...(exists ? { response: { id } } : {}) }));
    }
  });

  // an authenticated attacker fetching order ids harvested elsewhere (non-sequential): objects of others
  run('bola-harvested-ids', 'requests', (push, ids) => {
    const c = client(rnd, 'firefox');
    const ip = attackerIp();
    const a = newActor('bola1', 'bola-harvested-ids', 'bola-harvested-ids');
    ids.push(a.id);
    a.subjects.add('sub:attacker-bola1');
    const token = makeJwt('attacker-bola1');
    const targets = [...ownerOfOrder.keys()].filter(() => rnd() < 0.02).slice(0, 60);
    let t = start + 100 * 60_000;
    for (const id of targets) push(emit(a, c, ip, (t += 2_000 + exp(3_000)), 'GET', `/api/orders/${id}`, 200, { auth: token, response: { id } }));
  });

  // an anonymous client probing user profiles by id: mostly never issued (404)
  run('enumeration-anonymous', 'requests', (push, ids) => {
    const c = client(rnd, 'python');
    const ip = attackerIp();
    const a = newActor('enum2', 'enumeration-anonymous', 'enumeration-anonymous');
    ids.push(a.id);
    let t = start + 85 * 60_000;
    for (let k = 0; k < 200; k++) {
      const id = 50_000 + Math.floor(rnd() * 900_000);
      push(emit(a, c, ip, (t += 500 + rnd() * 500), 'GET', `/api/users/${id}/profile`, 404));
    }
  });

  run('scraping', 'requests', (push, ids) => {
    // one scraper with a browser User-Agent and browser headers reading the catalogue at ~3 requests/s
    const c = client(rnd, 'chrome');
    const ip = attackerIp();
    const a = newActor('scraper1', 'scraping', 'scraping');
    ids.push(a.id);
    let t = start + 15 * 60_000;
    for (let page = 1; page <= 100; page++) {
      push(emit(a, c, ip, (t += 250 + rnd() * 200), 'GET', `/api/products?page=${page}`, 200, { response: { items: [] } }));
      for (let k = 0; k < 30; k++) {
        const pid = (page - 1) * 30 + k + 1;
        push(emit(a, c, ip, (t += 250 + rnd() * 200), 'GET', `/api/products/${pid}`, 200, { response: { id: pid } }));
      }
    }
  });

  for (const [kind, profile, n] of [
    ['bot-library', 'python', 4],
    ['bot-headless', 'headless', 3],
    ['bot-spoofed-browser', 'spoofed-chrome', 3],
  ] as const) {
    run(kind, 'requests', (push, ids) => {
      for (let b = 0; b < n; b++) {
        const c = client(rnd, profile);
        const ip = attackerIp();
        const a = newActor(`${kind}-${b}`, kind, kind);
        ids.push(a.id);
        let t = start + (10 + b * 20) * 60_000;
        const regular = profile === 'python';
        for (let k = 0; k < 60; k++) {
          t += regular ? 5_000 + (rnd() - 0.5) * 100 : 1_000 + exp(4_000);
          const pid = 1 + Math.floor(rnd() * PRODUCTS);
          push(emit(a, c, ip, t, 'GET', k % 4 === 0 ? `/api/products?page=${k}` : `/api/products/${pid}`, 200, { response: { id: pid } }));
        }
      }
    });
  }

  run('coupon-guessing', 'requests', (push, ids) => {
    const c = client(rnd, 'chrome');
    const ip = attackerIp();
    const a = newActor('coupon1', 'coupon-guessing', 'coupon-guessing');
    ids.push(a.id);
    a.subjects.add('sub:attacker-coupon1');
    const token = makeJwt('attacker-coupon1');
    let t = start + 25 * 60_000;
    for (let k = 0; k < 80; k++) push(emit(a, c, ip, (t += 1_500 + exp(2_000)), 'POST', '/api/coupons/redeem', k === 57 ? 200 : 404, { auth: token, body: { code: `SAVE${k}X` } }));
  });

  run('giftcard-cracking', 'requests', (push, ids) => {
    const c = client(rnd, 'go');
    const ip = attackerIp();
    const a = newActor('gift1', 'giftcard-cracking', 'giftcard-cracking');
    ids.push(a.id);
    let t = start + 60 * 60_000;
    for (let k = 0; k < 150; k++) push(emit(a, c, ip, (t += 800 + rnd() * 800), 'POST', '/api/giftcards/balance', 404, { body: { number: `600649${String(1e9 + k)}`, pin: '0000' } }));
  });

  run('otp-brute-force', 'requests', (push, ids) => {
    const a = newActor('otp1', 'otp-brute-force', 'otp-brute-force');
    ids.push(a.id);
    a.subjects.add('sub:victim-otp');
    const token = makeJwt('victim-otp');
    let t = start + 90 * 60_000;
    const ips = [attackerIp(), attackerIp(), attackerIp()];
    const c = client(rnd, 'python');
    for (let k = 0; k < 60; k++) push(emit(a, c, ips[k % 3] as string, (t += 1_000 + rnd() * 1_000), 'POST', '/api/auth/otp', 401, { auth: token, body: { otp: String(100000 + k * 7919) } }));
  });

  run('cart-hoarding', 'requests', (push, ids) => {
    const c = client(rnd, 'chrome');
    const ip = attackerIp();
    const a = newActor('cart1', 'cart-hoarding', 'cart-hoarding');
    ids.push(a.id);
    a.subjects.add('sub:attacker-cart1');
    const token = makeJwt('attacker-cart1');
    let t = start + 45 * 60_000;
    for (let k = 0; k < 100; k++) push(emit(a, c, ip, (t += 3_000 + exp(6_000)), 'POST', '/api/cart/items', 201, { auth: token, body: { productId: 42, quantity: 5 } }));
  });

  run('card-testing', 'requests', (push, ids) => {
    const c = client(rnd, 'chrome');
    const ip = attackerIp();
    const a = newActor('card1', 'card-testing', 'card-testing');
    ids.push(a.id);
    a.subjects.add('sub:attacker-card1');
    const token = makeJwt('attacker-card1');
    let t = start + 75 * 60_000;
    for (let k = 0; k < 40; k++) push(emit(a, c, ip, (t += 2_000 + exp(3_000)), 'POST', '/api/checkout', rnd() < 0.9 ? 402 : 201, { auth: token, body: { paymentMethodId: `pm_card_${k}` } }));
  });

  exchanges.sort((x, y) => x.time - y.time);
  return { exchanges, actors, senderOf, attacks, start, end };
}
