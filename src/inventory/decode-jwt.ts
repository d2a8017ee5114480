/**
 * Reads a JWT's header and claims WITHOUT verifying it, to record what the inventory needs (`alg`, `iss`).
 * The token itself is never kept. Bounded: tokens over 16 KiB are not decoded.
 */

export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  /** Claims of a JWS; undefined for a JWE (encrypted: 5 parts) or a payload that is not JSON. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

const MAX_TOKEN = 16 * 1024;

/** True when `s` has the shape of a compact JWS/JWE whose header starts like a JSON object (`eyJ`). */
export function isJwtShaped(s: string): boolean {
  if (s.length < 20 || s.length > MAX_TOKEN || !s.startsWith('eyJ')) return false;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 61)) return false;
  }
  return dots === 2 || dots === 4;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes (never verifies) a compact JWT; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  if (!isJwtShaped(token)) return undefined;
  const parts = token.split('.');
  const header = decodePart(parts[0] as string);
  if (!header) return undefined;
  if (parts.length === 5) return { header };
  const claims = decodePart(parts[1] as string);
  return claims ? { header, claims } : { header };
}

/** `alg` and `iss` of a JWT, as short strings (longer or non-string values are dropped). */
export function jwtFacts(token: string): { alg?: string; iss?: string } | undefined {
  const d = decodeJwt(token);
  if (!d) return undefined;
  const out: { alg?: string; iss?: string } = {};
  const alg = d.header.alg;
  if (typeof alg === 'string' && alg.length <= 32) out.alg = alg;
  const iss = d.claims?.iss;
  if (typeof iss === 'string' && iss.length <= 256) out.iss = iss;
  return out;
}
