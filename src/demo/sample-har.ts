/**
 * The shipped sample traffic (`samples/shop.har`): the demo shop (vulnerable twin) and the traffic generator on
 * the virtual clock — one request at a time, seeded — recorded as HAR 1.2. Reproducible except for the access
 * tokens, which the shop signs with a key pair made at start-up (`normaliseSampleHar` masks them to compare).
 * Every credential in it is the demo's own: seeded demo passwords, test card numbers, tokens of a throwaway key.
 */
import { serializeHar } from '../ingest/index.js';
import type { Exchange, Header } from '../core/index.js';
import { startShop } from './shop/create-shop.js';
import { planTraffic } from './traffic/plan-traffic.js';
import { runTraffic } from './traffic/run-traffic.js';

/** The sample's settings: a lighter scraper and bot than the demo's, so the file stays under 300 KB. */
export const SAMPLE_HAR = { seed: 42, durationMs: 12_000, rate: 14, scraperRequests: 15, botRequests: 21, startTime: Date.UTC(2026, 0, 5, 9, 0, 0), maxBodyBytes: 4096 };

/** Records the sample and returns the HAR text. */
export async function recordSampleHar(): Promise<{ text: string; exchanges: number }> {
  const s = SAMPLE_HAR;
  // the shop's clock stands still at the start: token times do not depend on how fast the run went
  const shop = await startShop({ vulnerable: true, now: () => s.startTime });
  try {
    const plan = planTraffic({ seed: s.seed, durationMs: s.durationMs, rate: s.rate, scraperRequests: s.scraperRequests, botRequests: s.botRequests });
    const run = await runTraffic({ baseUrl: shop.url, actors: plan.actors, durationMs: s.durationMs, clock: 'virtual', startTime: s.startTime, maxBodyBytes: s.maxBodyBytes });
    const exchanges = run.exchanges.map((r) => withVirtualDate(r.exchange));
    return { text: serializeHar(exchanges, { name: 'rampart sample (scripts/make-sample-har.ts)', version: '1' }), exchanges: exchanges.length };
  } finally {
    await shop.close();
  }
}

/** The HAR with every JWT replaced by `<jwt>`: what must match between two recordings. */
export function normaliseSampleHar(text: string): string {
  return text.replace(/eyJ[\w-]{2,4096}\.eyJ[\w-]{2,4096}\.[\w-]{0,4096}/g, '<jwt>');
}

/** The response's Date header set to the exchange's (virtual) time, so the file does not change with the wall clock. */
function withVirtualDate(ex: Exchange): Exchange {
  if (!ex.response) return ex;
  const date = new Date(ex.time).toUTCString();
  return { ...ex, response: { ...ex.response, headers: ex.response.headers.map(([n, v]): Header => [n, n === 'date' ? date : v]) } };
}
