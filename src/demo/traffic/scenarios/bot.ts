/**
 * A script on a timer with an HTTP library's User-Agent: polls the product list, the (unauthenticated on the
 * vulnerable shop) sales statistics and the deprecated featured list at a perfectly regular interval.
 */
import { get, type Scenario, type ScenarioContext } from '../scenario.js';

const CYCLE = ['/api/v2/products?limit=10', '/api/v2/stats/summary', '/api/v2/products/featured'];

export function* bot(ctx: ScenarioContext): Scenario {
  for (let i = 0; i < ctx.budget; i++) yield { ...get(CYCLE[i % CYCLE.length]!, i === 0 ? 0 : ctx.paceMs), onTimer: true };
}
