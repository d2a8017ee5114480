/**
 * Compiles a configuration (+ optional spec) into a `Policy`: the filters built once, the router, and one
 * `CompiledRoute` per operation with its chains per phase and each link's mode resolved — so a request costs a
 * route match and array walks, never a configuration lookup. Pure (file contents come in as `materials`).
 */
import type { ApiDescription, ApiOperation } from '../../core/api-description.js';
import { RampartError } from '../../core/errors.js';
import { createOperationRouter, type OperationRouter, type RouteMatch } from '../../spec/index.js';
import type { GatewayConfig, RateLimitRule } from '../config/gateway-config.js';
import { parseRate } from '../config/parse-rate.js';
import { configError, type ConfigIssue } from '../config/parse-config.js';
import { createDeceptionState, type DeceptionState } from '../deception/deception-state.js';
import { createCountermeasuresFilter } from '../filters/countermeasures/countermeasures.js';
import { createDataLeakFilter } from '../filters/data-leak/data-leak.js';
import { createIpListFilter } from '../filters/ip-list/ip-list.js';
import { createIpSet, parseCidr, type Cidr, type IpSet } from '../filters/ip-list/ip-trie.js';
import { createJwtFilter, type JwtKeyMaterial } from '../filters/jwt/jwt.js';
import { createRateLimitFilter, ruleSignature, type RateLimitFilter } from '../filters/rate-limit/rate-limit.js';
import { createSignaturesFilter, type SignaturesFilter } from '../filters/signatures/signatures.js';
import { createSpecFilters } from '../filters/spec/spec-filters.js';
import { createTokenDenylistFilter } from '../filters/token-denylist/token-denylist.js';
import { MODES, type ChainLink, type Filter, type Mode } from '../phases/phase.js';
import type { CompiledRoute } from './compiled-route.js';
import { capMode, effectiveMode } from './modes.js';

/** What the configuration's files held (read by `read-config.ts`). */
export interface PolicyMaterials {
  readonly jwtKey?: JwtKeyMaterial;
  /** SHA-256 hex digests from `tokenDenylist.sha256` and its files. */
  readonly tokenHashes: readonly string[];
}

export interface PolicyInput {
  readonly config: GatewayConfig;
  readonly description?: ApiDescription;
  /** Names of the configuration and spec files, for error locations. */
  readonly configFile?: string;
  readonly specFile?: string;
  readonly materials: PolicyMaterials;
  /** The running policy: rate-limit counters of unchanged rules are carried over. */
  readonly previous?: Policy;
  readonly now?: () => number;
  readonly onWarning?: (message: string) => void;
  /** Marked actors and the tarpit count, owned by the runtime so they survive reloads (default: a fresh state). */
  readonly deception?: DeceptionState;
  /** The tap's detection runs (flagged actors get marked); default false. */
  readonly detection?: boolean;
}

export interface Policy {
  readonly config: GatewayConfig;
  readonly description: ApiDescription | undefined;
  readonly router: OperationRouter | undefined;
  /** Chains per operation. */
  readonly routes: ReadonlyMap<ApiOperation, CompiledRoute>;
  /** Chains for requests matching no operation (or every request, without a spec). */
  readonly unmatched: CompiledRoute;
  readonly rateLimits: readonly RateLimitFilter[];
  readonly signatures: SignaturesFilter | undefined;
  readonly trustedProxies: IpSet;
  readonly deception: DeceptionState;
  /** Status for a rule id (`statuses` exact, then longest `prefix.` match, else `fallback`). */
  status(rule: string, fallback: number): number;
  /** The matched operation (if any) and its chains. */
  route(method: string, path: string, host: string, query: string): { match: RouteMatch | undefined; chain: CompiledRoute };
}

