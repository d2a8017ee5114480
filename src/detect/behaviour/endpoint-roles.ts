/**
 * Which endpoints are login, OTP, coupon, gift-card, cart or checkout endpoints — learned, not listed: from the
 * words of the path template (`/auth/login`, `/api/BasketItems`), the parameter names requests send (`password`,
 * `otp`, `couponCode`), the method, and the status pattern of the answers (an `/auth/session` endpoint that
 * answers 401/403/422 to a share of its requests checks credentials). Inventory endpoints (`Endpoint` records)
 * give the same facts up front; configuration can set or clear roles for any endpoint. Rules are data below.
 */
import { LruMap } from './lru-map.js';
import { isJsonMediaType, mediaType, parseQuery, splitTarget, type Endpoint, type Exchange } from '../../core/index.js';

export const ENDPOINT_ROLES = ['login', 'otp', 'coupon', 'giftcard', 'cart', 'checkout'] as const;
export type EndpointRole = (typeof ENDPOINT_ROLES)[number];

export const ROLE_BIT: Readonly<Record<EndpointRole, number>> = Object.freeze({ login: 1, otp: 2, coupon: 4, giftcard: 8, cart: 16, checkout: 32 });

export function hasRole(roles: number, role: EndpointRole): boolean {
  return (roles & ROLE_BIT[role]) !== 0;
}

export function roleNames(roles: number): EndpointRole[] {
  return ENDPOINT_ROLES.filter((r) => (roles & ROLE_BIT[r]) !== 0);
}

/** One role's recognition rule. Words and names are compared lower-case with `-`, `_` and `.` removed. */
export interface RoleRule {
  readonly role: EndpointRole;
  /** Methods the role applies to (`*` for any). */
  readonly methods: readonly string[];
  /** A path word that alone gives the role. */
  readonly words: readonly string[];
  /** A path word that gives the role only with a parameter below or the failure status pattern. */
  readonly weakWords: readonly string[];
  /** A parameter name that alone gives the role. */
  readonly params: readonly string[];
  /** A parameter name that gives the role only with a (weak) path word. */
  readonly weakParams: readonly string[];
  /** Path words or parameter names that rule the role out (sign-up, password reset, logout…). */
  readonly exclude: readonly string[];
  /** Statuses that mean the attempt failed (a wrong password, an invalid coupon). */
  readonly failure: readonly number[];
}

export const ROLE_RULES: readonly RoleRule[] = [
  {
    role: 'login',
    methods: ['POST', 'PUT'],
    words: ['login', 'signin', 'logon', 'authenticate', 'authentication'],
    weakWords: ['auth', 'session', 'sessions', 'token', 'tokens', 'oauth'],
    params: ['password', 'passwd', 'pwd', 'passphrase', 'userpassword', 'loginpassword'],
    weakParams: ['pass', 'username', 'login', 'email', 'granttype'],
    exclude: [
      'register', 'registration', 'signup', 'logout', 'signout', 'logoff', 'reset', 'forgot', 'forgotpassword', 'recover',
      'refresh', 'revoke', 'newpassword', 'confirmpassword', 'passwordconfirmation', 'changepassword', 'otp', 'mfa', 'totp',
      'callback', 'introspect',
    ],
    failure: [400, 401, 403, 422],
  },
  {
    role: 'otp',
    methods: ['POST', 'PUT'],
    words: ['otp', 'mfa', '2fa', 'totp', 'twofactor', 'onetimepassword', 'onetimecode'],
    weakWords: ['verify', 'verification', 'code', 'challenge'],
    params: ['otp', 'totp', 'otpcode', 'mfacode', 'twofactorcode', 'verificationcode', 'onetimecode', 'smscode'],
    weakParams: ['code', 'pin', 'token'],
    exclude: ['resend', 'send', 'enroll', 'setup', 'register'],
    failure: [400, 401, 403, 422],
  },
  {
    role: 'coupon',
    methods: ['*'],
    words: ['coupon', 'coupons', 'promo', 'promocode', 'promocodes', 'voucher', 'vouchers', 'redeem', 'couponcode'],
    weakWords: ['discount', 'discounts', 'promotion', 'promotions'],
    params: ['coupon', 'couponcode', 'promo', 'promocode', 'voucher', 'vouchercode', 'discountcode', 'redeemcode'],
    weakParams: ['code'],
    exclude: ['giftcard', 'giftcards'],
    failure: [400, 402, 403, 404, 409, 410, 422],
  },
  {
    role: 'giftcard',
    methods: ['*'],
    words: ['giftcard', 'giftcards', 'giftcertificate', 'storedvalue'],
    weakWords: ['gift', 'gifts'],
    params: ['giftcard', 'giftcardnumber', 'giftcardcode', 'giftcardpin'],
    weakParams: ['cardnumber', 'pin', 'code'],
    exclude: [],
    failure: [400, 402, 403, 404, 409, 410, 422],
  },
  {
    role: 'cart',
    methods: ['*'],
    words: ['cart', 'carts', 'basket', 'baskets', 'shoppingcart', 'basketitems', 'cartitems', 'bag'],
    weakWords: [],
    params: [],
    weakParams: [],
    exclude: ['checkout'],
    failure: [400, 404, 409, 422],
  },
  {
    role: 'checkout',
    methods: ['POST', 'PUT'],
    words: ['checkout', 'purchase', 'purchases', 'payment', 'payments', 'pay', 'placeorder'],
    weakWords: ['order', 'orders'],
    params: ['cardnumber', 'paymentmethod', 'paymentmethodid', 'cvv', 'cvc'],
    weakParams: ['quantity', 'items', 'address', 'addressid', 'deliverymethodid'],
    exclude: ['refund', 'refunds', 'cancel'],
    failure: [400, 402, 403, 409, 422],
  },
];

