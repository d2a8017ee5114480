/**
 * The operations a run exercises: the spec's, plus (optionally) endpoints from the stored inventory that the
 * spec does not document. Each is keyed `METHOD /template` and knows its full path (base path included) and
 * whether it requires credentials.
 */
import type { ApiDescription, ApiOperation } from '../core/index.js';

export interface PlannedOperation {
  readonly op: ApiOperation;
  /** `GET /orders/{orderId}`: method and the spec's path template (what reports show). */
  readonly key: string;
  /** Path template with the base path: `/api/v2/orders/{orderId}`. */
  readonly fullPath: string;
  readonly source: 'spec' | 'inventory';
  /**
   * true: the spec requires credentials; false: explicitly public (`security: []` or an empty alternative);
   * undefined: the spec says nothing.
   */
  readonly requiresAuth: boolean | undefined;
}

/**
 * Base path requests are sent under: the target URL's own path when it has one, else the spec's first server's
 * base path (`/api/v2`), else ''.
 */
export function basePathFor(target: URL, api: ApiDescription | undefined): string {
  const own = target.pathname.replace(/\/+$/, '');
  if (own) return own;
  return api?.servers[0]?.basePath ?? '';
}

/** Whether an operation requires credentials according to its effective security. */
export function requiresAuth(op: ApiOperation): boolean | undefined {
  if (op.security === undefined) return undefined;
  if (op.security.length === 0) return false;
  return !op.security.some((alt) => Object.keys(alt).length === 0);
}

export function planOperations(api: ApiDescription | undefined, basePath: string, extra: readonly ApiOperation[] = []): PlannedOperation[] {
  const out: PlannedOperation[] = [];
  const seen = new Set<string>();
  const push = (op: ApiOperation, source: PlannedOperation['source']) => {
    // `/orders/{id}` from traffic and `/orders/{orderId}` from the spec are the same operation
    const shape = `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
    if (seen.has(shape)) return;
    seen.add(shape);
    const key = `${op.method} ${op.path}`;
    out.push({ op, key, fullPath: `${basePath}${op.path === '/' && basePath ? '' : op.path}` || '/', source, requiresAuth: requiresAuth(op) });
  };
  for (const op of api?.operations ?? []) push(op, 'spec');
  for (const op of extra) push(op, 'inventory');
  return out;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** GET, HEAD and OPTIONS: methods that must not change state (RFC 9110 §9.2.1). */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}
