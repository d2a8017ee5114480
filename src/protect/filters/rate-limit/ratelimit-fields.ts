/**
 * The IETF rate-limit header fields (draft-ietf-httpapi-ratelimit-headers-09, structured fields):
 * `RateLimit-Policy: "<id>";q=<quota>;w=<window s>` and `RateLimit: "<id>";r=<remaining>;t=<reset s>`,
 * plus `Retry-After` (RFC 9110 §10.2.3, seconds) on 429.
 */

/** The policy item for one rule (computed once per rule). */
export function policyField(id: string, quota: number, windowSec: number): string {
  return `"${id}";q=${quota};w=${windowSec}`;
}

/** The current-limit item: remaining requests and seconds until the quota is restored (rounded up). */
export function limitField(id: string, remaining: number, resetMs: number): string {
  return `"${id}";r=${remaining};t=${Math.max(0, Math.ceil(resetMs / 1000))}`;
}

/** Whole seconds for Retry-After (at least 1). */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
