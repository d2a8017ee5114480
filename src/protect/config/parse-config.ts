/**
 * Validation of `rampart.yaml`: YAML text → a frozen `GatewayConfig`. Every problem is reported with the line of
 * the bad key and its path (`rampart.yaml:12: rateLimits[0].rate: expected "N/s" or "N/m"`); unknown keys are
 * errors (a typo must not silently disable a protection). Pure: files the configuration names (keys, deny lists)
 * are read by `read-config.ts`.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { ATTACK_CLASSES } from '../../detect/signatures/index.js';
import { RampartError } from '../../core/errors.js';
import type { SensitiveType } from '../../core/endpoint.js';
import { MODES, type Mode } from '../phases/phase.js';
import { checkDetectionConfig, type DetectionConfig } from '../../detect/detection-config.js';
import { ALERT_EVENTS, DEFAULT_CONFIG, DEFAULT_WEBHOOK, type AlertsConfig, type CountermeasuresConfig, type DecoysConfig, type GatewayConfig, type JwtConfig, type RateLimitKey, type RateLimitRule, type TapConfig, type WebhookConfig } from './gateway-config.js';
import { parseRate } from './parse-rate.js';
import { parseHostPort } from './host-port.js';
import { parseCidr } from '../filters/ip-list/ip-trie.js';

type Path = ReadonlyArray<string | number>;

/** One configuration problem: path into the document and what is expected. */
export interface ConfigIssue {
  readonly path: Path;
  readonly message: string;
  /** 1-based line of the key, when the text was YAML. */
  readonly line?: number;
}

const SENSITIVE_TYPES: readonly SensitiveType[] = [
  'email', 'phone', 'payment-card', 'us-ssn', 'iban', 'jwt', 'private-key', 'aws-access-key', 'github-token', 'slack-token',
  'stripe-key', 'generic-secret', 'ip-address', 'date-of-birth', 'password',
];
const JWT_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const FILTER_NAMES = ['ipList', 'tokenDenylist', 'jwt', 'rateLimit', 'spec', 'signatures', 'dataLeak', 'countermeasures'];
const SHA256 = /^[0-9a-fA-F]{64}$/;
/** A decoy path: `/path`, `METHOD /path`, or either with a trailing `*` (prefix). */
const DECOY_PATH = /^(?:[A-Za-z]{1,16} )?\/[^\s*]*\*?$/;

/** `a.b[0].c` */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

class Checker {
  readonly issues: ConfigIssue[] = [];
  add(path: Path, message: string): void {
    if (this.issues.length < 50) this.issues.push({ path, message });
  }
  obj(v: unknown, path: Path, keys: readonly string[]): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.add(path, 'expected a mapping (key: value)');
      return undefined;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!keys.includes(k)) {
        const near = keys.find((c) => c.toLowerCase() === k.toLowerCase() || c.startsWith(k.slice(0, 4)));
        this.add([...path, k], `unknown key${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${keys.join(', ')}`);
      }
    }
    return o;
  }
  str(o: Record<string, unknown> | undefined, k: string, path: Path, pattern?: RegExp, expected?: string): string | undefined {
    const v = o?.[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.length === 0 || (pattern && !pattern.test(v))) {
      this.add([...path, k], `expected ${expected ?? 'a non-empty string'}`);
      return undefined;
    }
    return v;
  }
  int(o: Record<string, unknown> | undefined, k: string, path: Path, min: number, max: number): number | undefined {
    const v = o?.[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.add([...path, k], `expected a whole number from ${min} to ${max}`);
      return undefined;
    }
    return v;
  }
  bool(o: Record<string, unknown> | undefined, k: string, path: Path): boolean | undefined {
    const v = o?.[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.add([...path, k], 'expected true or false');
      return undefined;
    }
    return v;
  }
  mode(o: Record<string, unknown> | undefined, k: string, path: Path): Mode | undefined {
    return this.oneOf(o, k, path, MODES);
  }
  oneOf<T extends string>(o: Record<string, unknown> | undefined, k: string, path: Path, values: readonly T[]): T | undefined {
    const v = o?.[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !values.includes(v as T)) {
      this.add([...path, k], `expected one of ${values.map((x) => `"${x}"`).join(', ')}`);
      return undefined;
    }
    return v as T;
  }
  strList(o: Record<string, unknown> | undefined, k: string, path: Path, each?: (s: string, p: Path) => boolean, expected?: string): string[] | undefined {
    const v = o?.[k];
    if (v === undefined || v === null) return undefined;
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list)) {
      this.add([...path, k], 'expected a list of strings');
      return undefined;
    }
    const out: string[] = [];
    list.forEach((s, i) => {
      const p = typeof v === 'string' ? [...path, k] : [...path, k, i];
      if (typeof s !== 'string' || s.length === 0) this.add(p, `expected ${expected ?? 'a non-empty string'}`);
      else if (each && !each(s, p)) this.add(p, `expected ${expected ?? 'a valid value'}`);
      else out.push(s);
    });
    return out;
  }
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

