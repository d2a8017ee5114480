/**
 * The flaws the vulnerable demo shop plants, each with the `rampart test` test that must find it, its OWASP API
 * Top 10 (2023) category and the operation (the spec's template) it must be reported on. The hardened twin has
 * none of them. `path` is omitted for API-wide flaws (CORS, headers, banners, token handling) that may be
 * reported on any operation.
 */

export interface PlantedFlaw {
  readonly test: string;
  readonly owasp: string;
  readonly method?: string;
  readonly path?: string;
  /** Only found with --include-intrusive. */
  readonly intrusive: boolean;
  readonly what: string;
}

const flaw = (test: string, owasp: string, method: string | undefined, path: string | undefined, what: string, intrusive = false): PlantedFlaw => ({
  test,
  owasp,
  ...(method ? { method } : {}),
  ...(path ? { path } : {}),
  intrusive,
  what,
});

export const PLANTED_FLAWS: readonly PlantedFlaw[] = [
  flaw('bola-read', 'API1:2023', 'GET', '/orders/{orderId}', 'any signed-in user reads any order by id (path id)'),
  flaw('bola-read', 'API1:2023', 'GET', '/invoices', "any signed-in user reads any order's invoice (query id)"),
  flaw('bola-read', 'API1:2023', 'POST', '/shipping/track', "any signed-in user tracks any order's parcel and address (body id)"),
  flaw('bola-write', 'API1:2023', 'PATCH', '/orders/{orderId}', "any signed-in user changes another user's order", true),
  flaw('bola-delete', 'API1:2023', 'DELETE', '/orders/{orderId}', "any signed-in user deletes another user's order", true),
  flaw('auth-missing', 'API2:2023', 'GET', '/stats/summary', 'answers without credentials'),
  flaw('auth-invalid-token', 'API2:2023', 'GET', '/orders', 'reads the token without checking its signature'),
  flaw('auth-expired-token', 'API2:2023', undefined, undefined, 'expired tokens are accepted (exp never checked)'),
  flaw('jwt-alg-none', 'API2:2023', undefined, undefined, 'unsigned tokens (alg none) are accepted'),
  flaw('jwt-signature-stripped', 'API2:2023', undefined, undefined, 'tokens with an empty signature are accepted'),
  flaw('jwt-weak-secret', 'API2:2023', undefined, undefined, 'HS256 tokens signed with the legacy secret "changeme" are accepted'),
  flaw('jwt-key-confusion', 'API2:2023', undefined, undefined, 'HS256 tokens signed with the RSA public key are accepted'),
  flaw('login-no-lockout', 'API2:2023', 'POST', '/auth/login', 'unlimited wrong passwords, then the right one still works', true),
  flaw('mass-assignment', 'API3:2023', 'PATCH', '/users/me', 'role and balance are writable by the user', true),
  flaw('mass-assignment', 'API3:2023', 'POST', '/orders', 'the unit price and status are taken from the client', true),
  flaw('excessive-data-exposure', 'API3:2023', 'GET', '/users/me', 'the password hash and API key are returned'),
  flaw('rate-limit-missing', 'API4:2023', 'POST', '/auth/login', 'no rate limit on login attempts', true),
  flaw('unbounded-page-size', 'API4:2023', 'GET', '/products', 'limit is not capped: limit=100000 returns the whole catalogue'),
  flaw('large-payload-accepted', 'API4:2023', 'POST', '/products/{productId}/reviews', 'megabyte-sized bodies are accepted', true),
  flaw('bfla-read', 'API5:2023', 'GET', '/admin/users', 'any signed-in user lists every account'),
  flaw('bfla-write', 'API5:2023', 'DELETE', '/admin/users/{userId}', 'any signed-in user deletes accounts', true),
  flaw('ssrf', 'API7:2023', 'POST', '/users/me/avatar', 'the avatar URL is fetched wherever it points'),
  flaw('cors-any-origin', 'API8:2023', undefined, undefined, 'any Origin is reflected with credentials allowed'),
  flaw('security-headers-missing', 'API8:2023', undefined, undefined, 'no nosniff, no Cache-Control: no-store'),
  flaw('verbose-errors', 'API8:2023', undefined, undefined, 'errors return the exception message and stack trace'),
  flaw('http-trace-enabled', 'API8:2023', undefined, undefined, 'TRACE echoes requests'),
  flaw('server-banner', 'API8:2023', undefined, undefined, 'X-Powered-By and Server name the framework and its version'),
  flaw('old-api-version', 'API9:2023', undefined, undefined, '/api/v1 still answers'),
  flaw('deprecated-operation-live', 'API9:2023', 'GET', '/products/featured', 'a deprecated operation still answers'),
  flaw('sqli-error', 'API8:2023', 'GET', '/products/search', 'search builds SQL by concatenation (database errors shown)'),
  flaw('sqli-boolean', 'API8:2023', 'GET', '/products/search', 'search builds SQL by concatenation (true/false conditions change the result)'),
  flaw('sqli-time', 'API8:2023', 'GET', '/products/search', 'search builds SQL by concatenation (sleep() delays the answer)'),
  flaw('sqli-boolean', 'API8:2023', 'POST', '/auth/login', "login builds SQL by concatenation: ' OR '1'='1 logs in"),
  flaw('nosqli-operator', 'API8:2023', 'POST', '/coupons/validate', 'the coupon code is used as a query ({"$ne": …} matches any coupon)'),
  flaw('command-injection', 'API8:2023', 'GET', '/shipping/status', 'the tracking number is pasted into a shell command (emulated shell)'),
  flaw('path-traversal', 'API8:2023', 'GET', '/files/{fileName}', 'the file name is joined as a path (../ escapes the folder)'),
  flaw('ssti', 'API8:2023', 'POST', '/products/{productId}/share', 'the message is rendered as a template ({{7*7}} is evaluated)'),
  flaw('fuzz-server-error', 'API8:2023', 'POST', '/orders', 'a string quantity or unknown product crashes the handler (500)'),
  flaw('response-schema-mismatch', 'API9:2023', 'GET', '/products/{productId}', 'price is a string where the spec says number'),
];
