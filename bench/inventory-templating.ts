/**
 * Evaluation I4: path templating accuracy. From the real specs in `openapi-directory-sample`, generate seeded
 * traffic (≥ 10 requests per operation; path parameter values drawn from each parameter's enum, format, type,
 * example, and realistic word-like values for plain strings), run the learner WITHOUT the specs, and compare the
 * learned templates with the documented ones (parameter names ignored):
 *
 * - recovered: every request of the operation lands on an endpoint whose template is the operation's;
 * - over-merged: its requests land on an endpoint that also takes requests of another operation (same method,
 *   different template) — two documented operations merged, or a static sibling swallowed;
 * - static siblings: operations whose literal segment is also matched by a sibling's template (`/users/me`
 *   beside `/users/{id}`), kept when recovered.
 *
 * Baseline in the same run: single-observation templating only (structural learning off).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '../src/core/index.js';
import { createInventoryLearner, type InventoryLearnerOptions } from '../src/inventory/inventory-learner.js';
import { segmentKind } from '../src/inventory/segment-kind.js';
import type { Suite, SuiteResult } from './harness.js';
import { corpus } from './shared-corpora.js';
import { createRandom as rng } from '../src/core/seeded-random.js';

const SAMPLES_PER_OPERATION = 10;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Json = Record<string, unknown>;

const ADJECTIVES = ['blue', 'red', 'green', 'happy', 'quiet', 'bright', 'dark', 'swift', 'brave', 'calm', 'eager', 'fancy', 'gentle', 'jolly', 'kind', 'lively', 'nice', 'proud', 'silly', 'witty', 'golden', 'silver', 'tiny', 'giant', 'ancient', 'modern', 'urban', 'rustic', 'wild', 'sunny'];
const NOUNS = ['shirt', 'hat', 'river', 'mountain', 'falcon', 'tiger', 'garden', 'lamp', 'forest', 'ocean', 'pixel', 'rocket', 'harbor', 'meadow', 'canyon', 'island', 'valley', 'comet', 'maple', 'cedar', 'otter', 'panda', 'koala', 'sparrow', 'bridge', 'castle', 'lantern', 'anchor', 'compass', 'voyage'];
const WORDS = [
  'octocat', 'torvalds', 'gaearon', 'sindresorhus', 'addyosmani', 'alice', 'bob', 'charlie', 'dave', 'eve', 'mallory', 'trent', 'peggy', 'victor', 'walter',
  'london', 'paris', 'berlin', 'madrid', 'tokyo', 'sydney', 'toronto', 'chicago', 'boston', 'denver', 'austin', 'seattle', 'dublin', 'oslo', 'vienna',
  'lodash', 'express', 'react', 'angular', 'webpack', 'babel', 'jquery', 'moment', 'axios', 'chalk', 'debug', 'commander', 'yargs', 'mocha', 'jest',
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'wayne', 'stark', 'wonka', 'cyberdyne', 'tyrell', 'soylent', 'vandelay', 'aperture', 'oscorp', 'massive',
  'hello-world', 'spoon-knife', 'linux', 'kubernetes', 'terraform', 'ansible', 'grafana', 'prometheus', 'postgres', 'redis', 'nginx', 'envoy', 'kafka', 'spark', 'flink',
  'espresso', 'latte', 'mocha-cake', 'croissant', 'bagel', 'pretzel', 'waffle', 'pancake', 'muffin', 'brownie', 'cookie-jar', 'donut', 'scone', 'tart', 'crumble',
];

function wordValue(r: () => number): string {
  if (r() < 0.5) return WORDS[Math.floor(r() * WORDS.length)] as string;
  return `${ADJECTIVES[Math.floor(r() * ADJECTIVES.length)]}-${NOUNS[Math.floor(r() * NOUNS.length)]}`;
}

function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

function deref(doc: Json, x: unknown, depth = 0): Json | undefined {
  if (!x || typeof x !== 'object' || depth > 20) return undefined;
  const ref = (x as Json).$ref;
  if (typeof ref !== 'string') return x as Json;
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur && typeof cur === 'object' ? (cur as Json)[key] : undefined;
  }
  return deref(doc, cur, depth + 1);
}

/** A value for a path parameter from its schema (enum, format, type), example, or a word. */
function valueFor(doc: Json, param: Json, r: () => number, i: number, avoid: ReadonlySet<string>): string {
  const schema = deref(doc, param.schema) ?? {};
  const en = (schema.enum ?? (deref(doc, (schema.items as Json | undefined)) ?? {}).enum) as unknown[] | undefined;
  if (Array.isArray(en) && en.length) return String(en[Math.floor(r() * en.length)]);
  const example = param.example ?? schema.example;
  const type = schema.type;
  const format = schema.format;
  if (type === 'integer' || format === 'int32' || format === 'int64') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
    const max = typeof schema.maximum === 'number' ? schema.maximum : min + 99_999;
    return String(Math.floor(min + r() * (max - min + 1)));
  }
  if (type === 'number') return (r() * 1000).toFixed(2);
  if (type === 'boolean') return r() < 0.5 ? 'true' : 'false';
  if (format === 'uuid') return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
  if (format === 'date') return `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
  if (format === 'date-time') return `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T1${Math.floor(r() * 9)}:00:00Z`;
  if (format === 'email') return `${wordValue(r).replace(/-/g, '.')}@example.com`;
  if (i === 0 && (typeof example === 'string' || typeof example === 'number') && String(example).length > 0 && String(example).length < 60) return String(example);
  for (;;) {
    const w = wordValue(r);
    if (!avoid.has(w)) return w;
  }
}

interface Operation {
  readonly method: string;
  /** Full template (base path + path), normalised: parameters `{}`, no trailing slash. */
  readonly truth: string;
  readonly paths: string[];
  /** What makes the template hard to learn from traffic (for the miss report). */
  readonly traits: Set<string>;
}

/** Why a documented template cannot be told from traffic: small enums, compound segments, id-like literals. */
function templateTraits(doc: Json, fullPath: string, params: ReadonlyMap<string, Json>): Set<string> {
  const traits = new Set<string>();
  for (const seg of fullPath.split('?')[0]?.split('/').filter(Boolean) ?? []) {
    if (seg.includes('{')) {
      if (!/^\{[^{}]*\}(?:\.[A-Za-z0-9]{1,5}|:[A-Za-z][A-Za-z0-9]*)?$/.test(seg)) traits.add('compound segment');
    } else if (segmentKind(seg) !== 'literal') traits.add('literal that looks like a value');
  }
  for (const p of params.values()) {
    const schema = deref(doc, p.schema) ?? {};
    const en = schema.enum as unknown[] | undefined;
    if (Array.isArray(en) && en.length < 5) traits.add(`enum of ${en.length}`);
  }
  return traits;
}

interface SpecCase {
  readonly file: string;
  readonly host: string;
  readonly operations: Operation[];
}

export function normalise(template: string): string {
  const segs = template.split('?')[0]?.split('/').filter(Boolean) ?? [];
  return `/${segs.map((s) => s.replace(/\{[^{}]*\}/g, '{}')).join('/')}`;
}

function listSpecs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSpecs(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Generates the seeded traffic of one spec. */
export function generateSpecTraffic(file: string, text: string, seed: number): SpecCase | undefined {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  const r = rng(seed);
  const server = (Array.isArray(doc.servers) ? (doc.servers[0] as Json | undefined) : undefined) ?? { url: '/' };
  let url = String(server.url ?? '/');
  const vars = (server.variables ?? {}) as Record<string, Json>;
  url = url.replace(/\{([^{}]*)\}/g, (_m, v: string) => String(vars[v]?.default ?? 'default'));
  let host = 'api.example.test';
  let basePath = '';
  try {
    const u = new URL(url, 'https://api.example.test');
    host = u.host.toLowerCase();
    basePath = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
  } catch {
    // keep defaults
  }
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const literals = new Set<string>();
  for (const p of Object.keys(paths)) for (const s of p.split('/')) if (s && !s.includes('{')) literals.add(s);
  const byKey = new Map<string, Operation>();
  for (const [path, item] of Object.entries(paths)) {
    const itemParams = (Array.isArray(item.parameters) ? item.parameters : []) as unknown[];
    for (const m of METHODS) {
      const op = item[m] as Json | undefined;
      if (!op || typeof op !== 'object') continue;
      const params = new Map<string, Json>();
      for (const p of [...itemParams, ...((Array.isArray(op.parameters) ? op.parameters : []) as unknown[])]) {
        const d = deref(doc, p);
        if (d && d.in === 'path' && typeof d.name === 'string') params.set(d.name, d);
      }
      const method = m.toUpperCase();
      const truth = normalise(`${basePath}${path}`);
      const key = `${method} ${truth}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { method, truth, paths: [], traits: templateTraits(doc, `${basePath}${path}`, params) }));
      const pathOnly = path.split('?')[0] as string;
      for (let i = 0; i < SAMPLES_PER_OPERATION; i++) {
        const concrete = pathOnly.replace(/\{([^{}]*)\}/g, (_m, name: string) => encodeURIComponent(valueFor(doc, params.get(name) ?? { schema: { type: 'string' } }, r, i, literals)));
        entry.paths.push(`${basePath}${concrete}`);
      }
    }
  }
  return { file, host, operations: [...byKey.values()] };
}

