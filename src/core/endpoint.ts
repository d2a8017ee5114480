/**
 * The inventory's view of one API endpoint: what is known about `METHOD host template`, learned from traffic
 * and/or documented by a spec. Plain data; `inventory/` computes it, `store/` keeps it.
 */
import type { ParamLocation } from './api-description.js';
import type { JsonSchema } from './json-schema.js';

/**
 * documented: in a spec and seen (or no traffic yet considered); shadow: seen, not in any spec;
 * zombie: deprecated in the spec (or an older version of a path that has a newer one) and still called;
 * orphan: in a spec, never seen in traffic.
 */
export type EndpointStatus = 'documented' | 'shadow' | 'zombie' | 'orphan';

/** Stable names of the sensitive data types the classifiers know. */
export type SensitiveType =
  | 'email'
  | 'phone'
  | 'payment-card'
  | 'us-ssn'
  | 'iban'
  | 'jwt'
  | 'private-key'
  | 'aws-access-key'
  | 'github-token'
  | 'slack-token'
  | 'stripe-key'
  | 'generic-secret'
  | 'ip-address'
  | 'date-of-birth'
  | 'password';

export type AuthKind = 'none' | 'basic' | 'bearer-jwt' | 'bearer' | 'api-key-header' | 'api-key-query' | 'session-cookie';

export interface AuthSeen {
  readonly kind: AuthKind;
  /** Header, query parameter or cookie name carrying the credential (api keys, cookies). */
  readonly name?: string;
  /** Authorization scheme when it is neither Basic nor Bearer (`Digest`, `AWS4-HMAC-SHA256`, `Token`…); kind is then `api-key-header`. */
  readonly scheme?: string;
  /** For JWTs (decoded, never verified): signing algorithm and issuer seen. */
  readonly jwt?: { readonly alg?: string; readonly iss?: string };
  readonly count: number;
}

export interface EndpointParameter {
  readonly name: string;
  readonly in: ParamLocation;
  /** Inferred (or documented) JSON Schema of the value. */
  readonly schema: JsonSchema;
  /** Seen in every request of the endpoint (or required by the spec). */
  readonly required: boolean;
  readonly count: number;
  /** Documented in a spec. */
  readonly documented: boolean;
}

export interface SensitiveSighting {
  readonly type: SensitiveType;
  readonly direction: 'request' | 'response';
  /** `path`, `query`, `header`, `cookie` or `body`. */
  readonly location: ParamLocation | 'body';
  /** Parameter name, or the JSON path in the body (`$.user.email`, `$.items[*].card`). */
  readonly path: string;
  readonly count: number;
}

export interface BodySchema {
  readonly contentType: string;
  readonly schema: JsonSchema;
  readonly count: number;
}

export interface ResponseSchema extends BodySchema {
  readonly status: string;
}

/** A redacted example request/response kept for people to look at. */
export interface Sample {
  readonly time: number;
  readonly method: string;
  readonly target: string;
  readonly status?: number;
  readonly requestHeaders: ReadonlyArray<readonly [string, string]>;
  readonly requestBody?: string;
  readonly responseHeaders?: ReadonlyArray<readonly [string, string]>;
  readonly responseBody?: string;
}

export interface Endpoint {
  /** Stable key: `METHOD host template`, e.g. `GET api.example.com /users/{id}`. */
  readonly key: string;
  readonly method: string;
  /** API host (lower-case `host[:port]`), '' when the sources did not know it. */
  readonly host: string;
  /** Path template, OpenAPI style: `/users/{id}`. */
  readonly path: string;
  readonly status: EndpointStatus;
  /** Which kinds of sources know it: `traffic`, `spec`, `postman`, `discovery`. */
  readonly sources: readonly string[];
  readonly hits: number;
  /** Status code -> count. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** ms since epoch; undefined when never seen in traffic (orphans) or the source had no time. */
  readonly firstSeen?: number;
  readonly lastSeen?: number;
  readonly requestContentTypes: readonly string[];
  readonly responseContentTypes: readonly string[];
  readonly parameters: readonly EndpointParameter[];
  readonly requestBodies: readonly BodySchema[];
  readonly responses: readonly ResponseSchema[];
  readonly auth: readonly AuthSeen[];
  readonly sensitive: readonly SensitiveSighting[];
  /** Spec facts when documented: operationId, deprecated, the spec file and its path template. */
  readonly spec?: { readonly file?: string; readonly operationId?: string; readonly deprecated: boolean; readonly path: string };
  /** Drift between traffic and spec: names of undocumented parameters and status codes seen. */
  readonly drift?: { readonly undocumentedParameters: readonly string[]; readonly undocumentedStatusCodes: readonly string[] };
  readonly samples: readonly Sample[];
  /** URL schemes seen in traffic (`https`, `http`); used for the servers of an exported OpenAPI document. */
  readonly schemes?: readonly ('http' | 'https')[];
  /**
   * Exchanges whose values were read (parameter types, body schemas, sensitive data, samples); the learner reads
   * all of the first ones and a thinning sample after that, so `sensitive[].count` counts among these.
   */
  readonly inspected?: number;
}