function rateLimitKey(c: Checker, v: unknown, path: Path): RateLimitKey | undefined {
  if (v === undefined || v === null) return { kind: 'ip' };
  const expected = 'one of "ip", "api-key", "api-key:<header>", "jwt-sub", "header:<name>"';
  if (typeof v !== 'string') {
    c.add(path, `expected ${expected}`);
    return undefined;
  }
  if (v === 'ip') return { kind: 'ip' };
  if (v === 'api-key') return { kind: 'api-key', header: 'x-api-key' };
  if (v === 'jwt-sub') return { kind: 'jwt-sub', header: 'authorization' };
  const m = /^(api-key|header):(.+)$/.exec(v);
  if (m && HEADER_NAME.test(m[2] as string)) return { kind: m[1] === 'api-key' ? 'api-key' : 'header', header: (m[2] as string).toLowerCase() };
  c.add(path, `expected ${expected}`);
  return undefined;
}

function rateLimitRules(c: Checker, v: unknown, path: Path): RateLimitRule[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    c.add(path, 'expected a list of rate-limit rules');
    return [];
  }
  const out: RateLimitRule[] = [];
  const ids = new Set<string>();
  v.forEach((item, i) => {
    const p = [...path, i];
    const o = c.obj(item, p, ['id', 'rate', 'burst', 'algorithm', 'key', 'scope', 'endpoints', 'mode']);
    if (!o) {
      if (item === undefined || item === null) c.add(p, 'expected a rate-limit rule');
      return;
    }
    const id = c.str(o, 'id', p, /^[a-z0-9][a-z0-9_-]{0,63}$/, 'an id of lower-case letters, digits, - and _') ?? `rule${i}`;
    if (ids.has(id)) c.add([...p, 'id'], `duplicate id "${id}"`);
    ids.add(id);
    const rateText = o.rate;
    const rate = typeof rateText === 'string' ? parseRate(rateText) : undefined;
    if (!rate) c.add([...p, 'rate'], 'expected "N/s" or "N/m"');
    const burst = c.int(o, 'burst', p, 1, 10_000_000);
    const algorithm = c.oneOf(o, 'algorithm', p, ['token-bucket', 'sliding-window'] as const) ?? 'token-bucket';
    const key = rateLimitKey(c, o.key, [...p, 'key']);
    const scope = c.oneOf(o, 'scope', p, ['global', 'endpoint'] as const) ?? 'global';
    const endpoints = c.strList(o, 'endpoints', p);
    const mode = c.mode(o, 'mode', p);
    if (rate && key) {
      out.push({ id, rate, burst: burst ?? rate.count, algorithm, key, scope, ...(endpoints ? { endpoints } : {}), ...(mode ? { mode } : {}) });
    }
  });
  return out;
}

