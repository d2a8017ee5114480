/**
 * Server, framework and gateway fingerprints from response headers and error pages, as data: each rule names a
 * product and what gives it away. Plus the auth schemes a response challenges with, and the leaks worth a
 * finding (versions in headers, debug error pages). Pure; every rule has vectors in fingerprint.test.ts.
 */
import { headerValue, headerValues, type Header } from '../core/index.js';
import type { Fingerprint } from './types.js';

export interface FingerprintRule {
  readonly product: string;
  readonly kind: 'server' | 'framework' | 'gateway';
  /** Header name (lower-case) that must be present, and optionally its value pattern. */
  readonly header?: string;
  readonly value?: RegExp;
  /** Pattern on the response body (error pages); checked on at most the first 64 KiB. */
  readonly body?: RegExp;
  /** Cookie name set by `set-cookie`. */
  readonly cookie?: string;
}

/** All patterns are linear: no nested or adjacent overlapping quantifiers. */
export const FINGERPRINT_RULES: readonly FingerprintRule[] = [
  // gateways and edges
  { product: 'Kong', kind: 'gateway', header: 'x-kong-proxy-latency' },
  { product: 'Kong', kind: 'gateway', header: 'x-kong-upstream-latency' },
  { product: 'Kong', kind: 'gateway', header: 'via', value: /\bkong\//i },
  { product: 'AWS API Gateway', kind: 'gateway', header: 'x-amz-apigw-id' },
  { product: 'AWS API Gateway', kind: 'gateway', header: 'apigw-requestid' },
  { product: 'Azure API Management', kind: 'gateway', body: /missing subscription key|Ocp-Apim-Subscription-Key/ },
  { product: 'Apigee', kind: 'gateway', body: /"faultstring"\s*:/ },
  { product: 'Tyk', kind: 'gateway', header: 'x-tyk-api-expires' },
  { product: 'Tyk', kind: 'gateway', body: /^\{\s*"error"\s*:\s*"Authorization field missing"/ },
  { product: 'Gravitee', kind: 'gateway', header: 'x-gravitee-transaction-id' },
  { product: 'Apache APISIX', kind: 'gateway', header: 'server', value: /^apisix/i },
  { product: 'Envoy', kind: 'gateway', header: 'x-envoy-upstream-service-time' },
  { product: 'Envoy', kind: 'gateway', header: 'server', value: /^envoy$/i },
  { product: 'Istio', kind: 'gateway', header: 'server', value: /^istio-envoy$/i },
  { product: 'Traefik', kind: 'gateway', header: 'server', value: /^traefik/i },
  { product: 'Cloudflare', kind: 'gateway', header: 'cf-ray' },
  { product: 'Amazon CloudFront', kind: 'gateway', header: 'x-amz-cf-id' },
  { product: 'Fastly', kind: 'gateway', header: 'x-served-by', value: /^cache-/i },
  { product: 'Akamai', kind: 'gateway', header: 'server', value: /^AkamaiGHost/i },
  { product: 'AWS Elastic Load Balancing', kind: 'gateway', header: 'server', value: /^awselb/i },
  // frameworks
  { product: 'Express', kind: 'framework', header: 'x-powered-by', value: /^Express$/i },
  { product: 'Express', kind: 'framework', body: /<pre>Cannot (?:GET|POST|HEAD) \// },
  { product: 'Fastify', kind: 'framework', body: /"message"\s*:\s*"Route [A-Z]{3,7}:\/[^"]{0,200}not found"/ },
  { product: 'Spring Boot', kind: 'framework', body: /Whitelabel Error Page/ },
  { product: 'Spring Boot', kind: 'framework', body: /^\{\s*"timestamp"\s*:[^,]{1,40},\s*"status"\s*:\s*\d{3},\s*"error"\s*:/ },
  { product: 'FastAPI', kind: 'framework', body: /^\{\s*"detail"\s*:\s*"Not Found"\s*\}$/ },
  { product: 'Django', kind: 'framework', cookie: 'csrftoken' },
  { product: 'Django', kind: 'framework', body: /You're seeing this error because you have <code>DEBUG = True<\/code>/ },
  { product: 'Flask', kind: 'framework', body: /Werkzeug Debugger|The debugger caught an exception in your WSGI application/ },
  { product: 'Laravel', kind: 'framework', cookie: 'laravel_session' },
  { product: 'PHP', kind: 'framework', header: 'x-powered-by', value: /^PHP/i },
  { product: 'PHP', kind: 'framework', cookie: 'PHPSESSID' },
  { product: 'ASP.NET', kind: 'framework', header: 'x-aspnet-version' },
  { product: 'ASP.NET', kind: 'framework', header: 'x-powered-by', value: /^ASP\.NET/i },
  { product: 'ASP.NET', kind: 'framework', cookie: 'ASP.NET_SessionId' },
  { product: 'Java Servlet', kind: 'framework', cookie: 'JSESSIONID' },
  { product: 'Ruby on Rails', kind: 'framework', header: 'x-runtime', value: /^\d+\.\d+$/ },
  { product: 'Next.js', kind: 'framework', header: 'x-powered-by', value: /^Next\.js/i },
  { product: 'Go net/http', kind: 'framework', body: /^404 page not found\n?$/ },
  // servers (the Server header itself is reported as written; these catch default error pages)
  { product: 'nginx', kind: 'server', body: /<center>nginx(?:\/[\d.]{1,20})?<\/center>/ },
  { product: 'Apache httpd', kind: 'server', body: /<address>Apache(?:\/[\d.]{1,20})? / },
  { product: 'Microsoft IIS', kind: 'server', body: /<title>IIS \d{1,2}\.\d /i },
];

const DEBUG_PAGE: readonly RegExp[] = [
  /Traceback \(most recent call last\)/,
  /You're seeing this error because you have <code>DEBUG = True/,
  /Werkzeug Debugger/,
  /\bat [\w$.<>]{1,200} \((?:\/|[A-Z]:\\)[^()\n]{1,300}\.[cm]?[jt]s:\d{1,7}:\d{1,7}\)/,
  /\n\s{0,8}at (?:java|javax|org\.springframework|com\.[a-z]{1,40})\.[\w$.]{1,300}\(/,
  /<b>(?:Fatal error|Warning|Parse error)<\/b>:.{0,300} on line <b>\d{1,7}<\/b>/,
  /Server Error in '\/' Application|ASP\.NET is configured to show verbose error messages/,
  /An exception occurred while processing your request|Microsoft\.AspNetCore\.Diagnostics/,
  /Whoops, looks like something went wrong|Symfony\\Component\\ErrorHandler/,
];

const VERSION = /\d{1,4}\.\d{1,4}/;
const BODY_LIMIT = 64 * 1024;

function cookieNames(headers: readonly Header[]): Set<string> {
  const out = new Set<string>();
  for (const v of headerValues(headers, 'set-cookie')) {
    const eq = v.indexOf('=');
    if (eq > 0) out.add(v.slice(0, eq).trim());
  }
  return out;
}

/** What headers and (error-page) body give away. */
export function fingerprintResponse(headers: readonly Header[], body: string): Fingerprint {
  const server = new Set<string>();
  const frameworks = new Set<string>();
  const gateways = new Set<string>();
  const auth = new Set<string>();
  const serverHeader = headerValue(headers, 'server');
  if (serverHeader) server.add(serverHeader.slice(0, 100));
  const cookies = cookieNames(headers);
  const text = body.length > BODY_LIMIT ? body.slice(0, BODY_LIMIT) : body;
  for (const r of FINGERPRINT_RULES) {
    let hit = false;
    if (r.header) {
      const v = headerValue(headers, r.header);
      hit = v !== undefined && (!r.value || r.value.test(v));
    } else if (r.cookie) hit = cookies.has(r.cookie);
    else if (r.body) hit = r.body.test(text);
    if (!hit) continue;
    (r.kind === 'server' ? server : r.kind === 'framework' ? frameworks : gateways).add(r.product);
  }
  for (const challenge of headerValues(headers, 'www-authenticate')) {
    const scheme = /^\s*([A-Za-z][\w-]{0,30})/.exec(challenge)?.[1];
    if (scheme) auth.add(scheme[0]?.toUpperCase() + scheme.slice(1).toLowerCase());
  }
  return { server: [...server], frameworks: [...frameworks], gateways: [...gateways], auth: [...auth] };
}

/** Header values that disclose software versions (`Server: nginx/1.18.0`, `X-Powered-By: PHP/8.1.2`). */
export function disclosedVersions(headers: readonly Header[]): string[] {
  const out: string[] = [];
  for (const name of ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator']) {
    const v = headerValue(headers, name);
    if (v && VERSION.test(v)) out.push(`${name}: ${v.slice(0, 100)}`);
  }
  return out;
}

/** True when the body is a debug error page or carries a stack trace. */
export function isDebugErrorPage(body: string): boolean {
  const text = body.length > BODY_LIMIT ? body.slice(0, BODY_LIMIT) : body;
  return DEBUG_PAGE.some((p) => p.test(text));
}

/** Unites fingerprints, keeping first-seen order. */
export function mergeFingerprints(parts: ReadonlyArray<Partial<Fingerprint> | undefined>): Fingerprint {
  const pick = (k: keyof Fingerprint): string[] => [...new Set(parts.flatMap((p) => p?.[k] ?? []))];
  return { server: pick('server'), frameworks: pick('frameworks'), gateways: pick('gateways'), auth: pick('auth') };
}