function exchangeFor(method: string, host: string, path: string, n: number): Exchange {
  return {
    time: 1_700_000_000_000 + n,
    client: {},
    request: { method, scheme: 'https', host, target: path, headers: [['accept', 'application/json']] },
    response: { status: 200, headers: [] },
    source: { kind: 'test' },
  };
}

interface Score {
  operations: number;
  recovered: number;
  overMerged: number;
  staticSiblings: number;
  staticKept: number;
  misses: Array<{ truth: string; method: string; learned: string; reason: string }>;
}

/** Runs the learner over one spec's traffic and scores it. */
export function scoreSpec(c: SpecCase, options: InventoryLearnerOptions, seed: number): Score {
  const learner = createInventoryLearner(options);
  const all: Array<[Operation, string]> = [];
  for (const op of c.operations) for (const p of op.paths) all.push([op, p]);
  const r = rng(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j] as [Operation, string], all[i] as [Operation, string]];
  }
  all.forEach(([op, p], n) => learner.add(exchangeFor(op.method, c.host, p, n)));
  learner.finish();
  const landed = new Map<Operation, Set<string>>();
  const byEndpoint = new Map<string, Set<string>>();
  for (const [op, p] of all) {
    const key = learner.resolve(op.method, c.host, p) ?? '(none)';
    const set = landed.get(op) ?? new Set();
    set.add(key);
    landed.set(op, set);
    const truths = byEndpoint.get(key) ?? new Set();
    truths.add(op.truth);
    byEndpoint.set(key, truths);
  }
  const score: Score = { operations: 0, recovered: 0, overMerged: 0, staticSiblings: 0, staticKept: 0, misses: [] };
  const templates = c.operations.map((o) => o.truth);
  for (const op of c.operations) {
    score.operations++;
    const keys = [...(landed.get(op) ?? [])];
    const learnedTemplates = keys.map((k) => normalise(k.split(' ').slice(2).join(' ')));
    const ok = keys.length === 1 && learnedTemplates[0] === op.truth;
    const over = keys.some((k) => (byEndpoint.get(k)?.size ?? 0) > 1);
    const sibling = isStaticSibling(op.truth, templates);
    if (sibling) score.staticSiblings++;
    if (ok) {
      score.recovered++;
      if (sibling) score.staticKept++;
    } else {
      const why = missReason(op.truth, learnedTemplates, over);
      score.misses.push({ truth: op.truth, method: op.method, learned: [...new Set(learnedTemplates)].slice(0, 3).join(' | '), reason: op.traits.size ? `${why}; ${[...op.traits].join(', ')}` : why });
    }
    if (over) score.overMerged++;
  }
  return score;
}

