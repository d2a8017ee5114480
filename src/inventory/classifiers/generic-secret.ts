/**
 * Secrets without a recognisable format: API keys, client secrets, opaque access/refresh/session tokens,
 * `Authorization` credentials. Only in a field, parameter, header or cookie whose name says secret (`secret`,
 * `token`, `api_key`, `apiKey`, `X-Api-Key`, `Authorization`, `client_secret`, `session_id`, `csrf_token`… but
 * not `token_type`, `max_tokens`, `next_page_token`, `token_id`, `public_key`), and only when the value looks
 * random:
 *
 * - 8 to 8,192 characters, no whitespace, not a URL, not an email address, not a placeholder (`null`,
 *   `********`, `[REDACTED]`, `${TOKEN}`, `YOUR_API_KEY`);
 * - letters and digits both present (or 20+ characters with entropy of at least 3.5 bits per character);
 * - Shannon entropy of at least 2.5 bits per character below 16 characters, 3.0 from 16 on (random hex
 *   of 16+ characters scores about 3.5–4, base62 about 4.5–5; words and repeated patterns score lower).
 *
 * A credential after an `Authorization` scheme (`Basic …`, `Bearer …`) needs only 4 non-placeholder
 * characters: the scheme already says what it is. Values of a more specific type (a JWT, a GitHub, Slack,
 * Stripe or AWS key, a PEM private key) are reported as that type only.
 */
import type { Classifier, ValueContext } from './classifier.js';
import { awsAccessKey } from './aws-access-key.js';
import { githubToken } from './github-token.js';
import { jwt } from './jwt.js';
import { HINT_SECRET, nameHints } from './name-hints.js';
import { privateKey } from './private-key.js';
import { slackToken } from './slack-token.js';
import { stripeKey } from './stripe-key.js';
import { CLASS_DIGIT, CLASS_LOWER, CLASS_NON_ASCII, CLASS_SPACE, CLASS_UPPER, charClasses, isPlaceholder, mayHaveAuthScheme, shannonEntropy, splitAuthScheme } from './value-shape.js';

/** Minimum length of a secret without an auth scheme in front. */
export const SECRET_MIN_LENGTH = 8;
/** Longest value considered (longer values are documents, not credentials). */
export const SECRET_MAX_LENGTH = 8_192;
/** Minimum Shannon entropy (bits per character) below 16 characters. */
export const SECRET_MIN_ENTROPY_SHORT = 2.5;
/** Minimum Shannon entropy (bits per character) from 16 characters on. */
export const SECRET_MIN_ENTROPY = 3.0;

const SPECIFIC = [jwt, privateKey, awsAccessKey, githubToken, slackToken, stripeKey];

/** True when a specific credential classifier claims `value` (so it is not reported as generic). */
function isSpecificCredential(value: string, ctx: ValueContext): boolean {
  for (const c of SPECIFIC) if (c.test(value, ctx)) return true;
  return false;
}

/** True when `v` looks random enough to be a secret (the thresholds in the module comment). */
export function looksRandom(v: string): boolean {
  const n = v.length;
  if (n < SECRET_MIN_LENGTH || n > SECRET_MAX_LENGTH) return false;
  const classes = charClasses(v);
  if (classes & (CLASS_SPACE | CLASS_NON_ASCII)) return false;
  if (isPlaceholder(v)) return false;
  if (v.includes('://')) return false;
  const at = v.indexOf('@');
  if (at > 0 && v.indexOf('.', at) > at) return false;
  const entropy = shannonEntropy(v);
  const letters = (classes & (CLASS_LOWER | CLASS_UPPER)) !== 0;
  const digits = (classes & CLASS_DIGIT) !== 0;
  if (!(letters && digits) && !(n >= 20 && letters && entropy >= 3.5)) return false;
  return entropy >= (n < 16 ? SECRET_MIN_ENTROPY_SHORT : SECRET_MIN_ENTROPY);
}

export const genericSecret: Classifier = {
  type: 'generic-secret',
  gate: { minLength: 4, maxLength: SECRET_MAX_LENGTH + 16, requiresHints: HINT_SECRET },
  test(value, ctx) {
    const n = value.length;
    if (n < 4 || n > SECRET_MAX_LENGTH + 16) return false;
    if (!(nameHints(ctx.name) & HINT_SECRET)) return false;
    if (isSpecificCredential(value, ctx)) return false;
    if (mayHaveAuthScheme(value)) {
      const { scheme, credential } = splitAuthScheme(value);
      if (scheme !== '') {
        const cred = credential.trim();
        return cred.length >= 4 && !isPlaceholder(cred) && !isSpecificCredential(cred, ctx);
      }
    }
    return looksRandom(value);
  },
  vectors: {
    match: [
      { value: 'a3f9c2e81b7d4056e2c1', ctx: { name: 'api_key' } },
      { value: 'Zx81kQ0pLm3nB7vR2tY6wE4uI9oA5sD1', ctx: { name: 'client_secret' } },
      { value: '8f14e45fceea167a5a36dedd4bea2543', ctx: { location: 'header', name: 'X-Api-Key' } },
      { value: 'Basic dXNlcjpwYXNzd29yZA==', ctx: { location: 'header', name: 'Authorization' } },
      { value: 'Bearer 2YotnFZFEjr1zCsicMWpAA', ctx: { location: 'header', name: 'authorization' } },
      { value: 's%3AJk8x2Lq9.aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9', ctx: { location: 'cookie', name: 'connect.sid' } },
      { value: '3d6f0a1b-8c2e-4f7a-9b1d-5e3c7a9f2b4d', ctx: { name: 'refreshToken' } },
      { value: 'tGzv3JOkF0XG5Qx2TlKWIA', ctx: { location: 'query', name: 'access_token' } },
      { value: 'k9Fj2mQx', ctx: { name: 'csrf_token' } },
      { value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', ctx: { name: 'aws_secret_access_key' } },
    ],
    noMatch: [
      'a3f9c2e81b7d4056e2c1',
      { value: 'a3f9c2e81b7d4056e2c1', ctx: { name: 'request_id' } },
      { value: 'Bearer', ctx: { name: 'token_type' } },
      { value: '1000', ctx: { name: 'max_tokens' } },
      { value: 'CAoQAA8xNjI3ODk1NjE', ctx: { name: 'nextPageToken' } },
      { value: 'a3f9c2e81b7d4056e2c1', ctx: { name: 'token_id' } },
      { value: '********', ctx: { name: 'secret' } },
      { value: '[REDACTED]', ctx: { name: 'api_key' } },
      { value: 'YOUR_API_KEY', ctx: { name: 'api_key' } },
      { value: '${API_TOKEN}', ctx: { name: 'token' } },
      { value: 'changeme', ctx: { name: 'secret' } },
      { value: 'true', ctx: { name: 'auth' } },
      { value: 'What was the name of your first pet?', ctx: { name: 'secret_question' } },
      { value: 'https://auth.example.com/token', ctx: { name: 'token' } },
      { value: 'alice@example.com', ctx: { name: 'credentials' } },
      { value: 'aaaaaaaa1', ctx: { name: 'secret' } },
      { value: 'Bearer [REDACTED]', ctx: { location: 'header', name: 'authorization' } },
      { value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', ctx: { name: 'access_token' } },
      { value: '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', ctx: { name: 'token' } },
      { value: 'pk_live_TYooMQauvdEDq54NiTphI7jx', ctx: { name: 'publishable_key' } },
      { value: 'John Smith', ctx: { name: 'author' } },
    ],
  },
};
