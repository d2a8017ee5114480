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

/**
 * The sensitive data types `value` holds as a whole, in catalogue order (no duplicates). `value` is one
 * decoded parameter value, header value, cookie value or JSON leaf; `ctx` says where it was and under which
 * name. Cheap for ordinary values: every classifier rejects on length and first character before any parsing.
 * Never throws. For sensitive values embedded in longer text, use {@link findSensitive}.
 */
export function classifyValue(value: string, ctx: ValueContext): SensitiveType[] {
  const out: SensitiveType[] = [];
  if (typeof value !== 'string' || value.length === 0) return out;
  for (let i = 0; i < CLASSIFIERS.length; i++) {
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
