/**
 * The gateway configuration (`rampart.yaml`), as validated and frozen at load. Every key is optional in the file;
 * `DEFAULT_CONFIG` fills the gaps. The reference is docs/gateway/configuration.md.
 */
import type { DetectionConfig } from '../../detect/detection-config.js';
import type { Exclusion, Paranoia } from '../../detect/signatures/index.js';
import type { SensitiveType } from '../../core/endpoint.js';
import type { Mode } from '../phases/phase.js';

/** `100/s` → 100 requests per 1000 ms. */
export interface Rate {
  readonly count: number;
  readonly perMs: number;
  /** As written, for headers and logs. */
  readonly text: string;
}

/** Where a rate-limit key comes from. */
export type RateLimitKey =
  | { readonly kind: 'ip' }
  | { readonly kind: 'api-key'; readonly header: string }
  | { readonly kind: 'jwt-sub'; readonly header: string }
  | { readonly kind: 'header'; readonly header: string };

export interface RateLimitRule {
  /** Stable id (the rule id in responses and logs is `ratelimit.<id>`). */
  readonly id: string;
  readonly rate: Rate;
  /** Bucket size (token bucket) — requests allowed at once; default: the rate's count. */
  readonly burst: number;
  readonly algorithm: 'token-bucket' | 'sliding-window';
  readonly key: RateLimitKey;
  /** `global`: one counter per key across the endpoints it applies to; `endpoint`: one per key and operation. */
  readonly scope: 'global' | 'endpoint';
  /** Operations it applies to (`GET /users/{id}` or operationIds); undefined = every request. */
  readonly endpoints?: readonly string[];
  readonly mode?: Mode;
}

export interface JwtConfig {
  readonly mode?: Mode;
  /** Allowed `alg` values; `none` is never allowed. */
  readonly algorithms: readonly string[];
  /** HS secret: from an environment variable or a file (never inline in the YAML). */
  readonly secretEnv?: string;
  readonly secretFile?: string;
  /** PEM public key (SPKI) or certificate file. */
  readonly publicKeyFile?: string;
  /** JWKS JSON file (`{"keys": [...]}`). */
  readonly jwksFile?: string;
  readonly issuer?: readonly string[];
  readonly audience?: readonly string[];
  readonly clockToleranceSec: number;
  /** Header carrying `Bearer <token>`. */
  readonly header: string;
  /** Requests without a token are blocked (`jwt.missing`); operations whose spec says `security: []` are exempt. */
  readonly required: boolean;
}

/** The tap: every exchange to the analysis pipeline (inventory learner, behaviour detection), off the request path. */
export interface TapConfig {
  readonly enabled: boolean;
  /** Transactions waiting for analysis at most; beyond, samples are dropped and counted. */
  readonly maxQueue: number;
  /** Body bytes held by waiting transactions at most. */
  readonly maxQueueBytes: number;
  /** Bytes of each request/response body given to analysis. */
  readonly maxBodyBytes: number;
  /** The live inventory is written to the database (`--db`) this often, and at shutdown. */
  readonly persistEverySec: number;
}

/** What flagged actors get: a problem+json block, a fake success (deception), or a delay before forwarding. */
export type CountermeasureAction = 'block' | 'deceive' | 'tarpit';

export interface CountermeasuresConfig {
  readonly mode?: Mode;
  readonly action: CountermeasureAction;
  /** Detection risk (1–100) at or above which an actor is flagged; 0: detection flags no one. */
  readonly riskThreshold: number;
  /** Addresses/CIDRs whose requests always get the countermeasure. */
  readonly denyIps: readonly string[];
  /** How long a mark (decoy, honeytoken, risk) lasts. */
  readonly markTtlSec: number;
  /** Marked actors held at most (the oldest marks are forgotten first). */
  readonly maxActors: number;
  /** Delay before the response (any action; `tarpit` forwards after it); beyond `maxConcurrent` held requests, no delay. */
  readonly tarpit: { readonly delayMs: number; readonly maxConcurrent: number };
}

/** Decoy endpoints and honeytokens: whoever touches one is marked. */
export interface DecoysConfig {
  /** `/path`, `METHOD /path`, or a prefix ending in `*`. */
  readonly paths: readonly string[];
  readonly honeytokens: {
    /** SHA-256 hex of tokens that must never be used. */
    readonly sha256: readonly string[];
    readonly headers: readonly string[];
    readonly queryParams: readonly string[];
  };
}

export type AlertEvent = 'blocked' | 'flagged' | 'deceived' | 'detection' | 'actor-marked';
export const ALERT_EVENTS: readonly AlertEvent[] = ['blocked', 'flagged', 'deceived', 'detection', 'actor-marked'];

export interface WebhookConfig {
  /** The URL, or the environment variable holding it (Slack webhook URLs are secrets). */
  readonly url?: string;
  readonly urlEnv?: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Alerts waiting at most; beyond, new ones are dropped and counted. */
  readonly maxQueue: number;
  /** Alerts per POST at most. */
  readonly batchMax: number;
  /** Attempts after the first failure (exponential backoff from `retryBaseMs`). */
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
}

export interface AlertsConfig {
  readonly events: readonly AlertEvent[];
  /** One `event: "alert"` JSON log line per alert. */
  readonly log: boolean;
  readonly webhook?: WebhookConfig;
  readonly slack?: WebhookConfig;
}

