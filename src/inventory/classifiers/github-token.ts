/**
 * GitHub tokens in the prefixed formats GitHub issues since 2021: `ghp_` (personal access), `gho_` (OAuth),
 * `ghu_` (user-to-server), `ghs_` (server-to-server), `ghr_` (refresh), each followed by 36 base62
 * characters, and fine-grained personal access tokens `github_pat_` + 22 base62 + `_` + 59 base62. The last six
 * characters of the `gh?_` forms are a CRC-32 checksum; it is not required here, since the prefix and length
 * are already unambiguous (see {@link hasGithubChecksum}). Older 40-hex tokens have no prefix and are left to
 * `generic-secret` by field name.
 */
import { crc32 } from 'node:zlib';
import type { Classifier } from './classifier.js';
import { AUTH_SCHEME_FIRST_CHARS, isAlnumCode, mayHaveAuthScheme, splitAuthScheme } from './value-shape.js';

const SHORT = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function alnumRun(v: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isAlnumCode(v.charCodeAt(i))) return false;
  return true;
}

/** Length of the GitHub token starting at `start` (40 or 93), or 0 when none starts there. */
export function githubTokenLengthAt(v: string, start: number): number {
  if (v.charCodeAt(start) !== 103 /* g */) return 0;
  if (SHORT.includes(v.slice(start, start + 4))) {
    return start + 40 <= v.length && alnumRun(v, start + 4, start + 40) ? 40 : 0;
  }
  if (v.startsWith('github_pat_', start)) {
    const a = start + 11;
    if (start + 93 > v.length || v.charCodeAt(a + 22) !== 95 /* _ */) return 0;
    return alnumRun(v, a, a + 22) && alnumRun(v, a + 23, a + 82) ? 93 : 0;
  }
  return 0;
}

/**
 * True when a `gh?_` token's last six characters are the base62 CRC-32 of its 30 random characters (the
 * checksum GitHub documents for its token format).
 */
export function hasGithubChecksum(token: string): boolean {
  if (token.length !== 40) return false;
  let sum = crc32(token.slice(4, 34));
  let enc = '';
  for (let i = 0; i < 6; i++) {
    enc = BASE62[sum % 62] + enc;
    sum = Math.floor(sum / 62);
  }
  return enc === token.slice(34);
}

function isGithubToken(v: string): boolean {
  const len = githubTokenLengthAt(v, 0);
  return len !== 0 && len === v.length;
}

export const githubToken: Classifier = {
  type: 'github-token',
  gate: { minLength: 40, maxLength: 110, firstChars: AUTH_SCHEME_FIRST_CHARS + 'g' },
  test(value) {
    const n = value.length;
    if (n < 40 || n > 110) return false;
    if (value.charCodeAt(0) === 103) return isGithubToken(value);
    if (!mayHaveAuthScheme(value)) return false;
    const { scheme, credential } = splitAuthScheme(value);
    return scheme !== '' && isGithubToken(credential);
  },
  vectors: {
    match: [
      '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',
      'gho_16C7e42F292c6912E7710c838347Ae178B4a',
      'ghs_1234567890abcdefghijABCDEFGHIJ0x3Zk1',
      'ghu_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
      'ghr_1B4a2e77838347a7E420ce178F2E7c6912E1',
      'github_pat_11ABCDEFG0123456789abc_DEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'token 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',
      'Bearer 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',
    ],
    noMatch: [
      'ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq1',
      '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a',
      'ghx_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17',
      'ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq-7',
      'github_pat_11ABCDEFG0123456789abc-DEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'github.com/org/repo',
    ],
  },
};