function jwtConfig(c: Checker, v: unknown, path: Path): JwtConfig | undefined {
  const o = c.obj(v, path, ['mode', 'algorithms', 'secretEnv', 'secretFile', 'publicKeyFile', 'jwksFile', 'issuer', 'audience', 'clockToleranceSec', 'header', 'required']);
  if (!o) return undefined;
  const algorithms = c.strList(o, 'algorithms', path, (s) => JWT_ALGS.includes(s), `one of ${JWT_ALGS.join(', ')} ("none" is never allowed)`);
  const secretEnv = c.str(o, 'secretEnv', path, /^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
  const secretFile = c.str(o, 'secretFile', path);
  const publicKeyFile = c.str(o, 'publicKeyFile', path);
  const jwksFile = c.str(o, 'jwksFile', path);
  const keys = [secretEnv, secretFile, publicKeyFile, jwksFile].filter((x) => x !== undefined).length;
  if (keys !== 1) c.add(path, 'give exactly one key source: secretEnv, secretFile, publicKeyFile or jwksFile');
  const algs = algorithms ?? (secretEnv || secretFile ? ['HS256'] : ['RS256', 'ES256']);
  const hs = algs.filter((a) => a.startsWith('HS'));
  if (hs.length > 0 && hs.length !== algs.length) c.add([...path, 'algorithms'], 'do not mix HS* with public-key algorithms (that is how algorithm confusion happens)');
  if ((secretEnv || secretFile) && hs.length === 0 && keys === 1) c.add([...path, 'algorithms'], 'an HS secret needs HS256, HS384 or HS512');
  if ((publicKeyFile || jwksFile) && hs.length > 0) c.add([...path, 'algorithms'], 'a public key or JWKS cannot verify HS* tokens (algorithm confusion): use RS*, PS*, ES* or EdDSA');
  const issuer = c.strList(o, 'issuer', path);
  const audience = c.strList(o, 'audience', path);
  const header = c.str(o, 'header', path, HEADER_NAME, 'a header name');
  return {
    ...(c.mode(o, 'mode', path) ? { mode: c.mode(o, 'mode', path) as Mode } : {}),
    algorithms: algs,
    ...(secretEnv ? { secretEnv } : {}),
    ...(secretFile ? { secretFile } : {}),
    ...(publicKeyFile ? { publicKeyFile } : {}),
    ...(jwksFile ? { jwksFile } : {}),
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
    clockToleranceSec: c.int(o, 'clockToleranceSec', path, 0, 3600) ?? 30,
    header: (header ?? 'authorization').toLowerCase(),
    required: c.bool(o, 'required', path) ?? true,
  };
}

function tapConfig(c: Checker, v: unknown): TapConfig {
  const d = DEFAULT_CONFIG.tap;
  const o = c.obj(v, ['tap'], ['enabled', 'maxQueue', 'maxQueueBytes', 'maxBodyBytes', 'persistEverySec']);
  return {
    enabled: c.bool(o, 'enabled', ['tap']) ?? d.enabled,
    maxQueue: c.int(o, 'maxQueue', ['tap'], 1, 10_000_000) ?? d.maxQueue,
    maxQueueBytes: c.int(o, 'maxQueueBytes', ['tap'], 0, 4 * 1024 * 1024 * 1024) ?? d.maxQueueBytes,
    maxBodyBytes: c.int(o, 'maxBodyBytes', ['tap'], 0, 16 * 1024 * 1024) ?? d.maxBodyBytes,
    persistEverySec: c.int(o, 'persistEverySec', ['tap'], 1, 86_400) ?? d.persistEverySec,
  };
}

function detectionConfig(c: Checker, v: unknown): DetectionConfig | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return checkDetectionConfig(v, 'detection');
  } catch (err) {
    const where = String((err as { location?: string }).location ?? 'detection');
    c.add(where.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), (err as Error).message.replace(/ \[E_[A-Z_]+\].*$/s, ''));
    return undefined;
  }
}

