/**
 * How each sensitive type is masked (the redaction policy, docs/redaction.md). Secrets are replaced whole;
 * card numbers keep at most their last four digits (PCI DSS 3.4); SSNs keep nothing; IBANs keep the country and
 * the last four characters; emails, phone numbers, birth dates and IP addresses follow `RedactOptions`. Every
 * mask is idempotent: masking a masked value gives it back unchanged.
 */
import type { SensitiveType } from '../../core/index.js';
import type { SensitiveSpan } from '../classifiers/find-sensitive.js';
import { splitAuthScheme } from '../classifiers/value-shape.js';

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Choices for the personal data that is masked partially by default. Secrets, cards, SSNs and IBANs are not configurable. */
export interface RedactOptions {
  /** `partial` (default): `a***@example.com`; `full`: `[REDACTED]`; `keep`: unchanged. */
  readonly email?: 'partial' | 'full' | 'keep';
  /** `partial` (default): every digit but the last two masked, `+* ***-***-**71`; `full`; `keep`. */
  readonly phone?: 'partial' | 'full' | 'keep';
  /** `keep` (default: addresses are what investigations need); `partial`: `203.0.113.*`, IPv6 /64 prefix; `full`. */
  readonly ipAddress?: 'keep' | 'partial' | 'full';
  /** `partial` (default): the year kept, `1985-**-**`; `full`; `keep`. */
  readonly dateOfBirth?: 'partial' | 'full' | 'keep';
}

const SECRET_TYPES: ReadonlySet<SensitiveType> = new Set([
  'password', 'generic-secret', 'jwt', 'private-key', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key',
]);

/** Mask precedence when one value has several types: the most protective first. */
const PRECEDENCE: readonly SensitiveType[] = [
  'private-key', 'password', 'generic-secret', 'jwt', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key',
  'us-ssn', 'payment-card', 'iban', 'date-of-birth', 'phone', 'email', 'ip-address',
];

/** True for the types whose values are credentials (always masked whole). */
export function isSecretType(type: SensitiveType): boolean {
  return SECRET_TYPES.has(type);
}

/** The type whose mask applies when a value has several. */
export function maskingType(types: readonly SensitiveType[]): SensitiveType | undefined {
  for (const t of PRECEDENCE) if (types.includes(t)) return t;
  return undefined;
}

/** A secret masked whole; an `Authorization`-style scheme in front is kept (`Bearer [REDACTED]`). */
export function maskSecret(value: string): string {
  const { scheme } = splitAuthScheme(value);
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

function maskDigits(value: string, keepLast: number): string {
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) total++;
  }
  let seen = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seen++;
      out += seen > total - keepLast ? value[i] : '*';
    } else {
      out += value[i];
    }
  }
  return out;
}

function maskIban(value: string): string {
  let total = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== 32) total++;
  let seen = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) === 32) {
      out += ' ';
      continue;
    }
    seen++;
    out += seen <= 2 || seen > total - 4 ? value[i] : '*';
  }
  return out;
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return REDACTED;
  return `${value[0]}***${value.slice(at)}`;
}

function maskBirthDate(value: string): string {
  // keep the first 4-digit run (the year); mask every other digit and letter
  let yearStart = -1;
  for (let i = 0; i + 4 <= value.length; i++) {
    if (/^\d{4}$/.test(value.slice(i, i + 4)) && !/\d/.test(value[i - 1] ?? '') && !/\d/.test(value[i + 4] ?? '')) {
      yearStart = i;
      break;
    }
  }
  if (yearStart === -1) return REDACTED;
  // digits outside the year are masked, and so are letter runs of 3 or more (month names); `T`/`Z` of ISO times stay
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    let keep = (i >= yearStart && i < yearStart + 4) || !/[0-9A-Za-z]/.test(ch);
    if (!keep && /[A-Za-z]/.test(ch)) {
      let a = i;
      let b = i;
      while (a > 0 && /[A-Za-z]/.test(value[a - 1] as string)) a--;
      while (b < value.length && /[A-Za-z]/.test(value[b] as string)) b++;
      keep = b - a < 3;
    }
    out += keep ? ch : '*';
  }
  return out;
}

function maskIp(value: string): string {
  if (value.includes(':')) {
    const groups = value.split(':');
    return `${groups.slice(0, 4).join(':')}:*`;
  }
  return value.slice(0, value.lastIndexOf('.') + 1) + '*';
}

/** `value`, known to be of `type`, masked by the policy and the options. */
export function maskAs(type: SensitiveType, value: string, options: RedactOptions = {}): string {
  if (SECRET_TYPES.has(type)) return maskSecret(value);
  switch (type) {
    case 'payment-card':
      return maskDigits(value, 4);
    case 'us-ssn':
      return maskDigits(value, 0);
    case 'iban':
      return maskIban(value);
    case 'email': {
      const mode = options.email ?? 'partial';
      return mode === 'keep' ? value : mode === 'full' ? REDACTED : maskEmail(value);
    }
    case 'phone': {
      const mode = options.phone ?? 'partial';
      return mode === 'keep' ? value : mode === 'full' ? REDACTED : maskDigits(value, 2);
    }
    case 'date-of-birth': {
      const mode = options.dateOfBirth ?? 'partial';
      return mode === 'keep' ? value : mode === 'full' ? REDACTED : maskBirthDate(value);
    }
    case 'ip-address': {
      const mode = options.ipAddress ?? 'keep';
      return mode === 'keep' ? value : mode === 'full' ? REDACTED : maskIp(value);
    }
    default:
      return REDACTED;
  }
}

/**
 * `text` with every span masked. Overlapping spans are merged into one region, masked as its most protective
 * type.
 */
export function maskSpans(text: string, spans: readonly SensitiveSpan[], options: RedactOptions = {}): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let last = 0;
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as SensitiveSpan;
    const start = Math.max(first.start, last);
    let end = first.end;
    const types: SensitiveType[] = [first.type];
    i++;
    while (i < sorted.length && (sorted[i] as SensitiveSpan).start < end) {
      const s = sorted[i] as SensitiveSpan;
      end = Math.max(end, s.end);
      types.push(s.type);
      i++;
    }
    if (end <= start) continue;
    const type = maskingType(types) ?? first.type;
    out += text.slice(last, start) + maskAs(type, text.slice(start, end), options);
    last = end;
  }
  return out + text.slice(last);
}
