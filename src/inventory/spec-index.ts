/**
 * The specs (and other API descriptions) the learner compares traffic with: for a request, which documented
 * operation it is (through the `spec` module's operation router) and that operation's full path template (the
 * server base path joined to the operation path), so matching traffic takes the spec's template and names.
 */
import type { ApiDescription, ApiOperation, ApiServer } from '../core/index.js';

/** The part of `spec`'s operation router the inventory uses. */
export interface OperationMatcher {
  match(method: string, path: string, host?: string): { readonly operation: ApiOperation; readonly pathParams: Record<string, string> } | undefined;
}

export type MatcherFactory = (description: ApiDescription) => OperationMatcher;

/** One documented operation as the inventory sees it. */
export interface SpecOperation {
  readonly description: ApiDescription;
  readonly operation: ApiOperation;
  /** Index of the description in the index (stable for a run). */
  readonly descriptionIndex: number;
  /** True when the description documents the API (OpenAPI, Postman); false for discovery results. */
  readonly documents: boolean;
}

export interface SpecMatch extends SpecOperation {
  /** Full path template: server base path + operation path (`/b2b/v2/orders/{id}`). */
  readonly template: string;
  /** Decoded path parameter values by name. */
  readonly pathParams: Record<string, string>;
}

function joinPath(base: string, path: string): string {
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  const p = path.startsWith('/') ? path : `/${path}`;
  const full = `${b}${p}`;
  return full.length > 1 && full.endsWith('/') ? full.slice(0, -1) : full;
}

function segmentCount(path: string): number {
  return path.split('/').filter(Boolean).length;
}

/** The servers an operation is served from (its own, else its document's, else the root). */
export function operationServers(description: ApiDescription, operation: ApiOperation): readonly ApiServer[] {
  const own = (operation as ApiOperation & { servers?: readonly ApiServer[] }).servers;
  const servers = own && own.length ? own : description.servers;
  return servers.length ? servers : [{ url: '/', basePath: '' }];
}

/** Full path templates of an operation, one per distinct server base path, with the server host (if absolute). */
export function operationTemplates(description: ApiDescription, operation: ApiOperation): Array<{ template: string; host: string | undefined }> {
  const out: Array<{ template: string; host: string | undefined }> = [];
  const seen = new Set<string>();
  for (const s of operationServers(description, operation)) {
    const template = joinPath(s.basePath, operation.path);
    const k = `${s.host ?? ''} ${template}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ template, host: s.host });
  }
  return out;
}

export class SpecIndex {
  private readonly entries: Array<{ description: ApiDescription; matcher: OperationMatcher; documents: boolean }> = [];

  constructor(private readonly factory: MatcherFactory | undefined) {}

  get size(): number {
    return this.entries.length;
  }

  get descriptions(): ApiDescription[] {
    return this.entries.map((e) => e.description);
  }

  /** True when a matcher factory (the spec module's router) is available. */
  get canMatch(): boolean {
    return this.factory !== undefined;
  }

  add(description: ApiDescription): void {
    const matcher: OperationMatcher = this.factory ? this.factory(description) : { match: () => undefined };
    this.entries.push({ description, matcher, documents: description.source.kind !== 'discovery' });
  }

  /** Every operation of every description. */
  *operations(): Generator<SpecOperation> {
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i] as (typeof this.entries)[number];
      for (const operation of e.description.operations) yield { description: e.description, operation, descriptionIndex: i, documents: e.documents };
    }
  }

  /** The documented operation for a request (documentation first, then discovery results), or undefined. */
  match(method: string, path: string, host: string): SpecMatch | undefined {
    let fallback: SpecMatch | undefined;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i] as (typeof this.entries)[number];
      const m = e.matcher.match(method, path, host || undefined);
      if (!m) continue;
      const found: SpecMatch = {
        description: e.description,
        operation: m.operation,
        descriptionIndex: i,
        documents: e.documents,
        template: this.templateFor(e.description, m.operation, path, host),
        pathParams: m.pathParams,
      };
      if (e.documents) return found;
      fallback ??= found;
    }
    return fallback;
  }

  /** The full template of `operation` for a request path: the server whose base path prefixes the path. */
  private templateFor(description: ApiDescription, operation: ApiOperation, path: string, host: string): string {
    const want = segmentCount(path);
    let best: string | undefined;
    let bestLen = -1;
    for (const s of operationServers(description, operation)) {
      const base = s.basePath;
      const prefixOk = base === '' || path === base || path.startsWith(`${base}/`);
      const hostOk = !s.host || !host || s.host === host;
      const template = joinPath(base, operation.path);
      if (prefixOk && segmentCount(template) === want && base.length > bestLen && (hostOk || best === undefined)) {
        best = template;
        bestLen = base.length;
      }
    }
    return best ?? joinPath(operationServers(description, operation)[0]?.basePath ?? '', operation.path);
  }
}