function countermeasuresConfig(c: Checker, v: unknown): CountermeasuresConfig {
  const d = DEFAULT_CONFIG.countermeasures;
  const path = ['countermeasures'];
  const o = c.obj(v, path, ['mode', 'action', 'riskThreshold', 'denyIps', 'markTtlSec', 'maxActors', 'tarpit']);
  const mode = c.mode(o, 'mode', path);
  const action = c.oneOf(o, 'action', path, ['block', 'deceive', 'tarpit'] as const) ?? d.action;
  const tO = c.obj(o?.tarpit, [...path, 'tarpit'], ['delayMs', 'maxConcurrent']);
  const delayMs = c.int(tO, 'delayMs', [...path, 'tarpit'], 0, 600_000) ?? (action === 'tarpit' ? 5_000 : d.tarpit.delayMs);
  if (action === 'tarpit' && delayMs === 0) c.add([...path, 'tarpit', 'delayMs'], 'action "tarpit" needs a delay above 0');
  return {
    ...(mode ? { mode } : {}),
    action,
    riskThreshold: c.int(o, 'riskThreshold', path, 0, 100) ?? d.riskThreshold,
    denyIps: c.strList(o, 'denyIps', path, (s) => parseCidr(s) !== undefined, 'an IPv4/IPv6 address or CIDR') ?? [],
    markTtlSec: c.int(o, 'markTtlSec', path, 1, 30 * 86_400) ?? d.markTtlSec,
    maxActors: c.int(o, 'maxActors', path, 1, 10_000_000) ?? d.maxActors,
    tarpit: { delayMs, maxConcurrent: c.int(tO, 'maxConcurrent', [...path, 'tarpit'], 0, 100_000) ?? d.tarpit.maxConcurrent },
  };
}

function decoysConfig(c: Checker, v: unknown): DecoysConfig {
  const d = DEFAULT_CONFIG.decoys;
  const o = c.obj(v, ['decoys'], ['paths', 'honeytokens']);
  const hO = c.obj(o?.honeytokens, ['decoys', 'honeytokens'], ['sha256', 'headers', 'queryParams']);
  const hp = ['decoys', 'honeytokens'];
  return {
    paths: c.strList(o, 'paths', ['decoys'], (s) => DECOY_PATH.test(s), '"/path", "METHOD /path", or a prefix ending in "*"') ?? [],
    honeytokens: {
      sha256: (c.strList(hO, 'sha256', hp, (s) => SHA256.test(s), 'a SHA-256 hex digest (64 hex characters) — never the token itself') ?? []).map((s) => s.toLowerCase()),
      headers: (c.strList(hO, 'headers', hp, (s) => HEADER_NAME.test(s), 'a header name') ?? d.honeytokens.headers).map((s) => s.toLowerCase()),
      queryParams: c.strList(hO, 'queryParams', hp) ?? [],
    },
  };
}

