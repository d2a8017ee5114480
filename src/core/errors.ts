/**
 * The error catalogue: every error a user can meet has a stable code, a message, and the fix.
 * Codes are never reused or renamed; `docs/errors.md` mirrors this table (a test keeps them in step).
 *
 * Expected failures inside a stream (a bad HAR entry, a malformed log line) are values (`Skipped` events)
 * carrying one of these codes; thrown errors are `RampartError`s carrying a code and, where useful, a cause.
 */

export interface ErrorSpec {
  /** What went wrong, in general terms (the thrown error adds the specifics). */
  readonly title: string;
  /** What the user can do about it. */
  readonly fix: string;
}

export const ERROR_CATALOGUE = {
  E_USAGE: { title: 'invalid command-line usage', fix: 'run the command with --help to see its options' },
  E_INPUT_NOT_FOUND: { title: 'input file not found', fix: 'check the path; relative paths are resolved from the current directory' },
  E_INPUT_UNREADABLE: { title: 'input file cannot be read', fix: 'check the file permissions, or that the path is a file and not a directory' },
  E_OUTPUT_UNWRITABLE: { title: 'the output file cannot be written', fix: 'check that the directory exists and is writable, and that the path is not a directory' },
  E_INPUT_EMPTY: { title: 'input file is empty', fix: 'pass a file with content (0-byte files have nothing to import)' },
  E_FORMAT_UNKNOWN: {
    title: 'input format not recognised',
    fix: 'pass a HAR 1.2 file, an nginx/Apache combined or Envoy access log (plain or .gz), JSON lines of exchanges, a Postman v2.1 collection or an OpenAPI document',
  },
  E_GZIP_CORRUPT: { title: 'gzip data is corrupt or truncated', fix: 're-compress or re-download the file; the entries read before the damage were kept' },
  E_HAR_INVALID: { title: 'not a valid HAR document', fix: 'export the HAR again from the browser or proxy; a HAR is a JSON object {"log": {"entries": [...]}}' },
  E_HAR_TRUNCATED: { title: 'HAR document ends early', fix: 'the file was cut short; the complete entries before the cut were kept — export it again to get the rest' },
  E_HAR_ENTRY: { title: 'malformed HAR entry skipped', fix: 'the entry lacks a required field (request.method, request.url) or is not valid JSON; the other entries were kept' },
  E_LOG_LINE: { title: 'unparseable access-log line skipped', fix: 'the line does not match the detected log format; the other lines were kept' },
  E_LINE_TOO_LONG: { title: 'line too long, skipped', fix: 'lines over the line limit are skipped to bound memory; the other lines were kept' },
  E_JSONL_LINE: { title: 'invalid JSON line skipped', fix: 'each line must be one JSON object following docs/formats/jsonl.md; the other lines were kept' },
  E_HTTP_MESSAGE: {
    title: 'malformed raw HTTP message skipped',
    fix: 'each message must be a request line (METHOD target HTTP/1.x), header lines, a blank line, then Content-Length bytes of body; the other messages were kept',
  },
  E_INVALID_UTF8: { title: 'invalid UTF-8 replaced (the item was still read)', fix: 'bytes that are not UTF-8 were replaced by U+FFFD; convert the file to UTF-8 to keep them' },
  E_POSTMAN_INVALID: { title: 'not a valid Postman v2.1 collection', fix: 'export the collection again as "Collection v2.1"' },
  E_SPEC_PARSE: { title: 'spec file cannot be parsed', fix: 'fix the JSON/YAML syntax at the reported line' },
  E_SPEC_INVALID: { title: 'not a valid OpenAPI document', fix: 'the document needs `openapi: 3.x` or `swagger: "2.0"` and a `paths` object; fix the reported location' },
  E_SPEC_REF: { title: 'unresolvable $ref in spec', fix: 'fix the $ref at the reported JSON path: the target file or pointer does not exist' },
  E_SPEC_TOO_LARGE: { title: 'spec file too large', fix: 'specs over the size limit are refused to bound memory; split the spec or raise the limit' },
  E_STORE_OPEN: { title: 'the database cannot be opened', fix: 'check the --db path and its directory permissions, and that no other program locks the file' },
  E_STORE_NOT_FOUND: { title: 'no such database', fix: 'give --db the file you imported into, or import first: rampart inventory import FILE --db FILE' },
  E_STORE_VERSION: { title: 'the database was written by a newer Rampart', fix: 'upgrade Rampart, or point --db at another file' },
  E_STORE_CORRUPT: { title: 'the database file is not a Rampart SQLite database', fix: 'point --db at a Rampart database or a new file name' },
  E_ENDPOINT_NOT_FOUND: { title: 'no such endpoint in the inventory', fix: 'run `rampart inventory list` to see the endpoints; give `METHOD /path` or `METHOD host/path`' },
  E_CONFIG_INVALID: { title: 'invalid configuration', fix: 'fix the key at the reported path (see docs/configuration.md)' },
  E_TARGET_UNREACHABLE: { title: 'the target API cannot be reached', fix: 'check --target (scheme, host and port) and that the API is running and reachable from this machine' },
  E_AUTH_FILE_INVALID: { title: 'invalid auth file', fix: 'fix the key at the reported line; the auth file format is in docs/testing.md (section "Auth file")' },
  E_LOGIN_FAILED: {
    title: 'an identity could not log in',
    fix: 'check the identity\'s credentials and login request in the auth file, and where its token is read from (token.json, token.header or token.cookie)',
  },
  E_TEST_DEFINITION_INVALID: { title: 'invalid test definition', fix: 'fix the key at the reported line; the test-definition format is in docs/testing.md (section "Writing your own tests")' },
  E_LINT_RULESET: { title: 'invalid lint ruleset file', fix: 'fix the key at the reported location; the ruleset format is described in docs/lint.md' },
  E_SCOPE_INVALID: {
    title: 'invalid discovery scope entry',
    fix: 'each scope line is a host (api.example.com), a wildcard (*.example.com), an IP or CIDR (10.0.0.0/8), optionally prefixed with ! to exclude; # starts a comment',
  },
  E_TARGET_INVALID: { title: 'invalid discovery target', fix: 'give a domain (example.com), a host with an optional port (api.example.com:8443), or an http(s) URL' },
  E_GATEWAY_LISTEN: {
    title: 'the gateway cannot listen on the address',
    fix: 'the port is in use or the address is not local: pick another --listen/--admin HOST:PORT, or stop the other program',
  },
  E_GATEWAY_UPSTREAM: { title: 'invalid upstream URL', fix: 'give --upstream as an http:// URL with a host and optional port, e.g. http://127.0.0.1:3000' },
  E_GATEWAY_KEY: {
    title: 'a JWT key cannot be used',
    fix: 'give a PEM public key (SPKI or certificate), a JWKS JSON file {"keys": [...]}, or an HS secret of at least 32 bytes; see docs/gateway/configuration.md#jwt',
  },
  E_GATEWAY_RELOAD: { title: 'the new configuration was rejected; the running one stays', fix: 'fix the reported key and save the file again (or send SIGHUP)' },
  E_ACTOR_NOT_FOUND: { title: 'no such actor in the threat records', fix: 'run `rampart threats list` to see the actors; give the key as listed (e.g. ip:203.0.113.7)' },
  E_INTERNAL: { title: 'internal error', fix: 'this is a bug in Rampart: please report it with the command you ran' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A thrown error with a stable code, a location in the user's input (file, line, JSON path), and the fix. */
export class RampartError extends Error {
  readonly code: ErrorCode;
  readonly location: string | undefined;
  readonly fix: string;

  constructor(code: ErrorCode, detail: string, options: { location?: string; fix?: string; cause?: unknown } = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RampartError';
    this.code = code;
    this.location = options.location;
    this.fix = options.fix ?? ERROR_CATALOGUE[code].fix;
  }
}

export function isRampartError(err: unknown): err is RampartError {
  return err instanceof RampartError;
}

/** One line for a person: `<location>: <detail> [<code>] — <fix>`. */
export function formatError(err: unknown): string {
  if (isRampartError(err)) {
    const where = err.location ? `${err.location}: ` : '';
    return `${where}${err.message} [${err.code}] — ${err.fix}`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return `${msg} [E_INTERNAL] — ${ERROR_CATALOGUE.E_INTERNAL.fix}`;
}
