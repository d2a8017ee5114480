/**
 * Reconnaissance of what is not documented: old API versions, internal and debug paths, framework defaults —
 * first anonymously, then with a customer's leaked password.
 */
import { SHOP_ACCOUNTS } from '../../shop/shop-database.js';
import { bearerFrom, get, send, type Scenario, type ScenarioContext } from '../scenario.js';

const ANONYMOUS = ['/api/v2/internal/users/export', '/api/v1/users/me', '/.env', '/api/v2/debug/vars', '/api/v2/actuator/env', '/api/v2/swagger.json', '/api/v1/products?limit=1000'];

export function* shadowProbing(ctx: ScenarioContext): Scenario {
  let first = true;
  for (const path of ANONYMOUS) {
    yield get(path, first ? 0 : ctx.paceMs);
    first = false;
  }
  const carol = SHOP_ACCOUNTS.find((a) => a.email === 'carol@shop.example')!;
  const login = yield send('POST', '/api/v2/auth/login', { email: carol.email, password: carol.password }, ctx.paceMs);
  const auth = bearerFrom(login);
  if (!auth) return;
  yield get('/api/v2/internal/users/export', ctx.paceMs, auth);
  yield get('/api/v1/users/me', ctx.paceMs, auth);
  yield get('/api/v2/admin/users', ctx.paceMs, auth);
}
