import { describe, expect, it } from 'vitest';
import type { Exchange, Header } from '../../core/index.js';
import { collectTargets, isInspectedHeader } from './collect-targets.js';
import { jsonPathStep } from './collect-json.js';
import { multipartBoundary } from './collect-multipart.js';

const opts = { paranoia: 1 as const, maxBodyLength: 1 << 20, maxTargets: 1000, maxDepth: 32 };
function ex(target: string, headers: Header[] = [], body?: string): Exchange {
  return { time: 0, client: {}, source: { kind: 'test' }, request: { method: body ? 'POST' : 'GET', scheme: 'http', host: 'h', target, headers, ...(body ? { body: { text: body, size: body.length, truncated: false } } : {}) } };
}
const locs = (e: Exchange, o = opts) => collectTargets(e, o).targets.map((t) => `${t.kind} ${t.location}=${t.value}`);

describe('collectTargets', () => {
  it('collects the decoded path, odd path segments, query names and values', () => {
    expect(locs(ex('/users/42/x%27y?q=a%20b&tag=1&tag=2'))).toEqual(["path path=/users/42/x'y", "arg path:3=x'y", 'name query:q=q', 'arg query:q=a b', 'name query:tag=tag', 'arg query:tag=1', 'name query:tag=tag', 'arg query:tag=2']);
  });
  it('splits cookies into names and values and keeps pieces without =', () => {
    expect(locs(ex('/', [['cookie', 'sid=abc; <?php phpinfo(); ?>=v']]))).toEqual(['path path=/', 'name cookie:sid=sid', 'cookie cookie:sid=abc', 'name cookie:?>=?>', 'cookie cookie:?>=v', 'name cookie=<?php phpinfo()']);
  });
  it('inspects headers by paranoia level', () => {
    expect(isInspectedHeader('user-agent', 1)).toBe(true);
    expect(isInspectedHeader('accept-language', 1)).toBe(false);
    expect(isInspectedHeader('accept-language', 2)).toBe(true);
    expect(isInspectedHeader('sec-ch-ua', 1)).toBe(false);
    expect(isInspectedHeader('authorization', 4)).toBe(false);
  });
  it('walks JSON keys and string leaves with JSON-path locations', () => {
    const body = JSON.stringify({ user: { name: 'n', 'odd key': ['a', 1, true, null] } });
    expect(locs(ex('/', [['content-type', 'application/json']], body)).slice(2)).toEqual(['name json:$.user=user', 'name json:$.user.name=name', 'arg json:$.user.name=n', 'name json:$.user["odd key"]=odd key', 'arg json:$.user["odd key"][0]=a']);
    expect(jsonPathStep('a-b')).toBe('["a-b"]');
  });
  it('reads JSON whatever the declared type, and falls back to the raw body when it does not parse', () => {
    expect(locs(ex('/', [['content-type', 'text/plain']], '{"a":"b"}')).slice(2)).toEqual(['name json:$.a=a', 'arg json:$.a=b']);
    expect(locs(ex('/', [['content-type', 'application/json']], '{"a":')).slice(2)).toEqual(['body body={"a":']);
  });
  it('reads forms, XML (text, attributes, DOCTYPE) and multipart (names, values, file names, part headers)', () => {
    expect(locs(ex('/', [['content-type', 'application/x-www-form-urlencoded']], 'a=1&b=%3Cx%3E')).slice(2)).toEqual(['name form:a=a', 'arg form:a=1', 'name form:b=b', 'arg form:b=<x>']);
    const xml = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r><a id="7">t&amp;u</a></r>';
    expect(locs(ex('/', [['content-type', 'application/xml']], xml)).slice(2)).toEqual(['xml-decl xml:!DOCTYPE=<!DOCTYPE r [<!ENTITY e "x">]>', 'name xml:/r=r', 'name xml:/r/a=a', 'name xml:/r/a/@id=id', 'arg xml:/r/a/@id=7', 'arg xml:/r/a=t&u']);
    const mp = '--B\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B\r\nContent-Disposition: form-data; name="g"\r\n\r\nv\r\n--B--\r\n';
    expect(locs(ex('/', [['content-type', 'multipart/form-data; boundary="B"']], mp)).slice(2)).toEqual(['name multipart:f=f', 'filename multipart:f#filename=a.txt', 'header multipart:f#content-type=text/plain', 'arg multipart:f=hello', 'name multipart:g=g', 'arg multipart:g=v']);
    expect(multipartBoundary('multipart/form-data; boundary=----x')).toBe('----x');
  });
  it('reports limits instead of growing without bound', () => {
    const r = collectTargets(ex('/?' + 'a=1&'.repeat(50)), { ...opts, maxTargets: 10 });
    expect(r.targets.length).toBe(10);
    expect(r.cut).toMatch(/too many values/);
    const big = collectTargets(ex('/', [['content-type', 'text/plain']], 'x'.repeat(5000)), { ...opts, maxBodyLength: 1000 });
    expect(big.targets.find((t) => t.kind === 'body')?.value.length).toBe(1000);
    expect(big.cut).toMatch(/inspection limit/);
  });
});