const RULE_BY_ROLE = new Map(ROLE_RULES.map((r) => [r.role, r]));

/** Statuses that mean a failed attempt for a role. */
export function failureStatuses(role: EndpointRole): readonly number[] {
  return (RULE_BY_ROLE.get(role) as RoleRule).failure;
}

/** Lower-case, without `-`, `_`, `.`. */
export function normaliseName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length && i < 64; i++) {
    const c = name.charCodeAt(i);
    if (c === 45 || c === 95 || c === 46 || c === 32) continue;
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : name[i];
  }
  return out;
}

/** The words of a path template: each literal segment whole, its `-_.` parts and its camelCase parts (normalised). */
export function templateWords(template: string): Set<string> {
  const words = new Set<string>();
  for (const seg of template.split('/')) {
    if (!seg || seg.indexOf('{') !== -1) continue;
    words.add(normaliseName(seg));
    for (const part of seg.split(/[-_.]/)) {
      if (!part) continue;
      words.add(normaliseName(part));
      // camelCase / PascalCase parts: BasketItems -> basket, items
      let start = 0;
      for (let i = 1; i <= part.length; i++) {
        const c = i < part.length ? part.charCodeAt(i) : 0;
        if (i === part.length || (c >= 65 && c <= 90 && !(part.charCodeAt(i - 1) >= 65 && part.charCodeAt(i - 1) <= 90))) {
          if (i > start) words.add(part.slice(start, i).toLowerCase());
          start = i;
        }
      }
    }
  }
  return words;
}

/** Facts about an endpoint the role rules read. */
export interface RoleFacts {
  readonly method: string;
  readonly words: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
  /** Responses seen, and how many were 401/403/422. */
  readonly responses: number;
  readonly authFailures: number;
}

function methodFits(rule: RoleRule, method: string): boolean {
  return rule.methods.includes('*') || rule.methods.includes(method);
}

function anyIn(list: readonly string[], set: ReadonlySet<string>): boolean {
  for (const w of list) if (set.has(w)) return true;
  return false;
}

