/**
 * Discovery's JavaScript reading, two suites on a generated front-end bundle (API calls in every style the
 * extractor knows, mixed with distractors: UI routes, assets, Map.get, sentences), ground truth known:
 *   - `discovery-js-extract` (bench): extraction throughput against a bare `acorn.parse` of the same text, same
 *     run (the extractor parses once and walks three times: it should keep well over a third of parse speed);
 *   - `discovery-js-accuracy` (eval): precision and recall of method + URL against the ground truth.
 */
import * as acorn from 'acorn';
import { extractApiCalls } from '../src/discovery/js-extract.js';
import { median, type Suite } from './harness.js';
import { createRandom as rng } from '../src/core/seeded-random.js';

interface Truth {
  readonly method: string;
  readonly url: string;
}

const RESOURCES = ['users', 'orders', 'invoices', 'carts', 'products', 'sessions', 'tokens', 'reports', 'accounts', 'payments'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function generateBundle(modules: number, seed = 7): { source: string; truth: Truth[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const truth: Truth[] = [];
  const parts: string[] = [];
  for (let i = 0; i < modules; i++) {
    const res = `${pick(RESOURCES)}${i}`;
    const version = `v${1 + Math.floor(r() * 3)}`;
    const method = pick(METHODS);
    const style = i % 8;
    const m = method.toLowerCase();
    let code: string;
    let url: string;
    switch (style) {
      case 0:
        url = `/api/${version}/${res}`;
        code = `fetch('${url}', { method: '${method}', headers: h });`;
        break;
      case 1:
        url = `/api/${version}/${res}/{id}`;
        code = `fetch(\`/api/${version}/${res}/\${id}\`, { method: '${method}' });`;
        break;
      case 2:
        url = `/api/${version}/${res}/{id}`;
        code = `const BASE_${i} = '/api/${version}'; axios.${m}(BASE_${i} + '/${res}/' + id);`;
        break;
      case 3:
        url = `/rest/${res}`;
        code = `var x${i} = new XMLHttpRequest(); x${i}.open('${method}', '/rest/${res}', true); x${i}.send();`;
        break;
      case 4:
        url = `/api/${res}/{id}/items`;
        code = `this.http.${m}("".concat(this.base, "/api/${res}/").concat(id, "/items"));`;
        url = `{base}/api/${res}/{id}/items`;
        break;
      case 5:
        url = `/ajax/${res}`;
        code = `$.ajax({ url: '/ajax/${res}', type: '${method}', data: d });`;
        break;
      case 6:
        url = `https://gw${i}.example.com/${version}/${res}`;
        code = `const c${i} = axios.create({ baseURL: 'https://gw${i}.example.com/${version}' }); c${i}.${m}('/${res}');`;
        break;
      default:
        url = `/api/${version}/${res}`;
        code = `new Request('/api/${version}/${res}', { method: '${method}' });`;
    }
    truth.push({ method, url });
    // distractors: none of these is an API call
    const distractor = [
      `const routes${i} = [{ path: '/${res}', component: C${i} }, { path: '/${res}/edit', component: E${i} }];`,
      `cache${i}.get('${res}');`,
      `const icon${i} = '/static/img/${res}.svg'; const css${i} = '/assets/${res}.css';`,
      `el${i}.textContent = 'Load the ${res} list from the server';`,
      `document.querySelector('#${res} > .item');`,
    ][i % 5];
    parts.push(`function m${i}(id, d, h) { ${code} ${distractor} return ${i}; }`);
  }
  return { source: `(function(){\n${parts.join('\n')}\n})();`, truth };
}

function score(found: ReadonlyArray<{ method: string; url: string }>, truth: readonly Truth[]): { precision: number; recall: number; tp: number; fp: number; fn: number } {
  const want = new Set(truth.map((t) => `${t.method} ${t.url}`));
  const got = new Set(found.map((f) => `${f.method} ${f.url}`));
  let tp = 0;
  for (const g of got) if (want.has(g)) tp++;
  const fp = got.size - tp;
  const fn = want.size - tp;
  return { precision: tp / Math.max(1, got.size), recall: tp / Math.max(1, want.size), tp, fp, fn };
}

export const discoveryJsExtractSuite: Suite = {
  name: 'discovery-js-extract',
  kind: 'bench',
  title: 'JS bundle API-call extraction throughput vs a bare acorn.parse (same text, same run)',
  async run() {
    const { source } = generateBundle(4_000);
    const mb = Buffer.byteLength(source) / 1e6;
    const parseMs: number[] = [];
    const extractMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
      parseMs.push(performance.now() - t);
      t = performance.now();
      extractApiCalls(source, { maxChars: 10 * 1024 * 1024, maxResults: 100_000 });
      extractMs.push(performance.now() - t);
    }
    const p = median(parseMs);
    const e = median(extractMs);
    const ratio = p / e;
    return {
      columns: ['pass', 'bundle MB', 'median ms', 'MB/s', 'vs parse'],
      rows: [
        ['acorn.parse only (baseline)', mb, p, mb / (p / 1000), 1],
        ['extractApiCalls', mb, e, mb / (e / 1000), ratio],
      ],
      notes: ['median of 5 runs; target: extraction keeps >= 33% of parse-only throughput (one parse, three walks)'],
      json: { bundleMB: mb, parseMs: p, extractMs: e, ratioOfParse: ratio, target: 0.33, pass: ratio >= 0.33 },
    };
  },
};

export const discoveryJsAccuracySuite: Suite = {
  name: 'discovery-js-accuracy',
  kind: 'eval',
  title: 'JS API-call extraction precision/recall on a generated bundle with distractors (8 call styles)',
  async run() {
    const { source, truth } = generateBundle(800, 11);
    const found = extractApiCalls(source, { maxResults: 100_000 }).calls.filter((c) => c.method !== 'ANY');
    const s = score(found, truth);
    const anyCalls = extractApiCalls(source, { maxResults: 100_000 }).calls.filter((c) => c.method === 'ANY').length;
    return {
      columns: ['calls', 'found (with method)', 'true pos', 'false pos', 'false neg', 'precision', 'recall', 'ANY strings'],
      rows: [[truth.length, found.length, s.tp, s.fp, s.fn, s.precision, s.recall, anyCalls]],
      notes: ['target: precision and recall >= 0.95 on the call styles the extractor claims; ANY strings are API-looking literals without a method (reported, not scored)'],
      json: { calls: truth.length, ...s, anyStrings: anyCalls, target: 0.95, pass: s.precision >= 0.95 && s.recall >= 0.95 },
    };
  },
};
