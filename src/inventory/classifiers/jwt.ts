/**
 * JSON Web Tokens (RFC 7519) in compact serialisation: three base64url parts (`header.payload.signature`)
 * whose header decodes to a JSON object with a string `alg`. The signature may be empty only for `alg: none`.
 * Five-part encrypted tokens (JWE, RFC 7516) match too when their header has `alg` and `enc`. An
 * `Authorization`-style scheme in front (`Bearer eyJ…`) is allowed. Never verified: this says what the value
 * is, not whether it is genuine.
 */
import type { Classifier } from './classifier.js';
import { AUTH_SCHEME_FIRST_CHARS, isBase64UrlCode, mayHaveAuthScheme, splitAuthScheme } from './value-shape.js';

const MAX_JWT = 16_384;
const MAX_HEADER = 2_048;

/** The decoded JOSE header of a compact JWS/JWE, or undefined when it is not one. */
export function decodeJoseHeader(segment: string): Record<string, unknown> | undefined {
  if (segment.length < 8 || segment.length > MAX_HEADER) return undefined;
  // `{` followed by `"` or whitespace encodes to `ey` or `ew`
  if (segment.charCodeAt(0) !== 101 /* e */) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `v.slice(start, end)` is a compact JWS (3 parts) or JWE (5 parts). */
export function isJwtAt(v: string, start: number, end: number): boolean {
  const n = end - start;
  if (n < 16 || n > MAX_JWT) return false;
  if (v.charCodeAt(start) !== 101) return false;
  const dots: number[] = [];
  for (let i = start; i < end; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (dots.length === 4) return false;
      dots.push(i);
    } else if (!isBase64UrlCode(c)) {
      return false;
    }
  }
  if (dots.length !== 2 && dots.length !== 4) return false;
  const header = decodeJoseHeader(v.slice(start, dots[0]));
  if (!header || typeof header.alg !== 'string') return false;
  if (dots.length === 4) return typeof header.enc === 'string' && (dots[3] as number) + 1 < end && (dots[2] as number) > (dots[1] as number) + 1;
  const payloadLen = (dots[1] as number) - (dots[0] as number) - 1;
  if (payloadLen < 2) return false;
  const sigLen = end - (dots[1] as number) - 1;
  if (sigLen === 0) return header.alg.toLowerCase() === 'none';
  return sigLen >= 16;
}

export const jwt: Classifier = {
  type: 'jwt',
  gate: { minLength: 16, maxLength: MAX_JWT + 16, firstChars: AUTH_SCHEME_FIRST_CHARS + 'e' },
  test(value) {
    const n = value.length;
    if (n < 16 || n > MAX_JWT + 16) return false;
    if (value.charCodeAt(0) === 101) return isJwtAt(value, 0, n);
    if (!mayHaveAuthScheme(value)) return false;
    const { scheme, credential } = splitAuthScheme(value);
    return scheme !== '' && isJwtAt(credential, 0, credential.length);
  },
  vectors: {
    match: [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
      'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIzNDU2Nzg5MA',
      'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji.XFBoMYUZodetZdvTiFvSkQ',
    ],
    noMatch: [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.',
      'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'eyJub3Rqc29uIjo.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'header.payload.signature',
      'eyJhbGciOiJIUzI1NiJ9',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJ+MeKKF2QT4fwpMeJf36POk6yJV/adQssw5c',
      'www.example.com',
      '1.2.3',
      'Bearer abcdef.ghijkl.mnopqr',
    ],
  },
};