/** True when another template of the spec matches this one's literal segment(s) with a parameter. */
function isStaticSibling(truth: string, templates: readonly string[]): boolean {
  const a = truth.split('/');
  return templates.some((t) => {
    if (t === truth) return false;
    const b = t.split('/');
    if (b.length !== a.length) return false;
    let paramOverLiteral = false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      if (b[i] === '{}' && !(a[i] as string).includes('{')) paramOverLiteral = true;
      else return false;
    }
    return paramOverLiteral;
  });
}

function missReason(truth: string, learned: readonly string[], over: boolean): string {
  if (over) return 'over-merged with another operation';
  if (learned.length > 1) return 'split over several endpoints (values seen as static words)';
  const l = learned[0] ?? '';
  const a = truth.split('/');
  const b = l.split('/');
  if (a.length !== b.length) return 'different depth';
  let literalForParam = false;
  let paramForLiteral = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if ((a[i] as string).includes('{') && !(b[i] as string).includes('{')) literalForParam = true;
    else if (!(a[i] as string).includes('{') && (b[i] as string).includes('{')) paramForLiteral = true;
    else literalForParam = true;
  }
  if (literalForParam && !paramForLiteral) return 'parameter kept literal (too few distinct values)';
  if (paramForLiteral && !literalForParam) return 'literal turned into a parameter';
  return 'mixed';
}

interface Totals {
  operations: number;
  recovered: number;
  overMerged: number;
  staticSiblings: number;
  staticKept: number;
  seconds: number;
}

