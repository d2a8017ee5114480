import { describe, expect, it } from 'vitest';
import type { Exchange, Header } from '../../core/index.js';
import { RampartError } from '../../core/index.js';
import { createSignatureEngine, INSPECTION_LIMIT_RULE } from './engine.js';
import { BUILTIN_RULES } from './rules/index.js';
import { isRequestRule, type ValueRule } from './types.js';

function req(init: { method?: string; target?: string; headers?: Header[]; body?: string; truncated?: boolean }): Exchange {
  return {
    time: 0,
    client: {},
    source: { kind: 'test' },
    request: {
      method: init.method ?? 'GET',
      scheme: 'https',
      host: 'api.example.com',
      target: init.target ?? '/',
      headers: init.headers ?? [],
      ...(init.body === undefined ? {} : { body: { text: init.body, size: init.body.length, truncated: init.truncated ?? false } }),
    },
  };
}
const json = (path: string, value: unknown, method = 'POST') => req({ method, target: path, headers: [['content-type', 'application/json']], body: JSON.stringify(value) });

describe('createSignatureEngine: scoring and classes', () => {
  const engine = createSignatureEngine();
  it('flags a critical injection with its class, location and short evidence', () => {
    const r = engine.inspect(req({ target: "/items?q=1'%20OR%20'1'%3D'1" }));
    expect(r.attack).toBe(true);
    expect(r.classes).toContain('sqli');
    expect(r.score).toBeGreaterThanOrEqual(5);
    const m = r.matches.find((x) => x.rule === 'sqli-tokenizer');
    expect(m?.location).toBe('query:q');
    expect(m?.evidence).toBe("1' OR '1'");
  });
  it('passes benign API traffic with score 0', () => {
    const r = engine.inspect(json('/api/v1/orders', { orderId: 'ord-2026-000123', customer: { name: 'Alice Example', email: 'alice@example.com' }, note: "Leave it at Bob's door, or the neighbour's" }));
    expect(r).toEqual({ attack: false, score: 0, classes: [], matches: [] });
  });
  it('adds CRS-style scores: critical 5, error 4, warning 3, notice 2, each rule once per request', () => {
    const rules: ValueRule[] = [
      { id: 'sqli-test-warning', class: 'sqli', severity: 'warning', paranoia: 1, description: 't', targets: ['arg'], transforms: [], anyChar: 'x', pattern: /x/, vectors: { fire: ['x'], noFire: ['y'] } },
      { id: 'xss-test-notice', class: 'xss', severity: 'notice', paranoia: 1, description: 't', targets: ['arg'], transforms: [], anyChar: 'z', pattern: /z/, vectors: { fire: ['z'], noFire: ['y'] } },
    ];
    const e = createSignatureEngine({ rules });
    const r = e.inspect(req({ target: '/?a=x&b=x&c=z' }));
    expect(r.score).toBe(5);
    expect(r.attack).toBe(true);
    expect(r.matches.map((m) => m.rule)).toEqual(['sqli-test-warning', 'xss-test-notice']);
    expect(e.inspect(req({ target: '/?a=x' }))).toMatchObject({ attack: false, score: 3, classes: ['sqli'] });
    expect(createSignatureEngine({ rules, threshold: 3 }).inspect(req({ target: '/?a=x' })).attack).toBe(true);
  });
  it('finds payloads in JSON keys and nested leaves, cookies, headers, XML and multipart', () => {
    expect(engine.inspect(json('/u', { profile: { tags: ['ok', '<script>alert(1)</script>'] } })).matches[0]?.location).toBe('json:$.profile.tags[1]');
    expect(engine.inspect(json('/u', { user: { __proto__x: 1, ['__proto__']: { admin: true } } })).classes).toContain('prototype-pollution');
    expect(engine.inspect(req({ headers: [['cookie', 'sid=abc; pref=../../../../etc/passwd']] })).matches[0]?.location).toBe('cookie:pref');
    expect(engine.inspect(req({ headers: [['user-agent', 'sqlmap/1.7.2#stable (https://sqlmap.org)']] })).classes).toEqual(['scanner']);
    const xml = engine.inspect(req({ method: 'POST', headers: [['content-type', 'application/xml']], body: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><a probe="&lt;script&gt;alert(1)&lt;/script&gt;">&x;</a></r>' }));
    expect(xml.classes).toEqual(expect.arrayContaining(['xxe', 'xss']));
    expect(xml.matches.find((m) => m.class === 'xss')?.location).toBe('xml:/r/a/@probe');
    const mp = engine.inspect(req({ method: 'POST', headers: [['content-type', 'multipart/form-data; boundary=B']], body: '--B\r\nContent-Disposition: form-data; name="f"; filename="shell.php"\r\n\r\n<?php system($_GET[c]); ?>\r\n--B--\r\n' }));
    expect(mp.matches.map((m) => m.location)).toEqual(expect.arrayContaining(['multipart:f#filename', 'multipart:f']));
  });
  it('runs request-level protocol rules', () => {
    const r = engine.inspect(req({ method: 'POST', headers: [['transfer-encoding', 'chunked'], ['content-length', '10']], body: '0\r\n\r\n' }));
    expect(r.matches[0]).toMatchObject({ rule: 'protocol-framing-conflict', class: 'protocol', location: 'header:transfer-encoding' });
  });
  it('masks secrets in evidence and caps it at 80 characters', () => {
    const r = engine.inspect(req({ target: `/x?q=${encodeURIComponent(`<script>alert('4111 1111 1111 1111')</script>${'a'.repeat(200)}`)}` }));
    for (const m of r.matches) {
      expect(m.evidence.length).toBeLessThanOrEqual(80);
      expect(m.evidence).not.toContain('4111 1111');
    }
  });
});

describe('paranoia levels', () => {
  it('runs more rules and inspects more headers at higher levels', () => {
    const pl1 = createSignatureEngine({ paranoia: 1 });
    const pl2 = createSignatureEngine({ paranoia: 2 });
    expect(pl2.rules.length).toBeGreaterThan(pl1.rules.length);
    expect(pl1.rules.every((r) => r.paranoia === 1)).toBe(true);
    const urlParam = req({ target: '/go?next=https://evil.example/' });
    expect(pl1.inspect(urlParam).attack).toBe(false);
    expect(pl2.inspect(urlParam).classes).toContain('rfi');
    const originHeader = req({ headers: [['origin', "' onmouseover='alert(1)"]] });
    expect(pl1.inspect(originHeader).attack).toBe(false);
    expect(pl2.inspect(originHeader).classes).toContain('xss');
  });
});

describe('exclusions', () => {
  const attack = json('/notes/42', { body: '<script>alert(1)</script>', title: "1' or '1'='1" }, 'PUT');
  it('drop matches by endpoint template, target and class', () => {
    const e = createSignatureEngine({ exclusions: [{ path: 'PUT /notes/{id}', target: 'json:$.body', classes: ['xss'] }] });
    const r = e.inspect(attack, { method: 'PUT', path: '/notes/{noteId}' });
    expect(r.classes).toEqual(['sqli']);
    expect(e.inspect(attack).classes).toEqual(['sqli']); // the raw path matches the template too
    expect(e.inspect({ ...attack, request: { ...attack.request, method: 'POST' } }).classes).toEqual(['sqli', 'xss']);
  });
  it('drop matches by rule id and by glob', () => {
    const e = createSignatureEngine({ exclusions: [{ path: '/notes/**', rules: ['sqli-tokenizer', 'sqli-tautology-operators'] }, { target: 'json:$.b*', classes: ['xss'] }] });
    expect(e.inspect(attack).attack).toBe(false);
  });
  it('are validated at creation with the path of the bad key', () => {
    const bad = (ex: unknown, where: string) => {
      try {
        createSignatureEngine({ exclusions: ex as never });
        throw new Error('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(RampartError);
        expect((err as RampartError).code).toBe('E_CONFIG_INVALID');
        expect((err as RampartError).location).toBe(where);
      }
    };
    bad([{ path: '/a', classes: ['sqlinjection'] }], 'signatures.exclusions[0].classes[0]');
    bad([{}, { rules: ['no-such-rule'] }], 'signatures.exclusions[0]');
    bad([{ path: '/a' }, { rules: ['no-such-rule'] }], 'signatures.exclusions[1].rules[0]');
    bad([{ path: 'notes' }], 'signatures.exclusions[0].path');
    bad([{ target: 'querystring' }], 'signatures.exclusions[0].target');
    bad([{ path: '/a', class: 'xss' }], 'signatures.exclusions[0].class');
    bad('nope', 'signatures.exclusions');
  });
  it('validate the other options too', () => {
    expect(() => createSignatureEngine({ paranoia: 5 as never })).toThrow(/paranoia/);
    expect(() => createSignatureEngine({ threshold: 0 })).toThrow(/threshold/);
    expect(() => createSignatureEngine({ maxValueLength: -1 })).toThrow(/maxValueLength/);
  });
});

describe('limits', () => {
  it('blocks (by default) what it could not inspect completely, and says so', () => {
    const e = createSignatureEngine({ maxBodyLength: 1024 });
    const r = e.inspect(json('/x', { pad: 'a'.repeat(2000), q: "' or 1=1--" }));
    expect(r.partial).toMatch(/inspection limit/);
    expect(r.matches.map((m) => m.rule)).toContain(INSPECTION_LIMIT_RULE);
    expect(r.attack).toBe(true);
  });
  it('only flags with onLimit: flag, and never blocks a body the source truncated', () => {
    const r = createSignatureEngine({ maxBodyLength: 1024, onLimit: 'flag' }).inspect(json('/x', { pad: 'a'.repeat(2000) }));
    expect(r).toMatchObject({ attack: false, score: 0 });
    expect(r.partial).toBeDefined();
    const t = createSignatureEngine({ maxBodyLength: 1024 }).inspect(req({ method: 'POST', headers: [['content-type', 'text/plain']], body: 'a'.repeat(2000), truncated: true }));
    expect(t.attack).toBe(false);
  });
  it('bounds the number of values and the JSON depth', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v']));
    expect(createSignatureEngine({ maxTargets: 50 }).inspect(json('/x', many)).partial).toMatch(/too many values/);
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(createSignatureEngine().inspect(json('/x', deep)).partial).toMatch(/nested deeper/);
  });
  it('stops at the threshold when asked (gateway block mode)', () => {
    const r = createSignatureEngine({ stopOnAttack: true }).inspect(req({ target: "/x?a=1'%20or%201=1--&b=<script>alert(1)</script>" }));
    expect(r.attack).toBe(true);
    expect(r.matches.length).toBe(1);
  });
  it('survives hostile bodies: invalid JSON, broken XML, binary, empty', () => {
    const e = createSignatureEngine();
    expect(e.inspect(req({ method: 'POST', headers: [['content-type', 'application/json']], body: '{"a": "<script>alert(1)</script>"' })).classes).toContain('xss');
    expect(e.inspect(req({ method: 'POST', headers: [['content-type', 'application/xml']], body: '<a><b attr="<script>alert(1)</script>"><<<</a' })).classes).toContain('xss');
    expect(e.inspect(req({ method: 'POST', headers: [['content-type', 'application/octet-stream']], body: '\u0000\u0001\u00ff'.repeat(1000) })).attack).toBe(false);
    expect(e.inspect(req({ method: 'POST', body: '' })).attack).toBe(false);
  });
});

describe('repeated values within a request', () => {
  const engine = createSignatureEngine();
  it('still flags an attack after the same string was seen clean in another role (a key, then a value)', () => {
    // a rule for argument values only: its payload is clean as a JSON key, and must not be remembered as clean for values
    const rule = BUILTIN_RULES.find((r) => !isRequestRule(r) && r.paranoia === 1 && (r as ValueRule).targets.includes('arg') && !(r as ValueRule).targets.includes('name')) as ValueRule;
    const fire = rule.vectors.fire.map((v) => (typeof v === 'string' ? v : v.value))[0] as string;
    expect(engine.inspect(json('/x', { [fire]: 1 })).matches.map((m) => m.rule)).not.toContain(rule.id);
    const r = engine.inspect(json('/x', { [fire]: 1, items: [{ v: 'plain' }, { v: fire }] }));
    expect(r.matches.find((m) => m.rule === rule.id)?.location).toBe('json:$.items[1].v');
  });
  it('reports a repeated attack once per rule and a clean repeated key not at all', () => {
    const r = engine.inspect(json('/x', { items: Array.from({ length: 50 }, () => ({ sku: 'BK-1', q: "1' or '1'='1" })) }));
    expect(r.matches.filter((m) => m.rule === 'sqli-tokenizer').map((m) => m.location)).toEqual(['json:$.items[0].q']);
    expect(r.classes).toEqual(['sqli']);
  });
  it('inspects every occurrence again when custom rules are given (their detectors may read the location)', () => {
    const seen: string[] = [];
    const custom: ValueRule = {
      id: 'custom-count',
      class: 'protocol',
      severity: 'notice',
      paranoia: 1,
      description: 'counts the values it sees',
      targets: ['arg'],
      transforms: [],
      keywords: ['same'],
      detect: (_v, t) => {
        seen.push(t.location);
        return null;
      },
      vectors: { fire: [], noFire: [] },
    };
    createSignatureEngine({ rules: [custom] }).inspect(json('/x', { a: 'same', b: ['same', 'same'] }));
    expect(seen).toEqual(['json:$.a', 'json:$.b[0]', 'json:$.b[1]']);
  });
});

describe('evidence', () => {
  it('masks JWTs and long tokens', async () => {
    const { makeEvidence } = await import('./evidence.js');
    expect(makeEvidence("' or 1=1 -- eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.sig")).toBe("' or 1=1 -- [JWT]");
    expect(makeEvidence('token=sk_live_0123456789abcdefghijklmnopqrstuvwxyz012345')).toBe('token=[TOKEN]');
    expect(makeEvidence('a\nb\u0001')).toBe('a\\nb\\x01');
  });
});
