/**
 * The signature engine: collects a request's targets, computes the transformed views each rule needs (each
 * chain at most once per target), runs the rules whose cheap pre-filters pass, and adds CRS-style anomaly
 * scores. Pure and synchronous: the gateway calls it inline, batch analysis calls it per exchange.
 *
 * @example
 * const engine = createSignatureEngine({ paranoia: 2, exclusions: [{ path: 'POST /notes', target: 'json:$.body', classes: ['xss'] }] });
 * const r = engine.inspect(exchange, { method: 'POST', path: '/notes' });
 * if (r.attack) console.log(r.score, r.classes, r.matches);
 */
import { RampartError, splitTarget } from '../../core/index.js';
import type { Exchange } from '../../core/index.js';
import { collectTargets } from './collect-targets.js';
import { makeEvidence } from './evidence.js';
import { createKeywordGate } from './keyword-gate.js';
import { compileExclusions, exclusionsFor, isExcluded, type CompiledExclusion } from './exclusions.js';
import { BUILTIN_RULES } from './rules/index.js';
import { TRANSFORMS, chainKey } from './transforms/index.js';
import {
  SEVERITY_SCORE,
  isRequestRule,
  type AttackClass,
  type EndpointRef,
  type Exclusion,
  type Paranoia,
  type RequestRule,
  type Rule,
  type SignatureMatch,
  type SignatureResult,
  type Target,
  type TargetKind,
  type TransformName,
  type ValueRule,
} from './types.js';

export interface SignatureEngineOptions {
  /** 1 (default) to 4: higher levels run more rules, inspect more headers, and flag more. */
  readonly paranoia?: Paranoia;
  /** Anomaly score at which a request is an attack (default 5: one critical match). */
  readonly threshold?: number;
  readonly exclusions?: readonly Exclusion[];
  /** Longest value inspected (default 65,536 characters); longer values are inspected up to it. */
  readonly maxValueLength?: number;
  /** Longest body parsed and inspected (default 1 MiB of characters). */
  readonly maxBodyLength?: number;
  /** Most values collected from one request (default 4,096). */
  readonly maxTargets?: number;
  /** Deepest JSON nesting walked (default 32). */
  readonly maxDepth?: number;
  /**
   * What to do when the engine itself had to stop inspecting (a limit above was hit): `block` (default) adds
   * the critical `protocol-inspection-limit` match, so padding a payload past the limits does not evade;
   * `flag` only sets `partial`. Bodies the source had already truncated are only flagged.
   */
  readonly onLimit?: 'block' | 'flag';
  /** Stop at the first point the threshold is reached (the gateway in block mode); default false. */
  readonly stopOnAttack?: boolean;
  /** The rules to run (default: every built-in pack). */
  readonly rules?: readonly Rule[];
}

export interface SignatureEngine {
  inspect(exchange: Exchange, endpoint?: EndpointRef): SignatureResult;
  readonly paranoia: Paranoia;
  readonly threshold: number;
  /** The rules this engine runs (those at or below its paranoia level). */
  readonly rules: readonly Rule[];
}

/** The engine's own rule: inspection stopped at a limit (see `onLimit`). */
export const INSPECTION_LIMIT_RULE = 'protocol-inspection-limit';

interface CompiledRule {
  readonly rule: ValueRule;
  readonly index: number;
  readonly chain: number;
  /** Chain index of the lower-cased view, for keyword pre-filters. */
  readonly lowerChain: number;
  /** True when the rule is a candidate for every value (no character pre-filter, or a view the gate cannot vouch for). */
  readonly always: boolean;
  /** True when its keywords are part of the shared keyword gate (checked once per value on the decoded view). */
  readonly keywordGated: boolean;
  readonly keywords: readonly string[] | null;
  readonly headers: ReadonlySet<string> | null;
  readonly score: number;
}

/**
 * Transforms that, applied after `decodeAll`, never add a character the decoded value lacks (up to case and
 * the two noted exceptions): the decoded view's character set can then stand in for the rule's own view.
 */
const GATE_SAFE: ReadonlySet<TransformName> = new Set(['lowercase', 'compressWhitespace', 'removeWhitespace', 'removeComments', 'removeNulls', 'normalizePath']);