/** `x-rampart-rate-limit`: `"10/s"` or `{rate, burst?, key?, algorithm?}` on an operation. */
function specRateLimit(op: ApiOperation, index: number, issues: ConfigIssue[]): RateLimitRule | undefined {
  const ext = op.extensions['x-rampart-rate-limit'];
  if (ext === undefined) return undefined;
  const where = [`${op.pointer}/x-rampart-rate-limit`];
  const o = typeof ext === 'string' ? { rate: ext } : ext;
  if (!o || typeof o !== 'object' || Array.isArray(o)) {
    issues.push({ path: where, message: 'expected "N/s", "N/m" or {rate, burst, key, algorithm}' });
    return undefined;
  }
  const r = o as Record<string, unknown>;
  const rate = typeof r.rate === 'string' ? parseRate(r.rate) : undefined;
  if (!rate) {
    issues.push({ path: [...where, 'rate'], message: 'expected "N/s" or "N/m"' });
    return undefined;
  }
  const burst = typeof r.burst === 'number' && Number.isInteger(r.burst) && r.burst > 0 ? r.burst : rate.count;
  const algorithm = r.algorithm === 'sliding-window' ? 'sliding-window' : 'token-bucket';
  const keyText = typeof r.key === 'string' ? r.key : 'ip';
  const key = keyText === 'ip' ? { kind: 'ip' as const }
    : keyText === 'jwt-sub' ? { kind: 'jwt-sub' as const, header: 'authorization' }
    : keyText === 'api-key' ? { kind: 'api-key' as const, header: 'x-api-key' }
    : /^(api-key|header):[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(keyText) ? { kind: keyText.startsWith('api-key') ? ('api-key' as const) : ('header' as const), header: keyText.slice(keyText.indexOf(':') + 1).toLowerCase() }
    : undefined;
  if (!key) {
    issues.push({ path: [...where, 'key'], message: 'expected "ip", "api-key", "api-key:<header>", "jwt-sub" or "header:<name>"' });
    return undefined;
  }
  const id = `op-${(op.operationId ?? String(index)).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60)}`;
  return { id, rate, burst, algorithm, key, scope: 'endpoint' };
}

/** Does an `endpoints` entry (`GET /users/{id}` or an operationId) name this operation? */
function names(entry: string, op: ApiOperation): boolean {
  const sp = entry.indexOf(' ');
  if (sp === -1) return op.operationId === entry;
  return entry.slice(0, sp).toUpperCase() === op.method.toUpperCase() && entry.slice(sp + 1) === op.path;
}

export function compilePolicy(input: PolicyInput): Policy {
  const { config, description } = input;
  const issues: ConfigIssue[] = [];
  const specIssues: ConfigIssue[] = [];
  const global = config.mode;

  // status lookup, cached per rule id
  const statusCache = new Map<string, number>();
  const prefixes = Object.keys(config.statuses).filter((k) => k.endsWith('.')).sort((a, b) => b.length - a.length);
  const status = (rule: string, fallback: number): number => {
    const key = `${rule}\u0000${fallback}`;
    let s = statusCache.get(key);
    if (s === undefined) {
      s = config.statuses[rule] ?? (() => {
        const p = prefixes.find((x) => rule.startsWith(x));
        return p ? config.statuses[p] : undefined;
      })() ?? fallback;
      statusCache.set(key, s);
    }
    return s;
  };

  // filters built once
  const ipList = createIpListFilter({ allow: config.ipList.allow, deny: config.ipList.deny, status });
  const tokens = createTokenDenylistFilter({ hashes: input.materials.tokenHashes, headers: config.tokenDenylist.headers, queryParams: config.tokenDenylist.queryParams, status });
  let jwt: Filter | undefined;
  if (config.jwt) {
    if (!input.materials.jwtKey) throw new RampartError('E_GATEWAY_KEY', 'jwt: no key material was read', { location: 'jwt' });
    jwt = createJwtFilter({ key: input.materials.jwtKey, algorithms: config.jwt.algorithms, ...(config.jwt.issuer ? { issuer: config.jwt.issuer } : {}), ...(config.jwt.audience ? { audience: config.jwt.audience } : {}), clockToleranceSec: config.jwt.clockToleranceSec, header: config.jwt.header, required: config.jwt.required, status, ...(input.now ? { now: input.now } : {}) });
  }
  const previousStores = new Map<string, RateLimitFilter>();
  for (const f of input.previous?.rateLimits ?? []) previousStores.set(`${f.ruleId}\u0000${f.signature}`, f);
  const makeLimit = (rule: RateLimitRule): RateLimitFilter => {
    const prev = previousStores.get(`ratelimit.${rule.id}\u0000${ruleSignature(rule)}`);
    return createRateLimitFilter({ rule, maxKeys: config.rateLimitStore.maxKeys, headers: config.rateLimitHeaders, status, ...(input.now ? { now: input.now } : {}), ...(prev ? { store: prev.store } : {}) });
  };
  const configLimits = config.rateLimits.map((rule) => ({ rule, filter: makeLimit(rule) }));
  const signatures = config.signatures.enabled
    ? createSignaturesFilter({ offloadAboveBytes: config.signatures.offloadAboveBytes, paranoia: config.signatures.paranoia, threshold: config.signatures.threshold, exclusions: config.signatures.exclusions, maxBodyBytes: config.limits.maxBodyBytes, status })
    : undefined;
  const deception = input.deception ?? createDeceptionState(config.countermeasures);
  const countermeasure = (enforce: boolean) =>
    createCountermeasuresFilter({ state: deception, config: config.countermeasures, decoys: config.decoys, enforce, detection: input.detection ?? false, status, ...(input.now ? { now: input.now } : {}) });
  const countermeasures = { block: countermeasure(true), monitor: countermeasure(false) };
  const dataLeak = config.dataLeak.mode !== 'off' ? createDataLeakFilter({ action: config.dataLeak.action, types: config.dataLeak.types, status }) : undefined;

  let router: OperationRouter | undefined;
  let spec: ReturnType<typeof createSpecFilters> | undefined;
  if (description) {
    router = createOperationRouter(description);
    spec = createSpecFilters({ description, router, status, maxBodyBytes: config.limits.maxBodyBytes, ...(input.onWarning ? { onWarning: input.onWarning } : {}) });
  }

  // endpoint overrides must name real operations
  const ops = description?.operations ?? [];
  config.endpoints.forEach((e, i) => {
    if (!description) issues.push({ path: ['endpoints', i, 'match'], message: 'endpoint overrides need a spec (--spec or `spec:`)' });
    else if (!ops.some((op) => names(e.match, op))) issues.push({ path: ['endpoints', i, 'match'], message: `no operation "${e.match}" in the spec (write "METHOD /path/{param}" as in the spec, or an operationId)` });
  });
  config.rateLimits.forEach((r, i) => {
    (r.endpoints ?? []).forEach((m, j) => {
      if (!description) issues.push({ path: ['rateLimits', i, 'endpoints', j], message: 'per-endpoint limits need a spec (--spec or `spec:`)' });
      else if (!ops.some((op) => names(m, op))) issues.push({ path: ['rateLimits', i, 'endpoints', j], message: `no operation "${m}" in the spec` });
    });
  });

  const specMode = config.spec.mode;
  const build = (op: ApiOperation | undefined, index: number): CompiledRoute => {
    const overrides = op ? config.endpoints.filter((e) => names(e.match, op)) : [];
    const extMode = op?.extensions['x-rampart-mode'];
    if (op && extMode !== undefined && !(typeof extMode === 'string' && (MODES as readonly string[]).includes(extMode))) {
      specIssues.push({ path: [`${op.pointer}/x-rampart-mode`], message: 'expected "off", "monitor" or "block"' });
    }
    const endpointMode = overrides.find((e) => e.mode)?.mode ?? (typeof extMode === 'string' && (MODES as readonly string[]).includes(extMode) ? (extMode as Mode) : undefined);
    const endpointFilter = (name: string): Mode | undefined => overrides.find((e) => e.filters[name])?.filters[name];
    // requests no operation matched (with a spec loaded) are capped at newEndpointMode
    const cap = !op && description ? config.newEndpointMode : undefined;
    const modeOf = (name: string, filterMode: Mode | undefined): Mode => capMode(effectiveMode({ endpointFilter: endpointFilter(name), endpoint: endpointMode, filter: filterMode, global }), cap);
    const links = { rh: [] as ChainLink[], rb: [] as ChainLink[], sh: [] as ChainLink[], sb: [] as ChainLink[] };
    const add = (list: ChainLink[], filter: Filter | undefined, mode: Mode) => {
      if (filter && mode !== 'off') list.push({ filter, mode });
    };
    // decoys and countermeasures first, and not capped by newEndpointMode: decoys are unknown endpoints by design
    const cmMode = effectiveMode({ endpointFilter: endpointFilter('countermeasures'), endpoint: endpointMode, filter: config.countermeasures.mode, global });
    if (cmMode !== 'off') add(links.rh, countermeasures[cmMode], cmMode);
    add(links.rh, ipList, modeOf('ipList', config.ipList.mode));
    add(links.rh, tokens, modeOf('tokenDenylist', config.tokenDenylist.mode));
    const limits: Array<{ rule: RateLimitRule; filter: RateLimitFilter }> = configLimits.filter(({ rule }) => !rule.endpoints || (op !== undefined && rule.endpoints.some((m) => names(m, op))));
    if (op) {
      const ext = specRateLimit(op, index, specIssues);
      if (ext) limits.push({ rule: ext, filter: makeLimit(ext) });
    }
    // IP- and header-keyed limits run before the (costly) JWT check; subject-keyed ones after it
    for (const l of limits) if (l.rule.key.kind !== 'jwt-sub') add(links.rh, l.filter, modeOf('rateLimit', l.rule.mode));
    const publicOp = op?.security !== undefined && op.security.length === 0;
    if (!publicOp) add(links.rh, jwt, modeOf('jwt', config.jwt?.mode));
    for (const l of limits) if (l.rule.key.kind === 'jwt-sub') add(links.rh, l.filter, modeOf('rateLimit', l.rule.mode));
    if (spec) {
      if (!op) {
        add(links.rh, spec.method, capMode(effectiveMode({ filter: specMode, global }), undefined));
        add(links.rh, spec.unknownOperation, config.spec.unknownOperation ?? specMode ?? global);
      } else {
        if (config.spec.validateRequests) add(links.rh, spec.request, modeOf('spec', specMode));
        add(links.rh, spec.unknownQuery, endpointFilter('spec') ?? endpointMode ?? config.spec.unknownQuery ?? specMode ?? global);
        if (config.spec.validateRequests && op.requestBody) add(links.rb, spec.body, modeOf('spec', specMode));
        add(links.sb, spec.response, endpointFilter('spec') ?? endpointMode ?? config.spec.validateResponses);
      }
    }
    add(links.rb, signatures, modeOf('signatures', config.signatures.mode));
    add(links.sb, dataLeak, modeOf('dataLeak', config.dataLeak.mode));
    return {
      key: op ? `${op.method.toUpperCase()} ${op.path}` : description ? 'unmatched' : '*',
      operation: op,
      requestHeaders: links.rh,
      requestBody: links.rb,
      responseHeaders: links.sh,
      responseBody: links.sb,
    };
  };

  const routes = new Map<ApiOperation, CompiledRoute>();
  ops.forEach((op, i) => routes.set(op, build(op, i)));
  const unmatched = build(undefined, -1);
  const rateLimits: RateLimitFilter[] = [];
  const seen = new Set<RateLimitFilter>();
  for (const r of [unmatched, ...routes.values()]) {
    for (const l of r.requestHeaders) {
      const f = l.filter as RateLimitFilter;
      if (f.name === 'rateLimit' && !seen.has(f)) {
        seen.add(f);
        rateLimits.push(f);
      }
    }
  }
  for (const { filter } of configLimits) if (!seen.has(filter)) rateLimits.push(filter);

  if (issues.length > 0) throw configError(issues, input.configFile ?? 'configuration');
  if (specIssues.length > 0) throw configError(specIssues, input.specFile ?? 'spec');

  const trusted = createIpSet(config.trustedProxies.map((s) => parseCidr(s)).filter((c): c is Cidr => c !== undefined));
  return Object.freeze({
    config,
    description,
    router,
    routes,
    unmatched,
    rateLimits,
    signatures,
    trustedProxies: trusted,
    deception,
    status,
    route(method: string, path: string, host: string, query: string) {
      if (!router) return { match: undefined, chain: unmatched };
      const match = router.match(method, path, host, query);
      if (!match) return { match: undefined, chain: unmatched };
      return { match, chain: routes.get(match.operation) ?? unmatched };
    },
  });
}
