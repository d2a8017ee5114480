import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RampartError } from '../core/errors.js';
import { loadPostman } from './load-postman.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-postman-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return `${(e as RampartError).code} ${(e as RampartError).location ?? ''}`;
  }
  return 'no error';
}

describe('loadPostman', () => {
  it('reads a collection file', async () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'ping', request: 'https://api.example.com/ping' }] }));
    const d = await loadPostman(file);
    expect(d.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /ping']);
    expect(d.source.file).toBe(file);
  });

  it('reports missing, empty, too large and malformed files with their location', async () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"info": {},\n "item": [,]}');
    expect(await codeOf(loadPostman(join(dir, 'nope.json')))).toBe(`E_INPUT_NOT_FOUND ${join(dir, 'nope.json')}`);
    expect(await codeOf(loadPostman(empty))).toBe(`E_INPUT_EMPTY ${empty}`);
    expect(await codeOf(loadPostman(bad, { maxBytes: 5 }))).toBe(`E_SPEC_TOO_LARGE ${bad}`);
    expect(await codeOf(loadPostman(bad))).toBe(`E_SPEC_PARSE ${bad}:2:11`);
  });
});
