/**
 * A comply rule: data (id, severity, OWASP / CWE / regulation mapping, what to fix) plus one small pure function
 * over an `Observation` (one exchange, or one stored endpoint, already routed, validated and scanned). A rule
 * returns hits; the aggregator merges hits per endpoint + rule + path into findings with counts and samples.
 */
import type { ApiOperation, LintSeverity, SensitiveType, SourceRef } from '../../core/index.js';
import type { ValidationIssue } from '../../spec/index.js';

/** A sensitive value seen in traffic; `evidence` is already redacted (never a clear card number or token). */
export interface SensitiveHit {
  readonly type: SensitiveType;
  readonly direction: 'request' | 'response';
  readonly location: 'path' | 'query' | 'header' | 'cookie' | 'body';
  /** Parameter or header name, or the JSON path inside the body (`$.user.email`). */
  readonly name: string;
  /** The value as a report may show it (masked). */
  readonly evidence: string;
}

/** What the rules read about one exchange (or one stored endpoint). Pure data, built by `observe-*.ts`. */
export interface Observation {
  /** `METHOD /template`: the spec's template when documented, else a template learned from the path. */
  readonly endpoint: string;
  readonly method: string;
  readonly scheme: 'http' | 'https' | undefined;
  readonly host: string;
  /** The matched spec operation, or undefined when the call is not documented. */
  readonly operation?: ApiOperation;
  /** JSON path segments of the operation in the spec (`['paths', '/orders', 'post']`). */
  readonly operationPath?: readonly (string | number)[];
  /** Request issues (undocumented parameters, schema violations); [] when undocumented or not checked. */
  readonly requestIssues: readonly ValidationIssue[];
  /** Response issues (undocumented status, schema violations). */
  readonly responseIssues: readonly ValidationIssue[];
  readonly status?: number;
  /** Response body properties outside the documented schema (`$.user.passwordHash`). */
  readonly extraResponseFields: readonly string[];
  readonly sensitive: readonly SensitiveHit[];
  /** Claim names of JWTs returned in the response body that hold personal data or secrets (`password`, `email`). */
  readonly tokenClaims: readonly string[];
  /** The request carried a credential (Authorization, API key, session cookie). Undefined when unknown. */
  readonly authenticated: boolean | undefined;
  /** Redacted request target, for evidence. */
  readonly target: string;
  readonly source?: SourceRef;
  /** How many exchanges this observation stands for (1 for traffic; the stored count for `--db`). */
  readonly count: number;
}

/** One place a rule fired. */
export interface ComplyHit {
  /** JSON path in the spec (`$.paths['/orders'].post.responses`) or the exchange location (`response.body$.user.email`). */
  readonly path: string;
  readonly message: string;
  /** Redacted evidence sample. */
  readonly evidence?: string;
  /** Overrides the rule's severity for this hit. */
  readonly severity?: LintSeverity;
}

export type ComplyCategory = 'conformance' | 'data-exposure';

export interface ComplyRule {
  /** Stable id, kebab-case. */
  readonly id: string;
  readonly category: ComplyCategory;
  readonly title: string;
  readonly description: string;
  readonly fix: string;
  readonly severity: LintSeverity;
  readonly owasp: string | null;
  readonly cwe: string | null;
  /** Regulation requirement ids: `PCI-DSS-4.0:3.4.1`, `GDPR:Art.32`. */
  readonly regulations: readonly string[];
  /** Pure: the hits of this rule in one observation. */
  check(obs: Observation): ComplyHit[];
  /** Observations that must fire (with the expected count of hits) and must not fire. */
  readonly vectors: {
    readonly fire: ReadonlyArray<{ readonly obs: Partial<Observation>; readonly hits: number }>;
    readonly quiet: ReadonlyArray<Partial<Observation>>;
  };
}

/** Sensitive types that are personal data (GDPR) rather than credentials. */
export const PERSONAL_TYPES: ReadonlySet<SensitiveType> = new Set(['email', 'phone', 'us-ssn', 'iban', 'date-of-birth', 'payment-card']);
/** Sensitive types that are credentials or keys. */
export const SECRET_TYPES: ReadonlySet<SensitiveType> = new Set(['password', 'generic-secret', 'jwt', 'private-key', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key']);

/** An observation with defaults, for rule vectors and tests. */
export function observation(partial: Partial<Observation>): Observation {
  return {
    endpoint: 'GET /x',
    method: 'GET',
    scheme: 'https',
    host: 'api.example.com',
    requestIssues: [],
    responseIssues: [],
    extraResponseFields: [],
    sensitive: [],
    tokenClaims: [],
    authenticated: true,
    target: '/x',
    count: 1,
    ...partial,
  };
}

/** A documented operation, for rule vectors. */
export const VECTOR_OPERATION: ApiOperation = Object.freeze({
  method: 'GET',
  path: '/x',
  tags: [],
  deprecated: false,
  parameters: [],
  responses: {},
  pointer: '/paths/~1x/get',
  extensions: {},
});