/** Per target kind: which rules a value of that kind can reach, as bitsets over rule indexes. */
interface KindPlan {
  readonly kind: TargetKind;
  readonly empty: boolean;
  /** 129 bitsets of W words: the gated rules under each folded ASCII character, then those under non-ASCII. */
  readonly byCharBits: Uint32Array;
  /** The ASCII characters with at least one rule of this kind, as four 32-bit words. */
  readonly used: Uint32Array;
  /** Ungated rules: candidates for every value. */
  readonly always: Uint32Array;
  /** Ungated rules whose keywords are in the shared keyword gate: candidates when the gate passes. */
  readonly keyworded: Uint32Array;
  readonly anyKeyworded: boolean;
}

/** Longest value remembered as clean within one request (longer ones are rarely repeated). */
const MEMO_MAX_LENGTH = 256;

interface ChainStep {
  readonly parent: number;
  readonly fn: (s: string) => string;
}

const KINDS: readonly TargetKind[] = ['path', 'arg', 'name', 'cookie', 'header', 'filename', 'body', 'xml-decl'];
const KIND_ARG = KINDS.indexOf('arg');
const KIND_NAME = KINDS.indexOf('name');
const DEFAULTS = { paranoia: 1 as Paranoia, threshold: 5, maxValueLength: 65_536, maxBodyLength: 1_048_576, maxTargets: 4096, maxDepth: 32 };

function positiveInt(v: unknown, key: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new RampartError('E_CONFIG_INVALID', `${key} must be a positive integer`, { location: `signatures.${key}` });
  return v;
}

