/**
 * International Bank Account Numbers (ISO 13616): a country code, two check digits and the BBAN, in electronic
 * form (`DE89370400440532013000`) or printed in space-separated groups (`DE89 3704 0044 0532 0130 00`), upper
 * case. The length must be the one registered for the country and the whole number must pass the ISO 7064
 * mod-97-10 check (remainder 1).
 */
import type { Classifier } from './classifier.js';

/** IBAN length per country: the SWIFT IBAN registry, plus the countries that issue IBANs outside it. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AO: 25, AT: 20, AX: 18, AZ: 28, BA: 20, BE: 16, BF: 28, BG: 22, BH: 22, BI: 27, BJ: 28,
  BL: 27, BR: 29, BY: 28, CF: 27, CG: 27, CH: 21, CI: 28, CM: 27, CR: 22, CV: 25, CY: 28, CZ: 24, DE: 22, DJ: 27,
  DK: 18, DO: 28, DZ: 26, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GA: 27, GB: 22, GE: 22, GF: 27,
  GI: 23, GL: 18, GP: 27, GQ: 27, GR: 27, GT: 28, GW: 25, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IR: 26,
  IS: 26, IT: 27, JO: 30, KM: 27, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MA: 28,
  MC: 27, MD: 24, ME: 22, MF: 27, MG: 27, MK: 19, ML: 28, MN: 20, MQ: 27, MR: 27, MT: 31, MU: 30, MZ: 25, NC: 27,
  NE: 28, NI: 28, NL: 18, NO: 15, OM: 23, PF: 27, PK: 24, PL: 28, PM: 27, PS: 29, PT: 25, QA: 29, RE: 27, RO: 24,
  RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SN: 28, SO: 23, ST: 25, SV: 28, TD: 27,
  TF: 27, TG: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, WF: 27, XK: 20, YE: 30, YT: 27,
};

/**
 * ISO 7064 mod-97-10 over an IBAN in electronic form (upper-case letters and digits): the first four
 * characters moved to the end, letters as 10–35, the whole as one number mod 97. Valid IBANs give 1.
 */
export function ibanRemainder(iban: string): number {
  const n = iban.length;
  let r = 0;
  for (let k = 0; k < n; k++) {
    const c = iban.charCodeAt((k + 4) % n);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}

/** True when `v.slice(start, end)` is an IBAN (see the module comment). */
export function isIbanAt(v: string, start: number, end: number): boolean {
  const n = end - start;
  if (n < 15 || n > 42) return false;
  const a = v.charCodeAt(start);
  const b = v.charCodeAt(start + 1);
  if (a < 65 || a > 90 || b < 65 || b > 90) return false;
  const c2 = v.charCodeAt(start + 2);
  const c3 = v.charCodeAt(start + 3);
  if (c2 < 48 || c2 > 57 || c3 < 48 || c3 > 57) return false;
  const want = IBAN_LENGTHS[v.slice(start, start + 2)];
  if (want === undefined) return false;
  let compact = '';
  let prevSpace = false;
  for (let i = start; i < end; i++) {
    const c = v.charCodeAt(i);
    if (c === 32) {
      if (prevSpace || i === end - 1) return false;
      prevSpace = true;
      continue;
    }
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
    prevSpace = false;
    compact += v[i];
  }
  if (compact.length !== want) return false;
  return ibanRemainder(compact) === 1;
}

export const iban: Classifier = {
  type: 'iban',
  gate: { minLength: 15, maxLength: 42, firstChars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  test(value) {
    const n = value.length;
    if (n < 15 || n > 42) return false;
    const a = value.charCodeAt(0);
    if (a < 65 || a > 90) return false;
    const c2 = value.charCodeAt(2);
    if (c2 < 48 || c2 > 57) return false;
    return isIbanAt(value, 0, n);
  },
  vectors: {
    match: [
      'DE89370400440532013000',
      'DE89 3704 0044 0532 0130 00',
      'GB29NWBK60161331926819',
      'GB29 NWBK 6016 1331 9268 19',
      'FR1420041010050500013M02606',
      'NL91ABNA0417164300',
      'ES9121000418450200051332',
      'IT60X0542811101000000123456',
      'CH9300762011623852957',
      'BE68539007547034',
      'NO9386011117947',
      'SA0380000000608010167519',
    ],
    noMatch: [
      'DE89370400440532013001',
      'DE8937040044053201300',
      'XX89370400440532013000',
      'de89370400440532013000',
      'DE89 3704  0044 0532 0130 00',
      'DE89-3704-0044-0532-0130-00',
      'GB29NWBK6016133192681',
      'US12345678901234567890',
      'AB12CDEF34567890',
      'DEADBEEFDEADBEEF',
    ],
  },
};
