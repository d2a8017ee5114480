/**
 * AWS credentials. Access key ids match anywhere: 20 upper-case alphanumerics starting with a credential prefix
 * (`AKIA` long-term user keys, `ASIA` temporary STS keys, `ABIA` STS service bearer tokens, `ACCA` context-
 * specific keys). Secret access keys have no prefix (40 base64 characters), so they match only in a field
 * named like one (`aws_secret_access_key`, `SecretAccessKey`, `awsSecret`) and when they look random (mixed
 * character classes).
 */
import type { Classifier } from './classifier.js';
import { HINT_AWS_SECRET, nameHints } from './name-hints.js';
import { CLASS_DIGIT, CLASS_LOWER, CLASS_UPPER, charClasses } from './value-shape.js';

const PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];

/** True when `v.slice(start, start + 20)` is an AWS access key id. */
export function isAwsAccessKeyIdAt(v: string, start: number): boolean {
  if (v.charCodeAt(start) !== 65 /* A */) return false;
  if (!PREFIXES.includes(v.slice(start, start + 4))) return false;
  for (let i = start + 4; i < start + 20; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** True when `v` looks like an AWS secret access key (40 base64 characters of mixed classes). */
export function isAwsSecretKeyShape(v: string): boolean {
  if (v.length !== 40) return false;
  for (let i = 0; i < 40; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47)) return false;
  }
  const classes = charClasses(v);
  return (classes & CLASS_LOWER) !== 0 && (classes & CLASS_UPPER) !== 0 && (classes & CLASS_DIGIT) !== 0;
}

export const awsAccessKey: Classifier = {
  type: 'aws-access-key',
  gate: { minLength: 20, maxLength: 40, firstChars: 'A', anyFirstWithHints: HINT_AWS_SECRET },
  test(value, ctx) {
    const n = value.length;
    if (n === 20) return isAwsAccessKeyIdAt(value, 0);
    if (n === 40) return (nameHints(ctx.name) & HINT_AWS_SECRET) !== 0 && isAwsSecretKeyShape(value);
    return false;
  },
  vectors: {
    match: [
      'AKIAIOSFODNN7EXAMPLE',
      'ASIAY34FZKBOKMUTVV7A',
      'AKIA2E0A8F3B244C9986',
      { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ctx: { name: 'aws_secret_access_key' } },
      { value: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', ctx: { name: 'SecretAccessKey' } },
    ],
    noMatch: [
      'AKIAIOSFODNN7EXAMPL',
      'AKIAIOSFODNN7EXAMPLE1',
      'AKIAiosfodnn7example',
      'AKZAIOSFODNN7EXAMPLE',
      'ABCDEFGHIJKLMNOPQRST',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ctx: { name: 'description' } },
      { value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', ctx: { name: 'aws_secret_access_key' } },
    ],
  },
};
