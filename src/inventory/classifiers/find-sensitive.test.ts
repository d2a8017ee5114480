import { describe, expect, it } from 'vitest';
import type { SensitiveType } from '../../core/index.js';
import { findSensitive } from './index.js';

/** The findings of `text` as `[type, matched text]` pairs. */
function found(text: string, name?: string): Array<[SensitiveType, string]> {
  return findSensitive(text, name === undefined ? { location: 'body', direction: 'request' } : { location: 'body', direction: 'request', name }).map((s) => [s.type, text.slice(s.start, s.end)]);
}

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('findSensitive', () => {
  it('finds values embedded in sentences, with exact ranges', () => {
    const text = 'Payment failed for card 4111 1111 1111 1111 (visa); contact alice@example.com or +1 415-555-2671.';
    expect(found(text)).toEqual([
      ['payment-card', '4111 1111 1111 1111'],
      ['email', 'alice@example.com'],
      ['phone', '+1 415-555-2671'],
    ]);
    const spans = findSensitive(text);
    expect(spans[0]).toEqual({ type: 'payment-card', start: 24, end: 43 });
  });

  it('finds tokens and keys by their prefixes', () => {
    expect(found(`auth ${JWT} then AKIAIOSFODNN7EXAMPLE, 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 and sk_live_4eC39HqLyjWDarjtT1zdp7dc; xoxb-2630719417383-2648284513776-cbvS0OdQ8qtRVjCLkfDkJmZN`)).toEqual([
      ['jwt', JWT],
      ['aws-access-key', 'AKIAIOSFODNN7EXAMPLE'],
      ['github-token', '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'],
      ['stripe-key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
      ['slack-token', 'xoxb-2630719417383-2648284513776-cbvS0OdQ8qtRVjCLkfDkJmZN'],
    ]);
  });

  it('finds IBANs, SSNs and IP addresses', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00, SSN 536-22-1234, from 203.0.113.5 and [2001:db8::1]:443.')).toEqual([
      ['iban', 'DE89 3704 0044 0532 0130 00'],
      ['us-ssn', '536-22-1234'],
      ['ip-address', '203.0.113.5'],
      ['ip-address', '2001:db8::1'],
    ]);
  });

  it('finds PEM private keys, with or without their END line', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6dYnUhSnBfbN0ZhA3Jd3Wq0hM\n-----END RSA PRIVATE KEY-----';
    expect(found(`config: ${key}\nnext line`)).toEqual([['private-key', key]]);
    expect(found('x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7 "end"')[0]?.[0]).toBe('private-key');
    expect(found('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\n-----END PUBLIC KEY-----')).toEqual([]);
  });

  it('classifies named values with their key: forms, JSON text, headers, XML', () => {
    expect(found('user=bob&password=hunter2&remember=true')).toEqual([['password', 'hunter2']]);
    expect(found('{"user":"bob","password":"hunter2","token":"a3f9c2e81b7d4056e2c1","dob":"1985-03-14"}')).toEqual([
      ['password', 'hunter2'],
      ['generic-secret', 'a3f9c2e81b7d4056e2c1'],
      ['date-of-birth', '1985-03-14'],
    ]);
    expect(found('{"note": "x", "password" : "with \\"quote\\" inside"}')).toEqual([['password', 'with \\"quote\\" inside']]);
    expect(found('GET / HTTP/1.1\nAuthorization: Basic dXNlcjpwYXNzd29yZA==\nHost: x')).toEqual([['generic-secret', 'Basic dXNlcjpwYXNzd29yZA==']]);
    expect(found('<user><password>s3cret!</password><ssn>536221234</ssn><phone>020 7946 0958</phone></user>')).toEqual([
      ['password', 's3cret!'],
      ['us-ssn', '536221234'],
      ['phone', '020 7946 0958'],
    ]);
  });

  it('masks raw HTTP header lines: every cookie value, the whole Authorization credential', () => {
    const dump = 'POST /login HTTP/1.1\r\nHost: x\r\nCookie: sid=abc; theme=dark\r\nAuthorization: Digest username="bob", response="6629fae4"\r\n\r\nSet-Cookie: token=xyz; Path=/; HttpOnly';
    expect(found(dump)).toEqual([
      ['generic-secret', 'abc'],
      ['generic-secret', 'dark'],
      ['generic-secret', 'Digest username="bob", response="6629fae4"'],
      ['generic-secret', 'xyz'],
    ]);
  });

  it('returns the whole text when it is one sensitive value under its name', () => {
    expect(findSensitive('hunter2', { location: 'body', direction: 'request', name: 'password' })).toEqual([{ type: 'password', start: 0, end: 7 }]);
  });

  it('stays quiet on ordinary text and look-alikes', () => {
    for (const t of [
      'The quick brown fox jumps over the lazy dog.',
      'order 1234567812345670 at 1718000000000, id 550e8400-e29b-41d4-a716-446655440000 at 10:30:45',
      'version 1.2.3.4 of lodash@4.17.21 — see logo@2x.png',
      'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'card 4111 1111 1111 1112 declined, ref 4111111111111111999',
      'token_type=Bearer&expires_in=3600&scope=read',
      'pk_live_TYooMQauvdEDq54NiTphI7jx is public',
      'call 415-555-2671 or 4155552671',
      'https://example.com/a?b=c#d',
    ]) {
      expect(found(t)).toEqual([]);
    }
  });

  it('does not match inside longer words or numbers', () => {
    expect(found('x4111111111111111')).toEqual([]);
    expect(found('41111111111111110')).toEqual([]);
    expect(found('AKIAIOSFODNN7EXAMPLEX')).toEqual([]);
    expect(found('my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')).toEqual([]);
  });

  it('never throws and stays linear on hostile input', { timeout: 20_000 }, () => {
    // 256 KiB each (the redaction tests push 1 MiB bodies through the same scanner)
    const k = 1 << 18;
    const hostile = [
      '1 '.repeat(k / 2),
      '4111 '.repeat(k / 5),
      'e.'.repeat(k / 2),
      'eyJhbGciOiJIUzI1NiJ9.'.repeat(k / 21),
      '@a.'.repeat(k / 3),
      'a=a:'.repeat(k / 4),
      'password=x&'.repeat(k / 11),
      '<a>'.repeat(k / 3),
      '"password":"'.repeat(k / 12),
      '-----BEGIN RSA PRIVATE KEY-----'.repeat(k / 31),
      'DE89 '.repeat(k / 5),
      '(1'.repeat(k / 2),
      'dead:beef:'.repeat(k / 10),
      Buffer.from(Array.from({ length: k }, (_, i) => (i * 7919) & 255)).toString('latin1'),
      '\ud800'.repeat(k),
    ];
    for (const h of hostile) expect(Array.isArray(findSensitive(h))).toBe(true);
    expect(findSensitive('password=hunter2&'.repeat(10_000)).length).toBe(10_000);
  });

  it('accepts non-strings and empty text', () => {
    expect(findSensitive('')).toEqual([]);
    expect(findSensitive(undefined as unknown as string)).toEqual([]);
  });
});
