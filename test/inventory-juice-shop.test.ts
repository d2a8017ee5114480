/**
 * End to end on real data: the Juice Shop HAR (read by the HAR source) against the Juice Shop B2B spec (loaded by
 * the spec module). The spec documents only `POST /b2b/v2/orders`; everything the browser called under `/rest/*`
 * and `/api/*` is shadow API, `/rest/basket/6` is learned as `/rest/basket/{…}`, the orders operation is an orphan.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../src/core/index.js';
import { openSource } from '../src/ingest/index.js';
import { exportOpenApi } from '../src/inventory/export-openapi.js';
import { createInventoryLearner, type LearnResult } from '../src/inventory/inventory-learner.js';
import { loadSpec } from '../src/spec/index.js';
import { validate } from '@readme/openapi-parser';
import { corpus, skipMessage } from './support/shared-corpora.js';

const har = corpus('har-samples', 'juiceshop-akto.har');
const spec = corpus('vulnerable-apps', 'juice-shop', 'b2b-swagger.yml');

async function learnJuiceShop(): Promise<{ result: LearnResult; skipped: number }> {
  const loaded = await loadSpec(spec as string);
  const learner = createInventoryLearner({ specs: [loaded.description] });
  const source = await openSource(har as string);
  let skipped = 0;
  for await (const ev of source.events) {
    if (ev.kind === 'exchange') learner.add(ev.exchange);
    else if (ev.kind === 'skipped') skipped++;
  }
  return { result: learner.finish(), skipped };
}

describe.skipIf(!har || !spec)('inventory on the Juice Shop HAR against its B2B spec', () => {
  if (!har || !spec) it.skip(skipMessage('the Juice Shop inventory test'), () => {});

  it('learns the shadow /rest/* and /api/* endpoints, the basket template and the orphan spec operation', async () => {
    const { result, skipped } = await learnJuiceShop();
    expect(skipped).toBe(0);
    const rows = result.upserts.map((u) => `${u.endpoint.status} ${u.endpoint.key} ${u.endpoint.hits}`);
    expect(rows).toEqual([
      'shadow GET juiceshop.akto.io /api/Cards 1',
      'shadow GET juiceshop.akto.io /api/Challenges 2',
      'shadow GET juiceshop.akto.io /api/Quantitys 2',
      'shadow GET juiceshop.akto.io /rest/admin/application-configuration 5',
      'shadow GET juiceshop.akto.io /rest/admin/application-version 2',
      'shadow GET juiceshop.akto.io /rest/basket/{basketId} 1',
      'shadow GET juiceshop.akto.io /rest/captcha 2',
      'shadow GET juiceshop.akto.io /rest/languages 1',
      'shadow GET juiceshop.akto.io /rest/products/search 2',
      'shadow GET juiceshop.akto.io /rest/products/{productId}/reviews 11',
      'shadow GET juiceshop.akto.io /rest/user/whoami 8',
      'shadow GET juiceshop.akto.io /socket.io 4',
      'shadow PATCH juiceshop.akto.io /rest/products/reviews 1',
      'orphan POST  /b2b/v2/orders 0',
      'shadow POST juiceshop.akto.io /api/Feedbacks 1',
      'shadow POST juiceshop.akto.io /rest/user/login 1',
      'shadow POST juiceshop.akto.io /socket.io 1',
      'shadow PUT juiceshop.akto.io /rest/products/{productId}/reviews 1',
    ]);
    // the page load (/) and the /redirect navigation are not API calls
    expect(result.stats).toMatchObject({ exchanges: 48, skipped: { nonApi: 2, overflow: 0 }, byStatus: { documented: 0, shadow: 17, zombie: 0, orphan: 1 } });
  });

  it('records auth, parameters, schemas and sensitive data, and stores no credential in clear', async () => {
    const { result } = await learnJuiceShop();
    const byKey = Object.fromEntries(result.upserts.map((u) => [u.endpoint.key, u.endpoint])) as Record<string, Endpoint>;
    const basket = byKey['GET juiceshop.akto.io /rest/basket/{basketId}'] as Endpoint;
    expect(basket.parameters[0]).toMatchObject({ name: 'basketId', in: 'path', schema: { type: 'integer' } });
    expect(basket.auth.map((a) => a.kind).sort()).toEqual(['api-key-header', 'session-cookie']);
    expect(basket.auth.find((a) => a.kind === 'session-cookie')).toMatchObject({ name: 'token', jwt: { alg: 'RS256' } });
    const login = byKey['POST juiceshop.akto.io /rest/user/login'] as Endpoint;
    expect(login.requestBodies[0]?.schema).toEqual({
      type: 'object',
      properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' } },
      required: ['email', 'password'],
    });
    expect(login.sensitive.map((s) => `${s.direction} ${s.location} ${s.path} ${s.type}`)).toEqual(
      expect.arrayContaining(['request body $.email email', 'request body $.password password']),
    );
    expect(byKey['GET juiceshop.akto.io /rest/products/search']?.parameters.find((p) => p.name === 'q')).toMatchObject({ in: 'query', required: true });
    const stored = JSON.stringify(result.upserts);
    expect(stored).not.toContain('victim123'); // the login password in the HAR
    expect(stored).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.eyJ/); // no JWT
  });

  it('exports a valid OpenAPI 3.1 document of what was learned', async () => {
    const { result } = await learnJuiceShop();
    const doc = exportOpenApi(result.upserts.map((u) => u.endpoint), { title: 'Juice Shop (learned)' });
    const v = await validate(structuredClone(doc) as never);
    expect(v.valid ? [] : v.errors).toEqual([]);
    expect(Object.keys(doc.paths as object)).toContain('/rest/basket/{basketId}');
  });
});
