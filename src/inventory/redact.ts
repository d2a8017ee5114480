/**
 * Redaction of what Rampart stores and shows (samples, evidence, the gateway tap): secrets, passwords,
 * credentials and card numbers never leave in clear.
 * (Contract stub: credential headers are masked; value-level redaction is being written.)
 */
import type { Header } from '../core/index.js';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token']);

/** Headers with credential values masked (names and order kept). */
export function redactHeaders(headers: readonly Header[]): Header[] {
  return headers.map(([n, v]) => (CREDENTIAL_HEADERS.has(n) ? [n, '[REDACTED]'] : [n, v]) as Header);
}

/** A body text with sensitive values masked (JSON walked by field, other text scanned). */
export function redactBody(text: string, _mediaType: string): string {
  return text;
}

/** One value masked when sensitive in its context (e.g. a `password` field, a card number). */
export function redactValue(value: string, _name?: string): string {
  return value;
}
