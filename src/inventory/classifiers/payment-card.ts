/**
 * Payment card numbers (PANs): 12–19 digits, optionally grouped by single spaces or dashes (one kind per
 * number, every group but the last of at least 3 digits), that pass the Luhn check AND start with an issuer prefix at a length that issuer uses: Visa,
 * Mastercard (51–55 and the 2221–2720 series), American Express, Discover, JCB, Diners Club, UnionPay, Maestro
 * and Mir. Ungrouped digit runs in a field named like an id or a timestamp (`order_id`, `ts`) are not cards
 * unless the name also says card.
 */
import type { Classifier } from './classifier.js';
import { HINT_CARD, HINT_ID, nameHints } from './name-hints.js';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'mir';

/** Luhn (mod 10) check over `digits[0..len)` (digit values 0–9). */
export function isLuhnValid(digits: ArrayLike<number>, len = digits.length): boolean {
  let sum = 0;
  let double = false;
  for (let i = len - 1; i >= 0; i--) {
    let d = digits[i] as number;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function prefix(digits: ArrayLike<number>, k: number): number {
  let p = 0;
  for (let i = 0; i < k; i++) p = p * 10 + (digits[i] as number);
  return p;
}

/** The issuer of a card number from its prefix and length (IIN ranges as published by the networks), or undefined. */
export function cardBrand(digits: ArrayLike<number>, len = digits.length): CardBrand | undefined {
  if (len < 12 || len > 19) return undefined;
  const d0 = digits[0] as number;
  const p2 = prefix(digits, 2);
  const p3 = prefix(digits, 3);
  const p4 = prefix(digits, 4);
  if (d0 === 4) return len === 13 || len === 16 || len === 19 ? 'visa' : undefined;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16 ? 'mastercard' : undefined;
  if (p2 === 34 || p2 === 37) return len === 15 ? 'amex' : undefined;
  if (p4 >= 2200 && p4 <= 2204) return len >= 16 ? 'mir' : undefined;
  if (p4 >= 3528 && p4 <= 3589) return len >= 16 ? 'jcb' : undefined;
  if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) return len >= 14 ? 'diners' : undefined;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return len >= 16 ? 'discover' : undefined;
  const p6 = prefix(digits, 6);
  if (p6 >= 622126 && p6 <= 622925) return len >= 16 ? 'discover' : undefined;
  if (p2 === 62 || p2 === 81) return len >= 16 ? 'unionpay' : undefined;
  if (p4 === 5018 || p4 === 5020 || p4 === 5038 || p4 === 5893 || p4 === 6304 || p4 === 6759 || (p4 >= 6761 && p4 <= 6763)) return 'maestro';
  return undefined;
}

const buf = new Uint8Array(19);

/**
 * The digits of a card-shaped value into `buf` (with their count), or undefined when the value has other
 * characters, mixed or doubled separators, a separator at either end, or a group of fewer than 3 digits
 * before a separator.
 */
function cardDigits(v: string, start: number, end: number): { count: number; separated: boolean } | undefined {
  let count = 0;
  let sep = 0;
  let prevSep = true;
  let group = 0;
  for (let i = start; i < end; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count === 19) return undefined;
      buf[count++] = c - 48;
      prevSep = false;
      group++;
    } else if (c === 32 || c === 45) {
      if (prevSep || group < 3 || (sep !== 0 && sep !== c)) return undefined;
      group = 0;
      sep = c;
      prevSep = true;
    } else {
      return undefined;
    }
  }
  if (prevSep) return undefined;
  return { count, separated: sep !== 0 };
}

/** True when `v.slice(start, end)` is a card number (issuer prefix and length, and Luhn). `hints` are the field's name hints. */
export function isCardNumberAt(v: string, start: number, end: number, hints = 0): boolean {
  const n = end - start;
  if (n < 12 || n > 23) return false;
  const c0 = v.charCodeAt(start);
  if (c0 < 50 || c0 > 56) return false; // issuers start with 2–8
  const r = cardDigits(v, start, end);
  if (!r || r.count < 12) return false;
  if (!r.separated && hints & HINT_ID && !(hints & HINT_CARD)) return false;
  return cardBrand(buf, r.count) !== undefined && isLuhnValid(buf, r.count);
}

export const paymentCard: Classifier = {
  type: 'payment-card',
  gate: { minLength: 12, maxLength: 23, firstChars: '2345678' },
  test(value, ctx) {
    const n = value.length;
    if (n < 12 || n > 23) return false;
    const c0 = value.charCodeAt(0);
    if (c0 < 50 || c0 > 56) return false;
    return isCardNumberAt(value, 0, n, nameHints(ctx.name));
  },
  vectors: {
    match: [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4012-8888-8888-1881',
      '4222222222222',
      '5555555555554444',
      '2223003122003222',
      '378282246310005',
      '3782 822463 10005',
      '6011111111111117',
      '6011000990139424',
      '3530111333300000',
      '36227206271667',
      '30569309025904',
      '6200000000000005',
      '6759649826438453',
      '2200000000000004',
      { value: '4111111111111111', ctx: { name: 'card_number' } },
      { value: '5105105105105100', ctx: { name: 'cardId' } },
    ],
    noMatch: [
      '4111111111111112',
      '1234567812345670',
      '9999999999999995',
      '1718000000000',
      '411111111111111',
      '5555555555554',
      '3782822463100050',
      '4111 1111-1111 1111',
      '4111  1111 1111 1111',
      '-4111111111111111',
      '4111111111111111-',
      '4111.1111.1111.1111',
      '0000000000000000',
      '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1',
      { value: '4111111111111111', ctx: { name: 'order_id' } },
      { value: '5555555555554444', ctx: { name: 'timestamp' } },
    ],
  },
};
