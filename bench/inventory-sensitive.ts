/**
 * I5 — sensitive-data classification: precision and recall per type on seeded, labelled values in realistic
 * places mixed with look-alike distractors (target >= 0.95 each); redaction leaks and idempotence for every
 * labelled value put in a JSON body; classifier cost per value on ordinary traffic and on a realistic mix,
 * against a one-regex-per-value baseline in the same run; and, as a sanity check to read by hand, every value
 * of the real HAR corpora that fires a classifier.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SensitiveType } from '../src/core/index.js';
import { CLASSIFIERS, classifyValue, type ValueContext } from '../src/inventory/classifiers/index.js';
import { redactBody, redactValue } from '../src/inventory/redact.js';
import { median, type Suite, type SuiteResult } from './harness.js';
import { corpus } from './shared-corpora.js';
import { createRng, distractors, ordinaryValues, positives, type LabelledValue } from './sensitive-samples.js';

const SEED = 0x15e5;
const PER_TYPE = 400;
const DISTRACTORS = 8_000;
const ORDINARY = 20_000;
const TIMING_ROUNDS = 11;
const TARGET = 0.95;

interface TypeStats {
  tp: number;
  fp: number;
  fn: number;
  leaks: number;
  notIdempotent: number;
  har: number;
  errors: string[];
}

const short = (s: string, n = 70): string => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\n/g, '\\n');

function accuracy(samples: readonly LabelledValue[]): Map<SensitiveType, TypeStats> {
  const stats = new Map<SensitiveType, TypeStats>();
  for (const c of CLASSIFIERS) stats.set(c.type, { tp: 0, fp: 0, fn: 0, leaks: 0, notIdempotent: 0, har: 0, errors: [] });
  for (const s of samples) {
    const got = classifyValue(s.value, s.ctx);
    for (const t of got) {
      const st = stats.get(t) as TypeStats;
      if (t === s.label) st.tp++;
      else {
        st.fp++;
        if (st.errors.length < 6) st.errors.push(`FP ${s.kind} ${s.ctx.location}:${s.ctx.name ?? '-'}=${short(s.value)}`);
      }
    }
    if (s.label && !got.includes(s.label)) {
      const st = stats.get(s.label) as TypeStats;
      st.fn++;
      if (st.errors.length < 6) st.errors.push(`FN ${s.kind} ${s.ctx.location}:${s.ctx.name ?? '-'}=${short(s.value)}`);
    }
  }
  return stats;
}

/** Every labelled value in a JSON body under its name: redaction must hide it (IP addresses are kept by default) and be idempotent. */
function redactionChecks(samples: readonly LabelledValue[], stats: Map<SensitiveType, TypeStats>): void {
  for (const s of samples) {
    if (!s.label) continue;
    const st = stats.get(s.label) as TypeStats;
    const body = JSON.stringify({ [s.ctx.name ?? 'value']: s.value });
    const once = redactBody(body, 'application/json');
    if (s.label !== 'ip-address' && (once.includes(JSON.stringify(s.value).slice(1, -1)) || once === body)) {
      st.leaks++;
      if (st.errors.length < 8) st.errors.push(`LEAK ${s.kind} ${s.ctx.name ?? '-'}=${short(s.value)}`);
    }
    if (redactBody(once, 'application/json') !== once) st.notIdempotent++;
  }
}

interface Timing {
  /** Median ns per value for the candidate and the baseline, and the median of the per-round ratios. */
  readonly ns: number;
  readonly baselineNs: number;
  readonly ratio: number;
}

/** Candidate and baseline timed in alternation, round by round, so machine noise hits both alike. */
function timePair(values: readonly LabelledValue[], candidate: (v: string, c: ValueContext) => number, baseline: (v: string, c: ValueContext) => number): Timing {
  const cand: number[] = [];
  const base: number[] = [];
  const ratios: number[] = [];
  let sink = 0;
  for (let r = 0; r < TIMING_ROUNDS; r++) {
    let t0 = process.hrtime.bigint();
    for (const v of values) sink += candidate(v.value, v.ctx);
    const c = Number(process.hrtime.bigint() - t0) / values.length;
    t0 = process.hrtime.bigint();
    for (const v of values) sink += baseline(v.value, v.ctx);
    const b = Number(process.hrtime.bigint() - t0) / values.length;
    cand.push(c);
    base.push(b);
    ratios.push(c / b);
  }
  if (sink === -1) console.log('');
  return { ns: median(cand), baselineNs: median(base), ratio: median(ratios) };
}

interface HarFiring {
  readonly file: string;
  readonly entry: number;
  readonly where: string;
  readonly type: SensitiveType;
  readonly redacted: string;
}

interface HarScan {
  readonly files: number;
  readonly unreadable: string[];
  readonly entries: number;
  readonly values: number;
  readonly firings: HarFiring[];
}

function harFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...harFiles(p));
    else if (name.endsWith('.har')) out.push(p);
  }
  return out;
}

type Leaf = [value: string, ctx: ValueContext, path: string];

function jsonLeaves(v: unknown, name: string | undefined, path: string, ctx: Omit<ValueContext, 'name'>, out: Leaf[], depth = 0): void {
  if (depth > 64 || out.length > 200_000) return;
  if (typeof v === 'string') out.push([v, name === undefined ? { ...ctx } : { ...ctx, name }, path]);
  else if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 1e6) out.push([String(v), name === undefined ? { ...ctx } : { ...ctx, name }, path]);
  else if (Array.isArray(v)) v.forEach((x, i) => jsonLeaves(x, name, `${path}[${i}]`, ctx, out, depth + 1));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) jsonLeaves(x, k, `${path}.${k}`, ctx, out, depth + 1);
}

interface HarNameValue {
  name?: unknown;
  value?: unknown;
}

function nameValues(list: unknown, location: ValueContext['location'], direction: ValueContext['direction'], out: Leaf[]): void {
  if (!Array.isArray(list)) return;
  for (const item of list as HarNameValue[]) {
    if (item && typeof item.value === 'string' && typeof item.name === 'string') out.push([item.value, { location, direction, name: item.name }, `${location}:${item.name}`]);
  }
}

function bodyLeaves(text: unknown, mime: unknown, encoding: unknown, direction: ValueContext['direction'], out: Leaf[]): void {
  if (typeof text !== 'string' || text === '' || encoding === 'base64') return;
  const m = typeof mime === 'string' ? mime.toLowerCase() : '';
  if (m.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      jsonLeaves(JSON.parse(text), undefined, '$', { location: 'body', direction }, out);
      return;
    } catch {
      // not JSON: fall through to form or skip
    }
  }
  if (m.includes('x-www-form-urlencoded')) {
    for (const part of text.split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0) out.push([decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')), { location: 'body', direction, name: decodeURIComponent(part.slice(0, eq)) }, `form:${part.slice(0, eq)}`]);
    }
  }
}

/** Every header, query parameter, cookie and JSON/form body leaf of every HAR entry, classified. */
function scanHars(dir: string): HarScan {
  const files = harFiles(dir);
  const unreadable: string[] = [];
  const firings: HarFiring[] = [];
  let entries = 0;
  let values = 0;
  for (const file of files) {
    let doc: { log?: { entries?: unknown } };
    try {
      doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as typeof doc;
    } catch (err) {
      unreadable.push(`${relative(dir, file)} (${err instanceof Error ? err.message.slice(0, 60) : 'unreadable'})`);
      continue;
    }
    const list = doc?.log?.entries;
    if (!Array.isArray(list)) {
      unreadable.push(`${relative(dir, file)} (no log.entries)`);
      continue;
    }
    list.forEach((e: Record<string, Record<string, unknown>>, i: number) => {
      entries++;
      const leaves: Leaf[] = [];
      const req = e.request ?? {};
      const res = e.response ?? {};
      nameValues(req.headers, 'header', 'request', leaves);
      nameValues(req.queryString, 'query', 'request', leaves);
      nameValues(req.cookies, 'cookie', 'request', leaves);
      const post = (req.postData ?? {}) as Record<string, unknown>;
      nameValues(post.params, 'body', 'request', leaves);
      bodyLeaves(post.text, post.mimeType, undefined, 'request', leaves);
      nameValues(res.headers, 'header', 'response', leaves);
      nameValues(res.cookies, 'cookie', 'response', leaves);
      const content = (res.content ?? {}) as Record<string, unknown>;
      bodyLeaves(content.text, content.mimeType, content.encoding, 'response', leaves);
      for (const [value, ctx, path] of leaves) {
        values++;
        for (const type of classifyValue(value, ctx)) {
          firings.push({ file: relative(dir, file), entry: i, where: `${ctx.direction} ${path}`, type, redacted: short(redactValue(value, ctx.name), 60) });
        }
      }
    });
  }
  return { files: files.length, unreadable, entries, values, firings };
}

