/**
 * Stripe secrets: secret keys (`sk_live_`, `sk_test_`), restricted keys (`rk_live_`, `rk_test_`) and webhook
 * signing secrets (`whsec_`), followed by at least 16 alphanumerics. Publishable keys (`pk_live_`, `pk_test_`)
 * are public by design — Stripe tells integrators to embed them in web and mobile clients — so they are not
 * sensitive and do not match. Test-mode secrets do match: they still grant API access to the account's test data.
 */
import type { Classifier } from './classifier.js';
import { AUTH_SCHEME_FIRST_CHARS, isAlnumCode, mayHaveAuthScheme, splitAuthScheme } from './value-shape.js';

const PREFIXES = ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_'];

/** Length of the Stripe secret starting at `start` (up to `limit`), or 0 when none starts there. */
export function stripeKeyLengthAt(v: string, start: number, limit = v.length): number {
  const c = v.charCodeAt(start);
  if (c !== 115 /* s */ && c !== 114 /* r */ && c !== 119 /* w */) return 0;
  let p = '';
  for (const pre of PREFIXES) {
    if (v.startsWith(pre, start)) {
      p = pre;
      break;
    }
  }
  if (!p) return 0;
  let i = start + p.length;
  const max = Math.min(limit, start + 256);
  while (i < max && isAlnumCode(v.charCodeAt(i))) i++;
  return i - start - p.length >= 16 ? i - start : 0;
}

export const stripeKey: Classifier = {
  type: 'stripe-key',
  gate: { minLength: 22, maxLength: 270, firstChars: AUTH_SCHEME_FIRST_CHARS + 'srw' },
  test(value) {
    const n = value.length;
    if (n < 22 || n > 270) return false;
    if (stripeKeyLengthAt(value, 0) === n) return true;
    if (!mayHaveAuthScheme(value)) return false;
    const { scheme, credential } = splitAuthScheme(value);
    return scheme !== '' && credential.length > 0 && stripeKeyLengthAt(credential, 0) === credential.length;
  },
  vectors: {
    match: [
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'rk_live_51H8sQ2eZvKYlo2C0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyz01234567890',
      'whsec_5f8a0c2e9b7d4a1c3e6f8b0d2a4c6e8f',
      'Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    ],
    noMatch: [
      'pk_live_TYooMQauvdEDq54NiTphI7jx',
      'pk_test_TYooMQauvdEDq54NiTphI7jx',
      'sk_live_',
      'sk_live_short',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc!',
      'sk_prod_4eC39HqLyjWDarjtT1zdp7dc',
      'desk_live_4eC39HqLyjWDarjtT1zdp7dc',
    ],
  },
};
