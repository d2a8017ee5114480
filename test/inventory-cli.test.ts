/**
 * `rampart inventory` end to end, in-process: import a HAR and a spec into a real SQLite file, list, show,
 * export (validated as OpenAPI 3.1), re-import idempotently, and bad input that must not crash or lose data.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createCaptureIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { expectGolden } from './support/golden.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-inv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rampart(...args: string[]) {
  const io = createCaptureIo(dir);
  const code = await main(['node', 'rampart', ...args], io);
  const clean = (s: string) => s.split(dir).join('<tmp>');
  return { code, stdout: clean(io.stdout), stderr: clean(io.stderr) };
}

interface EntryIn {
  method: string;
  url: string;
  status: number;
  reqHeaders?: Record<string, string>;
  reqBody?: unknown;
  resBody?: unknown;
  time?: number;
}

function har(entries: EntryIn[]): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'rampart-test', version: '1' },
      entries: entries.map((e, i) => ({
        startedDateTime: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(),
        time: 12,
        request: {
          method: e.method,
          url: e.url,
          httpVersion: 'HTTP/1.1',
          headers: Object.entries({ accept: 'application/json', ...(e.reqHeaders ?? {}) }).map(([name, value]) => ({ name, value })),
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: -1,
          ...(e.reqBody === undefined ? {} : { postData: { mimeType: 'application/json', text: JSON.stringify(e.reqBody) } }),
        },
        response: {
          status: e.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'content-type', value: 'application/json' }],
          cookies: [],
          content: { size: -1, mimeType: 'application/json', text: JSON.stringify(e.resBody ?? {}) },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: 12, receive: 0 },
      })),
    },
  });
}

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLnNob3AuZXhhbXBsZSJ9.c2lnbmF0dXJlLW5vdC12ZXJpZmllZC1ieS10aGUtaW52ZW50b3J5';
const auth = { authorization: `Bearer ${JWT}` };

const traffic: EntryIn[] = [
  ...[3, 17, 42, 108, 2001].map((id) => ({
    method: 'GET',
    url: `https://api.shop.example/api/users/${id}`,
    status: 200,
    reqHeaders: auth,
    resBody: { id, email: `user${id}@mail.example`, name: 'Ann', card: '4111 1111 1111 1111' },
  })),
  { method: 'GET', url: 'https://api.shop.example/api/users/me', status: 200, reqHeaders: auth, resBody: { id: 3, email: 'user3@mail.example' } },
  { method: 'POST', url: 'https://api.shop.example/api/login', status: 200, reqBody: { email: 'ann@mail.example', password: 'hunter2-Secret!' }, resBody: { token: JWT } },
  { method: 'POST', url: 'https://api.shop.example/api/login', status: 401, reqBody: { email: 'bob@mail.example', password: 'wrong-Passw0rd' }, resBody: { error: 'bad credentials' } },
  ...['9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', '0b7a4c1e-2d3f-4a5b-9c8d-7e6f5a4b3c2d'].map((id) => ({
    method: 'GET',
    url: `https://api.shop.example/api/orders/${id}?expand=items`,
    status: 200,
    reqHeaders: auth,
    resBody: { id, total: 12.5, items: [{ sku: 'BK-1', qty: 1 }] },
  })),
  { method: 'GET', url: 'https://api.shop.example/api/v1/orders/9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', status: 200, reqHeaders: auth, resBody: { id: 'x' } },
  { method: 'DELETE', url: 'https://api.shop.example/api/internal/cache', status: 204, reqHeaders: auth },
];

const SPEC = `openapi: 3.0.3
info: { title: Shop API, version: '2.0' }
servers: [{ url: https://api.shop.example/api }]
paths:
  /users/{userId}:
    get:
      operationId: getUser
      parameters: [{ name: userId, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
  /users/me:
    get:
      responses: { '200': { description: ok } }
  /login:
    post:
      responses: { '200': { description: ok } }
  /orders/{orderId}:
    get:
      deprecated: true
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string, format: uuid } }]
      responses: { '200': { description: ok } }
  /v2/orders/{orderId}:
    get:
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string, format: uuid } }]
      responses: { '200': { description: ok } }
  /payments:
    post:
      responses: { '201': { description: created } }
`;

describe('rampart inventory (end to end)', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'shop.har'), har(traffic));
    writeFileSync(join(dir, 'shop.yaml'), SPEC);
  });

  it('imports traffic against a spec and summarises it', async () => {
    const r = await rampart('inventory', 'import', 'shop.har', '--spec', 'shop.yaml', '--db', 'inv.db');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden('inventory/import.txt', r.stdout);
  });

  it('lists endpoints with their statuses (table and stable JSON)', async () => {
    const table = await rampart('inventory', 'list', '--db', 'inv.db');
    expect(table.code).toBe(0);
    expectGolden('inventory/list.txt', table.stdout);

    const json = await rampart('inventory', 'list', '--db', 'inv.db', '--format', 'json');
    const items = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    const by = (m: string, p: string) => items.find((i) => i.method === m && i.path === p);
    expect(by('GET', '/api/users/{userId}')).toMatchObject({ host: 'api.shop.example', status: 'documented', hits: 5, statusCodes: { '200': 5 } });
    expect(by('GET', '/api/users/{userId}')?.auth).toEqual(['bearer-jwt']);
    expect(by('GET', '/api/users/{userId}')?.sensitive).toEqual(expect.arrayContaining(['email', 'payment-card']));
    expect(by('GET', '/api/users/me')).toMatchObject({ status: 'documented', hits: 1 });
    expect(by('GET', '/api/orders/{orderId}')).toMatchObject({ status: 'zombie', hits: 2, deprecated: true });
    expect(by('DELETE', '/api/internal/cache')).toMatchObject({ status: 'shadow', hits: 1 });
    expect(by('POST', '/api/payments')).toMatchObject({ status: 'orphan', hits: 0 });
    expect(by('POST', '/api/login')?.sensitive).toEqual(expect.arrayContaining(['password', 'jwt']));

    const shadow = await rampart('inventory', 'list', '--db', 'inv.db', '--format', 'json', '--status', 'shadow');
    expect((JSON.parse(shadow.stdout) as Array<{ status: string }>).every((i) => i.status === 'shadow')).toBe(true);
  });

  it('shows one endpoint by a concrete path, with secrets redacted', async () => {
    const r = await rampart('inventory', 'show', 'GET', '/api/users/42', '--db', 'inv.db');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GET api.shop.example /api/users/{userId}');
    expect(r.stdout).not.toContain('4111 1111 1111 1111');
    expect(r.stdout).not.toContain(JWT);
    expectGolden('inventory/show-user.txt', r.stdout);
    const login = await rampart('inventory', 'show', 'POST', 'api.shop.example/api/login', '--db', 'inv.db', '--format', 'json');
    expect(login.stdout).not.toContain('hunter2-Secret!');
    expect(login.stdout).not.toContain('wrong-Passw0rd');
  });

  it('never stores secrets in clear in the database file', () => {
    const bytes = readFileSync(join(dir, 'inv.db')).toString('latin1') + readFileSync(join(dir, 'inv.db-wal'), { flag: 'a+' }).toString('latin1');
    for (const secret of ['hunter2-Secret!', 'wrong-Passw0rd', '4111 1111 1111 1111', JWT.split('.')[2] as string]) expect(bytes).not.toContain(secret);
  });

  it('exports a valid OpenAPI 3.1 document', async () => {
    const r = await rampart('inventory', 'export', '--db', 'inv.db', '--out', 'learned.yaml');
    expect(r.code).toBe(0);
    const doc = parseYaml(readFileSync(join(dir, 'learned.yaml'), 'utf8')) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users/{userId}', '/api/internal/cache']));
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid).toBe(true);
  });

  it('does not double-count a file imported twice', async () => {
    const r = await rampart('inventory', 'import', 'shop.har', '--db', 'inv.db');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('already imported');
    const json = await rampart('inventory', 'list', '--db', 'inv.db', '--format', 'json');
    const user = (JSON.parse(json.stdout) as Array<{ path: string; hits: number }>).find((i) => i.path === '/api/users/{userId}');
    expect(user?.hits).toBe(5);
  });

  it('reports an unknown endpoint with the fix', async () => {
    const r = await rampart('inventory', 'show', 'GET', '/nope', '--db', 'inv.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no endpoint GET \/nope in the inventory \[E_ENDPOINT_NOT_FOUND\] — run `rampart inventory list`/);
  });
});

describe('rampart inventory import: bad input', () => {
  it('a 0-byte file among good ones: one line, exit 2, the files before and after it imported', async () => {
    writeFileSync(join(dir, 'empty.har'), '');
    writeFileSync(join(dir, 'good.har'), har(traffic.slice(0, 2)));
    writeFileSync(join(dir, 'good2.har'), har(traffic.slice(2, 6)));
    const r = await rampart('inventory', 'import', 'good.har', 'empty.har', 'good2.har', '--db', 'bad.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rampart: <tmp>/empty.har: the file is empty (0 bytes) [E_INPUT_EMPTY] — pass a file with content (0-byte files have nothing to import)\n`);
    expect(r.stdout).toContain('Read 6 exchanges from 2 files; 1 file failed.');
    // counted against the database before the import, not file by file
    expect(r.stdout).toMatch(/Endpoints: (\d+) in the inventory \(\1 new, 0 updated\)\./);
    expect(r.stdout).toContain('<tmp>/empty.har  [unknown]  FAILED: <tmp>/empty.har: the file is empty (0 bytes) [E_INPUT_EMPTY]');
    const list = await rampart('inventory', 'list', '--db', 'bad.db', '--format', 'json');
    const hits = (JSON.parse(list.stdout) as Array<{ hits: number }>).reduce((n, e) => n + e.hits, 0);
    expect(hits).toBe(6);
  });

  it('a file of which no entry can be read fails and is not recorded, so it can be imported again', async () => {
    writeFileSync(join(dir, 'wrong.har'), har(traffic.slice(0, 3)));
    const first = await rampart('inventory', 'import', 'wrong.har', '--input-format', 'combined-log', '--db', 'wrong.db');
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/^rampart: <tmp>\/wrong\.har: not one of its \d+ entries could be read as combined-log \[E_LOG_LINE\] — check --input-format/m);
    const again = await rampart('inventory', 'import', 'wrong.har', '--db', 'wrong.db');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Read 3 exchanges from 1 file.');
  });

  it('read-only commands refuse a database that does not exist instead of creating it', async () => {
    const r = await rampart('inventory', 'list', '--db', 'typo.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rampart: typo.db: no such database [E_STORE_NOT_FOUND] — give --db the file you imported into, or import first: rampart inventory import FILE --db typo.db\n');
    expect(existsSync(join(dir, 'typo.db'))).toBe(false);
  });

  it('export to a missing directory is a clear error, not an internal one', async () => {
    writeFileSync(join(dir, 'x.har'), har(traffic.slice(0, 2)));
    await rampart('inventory', 'import', 'x.har', '--db', 'x.db');
    const r = await rampart('inventory', 'export', '--db', 'x.db', '-o', 'missing/out.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: missing\/out\.yaml: cannot write missing\/out\.yaml: its directory does not exist \[E_OUTPUT_UNWRITABLE\]/);
  });

  it('commander usage errors carry the house format', async () => {
    const r = await rampart('inventory', 'list', '--format', 'bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("rampart: option '--format <format>' argument 'bogus' is invalid. Allowed choices are table, json. [E_USAGE]\n(run with --help for usage)\n");
  });

  it('binary garbage: the format is not recognised', async () => {
    writeFileSync(join(dir, 'garbage.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = await rampart('inventory', 'import', 'garbage.bin', '--db', 'bad2.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: <tmp>\/garbage\.bin: cannot tell the format from the content.*\[E_FORMAT_UNKNOWN\]/);
  });

  it('a truncated HAR keeps the complete entries and says where it was cut', async () => {
    const text = har(traffic);
    writeFileSync(join(dir, 'cut.har'), text.slice(0, Math.floor(text.length * 0.6)));
    const r = await rampart('inventory', 'import', 'cut.har', '--db', 'cut.db');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped <tmp>\/cut\.har.*\[E_HAR_TRUNCATED\]/);
    expect(r.stdout).toMatch(/Read \d+ exchanges from 1 file, skipped 1\./);
    const n = Number(/Read (\d+) exchanges/.exec(r.stdout)?.[1]);
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThan(traffic.length);
  });

  it('an access log with a 1 MB line and invalid UTF-8 imports the good lines', async () => {
    const good = '203.0.113.9 - - [17/May/2026:10:05:03 +0000] "GET /api/items/17 HTTP/1.1" 200 512 "-" "curl/8.5"';
    const bad = Buffer.concat([Buffer.from('203.0.113.9 - - [17/May/2026:10:05:04 +0000] "GET /api/items/'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' HTTP/1.1" 404 0 "-" "x"')]);
    const huge = `203.0.113.9 - - [17/May/2026:10:05:05 +0000] "GET /${'a'.repeat(1_048_576)} HTTP/1.1" 200 1 "-" "x"`;
    writeFileSync(join(dir, 'access.log'), Buffer.concat([Buffer.from(`${good}\n`), bad, Buffer.from(`\n${huge}\n${good.replace('/17', '/18')}\n`)]));
    const r = await rampart('inventory', 'import', 'access.log', '--db', 'log.db');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/access\.log:3.*\[E_LINE_TOO_LONG\]/);
    expect(r.stdout).toMatch(/Read 3 exchanges from 1 file, skipped 1\./);
    expect(r.stdout).toContain("1 notice (1 × E_INVALID_UTF8)");
    expect(r.stderr).toMatch(/note: <tmp>\/access\.log:2: bytes that are not UTF-8/);
  });

  it('a broken spec: one line with its location', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.0\ninfo: {title: x, version: 1\npaths: {}\n');
    const r = await rampart('inventory', 'import', 'good.har', '--spec', 'broken.yaml', '--db', 'spec.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: <tmp>\/broken\.yaml:\d+:\d+: .*\[E_SPEC_PARSE\]/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
