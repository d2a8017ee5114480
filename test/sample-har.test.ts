/**
 * The shipped sample (samples/shop.har, the README quick start) is what scripts/make-sample-har.ts produces
 * (tokens aside: the shop signs them with a key made at start-up), stays small, and imports to the expected
 * inventory with and without the shop's spec (samples/shop-openapi.yaml, a copy kept identical).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseSampleHar, recordSampleHar } from '../src/demo/sample-har.js';
import { SHOP_SPEC_FILE } from '../src/demo/shop/create-shop.js';
import { importFiles } from '../src/pipeline/import-files.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const HAR = new URL('../samples/shop.har', import.meta.url).pathname;
const SPEC = new URL('../samples/shop-openapi.yaml', import.meta.url).pathname;
const REGENERATE = 'regenerate it with `npx tsx scripts/make-sample-har.ts` and commit samples/';
const dir = mkdtempSync(join(tmpdir(), 'rampart-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('samples/shop.har', () => {
  it('is what the script produces and stays under 300 KB', async () => {
    expect(statSync(HAR).size).toBeLessThan(300 * 1024);
    const fresh = await recordSampleHar();
    expect(normaliseSampleHar(fresh.text) === normaliseSampleHar(readFileSync(HAR, 'utf8')), `samples/shop.har is out of date: ${REGENERATE}`).toBe(true);
    expect(readFileSync(SPEC, 'utf8') === readFileSync(SHOP_SPEC_FILE, 'utf8'), `samples/shop-openapi.yaml differs from the shop's spec: ${REGENERATE}`).toBe(true);
  }, 30_000);

  it('imports without a spec: every exchange, no skipped entry', async () => {
    const store = openSqliteStore(join(dir, 'plain.db'));
    try {
      const s = await importFiles([HAR], { store });
      expect(s.files[0]).toMatchObject({ format: 'har', outcome: 'imported', exchanges: 146, skipped: 0 });
      expect(s.endpoints.total).toBe(29);
      expect(Object.keys(s.sensitiveTypes).sort()).toEqual(['email', 'generic-secret', 'jwt', 'password', 'payment-card']);
    } finally {
      store.close();
    }
    // the shop's API keys and password hashes leak (SQL injection, debug endpoints) into fields with ordinary
    // names (price, description): stored samples mask them by their shape
    const db = readFileSync(join(dir, 'plain.db')).toString('latin1');
    expect(readFileSync(HAR, 'utf8')).toMatch(/sk_demo_[0-9a-f]{24}/);
    expect(db).not.toMatch(/sk_demo_[0-9a-f]{24}/);
    const hashes = [...new Set(readFileSync(HAR, 'utf8').match(/\b[0-9a-f]{64}\b/g) ?? [])];
    expect(hashes.length).toBeGreaterThan(0); // the shop's password hashes, leaked by its SQL injection
    expect(hashes.filter((h) => db.includes(h))).toEqual([]);
  });

  it('imports against the spec: the undocumented endpoints are shadow, /api/v1 and the deprecated operation zombie', async () => {
    const store = openSqliteStore(join(dir, 'spec.db'));
    try {
      const s = await importFiles([HAR], { store, specFiles: [SPEC] });
      expect(s.byStatus).toEqual({ documented: 17, shadow: 6, zombie: 6, orphan: 6 });
      const of = (status: 'shadow' | 'zombie') => store.listEndpoints({ status }).map((r) => `${r.endpoint.method} ${r.endpoint.path}`).sort();
      expect(of('shadow')).toEqual(['GET /.env', 'GET /api/v2/actuator/env', 'GET /api/v2/debug/vars', 'GET /api/v2/internal/users/export', 'GET /api/v2/swagger.json', 'POST /api/v2/payments']);
      expect(of('zombie')).toEqual(['GET /api/v1/orders', 'GET /api/v1/products', 'GET /api/v1/products/{productId}', 'GET /api/v1/users/me', 'GET /api/v2/products/featured', 'POST /api/v1/auth/login']);
    } finally {
      store.close();
    }
  });
});
