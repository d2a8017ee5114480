/**
 * Per-request cost of route + OpenAPI request validation on the gateway's hot path, for the request shapes of
 * ../shared/tools/peer-modsec.sh (GET with 3 query arguments; POST of its ~1 KB and ~16 KB JSON orders), against
 * a baseline measured in the same run: `JSON.parse` of the same body (for the GET: parsing its query string).
 * Median of 5 rounds; candidate and baseline interleaved in each round.
 */
import { fileURLToPath } from 'node:url';
import { parseQuery, splitTarget } from '../src/core/http.js';
import { createOperationRouter, createRequestValidator, loadSpec } from '../src/spec/index.js';
import { median, type Suite } from './harness.js';
import { orderBody } from './support/gateway-fixtures.js';

const SPEC = fileURLToPath(new URL('./fixtures/orders-api.yaml', import.meta.url));

/** µs per call of `fn`, timing batches of `n` calls. */
function timeIt(fn: () => unknown, n: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (fn()) sink++;
  const ns = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return ns / 1000 / n;
}

export const specValidateSuite: Suite = {
  name: 'spec-validate',
  kind: 'bench',
  title: 'route + OpenAPI request validation per request vs JSON.parse of the same body (µs, requests/s per core)',
  async run() {
    const spec = await loadSpec(SPEC);
    const router = createOperationRouter(spec.description);
    const validate = createRequestValidator(spec.description);
    const headers: Array<[string, string]> = [
      ['host', 'shop.example.com'],
      ['content-type', 'application/json'],
      ['user-agent', 'wrk'],
    ];
    const json1k = orderBody(1024);
    const json16k = orderBody(16384);
    const bad1k = json1k.replace('"qty":1', '"qty":"1"');

    const request = (method: string, target: string, body?: string) => () => {
      const { path, query } = splitTarget(target);
      const m = router.match(method, path, 'shop.example.com');
      if (!m) throw new Error(`no route for ${method} ${target}`);
      return validate(m.operation, {
        pathParams: m.pathParams,
        query: parseQuery(query),
        headers,
        ...(body !== undefined ? { body: { mediaType: 'application/json', text: body } } : {}),
      });
    };
    const cases = [
      { name: 'GET, 3 query args', bytes: 0, candidate: request('GET', '/api/v1/products?category=books&page=2&sort=price'), baseline: () => parseQuery('category=books&page=2&sort=price'), baselineName: 'parseQuery', n: 20_000, expect: 0 },
      { name: 'POST 1 KB JSON', bytes: json1k.length, candidate: request('POST', '/api/v1/orders', json1k), baseline: () => JSON.parse(json1k), baselineName: 'JSON.parse', n: 10_000, expect: 0 },
      { name: 'POST 16 KB JSON', bytes: json16k.length, candidate: request('POST', '/api/v1/orders', json16k), baseline: () => JSON.parse(json16k), baselineName: 'JSON.parse', n: 1_000, expect: 0 },
      { name: 'POST 1 KB JSON, 1 bad value', bytes: bad1k.length, candidate: request('POST', '/api/v1/orders', bad1k), baseline: () => JSON.parse(bad1k), baselineName: 'JSON.parse', n: 10_000, expect: 1 },
    ];
    const rows: Array<Array<string | number>> = [];
    const results: Record<string, unknown>[] = [];
    for (const c of cases) {
      const issues = c.candidate();
      if (issues.length !== c.expect) throw new Error(`${c.name}: expected ${c.expect} issue(s), got ${JSON.stringify(issues)}`);
      // warm-up (compiles the operation's schemas, lets the JIT settle)
      timeIt(c.candidate, c.n);
      timeIt(c.baseline, c.n);
      const cand: number[] = [];
      const base: number[] = [];
      for (let round = 0; round < 5; round++) {
        cand.push(timeIt(c.candidate, c.n));
        base.push(timeIt(c.baseline, c.n));
      }
      const us = median(cand);
      const baseUs = median(base);
      rows.push([c.name, c.bytes, Number(us.toFixed(2)), Math.round(1e6 / us), `${c.baselineName} ${baseUs.toFixed(2)}`, Number((us / baseUs).toFixed(2))]);
      results.push({ case: c.name, bodyBytes: c.bytes, usPerRequest: us, requestsPerSecondPerCore: 1e6 / us, baseline: c.baselineName, baselineUs: baseUs, ratioToBaseline: us / baseUs, rounds: cand, baselineRounds: base });
    }
    return {
      columns: ['request', 'body bytes', 'µs/request', 'requests/s per core', 'baseline µs', 'x baseline'],
      rows,
      notes: [
        'candidate = splitTarget + router.match (host-aware) + parseQuery + createRequestValidator(…) on the matched operation (schemas compiled before timing)',
        'baseline = JSON.parse of the same body (GET: parseQuery of its query string), same process, interleaved; medians of 5 rounds',
        'the reference WAF (nginx + ModSecurity + CRS) spends ~0.2–0.3 ms of CPU per inspected argument (../shared/guide/performance.md)',
      ],
      json: { results },
    };
  },
};
