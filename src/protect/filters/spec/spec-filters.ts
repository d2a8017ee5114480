/**
 * The positive security model: the spec is an allow-list. Five filters, each with its own mode so a rollout can
 * enforce one part while only monitoring another:
 * - `specMethod` (request-headers, unmatched requests): a documented path with an undocumented method → 405 +
 *   `Allow` (`spec.method-not-allowed`);
 * - `specUnknownOperation` (request-headers, unmatched requests): no operation at all → shadow endpoint, 404
 *   (`spec.unknown-operation`), mode from `spec.unknownOperation`;
 * - `specRequest` (request-headers): path/query/header/cookie parameters against their schemas, and a body sent
 *   to an operation that takes none → 400 (`spec.invalid-parameter`, `spec.invalid-body`);
 * - `specUnknownQuery` (request-headers): query parameters the operation does not declare → 400
 *   (`spec.unknown-parameter`), mode from `spec.unknownQuery`;
 * - `specBody` (request-body): the body against the operation's `requestBody` → 400 (`spec.invalid-body`) or 415
 *   (`spec.unsupported-media-type`);
 * - `specResponse` (response-body): status, headers and body against the documented response → 502
 *   (`spec.invalid-response`).
 * Validation itself is the spec module's (ajv, compiled once per operation).
 */
import type { ApiDescription, ApiOperation } from '../../../core/api-description.js';
import { CONTINUE, type StopVerdict } from '../../../core/verdict.js';
import { createRequestValidator, createResponseValidator, type OperationRouter, type ValidationIssue } from '../../../spec/index.js';
import { mediaType } from '../../../core/http.js';
import type { Filter, FilterVerdict } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';

export interface SpecFilterOptions {
  readonly description: ApiDescription;
  readonly router: OperationRouter;
  readonly status: (rule: string, fallback: number) => number;
  /** Longest body the validator parses (the proxy's body limit). */
  readonly maxBodyBytes: number;
  readonly onWarning?: (message: string) => void;
}

export interface SpecFilters {
  readonly method: Filter;
  readonly unknownOperation: Filter;
  readonly request: Filter;
  readonly unknownQuery: Filter;
  readonly body: Filter;
  readonly response: Filter;
}

const MAX_REASON = 300;

function reasonOf(issues: readonly ValidationIssue[]): string {
  const first = issues[0];
  const text = first ? first.message : 'invalid request';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text) + more;
}

/** True when the request carries a body (Content-Length > 0 or a Transfer-Encoding). */
export function hasRequestBody(tx: Transaction): boolean {
  const cl = tx.header('content-length');
  if (cl !== undefined) return cl !== '0';
  return tx.header('transfer-encoding') !== undefined;
}

