/**
 * IP addresses: IPv4 dotted quads (each octet 0–255, no leading zeros) and IPv6 in any RFC 4291/5952 text
 * form (compressed `::`, embedded IPv4, zone index), as Node's `net.isIP` accepts them. A dotted quad in a
 * field named like a version (`version`, `appVersion`, `build`) is a version number, not an address.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Classifier } from './classifier.js';
import { HINT_VERSION, nameHints } from './name-hints.js';

/** True when `v` is an IPv4 or IPv6 address (no context). */
export function isIpAddress(v: string): boolean {
  const n = v.length;
  if (n < 2 || n > 64) return false;
  if (v.indexOf(':') !== -1) return isIPv6(v) && hasHexDigit(v);
  return n >= 7 && n <= 15 && isIPv4(v);
}

function hasHexDigit(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i) | 0x20;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) return true;
  }
  return false;
}

function isHexOrColon(c: number): boolean {
  const l = c | 0x20;
  return (c >= 48 && c <= 57) || (l >= 97 && l <= 102) || c === 58;
}

export const ipAddress: Classifier = {
  type: 'ip-address',
  test(value, ctx) {
    const n = value.length;
    if (n < 2 || n > 64) return false;
    const c0 = value.charCodeAt(0);
    if (!isHexOrColon(c0)) return false;
    if (c0 >= 48 && c0 <= 57 && n <= 15 && value.indexOf(':') === -1) {
      if (value.charCodeAt(n - 1) < 48 || value.charCodeAt(n - 1) > 57) return false;
      if (!isIPv4(value)) return false;
      return !(nameHints(ctx.name) & HINT_VERSION);
    }
    if (value.indexOf(':') === -1) return false;
    return isIPv6(value) && hasHexDigit(value);
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
