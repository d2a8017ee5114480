/**
 * Small pieces the built-in checks share: who acts on an operation, how responses read for judges, the
 * admin-operation and page-size heuristics.
 */
import type { CheckContext, IdentityRoles, ProbeStep } from '../check.js';
import { isSafeMethod, type PlannedOperation } from '../plan.js';
import { flattenJson, parseJsonBody } from '../response-similarity.js';
import { isSuccess, statusOf, type TestExchange } from '../test-request.js';

/** The identity that sends valid requests to an operation: none for public ones, else the first user (or admin). */
export function actorFor(p: PlannedOperation, roles: IdentityRoles): string | undefined {
  if (p.requiresAuth === false) return undefined;
  return roles.users[0] ?? roles.admin;
}

/** A 2xx baseline for the operation from its actor, trying the admin too; undefined when none answers 2xx. */
export async function successfulBaseline(t: CheckContext, p: PlannedOperation): Promise<TestExchange | undefined> {
  const who = [actorFor(p, t.identities), ...(p.requiresAuth === false ? [] : [t.identities.admin])].filter((x, i, a) => a.indexOf(x) === i);
  for (const id of who) {
    const x = await t.baseline(p, id);
    if (isSuccess(x)) return x;
  }
  return undefined;
}

/**
 * A baseline as a probe step: reads are sent again next to the attack (data may have changed since the baseline
 * was cached); other methods reuse the cached exchange (sending them again would create or change more).
 */
export function freshStep(name: string, x: TestExchange): ProbeStep {
  return isSafeMethod(x.request.method) ? { name, request: x.request } : { name, exchange: x };
}

/** The response body ('' when none). */
export function body(x: TestExchange | undefined): string {
  return x?.response?.body ?? '';
}

/**
 * The text a person would read in a response: for JSON, every string value decoded (so `\n` in a JSON string
 * is a real newline) plus the raw text; otherwise the raw text.
 */
export function readableText(x: TestExchange | undefined): string {
  const raw = body(x);
  const json = parseJsonBody(raw);
  if (json === undefined) return raw;
  const strings: string[] = [];
  for (const v of flattenJson(json).values()) if (v.startsWith('"')) strings.push(JSON.parse(v) as string);
  return `${raw}\n${strings.join('\n')}`;
}

/** `200`, `401`, or `no response (timeout)`. */
export function describeStatus(x: TestExchange | undefined): string {
  if (!x) return 'not sent';
  return x.response ? String(statusOf(x)) : `no response (${x.error ?? 'error'})`;
}

export function percent(sim: number): string {
  return `${Math.round(sim * 100)}%`;
}

/** True for statuses that mean "slow down" or "locked" rather than an answer on the merits. */
export function isThrottleStatus(x: TestExchange | undefined): boolean {
  const s = statusOf(x);
  return s === 429 || s === 423 || s === 503;
}

const ADMIN_SEGMENT = /^(?:admin|administrator|internal|manage|management|staff|superuser|sudo|root|backoffice|back-office|console|ops)$/i;
const ADMIN_TAG = /^(?:admin|administration|administrator|internal|management|staff|backoffice|ops)$/i;

/** True for operations meant for administrators: by tag, path segment, operationId, scope or `x-rampart-admin`. */
export function isAdminOperation(p: PlannedOperation): boolean {
  const op = p.op;
  if (op.extensions['x-rampart-admin'] === true) return true;
  if (op.extensions['x-rampart-admin'] === false) return false;
  if (op.tags.some((t) => ADMIN_TAG.test(t))) return true;
  if (op.path.split('/').some((s) => ADMIN_SEGMENT.test(s))) return true;
  if (op.operationId && /^admin/i.test(op.operationId)) return true;
  return (op.security ?? []).some((alt) => Object.values(alt).some((scopes) => scopes.some((s) => /admin/i.test(s))));
}

/** Query parameters that size a page of results. */
export const PAGE_SIZE_PARAM = /^(?:limit|size|page_?size|per_?page|count|max|max_?results|top|first|take|num|rows)$/i;