export function createSpecFilters(options: SpecFilterOptions): SpecFilters {
  const { router, description } = options;
  const status = options.status;
  const paramValidator = createRequestValidator(description, { checkBody: false, unknownQuery: false, maxBodyBytes: options.maxBodyBytes, ...(options.onWarning ? { onWarning: options.onWarning } : {}) });
  const unknownQueryValidator = createRequestValidator(description, { checkPath: false, checkHeaders: false, checkCookies: false, checkBody: false, unknownQuery: true, maxIssues: 5 });
  const bodyValidator = createRequestValidator(description, {
    checkPath: false,
    checkQuery: false,
    checkHeaders: false,
    checkCookies: false,
    checkBody: true,
    unknownQuery: false,
    maxBodyBytes: options.maxBodyBytes,
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  const responseValidator = createResponseValidator(description, { maxBodyBytes: options.maxBodyBytes });
  const unknownOp: StopVerdict = Object.freeze({ action: 'block', rule: 'spec.unknown-operation', status: status('spec.unknown-operation', 404), reason: 'no operation of the API description matches this method and path' });
  const noBody: StopVerdict = Object.freeze({ action: 'block', rule: 'spec.invalid-body', status: status('spec.invalid-body', 400), reason: 'the operation takes no request body' });
  const block = (rule: string, fallback: number, issues: readonly ValidationIssue[]): StopVerdict => ({ action: 'block', rule, status: status(rule, fallback), reason: reasonOf(issues) });

  const method: Filter = {
    name: 'spec',
    phase: 'request-headers',
    evaluate(tx) {
      if (tx.route) return CONTINUE;
      const same = router.matchPath(tx.path, tx.host);
      if (same.length === 0) return CONTINUE;
      const allow = [...new Set(same.map((m) => m.operation.method.toUpperCase()))].sort().join(', ');
      return { action: 'block', rule: 'spec.method-not-allowed', status: status('spec.method-not-allowed', 405), reason: `${tx.method} is not documented for this path (allowed: ${allow})`, headers: { allow } };
    },
  };
  const unknownOperation: Filter = {
    name: 'spec',
    phase: 'request-headers',
    evaluate(tx) {
      if (tx.route) return CONTINUE;
      return router.matchPath(tx.path, tx.host).length === 0 ? unknownOp : CONTINUE;
    },
  };
  const headerUse = new WeakMap<ApiOperation, boolean>();
  const readsHeaders = (op: ApiOperation): boolean => {
    let v = headerUse.get(op);
    if (v === undefined) {
      v = op.parameters.some((p) => p.in === 'header' || p.in === 'cookie');
      headerUse.set(op, v);
    }
    return v;
  };
  const request: Filter = {
    name: 'spec',
    phase: 'request-headers',
    evaluate(tx): FilterVerdict {
      const route = tx.route;
      if (!route) return CONTINUE;
      if (!route.operation.requestBody && hasRequestBody(tx)) return noBody;
      // the header list is built only for operations that declare header or cookie parameters
      const headers = readsHeaders(route.operation) ? tx.headers() : EMPTY_HEADERS;
      const issues = paramValidator(route.operation, { pathParams: route.pathParams, query: tx.query.length > 0 ? tx.queryPairs() : EMPTY, headers });
      return issues.length === 0 ? CONTINUE : block('spec.invalid-parameter', 400, issues);
    },
  };
  // fast path: a query whose names are all declared parameters has no unknown one (the validator, which also knows
  // exploded objects, deepObject prefixes and api-key names, decides the rest)
  const declared = new WeakMap<ApiOperation, ReadonlySet<string>>();
  const declaredOf = (op: ApiOperation): ReadonlySet<string> => {
    let set = declared.get(op);
    if (!set) {
      set = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      declared.set(op, set);
    }
    return set;
  };
  const unknownQuery: Filter = {
    name: 'spec',
    phase: 'request-headers',
    evaluate(tx): FilterVerdict {
      const route = tx.route;
      if (!route || tx.query.length === 0) return CONTINUE;
      const names = declaredOf(route.operation);
      let allDeclared = true;
      for (const [name] of tx.queryPairs()) {
        if (!names.has(name)) {
          allDeclared = false;
          break;
        }
      }
      if (allDeclared) return CONTINUE;
      const issues = unknownQueryValidator(route.operation, { pathParams: route.pathParams, query: tx.queryPairs(), headers: EMPTY_HEADERS }).filter((i) => i.keyword === 'unknownParameter');
      return issues.length === 0 ? CONTINUE : block('spec.unknown-parameter', 400, issues);
    },
  };
  const body: Filter = {
    name: 'spec',
    phase: 'request-body',
    needsBody: true,
    evaluate(tx): FilterVerdict {
      const route = tx.route;
      if (!route || !route.operation.requestBody) return CONTINUE;
      const text = tx.bodyText();
      const issues = bodyValidator(route.operation, {
        pathParams: route.pathParams,
        query: EMPTY,
        headers: EMPTY_HEADERS,
        body: { mediaType: tx.header('content-type') ?? '', text },
      });
      if (issues.length === 0) return CONTINUE;
      if (issues[0]?.keyword === 'mediaType') return block('spec.unsupported-media-type', 415, issues);
      return block('spec.invalid-body', 400, issues);
    },
  };
  const response: Filter = {
    name: 'spec',
    phase: 'response-body',
    needsBody: true,
    evaluate(tx): FilterVerdict {
      const route = tx.route;
      if (!route || tx.responseRawHeaders === undefined) return CONTINUE;
      const headers = rawToHeaders(tx.responseRawHeaders);
      const text = tx.responseBody ? tx.responseBody.toString('utf8') : '';
      const issues = responseValidator(route.operation, tx.status, headers, { text, mediaType: mediaType(headers) });
      return issues.length === 0 ? CONTINUE : block('spec.invalid-response', 502, issues);
    },
  };
  return { method, unknownOperation, request, unknownQuery, body, response };
}

const EMPTY: ReadonlyArray<readonly [string, string]> = Object.freeze([]);
const EMPTY_HEADERS: ReadonlyArray<readonly [string, string]> = Object.freeze([]);

/** Node-style raw header list → lower-case header pairs. */
export function rawToHeaders(raw: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) out.push([(raw[i] as string).toLowerCase(), raw[i + 1] as string]);
  return out;
}
