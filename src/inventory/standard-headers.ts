/**
 * Request headers that belong to HTTP, browsers, proxies and tracing rather than to an API: they are not
 * recorded as API parameters. Credentials (Authorization, Cookie, API-key headers) are not parameters either:
 * they are recorded as auth (see `detect-auth.ts`), cookies as cookie parameters.
 * The list is documented in docs/inventory.md ("Standard headers").
 */

/** Exact names (lower-case). */
export const STANDARD_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  // RFC 9110 / 9111 / 9112 and friends
  'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'accept-datetime', 'authorization', 'proxy-authorization',
  'cache-control', 'connection', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5',
  'content-type', 'cookie', 'date', 'expect', 'forwarded', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match',
  'if-range', 'if-unmodified-since', 'keep-alive', 'max-forwards', 'origin', 'pragma', 'prefer', 'priority', 'range', 'referer',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'via', 'warning', 'early-data', 'http2-settings',
  // browsers
  'dnt', 'upgrade-insecure-requests', 'purpose', 'save-data', 'device-memory', 'downlink', 'dpr', 'ect', 'rtt', 'viewport-width',
  'width', 'x-requested-with', 'access-control-request-method', 'access-control-request-headers', 'access-control-request-private-network',
  // websockets
  'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol',
  // proxies, load balancers, CDNs
  'x-real-ip', 'x-client-ip', 'true-client-ip', 'x-cluster-client-ip', 'x-original-forwarded-for', 'x-original-url', 'x-original-host',
  'x-forwarded', 'x-envoy-original-path', 'x-request-start', 'x-amzn-trace-id', 'x-cache', 'cdn-loop', 'x-scheme', 'x-url-scheme',
  'x-https', 'front-end-https', 'x-arr-ssl', 'x-arr-log-id', 'x-appengine-country', 'x-vercel-id', 'fly-request-id', 'x-att-deviceid',
  // tracing (W3C, B3, vendors)
  'traceparent', 'tracestate', 'baggage', 'b3', 'x-request-id', 'x-correlation-id', 'x-trace-id', 'x-span-id', 'request-id',
  'x-cloud-trace-context', 'x-datadog-trace-id', 'x-datadog-parent-id', 'x-datadog-sampling-priority', 'x-datadog-origin', 'sentry-trace',
  'newrelic', 'uber-trace-id', 'x-ot-span-context', 'elastic-apm-traceparent',
]);

/** Name prefixes of the same families. */
const STANDARD_PREFIXES = [':', 'sec-', 'x-forwarded-', 'x-b3-', 'x-envoy-', 'x-amz-cf-', 'cf-', 'x-vercel-', 'x-azure-', 'x-ms-request', 'fastly-', 'akamai-', 'x-akamai-', 'x-real-'];

/** True when a request header is standard (not an API parameter). */
export function isStandardHeader(name: string): boolean {
  if (STANDARD_REQUEST_HEADERS.has(name)) return true;
  for (const p of STANDARD_PREFIXES) if (name.startsWith(p)) return true;
  return false;
}
