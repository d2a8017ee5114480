import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../spec/index.js';
import { makeExchange } from '../../../test/support/exchanges.js';
import { COMPLY_SPEC, LEAKY_JWT } from '../../../test/support/comply-fixture.js';
import { extraResponseFields } from '../../spec/index.js';
import { createExchangeObserver } from './observe-exchange.js';

const description = parseSpecText(COMPLY_SPEC, 'spec.yaml').description;
const observe = createExchangeObserver(description);

describe('createExchangeObserver', () => {
  it('routes to the spec operation (with the server base path) and validates the response', () => {
    const obs = observe(makeExchange('GET', 'https://api.example.com/v1/users/3', { headers: [['authorization', 'Bearer x.y']], status: 200, responseJson: { id: 'three', name: 'C' } }));
    expect(obs.endpoint).toBe('GET /v1/users/{id}');
    expect(obs.operation?.operationId).toBe('getUser');
    expect(obs.operationPath).toEqual(['paths', '/users/{id}', 'get']);
    expect(obs.responseIssues.map((i) => [i.location, i.pointer, i.keyword])).toEqual([['body', '/id', 'type']]);
    expect(obs.authenticated).toBe(true);
  });

  it('templates undocumented calls and masks sensitive values in the URL', () => {
    const obs = observe(makeExchange('GET', 'http://api.example.com/v1/pay?card=4111111111111111', { status: 200, responseJson: { ok: true } }));
    expect(obs.operation).toBeUndefined();
    expect(obs.endpoint).toBe('GET /v1/pay');
    expect(obs.sensitive).toEqual([{ type: 'payment-card', direction: 'request', location: 'query', name: 'card', evidence: '************1111' }]);
    expect(obs.target).toBe('/v1/pay?card=************1111');
    expect(obs.authenticated).toBe(false);
  });

  it('a login sending a password counts as authenticating; its JWT is judged by its claims', () => {
    const obs = observe(makeExchange('POST', 'https://api.example.com/v1/login', { requestJson: { username: 'ann', password: 'hunter2hunter2' }, status: 200, responseJson: { token: LEAKY_JWT } }));
    expect(obs.authenticated).toBe(true);
    expect(obs.tokenClaims).toEqual(['data.email', 'data.password']);
    expect(obs.sensitive.filter((s) => s.direction === 'response').map((s) => [s.type, s.name, s.evidence])).toEqual([['jwt', '$.token', '[REDACTED]']]);
  });

  it('lists response fields outside the documented schema, generalising array items', () => {
    const obs = observe(makeExchange('GET', 'https://api.example.com/v1/search?q=x', { headers: [['authorization', 'Bearer x.y']], status: 200, responseJson: [{ id: 1, name: 'a', ssn: '078-05-1120' }, { id: 2, secret: 's' }] }));
    expect(obs.extraResponseFields).toEqual(['$[0].ssn', '$[1].secret']);
    expect(obs.requestIssues).toEqual([]);
  });
});

describe('extraResponseFields', () => {
  it('follows $refs kept for recursion, merges allOf and unites oneOf alternatives', () => {
    const schemas = { '#/components/schemas/Node': { type: 'object', properties: { id: {}, child: { $ref: '#/components/schemas/Node' } } } };
    expect(extraResponseFields({ id: 1, child: { id: 2, child: { id: 3, x: 1 } } }, { $ref: '#/components/schemas/Node' }, schemas)).toEqual(['$.child.child.x']);
    const schema = { allOf: [{ properties: { a: {} } }], oneOf: [{ properties: { b: {} } }, { properties: { c: {} } }] };
    expect(extraResponseFields({ a: 1, b: 2, c: 3, d: 4 }, schema)).toEqual(['$.d']);
    // free-form maps and open additionalProperties are not judged
    expect(extraResponseFields({ any: 1 }, { type: 'object' })).toEqual([]);
    expect(extraResponseFields({ a: 1, z: 2 }, { properties: { a: {} }, additionalProperties: { type: 'integer' } })).toEqual([]);
  });
});
