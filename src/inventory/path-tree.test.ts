import { describe, expect, it } from 'vitest';
import { makeExchange } from '../../test/support/exchanges.js';
import { createInventoryLearner, type InventoryLearnerOptions, type LearnResult } from './inventory-learner.js';
import { isReservedSegment, valueWordClass } from './path-tree.js';

const HOST = 'https://api.example.com';

function learn(requests: ReadonlyArray<readonly [string, string] | readonly [string, string, number]>, options: InventoryLearnerOptions = {}): { keys: string[]; result: LearnResult } {
  const learner = createInventoryLearner(options);
  for (const [method, path, times] of requests) for (let i = 0; i < (times ?? 1); i++) learner.add(makeExchange(method, `${HOST}${path}`));
  const result = learner.finish();
  return { keys: result.upserts.map((u) => u.endpoint.key.replace('api.example.com ', '')), result };
}

const OWNERS = ['octocat', 'torvalds', 'gaearon', 'sindresorhus', 'addyosmani', 'kentcdodds', 'tj', 'yyx'];
const REPOS = ['hello-world', 'linux', 'react', 'got', 'express', 'spoon-knife', 'vue', 'downshift'];
const SLUGS = ['blue-shirt', 'red-hat', 'green-scarf', 'yellow-socks', 'black-jeans', 'white-tee', 'grey-hoodie', 'pink-dress'];

