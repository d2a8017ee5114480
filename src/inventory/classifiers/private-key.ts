/**
 * Private keys in PEM armour (RFC 7468): `-----BEGIN <label> PRIVATE KEY-----` for PKCS#8 (`PRIVATE KEY`,
 * `ENCRYPTED PRIVATE KEY`), PKCS#1 (`RSA`), SEC 1 (`EC`), `DSA` and OpenSSH (`OPENSSH`), followed by base64 key
 * material, and PGP secret key blocks (`-----BEGIN PGP PRIVATE KEY BLOCK-----`). Public keys and certificates
 * do not match. JSON-escaped line breaks (`\n` as two characters) are accepted, as keys often travel that way.
 */
import type { Classifier } from './classifier.js';

const BEGIN = '-----BEGIN ';
const MAX_KEY = 65_536;

/**
 * When a PEM private-key header starts at `start`, the index just past it (after the closing dashes);
 * otherwise -1.
 */
export function privateKeyHeaderEnd(v: string, start: number): number {
  if (!v.startsWith(BEGIN, start)) return -1;
  const close = v.slice(start + BEGIN.length, start + 72).indexOf('-----');
  if (close === -1) return -1;
  const label = v.slice(start + BEGIN.length, start + BEGIN.length + close);
  if (!(label.endsWith('PRIVATE KEY') || label === 'PGP PRIVATE KEY BLOCK')) return -1;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 32)) return -1;
  }
  return start + BEGIN.length + close + 5;
}

/** Counts base64 characters after `from` up to `end` (stops at the next `-----`), for "is there key material". */
function base64Run(v: string, from: number, end: number): number {
  let k = 0;
  for (let i = from; i < end; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61) k++;
    else if (c === 45 && v.startsWith('-----', i)) break;
  }
  return k;
}

export const privateKey: Classifier = {
  type: 'private-key',
  gate: { minLength: 48, maxLength: MAX_KEY, firstChars: '- \t\r\n' },
  test(value) {
    const n = value.length;
    if (n < 48 || n > MAX_KEY) return false;
    let i = 0;
    while (i < n && i < 16 && (value.charCodeAt(i) === 32 || value.charCodeAt(i) === 10 || value.charCodeAt(i) === 13 || value.charCodeAt(i) === 9)) i++;
    if (value.charCodeAt(i) !== 45) return false;
    const h = privateKeyHeaderEnd(value, i);
    if (h === -1) return false;
    return base64Run(value, h, n) >= 32;
  },
  vectors: {
    match: [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6dYnUhSnBfbN0ZhA3Jd3Wq0hM\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
      '-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oQhOcaG6HtBWoAoGCCqGSM49\\n-----END EC PRIVATE KEY-----',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIc2FsdHNhbHQCAggA\n-----END ENCRYPTED PRIVATE KEY-----',
      '  -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
    ],
    noMatch: [
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\n-----END PUBLIC KEY-----',
      '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----',
      '-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----',
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host',
      'BEGIN PRIVATE KEY',
    ],
  },
};
