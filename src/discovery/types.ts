/**
 * The nouns of discovery: what a probe sees of a host (findings, spec documents, endpoints, more names) and the
 * report `rampart discover` prints. Plain data; the HTTP client and DNS resolver are injected edges.
 */
import type { ApiDescription, Header, Severity } from '../core/index.js';

/** Stable kinds of discovery findings (documented in docs/discovery.md). */
export type FindingKind =
  | 'spec-exposed'
  | 'swagger-ui-exposed'
  | 'api-catalog-exposed'
  | 'graphql-endpoint'
  | 'graphql-introspection'
  | 'api-prefix'
  | 'js-api-calls'
  | 'robots-api-paths'
  | 'cleartext-http'
  | 'tls-certificate-invalid'
  | 'cors-any-origin'
  | 'cors-reflected-origin'
  | 'cors-credentials-any-origin'
  | 'cors-null-origin'
  | 'server-version-disclosed'
  | 'debug-error-page';

/** A discovery finding: what is exposed, how bad, where. */
export interface DiscoveryFinding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** The URL that showed it. */
  readonly url: string;
  readonly message: string;
  /** OWASP API Security Top 10 (2023) id, or null. */
  readonly owasp: string | null;
  readonly cwe: string | null;
}

/** Where an endpoint was learned from the outside. */
export type EndpointSource = 'spec' | 'graphql' | 'js' | 'probe' | 'robots' | 'sitemap';

/** An API endpoint seen from the outside. `url` is absolute when known; `path` is the path (template for specs). */
export interface DiscoveredEndpoint {
  /** Upper-case method; `ANY` when the source does not say (a path in robots.txt, a route table). */
  readonly method: string;
  readonly url?: string;
  readonly path: string;
  readonly source: EndpointSource;
  /** GraphQL: `query users`, `mutation createUser`. */
  readonly operation?: string;
}

/** A spec document found and parsed. */
export interface DiscoveredSpec {
  readonly url: string;
  readonly description: ApiDescription;
}

/** What the TLS handshake showed (certificate read, never trusted blindly). */
export interface TlsInfo {
  readonly enabled: boolean;
  readonly protocol?: string;
  /** The certificate chains to a trusted root and matches the name. */
  readonly valid?: boolean;
  /** Why it is not valid (`DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_TLS_CERT_ALTNAME_INVALID`, `CERT_HAS_EXPIRED`…). */
  readonly error?: string;
  readonly subject?: string;
  readonly issuer?: string;
  /** DNS names in the subject alternative names (lower-case, as written: may hold `*.` wildcards). */
  readonly altNames?: readonly string[];
  /** ISO dates. */
  readonly validFrom?: string;
  readonly validTo?: string;
}

export interface CorsInfo {
  /** `Access-Control-Allow-Origin` answered to a foreign origin, when any. */
  readonly allowOrigin?: string;
  readonly allowCredentials: boolean;
  /** `reflected` (our origin echoed), `any` (`*`), `null`, `none` (no header), `fixed` (another origin). */
  readonly policy: 'reflected' | 'any' | 'null' | 'none' | 'fixed';
}

export interface Fingerprint {
  /** Product names, e.g. `nginx/1.25.3`, `Express`, `Spring Boot`, `Kong`. */
  readonly server: readonly string[];
  readonly frameworks: readonly string[];
  readonly gateways: readonly string[];
  /** Authentication schemes challenged (`Bearer`, `Basic`…) or required (`api-key`). */
  readonly auth: readonly string[];
}

/** What one probe returns: values only. */
export interface ProbeResult {
  readonly findings?: readonly DiscoveryFinding[];
  readonly specs?: readonly DiscoveredSpec[];
  readonly endpoints?: readonly DiscoveredEndpoint[];
  /** More host names worth probing (certificate SANs, base URLs in JS): scope is checked before any contact. */
  readonly hosts?: readonly string[];
  readonly fingerprint?: Partial<Fingerprint>;
  readonly tls?: TlsInfo;
  readonly cors?: CorsInfo;
}

/** The answer to one request. Network failures and scope refusals are values (`status` 0 with `error`). */
export interface FetchResult {
  /** The final URL, after redirects followed within scope. */
  readonly url: string;
  readonly status: number;
  readonly headers: readonly Header[];
  /** Body as UTF-8 text, at most the request's byte limit. */
  readonly body: string;
  readonly truncated: boolean;
  /** `ECONNREFUSED`, `timeout`, `out-of-scope: …`, `redirect out of scope: …`. */
  readonly error?: string;
}

export interface FetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Byte limit for the body (default: the client's). */
  readonly maxBytes?: number;
  /** Follow redirects (within scope); default true. */
  readonly follow?: boolean;
}

/** The HTTP edge every probe gets: scoped, rate-limited, bounded, identifying itself. */
export interface HttpClient {
  fetch(url: string, init?: FetchInit): Promise<FetchResult>;
  /** Handshake only: what the certificate of `host:port` says. */
  tls(host: string, port: number): Promise<TlsInfo>;
}

/** What every probe knows about the host it is probing. */
export interface HostContext {
  /** Host name (lower-case, no port). */
  readonly host: string;
  /** Origin that answered: `https://api.example.com` or `http://api.example.com:8080`. */
  readonly origin: string;
  /** Path prefixes given by the user's URL target (e.g. `/api`), besides the built-in ones. */
  readonly prefixes: readonly string[];
  /** The answer to `GET /` (after redirects). */
  readonly root: FetchResult;
  /** The answer to a path that cannot exist: what this host's "not found" looks like. */
  readonly notFound: FetchResult;
  /** Parses a spec document; undefined when the text is not one. */
  readonly parseSpec: SpecParser;
  /** True when the scope allows contacting `host`: probes skip other hosts quietly (CDN scripts, third parties). */
  readonly inScope: (host: string) => boolean;
}

/** Turns a document's text into an API description, or undefined when it is not a spec (or cannot be parsed). */
export type SpecParser = (text: string, url: string) => Promise<ApiDescription | undefined>;

/** A probe: one unit of looking at a host. */
export interface Probe {
  /** Stable name, e.g. `spec-locations`. */
  readonly name: string;
  run(ctx: HostContext, http: HttpClient): Promise<ProbeResult>;
}

export type Risk = 'critical' | 'high' | 'medium' | 'low' | 'none';

/** One host in the report. */
export interface HostReport {
  readonly host: string;
  readonly url: string;
  readonly risk: Risk;
  /** 0–100, for ordering (see risk.ts). */
  readonly score: number;
  readonly findings: readonly DiscoveryFinding[];
  readonly specs: readonly string[];
  readonly endpoints: readonly DiscoveredEndpoint[];
  readonly fingerprint: Fingerprint;
  readonly tls: TlsInfo;
  readonly cors: CorsInfo;
}

/** Something discovery chose not to contact, or could not use. */
export interface DiscoveryNote {
  readonly kind: 'out-of-scope' | 'unresolved' | 'unreachable' | 'limit';
  readonly target: string;
  readonly reason: string;
}

export interface DiscoveryReport {
  readonly hosts: readonly HostReport[];
  /** The spec documents found, parsed (for the inventory; the JSON output lists their URLs per host). */
  readonly specDocuments: readonly DiscoveredSpec[];
  readonly notes: readonly DiscoveryNote[];
  /** True when `--max-duration` stopped discovery before it was done. */
  readonly partial: boolean;
  readonly stats: { readonly namesTried: number; readonly namesResolved: number; readonly requests: number };
}
