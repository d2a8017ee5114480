/**
 * Passwords: the value of a field, parameter, header or cookie named like a password (`password`, `passwd`,
 * `pwd`, `pass`, `passphrase`, `new_password`, `confirmPassword`, `password_hash`… but not `password_hint`,
 * `password_policy`, `passwordLength`, `password_changed_at`, `forgot_password_url`). Any value counts — weak
 * passwords are still passwords — except placeholders (empty, `null`, `true`/`false`, `********`,
 * `[REDACTED]`, `${PASSWORD}`) and values over 1,024 characters (documents, not passwords). Both request and
 * response values match: a password (or its hash) in a response is the worse leak.
 */
import type { Classifier } from './classifier.js';
import { HINT_PASSWORD, nameHints } from './name-hints.js';
import { isPlaceholder } from './value-shape.js';

/** Longest value still taken for a password. */
export const PASSWORD_MAX_LENGTH = 1_024;

export const password: Classifier = {
  type: 'password',
  gate: { minLength: 1, maxLength: PASSWORD_MAX_LENGTH, requiresHints: HINT_PASSWORD },
  test(value, ctx) {
    const n = value.length;
    if (n === 0 || n > PASSWORD_MAX_LENGTH) return false;
    if (!(nameHints(ctx.name) & HINT_PASSWORD)) return false;
    return !isPlaceholder(value);
  },
  vectors: {
    match: [
      { value: 'hunter2', ctx: { name: 'password' } },
      { value: 'Summer2024!', ctx: { location: 'query', name: 'pwd' } },
      { value: 'correct horse battery staple', ctx: { name: 'passphrase' } },
      { value: 'p@ssw0rd', ctx: { name: 'newPassword' } },
      { value: 'p@ssw0rd', ctx: { name: 'confirm_password' } },
      { value: '$2b$12$KIXQJ0vZ6Y7uOe0F5x1U5uJ3c9Yb2cQ8n1oXKx7m3yq6w9Zq1d2e', ctx: { direction: 'response', name: 'password_hash' } },
      { value: 'password', ctx: { name: 'user[password]' } },
      { value: 'letmein', ctx: { name: 'pass' } },
    ],
    noMatch: [
      'hunter2',
      { value: 'hunter2', ctx: { name: 'username' } },
      { value: '', ctx: { name: 'password' } },
      { value: '********', ctx: { name: 'password' } },
      { value: '[REDACTED]', ctx: { name: 'password' } },
      { value: 'null', ctx: { name: 'password' } },
      { value: 'true', ctx: { name: 'has_password' } },
      { value: 'Use at least 8 characters', ctx: { name: 'password_hint' } },
      { value: '12', ctx: { name: 'passwordMinLength' } },
      { value: '2024-01-01T00:00:00Z', ctx: { name: 'password_changed_at' } },
      { value: 'https://example.com/reset', ctx: { name: 'forgot_password_url' } },
      { value: 'true', ctx: { name: 'password' } },
    ],
  },
};
