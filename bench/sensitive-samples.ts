/**
 * Seeded generators of labelled values for the sensitive-data evaluation (I5): realistic values of every
 * sensitive type in realistic places (field names, headers, query parameters), and distractors that look alike
 * but are not sensitive (order ids, timestamps, 16-digit numbers failing Luhn, UUIDs, hashes, versions, prices,
 * phone-like ids, base64 blobs, dates that are not birth dates, publishable keys, pagination tokens…).
 * The generators build values from the published formats (issuer ranges, IBAN structures, numbering plans,
 * token layouts), never from the classifiers' own code.
 */
import { crc32 } from 'node:zlib';
import type { SensitiveType } from '../src/core/index.js';
import type { ValueContext } from '../src/inventory/classifiers/index.js';
import { createRandom } from '../src/core/seeded-random.js';

export interface LabelledValue {
  readonly value: string;
  readonly ctx: ValueContext;
  /** The type the value is, or null for a distractor / ordinary value. */
  readonly label: SensitiveType | null;
  /** Which generator made it (for the per-kind error listing). */
  readonly kind: string;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same samples on every machine. */
export function createRng(seed: number): Rng {
  const next = createRandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const chars = (alphabet: string, n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const bytes = (n: number): Buffer => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
    return b;
  };
  return { next, int, pick, chars, bytes };
}

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chars(alphabet: string, n: number): string;
  bytes(n: number): Buffer;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const BASE62 = DIGITS + UPPER + LOWER;
const HEX = '0123456789abcdef';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'zoe', 'jean', 'maria', 'chen', 'fatima', 'oleg', 'priya', 'kenji', 'lucia'];
const LAST = ['smith', 'jones', 'garcia', 'muller', 'martin', 'rossi', 'tanaka', 'kumar', 'nguyen', 'silva', 'dubois', 'kowalski', 'obrien', 'andersson', 'haddad'];
const DOMAINS = ['gmail.com', 'example.com', 'example.org', 'company.co.uk', 'mail.example.de', 'outlook.com', 'yahoo.fr', 'acme-corp.io', 'uni.edu', 'post.example.net'];

type Loc = ValueContext['location'];
const ctx = (location: Loc, name?: string, direction: ValueContext['direction'] = 'request'): ValueContext => (name === undefined ? { location, direction } : { location, direction, name });

function bodyOrQuery(r: Rng, names: readonly string[]): ValueContext {
  const roll = r.next();
  return ctx(roll < 0.6 ? 'body' : 'query', r.pick(names), r.next() < 0.7 ? 'request' : 'response');
}

