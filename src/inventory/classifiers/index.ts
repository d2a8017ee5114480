/**
 * The built-in sensitive-data classifiers, in a fixed order (the catalogue order of `classifyValue`'s result),
 * and the entry points the inventory, the gateway and compliance use. See docs/sensitive-data.md.
 */
import type { SensitiveType } from '../../core/index.js';
import { awsAccessKey } from './aws-access-key.js';
import type { Classifier, ValueContext } from './classifier.js';
import { dateOfBirth } from './date-of-birth.js';
import { email } from './email.js';
import { genericSecret } from './generic-secret.js';
import { githubToken } from './github-token.js';
import { iban } from './iban.js';
import { ipAddress } from './ip-address.js';
import { jwt } from './jwt.js';
import { password } from './password.js';
import { paymentCard } from './payment-card.js';
import { phone } from './phone.js';
import { privateKey } from './private-key.js';
import { slackToken } from './slack-token.js';
import { stripeKey } from './stripe-key.js';
import { usSsn } from './us-ssn.js';
import { nameHints } from './name-hints.js';

import { findSensitiveWith, type SensitiveSpan } from './find-sensitive.js';

export type { Classifier, ValueContext } from './classifier.js';
export type { SensitiveSpan } from './find-sensitive.js';

/** Every built-in classifier, one per {@link SensitiveType}, in catalogue order. */
export const CLASSIFIERS: readonly Classifier[] = Object.freeze([
  email,
  phone,
  paymentCard,
  usSsn,
  iban,
  jwt,
  privateKey,
  awsAccessKey,
  githubToken,
  slackToken,
  stripeKey,
  genericSecret,
  ipAddress,
  dateOfBirth,
  password,
]);

// The gates compiled for the hot path: per first character, a bit set of the classifiers that may match.
const COUNT = CLASSIFIERS.length;
const FIRST_OK = new Uint16Array(128);
let ANY_FIRST = 0;
const MIN_LEN = new Int32Array(COUNT);
const MAX_LEN = new Int32Array(COUNT);
const REQUIRES = new Int32Array(COUNT);
const ANY_FIRST_WITH = new Int32Array(COUNT);
CLASSIFIERS.forEach((c, i) => {
  const g = c.gate;
  MIN_LEN[i] = g?.minLength ?? 1;
  MAX_LEN[i] = g?.maxLength ?? 0x7fffffff;
  REQUIRES[i] = g?.requiresHints ?? 0;
  ANY_FIRST_WITH[i] = g?.anyFirstWithHints ?? 0;
  if (g?.firstChars === undefined) {
    ANY_FIRST |= 1 << i;
    for (let ch = 0; ch < 128; ch++) FIRST_OK[ch]! |= 1 << i;
  } else {
    for (const ch of g.firstChars) FIRST_OK[ch.charCodeAt(0)]! |= 1 << i;
  }
});

/**
 * The sensitive data types `value` holds as a whole, in catalogue order (no duplicates). `value` is one
 * decoded parameter value, header value, cookie value or JSON leaf; `ctx` says where it was and under which
 * name. Cheap for ordinary values: each classifier's gate (length bounds, first character, name hints) is
 * checked from tables before its test runs. Never throws. For sensitive values embedded in longer text, use
 * {@link findSensitive}.
 */
export function classifyValue(value: string, ctx: ValueContext): SensitiveType[] {
  const out: SensitiveType[] = [];
  if (typeof value !== 'string') return out;
  const n = value.length;
  if (n === 0) return out;
  const c0 = value.charCodeAt(0);
  const hints = nameHints(ctx.name);
  const first = c0 < 128 ? (FIRST_OK[c0] as number) : ANY_FIRST;
  for (let i = 0; i < COUNT; i++) {
    if (n < (MIN_LEN[i] as number) || n > (MAX_LEN[i] as number)) continue;
    if (!(first & (1 << i)) && !(hints & (ANY_FIRST_WITH[i] as number))) continue;
    const req = REQUIRES[i] as number;
    if (req !== 0 && !(hints & req)) continue;
    const c = CLASSIFIERS[i] as Classifier;
    try {
      if (c.test(value, ctx)) out.push(c.type);
    } catch {
      // a classifier bug must not break the caller's pipeline; the value is just not classified as that type
    }
  }
  return out;
}

const DEFAULT_TEXT_CTX: ValueContext = { location: 'body', direction: 'request' };

/**
 * Sensitive values embedded in a longer text (a card number in an error message, `password=…` in a log line,
 * a JWT in a header dump), as `{type, start, end}` ranges sorted by position. `ctx` is where the text was
 * found; its `name` applies to the text as a whole. Linear in the text length; never throws.
 *
 * @example findSensitive('card 4111 1111 1111 1111 declined') // [{ type: 'payment-card', start: 5, end: 24 }]
 */
export function findSensitive(text: string, ctx: ValueContext = DEFAULT_TEXT_CTX): SensitiveSpan[] {
  return findSensitiveWith(text, ctx, classifyValue);
}
