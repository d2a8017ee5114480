import { describe, expect, it } from 'vitest';
import { createRng, positives } from '../../bench/sensitive-samples.js';
import type { Header } from '../core/index.js';
import { classifyValue } from './classifiers/index.js';
import { REDACTED, REDACTED_BODY, redactBody, redactHeaders, redactSample, redactTarget, redactUrl, redactValue } from './redact.js';

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redactHeaders', () => {
  const headers: Header[] = [
    ['host', 'api.example.com'],
    ['authorization', `Bearer ${JWT}`],
    ['proxy-authorization', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['cookie', 'sid=s%3Aabc123.def; theme=dark; =odd; flag'],
    ['x-api-key', 'k-123'],
    ['x-my-service-token', 'opaque'],
    ['referer', 'https://app.example.com/cb?code=abc&access_token=tGzv3JOkF0XG5Qx2TlKWIA&page=2'],
    ['content-type', 'application/json'],
    ['x-forwarded-for', '203.0.113.7'],
    ['x-debug', `token is ${JWT}`],
    ['x-empty', ''],
  ];

  it('masks credentials and keeps names, order, schemes and cookie names', () => {
    expect(redactHeaders(headers)).toEqual([
      ['host', 'api.example.com'],
      ['authorization', 'Bearer [REDACTED]'],
      ['proxy-authorization', 'Basic [REDACTED]'],
      ['cookie', 'sid=[REDACTED]; theme=[REDACTED]; =[REDACTED]; [REDACTED]'],
      ['x-api-key', '[REDACTED]'],
      ['x-my-service-token', '[REDACTED]'],
      ['referer', 'https://app.example.com/cb?code=abc&access_token=[REDACTED]&page=2'],
      ['content-type', 'application/json'],
      ['x-forwarded-for', '203.0.113.7'],
      ['x-debug', 'token is [REDACTED]'],
      ['x-empty', ''],
    ]);
  });

  it('masks Set-Cookie values but keeps attributes, one cookie per line', () => {
    expect(redactHeaders([['set-cookie', 'sid=abc; Path=/; HttpOnly; Secure\nlang=en; Max-Age=60']])).toEqual([['set-cookie', `sid=${REDACTED}; Path=/; HttpOnly; Secure\nlang=${REDACTED}; Max-Age=60`]]);
  });

  it('masks an Authorization without a scheme whole, and digest parameters too', () => {
    expect(redactHeaders([['authorization', 'abcdef123456']])[0]?.[1]).toBe(REDACTED);
    expect(redactHeaders([['authorization', 'Digest username="bob", response="6629fae49393a05397450978507c4ef1"']])[0]?.[1]).toBe('Digest [REDACTED]');
  });

  it('masks IP addresses only when asked', () => {
    expect(redactHeaders([['x-forwarded-for', '203.0.113.7']], { ipAddress: 'partial' })).toEqual([['x-forwarded-for', '203.0.113.*']]);
    expect(redactHeaders([['x-real-ip', '2001:db8::1']], { ipAddress: 'full' })).toEqual([['x-real-ip', REDACTED]]);
  });

  it('is idempotent', () => {
    const once = redactHeaders(headers);
    expect(redactHeaders(once)).toEqual(once);
  });
});

