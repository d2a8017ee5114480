/**
 * The test runner: logs the identities in, learns ids by exercising the API with valid requests (lists, then
 * creates, then reads), runs every selected check's probes, re-verifies every positive verdict, and returns a
 * report. Sequential and bounded: one request at a time (bursts excepted), a rate cap, a time box, capped
 * bodies, at most `MAX_PROBES_PER_UNIT` probes per check and operation.
 *
 * Safety: without `includeIntrusive`, intrusive checks do not run and no PUT, PATCH or DELETE request is sent
 * to the API's operations; creates (POST) are sent to learn ids. DELETE operations are only ever exercised by
 * intrusive checks, and those only change or delete objects the runner created itself.
 */
import { randomBytes } from 'node:crypto';
import type { ApiDescription, ApiOperation, Severity } from '../core/index.js';
import { RampartError, headerValue, isJsonMediaType, mediaType } from '../core/index.js';
import { createResponseValidator } from '../spec/index.js';
import { buildRequest, pickMediaType, type BuildOptions } from './build-request.js';
import { startCanary, type Canary } from './canary.js';
import type { AuthProbe, Check, CheckContext, IdentityRoles, Judgement, Probe, ProbeResults, RunTuning } from './check.js';
import { curlCommand } from './curl-command.js';
import { buildEvidence, maskSecrets, sortedSecrets, withDerived } from './evidence.js';
import { createIdPool } from './id-pool.js';
import type { IdentityConfig } from './identity.js';
import { decodeJwt, forgeCorrupted } from './jwt.js';
import type { ValueLocation } from './mutate-request.js';
import { withAuth, withoutAuth } from './mutate-request.js';
import { basePathFor, isSafeMethod, planOperations, type PlannedOperation } from './plan.js';
import { parseJsonBody } from './response-similarity.js';
import { schemaObject } from './sample-value.js';
import { DeadlineReached, createSender } from './send-request.js';
import { createSessions } from './sessions.js';
import { countBySeverity, sortFindings, type CheckOutcome, type TestFinding, type TestReport } from './test-report.js';
import { isSuccess, type TestExchange } from './test-request.js';
import { systemClock, type Clock } from './throttle.js';

export interface TestRunOptions {
  readonly api?: ApiDescription;
  /** The spec file as the user named it (for the report). */
  readonly specFile?: string;
  /** Operations from the stored inventory (shadow endpoints), added after the spec's. */
  readonly extraOperations?: readonly ApiOperation[];
  /** Base URL of the running API. */
  readonly target: string;
  readonly identities: readonly IdentityConfig[];
  readonly checks: readonly Check[];
  readonly includeIntrusive?: boolean;
  /** Requests per second at most. */
  readonly rateLimit?: number;
  /** Time box for the whole run, ms. */
  readonly maxDurationMs?: number;
  /** Per-request timeout, ms (default 10 s; raised for time-based tests as needed). */
  readonly timeoutMs?: number;
  readonly tuning?: Partial<Omit<RunTuning, 'includeIntrusive' | 'rateLimit'>>;
  /** Where the SSRF canary listens (default 127.0.0.1) and the host name targets should use to reach it. */
  readonly canaryHost?: string;
  readonly canaryAdvertisedHost?: string;
  readonly toolVersion?: string;
  /** Where an operation is written in the spec (file and line), for findings. */
  readonly locateOperation?: (op: ApiOperation) => { file: string; line: number } | undefined;
  readonly clock?: Clock;
  readonly onEvent?: (e: RunEvent) => void;
}

export type RunEvent =
  | { readonly kind: 'phase'; readonly phase: 'connect' | 'login' | 'learn' | 'checks' | 'done' }
  | { readonly kind: 'progress'; readonly done: number; readonly total: number; readonly check: string }
  | { readonly kind: 'finding'; readonly finding: TestFinding };

const MAX_PROBES_PER_UNIT = 80;
const MAX_OBSERVED = 1000;
const RESPONSE_BODY_LIMIT = 1024 * 1024;
const DEFAULT_TUNING = { timeDelayMs: 2000, burstSize: 50, largePayloadBytes: 1024 * 1024, lockoutAttempts: 8 };
const STAGES = ['main', 'late', 'last'] as const;