describe('structural learning of word-like parameters', () => {
  it('learns /repos/{owner}/{repo} level after level, with the same continuation', () => {
    const reqs: Array<[string, string]> = [];
    OWNERS.forEach((o, i) => {
      reqs.push(['GET', `/repos/${o}/${REPOS[i]}`]);
      reqs.push(['GET', `/repos/${OWNERS[(i + 3) % 8]}/${REPOS[i]}/issues`]);
    });
    expect(learn(reqs).keys).toEqual(['GET /repos/{repo}/{name}', 'GET /repos/{repo}/{name}/issues']);
  });

  it('learns /products/{product} from many distinct slugs', () => {
    expect(learn(SLUGS.map((s) => ['GET', `/products/${s}`] as const)).keys).toEqual(['GET /products/{product}']);
  });

  it('keeps static siblings: reserved words, and literals hit far more than the values', () => {
    const reqs: Array<readonly [string, string, number]> = [
      ['GET', '/users/me', 10],
      ['GET', '/users/search', 1],
      ['GET', '/users/dashboard', 12],
      ...SLUGS.map((s) => ['GET', `/users/${s}`, 1] as const),
    ];
    expect(learn(reqs).keys).toEqual(['GET /users/dashboard', 'GET /users/me', 'GET /users/search', 'GET /users/{user}']);
  });

  it('keeps a sibling with a structure of its own', () => {
    const reqs: Array<[string, string]> = [
      ['GET', '/things/special/config'],
      ['GET', '/things/special/limits'],
      ...SLUGS.map((s) => ['GET', `/things/${s}`] as [string, string]),
    ];
    expect(learn(reqs).keys).toEqual(['GET /things/special/config', 'GET /things/special/limits', 'GET /things/{thing}']);
  });

  it('does not merge a few words, nor collections that are each hit like an endpoint', () => {
    expect(learn(SLUGS.slice(0, 3).map((s) => ['GET', `/products/${s}`] as const)).keys).toHaveLength(3);
    const collections = ['users', 'orders', 'invoices', 'carts', 'wishlists', 'coupons', 'shipments', 'refunds'];
    const reqs: Array<readonly [string, string, number]> = [];
    for (const c of collections) {
      reqs.push(['GET', `/api/${c}`, 10]);
      reqs.push(['POST', `/api/${c}`, 10]);
      for (let i = 1; i <= 10; i++) reqs.push(['GET', `/api/${c}/${i * 7}`, 1]);
    }
    const { keys } = learn(reqs);
    expect(keys).toHaveLength(collections.length * 3);
    expect(keys).toContain('GET /api/orders/{orderId}');
    expect(keys.some((k) => k.includes('/api/{'))).toBe(false);
  });

  it('tells collections from values by what they return', () => {
    const learner = createInventoryLearner();
    const bodies: Record<string, unknown> = {
      Challenges: { status: 'success', data: [{ id: 1, key: 'k', name: 'n', category: 'c', difficulty: 1, solved: false }] },
      Quantitys: { status: 'success', data: [{ id: 1, ProductId: 2, quantity: 3, limitPerUser: null }] },
      Feedbacks: { status: 'success', data: [{ id: 1, comment: 'c', rating: 5, UserId: 2 }] },
      Cards: { status: 'success', data: [{ id: 1, fullName: 'x', cardNum: 'y', expMonth: 1, expYear: 2 }] },
      Addresss: { status: 'success', data: [{ id: 1, fullName: 'x', streetAddress: 'y', city: 'z', country: 'c' }] },
      Deliverys: { status: 'success', data: [{ id: 1, name: 'n', price: 1.5, deluxePrice: 2, eta: 3 }] },
    };
    for (const [name, body] of Object.entries(bodies)) learner.add(makeExchange('GET', `${HOST}/api/${name}`, { responseJson: body }));
    const keys = learner.finish().upserts.map((u) => u.endpoint.path);
    expect(keys).toEqual(['/api/Addresss', '/api/Cards', '/api/Challenges', '/api/Deliverys', '/api/Feedbacks', '/api/Quantitys']);
  });

  it('merges file names that share an extension into {name}.ext, and custom methods into {name}:verb', () => {
    expect(learn(SLUGS.map((s) => ['GET', `/files/${s}.pdf`] as const)).keys).toEqual(['GET /files/{file}.pdf']);
    expect(learn(SLUGS.map((s) => ['POST', `/v1/jobs/${s}:cancel`] as const)).keys).toEqual(['POST /v1/jobs/{job}:cancel']);
  });

  it('takes format names and language codes side by side as values', () => {
    const reqs: Array<[string, string]> = [];
    for (const f of ['json', 'xml']) for (const e of ['Areas', 'Teams', 'Players']) reqs.push(['GET', `/v3/scores/${f}/${e}`]);
    expect(learn(reqs).keys).toEqual(['GET /v3/scores/{score}/Areas', 'GET /v3/scores/{score}/Players', 'GET /v3/scores/{score}/Teams']);
    expect(learn([['GET', '/docs/en/intro'], ['GET', '/docs/de/intro'], ['GET', '/docs/fr/intro']]).keys).toEqual(['GET /docs/{doc}/intro']);
    expect(learn([['GET', '/export/json']]).keys).toEqual(['GET /export/json']);
  });

  it('reads a date or release that never changes as an API version', () => {
    const reqs: Array<readonly [string, string, number]> = [
      ['GET', '/api/2015-11-01/reports', 12],
      ['POST', '/api/2015-11-01/users', 12],
    ];
    expect(learn(reqs).keys).toEqual(['GET /api/2015-11-01/reports', 'POST /api/2015-11-01/users']);
    const varying = ['2024-01-01', '2024-01-02', '2024-01-03'].map((d) => ['GET', `/reports/${d}`, 10] as const);
    expect(learn(varying).keys).toEqual(['GET /reports/{date}']);
  });

  it('keeps the same template on two hosts as two endpoints', () => {
    const learner = createInventoryLearner();
    learner.add(makeExchange('GET', 'https://a.example.com/users/1'));
    learner.add(makeExchange('GET', 'https://b.example.com/users/2'));
    expect(learner.finish().upserts.map((u) => u.endpoint.key)).toEqual(['GET a.example.com /users/{userId}', 'GET b.example.com /users/{userId}']);
  });

  it('merges literal endpoints stored by an earlier import when a later import reveals the parameter', () => {
    const first = createInventoryLearner();
    for (const s of SLUGS.slice(0, 3)) first.add(makeExchange('GET', `${HOST}/products/${s}`));
    const r1 = first.finish();
    expect(r1.upserts.map((u) => u.endpoint.path)).toEqual(['/products/blue-shirt', '/products/green-scarf', '/products/red-hat']);
    const stored = JSON.parse(JSON.stringify(r1.upserts));
    const second = createInventoryLearner({ existing: stored });
    for (const s of SLUGS.slice(3)) second.add(makeExchange('GET', `${HOST}/products/${s}`));
    const r2 = second.finish();
    expect(r2.upserts.map((u) => u.endpoint.key)).toEqual(['GET api.example.com /products/{product}']);
    expect(r2.upserts[0]?.endpoint.hits).toBe(8);
    expect(r2.deletes).toEqual(r1.upserts.map((u) => u.endpoint.key).sort());
    expect(r2.stats.endpoints).toMatchObject({ new: 1, deleted: 3, total: 1 });
  });

  it('stays bounded: a node with too many literal children is decided at once, and endpoints are capped', () => {
    const learner = createInventoryLearner({ tree: { maxLiteralChildren: 64, maxEndpoints: 100 } });
    for (let i = 0; i < 3000; i++) learner.add(makeExchange('GET', `${HOST}/tags/${SLUGS[i % 8]}-${OWNERS[(i >> 3) % 8]}-${REPOS[(i >> 6) % 8]}x${'abcdefghij'.charAt((i >> 9) % 10)}`));
    for (let i = 0; i < 200; i++) learner.add(makeExchange('GET', `${HOST}/static${'abcdefghijklmnopqrstuvwxyz'.charAt(i % 26)}${'abcdefgh'.charAt(i >> 5)}/x`));
    const r = learner.finish();
    expect(r.upserts.length).toBeLessThanOrEqual(100);
    expect(r.upserts.find((u) => u.endpoint.path === '/tags/{tag}')?.endpoint.hits).toBeGreaterThan(2900);
    expect(r.stats.skipped.overflow + r.upserts.reduce((n, u) => n + u.endpoint.hits, 0)).toBe(3200);
  });

  it('lists reserved words and value word classes as data', () => {
    expect(['me', 'search', 'v2', 'latest', 'Self'].every(isReservedSegment)).toBe(true);
    expect(['octocat', 'blue-shirt'].some(isReservedSegment)).toBe(false);
    expect([valueWordClass('json'), valueWordClass('en'), valueWordClass('en-US'), valueWordClass('users')]).toEqual(['format', 'language', 'language', undefined]);
  });
});