/** Creates an engine; options are validated once (errors carry the path of the bad key) and frozen. */
export function createSignatureEngine(options: SignatureEngineOptions = {}): SignatureEngine {
  const paranoia = options.paranoia ?? DEFAULTS.paranoia;
  if (![1, 2, 3, 4].includes(paranoia)) throw new RampartError('E_CONFIG_INVALID', 'paranoia must be 1, 2, 3 or 4', { location: 'signatures.paranoia' });
  const threshold = options.threshold ?? DEFAULTS.threshold;
  if (typeof threshold !== 'number' || !(threshold > 0)) throw new RampartError('E_CONFIG_INVALID', 'threshold must be a positive number', { location: 'signatures.threshold' });
  const maxValueLength = positiveInt(options.maxValueLength, 'maxValueLength', DEFAULTS.maxValueLength);
  const maxBodyLength = positiveInt(options.maxBodyLength, 'maxBodyLength', DEFAULTS.maxBodyLength);
  const maxTargets = positiveInt(options.maxTargets, 'maxTargets', DEFAULTS.maxTargets);
  const maxDepth = positiveInt(options.maxDepth, 'maxDepth', DEFAULTS.maxDepth);
  const onLimit = options.onLimit ?? 'block';
  if (onLimit !== 'block' && onLimit !== 'flag') throw new RampartError('E_CONFIG_INVALID', 'onLimit must be "block" or "flag"', { location: 'signatures.onLimit' });
  const stopOnAttack = options.stopOnAttack ?? false;

  const all = options.rules ?? BUILTIN_RULES;
  const ids = new Set<string>([INSPECTION_LIMIT_RULE]);
  for (const r of all) {
    if (ids.has(r.id)) throw new RampartError('E_CONFIG_INVALID', `duplicate rule id ${r.id}`, { location: `signatures.rules.${r.id}` });
    ids.add(r.id);
  }
  const exclusions: CompiledExclusion[] = compileExclusions(options.exclusions, ids, 'signatures.exclusions');
  const active = all.filter((r) => r.paranoia <= paranoia);
  const requestRules = active.filter(isRequestRule) as RequestRule[];

  // transform chains: every distinct chain (and prefix) gets an index; index 0 is the raw value
  const chainIndex = new Map<string, number>([['', 0]]);
  const steps: ChainStep[] = [{ parent: -1, fn: (s) => s }];
  const chainOf = (chain: readonly TransformName[]): number => {
    const key = chainKey(chain);
    const known = chainIndex.get(key);
    if (known !== undefined) return known;
    const parent = chainOf(chain.slice(0, -1));
    const idx = steps.length;
    steps.push({ parent, fn: TRANSFORMS[chain[chain.length - 1] as TransformName] });
    chainIndex.set(key, idx);
    return idx;
  };

  // the character index: for each (case-folded) ASCII character, the rules whose pre-filter names it; a value
  // only reaches the rules indexed under the characters its decoded view contains
  const gateChain = chainOf(['decodeAll']);
  const gateKeywords = new Set<string>();
  const byChar: number[][] = Array.from({ length: 128 }, () => []);
  const nonAsciiRules: number[] = [];
  const byKind = new Map<TargetKind, CompiledRule[]>(KINDS.map((k) => [k, []]));
  let ruleCount = 0;
  for (const r of active) {
    if (isRequestRule(r)) continue;
    const chain = chainOf(r.transforms);
    const lowerChain = r.transforms[r.transforms.length - 1] === 'lowercase' ? chain : chainOf([...r.transforms, 'lowercase']);
    const decodedChain = r.transforms[0] === 'decodeAll' && r.transforms.slice(1).every((t) => GATE_SAFE.has(t));
    const gated = Boolean(r.anyChar) && decodedChain;
    // removing whitespace can join a keyword (`s e l e c t`): such chains keep their own keyword check
    const keywordGated = !r.anyChar && decodedChain && !r.transforms.includes('removeWhitespace') && Boolean(r.keywords?.length);
    if (keywordGated) for (const k of r.keywords as readonly string[]) gateKeywords.add(k.toLowerCase());
    const index = ruleCount++;
    if (gated) {
      for (const ch of r.anyChar as string) {
        const c = foldCase(ch.charCodeAt(0));
        if (c >= 128) nonAsciiRules.push(index);
        else if (!byChar[c]?.includes(index)) byChar[c]?.push(index);
      }
    }
    const compiled: CompiledRule = {
      rule: r,
      index,
      chain,
      lowerChain,
      always: !gated,
      keywordGated,
      keywords: r.keywords && r.keywords.length ? r.keywords.map((k) => k.toLowerCase()) : null,
      headers: r.headers ? new Set(r.headers) : null,
      score: SEVERITY_SCORE[r.severity],
    };
    for (const k of r.targets) byKind.get(k)?.push(compiled);
  }
  // ungated rules with their own character pre-filter still check it on their view
  const ownMask = new Map<number, Uint32Array>();
  for (const list of byKind.values()) {
    for (const cr of list) {
      if (!cr.always || !cr.rule.anyChar || ownMask.has(cr.index)) continue;
      const m = new Uint32Array(5);
      for (const ch of cr.rule.anyChar) {
        const c = foldCase(ch.charCodeAt(0));
        if (c >= 128) m[4] = 1;
        else m[c >> 5] = (m[c >> 5] as number) | (1 << (c & 31));
      }
      ownMask.set(cr.index, m);
    }
  }
  const nChains = steps.length;
  const compiledByIndex: CompiledRule[] = [];
  for (const list of byKind.values()) for (const cr of list) compiledByIndex[cr.index] = cr;
  // Candidate sets are bitsets over rule indexes (W words), so a value's candidates come out in rule order
  // without sorting. Per kind: the gated rules under each folded ASCII character (slot 128: non-ASCII), the
  // ungated rules, and the ungated rules behind the shared keyword gate.
  const W = Math.max(1, Math.ceil(ruleCount / 32));
  const kindPlans: KindPlan[] = KINDS.map((kind) => {
    const list = byKind.get(kind) as CompiledRule[];
    const has = new Uint8Array(ruleCount);
    for (const cr of list) has[cr.index] = 1;
    const byCharBits = new Uint32Array(129 * W);
    const setBit = (arr: Uint32Array, at: number, idx: number) => {
      arr[at + (idx >> 5)] = (arr[at + (idx >> 5)] as number) | (1 << (idx & 31));
    };
    for (let c = 0; c < 128; c++) for (const idx of byChar[c] as number[]) if (has[idx] === 1) setBit(byCharBits, c * W, idx);
    for (const idx of nonAsciiRules) if (has[idx] === 1) setBit(byCharBits, 128 * W, idx);
    const always = new Uint32Array(W);
    const keyworded = new Uint32Array(W);
    let anyKeyworded = false;
    for (const cr of list) {
      if (!cr.always) continue;
      if (cr.keywordGated) {
        setBit(keyworded, 0, cr.index);
        anyKeyworded = true;
      } else setBit(always, 0, cr.index);
    }
    // the characters some rule of this kind is indexed under: the others (most letters) are skipped at once
    const used = new Uint32Array(4);
    for (let c = 0; c < 128; c++) {
      let any = 0;
      for (let w = 0; w < W; w++) any |= byCharBits[c * W + w] as number;
      if (any !== 0) used[c >> 5] = (used[c >> 5] as number) | (1 << (c & 31));
    }
    return { kind, empty: list.length === 0, byCharBits, used, always, keyworded, anyKeyworded };
  });
  const planOf = (kind: TargetKind): KindPlan | undefined => {
    switch (kind) {
      case 'arg':
        return kindPlans[KIND_ARG];
      case 'name':
        return kindPlans[KIND_NAME];
      default:
        return kindPlans[KINDS.indexOf(kind)];
    }
  };
  const cand = new Uint32Array(W);
  // views of the current value: views[i] is valid when viewGen[i] === viewGeneration (no clearing per value)
  const views: string[] = new Array<string>(nChains).fill('');
  const viewGen = new Uint32Array(nChains);
  let viewGeneration = 0;
  const viewOf = (i: number): string => {
    if (viewGen[i] === viewGeneration) return views[i] as string;
    const step = steps[i] as ChainStep;
    const out = step.fn(viewOf(step.parent));
    views[i] = out;
    viewGen[i] = viewGeneration;
    return out;
  };
  // one case-insensitive scan per value tells whether any keyword-only rule can apply (see keyword-gate.ts)
  const keywordGate = gateKeywords.size ? createKeywordGate(gateKeywords) : null;
  // Repeated JSON keys and values (arrays of objects) are inspected once per request: a value that no rule
  // matched is clean wherever it recurs in the same part of the body. Only the built-in rules are known to
  // depend on nothing but the value, the target kind and the part of the request (custom rules disable it).
  const firedIn = new Uint32Array(ruleCount);
  let requestGeneration = 0;
  const builtin = new Set<Rule>(BUILTIN_RULES);
  const memoClean = active.every((r) => builtin.has(r));

  function inspect(exchange: Exchange, endpoint?: EndpointRef): SignatureResult {
    const collected = collectTargets(exchange, { paranoia, maxBodyLength, maxTargets, maxDepth });
    const method = exchange.request.method;
    const activeEx = exclusionsFor(exclusions, method, endpoint?.path ?? splitTarget(exchange.request.target).path);
    const matches: SignatureMatch[] = [];
    // the rules that already matched in this request (each counts once): stamped with the request's number
    requestGeneration = (requestGeneration + 1) >>> 0;
    if (requestGeneration === 0) {
      firedIn.fill(0);
      requestGeneration = 1;
    }
    const fired = requestGeneration;
    let score = 0;
    let partial = collected.cut;
    let cleanJson: Map<string, TargetKind> | undefined;

    const add = (id: string, cls: AttackClass, severity: ValueRule['severity'], location: string, evidence: string): boolean => {
      if (isExcluded(activeEx, id, cls, location)) return false;
      matches.push({ rule: id, class: cls, severity, location, evidence: makeEvidence(evidence) });
      score += SEVERITY_SCORE[severity];
      return true;
    };

    for (const rr of requestRules) {
      const hit = rr.detectRequest(exchange, collected.targets);
      if (hit) add(rr.id, rr.class, rr.severity, hit.location, hit.evidence);
    }

    const targets = collected.targets;
    const jsonFrom = memoClean && collected.jsonFrom !== undefined ? collected.jsonFrom : targets.length;
    outer: for (let ti = 0; ti < targets.length; ti++) {
      const target = targets[ti] as Target;
      const plan = planOf(target.kind);
      if (plan === undefined || plan.empty) continue;
      let value = target.value;
      if (value.length === 0) continue;
      if (value.length > maxValueLength) {
        value = value.slice(0, maxValueLength);
        partial ??= `a value longer than the inspection limit (${maxValueLength} characters) at ${target.location}`;
      }
      const memo = ti >= jsonFrom && value.length <= MEMO_MAX_LENGTH;
      if (memo && cleanJson !== undefined && cleanJson.get(value) === target.kind) continue;
      viewGeneration = (viewGeneration + 1) >>> 0;
      if (viewGeneration === 0) {
        viewGen.fill(0);
        viewGeneration = 1;
      }
      views[0] = value;
      viewGen[0] = viewGeneration;
      // the decoded view, and the character set the candidates come from: a value without %, &, \ or NUL is
      // its own decoded view (no decoder acts on it), so one scan serves both
      let mask = charMask(value);
      if ((mask[0] as number) & 1 || (mask[1] as number) & ((1 << 5) | (1 << 6)) || (mask[2] as number) & (1 << 28)) {
        mask = charMask(viewOf(gateChain));
      } else {
        views[gateChain] = value;
        viewGen[gateChain] = viewGeneration;
      }
      // the candidate rules: those indexed under a character of the decoded view, plus the ungated ones
      const bits = plan.byCharBits;
      for (let w = 0; w < W; w++) cand[w] = plan.always[w] as number;
      for (let mw = 0; mw < 4; mw++) {
        let m = (mask[mw] as number) & (plan.used[mw] as number);
        while (m !== 0) {
          const low = m & -m;
          const at = ((mw << 5) | (31 - Math.clz32(low))) * W;
          for (let w = 0; w < W; w++) cand[w] = (cand[w] as number) | (bits[at + w] as number);
          m ^= low;
        }
      }
      if (mask[4]) for (let w = 0; w < W; w++) cand[w] = (cand[w] as number) | (bits[128 * W + w] as number);
      if (plan.anyKeyworded && keywordGate !== null && keywordGate(viewOf(gateChain))) {
        for (let w = 0; w < W; w++) cand[w] = (cand[w] as number) | (plan.keyworded[w] as number);
      }
      let clean = true;
      for (let w = 0; w < W; w++) {
        let cw = cand[w] as number;
        while (cw !== 0) {
          const low = cw & -cw;
          cw ^= low;
          const idx = (w << 5) | (31 - Math.clz32(low));
          if (firedIn[idx] === fired) continue;
          const cr = compiledByIndex[idx] as CompiledRule;
          if (cr.headers && target.kind === 'header' && !cr.headers.has(target.name ?? '')) continue;
          const own = cr.always ? ownMask.get(idx) : undefined;
          if (own) {
            const m = charMask(viewOf(cr.chain));
            if (!((m[0]! & own[0]!) | (m[1]! & own[1]!) | (m[2]! & own[2]!) | (m[3]! & own[3]!) | (m[4]! & own[4]!))) continue;
          }
          if (cr.keywords) {
            const lower = viewOf(cr.lowerChain);
            let any = false;
            for (const k of cr.keywords) {
              if (lower.indexOf(k) !== -1) {
                any = true;
                break;
              }
            }
            if (!any) continue;
          }
          const view = viewOf(cr.chain);
          let evidence: string | null = null;
          if (cr.rule.pattern) {
            cr.rule.pattern.lastIndex = 0;
            const m = cr.rule.pattern.exec(view);
            if (m) evidence = m[0];
          } else if (cr.rule.detect) {
            const hit = cr.rule.detect(view, target);
            if (hit) evidence = hit.evidence;
          }
          if (evidence === null) continue;
          clean = false;
          if (add(cr.rule.id, cr.rule.class, cr.rule.severity, target.location, evidence)) {
            firedIn[idx] = fired;
            if (stopOnAttack && score >= threshold) break outer;
          }
        }
      }
      if (memo && clean) (cleanJson ??= new Map()).set(value, target.kind);
    }

    if (partial !== undefined && onLimit === 'block' && !(collected.sourceTruncated && partial === collected.cut)) {
      add(INSPECTION_LIMIT_RULE, 'protocol', 'critical', 'body', partial);
    }
    const classes = matches.length === 0 ? [] : [...new Set(matches.map((m) => m.class))].sort();
    const result: SignatureResult = { attack: score >= threshold, score, classes, matches };
    return partial === undefined ? result : { ...result, partial };
  }

  return Object.freeze({ inspect, paranoia, threshold, rules: Object.freeze(active) });
}

function foldCase(c: number): number {
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}

const MASK = new Uint32Array(5);

/**
 * The set of ASCII characters in `s` (letters folded to lower case) as four 32-bit words, plus a fifth word
 * that is 1 when `s` has non-ASCII characters. Any whitespace also sets the space bit and a backslash the slash
 * bit, because `compressWhitespace` and `normalizePath` turn them into those. The array is reused: copy it to keep it.
 */
function charMask(s: string): Uint32Array {
  const m = MASK;
  m[0] = 0;
  m[1] = 0;
  m[2] = 0;
  m[3] = 0;
  m[4] = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) {
      m[4] = 1;
      if (c === 0xa0) m[1] = (m[1] as number) | 1; // NBSP is whitespace: the space bit
      continue;
    }
    if (c >= 65 && c <= 90) c |= 0x20;
    m[c >> 5] = (m[c >> 5] as number) | (1 << (c & 31));
  }
  if ((m[0] as number) & ((1 << 9) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13))) m[1] = (m[1] as number) | 1;
  if ((m[2] as number) & (1 << 28)) m[1] = (m[1] as number) | (1 << 15); // backslash -> slash
  return m;
}

export type { Target };