async function run(): Promise<SuiteResult> {
  const rng = createRng(SEED);
  const pos = positives(rng, PER_TYPE);
  const dis = distractors(rng, DISTRACTORS);
  const ord = ordinaryValues(rng, ORDINARY);
  const stats = accuracy([...pos, ...dis, ...ord]);
  redactionChecks(pos, stats);

  // timing: ordinary values only, and a realistic mix (80% ordinary, 15% distractors, 5% sensitive)
  const mixRng = createRng(SEED + 1);
  const mix: LabelledValue[] = [];
  for (let i = 0; i < 20_000; i++) {
    const roll = mixRng.next();
    mix.push(roll < 0.8 ? mixRng.pick(ord) : roll < 0.95 ? mixRng.pick(dis) : mixRng.pick(pos));
  }
  const email = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
  const baseline = (v: string): number => (email.test(v) ? 1 : 0);
  const classify = (v: string, c: ValueContext): number => classifyValue(v, c).length;
  // warm up both paths before measuring
  timePair(mix, classify, baseline);
  const ordinaryT = timePair(ord, classify, baseline);
  const mixT = timePair(mix, classify, baseline);

  const harDir = corpus('har-samples');
  const har = harDir ? scanHars(harDir) : undefined;
  for (const f of har?.firings ?? []) (stats.get(f.type) as TypeStats).har++;

  const rows: Array<Array<string | number>> = [];
  const types: Record<string, unknown> = {};
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  const below: string[] = [];
  for (const c of CLASSIFIERS) {
    const s = stats.get(c.type) as TypeStats;
    const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    const recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
    tpAll += s.tp;
    fpAll += s.fp;
    fnAll += s.fn;
    if (precision < TARGET || recall < TARGET) below.push(c.type);
    rows.push([c.type, s.tp + s.fn, s.tp, s.fp, s.fn, Number(precision.toFixed(4)), Number(recall.toFixed(4)), s.leaks, s.notIdempotent, har ? s.har : '-']);
    types[c.type] = { positives: s.tp + s.fn, tp: s.tp, fp: s.fp, fn: s.fn, precision, recall, redactionLeaks: s.leaks, notIdempotent: s.notIdempotent, harFirings: har ? s.har : null, errors: s.errors };
  }
  rows.push(['all', tpAll + fnAll, tpAll, fpAll, fnAll, Number((tpAll / (tpAll + fpAll)).toFixed(4)), Number((tpAll / (tpAll + fnAll)).toFixed(4)), '', '', har ? har.firings.length : '-']);

  const notes: string[] = [
    `target: precision and recall >= ${TARGET} for every type — ${below.length === 0 ? 'met for all 15 types' : `NOT met for ${below.join(', ')}`}`,
    `samples: ${pos.length} labelled (${PER_TYPE} per type), ${dis.length} distractors, ${ord.length} ordinary values; seed ${SEED}`,
    `cost per ordinary value: ${(ordinaryT.ns / 1000).toFixed(3)} µs for all 15 classifiers vs ${(ordinaryT.baselineNs / 1000).toFixed(3)} µs for one email regex (ratio ${ordinaryT.ratio.toFixed(1)}x, median of ${TIMING_ROUNDS} alternating rounds)`,
    `cost per value, realistic mix (80% ordinary, 15% distractors, 5% sensitive): ${(mixT.ns / 1000).toFixed(3)} µs vs ${(mixT.baselineNs / 1000).toFixed(3)} µs (ratio ${mixT.ratio.toFixed(1)}x)`,
    'leaks: labelled values still readable after redactBody of a JSON body holding them (IP addresses are kept by policy); not idempotent: redacting twice differed from once',
  ];
  for (const t of below) notes.push(`${t}: ${(types[t] as { errors: string[] }).errors.join(' | ')}`);
  if (har) {
    notes.push(`HAR corpora: ${har.files} files (${har.unreadable.length} unreadable: ${har.unreadable.join('; ') || 'none'}), ${har.entries} entries, ${har.values} values, ${har.firings.length} firings:`);
    const seen = new Set<string>();
    for (const f of har.firings) {
      const key = `${f.file}|${f.where}|${f.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > 40) break;
      notes.push(`  ${f.type.padEnd(14)} ${f.file} #${f.entry} ${f.where} → ${f.redacted}`);
    }
  } else {
    notes.push('HAR corpora: skipped (../shared/corpora/har-samples absent on this machine)');
  }

  return {
    columns: ['type', 'positives', 'TP', 'FP', 'FN', 'precision', 'recall', 'leaks', 'not idempotent', 'HAR hits'],
    rows,
    notes,
    json: {
      seed: SEED,
      perType: PER_TYPE,
      distractors: DISTRACTORS,
      ordinary: ORDINARY,
      target: TARGET,
      targetMet: below.length === 0,
      types,
      timing: {
        rounds: TIMING_ROUNDS,
        ordinaryNsPerValue: ordinaryT.ns,
        ordinaryBaselineNsPerValue: ordinaryT.baselineNs,
        ordinaryRatio: ordinaryT.ratio,
        mixNsPerValue: mixT.ns,
        mixBaselineNsPerValue: mixT.baselineNs,
        mixRatio: mixT.ratio,
        baseline: 'one precompiled email regex test per value',
      },
      har: har
        ? { files: har.files, unreadable: har.unreadable, entries: har.entries, values: har.values, firings: har.firings.slice(0, 300) }
        : null,
    },
  };
}

export const inventorySensitive: Suite = {
  name: 'inventory-sensitive',
  kind: 'eval',
  title: 'I5: sensitive-data classifiers — precision/recall per type, redaction leaks, µs per value, HAR sanity list',
  run,
};