export interface GatewayConfig {
  readonly upstream?: string;
  readonly listen: string;
  /** Admin listener (`/healthz`, `/readyz`, `/metrics`); `false` = none. */
  readonly admin: string | false;
  /** The OpenAPI file (`spec: file.yaml`, or `spec: {file: …}`). */
  readonly specFile?: string;
  readonly mode: Mode;
  /** Caps every filter's mode on requests that match no spec operation (new endpoints start in monitor). */
  readonly newEndpointMode?: Mode;
  readonly trustedProxies: readonly string[];
  readonly requestIdHeader: string;
  readonly limits: {
    readonly maxBodyBytes: number;
    readonly maxResponseInspectBytes: number;
    readonly maxHeaderBytes: number;
    readonly maxHeaders: number;
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
  };
  readonly upstreamOptions: {
    readonly connections: number;
    readonly connectTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly bodyTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** Send the client's Host header upstream (default true); false sends the upstream's host. */
    readonly preserveHost: boolean;
  };
  readonly shutdownGraceMs: number;
  /** Status per rule id (exact id, or a prefix ending in `.`, e.g. `spec.`). */
  readonly statuses: Readonly<Record<string, number>>;
  readonly ipList: { readonly mode?: Mode; readonly allow: readonly string[]; readonly deny: readonly string[] };
  readonly tokenDenylist: {
    readonly mode?: Mode;
    /** SHA-256 (hex) of denied tokens / API keys. */
    readonly sha256: readonly string[];
    /** Files with one SHA-256 hex per line (`#` comments). */
    readonly files: readonly string[];
    /** Headers whose credential is checked (`authorization`: the part after the scheme). */
    readonly headers: readonly string[];
    readonly queryParams: readonly string[];
  };
  readonly jwt?: JwtConfig;
  readonly rateLimits: readonly RateLimitRule[];
  readonly rateLimitStore: { readonly maxKeys: number };
  /** Send `RateLimit`/`RateLimit-Policy` on allowed responses too (always on 429). */
  readonly rateLimitHeaders: boolean;
  readonly spec: {
    readonly mode?: Mode;
    /** Requests matching no operation (shadow endpoints). */
    readonly unknownOperation?: Mode;
    /** Query parameters the operation does not declare. */
    readonly unknownQuery?: Mode;
    readonly validateRequests: boolean;
    /** Response validation (status, headers, body); off by default. */
    readonly validateResponses: Mode;
  };
  readonly signatures: {
    readonly mode?: Mode;
    readonly enabled: boolean;
    readonly paranoia: Paranoia;
    readonly threshold: number;
    readonly exclusions: readonly Exclusion[];
    /** Bodies larger than this are inspected in worker threads (0: always inline). */
    readonly offloadAboveBytes: number;
  };
  readonly dataLeak: {
    readonly mode: Mode;
    readonly action: 'mask' | 'block';
    readonly types: readonly SensitiveType[];
  };
  readonly endpoints: ReadonlyArray<{ readonly match: string; readonly mode?: Mode; readonly filters: Readonly<Record<string, Mode>> }>;
  readonly log: { readonly level: 'debug' | 'info' | 'warn' | 'error' | 'silent' };
  readonly tap: TapConfig;
  /** Behaviour detection options (risk threshold, detectors), as `rampart detect --config` takes them. */
  readonly detection?: DetectionConfig;
  readonly countermeasures: CountermeasuresConfig;
  readonly decoys: DecoysConfig;
  readonly alerts: AlertsConfig;
}

/** Default types the data-leak filter looks for in responses. */
export const DEFAULT_LEAK_TYPES: readonly SensitiveType[] = ['payment-card', 'us-ssn', 'private-key', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key'];

export const DEFAULT_CONFIG: GatewayConfig = {
  listen: '0.0.0.0:8080',
  admin: '127.0.0.1:9090',
  mode: 'monitor',
  trustedProxies: [],
  requestIdHeader: 'x-request-id',
  limits: {
    maxBodyBytes: 1024 * 1024,
    maxResponseInspectBytes: 1024 * 1024,
    maxHeaderBytes: 16 * 1024,
    maxHeaders: 100,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
  },
  upstreamOptions: { connections: 256, connectTimeoutMs: 5_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000, keepAliveTimeoutMs: 4_000, preserveHost: true },
  shutdownGraceMs: 10_000,
  statuses: {},
  ipList: { allow: [], deny: [] },
  tokenDenylist: { sha256: [], files: [], headers: ['authorization', 'x-api-key'], queryParams: [] },
  rateLimits: [],
  rateLimitStore: { maxKeys: 500_000 },
  rateLimitHeaders: true,
  spec: { validateRequests: true, validateResponses: 'off' },
  signatures: { enabled: true, paranoia: 1, threshold: 5, exclusions: [], offloadAboveBytes: 8192 },
  dataLeak: { mode: 'off', action: 'mask', types: DEFAULT_LEAK_TYPES },
  endpoints: [],
  log: { level: 'info' },
  tap: { enabled: true, maxQueue: 10_000, maxQueueBytes: 32 * 1024 * 1024, maxBodyBytes: 64 * 1024, persistEverySec: 10 },
  countermeasures: { action: 'deceive', riskThreshold: 50, denyIps: [], markTtlSec: 3600, maxActors: 100_000, tarpit: { delayMs: 0, maxConcurrent: 64 } },
  decoys: { paths: [], honeytokens: { sha256: [], headers: ['authorization', 'x-api-key'], queryParams: [] } },
  alerts: { events: ALERT_EVENTS, log: false },
};

/** Defaults of a `webhook:` / `slack:` alert section. */
export const DEFAULT_WEBHOOK: Omit<WebhookConfig, 'url' | 'urlEnv'> = { headers: {}, maxQueue: 1000, batchMax: 50, retries: 5, retryBaseMs: 500, timeoutMs: 5000 };