/** The roles the rules give an endpoint from its facts. */
export function inferRoles(f: RoleFacts): number {
  let roles = 0;
  const statusPattern = f.responses >= 10 && f.authFailures >= Math.max(2, f.responses * 0.05);
  for (const rule of ROLE_RULES) {
    if (!methodFits(rule, f.method)) continue;
    if (anyIn(rule.exclude, f.words) || anyIn(rule.exclude, f.params)) continue;
    const strong = anyIn(rule.words, f.words) || anyIn(rule.params, f.params);
    const weakWord = anyIn(rule.weakWords, f.words);
    const weakParam = anyIn(rule.weakParams, f.params);
    let ok = strong || (weakWord && weakParam);
    // the status pattern confirms a credential check behind an ambiguous word (`POST /auth`, `POST /sessions`)
    if (!ok && weakWord && statusPattern && (rule.role === 'login' || rule.role === 'otp')) ok = true;
    if (ok) roles |= ROLE_BIT[rule.role];
  }
  // a login endpoint that also matched OTP words by a weak signal stays a login endpoint, and vice versa
  if (roles & ROLE_BIT.login && roles & ROLE_BIT.otp) {
    const otpStrong = anyIn((RULE_BY_ROLE.get('otp') as RoleRule).words, f.words) || anyIn((RULE_BY_ROLE.get('otp') as RoleRule).params, f.params);
    roles &= otpStrong ? ~ROLE_BIT.login : ~ROLE_BIT.otp;
  }
  return roles;
}

/** Property names of a JSON Schema's top level and one level of nested objects (normalised). */
function schemaPropertyNames(schema: unknown, out: Set<string>, depth = 0): void {
  if (typeof schema !== 'object' || schema === null || depth > 1) return;
  const props = (schema as { properties?: unknown }).properties;
  if (typeof props === 'object' && props !== null) {
    for (const [k, v] of Object.entries(props)) {
      out.add(normaliseName(k));
      schemaPropertyNames(v, out, depth + 1);
    }
  }
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = (schema as Record<string, unknown>)[key];
    if (Array.isArray(list)) for (const s of list.slice(0, 8)) schemaPropertyNames(s, out, depth);
  }
}

/** Roles of an inventory endpoint, from its template, parameters, body schemas and status counts. */
export function rolesOfEndpoint(e: Endpoint): number {
  const params = new Set<string>();
  for (const p of e.parameters) if (p.in !== 'header' && p.in !== 'path') params.add(normaliseName(p.name));
  for (const b of e.requestBodies) schemaPropertyNames(b.schema, params);
  let responses = 0;
  let authFailures = 0;
  for (const [code, n] of Object.entries(e.statusCodes)) {
    responses += n;
    if (code === '401' || code === '403' || code === '422') authFailures += n;
  }
  return inferRoles({ method: e.method, words: templateWords(e.path), params, responses, authFailures });
}

/** Request parameter names (query, form or JSON body keys, one nested level), normalised; bounded. */
export function requestParamNames(exchange: Exchange, out: Set<string>, max = 64): void {
  const req = exchange.request;
  const { query } = splitTarget(req.target);
  if (query) for (const [n] of parseQuery(query, max)) if (out.size < max) out.add(normaliseName(n));
  const body = req.body;
  if (!body || body.encoding === 'base64' || body.text.length === 0 || body.text.length > 16_384) return;
  const media = mediaType(req.headers);
  if (media === 'application/x-www-form-urlencoded') {
    for (const [n] of parseQuery(body.text, max)) if (out.size < max) out.add(normaliseName(n));
  } else if (isJsonMediaType(media) || (media === '' && body.text.trimStart().startsWith('{'))) {
    let v: unknown;
    try {
      v = JSON.parse(body.text);
    } catch {
      return;
    }
    const visit = (o: unknown, depth: number): void => {
      if (typeof o !== 'object' || o === null || Array.isArray(o)) return;
      for (const [k, child] of Object.entries(o)) {
        if (out.size >= max) return;
        out.add(normaliseName(k));
        if (depth < 1) visit(child, depth + 1);
      }
    };
    visit(v, 0);
  }
}

/**
 * A configured role assignment: `endpoint` is `METHOD /path` (or `METHOD host /path`), where the method may be
 * `*` and the path may use `*` (one segment) and `**` (any number of segments); `{name}` matches any one
 * segment. `roles: []` clears every role of the matching endpoints.
 */
export interface RoleOverride {
  readonly endpoint: string;
  readonly roles: readonly EndpointRole[];
}

interface CompiledOverride {
  readonly method: string;
  readonly host?: string;
  readonly segments: readonly string[];
  readonly roles: number;
}

function compileOverride(o: RoleOverride): CompiledOverride {
  const parts = o.endpoint.trim().split(/\s+/);
  const method = (parts.length > 1 ? (parts[0] as string) : '*').toUpperCase();
  const host = parts.length > 2 ? (parts[1] as string).toLowerCase() : undefined;
  const path = parts[parts.length - 1] as string;
  let roles = 0;
  for (const r of o.roles) roles |= ROLE_BIT[r];
  return { method, ...(host ? { host } : {}), segments: path.split('/').filter(Boolean), roles };
}

