/**
 * The demo shop: a small API on node:http (users, login, products, orders, invoices, shipping, coupons, files,
 * admin) described by `shop-openapi.yaml` — except `POST /payments` and `GET /internal/users/export`, left out of the
 * spec on purpose (the shadow endpoints `rampart demo` finds). One switch, `vulnerable`, plants the flaws listed in
 * `planted-flaws.ts` (the way VAmPI does); with `vulnerable: false` the same code is the hardened twin that a
 * security test run must find nothing in. `rampart test`'s end-to-end tests run against both, and `rampart demo`
 * uses it as its sample API.
 *
 * Emulated on purpose (nothing dangerous ever runs on the host): the shell of the carrier lookup, the files of
 * the download endpoint, the NoSQL operators of the coupon lookup, the template engine of product sharing.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuery, safeDecode } from '../../core/index.js';
import { runEmulatedShell } from './emulated-shell.js';
import { matchesQuery } from './emulated-query-operators.js';
import { renderShareMessage } from './emulated-templates.js';
import { SHOP_ACCOUNTS, hashPassword, openShopDatabase, type OrderRow, type ProductRow, type UserRow } from './shop-database.js';
import { createShopTokens } from './shop-tokens.js';
import { FILES_DIR, readVirtualFile } from './virtual-files.js';

/** The OpenAPI document of the shop (hardened behaviour), beside this file. */
export const SHOP_SPEC_FILE = fileURLToPath(new URL('./shop-openapi.yaml', import.meta.url));

export interface ShopOptions {
  /** Plant the flaws (true) or run the hardened twin (false). */
  readonly vulnerable: boolean;
  /** Clock for token expiry, lockouts and rate windows (ms since epoch). */
  readonly now?: () => number;
}

export interface ShopApp {
  readonly vulnerable: boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** A token for a seeded account; a negative lifetime gives an expired one (for expired-token tests). */
  mintToken(email: string, expiresInSeconds?: number): string;
  close(): void;
}