function luhnComplete(partial: string): string {
  let sum = 0;
  let double = true;
  for (let i = partial.length - 1; i >= 0; i--) {
    let d = partial.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

function groupCard(digits: string, brand: string, r: Rng): string {
  const f = r.next();
  if (f < 0.5) return digits;
  const sep = f < 0.8 ? ' ' : '-';
  if (brand === 'amex') return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  if (brand === 'diners' && digits.length === 14) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 4) groups.push(digits.slice(i, i + 4));
  return groups.join(sep);
}

/** One card number of the given brand (issuer range and length as published), Luhn-complete. */
export function cardNumber(r: Rng, brand: string): string {
  let prefix: string;
  let len: number;
  switch (brand) {
    case 'visa': prefix = '4'; len = r.pick([16, 16, 16, 13, 19]); break;
    case 'mastercard': prefix = r.next() < 0.7 ? String(r.int(51, 55)) : String(r.int(2221, 2720)); len = 16; break;
    case 'amex': prefix = r.pick(['34', '37']); len = 15; break;
    case 'discover': prefix = r.pick(['6011', String(r.int(644, 649)), '65']); len = r.pick([16, 16, 19]); break;
    case 'jcb': prefix = String(r.int(3528, 3589)); len = 16; break;
    case 'diners': prefix = r.pick(['36', '38', String(r.int(300, 305))]); len = 14; break;
    case 'unionpay': prefix = '62' + r.pick(['0', '1', '4', '5', '8']); len = r.pick([16, 16, 19]); break;
    default: prefix = r.pick(['6759', '5018', '5020', '5038', '6304']); len = r.pick([16, 16, 18, 19]); break;
  }
  return luhnComplete(prefix + r.chars(DIGITS, len - prefix.length - 1));
}

const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay', 'maestro'];

/** BBAN layouts (n: digits, a: upper-case letters, c: alphanumerics), from the SWIFT IBAN registry. */
const IBAN_LAYOUTS: Record<string, string> = {
  DE: '18n', GB: '4a14n', FR: '10n11c2n', NL: '4a10n', ES: '20n', IT: '1a10n12c', BE: '12n', CH: '5n12c', PL: '24n',
  SE: '20n', NO: '11n', AT: '16n', IE: '4a14n', PT: '21n', SA: '2n18c', DK: '14n', FI: '14n', LU: '3n13c',
};

function layout(r: Rng, spec: string): string {
  let out = '';
  for (const m of spec.matchAll(/(\d+)([nac])/g)) {
    const k = Number(m[1]);
    out += r.chars(m[2] === 'n' ? DIGITS : m[2] === 'a' ? UPPER : DIGITS + UPPER, k);
  }
  return out;
}

function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

/** A valid IBAN of one of several countries (check digits computed per ISO 13616). */
export function ibanNumber(r: Rng, country?: string): string {
  const cc = country ?? r.pick(Object.keys(IBAN_LAYOUTS));
  const bban = layout(r, IBAN_LAYOUTS[cc] as string);
  const check = 98 - mod97(bban + cc + '00');
  return cc + String(check).padStart(2, '0') + bban;
}

function printIban(iban: string, r: Rng): string {
  return r.next() < 0.5 ? iban : (iban.match(/.{1,4}/g) as string[]).join(' ');
}

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** A JWT with a realistic header and claims, signed with random bytes of the algorithm's size. */
export function jwtToken(r: Rng): string {
  const alg = r.pick(['HS256', 'RS256', 'ES256', 'PS256', 'HS512']);
  const header = r.next() < 0.5 ? { alg, typ: 'JWT' } : { typ: 'JWT', alg, kid: r.chars(BASE62, 16) };
  const now = 1_700_000_000 + r.int(0, 50_000_000);
  const claims: Record<string, unknown> = { sub: String(r.int(1, 999_999)), iat: now, exp: now + 3600 };
  if (r.next() < 0.5) claims.iss = `https://auth.${r.pick(DOMAINS)}`;
  if (r.next() < 0.4) claims.email = `${r.pick(FIRST)}@${r.pick(DOMAINS)}`;
  if (r.next() < 0.4) claims.roles = r.pick([['user'], ['admin'], ['user', 'billing']]);
  const sigLen = alg.startsWith('HS') ? (alg === 'HS512' ? 64 : 32) : alg === 'ES256' ? 64 : 256;
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(r.bytes(sigLen))}`;
}

function pem(r: Rng): string {
  const label = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
  const body = r.bytes(r.int(120, 1200)).toString('base64');
  const lines = (body.match(/.{1,64}/g) as string[]).join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----${r.next() < 0.5 ? '\n' : ''}`;
}

function githubToken(r: Rng): string {
  if (r.next() < 0.2) return `github_pat_${r.chars(BASE62, 22)}_${r.chars(BASE62, 59)}`;
  const body = r.chars(BASE62, 30);
  let sum = crc32(body);
  let enc = '';
  for (let i = 0; i < 6; i++) {
    enc = BASE62[sum % 62] + enc;
    sum = Math.floor(sum / 62);
  }
  return `${r.pick(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])}${body}${enc}`;
}

function slackToken(r: Rng): string {
  const roll = r.next();
  if (roll < 0.4) return `xoxb-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 13)}-${r.chars(BASE62, 24)}`;
  if (roll < 0.6) return `xoxp-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 13)}-${r.chars(HEX, 32)}`;
  if (roll < 0.7) return `xapp-1-A${r.chars(UPPER + DIGITS, 10)}-${r.chars(DIGITS, 13)}-${r.chars(HEX, 64)}`;
  return `https://hooks.slack.com/services/T${r.chars(UPPER + DIGITS, 10)}/B${r.chars(UPPER + DIGITS, 10)}/${r.chars(BASE62, 24)}`;
}

function stripeKey(r: Rng): string {
  const roll = r.next();
  if (roll < 0.15) return `whsec_${r.chars(BASE62, 32)}`;
  const prefix = r.pick(['sk_live_', 'sk_live_', 'sk_test_', 'rk_live_', 'rk_test_']);
  return prefix + r.chars(BASE62, r.pick([24, 99]));
}

