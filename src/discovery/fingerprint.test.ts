import { describe, expect, it } from 'vitest';
import type { Header } from '../core/index.js';
import { disclosedVersions, fingerprintResponse, isDebugErrorPage } from './fingerprint.js';

const fp = (headers: Header[], body = '') => fingerprintResponse(headers, body);

describe('fingerprint rules', () => {
  it.each([
    [[['x-kong-proxy-latency', '3']], '', 'gateways', 'Kong'],
    [[['x-amz-apigw-id', 'abc=']], '', 'gateways', 'AWS API Gateway'],
    [[['server', 'envoy']], '', 'gateways', 'Envoy'],
    [[['cf-ray', '8a1b-AMS']], '', 'gateways', 'Cloudflare'],
    [[], '{ "statusCode": 401, "message": "Access denied due to missing subscription key." }', 'gateways', 'Azure API Management'],
    [[['x-powered-by', 'Express']], '', 'frameworks', 'Express'],
    [[], '<pre>Cannot GET /nope</pre>', 'frameworks', 'Express'],
    [[], '<html><body><h1>Whitelabel Error Page</h1>', 'frameworks', 'Spring Boot'],
    [[], '{"timestamp":"2024-01-01T00:00:00.000+00:00","status":404,"error":"Not Found","path":"/x"}', 'frameworks', 'Spring Boot'],
    [[], '{"detail":"Not Found"}', 'frameworks', 'FastAPI'],
    [[], '{"message":"Route GET:/x not found","error":"Not Found","statusCode":404}', 'frameworks', 'Fastify'],
    [[['set-cookie', 'laravel_session=abc; path=/']], '', 'frameworks', 'Laravel'],
    [[['set-cookie', 'JSESSIONID=1; Path=/']], '', 'frameworks', 'Java Servlet'],
    [[], '404 page not found\n', 'frameworks', 'Go net/http'],
    [[], '<hr><center>nginx/1.25.3</center>', 'server', 'nginx'],
  ] as Array<[Header[], string, 'gateways' | 'frameworks' | 'server', string]>)('%j %s -> %s %s', (headers, body, kind, product) => {
    expect(fp(headers, body)[kind]).toContain(product);
  });

  it('does not fire on ordinary answers', () => {
    const r = fp([['content-type', 'text/html'], ['set-cookie', 'session=1']], '<h1>Not found</h1>');
    expect(r).toEqual({ server: [], frameworks: [], gateways: [], auth: [] });
    expect(fp([['x-powered-by', 'Expressive']]).frameworks).toEqual([]);
  });

  it('reads auth challenges and reports the Server header as written', () => {
    expect(fp([['www-authenticate', 'Bearer realm="x"'], ['www-authenticate', 'basic realm="y"'], ['server', 'Apache/2.4.1']])).toMatchObject({ auth: ['Bearer', 'Basic'], server: ['Apache/2.4.1'] });
  });

  it('finds disclosed versions and debug pages', () => {
    expect(disclosedVersions([['server', 'nginx/1.18.0'], ['x-powered-by', 'PHP/8.1.2']])).toEqual(['server: nginx/1.18.0', 'x-powered-by: PHP/8.1.2']);
    expect(disclosedVersions([['server', 'nginx'], ['x-powered-by', 'Express']])).toEqual([]);
    expect(isDebugErrorPage('Traceback (most recent call last):\n  File "app.py"')).toBe(true);
    expect(isDebugErrorPage('Error: boom\n    at handler (/srv/app/index.js:12:5)')).toBe(true);
    expect(isDebugErrorPage('java.lang.NullPointerException\n\tat com.acme.Orders.get(Orders.java:42)')).toBe(true);
    expect(isDebugErrorPage('<h1>Something went wrong</h1>')).toBe(false);
  });

  it('stays linear on adversarial bodies', () => {
    const body = `{"timestamp":${'x'.repeat(60_000)}`;
    const started = performance.now();
    fp([], body);
    isDebugErrorPage(`at ${'a'.repeat(60_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