export interface RunningShop {
  readonly url: string;
  readonly app: ShopApp;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Ctx {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly segments: readonly string[];
  readonly params: Record<string, string>;
  readonly query: ReadonlyMap<string, string>;
  readonly ip: string;
  readonly rawQuery: string;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

type Handler = (c: Ctx) => Promise<Reply> | Reply;

const HARDENED_BODY_LIMIT = 64 * 1024;
const VULNERABLE_BODY_LIMIT = 8 * 1024 * 1024;
const DISCARD_LIMIT = 16 * 1024 * 1024;
const ALLOWED_ORIGIN = 'https://shop.example';
const CDN_HOST = 'cdn.shop.example';
const COUPONS = [
  { code: 'WELCOME10', discountPercent: 10 },
  { code: 'STAFF50', discountPercent: 50 },
];
const LOGIN_WINDOW_MS = 2000;
const LOGIN_MAX_PER_WINDOW = 25;
const LOCKOUT_FAILURES = 5;
const LOCKOUT_MS = 60_000;

export function createShopApp(o: ShopOptions): ShopApp {
  const vulnerable = o.vulnerable;
  const now = o.now ?? (() => Date.now());
  const db = openShopDatabase();
  const tokens = createShopTokens(vulnerable);
  const loginWindows = new Map<string, { start: number; count: number }>();

  const userById = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const userByEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const productById = db.prepare<[number], ProductRow>('SELECT * FROM products WHERE id = ?');
  const orderById = db.prepare<[number], OrderRow>('SELECT * FROM orders WHERE id = ?');

  // ---------- helpers
  const limit = vulnerable ? VULNERABLE_BODY_LIMIT : HARDENED_BODY_LIMIT;
  const readJson = async (c: Ctx): Promise<Record<string, unknown>> => {
    const text = await readBody(c.req, limit);
    if (vulnerable) return JSON.parse(text) as Record<string, unknown>;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'the body is not valid JSON');
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'the body must be a JSON object');
    return v as Record<string, unknown>;
  };
  const authenticate = (c: Ctx, verify = true): UserRow => {
    const h = c.req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) throw new HttpError(401, 'missing bearer token');
    const claims = verify ? tokens.verify(m[1]!, now()) : tokens.decodeUnverified(m[1]!);
    const user = claims ? userById.get(claims.sub) : undefined;
    if (!user) throw new HttpError(401, 'invalid or expired token');
    return user;
  };
  const publicUser = (u: UserRow) => ({ id: u.id, email: u.email, name: u.name, role: u.role, balance: u.balance });
  // the vulnerable serializer dumps the row: password hash and API key leak
  const userView = (u: UserRow) => (vulnerable ? { ...publicUser(u), passwordHash: u.password_hash, apiKey: u.api_key } : publicUser(u));
  const orderView = (r: OrderRow) => ({ id: r.id, productId: r.product_id, quantity: r.quantity, price: r.price, total: r.total, status: r.status, address: r.address });
  const productView = (p: ProductRow) => ({ id: p.id, name: p.name, description: p.description, price: p.price, stock: p.stock });
  const ownOrder = (c: Ctx, user: UserRow, raw: unknown): OrderRow => {
    const id = vulnerable ? Number(raw) : intParam(raw, 'orderId');
    const order = orderById.get(id);
    // hardened: someone else's order does not exist for you (404, not 403: ids are not confirmed)
    if (!order || (!vulnerable && order.user_id !== user.id)) throw new HttpError(404, 'no such order');
    void c;
    return order;
  };
  const productOr404 = (raw: unknown): ProductRow => {
    const p = productById.get(vulnerable ? Number(raw) : intParam(raw, 'productId'));
    if (!p) throw new HttpError(404, 'no such product');
    return p;
  };

  // ---------- handlers
  const routes: Array<[string, string, Handler]> = [
    [
      'POST',
      'auth/login',
      async (c) => {
        const body = await readJson(c);
        if (vulnerable) {
          // SQL built by concatenation: `' OR '1'='1'-- ` logs in as the first account
          const sql = `SELECT * FROM users WHERE email = '${String(body.email)}' AND password_hash = '${hashPassword(String(body.password))}'`;
          const user = db.prepare<[], UserRow>(sql).get();
          if (!user) throw new HttpError(401, 'wrong e-mail or password');
          return { status: 200, body: { token: tokens.sign({ sub: user.id, email: user.email, role: user.role }), user: userView(user) } };
        }
        const email = str(body.email, 'email', 200);
        const password = str(body.password, 'password', 200);
        const key = `${c.ip}|${email.toLowerCase()}`;
        const w = loginWindows.get(key);
        const t = now();
        if (!w || t - w.start >= LOGIN_WINDOW_MS) {
          if (loginWindows.size > 10_000) loginWindows.clear();
          loginWindows.set(key, { start: t, count: 1 });
        } else if (++w.count > LOGIN_MAX_PER_WINDOW) {
          const retry = Math.max(1, Math.ceil((w.start + LOGIN_WINDOW_MS - t) / 1000));
          throw new HttpError(429, 'too many login attempts', { 'retry-after': String(retry) });
        }
        const user = userByEmail.get(email);
        if (user && user.locked_until > t) throw new HttpError(423, 'the account is locked; try again later');
        if (!user || user.password_hash !== hashPassword(password)) {
          if (user) {
            const failed = user.failed_logins + 1;
            db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(failed >= LOCKOUT_FAILURES ? 0 : failed, failed >= LOCKOUT_FAILURES ? t + LOCKOUT_MS : 0, user.id);
          }
          throw new HttpError(401, 'wrong e-mail or password');
        }
        db.prepare('UPDATE users SET failed_logins = 0 WHERE id = ?').run(user.id);
        return { status: 200, body: { token: tokens.sign({ sub: user.id, email: user.email, role: user.role }, 3600, t), user: publicUser(user) } };
      },
    ],
    [
      'POST',
      'users',
      async (c) => {
        const body = await readJson(c);
        const email = vulnerable ? (body.email as string) : emailField(body.email, 'email');
        const password = vulnerable ? String(body.password) : str(body.password, 'password', 200, 8);
        const name = vulnerable ? (body.name as string) : str(body.name, 'name', 100, 1);
        if (userByEmail.get(String(email))) throw new HttpError(409, 'this e-mail address is taken');
        const r = db.prepare('INSERT INTO users (email, name, role, balance, password_hash, api_key) VALUES (?, ?, ?, 0, ?, ?)').run(email, name, 'customer', hashPassword(password), `sk_demo_${hashPassword(String(email)).slice(0, 24)}`);
        return { status: 201, body: userView(userById.get(Number(r.lastInsertRowid))!) };
      },
    ],
    ['GET', 'users/me', (c) => ({ status: 200, body: userView(authenticate(c)) })],
    [
      'PATCH',
      'users/me',
      async (c) => {
        const user = authenticate(c);
        const body = await readJson(c);
        if (vulnerable) {
          // every column the client names is written: role and balance included (mass assignment)
          for (const col of ['name', 'email', 'role', 'balance'] as const) if (body[col] !== undefined) db.prepare(`UPDATE users SET ${col} = ? WHERE id = ?`).run(body[col] as string, user.id);
        } else if (body.name !== undefined) {
          db.prepare('UPDATE users SET name = ? WHERE id = ?').run(str(body.name, 'name', 100, 1), user.id);
        }
        return { status: 200, body: userView(userById.get(user.id)!) };
      },
    ],
    [
      'POST',
      'users/me/avatar',
      async (c) => {
        const user = authenticate(c);
        const body = await readJson(c);
        const raw = vulnerable ? String(body.url) : str(body.url, 'url', 2000);
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          throw new HttpError(400, 'url is not a URL');
        }
        if (!vulnerable && (url.protocol !== 'https:' || url.hostname !== CDN_HOST)) throw new HttpError(400, `the avatar must be an https URL on ${CDN_HOST}`);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(400, 'url must be http or https');
        // the CDN is simulated; anything else is fetched for real (server-side request forgery in the vulnerable mode)
        const fetched = url.hostname === CDN_HOST ? { size: 2048, contentType: 'image/png' } : await fetchUrl(url);
        if (!fetched) throw new HttpError(502, 'the image could not be fetched');
        db.prepare('UPDATE users SET avatar_url = ? WHERE id = ?').run(url.href, user.id);
        return { status: 200, body: { avatarUrl: url.href, size: fetched.size, contentType: fetched.contentType } };
      },
    ],
    [
      'GET',
      'products',
      (c) => {
        let lim: number;
        let off: number;
        if (vulnerable) {
          // the client's limit is used as is: limit=100000 returns the whole catalogue
          lim = Number(c.query.get('limit') ?? 20) || 20;
          off = Number(c.query.get('offset') ?? 0) || 0;
        } else {
          lim = c.query.has('limit') ? intParam(c.query.get('limit'), 'limit', 1, 100) : 20;
          off = c.query.has('offset') ? intParam(c.query.get('offset'), 'offset', 0, 1_000_000) : 0;
        }
        const items = db.prepare<[number, number], ProductRow>('SELECT * FROM products ORDER BY id LIMIT ? OFFSET ?').all(lim, off).map(productView);
        const total = (db.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n;
        return { status: 200, body: { items, total } };
      },
    ],
    [
      'GET',
      'products/search',
      (c) => {
        const q = c.query.get('q');
        let rows: ProductRow[];
        if (vulnerable) {
          rows = db.prepare<[], ProductRow>(`SELECT * FROM products WHERE name LIKE '%${q ?? ''}%' ORDER BY id LIMIT 50`).all();
        } else {
          const term = str(q, 'q', 100, 1);
          rows = db.prepare<[string], ProductRow>("SELECT * FROM products WHERE name LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY id LIMIT 50").all(term.replace(/[\\%_]/g, (m) => `\\${m}`));
        }
        return { status: 200, body: { items: rows.map(productView), total: rows.length } };
      },
    ],
    [
      'GET',
      'products/featured',
      () => {
        if (!vulnerable) throw new HttpError(410, 'replaced by /products?limit=5');
        const items = db.prepare<[], ProductRow>('SELECT * FROM products ORDER BY id LIMIT 5').all().map(productView);
        return { status: 200, body: { items, total: items.length } };
      },
    ],
    [
      'GET',
      'products/:productId',
      (c) => {
        const p = productOr404(c.params.productId);
        // the vulnerable mode serialises prices as strings: the response no longer matches the spec
        return { status: 200, body: vulnerable ? { ...productView(p), price: p.price.toFixed(2) } : productView(p) };
      },
    ],
    [
      'POST',
      'products/:productId/reviews',
      async (c) => {
        const user = authenticate(c);
        const p = productOr404(c.params.productId);
        const body = await readJson(c);
        const rating = vulnerable ? Number(body.rating) : intParam(body.rating, 'rating', 1, 5);
        const text = vulnerable ? String(body.text) : str(body.text, 'text', 2000);
        const r = db.prepare('INSERT INTO reviews (product_id, user_id, rating, text) VALUES (?, ?, ?, ?)').run(p.id, user.id, rating, text.slice(0, VULNERABLE_BODY_LIMIT));
        return { status: 201, body: { id: Number(r.lastInsertRowid), productId: p.id, rating, text: text.length > 2000 ? `${text.slice(0, 2000)}…` : text } };
      },
    ],
    [
      'POST',
      'products/:productId/share',
      async (c) => {
        authenticate(c);
        const p = productOr404(c.params.productId);
        const body = await readJson(c);
        const to = vulnerable ? String(body.to) : emailField(body.to, 'to');
        const message = vulnerable ? String(body.message) : str(body.message, 'message', 500);
        return { status: 200, body: { to, preview: renderShareMessage(message, { product: { name: p.name, price: p.price } }, vulnerable) } };
      },
    ],
    [
      'GET',
      'orders',
      (c) => {
        // the vulnerable list trusts the token's claims without checking its signature
        const user = authenticate(c, !vulnerable);
        return { status: 200, body: db.prepare<[number], OrderRow>('SELECT * FROM orders WHERE user_id = ? ORDER BY id').all(user.id).map(orderView) };
      },
    ],
    [
      'POST',
      'orders',
      async (c) => {
        const user = authenticate(c);
        const body = await readJson(c);
        if (vulnerable) {
          const product = productById.get(Number(body.productId));
          // no validation: a string quantity or an unknown product crashes the handler (500 with a stack trace);
          // price and status are taken from the client when given (mass assignment)
          const quantity = Number.parseInt((body.quantity as number).toFixed(0), 10);
          const price = body.price !== undefined ? Number(body.price) : product!.price;
          const status = typeof body.status === 'string' ? body.status : 'pending';
          const total = Math.round(price * quantity * 100) / 100;
          const r = db.prepare('INSERT INTO orders (user_id, product_id, quantity, price, total, status, address) VALUES (?, ?, ?, ?, ?, ?, ?)').run(user.id, product!.id, quantity, price, total, status, String(body.address));
          return { status: 201, body: orderView(orderById.get(Number(r.lastInsertRowid))!), headers: { location: `/api/v2/orders/${r.lastInsertRowid}` } };
        }
        const productId = intParam(body.productId, 'productId', 1);
        const quantity = intParam(body.quantity, 'quantity', 1, 100);
        const address = str(body.address, 'address', 300, 1);
        const product = productOr404(productId);
        const total = Math.round(product.price * quantity * 100) / 100;
        const r = db.prepare('INSERT INTO orders (user_id, product_id, quantity, price, total, status, address) VALUES (?, ?, ?, ?, ?, ?, ?)').run(user.id, product.id, quantity, product.price, total, 'pending', address);
        return { status: 201, body: orderView(orderById.get(Number(r.lastInsertRowid))!), headers: { location: `/api/v2/orders/${r.lastInsertRowid}` } };
      },
    ],
    ['GET', 'orders/:orderId', (c) => ({ status: 200, body: orderView(ownOrder(c, authenticate(c), c.params.orderId)) })],
    [
      'PATCH',
      'orders/:orderId',
      async (c) => {
        const order = ownOrder(c, authenticate(c), c.params.orderId);
        const body = await readJson(c);
        const quantity = body.quantity === undefined ? order.quantity : vulnerable ? Number(body.quantity) : intParam(body.quantity, 'quantity', 1, 100);
        const address = body.address === undefined ? order.address : vulnerable ? String(body.address) : str(body.address, 'address', 300, 1);
        db.prepare('UPDATE orders SET quantity = ?, total = ?, address = ? WHERE id = ?').run(quantity, Math.round(order.price * quantity * 100) / 100, address, order.id);
        return { status: 200, body: orderView(orderById.get(order.id)!) };
      },
    ],
    [
      'DELETE',
      'orders/:orderId',
      (c) => {
        const order = ownOrder(c, authenticate(c), c.params.orderId);
        db.prepare('DELETE FROM orders WHERE id = ?').run(order.id);
        return { status: 204 };
      },
    ],
    [
      'GET',
      'invoices',
      (c) => {
        const order = ownOrder(c, authenticate(c), c.query.get('orderId'));
        const owner = userById.get(order.user_id);
        return { status: 200, body: { orderId: order.id, number: `INV-${String(order.id).padStart(6, '0')}`, total: order.total, billedTo: owner ? `${owner.name} <${owner.email}>` : '' } };
      },
    ],
    [
      'POST',
      'shipping/track',
      async (c) => {
        const user = authenticate(c);
        const body = await readJson(c);
        const order = ownOrder(c, user, body.orderId);
        return { status: 200, body: { orderId: order.id, carrier: 'ShipCo', trackingNumber: `ZX${10_000_000 + order.id}`, status: order.status === 'shipped' ? 'in transit' : 'label created', address: order.address } };
      },
    ],
    [
      'GET',
      'shipping/status',
      async (c) => {
        authenticate(c);
        const tn = c.query.get('trackingNumber') ?? '';
        if (!vulnerable) {
          if (!/^[A-Z0-9]{8,20}$/.test(tn)) throw new HttpError(400, 'trackingNumber must be 8 to 20 upper-case letters or digits');
          return { status: 200, body: { trackingNumber: tn, status: 'in transit' } };
        }
        // the tracking number is pasted into a shell command line (emulated: nothing runs on the host)
        const r = runEmulatedShell(`track-cli status ${tn}`);
        if (r.sleepMs) await new Promise((resolve) => setTimeout(resolve, r.sleepMs));
        return { status: 200, body: { trackingNumber: tn, status: r.output.trim() } };
      },
    ],
    [
      'POST',
      'coupons/validate',
      async (c) => {
        authenticate(c);
        const body = await readJson(c);
        // vulnerable: the code is used as a query, so {"$ne": "x"} matches any coupon (NoSQL injection)
        const code = vulnerable ? body.code : str(body.code, 'code', 32);
        const coupon = COUPONS.find((k) => (vulnerable ? matchesQuery(k.code, code) : k.code === code));
        if (!coupon) throw new HttpError(404, 'no such coupon');
        return { status: 200, body: { code: coupon.code, discountPercent: coupon.discountPercent } };
      },
    ],
    [
      'GET',
      'files/:fileName',
      (c) => {
        const name = c.params.fileName ?? '';
        if (!vulnerable && !/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(name)) throw new HttpError(400, 'invalid file name');
        // vulnerable: the name is joined to the folder as a path, so ../ climbs out of it (path traversal)
        const content = readVirtualFile(vulnerable ? posix.join(FILES_DIR, name) : `${FILES_DIR}/${name}`);
        if (content === undefined) throw new HttpError(404, 'no such file');
        return { status: 200, text: content, contentType: 'text/plain; charset=utf-8' };
      },
    ],
    [
      'GET',
      'stats/summary',
      (c) => {
        if (!vulnerable) authenticate(c); // vulnerable: the check was forgotten (no authentication)
        const r = db.prepare('SELECT COUNT(*) AS orders, COALESCE(SUM(total), 0) AS revenue FROM orders').get() as { orders: number; revenue: number };
        return { status: 200, body: { orders: r.orders, revenue: Math.round(r.revenue * 100) / 100 } };
      },
    ],
    // ---------- undocumented on purpose (left out of shop-openapi.yaml): what `rampart demo` finds as shadow endpoints
    [
      'POST',
      'payments',
      async (c) => {
        const user = authenticate(c);
        const body = await readJson(c);
        const order = ownOrder(c, user, body.orderId);
        const card = (body.card ?? {}) as Record<string, unknown>;
        const number = vulnerable ? String(card.number) : str(card.number, 'card.number', 19, 12);
        if (!vulnerable && !/^\d{12,19}$/.test(number)) throw new HttpError(400, 'card.number must be 12 to 19 digits');
        // vulnerable: the whole card number is echoed back (a data leak the inventory flags in the response)
        const shown = vulnerable ? { number } : { last4: number.slice(-4) };
        return { status: 201, body: { orderId: order.id, amount: order.total, status: 'captured', card: shown } };
      },
    ],
    [
      'GET',
      'internal/users/export',
      (c) => {
        const user = authenticate(c);
        if (!vulnerable && user.role !== 'admin') throw new HttpError(403, 'administrators only');
        return { status: 200, body: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id').all().map(publicUser) };
      },
    ],
    [
      'GET',
      'admin/users',
      (c) => {
        const user = authenticate(c);
        if (!vulnerable && user.role !== 'admin') throw new HttpError(403, 'administrators only');
        return { status: 200, body: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id').all().map(userView) };
      },
    ],
    [
      'DELETE',
      'admin/users/:userId',
      (c) => {
        const user = authenticate(c);
        if (!vulnerable && user.role !== 'admin') throw new HttpError(403, 'administrators only');
        const id = vulnerable ? Number(c.params.userId) : intParam(c.params.userId, 'userId', 1);
        const r = db.prepare('DELETE FROM users WHERE id = ?').run(id);
        if (r.changes === 0) throw new HttpError(404, 'no such user');
        return { status: 204 };
      },
    ],
  ];
  const compiled = routes.map(([method, pattern, handler]) => ({ method, parts: pattern.split('/'), handler }));

  // ---------- dispatch
  const dispatch = async (req: IncomingMessage): Promise<Reply> => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const rawPath = q === -1 ? raw : raw.slice(0, q);
    const rawQuery = q === -1 ? '' : raw.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'TRACE') {
      if (!vulnerable) throw new HttpError(405, 'method not allowed', { allow: 'GET, POST, PATCH, DELETE' });
      // vulnerable: TRACE echoes the request, headers included (cross-site tracing)
      const lines = [`${method} ${raw} HTTP/${req.httpVersion}`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`)];
      req.resume();
      return { status: 200, text: `${lines.join('\r\n')}\r\n\r\n`, contentType: 'message/http' };
    }
    if (method === 'GET' && rawPath === '/.well-known/jwks.json') return { status: 200, body: tokens.jwks };
    const segments = rawPath.split('/').slice(1).map((s) => safeDecode(s));
    // vulnerable: the old /api/v1 still answers, with the same handlers
    const prefixOk = segments[0] === 'api' && (segments[1] === 'v2' || (vulnerable && segments[1] === 'v1'));
    if (!prefixOk) throw new HttpError(404, 'not found');
    const rest = segments.slice(2);
    for (const r of compiled) {
      if (r.method !== method || r.parts.length !== rest.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < r.parts.length && ok; i++) {
        const p = r.parts[i]!;
        if (p.startsWith(':')) params[p.slice(1)] = rest[i]!;
        else ok = p === rest[i];
      }
      if (!ok) continue;
      const query = new Map<string, string>();
      for (const [k, v] of parseQuery(rawQuery, 100)) if (!query.has(k)) query.set(k, v);
      return r.handler({ req, method, segments: rest, params, query, ip: req.socket.remoteAddress ?? '', rawQuery });
    }
    throw new HttpError(404, 'not found');
  };

  const commonHeaders = (req: IncomingMessage): Record<string, string> => {
    const h: Record<string, string> = {};
    const origin = req.headers.origin;
    if (vulnerable) {
      h['x-powered-by'] = 'ShopKit/1.4.2';
      h.server = 'ShopKit/1.4.2 (Node.js)';
      // any origin is reflected, with credentials (CORS misconfiguration)
      if (origin) {
        h['access-control-allow-origin'] = origin;
        h['access-control-allow-credentials'] = 'true';
      }
    } else {
      h['x-content-type-options'] = 'nosniff';
      h['cache-control'] = 'no-store';
      h['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
      if (origin === ALLOWED_ORIGIN) {
        h['access-control-allow-origin'] = ALLOWED_ORIGIN;
        h['access-control-allow-credentials'] = 'true';
        h.vary = 'Origin';
      }
    }
    return h;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const send = (r: Reply) => {
      if (!req.complete) req.resume();
      const headers: Record<string, string> = { ...commonHeaders(req), ...(r.headers ?? {}) };
      let payload = '';
      if (r.text !== undefined) {
        payload = r.text;
        headers['content-type'] = r.contentType ?? 'text/plain; charset=utf-8';
      } else if (r.body !== undefined) {
        payload = JSON.stringify(r.body);
        headers['content-type'] = 'application/json; charset=utf-8';
      }
      headers['content-length'] = String(Buffer.byteLength(payload));
      res.writeHead(r.status, headers);
      res.end(req.method === 'HEAD' ? undefined : payload);
    };
    dispatch(req).then(send, (err: unknown) => {
      if (err instanceof HttpError) send({ status: err.status, body: { error: err.message }, headers: err.headers });
      else if (vulnerable) {
        // vulnerable: the raw error goes out, stack trace included
        const e = err as Error;
        send({ status: 500, body: { error: e?.message ?? String(err), stack: e?.stack ?? '' } });
      } else send({ status: 500, body: { error: 'internal error' } });
    });
  };

  return {
    vulnerable,
    handle,
    mintToken(email, expiresInSeconds = 3600) {
      const u = userByEmail.get(email);
      if (!u) throw new Error(`no seeded account ${email}`);
      return tokens.sign({ sub: u.id, email: u.email, role: u.role }, expiresInSeconds, now());
    },
    close: () => db.close(),
  };
}

/** Starts the shop on `host:port` (default 127.0.0.1, an ephemeral port). */
export async function startShop(o: ShopOptions & { readonly host?: string; readonly port?: number }): Promise<RunningShop> {
  const app = createShopApp(o);
  const server = http.createServer((req, res) => app.handle(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const a = server.address() as AddressInfo;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return {
    url: `http://${host}:${a.port}`,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          app.close();
          resolve();
        });
      }),
  };
}