function run(cases: readonly SpecCase[], options: InventoryLearnerOptions): { totals: Totals; perSpec: Array<{ file: string; score: Score }> } {
  const started = performance.now();
  const totals: Totals = { operations: 0, recovered: 0, overMerged: 0, staticSiblings: 0, staticKept: 0, seconds: 0 };
  const perSpec: Array<{ file: string; score: Score }> = [];
  cases.forEach((c, i) => {
    const score = scoreSpec(c, options, 1000 + i);
    perSpec.push({ file: c.file, score });
    totals.operations += score.operations;
    totals.recovered += score.recovered;
    totals.overMerged += score.overMerged;
    totals.staticSiblings += score.staticSiblings;
    totals.staticKept += score.staticKept;
  });
  totals.seconds = (performance.now() - started) / 1000;
  return { totals, perSpec };
}

const pct = (a: number, b: number) => (b ? (100 * a) / b : 0);

export const inventoryTemplatingSuite: Suite = {
  name: 'inventory-templating',
  kind: 'eval',
  title: 'I4: path templates recovered from traffic generated from 203 public OpenAPI specs (learner run without the specs)',
  async run(): Promise<SuiteResult> {
    const dir = corpus('openapi-directory-sample', 'specs');
    if (!dir) {
      return { columns: ['result'], rows: [['skipped: needs ../shared/corpora/openapi-directory-sample']], json: { skipped: true } };
    }
    const files = listSpecs(dir);
    const cases: SpecCase[] = [];
    files.forEach((f, i) => {
      const c = generateSpecTraffic(f.slice(dir.length + 1), readFileSync(f, 'utf8'), 20240601 + i);
      if (c && c.operations.length) cases.push(c);
    });
    const learned = run(cases, {});
    const baseline = run(cases, { tree: { structural: false } });
    const row = (name: string, t: Totals) => [
      name,
      t.operations,
      `${pct(t.recovered, t.operations).toFixed(1)}%`,
      `${pct(t.overMerged, t.operations).toFixed(2)}%`,
      `${t.staticKept}/${t.staticSiblings} (${pct(t.staticKept, t.staticSiblings).toFixed(1)}%)`,
      t.seconds.toFixed(1),
    ];
    const reasons = new Map<string, number>();
    const traits = new Map<string, number>();
    for (const s of learned.perSpec) {
      for (const m of s.score.misses) {
        const [base, rest] = m.reason.split('; ');
        reasons.set(base as string, (reasons.get(base as string) ?? 0) + 1);
        for (const t of rest ? rest.split(', ') : ['none of these (word values, popular values)']) {
          const k = t.startsWith('enum of') ? 'enum of < 5 values' : t;
          traits.set(k, (traits.get(k) ?? 0) + 1);
        }
      }
    }
    const worst = [...learned.perSpec]
      .filter((s) => s.score.recovered < s.score.operations)
      .sort((a, b) => a.score.recovered / a.score.operations - b.score.recovered / b.score.operations || b.score.operations - a.score.operations)
      .slice(0, 10);
    const notes = [
      `${cases.length} specs, ${learned.totals.operations} distinct operations (method + template), ${SAMPLES_PER_OPERATION} requests each, shuffled; targets: recovered ≥ 95%, over-merge ≤ 1%, static siblings kept`,
      `baseline = single-observation templating only (ids, uuids, hashes, dates… — no structural learning of word values)`,
      `misses by reason: ${[...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}: ${n}`).join('; ')}`,
      `misses by what the documented template has: ${[...traits].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}: ${n}`).join('; ')}`,
      'worst specs (recovered/operations — first misses: documented → learned):',
      ...worst.map(
        (s) =>
          `  ${s.file}: ${s.score.recovered}/${s.score.operations} — ${s.score.misses
            .slice(0, 3)
            .map((m) => `${m.method} ${m.truth} → ${m.learned} [${m.reason}]`)
            .join('; ')}`,
      ),
    ];
    return {
      columns: ['templating', 'operations', 'recovered', 'over-merged', 'static siblings kept', 'seconds'],
      rows: [row('learner (structural)', learned.totals), row('baseline (single observation)', baseline.totals)],
      notes,
      json: {
        specs: cases.length,
        samplesPerOperation: SAMPLES_PER_OPERATION,
        learner: learned.totals,
        baseline: baseline.totals,
        recoveredRate: pct(learned.totals.recovered, learned.totals.operations) / 100,
        overMergeRate: pct(learned.totals.overMerged, learned.totals.operations) / 100,
        baselineRecoveredRate: pct(baseline.totals.recovered, baseline.totals.operations) / 100,
        missReasons: Object.fromEntries(reasons),
        missTraits: Object.fromEntries(traits),
        worst: worst.map((s) => ({ file: s.file, operations: s.score.operations, recovered: s.score.recovered, misses: s.score.misses.slice(0, 5) })),
      },
    };
  },
};
