/**
 * The requests the test runner sends and what came back: plain data, built and mutated by checks, sent by the
 * runner's sender (the only network edge), judged by pure functions.
 */
import type { ApiOperation, Header } from '../core/index.js';

/** A request body as the runner builds it. `json` values are serialised at send time; `raw` is sent as is. */
export type TestBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'form'; readonly fields: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'raw'; readonly contentType: string; readonly text: string };

/**
 * Whose credentials a request carries: an identity's (attached at send time, so refreshed tokens are used),
 * none, or explicit attacker-made headers (forged or tampered tokens, which are shown in clear as evidence).
 */
export type TestAuth =
  | { readonly kind: 'identity'; readonly identity: string }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'forged';
      readonly headers: readonly Header[];
      readonly note: string;
      /** Set when the forged value is an identity's real credential altered (e.g. one signature character changed): it is then redacted like the credential. */
      readonly derivedFrom?: { readonly identity: string; readonly label: string };
    };

export interface TestRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Raw path as sent (already percent-encoded), base path included: `/api/v2/orders/12`. */
  readonly path: string;
  /** The full path template the path was rendered from (base path included), when built from an operation. */
  readonly pathTemplate?: string;
  /** Decoded path parameter values the path was rendered from. */
  readonly pathParams?: Readonly<Record<string, string>>;
  /** Decoded query pairs, encoded at send time. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Headers other than credentials (names lower-case). */
  readonly headers: readonly Header[];
  readonly body?: TestBody;
  readonly auth: TestAuth;
  /** The operation this request exercises (for reports: its method and path template). */
  readonly operation?: ApiOperation;
  /** True for requests built to be valid from the spec (their responses are checked against the spec). */
  readonly valid?: boolean;
  /** Send exactly once: no waiting and retrying on 429/503 (checks that measure throttling need the raw answer). */
  readonly noRetry?: boolean;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: readonly Header[];
  /** Body as UTF-8 text, at most the sender's body limit. */
  readonly body: string;
  /** Bytes received (may exceed `body` when truncated). */
  readonly size: number;
  readonly truncated: boolean;
}

/** One request sent and its outcome: a response, or a transport error (timeout, connection reset). */
export interface TestExchange {
  readonly request: TestRequest;
  /** Absolute URL sent (for people and the curl command). */
  readonly url: string;
  /** Headers actually sent, credentials included (never reported in clear: see `evidence.ts`). */
  readonly sentHeaders: readonly Header[];
  /** Body text actually sent ('' when none). */
  readonly sentBody: string;
  readonly response?: TestResponse;
  /** Transport error message when no response came back. */
  readonly error?: string;
  /** Wall time from the first byte sent to the last byte received, ms. */
  readonly ms: number;
  /** ms since epoch at which the request started (injected clock). */
  readonly time: number;
}

/** Status of an exchange, or 0 when it failed at the transport level. */
export function statusOf(x: TestExchange | undefined): number {
  return x?.response?.status ?? 0;
}

/** True for 2xx answers. */
export function isSuccess(x: TestExchange | undefined): boolean {
  const s = statusOf(x);
  return s >= 200 && s < 300;
}

/** True for answers that refuse the caller: 401 or 403 (and 404/405 some APIs use to hide objects). */
export function isRefusal(x: TestExchange | undefined): boolean {
  const s = statusOf(x);
  return s === 401 || s === 403 || s === 404 || s === 405;
}