export { SHOP_ACCOUNTS };

// ---------- small helpers

/** Reads a request body up to `limit` bytes; beyond it the rest is drained (up to a hard cap) and 413 thrown. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > DISCARD_LIMIT) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(new HttpError(413, `the body is over ${Math.round(limit / 1024)} KiB`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function str(v: unknown, name: string, max: number, min = 0): string {
  if (typeof v !== 'string') throw new HttpError(400, `${name} must be a string`);
  if (v.length < min || v.length > max) throw new HttpError(400, `${name} must be ${min} to ${max} characters`);
  return v;
}

function emailField(v: unknown, name: string): string {
  const s = str(v, name, 200, 3);
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(s)) throw new HttpError(400, `${name} must be an e-mail address`);
  return s;
}

function intParam(v: unknown, name: string, min = -Infinity, max = Infinity): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `${name} must be an integer${Number.isFinite(min) ? ` from ${min}` : ''}${Number.isFinite(max) ? ` to ${max}` : ''}`);
  return n;
}

/** Fetches a URL (GET, 2 s, at most 64 KiB kept) for the avatar; undefined on any failure. */
function fetchUrl(url: URL): Promise<{ size: number; contentType: string } | undefined> {
  return new Promise((resolve) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.get(url, { timeout: 2000 }, (res) => {
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024) res.destroy();
      });
      res.on('end', () => resolve({ size, contentType: String(res.headers['content-type'] ?? 'application/octet-stream') }));
      res.on('error', () => resolve(undefined));
      res.on('close', () => resolve({ size, contentType: String(res.headers['content-type'] ?? 'application/octet-stream') }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}