function segmentsMatch(pattern: readonly string[], segs: readonly string[], pi = 0, si = 0): boolean {
  // `**` backtracks at most once per `**` in the pattern (patterns are short and written by people)
  while (pi < pattern.length) {
    const p = pattern[pi] as string;
    if (p === '**') {
      if (pi === pattern.length - 1) return true;
      for (let k = si; k <= segs.length; k++) if (segmentsMatch(pattern, segs, pi + 1, k)) return true;
      return false;
    }
    if (si >= segs.length) return false;
    const s = segs[si] as string;
    if (p !== '*' && !(p.startsWith('{') && p.endsWith('}')) && p.toLowerCase() !== s.toLowerCase()) return false;
    pi++;
    si++;
  }
  return si === segs.length;
}

interface EndpointFacts {
  roles: number;
  readonly configured: boolean;
  readonly words: Set<string>;
  readonly params: Set<string>;
  readonly method: string;
  observed: number;
  responses: number;
  authFailures: number;
}

export interface RoleBookOptions {
  readonly overrides?: readonly RoleOverride[];
  /** Inventory endpoints whose roles are known up front. */
  readonly endpoints?: readonly Endpoint[];
  /** Requests per endpoint whose parameter names are read (default 50). */
  readonly learnRequests?: number;
  /** Endpoints remembered (default 20,000; beyond, the oldest are forgotten and relearned). */
  readonly maxEndpoints?: number;
}

/** Learns and remembers endpoint roles; O(1) per request once an endpoint is settled. */
export class RoleBook {
  private readonly overrides: readonly CompiledOverride[];
  private readonly known = new Map<string, number>();
  private readonly facts = new LruMap<EndpointFacts>();
  private readonly learnRequests: number;
  private readonly maxEndpoints: number;

  constructor(options: RoleBookOptions = {}) {
    this.overrides = (options.overrides ?? []).map(compileOverride);
    this.learnRequests = options.learnRequests ?? 50;
    this.maxEndpoints = options.maxEndpoints ?? 20_000;
    for (const e of options.endpoints ?? []) {
      const r = rolesOfEndpoint(e);
      this.known.set(e.key, r);
      this.known.set(`${e.method} ${e.path}`, r);
    }
  }

  /** Roles of the endpoint `key` (`METHOD host template`) for this request; learns from it. */
  rolesFor(key: string, method: string, host: string, template: string, exchange: Exchange, status: number): number {
    let f = this.facts.get(key);
    if (f === undefined) {
      f = this.create(key, method, host, template);
      this.facts.set(key, f);
      if (this.facts.size > this.maxEndpoints) this.facts.shift();
    }
    if (f.configured || f.observed >= this.learnRequests) return f.roles;
    f.observed++;
    const before = f.params.size;
    if (method !== 'GET' || exchange.request.target.indexOf('?') !== -1) requestParamNames(exchange, f.params);
    if (status > 0) {
      f.responses++;
      if (status === 401 || status === 403 || status === 422) f.authFailures++;
    }
    if (f.params.size !== before || status > 0) {
      const learned = inferRoles(f);
      const seeded = this.known.get(key) ?? this.known.get(`${method} ${template}`) ?? 0;
      f.roles = learned | seeded;
    }
    return f.roles;
  }

  private create(key: string, method: string, host: string, template: string): EndpointFacts {
    const segs = template.split('/').filter(Boolean);
    for (const o of this.overrides) {
      if (o.method !== '*' && o.method !== method) continue;
      if (o.host !== undefined && o.host !== host) continue;
      if (segmentsMatch(o.segments, segs)) {
        return { roles: o.roles, configured: true, words: new Set(), params: new Set(), method, observed: 0, responses: 0, authFailures: 0 };
      }
    }
    const words = templateWords(template);
    const facts: EndpointFacts = { roles: 0, configured: false, words, params: new Set(), method, observed: 0, responses: 0, authFailures: 0 };
    facts.roles = inferRoles(facts) | (this.known.get(key) ?? this.known.get(`${method} ${template}`) ?? 0);
    return facts;
  }
}
