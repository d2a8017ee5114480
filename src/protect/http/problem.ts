/**
 * Responses the gateway makes itself are RFC 9457 problem details (`application/problem+json`) carrying the
 * request id and the rule that decided, so an operator can find the log line and the client knows what to fix.
 */
import { STATUS_CODES } from 'node:http';

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly requestId: string;
  readonly rule: string;
}

/** The problem type URI for a rule (stable; documented in docs/gateway/rules.md). */
export function problemType(rule: string): string {
  return `urn:rampart:problem:${rule}`;
}

export function problemDetails(status: number, rule: string, detail: string, requestId: string): ProblemDetails {
  return {
    type: problemType(rule),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: detail.length > 500 ? `${detail.slice(0, 500)}…` : detail,
    instance: `urn:rampart:request:${requestId}`,
    requestId,
    rule,
  };
}

/** The serialised body of a problem response. */
export function problemBody(status: number, rule: string, detail: string, requestId: string): Buffer {
  return Buffer.from(JSON.stringify(problemDetails(status, rule, detail, requestId)), 'utf8');
}
