/** A scraper copying the catalogue: every product page in order, fast, anonymous. */
import { get, type Scenario, type ScenarioContext } from '../scenario.js';

export function* scraping(ctx: ScenarioContext): Scenario {
  yield get('/api/v2/products?limit=5', 0);
  for (let id = 1; id < ctx.budget; id++) yield get(`/api/v2/products/${((id - 1) % 250) + 1}`, ctx.paceMs);
}