function humanPassword(r: Rng): string {
  const roll = r.next();
  const words = ['summer', 'dragon', 'monkey', 'sunshine', 'football', 'purple', 'coffee', 'winter', 'tiger', 'london'];
  if (roll < 0.35) {
    const w = r.pick(words);
    return w[0]!.toUpperCase() + w.slice(1) + r.int(1, 2025) + r.pick(['!', '?', '#', '', '$']);
  }
  if (roll < 0.6) return r.chars(BASE62 + '!@#$%^&*()-_=+', r.int(10, 24));
  if (roll < 0.7) return [r.pick(words), r.pick(words), r.pick(words), r.pick(words)].join(' ');
  if (roll < 0.8) return r.pick(['hunter2', 'letmein', 'qwerty123', 'password1', 'P@ssw0rd', 'iloveyou', '123456789']);
  if (roll < 0.9) return `$2b$12$${r.chars('./' + BASE62, 53)}`;
  return r.chars(LOWER + DIGITS, r.int(6, 12));
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function birthDate(r: Rng): string {
  const y = r.int(1930, 2007);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const p = (x: number): string => String(x).padStart(2, '0');
  switch (r.int(0, 6)) {
    case 0: return `${y}-${p(m)}-${p(d)}`;
    case 1: return `${y}-${p(m)}-${p(d)}T00:00:00.000Z`;
    case 2: return `${p(d)}/${p(m)}/${y}`;
    case 3: return `${p(m)}/${p(d)}/${y}`;
    case 4: return `${p(d)}.${p(m)}.${y}`;
    case 5: return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
    default: return `${MONTH_NAMES[m - 1]} ${d}, ${y}`;
  }
}

/** International numbers from national numbering plans (mobile and geographic ranges). */
const PHONE_PLANS: ReadonlyArray<{ cc: string; make: (r: Rng) => string; national: (n: string) => string }> = [
  { cc: '1', make: (r) => r.pick(['212', '213', '312', '415', '617', '646', '202', '305', '404', '512', '713', '206', '303', '702', '718', '416', '604']) + String(r.int(2, 9)) + r.chars(DIGITS, 2) + r.chars(DIGITS, 4), national: (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` },
  { cc: '44', make: (r) => r.pick(['7911', '7700', '7400', '7500', '7825']) + r.chars(DIGITS, 6), national: (n) => `0${n.slice(0, 4)} ${n.slice(4)}` },
  { cc: '44', make: (r) => '20' + r.pick(['7', '8']) + r.chars(DIGITS, 7), national: (n) => `0${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}` },
  { cc: '33', make: (r) => r.pick(['6', '7', '1', '4']) + r.chars(DIGITS, 8), national: (n) => `0${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}` },
  { cc: '49', make: (r) => r.pick(['151', '152', '160', '170', '171', '176']) + r.chars(DIGITS, 8), national: (n) => `0${n.slice(0, 3)} ${n.slice(3)}` },
  { cc: '49', make: (r) => '30' + r.chars(DIGITS, 8), national: (n) => `0${n.slice(0, 2)} ${n.slice(2)}` },
  { cc: '91', make: (r) => r.pick(['98', '97', '88', '70', '63']) + r.chars(DIGITS, 8), national: (n) => `0${n.slice(0, 5)} ${n.slice(5)}` },
  { cc: '61', make: (r) => '4' + r.chars(DIGITS, 8), national: (n) => `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` },
  { cc: '81', make: (r) => r.pick(['90', '80', '70']) + r.chars(DIGITS, 8), national: (n) => `0${n.slice(0, 2)}-${n.slice(2, 6)}-${n.slice(6)}` },
  { cc: '34', make: (r) => '6' + r.chars(DIGITS, 8), national: (n) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` },
  { cc: '39', make: (r) => '3' + r.pick(['2', '3', '4', '9']) + r.chars(DIGITS, 8), national: (n) => `${n.slice(0, 3)} ${n.slice(3)}` },
  { cc: '55', make: (r) => '11' + '9' + r.int(6, 9) + r.chars(DIGITS, 7), national: (n) => `(${n.slice(0, 2)}) ${n.slice(2, 7)}-${n.slice(7)}` },
];

function phoneNumber(r: Rng): { value: string; international: boolean } {
  const plan = r.pick(PHONE_PLANS);
  const n = plan.make(r);
  const roll = r.next();
  if (roll < 0.35) return { value: `+${plan.cc}${n}`, international: true };
  if (roll < 0.6) return { value: `+${plan.cc} ${(n.match(/.{1,3}/g) as string[]).join(' ')}`, international: true };
  if (roll < 0.7) return { value: `+${plan.cc}-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, international: true };
  return { value: plan.national(n), international: false };
}

const PHONE_FIELDS = ['phone', 'phone_number', 'phoneNumber', 'mobile', 'mobilePhone', 'tel', 'telephone', 'msisdn', 'contact_phone', 'fax', 'cell'];
const NEUTRAL_FIELDS = ['value', 'contact', 'to', 'from', 'recipient', 'q', 'data'];

function uuid(r: Rng): string {
  const h = r.chars(HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${r.pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${h.slice(20)}`;
}

function failingLuhn16(r: Rng): string {
  for (;;) {
    const v = r.pick(['4', '5', '3', '6', '1', '7', '9']) + r.chars(DIGITS, 15);
    let sum = 0;
    let dbl = false;
    for (let i = v.length - 1; i >= 0; i--) {
      let d = v.charCodeAt(i) - 48;
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    if (sum % 10 !== 0) return v;
  }
}

/** The labelled sensitive values: `perType` of each type, in their usual places. */
export function positives(r: Rng, perType: number): LabelledValue[] {
  const out: LabelledValue[] = [];
  const add = (label: SensitiveType, kind: string, value: string, c: ValueContext): void => {
    out.push({ value, ctx: c, label, kind });
  };
  for (let i = 0; i < perType; i++) {
    // email
    const local = r.pick([`${r.pick(FIRST)}.${r.pick(LAST)}`, `${r.pick(FIRST)}${r.int(1, 99)}`, `${r.pick(FIRST)}_${r.pick(LAST)}`, `${r.pick(FIRST)}+${r.pick(['news', 'shop', 'test'])}`]);
    add('email', 'email', `${local}@${r.pick(DOMAINS)}`, r.next() < 0.1 ? ctx('header', r.pick(['x-user-email', 'from'])) : bodyOrQuery(r, ['email', 'user_email', 'emailAddress', 'contact', 'username', 'login', 'to', 'q', 'billing_email']));
    // phone
    const ph = phoneNumber(r);
    add('phone', ph.international ? 'phone-intl' : 'phone-national', ph.value, bodyOrQuery(r, ph.international && r.next() < 0.3 ? NEUTRAL_FIELDS : PHONE_FIELDS));
    // payment card
    const brand = CARD_BRANDS[i % CARD_BRANDS.length] as string;
    add('payment-card', `card-${brand}`, groupCard(cardNumber(r, brand), brand, r), bodyOrQuery(r, ['card_number', 'cardNumber', 'pan', 'number', 'cc', 'card', 'account_number', 'value', 'source']));
    // SSN
    let area = r.int(1, 899);
    if (area === 666) area = 665;
    const ssn = `${String(area).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`;
    if (r.next() < 0.7) add('us-ssn', 'ssn-dashed', ssn, bodyOrQuery(r, ['ssn', 'social_security_number', 'taxId', 'national_id', 'value', 'tin']));
    else add('us-ssn', 'ssn-plain', ssn.replace(/-/g, ''), bodyOrQuery(r, ['ssn', 'SSN', 'social_security_number', 'socialSecurityNumber']));
    // IBAN
    add('iban', 'iban', printIban(ibanNumber(r), r), bodyOrQuery(r, ['iban', 'IBAN', 'account', 'bank_account', 'creditor_iban', 'debtorAccount', 'value']));
    // JWT
    const tok = jwtToken(r);
    const jr = r.next();
    if (jr < 0.4) add('jwt', 'jwt-bearer', `Bearer ${tok}`, ctx('header', 'authorization'));
    else if (jr < 0.55) add('jwt', 'jwt-cookie', tok, ctx('cookie', r.pick(['token', 'jwt', 'id_token', 'auth'])));
    else add('jwt', 'jwt-field', tok, bodyOrQuery(r, ['access_token', 'id_token', 'token', 'jwt', 'accessToken', 'idToken']));
    // private key
    add('private-key', 'pem', pem(r), ctx('body', r.pick(['private_key', 'privateKey', 'key', 'ssh_key', 'pem', 'signing_key', 'tls_key']), r.next() < 0.5 ? 'request' : 'response'));
    // AWS
    if (r.next() < 0.6) add('aws-access-key', 'aws-key-id', r.pick(['AKIA', 'ASIA']) + r.chars(BASE32, 16), r.next() < 0.2 ? ctx('header', 'x-amz-access-key') : bodyOrQuery(r, ['aws_access_key_id', 'accessKeyId', 'AccessKeyId', 'key_id', 'value']));
    else add('aws-access-key', 'aws-secret', r.chars(BASE62 + '/+', 40), bodyOrQuery(r, ['aws_secret_access_key', 'SecretAccessKey', 'secretAccessKey', 'awsSecretKey']));
    // GitHub
    const gh = githubToken(r);
    const gr = r.next();
    if (gr < 0.3) add('github-token', 'github-header', `${r.pick(['token', 'Bearer'])} ${gh}`, ctx('header', 'authorization'));
    else add('github-token', 'github-field', gh, bodyOrQuery(r, ['token', 'github_token', 'GITHUB_TOKEN', 'access_token', 'value', 'pat']));
    // Slack
    const sl = slackToken(r);
    add('slack-token', sl.startsWith('https') ? 'slack-webhook' : 'slack-token', sl, bodyOrQuery(r, sl.startsWith('https') ? ['webhook_url', 'url', 'slack_webhook', 'callback'] : ['token', 'slack_token', 'bot_token', 'value']));
    // Stripe
    const st = stripeKey(r);
    if (r.next() < 0.3) add('stripe-key', 'stripe-header', `Bearer ${st}`, ctx('header', 'authorization'));
    else add('stripe-key', 'stripe-field', st, bodyOrQuery(r, ['api_key', 'stripe_secret_key', 'secret', 'key', 'webhook_secret', 'value']));
    // generic secrets
    const gs = r.next();
    let secret: string;
    let kind: string;
    if (gs < 0.25) [secret, kind] = [r.chars(BASE62, r.int(16, 64)), 'secret-base62'];
    else if (gs < 0.45) [secret, kind] = [r.chars(HEX, r.pick([32, 40, 64])), 'secret-hex'];
    else if (gs < 0.6) [secret, kind] = [r.bytes(r.int(18, 64)).toString('base64'), 'secret-base64'];
    else if (gs < 0.7) [secret, kind] = [uuid(r), 'secret-uuid'];
    else if (gs < 0.8) [secret, kind] = [`Basic ${Buffer.from(`${r.pick(FIRST)}:${humanPassword(r)}`).toString('base64')}`, 'secret-basic'];
    else if (gs < 0.9) [secret, kind] = [`Bearer ${r.chars(BASE62 + '-_', r.int(20, 60))}`, 'secret-bearer'];
    else [secret, kind] = [`key-${r.chars(HEX, 32)}`, 'secret-prefixed'];
    const secretCtx = secret.startsWith('Basic ') || secret.startsWith('Bearer ')
      ? ctx('header', r.pick(['authorization', 'Authorization', 'proxy-authorization']))
      : r.next() < 0.25
        ? ctx(r.pick(['header', 'cookie'] as const), r.pick(['x-api-key', 'x-auth-token', 'session_id', 'sessionid', 'connect.sid', 'JSESSIONID', 'x-csrf-token']))
        : bodyOrQuery(r, ['api_key', 'apiKey', 'client_secret', 'clientSecret', 'secret', 'access_token', 'refresh_token', 'auth_token', 'csrf_token', 'app_secret', 'private_token', 'password_reset_token']);
    add('generic-secret', kind, secret, secretCtx);
    // IP address
    const ir = r.next();
    const ip = ir < 0.5 ? `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` : ir < 0.7 ? r.pick([`10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, `192.168.${r.int(0, 255)}.${r.int(1, 254)}`, `172.${r.int(16, 31)}.${r.int(0, 255)}.${r.int(1, 254)}`]) : ir < 0.9 ? `2001:db8:${r.chars(HEX, 4)}::${r.chars(HEX, 3)}` : [0, 0, 0, 0, 0, 0, 0, 0].map(() => r.chars(HEX, 4)).join(':');
    add('ip-address', ip.includes(':') ? 'ipv6' : 'ipv4', ip, r.next() < 0.3 ? ctx('header', r.pick(['x-forwarded-for', 'x-real-ip', 'cf-connecting-ip'])) : bodyOrQuery(r, ['ip', 'client_ip', 'remote_addr', 'ipAddress', 'source_ip', 'address', 'value']));
    // date of birth
    add('date-of-birth', 'dob', birthDate(r), bodyOrQuery(r, ['dob', 'date_of_birth', 'birthDate', 'birthday', 'birth_date', 'dateOfBirth', 'DOB', 'geburtsdatum']));
    // password
    add('password', 'password', humanPassword(r), ctx(r.next() < 0.8 ? 'body' : 'query', r.pick(['password', 'pass', 'pwd', 'passwd', 'new_password', 'currentPassword', 'confirm_password', 'user[password]', 'password_confirmation', 'passphrase']), 'request'));
  }
  return out;
}

/** Look-alike values that are not sensitive, in the places where they usually appear. */
export function distractors(r: Rng, count: number): LabelledValue[] {
  const out: LabelledValue[] = [];
  const gens: Array<[string, () => [string, ValueContext]]> = [
    ['order-id', () => [r.pick([`ORD-${r.int(2019, 2025)}-${String(r.int(1, 999999)).padStart(6, '0')}`, String(r.int(1_000_000_000, 9_999_999_999)), `INV-${r.int(10000, 99999)}`, `#${r.int(1000, 99999)}`]), bodyOrQuery(r, ['order_id', 'orderId', 'invoice', 'order', 'reference', 'id'])]],
    ['timestamp', () => [r.pick([String(r.int(1_500_000_000, 1_800_000_000)), String(r.int(1_500_000_000_000, 1_800_000_000_000)), new Date(r.int(1_500_000_000, 1_800_000_000) * 1000).toISOString(), new Date(r.int(1_500_000_000, 1_800_000_000) * 1000).toUTCString()]), r.next() < 0.2 ? ctx('header', r.pick(['date', 'last-modified', 'expires'])) : bodyOrQuery(r, ['created_at', 'updated_at', 'ts', 'timestamp', 'time', 'since', 'until', 'expires_at'])]],
    ['16-digit-not-luhn', () => {
      const v = failingLuhn16(r);
      return [r.next() < 0.7 ? v : (v.match(/.{4}/g) as string[]).join(r.pick([' ', '-'])), bodyOrQuery(r, ['reference', 'order_number', 'tracking_number', 'transaction_id', 'value', 'number', 'card_number'])];
    }],
    ['long-id', () => [r.pick([String(r.int(1, 9)) + r.chars(DIGITS, r.int(16, 18)), '1' + r.chars(DIGITS, 18)]), bodyOrQuery(r, ['id', 'tweet_id', 'snowflake', 'user_id', 'message_id', 'objectId'])]],
    ['uuid', () => [uuid(r), r.next() < 0.2 ? ctx('header', r.pick(['x-request-id', 'x-correlation-id', 'traceparent'])) : bodyOrQuery(r, ['id', 'request_id', 'uuid', 'trace_id', 'correlation_id', 'user_id', 'device_id'])]],
    ['hash', () => [r.chars(HEX, r.pick([32, 40, 64])), r.next() < 0.2 ? ctx('header', r.pick(['etag', 'if-none-match', 'x-content-sha'])) : bodyOrQuery(r, ['sha', 'checksum', 'hash', 'commit', 'digest', 'md5', 'fingerprint', 'etag'])]],
    ['version', () => [r.pick([`${r.int(0, 12)}.${r.int(0, 30)}.${r.int(0, 99)}`, `v${r.int(1, 5)}.${r.int(0, 20)}.${r.int(0, 9)}`, `${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 9)}-beta.${r.int(1, 9)}`, `${r.int(1, 20)}.${r.int(0, 9)}.${r.int(0, 99999)}.${r.int(0, 99)}`, `${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`]), bodyOrQuery(r, ['version', 'app_version', 'appVersion', 'sdk_version', 'build', 'ver', 'firmware_version'])]],
    ['price', () => [r.pick([`${r.int(0, 999)}.${String(r.int(0, 99)).padStart(2, '0')}`, `${r.int(1, 9)},${r.int(100, 999)}.00`, `€${r.int(1, 99)}.50`, `${r.int(1, 99999)}`]), bodyOrQuery(r, ['price', 'amount', 'total', 'subtotal', 'amount_cents', 'balance'])]],
    ['phone-like-id', () => [r.pick([r.chars(DIGITS, r.int(9, 11)), `${r.int(200, 999)}-${r.int(200, 999)}-${r.int(1000, 9999)}`, `+${r.int(1, 999)}`, `${r.int(100, 999)} ${r.int(100, 999)} ${r.int(1000, 9999)}`]), bodyOrQuery(r, ['customer_id', 'account_number', 'sku', 'ref', 'tracking_number', 'zip', 'delta', 'isbn', 'code'])]],
    ['base64-blob', () => [r.bytes(r.int(30, 300)).toString(r.next() < 0.5 ? 'base64' : 'base64url'), bodyOrQuery(r, ['data', 'content', 'image', 'payload', 'avatar', 'signature', 'blob', 'file', 'nonce', 'state'])]],
    ['date-not-birth', () => {
      const y = r.int(1960, 2030);
      const p = (x: number): string => String(x).padStart(2, '0');
      const m = r.int(1, 12);
      const d = r.int(1, 28);
      return [r.pick([`${y}-${p(m)}-${p(d)}`, `${p(m)}/${p(d)}/${y}`, `${p(d)}.${p(m)}.${y}`, `${d} ${MONTH_NAMES[m - 1]} ${y}`]), bodyOrQuery(r, ['created_at', 'start_date', 'expiry', 'valid_until', 'date', 'published', 'delivery_date', 'founded', 'hired_on', 'due'])];
    }],
    ['publishable-key', () => [`pk_${r.pick(['live', 'test'])}_${r.chars(BASE62, 24)}`, bodyOrQuery(r, ['publishable_key', 'publishableKey', 'stripeKey', 'key', 'pk'])]],
    ['token-metadata', () => r.pick([
      ['Bearer', bodyOrQuery(r, ['token_type'])],
      [String(r.int(60, 86400)), bodyOrQuery(r, ['expires_in', 'token_ttl'])],
      [String(r.int(1, 4096)), bodyOrQuery(r, ['max_tokens', 'token_count', 'tokens'])],
      [r.bytes(r.int(12, 40)).toString('base64url'), bodyOrQuery(r, ['next_page_token', 'nextPageToken', 'pageToken', 'cursor'])],
      ['read write', bodyOrQuery(r, ['scope'])],
      [r.chars(HEX, 24), bodyOrQuery(r, ['token_id', 'key_id', 'secret_id'])],
      [`https://auth.${r.pick(DOMAINS)}/oauth/token`, bodyOrQuery(r, ['token_url', 'token_endpoint'])],
    ] as Array<[string, ValueContext]>)],
    ['password-metadata', () => r.pick([
      [r.pick(['true', 'false']), bodyOrQuery(r, ['has_password', 'password_required', 'passwordSet'])],
      [String(r.int(6, 64)), bodyOrQuery(r, ['password_min_length', 'passwordLength', 'min_password_length'])],
      ['Use at least 8 characters, a number and a symbol', bodyOrQuery(r, ['password_hint', 'password_policy'])],
      [new Date(r.int(1_500_000_000, 1_800_000_000) * 1000).toISOString(), bodyOrQuery(r, ['password_changed_at', 'passwordUpdatedAt'])],
      ['********', bodyOrQuery(r, ['password'])],
      ['', bodyOrQuery(r, ['password'])],
    ] as Array<[string, ValueContext]>)],
    ['email-like', () => [r.pick([`icon@${r.int(2, 3)}x.png`, `${r.pick(FIRST)}@localhost`, `@${r.pick(FIRST)}`, `lodash@4.17.${r.int(0, 21)}`, `git@github.com:${r.pick(FIRST)}/repo.git`, `${r.pick(FIRST)} at ${r.pick(DOMAINS)}`]), bodyOrQuery(r, ['value', 'handle', 'dependency', 'asset', 'remote', 'contact'])]],
    ['iban-like', () => {
      const good = ibanNumber(r);
      return [r.pick([good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10), r.chars(UPPER, 2) + r.chars(DIGITS, 2) + r.chars(UPPER + DIGITS, r.int(10, 26)), good.slice(0, -2)]), bodyOrQuery(r, ['reference', 'code', 'iban', 'sku', 'value'])];
    }],
    ['jwt-like', () => [r.pick([`${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`, `${b64url(r.bytes(12))}.${b64url(r.bytes(20))}.${b64url(r.bytes(32))}`, `www.${r.pick(DOMAINS)}`, `eyJ${r.chars(BASE62, 30)}`]), bodyOrQuery(r, ['value', 'host', 'data', 'payload', 'ref'])]],
    ['ssn-like', () => [r.pick([`${r.int(900, 999)}-${r.int(10, 99)}-${r.int(1000, 9999)}`, `${r.int(100, 899)}-00-${r.int(1000, 9999)}`, `${r.int(10000, 99999)}-${r.int(1000, 9999)}`, `${r.int(100, 999)}-${r.int(10, 99)}-${r.int(100, 999)}`, r.chars(DIGITS, 9)]), bodyOrQuery(r, ['zip', 'postal_code', 'ref', 'routing_number', 'value', 'ein'])]],
    ['ip-like', () => r.pick([
      [`${r.int(256, 999)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`, bodyOrQuery(r, ['value', 'ref', 'code'])],
      [`${r.int(1, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`, bodyOrQuery(r, ['version', 'value', 'ratio'])],
      [`${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}`, bodyOrQuery(r, ['time', 'duration', 'start'])],
      [[0, 0, 0, 0, 0, 0].map(() => r.chars(HEX, 2)).join(':'), bodyOrQuery(r, ['mac', 'device', 'bssid'])],
      [`${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`, bodyOrQuery(r, ['version', 'build', 'appVersion'])],
    ] as Array<[string, ValueContext]>)],
    ['dob-field-other', () => [r.pick(['Paris', 'Lagos', 'Osaka', String(r.int(1930, 2007)), 'unknown']), bodyOrQuery(r, ['birth_place', 'place_of_birth', 'birth_year', 'birth_country', 'birthplace'])]],
  ];
  for (let i = 0; i < count; i++) {
    const [kind, gen] = gens[i % gens.length] as [string, () => [string, ValueContext]];
    const [value, c] = gen();
    out.push({ value, ctx: c, label: null, kind });
  }
  return out;
}

/** Ordinary API values (names, words, numbers, booleans, enums, URLs, headers): the bulk of real traffic. */
export function ordinaryValues(r: Rng, count: number): LabelledValue[] {
  const out: LabelledValue[] = [];
  const words = ['widget', 'deluxe', 'shipping', 'express', 'blue', 'large', 'pending', 'active', 'completed', 'refunded', 'en-US', 'fr-FR', 'USD', 'EUR', 'desc', 'asc', 'json', 'default'];
  const gens: Array<() => [string, ValueContext]> = [
    () => [String(r.int(0, 1000)), bodyOrQuery(r, ['id', 'page', 'limit', 'offset', 'quantity', 'count', 'age'])],
    () => [r.pick(['true', 'false', 'null']), bodyOrQuery(r, ['active', 'enabled', 'verified', 'deleted'])],
    () => [r.pick(FIRST).replace(/^./, (c) => c.toUpperCase()), bodyOrQuery(r, ['first_name', 'name', 'author', 'givenName'])],
    () => [`${r.pick(words)} ${r.pick(words)} ${r.int(1, 3000)}`, bodyOrQuery(r, ['name', 'title', 'description', 'q', 'product'])],
    () => [r.pick(words), bodyOrQuery(r, ['status', 'sort', 'order', 'locale', 'currency', 'format', 'type'])],
    () => [`https://${r.pick(DOMAINS)}/${r.pick(words)}/${r.int(1, 999)}`, bodyOrQuery(r, ['url', 'href', 'image_url', 'redirect', 'link'])],
    () => [r.pick(['application/json', 'text/html; charset=utf-8', 'gzip, deflate, br', 'keep-alive', 'no-cache', 'max-age=0', '*/*']), ctx('header', r.pick(['content-type', 'accept-encoding', 'connection', 'cache-control', 'accept']))],
    () => [r.pick(['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', 'curl/8.4.0', 'okhttp/4.12.0', 'python-requests/2.31.0']), ctx('header', 'user-agent')],
    () => [`${r.int(1, 999)} ${r.pick(['Main St', 'Rue de Rivoli', 'Baker Street', 'Hauptstrasse'])}`, bodyOrQuery(r, ['street', 'address_line1', 'line1'])],
    () => [r.pick(['The quick brown fox jumps over the lazy dog.', 'Order shipped, arriving Tuesday.', 'Great product, would buy again!', 'Please call me back tomorrow']), bodyOrQuery(r, ['comment', 'message', 'note', 'review', 'body'])],
    () => [`${r.int(0, 999)}.${r.int(0, 99)}`, bodyOrQuery(r, ['price', 'lat', 'lng', 'score', 'weight'])],
    () => [r.pick(['US', 'GB', 'FR', 'DE', 'JP', 'IN']), bodyOrQuery(r, ['country', 'region', 'cc'])],
  ];
  for (let i = 0; i < count; i++) {
    const [value, c] = (gens[i % gens.length] as () => [string, ValueContext])();
    out.push({ value, ctx: c, label: null, kind: 'ordinary' });
  }
  return out;
}