describe('redactValue', () => {
  it.each([
    ['4111 1111 1111 1111', undefined, '**** **** **** 1111'],
    ['378282246310005', undefined, '***********0005'],
    ['hunter2', 'password', REDACTED],
    ['Bearer 2YotnFZFEjr1zCsicMWpAA', 'authorization', 'Bearer [REDACTED]'],
    ['alice@example.com', undefined, 'a***@example.com'],
    ['+1 415-555-2671', undefined, '+* ***-***-**71'],
    ['536-22-1234', undefined, '***-**-****'],
    ['DE89 3704 0044 0532 0130 00', undefined, 'DE** **** **** **** **30 00'],
    ['1985-03-14', 'dob', '1985-**-**'],
    ['14 March 1985', 'birthDate', '** ***** 1985'],
    ['1985-03-14T00:00:00.000Z', 'birthDate', '1985-**-**T**:**:**.***Z'],
    ['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', undefined, REDACTED],
    ['Error for alice@example.com: card 5555555555554444 declined', 'message', 'Error for a***@example.com: card ************4444 declined'],
    ['Widget deluxe', 'name', 'Widget deluxe'],
    ['203.0.113.9', 'ip', '203.0.113.9'],
  ])('%s (%s) → %s', (value, name, expected) => {
    expect(redactValue(value, name)).toBe(expected);
  });

  it('follows the options for personal data and never relaxes secrets', () => {
    expect(redactValue('alice@example.com', undefined, { email: 'full' })).toBe(REDACTED);
    expect(redactValue('alice@example.com', undefined, { email: 'keep' })).toBe('alice@example.com');
    expect(redactValue('+1 415-555-2671', undefined, { phone: 'full' })).toBe(REDACTED);
    expect(redactValue('1985-03-14', 'dob', { dateOfBirth: 'full' })).toBe(REDACTED);
    expect(redactValue('1985-03-14', 'dob', { dateOfBirth: 'keep' })).toBe('1985-03-14');
    expect(redactValue('4111111111111111', undefined, { email: 'keep', phone: 'keep' })).toBe('************1111');
  });

  it('returns the very same string when there is nothing to mask', () => {
    const v = 'just a sentence with numbers 42 and 3.14';
    expect(redactValue(v)).toBe(v);
    expect(redactValue('')).toBe('');
  });
});

