/**
 * The sensitive values of one exchange, located and masked for evidence: path segments, query parameters,
 * JSON body leaves (by their key), and values embedded in other text. Uses the inventory's classifiers and
 * its masking policy, so evidence never holds a clear card number or secret. Bounded: bodies over 1 MiB are not
 * parsed, 2,000 leaves per body, 64 KiB of free text scanned.
 */
import { isJsonMediaType, type SensitiveType } from '../../core/index.js';
import { classifyValue, decodeJwt, findSensitive, type ValueContext } from '../../inventory/index.js';
import { maskAs } from '../../inventory/redaction/mask.js';
import { sensitiveFieldKind } from '../lint/rules/sensitive-field-in-response.js';
import type { SensitiveHit } from './comply-rule.js';

const MAX_BODY = 1024 * 1024;
const MAX_LEAVES = 2_000;
const MAX_TEXT = 64 * 1024;
/** Types the comply rules never judge (addresses are everywhere in logs and not regulated as such here). */
const IGNORED: ReadonlySet<SensitiveType> = new Set(['ip-address']);

type Direction = SensitiveHit['direction'];
type Location = SensitiveHit['location'];

/** The hits of one value: classified whole under its name, else the values embedded in it. */
export function scanValue(value: string, direction: Direction, location: Location, name: string, fieldName: string | undefined, out: SensitiveHit[]): void {
  if (!value) return;
  const ctx: ValueContext = fieldName === undefined ? { location, direction } : { location, direction, name: fieldName };
  const types = classifyValue(value, ctx).filter((t) => !IGNORED.has(t));
  if (types.length) {
    for (const type of types) out.push({ type, direction, location, name, evidence: maskAs(type, value) });
    return;
  }
  if (value.length < 8) return;
  const text = value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
  for (const span of findSensitive(text, ctx)) {
    if (IGNORED.has(span.type)) continue;
    out.push({ type: span.type, direction, location, name, evidence: maskAs(span.type, text.slice(span.start, span.end)) });
  }
}

function jsonKey(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `['${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** Parses a JSON body when it is JSON and small enough; undefined otherwise. */
export function parseJsonBody(text: string | undefined, mediaType: string, truncated: boolean): unknown {
  if (text === undefined || truncated || text.length > MAX_BODY || !(isJsonMediaType(mediaType) || /^\s*[[{]/.test(text.slice(0, 16)))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Hits in a parsed JSON document, one per leaf value, named by their generalised JSON path (`$.items[*].card`). */
export function scanJson(doc: unknown, direction: Direction, out: SensitiveHit[]): void {
  let leaves = 0;
  const walk = (v: unknown, path: string, name: string | undefined, depth: number): void => {
    if (leaves >= MAX_LEAVES || depth > 32) return;
    if (typeof v === 'string') {
      leaves++;
      scanValue(v, direction, 'body', path, name, out);
    } else if (typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) >= 1e12) {
      leaves++;
      scanValue(String(v), direction, 'body', path, name, out);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, `${path}[*]`, name, depth + 1);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, `${path}${jsonKey(k)}`, k, depth + 1);
    }
  };
  walk(doc, '$', undefined, 0);
}

/** Names of the claims of a JWT that hold secrets or personal data (`data.password`, `email`). */
export function sensitiveClaims(token: string): string[] {
  const claims = decodeJwt(token)?.claims;
  if (!claims) return [];
  const out: string[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > 4 || out.length >= 20 || v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (typeof x === 'string' && x !== '') {
        if (sensitiveFieldKind(k) === 'always') out.push(p);
        else if (classifyValue(x, { location: 'body', direction: 'response', name: k }).some((t) => t === 'email' || t === 'phone' || t === 'us-ssn' || t === 'payment-card' || t === 'iban' || t === 'date-of-birth')) out.push(p);
      } else walk(x, p, depth + 1);
    }
  };
  walk(claims, '', 0);
  return out;
}
