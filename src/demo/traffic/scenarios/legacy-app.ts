/**
 * A benign customer on an old mobile app that still calls `/api/v1` (which the spec no longer documents: the
 * inventory reports it as a zombie, an older version of documented paths that is still called) and the
 * deprecated `GET /products/featured`.
 */
import { bearerFrom, get, send, type Scenario, type ScenarioContext } from '../scenario.js';

export function* legacyApp(ctx: ScenarioContext, account: { readonly email: string; readonly password: string }, meanThinkMs: number): Scenario {
  const r = ctx.random;
  const think = () => 100 + r.exponential(meanThinkMs);
  const v1 = '/api/v1';
  yield get(`${v1}/products?limit=5`, 0);
  yield get('/api/v2/products/featured', think());
  yield get(`${v1}/products/${r.int(1, 250)}`, think());
  const login = yield send('POST', `${v1}/auth/login`, { email: account.email, password: account.password }, think());
  const auth = bearerFrom(login);
  if (!auth) return;
  yield get(`${v1}/orders`, think(), auth);
}