describe('redactBody', () => {
  it('walks JSON structurally: nested objects, arrays inherit their name, formatting kept', () => {
    const body = `{
  "user": {"email": "alice@example.com", "password": "hunter2", "name": "Alice"},
  "cards": [{"number": "4111 1111 1111 1111", "exp": "12/27"}, {"number": 5555555555554444}],
  "phones": ["+14155552671", "4155552671"],
  "big": 12345678901234567890,
  "alice@example.com": true,
  "nested": "{\\"password\\":\\"hunter2\\"}",
  "note": "call me at bob@example.org"
}`;
    expect(redactBody(body, 'application/json; charset=utf-8')).toBe(`{
  "user": {"email": "a***@example.com", "password": "[REDACTED]", "name": "Alice"},
  "cards": [{"number": "**** **** **** 1111", "exp": "12/27"}, {"number": "************4444"}],
  "phones": ["+*********71", "********71"],
  "big": 12345678901234567890,
  "a***@example.com": true,
  "nested": "{\\"password\\":\\"[REDACTED]\\"}",
  "note": "call me at b***@example.org"
}`);
  });

  it('decodes escapes before classifying and re-encodes the mask', () => {
    expect(redactBody('{"password":"a\\"b\\u0063"}', 'application/json')).toBe('{"password":"[REDACTED]"}');
    expect(redactBody('{"msg":"card\\u003a 4111111111111111"}', 'application/json')).toBe('{"msg":"card: ************1111"}');
  });

  it('detects JSON without a media type, and falls back to the text scan for invalid JSON', () => {
    expect(redactBody(' {"password":"hunter2"}', '')).toBe(' {"password":"[REDACTED]"}');
    expect(redactBody('{"card": "4111111111111111", "password": "hunter2"', 'application/json')).toBe('{"card": "************1111", "password": "[REDACTED]"');
  });

  it('redacts JSON lines line by line', () => {
    expect(redactBody('{"password":"a1"}\n{"ssn":"536-22-1234"}\nnot json 4111111111111111\n', 'application/x-ndjson')).toBe('{"password":"[REDACTED]"}\n{"ssn":"***-**-****"}\nnot json ************1111\n');
  });

  it('redacts form bodies by field, keeping the other bytes', () => {
    expect(redactBody('username=bob&password=hunter2&card=4111-1111-1111-1111&q=hello+world&x=%zz', 'application/x-www-form-urlencoded')).toBe('username=bob&password=[REDACTED]&card=****-****-****-1111&q=hello+world&x=%zz');
  });

  it('redacts multipart bodies by part name, scanning file parts as text', () => {
    const body = '--XyZ\r\nContent-Disposition: form-data; name="user"\r\n\r\nbob\r\n--XyZ\r\nContent-Disposition: form-data; name="password"\r\n\r\nhunter2\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\ncard 4111111111111111\r\n--XyZ--\r\n';
    expect(redactBody(body, 'multipart/form-data; boundary=XyZ')).toBe(body.replace('hunter2', REDACTED).replace('4111111111111111', '************1111'));
  });

  it('scans other text: XML, logs, HTML', () => {
    expect(redactBody('<login><user>bob</user><password>hunter2</password></login>', 'application/xml')).toBe('<login><user>bob</user><password>[REDACTED]</password></login>');
    expect(redactBody(`INFO user alice@example.com logged in with ${JWT}`, 'text/plain')).toBe('INFO user a***@example.com logged in with [REDACTED]');
  });

  it('leaves bodies without sensitive values untouched', () => {
    const body = '{"id": 42, "items": [{"sku": "A-1", "price": 19.99}], "created_at": "2024-05-01T10:00:00Z"}';
    expect(redactBody(body, 'application/json')).toBe(body);
    expect(redactBody('', 'application/json')).toBe('');
  });

  it('survives hostile bodies without throwing, within the test timeout', { timeout: 30_000 }, () => {
    const mb = 1 << 20;
    const deep = `${'['.repeat(100_000)}"4111111111111111"${']'.repeat(100_000)}`;
    expect(redactBody(deep, 'application/json')).toContain('"************1111"');
    const deepObj = `${'{"a":'.repeat(50_000)}"hunter2"${'}'.repeat(50_000)}`;
    expect(typeof redactBody(deepObj, 'application/json')).toBe('string');
    const bigText = `${'lorem ipsum '.repeat(mb / 12)}4111111111111111`;
    expect(redactBody(bigText, 'text/plain').endsWith('************1111')).toBe(true);
    const bigJson = JSON.stringify({ blob: 'x'.repeat(mb), password: 'hunter2' });
    expect(redactBody(bigJson, 'application/json').endsWith('"password":"[REDACTED]"}')).toBe(true);
    const binary = Buffer.from(Array.from({ length: mb }, (_, i) => (i * 7919) & 255)).toString('latin1');
    expect(typeof redactBody(binary, 'application/octet-stream')).toBe('string');
    expect(typeof redactBody('{"a": [1, 2, {"b": tru', 'application/json')).toBe('string');
    expect(typeof redactBody('password=x&'.repeat(mb / 11), 'application/x-www-form-urlencoded')).toBe('string');
    expect(typeof redactBody('--b\r\n'.repeat(mb / 5), 'multipart/form-data')).toBe('string');
  });

  it('accepts nonsense arguments without throwing', () => {
    expect(redactBody(undefined as unknown as string, 'application/json')).toBeUndefined();
    expect(redactBody('{"password":"x1"}', undefined as unknown as string)).toBe('{"password":"[REDACTED]"}');
    expect(REDACTED_BODY).toMatch(/^\[REDACTED/);
  });
});

describe('redactTarget', () => {
  it.each([
    ['/login?user=bob&password=hunter2', '/login?user=bob&password=[REDACTED]'],
    ['/pay?card=4111+1111+1111+1111&amount=10', '/pay?card=****+****+****+1111&amount=10'],
    ['/users/alice%40example.com/cards/4111111111111111', '/users/a***@example.com/cards/************1111'],
    ['/cb#access_token=tGzv3JOkF0XG5Qx2TlKWIA&state=xyz', '/cb#access_token=[REDACTED]&state=xyz'],
    ['/search?q=hello+world&page=2', '/search?q=hello+world&page=2'],
    ['/a?x=%zz&token=a3f9c2e81b7d4056e2c1&&flag', '/a?x=%zz&token=[REDACTED]&&flag'],
    [`/api?jwt=${JWT}`, '/api?jwt=[REDACTED]'],
    ['https://bob:secret@host.example/x?api_key=a3f9c2e81b7d4056e2c1', 'https://bob:[REDACTED]@host.example/x?api_key=[REDACTED]'],
    ['/', '/'],
  ])('%s → %s', (target, expected) => {
    expect(redactTarget(target)).toBe(expected);
    expect(redactTarget(expected)).toBe(expected);
  });

  it('redacts URLs in the same way', () => {
    expect(redactUrl('https://hooks.example.com/x?password=hunter2')).toBe('https://hooks.example.com/x?password=[REDACTED]');
    expect(redactUrl('not a url at all password=x1')).toBe('not a url at all password=[REDACTED]');
  });
});

describe('idempotence over generated sensitive values', () => {
  it('redacting twice gives the same result as once, in every location', () => {
    const samples = positives(createRng(7), 40);
    for (const s of samples) {
      const name = s.ctx.name ?? 'value';
      const v1 = redactValue(s.value, name);
      expect(redactValue(v1, name)).toBe(v1);
      const body = JSON.stringify({ [name]: s.value, note: `see ${s.value}` });
      const b1 = redactBody(body, 'application/json');
      expect(redactBody(b1, 'application/json')).toBe(b1);
      const t1 = redactTarget(`/x?${encodeURIComponent(name)}=${encodeURIComponent(s.value)}`);
      expect(redactTarget(t1)).toBe(t1);
      const text = `value: ${s.value} end`;
      const x1 = redactBody(text, 'text/plain');
      expect(redactBody(x1, 'text/plain')).toBe(x1);
      // a value its classifier recognises never survives redaction under its name (IP addresses are kept by policy)
      if (s.label && s.label !== 'ip-address' && classifyValue(s.value, s.ctx).includes(s.label)) {
        expect(redactBody(JSON.stringify({ [name]: s.value }), 'application/json').includes(JSON.stringify(s.value).slice(1, -1))).toBe(false);
        expect(t1.includes(encodeURIComponent(s.value))).toBe(false);
        expect(redactValue(s.value, name)).not.toBe(s.value);
      }
    }
  });
});

describe('redactSample', () => {
  it('redacts the target, both header lists and both bodies by their content types', () => {
    const sample = {
      time: 1,
      method: 'POST',
      target: '/login?token=a3f9c2e81b7d4056e2c1',
      status: 200,
      requestHeaders: [['content-type', 'application/x-www-form-urlencoded'], ['cookie', 'sid=abc']] as Header[],
      requestBody: 'user=bob&password=hunter2',
      responseHeaders: [['content-type', 'application/json'], ['set-cookie', 'sid=xyz; HttpOnly']] as Header[],
      responseBody: `{"token":"${JWT}","email":"bob@example.com"}`,
    };
    expect(redactSample(sample)).toEqual({
      time: 1,
      method: 'POST',
      target: '/login?token=[REDACTED]',
      status: 200,
      requestHeaders: [['content-type', 'application/x-www-form-urlencoded'], ['cookie', 'sid=[REDACTED]']],
      requestBody: 'user=bob&password=[REDACTED]',
      responseHeaders: [['content-type', 'application/json'], ['set-cookie', 'sid=[REDACTED]; HttpOnly']],
      responseBody: '{"token":"[REDACTED]","email":"b***@example.com"}',
    });
    const bare = { time: 0, method: 'GET', target: '/', requestHeaders: [] };
    expect(redactSample(bare)).toEqual(bare);
  });
});

describe('values under secret names', () => {
  it('are masked even when they do not look random (redaction wants no leak)', () => {
    expect(redactValue('QUERYSECRETTOKEN', 'token')).toBe('[REDACTED]');
    expect(redactValue('hello', 'token')).toBe('hello'); // too short to be a credential
    expect(redactValue('100000000', 'max_tokens')).toBe('100000000'); // a count, not a secret
  });
});
