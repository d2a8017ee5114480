/**
 * Telephone numbers. Without context only unambiguous forms match: international numbers written with `+` and
 * a country code (E.164, with or without spaces, dashes, dots or parentheses) that libphonenumber's metadata
 * says are valid for that country, and North-American numbers written `(415) 555-2671`. In a phone-named field
 * (`phone`, `mobile`, `tel`, `msisdn`, `fax`…) any plausible national format matches: 7–15 digits with the
 * usual separators and an optional extension. Bare digit runs elsewhere (ids, amounts, timestamps) never match.
 */
import { isValidPhoneNumber } from 'libphonenumber-js/min';
import type { Classifier } from './classifier.js';
import { HINT_PHONE, nameHints } from './name-hints.js';

/** Where a trailing extension (`x204`, `#204`, `ext. 204`, 1–6 digits) starts, or the length when there is none. */
function extensionStart(v: string): number {
  const n = v.length;
  let i = n;
  while (i > 0 && v.charCodeAt(i - 1) >= 48 && v.charCodeAt(i - 1) <= 57) i--;
  if (n - i < 1 || n - i > 6 || i === 0) return n;
  let j = i;
  while (j > 0 && v.charCodeAt(j - 1) === 32) j--;
  const c = v.charCodeAt(j - 1);
  let m = -1;
  if (c === 120 || c === 88 || c === 35) m = j - 1;
  else if (j >= 4 && v.slice(j - 4, j).toLowerCase() === 'ext.') m = j - 4;
  else if (j >= 3 && v.slice(j - 3, j).toLowerCase() === 'ext') m = j - 3;
  if (m <= 0) return n;
  while (m > 0 && v.charCodeAt(m - 1) === 32) m--;
  return m;
}

/** Digits of a phone-shaped value, or -1 when it has characters or separators a phone number does not. */
function phoneDigits(v: string): number {
  let digits = 0;
  let seps = 0; // consecutive separators
  let open = false;
  let parens = 0;
  const end = extensionStart(v);
  for (let i = 0; i < end; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      seps = 0;
      continue;
    }
    if (c === 43 /* + */) {
      if (i !== 0) return -1;
      continue;
    }
    if (c === 40 /* ( */) {
      if (open || parens > 0) return -1;
      open = true;
    } else if (c === 41 /* ) */) {
      if (!open) return -1;
      open = false;
      parens++;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 47) {
      return -1;
    }
    if (++seps > 2) return -1;
  }
  if (open) return -1;
  return digits;
}

/** True when every digit of `v` is the same one (`0000000`, `1111111111`): a filler, not a number. */
function oneDigitRepeated(v: string): boolean {
  let d = -1;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (d === -1) d = c;
    else if (c !== d) return false;
  }
  return true;
}

/** True when `v` is a phone number given the name hints of its field (see the module comment). */
export function isPhone(value: string, hints: number): boolean {
  let v = value;
  if (v.length > 4 && v.charCodeAt(0) === 116 /* t */ && v.startsWith('tel:')) v = v.slice(4);
  const n = v.length;
  if (n < 7 || n > 32) return false;
  const c0 = v.charCodeAt(0);
  const plus = c0 === 43;
  if (!plus && c0 !== 40 && (c0 < 48 || c0 > 57)) return false;
  const digits = phoneDigits(v);
  if (digits < 7 || digits > 15) return false;
  if (oneDigitRepeated(v)) return false;
  if (hints & HINT_PHONE) return true;
  if (plus) return digits >= 8 && isValidPhoneNumber(v);
  // `(415) 555-2671`: the North-American written form, unambiguous enough without context
  if (c0 === 40 && digits === 10 && v.charCodeAt(4) === 41) return isValidPhoneNumber(v, 'US');
  return false;
}

export const phone: Classifier = {
  type: 'phone',
  gate: { minLength: 7, maxLength: 36, firstChars: '+(t0123456789', anyFirstWithHints: HINT_PHONE },
  test(value, ctx) {
    const n = value.length;
    if (n < 7 || n > 36) return false;
    const c0 = value.charCodeAt(0);
    // without a phone-named field only `+…`, `(…` and `tel:…` forms can match
    if (c0 === 43 || c0 === 40 || c0 === 116) return isPhone(value, nameHints(ctx.name));
    if (c0 < 48 || c0 > 57) return false;
    const hints = nameHints(ctx.name);
    return (hints & HINT_PHONE) !== 0 && isPhone(value, hints);
  },
  vectors: {
    match: [
      '+14155552671',
      '+1 415-555-2671',
      '+44 20 7946 0958',
      '+33 1 23 45 67 89',
      '+49 30 12345678',
      '+81 3-1234-5678',
      '+91 98765 43210',
      'tel:+61412345678',
      '(415) 555-2671',
      { value: '4155552671', ctx: { name: 'phone' } },
      { value: '020 7946 0958', ctx: { name: 'mobilePhone' } },
      { value: '06 12 34 56 78', ctx: { name: 'telephone' } },
      { value: '030/1234567', ctx: { name: 'tel' } },
      { value: '415-555-2671 ext. 204', ctx: { name: 'contact_phone' } },
      { value: '+7 912 345-67-89', ctx: { name: 'msisdn' } },
    ],
    noMatch: [
      '4155552671',
      '415-555-2671',
      '+1234567890',
      '+0 123 456 789',
      '1718000000000',
      '+44 7700 900123',
      '2024-01-15',
      '19.99',
      { value: '4155552671', ctx: { name: 'account_id' } },
      { value: '+1', ctx: { name: 'phone_country_code' } },
      { value: '0000000000', ctx: { name: 'phone' } },
      { value: 'iPhone 12', ctx: { name: 'phone_model' } },
      { value: '123456', ctx: { name: 'phone_verification_code' } },
      { value: '12345', ctx: { name: 'phone' } },
      { value: '+1 (415) 555-2671 (home)', ctx: { name: 'phone' } },
    ],
  },
};
