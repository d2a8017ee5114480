/**
 * Scripted traffic for the behaviour detectors' unit tests: exchanges from a browser, a mobile app or a script,
 * with a client IP, a time, an optional bearer JWT and JSON bodies; and a runner that feeds them to a detector
 * and collects the detections. Every scenario is written out in the test, so what fires is explainable.
 */
import type { Detection, Exchange, Header } from '../../src/core/index.js';
import { createDetector, type Detector, type DetectorOptions, type ExchangeVerdict } from '../../src/detect/index.js';

export const T0 = Date.UTC(2024, 4, 1, 8, 0, 0);
export const HOST = 'shop.test';

export type Client = 'chrome' | 'firefox' | 'app' | 'python' | 'headless';

const UA: Readonly<Record<Client, string>> = {
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  app: 'ShopApp/5.2.1 (Android 14; Pixel 8) okhttp/4.12.0',
  python: 'python-requests/2.31.0',
  headless: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
};

export interface Req {
  readonly time: number;
  readonly ip: string;
  readonly method?: string;
  readonly path: string;
  readonly status: number;
  readonly client?: Client;
  /** Request JSON body. */
  readonly body?: unknown;
  /** Response JSON body. */
  readonly response?: unknown;
  /** JWT subject: sends `Authorization: Bearer <jwt with this sub>`. */
  readonly sub?: string;
  readonly apiKey?: string;
  readonly extraHeaders?: readonly Header[];
}

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

/** An unsigned JWT with a subject (detection decodes, never verifies). */
export function jwtFor(sub: string): string {
  return `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub, iat: 1714550400 }))}.${b64url(`sig-${sub}`)}`;
}

function headersOf(r: Req): Header[] {
  const c = r.client ?? 'chrome';
  const h: Array<[string, string]> = [['host', HOST]];
  const json = r.body !== undefined;
  if (c === 'chrome' || c === 'headless') {
    h.push(['connection', 'keep-alive'], ['sec-ch-ua', '"Chromium";v="124"'], ['accept', 'application/json, text/plain, */*']);
    if (json) h.push(['content-type', 'application/json']);
    if (r.sub) h.push(['authorization', `Bearer ${jwtFor(r.sub)}`]);
    h.push(['user-agent', UA[c]], ['sec-fetch-site', 'same-origin'], ['sec-fetch-mode', 'cors'], ['sec-fetch-dest', 'empty']);
    h.push(['referer', `https://${HOST}/`], ['accept-encoding', 'gzip, deflate, br'], ['accept-language', 'en-GB,en;q=0.9']);
  } else if (c === 'firefox') {
    h.push(['user-agent', UA[c]], ['accept', 'application/json'], ['accept-language', 'en-US,en;q=0.5'], ['accept-encoding', 'gzip, deflate, br']);
    if (json) h.push(['content-type', 'application/json']);
    if (r.sub) h.push(['authorization', `Bearer ${jwtFor(r.sub)}`]);
    h.push(['connection', 'keep-alive'], ['sec-fetch-dest', 'empty'], ['sec-fetch-mode', 'cors'], ['sec-fetch-site', 'same-origin']);
  } else if (c === 'app') {
    if (r.sub) h.push(['authorization', `Bearer ${jwtFor(r.sub)}`]);
    if (json) h.push(['content-type', 'application/json']);
    h.push(['accept-encoding', 'gzip'], ['user-agent', UA[c]], ['x-app-version', '5.2.1']);
  } else {
    h.push(['user-agent', UA[c]], ['accept-encoding', 'gzip, deflate'], ['accept', '*/*'], ['connection', 'keep-alive']);
    if (r.sub) h.push(['authorization', `Bearer ${jwtFor(r.sub)}`]);
    if (json) h.push(['content-type', 'application/json']);
  }
  if (r.apiKey) h.push(['x-api-key', r.apiKey]);
  for (const x of r.extraHeaders ?? []) h.push([x[0], x[1]]);
  return h;
}

/** One exchange of the shop test API. */
export function req(r: Req): Exchange {
  const body = r.body === undefined ? undefined : JSON.stringify(r.body);
  const res = r.response === undefined ? undefined : JSON.stringify(r.response);
  return {
    time: r.time,
    client: { ip: r.ip },
    request: {
      method: r.method ?? (r.body === undefined ? 'GET' : 'POST'),
      scheme: 'https',
      host: HOST,
      target: r.path,
      headers: headersOf(r),
      ...(body === undefined ? {} : { body: { text: body, size: body.length, truncated: false } }),
      httpVersion: 'HTTP/1.1',
    },
    response: {
      status: r.status,
      headers: res === undefined ? [] : [['content-type', 'application/json']],
      ...(res === undefined ? {} : { body: { text: res, size: res.length, truncated: false } }),
    },
    source: { kind: 'test' },
  };
}

export interface RunResult {
  readonly detector: Detector;
  readonly verdicts: ExchangeVerdict[];
  /** Every detection, including those decided by timers at the end. */
  readonly detections: Detection[];
}

/** Feeds exchanges (sorted by time) to a behaviour-only detector and finishes it. */
export function run(exchanges: readonly Exchange[], options: DetectorOptions = {}): RunResult {
  const detector = createDetector({ signatures: false, secretKey: 'test-key', ...options });
  const sorted = [...exchanges].sort((a, b) => a.time - b.time);
  const verdicts = sorted.map((e) => detector.analyze(e));
  const detections = [...detector.flush(), ...detector.finish()];
  return { detector, verdicts, detections };
}

/** The detections of one class. */
export function ofClass(ds: readonly Detection[], cls: string): Detection[] {
  return ds.filter((d) => d.class === cls);
}

/** `n` IPv4 addresses in a /16 (distinct /24s every 256). */
export function ipOf(n: number, base = 198): string {
  return `${base}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
