import { describe, expect, it } from 'vitest';
import { ex } from '../../test/support/exchange-fixture.js';
import { curlCommand, secretVariable } from './curl-command.js';
import { buildEvidence, EVIDENCE_BODY_LIMIT } from './evidence.js';
import type { SecretLabel } from './sessions.js';
import type { TestExchange } from './test-request.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOjJ9.c2lnbmF0dXJlLW9mLWFsaWNl';
const secrets = new Map<string, SecretLabel>([
  [TOKEN, { identity: 'alice', label: 'token' }],
  ['hunter2-pass', { identity: 'alice', label: 'password' }],
]);

function sent(x: TestExchange, headers: Array<[string, string]>, body = ''): TestExchange {
  return { ...x, sentHeaders: headers, sentBody: body };
}

describe('evidence', () => {
  it('redacts identity credentials everywhere but keeps forged tokens', () => {
    const attack = sent(ex({ body: { token: TOKEN, note: 'hunter2-pass' }, url: `http://api.test/x?key=${TOKEN}` }), [['authorization', `Bearer ${TOKEN}`], ['cookie', 'sid=abc']], '{"password":"hunter2-pass"}');
    const forged = { ...sent(ex(), [['authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOjJ9.']]), request: { ...ex().request, auth: { kind: 'forged' as const, headers: [['authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOjJ9.'] as const], note: 'alg none' } } };
    const [a, f] = buildEvidence([['attack', attack], ['forged', forged]], secrets);
    const text = JSON.stringify(a);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('hunter2-pass');
    expect(a!.request.headers).toContainEqual(['authorization', 'Bearer [REDACTED:alice token]']);
    expect(a!.request.url).toBe('http://api.test/x?key=[REDACTED:alice token]');
    expect(a!.request.headers.find(([n]) => n === 'cookie')![1]).not.toContain('abc');
    expect(f!.request.headers).toContainEqual(['authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOjJ9.']);
  });

  it('redacts tampered copies of a credential like the credential itself', () => {
    const tampered = `${TOKEN.slice(0, -3)}AAA`;
    const x = { ...sent(ex(), [['authorization', `Bearer ${tampered}`]]), request: { ...ex().request, auth: { kind: 'forged' as const, headers: [['authorization', `Bearer ${tampered}`] as const], note: 't', derivedFrom: { identity: 'alice', label: 'token-tampered' } } } };
    const [e] = buildEvidence([['attack', x]], secrets);
    expect(e!.request.headers).toEqual([['authorization', 'Bearer [REDACTED:alice token-tampered]']]);
    expect(curlCommand(x, secrets)).toContain('"authorization: Bearer ${RAMPART_ALICE_TOKEN_TAMPERED}"');
  });

  it('bounds bodies and masks tokens in responses', () => {
    const big = sent(ex({ body: `${'x'.repeat(10_000)} eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abcdefghijk` }), []);
    const [e] = buildEvidence([['attack', big]], new Map(), true);
    expect(e!.response!.body!.length).toBeLessThan(EVIDENCE_BODY_LIMIT + 40);
    expect(e!.response!.truncated).toBe(true);
    expect(e!.response!.ms).toBe(5);
    const [t] = buildEvidence([['attack', sent(ex({ body: { t: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abcdefghijk' } }), [])]], new Map());
    expect(t!.response!.body).toContain('[REDACTED jwt]');
    expect(buildEvidence([['x', ex({ error: 'connection refused' })]], new Map())[0]).toMatchObject({ label: 'x', error: 'connection refused' });
  });
});

describe('curl command', () => {
  it('quotes safely and turns credentials into shell variables', () => {
    const x = { ...sent(ex({ method: 'POST', url: "http://api.test/a?q=it's" }), [['authorization', `Bearer ${TOKEN}`], ['content-type', 'application/json'], ['host', 'api.test']], '{"q":"$(rm -rf /)","p":"hunter2-pass"}'), request: { ...ex().request, method: 'POST' } };
    const c = curlCommand(x, secrets);
    expect(c).toBe(`curl -i -X POST 'http://api.test/a?q=it'\\''s' -H "authorization: Bearer \${RAMPART_ALICE_TOKEN}" -H 'content-type: application/json' --data-raw "{\\"q\\":\\"\\$(rm -rf /)\\",\\"p\\":\\"\${RAMPART_ALICE_PASSWORD}\\"}"`);
    expect(secretVariable({ identity: 'ops-1', label: 'x-api-key' })).toBe('RAMPART_OPS_1_X_API_KEY');
  });

  it('keeps raw dot segments and writes huge bodies with a generator', () => {
    const dots = sent(ex({ url: 'http://api.test/files/../../etc/passwd' }), []);
    expect(curlCommand(dots, new Map())).toContain('--path-as-is');
    const big = { ...sent(ex({ method: 'POST' }), [], `{"text":"${'A'.repeat(5000)}"}`), request: { ...ex().request, method: 'POST' } };
    expect(curlCommand(big, new Map())).toBe(`curl -i -X POST 'http://api.test/x' --data-raw "{\\"text\\":\\"$(head -c 5000 /dev/zero | tr '\\0' A)\\"}"`);
  });
});
