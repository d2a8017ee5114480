/**
 * Decisions are return values: a gateway filter or a detection stage says `continue`, or stops the exchange
 * with a response and the rule that decided.
 */

export interface ContinueVerdict {
  readonly action: 'continue';
  /**
   * Headers to add to the response the client eventually gets (e.g. the IETF `RateLimit` fields on an allowed
   * request); absent for a plain continue.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StopVerdict {
  readonly action: 'block' | 'deceive';
  /** Stable id of the rule that decided, e.g. `spec.unknown-operation`, `ratelimit.ip`. */
  readonly rule: string;
  /** HTTP status the gateway answers with (blocks) or pretends (deception). */
  readonly status: number;
  /** One line for people (goes into the problem+json `detail`). */
  readonly reason: string;
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Deception only: the fake body sent instead of a problem+json (with `contentType`; '' for no body), so the
   * response looks like the API's own.
   */
  readonly body?: string;
  readonly contentType?: string;
}

export type Verdict = ContinueVerdict | StopVerdict;

export const CONTINUE: ContinueVerdict = Object.freeze({ action: 'continue' });