function webhookConfig(c: Checker, v: unknown, path: Path): WebhookConfig | undefined {
  const o = c.obj(v, path, ['url', 'urlEnv', 'headers', 'maxQueue', 'batchMax', 'retries', 'retryBaseMs', 'timeoutMs']);
  if (!o) return undefined;
  const d = DEFAULT_WEBHOOK;
  const url = c.str(o, 'url', path, /^https?:\/\/[^\s/]+(\/\S*)?$/i, 'an http:// or https:// URL');
  const urlEnv = c.str(o, 'urlEnv', path, /^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
  if (o.url === undefined && o.urlEnv === undefined) c.add(path, 'give url or urlEnv');
  else if (o.url !== undefined && o.urlEnv !== undefined) c.add(path, 'give url or urlEnv, not both');
  const headers: Record<string, string> = {};
  const hO = c.obj(o.headers, [...path, 'headers'], Object.keys((o.headers as object | undefined) ?? {}));
  for (const k of Object.keys(hO ?? {})) {
    if (!HEADER_NAME.test(k)) c.add([...path, 'headers', k], 'expected a header name');
    else {
      const hv = c.str(hO, k, [...path, 'headers']);
      if (hv !== undefined) headers[k.toLowerCase()] = hv;
    }
  }
  return {
    ...(url ? { url } : {}),
    ...(urlEnv ? { urlEnv } : {}),
    headers,
    maxQueue: c.int(o, 'maxQueue', path, 1, 1_000_000) ?? d.maxQueue,
    batchMax: c.int(o, 'batchMax', path, 1, 1000) ?? d.batchMax,
    retries: c.int(o, 'retries', path, 0, 20) ?? d.retries,
    retryBaseMs: c.int(o, 'retryBaseMs', path, 1, 600_000) ?? d.retryBaseMs,
    timeoutMs: c.int(o, 'timeoutMs', path, 100, 600_000) ?? d.timeoutMs,
  };
}

function alertsConfig(c: Checker, v: unknown): AlertsConfig {
  const o = c.obj(v, ['alerts'], ['events', 'log', 'webhook', 'slack']);
  const events = c.strList(o, 'events', ['alerts'], (s) => (ALERT_EVENTS as readonly string[]).includes(s), `one of ${ALERT_EVENTS.join(', ')}`);
  const webhook = o?.webhook === undefined || o.webhook === null ? undefined : webhookConfig(c, o.webhook, ['alerts', 'webhook']);
  const slack = o?.slack === undefined || o.slack === null ? undefined : webhookConfig(c, o.slack, ['alerts', 'slack']);
  return {
    events: (events ?? ALERT_EVENTS) as AlertsConfig['events'],
    log: c.bool(o, 'log', ['alerts']) ?? false,
    ...(webhook ? { webhook } : {}),
    ...(slack ? { slack } : {}),
  };
}

/** Validates a configuration object; returns the config and the issues (config is meaningful only when none). */
export function validateGatewayConfig(input: unknown): { config: GatewayConfig; issues: ConfigIssue[] } {
  const c = new Checker();
  const d = DEFAULT_CONFIG;
  const root = input === undefined || input === null ? {} : c.obj(input, [], [
    'upstream', 'listen', 'admin', 'spec', 'mode', 'newEndpointMode', 'trustedProxies', 'requestIdHeader', 'limits', 'upstreamOptions',
    'shutdownGraceMs', 'statuses', 'ipList', 'tokenDenylist', 'jwt', 'rateLimits', 'rateLimitStore', 'rateLimitHeaders', 'spec',
    'signatures', 'dataLeak', 'endpoints', 'log', 'tap', 'detection', 'countermeasures', 'decoys', 'alerts',
  ]) ?? {};
  if (typeof root.spec === 'object' && root.spec !== null) {
    // `spec` is both the spec file (string) and the positive-model options (mapping): the mapping may carry `file`
  }
  const upstream = c.str(root, 'upstream', [], /^https?:\/\/[^\s/]+(\/.*)?$/i, 'an http:// URL like http://127.0.0.1:3000');
  const hostPort = (k: string): string | undefined => {
    const raw = root[k];
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string' || !parseHostPort(raw)) {
      c.add([k], 'expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080');
      return undefined;
    }
    return raw;
  };
  const listen = hostPort('listen');
  const admin = root.admin === false ? false : hostPort('admin');

  const specSection = typeof root.spec === 'string' ? undefined : c.obj(root.spec, ['spec'], ['file', 'mode', 'unknownOperation', 'unknownQuery', 'validateRequests', 'validateResponses']);
  const specFile = typeof root.spec === 'string' ? root.spec : c.str(specSection, 'file', ['spec']);

  const limitsO = c.obj(root.limits, ['limits'], Object.keys(d.limits));
  const lim = (k: keyof GatewayConfig['limits'], min: number, max: number) => c.int(limitsO, k, ['limits'], min, max) ?? d.limits[k];
  const limits = {
    maxBodyBytes: lim('maxBodyBytes', 0, 1024 * 1024 * 1024),
    maxResponseInspectBytes: lim('maxResponseInspectBytes', 0, 64 * 1024 * 1024),
    maxHeaderBytes: lim('maxHeaderBytes', 1024, 1024 * 1024),
    maxHeaders: lim('maxHeaders', 8, 10_000),
    headersTimeoutMs: lim('headersTimeoutMs', 100, 600_000),
    requestTimeoutMs: lim('requestTimeoutMs', 100, 3_600_000),
    keepAliveTimeoutMs: lim('keepAliveTimeoutMs', 100, 600_000),
  };
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) c.add(['limits', 'requestTimeoutMs'], 'must be at least limits.headersTimeoutMs');

  const upO = c.obj(root.upstreamOptions, ['upstreamOptions'], Object.keys(d.upstreamOptions));
  const up = (k: Exclude<keyof GatewayConfig['upstreamOptions'], 'preserveHost'>, min: number, max: number) => c.int(upO, k, ['upstreamOptions'], min, max) ?? d.upstreamOptions[k];
  const upstreamOptions = {
    connections: up('connections', 1, 100_000),
    connectTimeoutMs: up('connectTimeoutMs', 10, 600_000),
    headersTimeoutMs: up('headersTimeoutMs', 10, 3_600_000),
    bodyTimeoutMs: up('bodyTimeoutMs', 10, 3_600_000),
    keepAliveTimeoutMs: up('keepAliveTimeoutMs', 100, 600_000),
    preserveHost: c.bool(upO, 'preserveHost', ['upstreamOptions']) ?? d.upstreamOptions.preserveHost,
  };

  const statuses: Record<string, number> = {};
  const stO = c.obj(root.statuses, ['statuses'], Object.keys((root.statuses as object | undefined) ?? {}));
  for (const k of Object.keys(stO ?? {})) {
    const n = c.int(stO, k, ['statuses'], 400, 599);
    if (n !== undefined) statuses[k] = n;
  }

  const cidr = (s: string) => parseCidr(s) !== undefined;
  const ipO = c.obj(root.ipList, ['ipList'], ['mode', 'allow', 'deny']);
  const ipMode = c.mode(ipO, 'mode', ['ipList']);
  const ipList = {
    ...(ipMode ? { mode: ipMode } : {}),
    allow: c.strList(ipO, 'allow', ['ipList'], cidr, 'an IPv4/IPv6 address or CIDR') ?? [],
    deny: c.strList(ipO, 'deny', ['ipList'], cidr, 'an IPv4/IPv6 address or CIDR') ?? [],
  };

  const tdO = c.obj(root.tokenDenylist, ['tokenDenylist'], ['mode', 'sha256', 'files', 'headers', 'queryParams']);
  const tdMode = c.mode(tdO, 'mode', ['tokenDenylist']);
  const tokenDenylist = {
    ...(tdMode ? { mode: tdMode } : {}),
    sha256: (c.strList(tdO, 'sha256', ['tokenDenylist'], (s) => /^[0-9a-fA-F]{64}$/.test(s), 'a SHA-256 hex digest (64 hex characters) — never the token itself') ?? []).map((s) => s.toLowerCase()),
    files: c.strList(tdO, 'files', ['tokenDenylist']) ?? [],
    headers: (c.strList(tdO, 'headers', ['tokenDenylist'], (s) => HEADER_NAME.test(s), 'a header name') ?? d.tokenDenylist.headers).map((s) => s.toLowerCase()),
    queryParams: c.strList(tdO, 'queryParams', ['tokenDenylist']) ?? [],
  };

  const jwt = root.jwt === undefined || root.jwt === null ? undefined : jwtConfig(c, root.jwt, ['jwt']);
  const rateLimits = rateLimitRules(c, root.rateLimits, ['rateLimits']);
  const rlsO = c.obj(root.rateLimitStore, ['rateLimitStore'], ['maxKeys']);

  const specMode = c.mode(specSection, 'mode', ['spec']);
  const unknownOperation = c.mode(specSection, 'unknownOperation', ['spec']);
  const unknownQuery = c.mode(specSection, 'unknownQuery', ['spec']);
  const spec = {
    ...(specMode ? { mode: specMode } : {}),
    ...(unknownOperation ? { unknownOperation } : {}),
    ...(unknownQuery ? { unknownQuery } : {}),
    validateRequests: c.bool(specSection, 'validateRequests', ['spec']) ?? true,
    validateResponses: c.mode(specSection, 'validateResponses', ['spec']) ?? 'off',
  };

  const sigO = c.obj(root.signatures, ['signatures'], ['mode', 'enabled', 'paranoia', 'threshold', 'exclusions', 'offloadAboveBytes']);
  const sigMode = c.mode(sigO, 'mode', ['signatures']);
  const exclusions: Array<Record<string, unknown>> = [];
  const exV = sigO?.exclusions;
  if (exV !== undefined && exV !== null) {
    if (!Array.isArray(exV)) c.add(['signatures', 'exclusions'], 'expected a list of exclusions');
    else
      exV.forEach((e, i) => {
        const p = ['signatures', 'exclusions', i];
        const eo = c.obj(e, p, ['path', 'target', 'rules', 'classes']);
        if (!eo) return;
        const classes = c.strList(eo, 'classes', p, (s) => (ATTACK_CLASSES as readonly string[]).includes(s), `an attack class (${ATTACK_CLASSES.join(', ')})`);
        const path = c.str(eo, 'path', p);
        const target = c.str(eo, 'target', p);
        const rules = c.strList(eo, 'rules', p);
        exclusions.push({ ...(path ? { path } : {}), ...(target ? { target } : {}), ...(rules ? { rules } : {}), ...(classes ? { classes } : {}) });
      });
  }
  const signatures = {
    ...(sigMode ? { mode: sigMode } : {}),
    enabled: c.bool(sigO, 'enabled', ['signatures']) ?? true,
    paranoia: (c.int(sigO, 'paranoia', ['signatures'], 1, 4) ?? 1) as 1 | 2 | 3 | 4,
    threshold: c.int(sigO, 'threshold', ['signatures'], 1, 1000) ?? 5,
    exclusions: exclusions as GatewayConfig['signatures']['exclusions'],
    offloadAboveBytes: c.int(sigO, 'offloadAboveBytes', ['signatures'], 0, 1024 * 1024 * 1024) ?? 8192,
  };

  const dlO = c.obj(root.dataLeak, ['dataLeak'], ['mode', 'action', 'types']);
  const dataLeak = {
    mode: c.mode(dlO, 'mode', ['dataLeak']) ?? (dlO ? 'block' : 'off'),
    action: c.oneOf(dlO, 'action', ['dataLeak'], ['mask', 'block'] as const) ?? 'mask',
    types: (c.strList(dlO, 'types', ['dataLeak'], (s) => (SENSITIVE_TYPES as readonly string[]).includes(s), `a sensitive type (${SENSITIVE_TYPES.join(', ')})`) ?? d.dataLeak.types) as SensitiveType[],
  };

  const endpoints: Array<GatewayConfig['endpoints'][number]> = [];
  const epV = root.endpoints;
  if (epV !== undefined && epV !== null) {
    if (!Array.isArray(epV)) c.add(['endpoints'], 'expected a list of endpoint overrides');
    else
      epV.forEach((e, i) => {
        const p = ['endpoints', i];
        const eo = c.obj(e, p, ['match', 'mode', 'filters']);
        if (!eo) return;
        const match = c.str(eo, 'match', p, /^(?:[A-Za-z]+ \/\S*|[A-Za-z0-9_.:-]+)$/, 'an operation: "METHOD /path/{param}" or an operationId');
        if (!match && eo.match === undefined) c.add([...p, 'match'], 'required: "METHOD /path/{param}" or an operationId');
        const mode = c.mode(eo, 'mode', p);
        const fO = c.obj(eo.filters, [...p, 'filters'], FILTER_NAMES);
        const filters: Record<string, Mode> = {};
        for (const k of Object.keys(fO ?? {})) {
          const m = c.mode(fO, k, [...p, 'filters']);
          if (m) filters[k] = m;
        }
        if (match) endpoints.push({ match, ...(mode ? { mode } : {}), filters });
      });
  }

  const logO = c.obj(root.log, ['log'], ['level']);
  const detection = detectionConfig(c, root.detection);
  const config: GatewayConfig = {
    ...(upstream ? { upstream } : {}),
    listen: listen ?? d.listen,
    admin: admin === false ? false : (admin ?? d.admin),
    ...(specFile ? { specFile } : {}),
    mode: c.mode(root, 'mode', []) ?? d.mode,
    ...(c.mode(root, 'newEndpointMode', []) ? { newEndpointMode: c.mode(root, 'newEndpointMode', []) as Mode } : {}),
    trustedProxies: c.strList(root, 'trustedProxies', [], cidr, 'an IPv4/IPv6 address or CIDR') ?? [],
    requestIdHeader: (c.str(root, 'requestIdHeader', [], HEADER_NAME, 'a header name') ?? d.requestIdHeader).toLowerCase(),
    limits,
    upstreamOptions,
    shutdownGraceMs: c.int(root, 'shutdownGraceMs', [], 0, 600_000) ?? d.shutdownGraceMs,
    statuses,
    ipList,
    tokenDenylist,
    ...(jwt ? { jwt } : {}),
    rateLimits,
    rateLimitStore: { maxKeys: c.int(rlsO, 'maxKeys', ['rateLimitStore'], 100, 50_000_000) ?? d.rateLimitStore.maxKeys },
    rateLimitHeaders: c.bool(root, 'rateLimitHeaders', []) ?? d.rateLimitHeaders,
    spec,
    signatures,
    dataLeak,
    endpoints,
    log: { level: c.oneOf(logO, 'level', ['log'], ['debug', 'info', 'warn', 'error', 'silent'] as const) ?? d.log.level },
    tap: tapConfig(c, root.tap),
    ...(detection ? { detection } : {}),
    countermeasures: countermeasuresConfig(c, root.countermeasures),
    decoys: decoysConfig(c, root.decoys),
    alerts: alertsConfig(c, root.alerts),
  };
  return { config: deepFreeze(config), issues: c.issues };
}

