/**
 * API3 broken object property level authorisation, reading: responses carry properties their documented schema
 * does not list (a password hash, an internal flag) — the serializer dumps the record instead of the documented
 * view. Passive (judged on the valid requests the run already made), then confirmed by a replay.
 */
import type { ApiOperation } from '../../core/index.js';
import type { Check, Probe, ProbeResults } from '../check.js';
import { parseJsonBody } from '../response-similarity.js';
import { isSuccess, statusOf, type TestExchange } from '../test-request.js';
import { SENSITIVE_FIELD, undocumentedProperties } from '../undocumented-properties.js';

export const excessiveDataExposure: Check = {
  id: 'excessive-data-exposure',
  title: 'Response exposes undocumented properties',
  owasp: 'API3:2023',
  cwe: 'CWE-213',
  severity: 'medium',
  intrusive: false,
  scope: 'api',
  description: 'A successful response carries properties the spec does not document for it; sensitive ones (password hashes, keys, tokens) raise the severity.',
  fix: 'Return an explicit view of each object (an allow-list of fields per response, e.g. a DTO or serializer schema), never the stored record; document what is returned.',
  async *probes(t) {
    const seen = new Set<string>();
    for (const x of t.observed()) {
      const op = x.request.operation;
      const p = op && t.operations.find((o) => o.op === op);
      if (!p || seen.has(p.key) || !isSuccess(x) || !undocumentedIn(x, op).length) continue;
      seen.add(p.key);
      yield { label: `${p.key} response`, key: p.key, operation: p, steps: [{ name: 'attack', exchange: x }] } satisfies Probe;
    }
  },
  judge: judgeExcessive,
};

/** Undocumented property paths in a response to `op` (judged against the documented schema for its status). */
export function undocumentedIn(x: TestExchange | undefined, op: ApiOperation | undefined): string[] {
  if (!x?.response || !op) return [];
  const status = String(statusOf(x));
  const resp = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  const media = resp && Object.entries(resp.content).find(([m]) => m.includes('json'))?.[1];
  if (!media?.schema) return [];
  const body = parseJsonBody(x.response.body);
  return body === undefined ? [] : undocumentedProperties(body, media.schema);
}

export function judgeExcessive(r: ProbeResults) {
  const x = r.attack;
  if (!isSuccess(x)) return undefined;
  const paths = undocumentedIn(x, x!.request.operation);
  if (!paths.length) return undefined;
  const names = [...new Set(paths.map((p) => p.replace(/\[\d+\]/g, '[*]')))];
  const sensitive = names.filter((p) => SENSITIVE_FIELD.test(p.slice(p.lastIndexOf('.') + 1)));
  const list = names.slice(0, 8).join(', ') + (names.length > 8 ? `, … (${names.length} in all)` : '');
  return {
    message: `the ${statusOf(x)} response carries ${names.length} undocumented propert${names.length === 1 ? 'y' : 'ies'}: ${list}${sensitive.length ? `; sensitive: ${sensitive.slice(0, 5).join(', ')}` : ''}`,
    ...(sensitive.length ? { severity: 'high' as const } : {}),
  };
}
