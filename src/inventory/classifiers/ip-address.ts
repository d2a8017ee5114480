/**
 * IP addresses: IPv4 dotted quads (each octet 0–255, no leading zeros) and IPv6 in any RFC 4291/5952 text
 * form (compressed `::`, embedded IPv4, zone index), as Node's `net.isIP` accepts them. A dotted quad in a
 * field named like a version (`version`, `appVersion`, `build`) is a version number, not an address.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Classifier } from './classifier.js';
import { HINT_VERSION, nameHints } from './name-hints.js';

/** True when `v` has exactly the characters of a dotted quad: digits and three dots. */
function isDottedQuadShape(v: string): boolean {
  const n = v.length;
  if (n < 7 || n > 15) return false;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return false;
  }
  return dots === 3;
}

/** True when `v` has only the characters of an IPv6 address (hex digits, `:`, `.`, a `%zone`) and at least two colons. */
function isIpv6Shape(v: string): boolean {
  const n = v.length;
  if (n < 2 || n > 64) return false;
  let colons = 0;
  let hex = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 58) colons++;
    else if (c === 37 /* % */) break; // zone index: any characters after it
    else if ((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102)) hex++;
    else if (c !== 46) return false;
  }
  return colons >= 2 && hex > 0;
}

/** True when `v` is an IPv4 or IPv6 address (no context). */
export function isIpAddress(v: string): boolean {
  if (isDottedQuadShape(v)) return isIPv4(v);
  return isIpv6Shape(v) && isIPv6(v);
}

function isHexOrColon(c: number): boolean {
  const l = c | 0x20;
  return (c >= 48 && c <= 57) || (l >= 97 && l <= 102) || c === 58;
}

export const ipAddress: Classifier = {
  type: 'ip-address',
  gate: { minLength: 2, maxLength: 64, firstChars: '0123456789abcdefABCDEF:' },
  test(value, ctx) {
    const n = value.length;
    if (n < 2 || n > 64) return false;
    if (!isHexOrColon(value.charCodeAt(0))) return false;
    if (isDottedQuadShape(value)) return isIPv4(value) && !(nameHints(ctx.name) & HINT_VERSION);
    return isIpv6Shape(value) && isIPv6(value);
  },
  vectors: {
    match: [
      '192.168.1.10',
      '203.0.113.42',
      '8.8.8.8',
      '255.255.255.255',
      '2001:db8::8a2e:370:7334',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '::1',
      'fe80::1%eth0',
      '::ffff:192.0.2.1',
      { value: '10.0.0.1', ctx: { location: 'header', name: 'x-forwarded-for' } },
    ],
    noMatch: [
      '256.1.1.1',
      '192.168.1',
      '192.168.1.1.1',
      '01.02.03.04',
      '1.2.3.4a',
      '::',
      '12:30:45',
      '00:1a:2b:3c:4d:5e',
      'deadbeef',
      '1.2.3',
      { value: '1.2.3.4', ctx: { name: 'version' } },
      { value: '10.0.0.1', ctx: { name: 'appVersion' } },
    ],
  },
};
