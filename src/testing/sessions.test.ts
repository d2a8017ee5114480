import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthFile } from './auth-file.js';
import { signHmac } from './jwt.js';
import { NO_CREDENTIALS, createSender } from './send-request.js';
import { createSessions } from './sessions.js';
import { systemClock } from './throttle.js';

let server: http.Server;
let base: string;
let logins = 0;
let nextExp = Math.floor(Date.now() / 1000) + 3600;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/login-json') {
        logins++;
        const ok = JSON.parse(body).password === 'pw-1234';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        return res.end(ok ? JSON.stringify({ data: { token: signHmac({}, { sub: logins, exp: nextExp }, 'k') } }) : '{"error":"no"}');
      }
      if (req.url === '/login-cookie') {
        res.writeHead(204, { 'set-cookie': ['other=1; Path=/', 'session=s3cret-session; HttpOnly'] });
        return res.end();
      }
      if (req.url === '/login-header') {
        res.writeHead(200, { 'x-auth-token': 'hdr-token-1' });
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let skew = 0;
function sessionsFor(yaml: string, env: Record<string, string> = {}) {
  const sender = createSender({ origin: new URL(base), timeoutMs: 2000, bodyLimit: 10_000, clock: systemClock, credentials: async () => NO_CREDENTIALS });
  return { sessions: createSessions(parseAuthFile(yaml, 'auth.yaml', env), (r) => sender.send(r), () => Date.now() + skew), sender };
}

describe('sessions', () => {
  it('logs in with JSON, cookie and header flows and attaches the tokens', async () => {
    const { sessions, sender } = sessionsFor(`identities:
  a: { login: { path: /login-json, json: { user: a, password: "\${PW}" }, token: { json: $.data.token } } }
  b: { login: { path: /login-cookie, token: { cookie: session }, send: { cookie: session } } }
  c: { login: { path: /login-header, token: { header: X-Auth-Token }, send: { header: X-Auth-Token } } }
  d: { query: { api_key: static-key-1 } }
`, { PW: 'pw-1234' });
    await sessions.loginAll();
    const a = await sessions.credentials({ kind: 'identity', identity: 'a' });
    expect(a.headers[0]![0]).toBe('authorization');
    expect(a.headers[0]![1]).toMatch(/^Bearer eyJ/);
    expect(await sessions.credentials({ kind: 'identity', identity: 'b' })).toEqual({ headers: [], query: [], cookies: [['session', 's3cret-session']] });
    expect(await sessions.credentials({ kind: 'identity', identity: 'c' })).toEqual({ headers: [['x-auth-token', 'hdr-token-1']], query: [], cookies: [] });
    expect(await sessions.credentials({ kind: 'identity', identity: 'd' })).toEqual({ headers: [], query: [['api_key', 'static-key-1']], cookies: [] });
    expect(sessions.tokenCarrier('a')).toEqual({ in: 'header', name: 'authorization', prefix: 'Bearer ' });
    const secrets = sessions.secrets();
    expect(secrets.get('pw-1234')).toEqual({ identity: 'a', label: 'password' });
    expect(secrets.get('s3cret-session')).toEqual({ identity: 'b', label: 'token' });
    expect(secrets.get('static-key-1')).toEqual({ identity: 'd', label: 'query-api_key' });
    expect(sessions.loginRequest('a')).toMatchObject({ method: 'POST', path: '/login-json' });
    sender.close();
  });

  it('fails a login with one line naming the identity and why', async () => {
    const { sessions, sender } = sessionsFor('identities:\n  a: { login: { path: /login-json, json: { password: wrong }, token: { json: $.data.token } } }\n');
    await expect(sessions.loginAll()).rejects.toMatchObject({ code: 'E_LOGIN_FAILED', message: 'identity "a": the login request answered 401', location: 'POST /login-json' });
    const missing = sessionsFor('identities:\n  a: { login: { path: /login-json, json: { password: pw-1234 }, token: { json: $.access_token } } }\n');
    await expect(missing.sessions.loginAll()).rejects.toMatchObject({ message: 'identity "a": the login answered 200 but no token was found at $.access_token in the JSON body' });
    sender.close();
    missing.sender.close();
  });

  it('logs in again when the token has expired', async () => {
    nextExp = Math.floor(Date.now() / 1000) - 10;
    const { sessions, sender } = sessionsFor('identities:\n  a: { login: { path: /login-json, json: { password: pw-1234 }, token: { json: $.data.token } } }\n');
    await sessions.loginAll();
    const before = logins;
    nextExp = Math.floor(Date.now() / 1000) + 3600;
    skew = 3000; // a refresh younger than 2 s is reused; move the injected clock past that
    await sessions.credentials({ kind: 'identity', identity: 'a' });
    expect(logins).toBe(before + 1);
    await sessions.credentials({ kind: 'identity', identity: 'a' });
    expect(logins).toBe(before + 1);
    skew = 0;
    sender.close();
  });
});