/** Parses and validates YAML text; throws one `E_CONFIG_INVALID` error listing every issue with its line. */
export function parseGatewayConfig(text: string, fileName: string): GatewayConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    throw new RampartError('E_CONFIG_INVALID', `YAML syntax: ${e.message.split('\n')[0]}`, { location: line ? `${fileName}:${line}` : fileName });
  }
  const { config, issues } = validateGatewayConfig(doc.toJS({ maxAliasCount: 100 }));
  if (issues.length === 0) return config;
  const located = issues.map((i) => ({ ...i, line: lineOf(doc, lineCounter, i.path) }));
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw configError(located, fileName);
}

/** One error for a list of issues: the first in the message (with its line), the others on the following lines. */
export function configError(issues: readonly ConfigIssue[], fileName: string): RampartError {
  const lines = issues.map((i) => `${fileName}${i.line ? `:${i.line}` : ''}: ${formatPath(i.path)}: ${i.message}`);
  const first = issues[0]!;
  const more = lines.length > 1 ? `\n${lines.slice(1).join('\n')}` : '';
  return new RampartError('E_CONFIG_INVALID', `${formatPath(first.path)}: ${first.message}${more}`, {
    location: `${fileName}${first.line ? `:${first.line}` : ''}`,
    fix: 'fix the key at the reported line (see docs/gateway/configuration.md)',
  });
}

function lineOf(doc: Document, lc: LineCounter, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    // prefer the key's position for mappings (the value may be on the next line)
    const parentPath = sub.slice(0, -1);
    const last = sub[sub.length - 1];
    const parent = n === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (n > 0 && parent && typeof last === 'string' && isNode(parent) && 'items' in parent) {
      const items = (parent as { items: Array<{ key?: unknown }> }).items;
      const pair = items.find((it) => isNode(it.key) && (it.key as { value?: unknown }).value === last);
      const range = pair && isNode(pair.key) ? (pair.key as { range?: [number, number, number] }).range : undefined;
      if (range) return lc.linePos(range[0]).line;
    }
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    const range = node && isNode(node) ? (node as { range?: [number, number, number] }).range : undefined;
    if (range) return lc.linePos(range[0]).line;
  }
  return undefined;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
