import { describe, expect, it } from 'vitest';
import { hasGithubChecksum } from './github-token.js';
import { IBAN_LENGTHS, ibanRemainder } from './iban.js';
import { cardBrand, isLuhnValid } from './payment-card.js';
import { isIssuableSsn } from './us-ssn.js';

const digits = (s: string): number[] => [...s].map(Number);

describe('Luhn', () => {
  it.each(['79927398713', '4111111111111111', '5555555555554444', '378282246310005', '0'])('%s passes', (n) => {
    expect(isLuhnValid(digits(n))).toBe(true);
  });
  it.each(['79927398710', '4111111111111112', '5555555555554440', '378282246310006'])('%s fails', (n) => {
    expect(isLuhnValid(digits(n))).toBe(false);
  });
  it('checks only the first `len` digits when asked', () => {
    expect(isLuhnValid(digits('41111111111111119'), 16)).toBe(true);
  });
});

describe('cardBrand', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['4222222222222', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['6221260000000000', 'discover'],
    ['3530111333300000', 'jcb'],
    ['36227206271667', 'diners'],
    ['30569309025904', 'diners'],
    ['6200000000000005', 'unionpay'],
    ['6759649826438453', 'maestro'],
    ['2200000000000004', 'mir'],
  ])('%s is %s', (n, brand) => {
    expect(cardBrand(digits(n))).toBe(brand);
  });
  it.each(['2721000000000000', '2220000000000000', '411111111111111', '37828224631000', '1234567890123456', '9999999999999999', '7000000000000000'])('%s has no issuer at that length', (n) => {
    expect(cardBrand(digits(n))).toBeUndefined();
  });
});

describe('IBAN mod-97', () => {
  it('gives remainder 1 for valid IBANs and something else when one character changes', () => {
    for (const iban of ['DE89370400440532013000', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606', 'NO9386011117947', 'MT84MALT011000012345MTLCAST001S']) {
      expect(ibanRemainder(iban)).toBe(1);
      expect(iban.length).toBe(IBAN_LENGTHS[iban.slice(0, 2)]);
      const last = iban.at(-1) as string;
      const changed = iban.slice(0, -1) + (last === '0' ? '1' : '0');
      expect(ibanRemainder(changed)).not.toBe(1);
    }
  });
  it('rejects characters outside A–Z 0–9', () => {
    expect(ibanRemainder('DE89 3704')).toBe(-1);
  });
  it('knows the registry lengths', () => {
    expect(IBAN_LENGTHS.NO).toBe(15);
    expect(IBAN_LENGTHS.RU).toBe(33);
    expect(IBAN_LENGTHS.DE).toBe(22);
    expect(IBAN_LENGTHS.US).toBeUndefined();
  });
});

describe('SSN issuance rules', () => {
  it('excludes never-issued areas, groups, serials and publicised numbers', () => {
    expect(isIssuableSsn(536, 22, 1234)).toBe(true);
    expect(isIssuableSsn(0, 22, 1234)).toBe(false);
    expect(isIssuableSsn(666, 22, 1234)).toBe(false);
    expect(isIssuableSsn(900, 22, 1234)).toBe(false);
    expect(isIssuableSsn(987, 65, 4320)).toBe(false);
    expect(isIssuableSsn(536, 0, 1234)).toBe(false);
    expect(isIssuableSsn(536, 22, 0)).toBe(false);
    expect(isIssuableSsn(78, 5, 1120)).toBe(false);
    expect(isIssuableSsn(219, 9, 9999)).toBe(false);
    expect(isIssuableSsn(457, 55, 5462)).toBe(false);
  });
});

describe('GitHub token checksum', () => {
  it('verifies the base62 CRC-32 of the random part', () => {
    expect(hasGithubChecksum('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')).toBe(true);
    expect(hasGithubChecksum('ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq18')).toBe(false);
    expect(hasGithubChecksum('ghp_short')).toBe(false);
  });
});
