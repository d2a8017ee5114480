import { describe, expect, it } from 'vitest';
import { HINT_AWS_SECRET, HINT_CARD, HINT_DOB, HINT_ID, HINT_PASSWORD, HINT_PHONE, HINT_SECRET, HINT_SSN, HINT_VERSION, computeNameHints, nameHints, nameWords } from './name-hints.js';

describe('nameWords', () => {
  it.each([
    ['X-Api-Key', ['x', 'api', 'key']],
    ['apiKey', ['api', 'key']],
    ['APIKey', ['api', 'key']],
    ['date_of_birth', ['date', 'of', 'birth']],
    ['dateOfBirth', ['date', 'of', 'birth']],
    ['user[password]', ['user', 'password']],
    ['connect.sid', ['connect', 'sid']],
    ['JSESSIONID', ['jsessionid']],
    ['address2', ['address2']],
    ['', []],
  ])('%s → %j', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe('nameHints', () => {
  const has = (name: string, bit: number): boolean => (computeNameHints(name) & bit) !== 0;

  it.each(['secret', 'client_secret', 'api_key', 'apiKey', 'X-Api-Key', 'access_token', 'refreshToken', 'id_token', 'Authorization', 'x-auth-token', 'session_id', 'sessionid', 'JSESSIONID', 'connect.sid', 'csrf_token', 'csrfmiddlewaretoken', 'private_key', 'credentials', 'aws_secret_access_key'])('%s names a secret', (name) => {
    expect(has(name, HINT_SECRET)).toBe(true);
  });

  it.each(['author', 'authorName', 'token_type', 'max_tokens', 'next_page_token', 'pageToken', 'token_id', 'secret_id', 'public_key', 'publishable_key', 'key', 'token_expires_at', 'client_id', 'token_url', 'monkey', 'tokenCount'])('%s does not name a secret', (name) => {
    expect(has(name, HINT_SECRET)).toBe(false);
  });

  it.each(['password', 'passwd', 'pwd', 'pass', 'new_password', 'confirmPassword', 'password_confirmation', 'user[password]', 'passphrase', 'password_hash'])('%s names a password', (name) => {
    expect(has(name, HINT_PASSWORD)).toBe(true);
  });

  it.each(['password_hint', 'password_policy', 'passwordMinLength', 'password_changed_at', 'has_password', 'forgot_password_url', 'password_reset_token', 'passport', 'compass', 'bypass'])('%s does not name a password', (name) => {
    expect(has(name, HINT_PASSWORD)).toBe(false);
  });

  it('recognises the other context names', () => {
    expect(has('dob', HINT_DOB) && has('birthDate', HINT_DOB) && has('date_of_birth', HINT_DOB) && has('geburtsdatum', HINT_DOB)).toBe(true);
    expect(has('place_of_birth', HINT_DOB) || has('birth_place', HINT_DOB) || has('created_at', HINT_DOB)).toBe(false);
    expect(has('phone', HINT_PHONE) && has('mobilePhone', HINT_PHONE) && has('msisdn', HINT_PHONE) && has('tel', HINT_PHONE) && has('contact_phone', HINT_PHONE)).toBe(true);
    expect(has('hotel', HINT_PHONE) || has('phone_model', HINT_PHONE) || has('phone_country_code', HINT_PHONE) || has('telemetry', HINT_PHONE)).toBe(false);
    expect(has('ssn', HINT_SSN) && has('social_security_number', HINT_SSN)).toBe(true);
    expect(has('classname', HINT_SSN)).toBe(false);
    expect(has('aws_secret_access_key', HINT_AWS_SECRET) && has('SecretAccessKey', HINT_AWS_SECRET) && has('awsSecret', HINT_AWS_SECRET)).toBe(true);
    expect(has('version', HINT_VERSION) && has('appVersion', HINT_VERSION) && has('build', HINT_VERSION)).toBe(true);
    expect(has('order_id', HINT_ID) && has('objectId', HINT_ID) && has('ts', HINT_ID)).toBe(true);
    expect(has('idempotency', HINT_ID)).toBe(false);
    expect(has('card_number', HINT_CARD) && has('creditCard', HINT_CARD) && has('pan', HINT_CARD)).toBe(true);
  });

  it('caches without changing answers, and treats a missing name as no hints', () => {
    expect(nameHints(undefined)).toBe(0);
    expect(nameHints('')).toBe(0);
    for (let i = 0; i < 5000; i++) nameHints(`field_${i}`);
    expect(nameHints('password')).toBe(computeNameHints('password'));
    expect(nameHints('api_key')).toBe(computeNameHints('api_key'));
    expect(nameHints('password')).toBe(HINT_PASSWORD);
  });
});
