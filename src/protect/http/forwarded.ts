/**
 * Forwarding headers a reverse proxy adds: `X-Forwarded-For` (appended), `X-Forwarded-Proto`/`-Host` (kept from a
 * trusted proxy, else set), and `Forwarded` (RFC 7239, one element appended: `for=…;host=…;proto=…`).
 */

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A `Forwarded` parameter value: a token as is, anything else quoted (RFC 7239 §4). */
export function forwardedValue(v: string): string {
  return TOKEN.test(v) ? v : `"${v.replace(/["\\]/g, '\\$&')}"`;
}

/** The node identifier of an address: IPv6 in brackets and quoted (RFC 7239 §6). */
export function forwardedFor(ip: string): string {
  return ip.includes(':') ? `"[${ip}]"` : ip || 'unknown';
}

/** One `Forwarded` element for this hop. */
export function forwardedElement(peerIp: string, host: string, proto: 'http' | 'https'): string {
  return `for=${forwardedFor(peerIp)}${host ? `;host=${forwardedValue(host)}` : ''};proto=${proto}`;
}
