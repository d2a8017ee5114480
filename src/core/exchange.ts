/**
 * The exchange: one HTTP request with its response (where known), who sent it and when.
 * Every source (HAR, access logs, JSON lines, the gateway tap, the test runner) produces exchanges, and every
 * analysis stage consumes them. Pure data, no I/O.
 */

/** One header as seen on the wire: name lower-cased, value as sent. Order is kept (bot detection reads it). */
export type Header = readonly [name: string, value: string];

/** A message body as far as the source knows it. */
export interface Body {
  /** The body as text: UTF-8 decoded, or base64 when `encoding` says so (binary content). */
  readonly text: string;
  readonly encoding?: 'base64';
  /** Size in bytes of the whole original body, when known (may exceed `text` when truncated). */
  readonly size: number;
  /** True when `text` holds only the first part of the body (a source or gateway limit was hit). */
  readonly truncated: boolean;
}

export interface HttpRequest {
  /** Upper-case method. */
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** Lower-case authority (`host[:port]`, default ports removed); '' when the source does not know it. */
  readonly host: string;
  /** The raw request-target as sent: path plus optional `?query` (origin form), e.g. `/a/b?x=1`. */
  readonly target: string;
  readonly headers: readonly Header[];
  readonly body?: Body;
  /** e.g. `HTTP/1.1`, when known. */
  readonly httpVersion?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: readonly Header[];
  readonly body?: Body;
}

/** Where an exchange came from. */
export type SourceKind = 'har' | 'access-log' | 'envoy-log' | 'jsonl' | 'raw-http' | 'postman' | 'openapi' | 'gateway' | 'discovery' | 'test' | 'csic';

export interface SourceRef {
  readonly kind: SourceKind;
  /** File name (as given by the user), when the source is a file. */
  readonly file?: string;
  /** Human-readable location inside the source: `entry 12`, `line 40`. */
  readonly position?: string;
}

export interface Client {
  /** The client's IP address as the source saw it (after trusted proxy headers, where configured). */
  readonly ip?: string;
  readonly port?: number;
}

/** The server that answered, as the source recorded it (HAR `serverIPAddress`, Envoy `%UPSTREAM_HOST%`). */
export interface Server {
  readonly ip?: string;
  readonly port?: number;
}

export interface Exchange {
  /** Milliseconds since the Unix epoch at which the request started; 0 when the source has no time. */
  readonly time: number;
  readonly durationMs?: number;
  readonly client: Client;
  /** The server address, when the source records it. */
  readonly server?: Server;
  readonly request: HttpRequest;
  readonly response?: HttpResponse;
  readonly source: SourceRef;
}
