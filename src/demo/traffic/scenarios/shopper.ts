/**
 * A benign shopper: browses the catalogue, signs up (or signs in to a returning account), orders, pays, checks
 * the order. Human think times (exponential). Paying goes to `POST /payments`, which the team never documented:
 * legitimate traffic on a shadow endpoint, the case that tells people to start the gateway in monitor mode.
 */
import { bearerFrom, get, idFrom, send, type Scenario, type ScenarioContext } from '../scenario.js';

export interface ShopperIdentity {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  /** A new customer signs up first. */
  readonly register: boolean;
}

/** Test card numbers of the card networks (Luhn-valid, never real accounts). */
export const TEST_CARDS = ['4111111111111111', '5555555555554444', '4012888888881881'] as const;
const WORDS = ['lamp', 'kettle', 'mug', 'blue', 'steel', 'charger', 'chair', 'speaker'];
const STREETS = ['Elm Street', 'Harbour Road', 'Mill Lane', 'Station Road', 'Park Avenue'];
const REVIEWS = ['Works as described.', 'Arrived quickly, nice quality.', 'A bit smaller than expected.', 'Great value!'];

export function* shopper(ctx: ScenarioContext, who: ShopperIdentity, meanThinkMs: number): Scenario {
  const r = ctx.random;
  const think = () => 100 + r.exponential(meanThinkMs);
  const api = '/api/v2';
  yield get(`${api}/products?limit=5&offset=${r.int(0, 40) * 5}`, 0);
  for (let i = r.int(1, 3); i > 0; i--) yield get(`${api}/products/${r.int(1, 250)}`, think());
  if (r.chance(0.4)) yield get(`${api}/products/search?q=${r.pick(WORDS)}`, think());
  if (who.register) yield send('POST', `${api}/users`, { email: who.email, password: who.password, name: who.name }, think());
  const login = yield send('POST', `${api}/auth/login`, { email: who.email, password: who.password }, think());
  const auth = bearerFrom(login);
  if (!auth) return;
  yield get(`${api}/users/me`, think(), auth);
  if (r.chance(0.7)) {
    const productId = r.int(1, 250);
    const order = yield send('POST', `${api}/orders`, { productId, quantity: r.int(1, 3), address: `${r.int(1, 99)} ${r.pick(STREETS)}, Springfield` }, think(), auth);
    const id = idFrom(order);
    if (id !== undefined) {
      if (r.chance(0.3)) yield send('POST', `${api}/coupons/validate`, { code: 'WELCOME10' }, think(), auth);
      yield send('POST', `${api}/payments`, { orderId: id, card: { number: r.pick(TEST_CARDS), expiry: '12/29', cvc: String(r.int(100, 999)) } }, think(), auth);
      yield get(`${api}/orders/${id}`, think(), auth);
      if (r.chance(0.3)) yield get(`${api}/invoices?orderId=${id}`, think(), auth);
      if (r.chance(0.3)) yield send('POST', `${api}/shipping/track`, { orderId: id }, think(), auth);
      if (r.chance(0.25)) yield send('POST', `${api}/products/${productId}/reviews`, { rating: r.int(3, 5), text: r.pick(REVIEWS) }, think(), auth);
    }
  }
  yield get(`${api}/orders`, think(), auth);
}
