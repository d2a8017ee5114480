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
  readonly mask: Uint32Array | null;
  readonly maskNonAscii: boolean;
  readonly keywords: readonly string[] | null;
  readonly headers: ReadonlySet<string> | null;
  readonly score: number;
}

interface ChainStep {
  readonly parent: number;
  readonly fn: (s: string) => string;
}

const KINDS: readonly TargetKind[] = ['path', 'arg', 'name', 'cookie', 'header', 'filename', 'body', 'xml-decl'];
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

  const byKind = new Map<TargetKind, CompiledRule[]>(KINDS.map((k) => [k, []]));
  let ruleCount = 0;
  for (const r of active) {
    if (isRequestRule(r)) continue;
    const chain = chainOf(r.transforms);
    const lowerChain = r.transforms[r.transforms.length - 1] === 'lowercase' ? chain : chainOf([...r.transforms, 'lowercase']);
    let mask: Uint32Array | null = null;
    let maskNonAscii = false;
    if (r.anyChar) {
      mask = new Uint32Array(4);
      for (const ch of r.anyChar) {
        const c = foldCase(ch.charCodeAt(0));
        if (c >= 128) maskNonAscii = true;
        else mask[c >> 5] = (mask[c >> 5] as number) | (1 << (c & 31));
      }
    }
    const compiled: CompiledRule = {
      rule: r,
      index: ruleCount++,
      chain,
      lowerChain,
      mask,
      maskNonAscii,
      keywords: r.keywords && r.keywords.length ? r.keywords.map((k) => k.toLowerCase()) : null,
      headers: r.headers ? new Set(r.headers) : null,
      score: SEVERITY_SCORE[r.severity],
    };
    for (const k of r.targets) byKind.get(k)?.push(compiled);
  }
  const nChains = steps.length;

  function inspect(exchange: Exchange, endpoint?: EndpointRef): SignatureResult {
    const collected = collectTargets(exchange, { paranoia, maxBodyLength, maxTargets, maxDepth });
    const method = exchange.request.method;
    const activeEx = exclusionsFor(exclusions, method, endpoint?.path ?? splitTarget(exchange.request.target).path);
    const matches: SignatureMatch[] = [];
    const fired = new Uint8Array(ruleCount);
    let score = 0;
    let partial = collected.cut;

    const add = (id: string, cls: AttackClass, severity: ValueRule['severity'], location: string, evidence: string): boolean => {
      if (isExcluded(activeEx, id, cls, location)) return false;
      matches.push({ rule: id, class: cls, severity, location, evidence: makeEvidence(evidence) });
      score += SEVERITY_SCORE[severity];
      return true;
    };

    for (const rr of requestRules) {
      const hit = rr.detectRequest(exchange);
      if (hit) add(rr.id, rr.class, rr.severity, hit.location, hit.evidence);
    }

    const views: Array<string | undefined> = new Array(nChains);
    const masks: Array<Uint32Array | undefined> = new Array(nChains);
    const viewOf = (i: number): string => {
      const v = views[i];
      if (v !== undefined) return v;
      const step = steps[i] as ChainStep;
      const out = step.fn(viewOf(step.parent));
      views[i] = out;
      return out;
    };
    const maskOf = (i: number): Uint32Array => {
      const m = masks[i];
      if (m !== undefined) return m;
      const out = charMask(viewOf(i));
      masks[i] = out;
      return out;
    };

    outer: for (const target of collected.targets) {
      const rules = byKind.get(target.kind);
      if (!rules || rules.length === 0) continue;
      let value = target.value;
      if (value.length === 0) continue;
      if (value.length > maxValueLength) {
        value = value.slice(0, maxValueLength);
        partial ??= `a value longer than the inspection limit (${maxValueLength} characters) at ${target.location}`;
      }
      views.fill(undefined);
      masks.fill(undefined);
      views[0] = value;
      for (const cr of rules) {
        if (fired[cr.index]) continue;
        if (cr.headers && target.kind === 'header' && !cr.headers.has(target.name ?? '')) continue;
        if (cr.mask) {
          const m = maskOf(cr.chain);
          const hit = (m[0]! & cr.mask[0]!) | (m[1]! & cr.mask[1]!) | (m[2]! & cr.mask[2]!) | (m[3]! & cr.mask[3]!);
          if (!hit && !(cr.maskNonAscii && hasNonAscii(viewOf(cr.chain)))) continue;
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
        if (add(cr.rule.id, cr.rule.class, cr.rule.severity, target.location, evidence)) {
          fired[cr.index] = 1;
          if (stopOnAttack && score >= threshold) break outer;
        }
      }
    }

    if (partial !== undefined && onLimit === 'block' && !(collected.sourceTruncated && partial === collected.cut)) {
      add(INSPECTION_LIMIT_RULE, 'protocol', 'critical', 'body', partial);
    }
    const classes = [...new Set(matches.map((m) => m.class))].sort();
    const result: SignatureResult = { attack: score >= threshold, score, classes, matches };
    return partial === undefined ? result : { ...result, partial };
  }

  return Object.freeze({ inspect, paranoia, threshold, rules: Object.freeze(active) });
}

function foldCase(c: number): number {
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}

/** A 128-bit set of the ASCII characters in `s` (letters folded to lower case). */
function charMask(s: string): Uint32Array {
  const m = new Uint32Array(4);
  for (let i = 0; i < s.length; i++) {
    const c = foldCase(s.charCodeAt(i));
    if (c < 128) m[c >> 5] = (m[c >> 5] as number) | (1 << (c & 31));
  }
  return m;
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return true;
  return false;
}

export type { Target };
