/**
 * The signature engine's model: attack classes, inspection targets, transformations, rules and results.
 * Rules are data (id, class, severity, paranoia, where they look, which views they need, a pattern or a small
 * pure detector) shipped with vectors that must and must not fire.
 */
import type { Exchange } from '../../core/index.js';

/** The stable attack class names (never renamed; new ones may be added). */
export const ATTACK_CLASSES = [
  'sqli',
  'nosqli',
  'xss',
  'rce',
  'lfi',
  'rfi',
  'ssrf',
  'xxe',
  'ssti',
  'ldap',
  'php',
  'java',
  'prototype-pollution',
  'protocol',
  'scanner',
  'session',
] as const;
export type AttackClass = (typeof ATTACK_CLASSES)[number];

/** CRS-style severities and their anomaly scores: critical 5, error 4, warning 3, notice 2. */
export type RuleSeverity = 'critical' | 'error' | 'warning' | 'notice';
export const SEVERITY_SCORE: Readonly<Record<RuleSeverity, number>> = Object.freeze({ critical: 5, error: 4, warning: 3, notice: 2 });

export type Paranoia = 1 | 2 | 3 | 4;

/**
 * What part of the request a target is.
 * - `path`: the decoded request path (one target for the whole path).
 * - `arg`: a value of a query, form, multipart, JSON or XML field (`json` leaves, XML text and attributes).
 * - `name`: a name of a query/form/multipart field, a JSON key, an XML attribute name, a cookie name.
 * - `cookie`: a cookie value.
 * - `header`: a header value (which headers depends on the paranoia level; cookies are split out).
 * - `filename`: a multipart file name.
 * - `body`: the raw body when it could not be parsed into fields (or its media type is unknown).
 * - `xml-decl`: an XML DOCTYPE / ENTITY declaration (its presence is itself a signal for `xxe`).
 */
export type TargetKind = 'path' | 'arg' | 'name' | 'cookie' | 'header' | 'filename' | 'body' | 'xml-decl';

/** One inspected value with a stable location name (`query:q`, `json:$.user.name`, `header:user-agent`). */
export interface Target {
  readonly kind: TargetKind;
  readonly location: string;
  /** The value as collected (already URL-decoded once for query/form parts, JSON-unescaped for JSON). */
  readonly value: string;
  /** The lower-cased header name for `header` targets; the field name for `arg` targets, when known. */
  readonly name?: string;
}

/** The transformation names a rule can ask for (applied in the order listed; each view computed once). */
export type TransformName =
  | 'urlDecode'
  | 'htmlDecode'
  | 'jsDecode'
  | 'lowercase'
  | 'compressWhitespace'
  | 'removeWhitespace'
  | 'removeComments'
  | 'removeNulls'
  | 'normalizePath'
  | 'base64Decode'
  | 'decodeAll';

/** A detector's answer: `null` for no match, otherwise the short evidence that matched. */
export type DetectorHit = { readonly evidence: string; readonly detail?: string } | null;

/** A rule over one target value (after its transforms). Exactly one of `pattern` and `detect` is given. */
export interface ValueRule {
  /** Stable id, `<class>-<name>` (e.g. `sqli-tokenizer`). */
  readonly id: string;
  readonly class: AttackClass;
  readonly severity: RuleSeverity;
  readonly paranoia: Paranoia;
  /** One line saying what the rule catches (goes into documentation and match output). */
  readonly description: string;
  /** Which target kinds it inspects. */
  readonly targets: readonly TargetKind[];
  /** Header names (lower-case) the rule inspects when `targets` includes `header`; all inspected headers when absent. */
  readonly headers?: readonly string[];
  /** Views it needs, applied in order (each distinct chain is computed at most once per target). */
  readonly transforms: readonly TransformName[];
  /**
   * Pre-filter: the rule runs only when the view contains at least one of these characters. Omit only when the
   * rule needs plain letters (then `keywords` must be given).
   */
  readonly anyChar?: string;
  /** Pre-filter: the rule runs only when the (lower-cased) view contains one of these substrings. */
  readonly keywords?: readonly string[];
  /** A linear-time regular expression (checked by the ReDoS test). */
  readonly pattern?: RegExp;
  /** A pure, linear-time detector over the transformed value. */
  readonly detect?: (value: string, target: Target) => DetectorHit;
  readonly vectors: RuleVectors;
}

/**
 * A rule over the whole request (protocol-level checks: conflicting framing headers, CR/LF in header values).
 * It sees the exchange and the collected targets and returns the location and evidence of a hit.
 */
export interface RequestRule {
  readonly id: string;
  readonly class: AttackClass;
  readonly severity: RuleSeverity;
  readonly paranoia: Paranoia;
  readonly description: string;
  readonly detectRequest: (exchange: Exchange) => { readonly location: string; readonly evidence: string } | null;
  readonly vectors: { readonly fire: readonly Exchange[]; readonly noFire: readonly Exchange[] };
}

/**
 * Vectors: values that must fire and must not fire. A string is checked against the rule's first target kind;
 * an object names the target kind (and header/field name) explicitly.
 */
export interface RuleVectors {
  readonly fire: ReadonlyArray<string | VectorCase>;
  readonly noFire: ReadonlyArray<string | VectorCase>;
}
export interface VectorCase {
  readonly value: string;
  readonly kind?: TargetKind;
  readonly name?: string;
}

export type Rule = ValueRule | RequestRule;

export function isRequestRule(rule: Rule): rule is RequestRule {
  return 'detectRequest' in rule;
}

/** One rule that fired. `evidence` is short (at most 80 characters) and has secrets masked. */
export interface SignatureMatch {
  readonly rule: string;
  readonly class: AttackClass;
  readonly severity: RuleSeverity;
  readonly location: string;
  readonly evidence: string;
}

export interface SignatureResult {
  /** True when the anomaly score reached the threshold. */
  readonly attack: boolean;
  readonly score: number;
  /** Classes of the matches, sorted, without duplicates. */
  readonly classes: readonly AttackClass[];
  readonly matches: readonly SignatureMatch[];
  /** Set when inspection stopped early (a body over the inspection limit, too many targets). */
  readonly partial?: string;
}

/**
 * A false-positive exclusion: matches whose endpoint, target and rule/class all fit are dropped.
 * `path` is an endpoint template (`/users/{id}`) or a glob (`/api/*`, `/static/**`), optionally preceded by a
 * method (`POST /login`); `target` is a location (`json:$.note`, `query:q`, `header:referer`) or a prefix glob
 * (`json:$.notes.*`); at least one of `rules` and `classes` narrows what is dropped (absent: every rule).
 */
export interface Exclusion {
  readonly path?: string;
  readonly target?: string;
  readonly rules?: readonly string[];
  readonly classes?: readonly AttackClass[];
}

/** The endpoint the gateway matched the request to, when known (its template is used by exclusions). */
export interface EndpointRef {
  readonly method: string;
  readonly path: string;
}
