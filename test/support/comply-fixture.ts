/**
 * A small API and its traffic for `rampart comply` tests: an OpenAPI 3.0 spec (users, cards, search, login)
 * and a HAR whose exchanges each break one rule (plus clean ones). Written into a folder by the test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const COMPLY_SPEC = `openapi: 3.0.3
info:
  title: Card Shop API
  version: 1.2.0
servers:
  - url: https://api.example.com/v1
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    User:
      type: object
      properties:
        id: { type: integer }
        name: { type: string }
        email: { type: string, format: email }
security:
  - bearer: []
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      responses:
        '200':
          description: the user
          content:
            application/json:
              schema: { $ref: '#/components/schemas/User' }
        '404': { description: not found }
  /cards/{id}:
    get:
      operationId: getCard
      security: []
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      responses:
        '200':
          description: a card (masked)
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: { type: integer }
                  last4: { type: string }
  /search:
    get:
      operationId: search
      parameters:
        - { name: q, in: query, schema: { type: string, maxLength: 100 } }
      responses:
        '200':
          description: results
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/User' } }
  /login:
    post:
      operationId: login
      security: []
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                username: { type: string }
                password: { type: string }
      responses:
        '200':
          description: a session token
          content:
            application/json:
              schema:
                type: object
                properties:
                  token: { type: string }
`;

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An unsigned demo JWT whose claims carry a password hash and an email (what Juice Shop does). */
export const LEAKY_JWT = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1', data: { email: 'ann@example.com', password: '0192023a7bbd73250516f069df18b500' } })}.c2lnbmF0dXJl`;

interface Entry {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
  response?: unknown;
  responseText?: string;
}

const ENTRIES: Entry[] = [
  // excessive data exposure: passwordHash outside the User schema
  { method: 'GET', url: 'https://api.example.com/v1/users/1', headers: { authorization: 'Bearer abc.def' }, status: 200, response: { id: 1, name: 'Ann', email: 'ann@example.com', passwordHash: '$2b$10$abcdefghijklmnopqrstuv' } },
  // same again: aggregated (count 2)
  { method: 'GET', url: 'https://api.example.com/v1/users/4', headers: { authorization: 'Bearer abc.def' }, status: 200, response: { id: 4, name: 'Dee', email: 'dee@example.com', passwordHash: '$2b$10$zyxwvutsrqponmlkjihgfe' } },
  // request type violation + undocumented 500
  { method: 'GET', url: 'https://api.example.com/v1/users/abc', headers: { authorization: 'Bearer abc.def' }, status: 500, responseText: 'internal error' },
  // response type violation + an AWS key returned
  { method: 'GET', url: 'https://api.example.com/v1/users/3', headers: { authorization: 'Bearer abc.def' }, status: 200, response: { id: 'three', name: 'Cy', email: 'cy@example.com' } },
  // unmasked PAN, no authentication, number outside the schema
  { method: 'GET', url: 'https://api.example.com/v1/cards/7', status: 200, response: { id: 7, number: '4111111111111111', last4: '1111' } },
  // PII in the query + an undocumented parameter
  { method: 'GET', url: 'https://api.example.com/v1/search?q=ann%40example.com&debug=1', headers: { authorization: 'Bearer abc.def' }, status: 200, response: [] },
  // undocumented operation, PAN in the URL, over plain http
  { method: 'GET', url: 'http://api.example.com/v1/pay?card=4111111111111111&amount=10', status: 200, response: { ok: true } },
  // login: a JWT with sensitive claims
  { method: 'POST', url: 'https://api.example.com/v1/login', headers: { 'content-type': 'application/json' }, body: { username: 'ann', password: 'hunter2hunter2' }, status: 200, response: { token: LEAKY_JWT } },
  // a secret in a response
  { method: 'GET', url: 'https://api.example.com/v1/users/2', headers: { authorization: 'Bearer abc.def' }, status: 200, response: { id: 2, name: 'Bo', email: 'bo@example.com', awsKey: 'AKIAZ7Q3K5MPLX2R4TW9' } },
  // clean: documented, valid, masked
  { method: 'GET', url: 'https://api.example.com/v1/users/5', headers: { authorization: 'Bearer abc.def' }, status: 404 },
];

function harEntry(e: Entry): object {
  const u = new URL(e.url);
  const text = e.responseText ?? (e.response === undefined ? '' : JSON.stringify(e.response));
  return {
    startedDateTime: '2026-01-15T10:00:00.000Z',
    time: 12,
    request: {
      method: e.method,
      url: e.url,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Host', value: u.host }, ...Object.entries(e.headers ?? {}).map(([name, value]) => ({ name, value }))],
      queryString: [...u.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: e.body === undefined ? 0 : JSON.stringify(e.body).length,
      ...(e.body === undefined ? {} : { postData: { mimeType: 'application/json', text: JSON.stringify(e.body) } }),
    },
    response: {
      status: e.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: text ? [{ name: 'Content-Type', value: e.responseText ? 'text/plain' : 'application/json' }] : [],
      cookies: [],
      content: { size: text.length, mimeType: e.responseText ? 'text/plain' : 'application/json', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  };
}

export const COMPLY_HAR = JSON.stringify({ log: { version: '1.2', creator: { name: 'rampart-test', version: '1' }, entries: ENTRIES.map(harEntry) } }, null, 1);

/** Writes `spec.yaml` and `traffic.har` into `dir`. */
export function writeComplyFixture(dir: string): void {
  writeFileSync(join(dir, 'spec.yaml'), COMPLY_SPEC);
  writeFileSync(join(dir, 'traffic.har'), COMPLY_HAR);
}
