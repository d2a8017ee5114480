/**
 * A lint rule is data plus a small pure function (Spectral's model): where it applies (`given`, a JSONPath on
 * the `$ref`-resolved document), what it checks (`check`, returning hits with their JSON paths), how bad a hit
 * is, which OWASP API Top 10 (2023) category and CWE it maps to, how to fix it, and vectors that must and
 * must not fire. The built-ins are listed in `rules/index.ts`.
 */
import type { LintSeverity } from '../../core/index.js';
import type { JsonPathSegment } from './json-path.js';

/** One place a rule fired: a message and the absolute JSON path in the resolved document. */
export interface RuleHit {
  readonly message: string;
  readonly path: readonly JsonPathSegment[];
}

export interface RuleContext {
  /** The whole document, `$ref`s resolved. */
  readonly root: unknown;
  /** JSON path of `target` in the document. */
  readonly path: readonly JsonPathSegment[];
}

/** A small OpenAPI document (object) used as a test vector. */
export type VectorDocument = Readonly<Record<string, unknown>>;

export interface LintRule {
  /** Stable id (kebab-case, also the file name). */
  readonly id: string;
  readonly severity: LintSeverity;
  /** OWASP API Security Top 10 2023 id (`API1:2023`…), or null for governance rules. */
  readonly owasp: string | null;
  /** CWE id (`CWE-639`), or null when none fits. */
  readonly cwe: string | null;
  /** One line: what the rule wants. */
  readonly title: string;
  /** Why it matters. */
  readonly description: string;
  /** What to change in the spec. */
  readonly fix: string;
  /** Spectral JSONPath expression(s) on the resolved document selecting what `check` receives. */
  readonly given: string | readonly string[];
  check(target: unknown, ctx: RuleContext): RuleHit[];
  /** Rules of the public Spectral OWASP ruleset this rule duplicates (their findings at the same place are dropped). */
  readonly overlaps?: readonly string[];
  readonly vectors: {
    /** Documents on which the rule must fire (optionally at these JSON paths, `$.…` as reported). */
    readonly fire: ReadonlyArray<VectorDocument | { readonly document: VectorDocument; readonly at: readonly string[] }>;
    /** Documents on which the rule must not fire. */
    readonly pass: readonly VectorDocument[];
  };
}

/** Shorthand used by the rules: `$.paths[*][get,put,…]` (every operation). */
export const OPERATIONS = '$.paths[*][get,put,post,delete,options,head,patch,trace]';