export async function runTests(o: TestRunOptions): Promise<TestReport> {
  const clock = o.clock ?? systemClock;
  const started = clock.now();
  let target: URL;
  try {
    target = new URL(o.target);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new RampartError('E_USAGE', `--target must be an http:// or https:// URL (got "${o.target}")`, { fix: 'pass the base URL of the running API, e.g. --target http://localhost:3000' });
  }
  const includeIntrusive = o.includeIntrusive ?? false;
  const tuning: RunTuning = { ...DEFAULT_TUNING, ...o.tuning, includeIntrusive, ...(o.rateLimit ? { rateLimit: o.rateLimit } : {}) };
  const deadline = o.maxDurationMs ? started + o.maxDurationMs : undefined;
  const emit = o.onEvent ?? (() => {});
  const warnings: string[] = [];
  const pool = createIdPool();
  const observed: TestExchange[] = [];
  const observedKeys = new Set<string>();
  const basePath = basePathFor(target, o.api);
  const operations = planOperations(o.api, basePath, o.extraOperations);
  const templates = operations.map((p) => p.fullPath);

  // identities by role
  const roles: IdentityRoles = {
    users: o.identities.filter((i) => i.role === 'user' && !i.expired).map((i) => i.name),
    ...(o.identities.find((i) => i.role === 'admin' && !i.expired) ? { admin: o.identities.find((i) => i.role === 'admin' && !i.expired)!.name } : {}),
    expired: o.identities.filter((i) => i.expired).map((i) => i.name),
  };
  const actors = [...roles.users, ...(roles.admin ? [roles.admin] : [])];

  // the sender needs the sessions (credentials) and the sessions need the sender (logins)
  const late: { sessions?: ReturnType<typeof createSessions> } = {};
  const learn = (x: TestExchange) => {
    const r = x.response;
    if (!r || !x.request.valid) return;
    const identity = x.request.auth.kind === 'identity' ? x.request.auth.identity : '';
    if (r.status >= 200 && r.status < 300) {
      const template = x.request.pathTemplate ?? x.request.path;
      const loc = headerValue(r.headers, 'location');
      if (loc) pool.learnFromLocation(loc, templates, '', identity);
      if (isJsonMediaType(mediaType(r.headers)) || /^\s*[{[]/.test(r.body)) {
        const body = parseJsonBody(r.body);
        if (body !== undefined) pool.learnFromBody(body, x.request.method, template.startsWith(basePath) ? template.slice(basePath.length) || '/' : template, identity);
      }
    }
    const key = `${x.request.method} ${x.request.pathTemplate ?? x.request.path} ${identity} ${r.status}`;
    if (!observedKeys.has(key) && observed.length < MAX_OBSERVED) {
      observedKeys.add(key);
      observed.push(x);
    }
  };
  const sender = createSender({
    origin: new URL(target.origin),
    timeoutMs: Math.max(o.timeoutMs ?? 10_000, tuning.timeDelayMs * 3 + 2000),
    bodyLimit: RESPONSE_BODY_LIMIT,
    ...(o.rateLimit ? { ratePerSecond: o.rateLimit } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
    clock,
    credentials: (auth) => late.sessions!.credentials(auth),
    onUnauthorized: (identity) => late.sessions!.refresh(identity),
    onExchange: learn,
    defaultHeaders: [['user-agent', `rampart-test/${o.toolVersion ?? '0'}`]],
  });
  const sessions = createSessions(o.identities, (req) => sender.send(req), () => clock.now());
  late.sessions = sessions;

  const description: ApiDescription = o.api
    ? { ...o.api, operations: [...o.api.operations, ...(o.extraOperations ?? [])] }
    : { source: { kind: 'discovery', version: 'inventory' }, title: 'inventory', dialect: 'openapi-3.0', servers: [], operations: [...(o.extraOperations ?? [])], securitySchemes: {} };
  const validateResponse = createResponseValidator(description, { maxIssues: 5, checkHeaders: true });
  const conformance = (x: TestExchange): string[] => {
    const op = x.request.operation;
    if (!op || !x.response) return [];
    try {
      return validateResponse(op, x.response.status, x.response.headers, { text: x.response.body, ...(x.response.truncated ? { truncated: true } : {}) }).map((i) =>
        i.location === 'status' ? i.message : `${i.location}${i.name ? ` ${i.name}` : ''}${i.pointer ? ` ${i.pointer}` : ''}: ${i.message}`,
      );
    } catch {
      return [];
    }
  };

  let canary: Canary | undefined;
  const findings: TestFinding[] = [];
  const outcomes: CheckOutcome[] = [];
  let unconfirmed = 0;
  let timedOut = false;

  try {
    // 1. the target answers at all
    emit({ kind: 'phase', phase: 'connect' });
    const hello = await sender.send({ method: 'GET', path: basePath || '/', query: [], headers: [], auth: { kind: 'none' } });
    if (!hello.response) {
      throw new RampartError('E_TARGET_UNREACHABLE', hello.error ?? 'no response', { location: o.target });
    }
    // 2. log in
    emit({ kind: 'phase', phase: 'login' });
    await sessions.loginAll();
    if (operations.length === 0) warnings.push('no operations to test: the spec (and inventory) documents none');
    if (roles.users.length < 2) warnings.push('fewer than two user identities: the object-level authorisation tests (BOLA) need two (e.g. alice and bob) and were skipped');

    // 3. learn ids with valid requests
    emit({ kind: 'phase', phase: 'learn' });
    const nonce = randomBytes(3).toString('hex');
    const baselines = new Map<string, Promise<TestExchange>>();
    const build = (p: PlannedOperation, b: BuildOptions = {}) => buildRequest(p, { pool, ...b });
    const baseline = (p: PlannedOperation, identity: string | undefined): Promise<TestExchange> => {
      const key = `${p.key}\u0000${identity ?? ''}`;
      let x = baselines.get(key);
      if (!x) {
        x = sender.send(build(p, identity ? { identity } : {}));
        baselines.set(key, x);
        x.catch(() => baselines.delete(key));
      }
      return x;
    };
    // PUT/PATCH only with --include-intrusive; DELETE only for intrusive checks (a valid DELETE destroys what others use)
    const allowedOp = (c: Check, p: PlannedOperation) => {
      const m = p.op.method;
      if (m === 'DELETE') return includeIntrusive && c.intrusive;
      return includeIntrusive || isSafeMethod(m) || m === 'POST';
    };
    await learnIds();

    async function learnIds(): Promise<void> {
      const who = actors.length ? actors : [''];
      const lists = operations.filter((p) => p.op.method === 'GET' && !p.fullPath.includes('{'));
      for (const id of who) for (const p of lists) await baseline(p, id || undefined);
      let n = 0;
      for (const p of operations.filter(isCreate)) {
        for (const id of who) {
          for (let i = 0; i < 2; i++) {
            n++;
            await sender.send(build(p, { ...(id ? { identity: id } : {}), seed: n, values: uniqueValues(p, nonce, n) }));
          }
        }
      }
      const reads = operations.filter((p) => p.op.method === 'GET' && p.fullPath.includes('{'));
      for (const id of who) for (const p of reads) await baseline(p, id || undefined);
    }

    // 4. the checks
    emit({ kind: 'phase', phase: 'checks' });
    const authProbes = new Map<string, Promise<AuthProbe | undefined>>();
    const findAuthProbe = async (identity: string): Promise<AuthProbe | undefined> => {
      const candidates = operations
        .filter((p) => p.op.method === 'GET' && p.requiresAuth !== false)
        .sort((a, b) => Number(a.fullPath.includes('{')) - Number(b.fullPath.includes('{')))
        .slice(0, 12);
      for (const p of candidates) {
        const allowed = await baseline(p, identity);
        if (!isSuccess(allowed)) continue;
        const refused = await sender.send(withoutAuth(allowed.request));
        if (!(refused.response && (refused.response.status === 401 || refused.response.status === 403))) continue;
        // the operation must also refuse a tampered token, or token forgeries cannot be told apart from no checking
        const token = sessions.token(identity);
        const jwt = token ? decodeJwt(token) : undefined;
        const carrier = sessions.tokenCarrier(identity);
        if (jwt && carrier?.in === 'header') {
          const tampered = await sender.send(withAuth(allowed.request, { kind: 'forged', headers: [[carrier.name, `${carrier.prefix}${forgeCorrupted(jwt)}`]], note: 'tampered signature', derivedFrom: { identity, label: 'token-tampered' } }));
          if (isSuccess(tampered)) continue;
        }
        return { operation: p, request: allowed.request, allowed, refused };
      }
      return undefined;
    };
    let markerCount = 0;
    const runnable = o.checks.filter((c) => {
      if (c.intrusive && !includeIntrusive) {
        outcomes.push(outcome(c, 'skipped', 0, 0, 0, 0, 'intrusive: runs only with --include-intrusive'));
        return false;
      }
      return true;
    });
    const ordered = STAGES.flatMap((s) => runnable.filter((c) => (c.stage ?? 'main') === s));
    const units = ordered.map((c) => ({ c, ops: c.scope === 'operation' ? operations.filter((p) => allowedOp(c, p) && (c.select?.(p, { includeIntrusive, identities: roles }) ?? true)) : [undefined] }));
    const total = units.reduce((n, u) => n + u.ops.length, 0);
    let done = 0;
    for (const { c, ops } of units) {
      const t0 = clock.now();
      let probes = 0;
      let found = 0;
      const skipReasons: string[] = [];
      let status: CheckOutcome['status'] = 'passed';
      if (timedOut) {
        outcomes.push(outcome(c, 'incomplete', ops.length, 0, 0, 0, 'not started: the time box (--max-duration) was over'));
        continue;
      }
      if (c.scope === 'operation' && ops.length === 0) {
        outcomes.push(outcome(c, 'skipped', 0, 0, 0, 0, 'no operation qualifies'));
        continue;
      }
      for (const op of ops) {
        emit({ kind: 'progress', done, total, check: c.id });
        done++;
        const confirmedKeys = new Set<string>();
        const ctx: CheckContext = {
          op,
          operations,
          identities: roles,
          pool,
          sessions,
          tuning,
          build,
          send: (req) => sender.send(req),
          baseline,
          observed: () => observed,
          conformance,
          authProbe: (identity) => {
            let p = authProbes.get(identity);
            if (!p) authProbes.set(identity, (p = findAuthProbe(identity)));
            return p;
          },
          canary: async () => (canary ??= await startCanary(o.canaryHost, 0, o.canaryAdvertisedHost)),
          marker: () => `rmp${(++markerCount).toString(36)}${randomBytes(3).toString('hex')}`,
          skip: (reason) => void (skipReasons.includes(reason) || skipReasons.length >= 5 || skipReasons.push(reason)),
        };
        try {
          let n = 0;
          for await (const probe of c.probes(ctx)) {
            if (++n > MAX_PROBES_PER_UNIT) break;
            const key = probe.key ?? (op ? op.key : probe.label);
            if (confirmedKeys.has(key)) continue;
            probes++;
            const first = await sendSteps(probe, false);
            let verdict = safeJudge(c, first, probe);
            let results = first;
            for (const req of probe.cleanup ?? []) await sender.send(req);
            if (verdict && probe.verify !== 'self') {
              const again = await sendSteps(probe, true);
              const second = safeJudge(c, again, probe);
              if (!second) {
                unconfirmed++;
                verdict = undefined;
              } else {
                results = again;
                verdict = second;
              }
              for (const req of probe.cleanup ?? []) await sender.send(req);
            }
            if (!verdict) continue;
            confirmedKeys.add(key);
            const f = toFinding(c, verdict, probe, results, probe.operation ?? op, probe.verify === 'self' ? 'self-verified' : 'replayed');
            findings.push(f);
            found++;
            emit({ kind: 'finding', finding: f });
          }
        } catch (err) {
          if (err instanceof DeadlineReached) {
            timedOut = true;
            status = 'incomplete';
            skipReasons.unshift('cut short by the time box (--max-duration)');
            break;
          }
          if (err instanceof RampartError) throw err;
          warnings.push(`test ${c.id}${op ? ` on ${op.key}` : ''} stopped: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (status !== 'incomplete') status = found ? 'failed' : probes === 0 ? 'skipped' : 'passed';
      const reason = status === 'skipped' ? (skipReasons.join('; ') || 'nothing to try on the selected operations') : skipReasons[0] && status === 'incomplete' ? skipReasons[0] : undefined;
      outcomes.push(outcome(c, status, ops.length, probes, found, clock.now() - t0, reason));
    }
  } finally {
    sender.close();
    await canary?.close();
  }
  emit({ kind: 'phase', phase: 'done' });

  const sorted = sortFindings(findings);
  return {
    tool: { name: 'rampart', version: o.toolVersion ?? '0.0.0' },
    target: o.target,
    ...(o.specFile ? { spec: o.specFile } : {}),
    startedAt: new Date(started).toISOString(),
    durationMs: clock.now() - started,
    options: {
      includeIntrusive,
      ...(o.rateLimit ? { rateLimit: o.rateLimit } : {}),
      ...(o.maxDurationMs ? { maxDurationMs: o.maxDurationMs } : {}),
      identities: o.identities.map((i) => i.name),
    },
    summary: {
      operations: operations.length,
      checks: outcomes.filter((c) => c.status !== 'skipped').length,
      requests: sender.count,
      findings: countBySeverity(sorted),
      unconfirmed,
      throttledMs: sender.throttledMs,
      timedOut,
    },
    findings: sorted,
    checks: [...outcomes].sort((a, b) => a.id.localeCompare(b.id)),
    warnings,
  };

  async function sendSteps(probe: Probe, replay: boolean): Promise<ProbeResults> {
    const out: Record<string, TestExchange> = {};
    for (const s of probe.steps) {
      if ('exchange' in s) out[s.name] = replay ? await sender.send(s.exchange.request) : s.exchange;
      else out[s.name] = await sender.send(s.request);
    }
    return out;
  }

  function toFinding(c: Check, j: Judgement, probe: Probe, results: ProbeResults, op: PlannedOperation | undefined, verified: TestFinding['verified']): TestFinding {
    const names = j.evidence ?? ['attack', ...Object.keys(results).filter((k) => k !== 'attack')];
    const pairs = names.filter((n) => results[n]).map((n) => [n, results[n]!] as const);
    const attack = pairs[0]?.[1] ?? Object.values(results)[0]!;
    const secrets = sessions.secrets();
    const timing = c.id.endsWith('-time') || c.id === 'command-injection';
    const path = op ? op.op.path : attack.request.path;
    const severity: Severity = j.severity ?? c.severity;
    return {
      rule: c.id,
      test: c.id,
      title: c.title,
      severity,
      message: j.message,
      owasp: c.owasp,
      cwe: c.cwe,
      method: op ? op.op.method : attack.request.method,
      path,
      ...(op?.op.operationId ? { operationId: op.op.operationId } : {}),
      source: op ? op.source : 'api',
      ...(op && o.locateOperation?.(op.op) ? { specLocation: o.locateOperation(op.op)! } : {}),
      url: maskSecrets(attack.url, sortedSecrets(withDerived(secrets, attack)), (l) => `[REDACTED:${l.identity} ${l.label}]`),
      evidence: buildEvidence(pairs, secrets, timing),
      curl: curlCommand(attack, secrets),
      fix: c.fix,
      intrusive: c.intrusive,
      verified,
    };
  }

  function isCreate(p: PlannedOperation): boolean {
    if (p.op.method !== 'POST' || /\}\/?$/.test(p.fullPath)) return false;
    if (/login|logout|sign-?in|sign-?out|token|password|reset|otp|verify|validate|check|search|import|export|upload|share|track|avatar|lookup|query|graphql|batch|bulk/i.test(`${p.op.path} ${p.op.operationId ?? ''}`)) return false;
    if (p.op.responses['201']) return true;
    for (const [status, r] of Object.entries(p.op.responses)) {
      if (!status.startsWith('2')) continue;
      for (const m of Object.values(r.content)) {
        const props = schemaObject(m.schema).properties as Record<string, unknown> | undefined;
        if (props && ('id' in props || '_id' in props || 'uuid' in props)) return true;
      }
    }
    return false;
  }
}

function safeJudge(c: Check, results: ProbeResults, probe: Probe): Judgement | undefined {
  try {
    return c.judge(results, probe);
  } catch {
    return undefined;
  }
}

function outcome(c: Check, status: CheckOutcome['status'], operations: number, probes: number, findings: number, ms: number, reason?: string): CheckOutcome {
  return {
    id: c.id,
    title: c.title,
    owasp: c.owasp,
    cwe: c.cwe,
    severity: c.severity,
    intrusive: c.intrusive,
    description: c.description,
    fix: c.fix,
    origin: c.origin ?? 'builtin',
    status,
    operations,
    probes,
    findings,
    ...(reason ? { reason } : {}),
    ms,
  };
}

/** Values that must differ between creates (e-mails, user names): a run nonce and a counter keep them unique. */
function uniqueValues(p: PlannedOperation, nonce: string, n: number): Array<[ValueLocation, unknown]> {
  const media = pickMediaType(p.op.requestBody?.content);
  if (!media) return [];
  const props = (schemaObject(media[1].schema).properties ?? {}) as Record<string, unknown>;
  const out: Array<[ValueLocation, unknown]> = [];
  for (const k of Object.keys(props)) {
    const lower = k.toLowerCase();
    if (lower.includes('email')) out.push([{ in: 'body', path: [k] }, `rampart.${nonce}.${n}@example.com`]);
    else if (/^(user(name)?|login|handle|slug|nickname)$/.test(lower)) out.push([{ in: 'body', path: [k] }, `rampart_${nonce}_${n}`]);
  }
  return out;
}
