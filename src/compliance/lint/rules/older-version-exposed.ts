import type { LintRule, RuleHit } from '../lint-rule.js';
import { operationsOf } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** A version path segment: `v2`, `v2.7`, `v4.0`. */
const VERSION = /^v(\d{1,4}(?:\.\d{1,4}){0,2})$/i;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Operations of an older API version, documented beside a newer version of the same path, are deprecated. */
export const olderVersionExposed: LintRule = {
  id: 'older-version-exposed',
  severity: 'warn',
  owasp: 'API9:2023',
  cwe: null,
  title: 'Older versions of an operation are deprecated or removed',
  description:
    'When `/v2/check-otp` and `/v3/check-otp` are both published and the old one is not deprecated, the old version stays live with whatever protections it lacked (rate limits, validation) — attackers call the old one (improper inventory management, API9:2023).',
  fix: 'Remove the older version, or mark it `deprecated: true` with a sunset date and give it the same protections as the newest.',
  given: '$',
  check(root) {
    const groups = new Map<string, Array<{ version: string; op: ReturnType<typeof operationsOf>[number] }>>();
    for (const op of operationsOf(root)) {
      const segs = op.pathKey.split('/');
      const i = segs.findIndex((s) => VERSION.test(s));
      if (i < 0) continue;
      const version = (VERSION.exec(segs[i] as string) as RegExpExecArray)[1] as string;
      const key = `${op.method} ${[...segs.slice(0, i), '{version}', ...segs.slice(i + 1)].join('/')}`;
      const list = groups.get(key) ?? [];
      list.push({ version, op });
      groups.set(key, list);
    }
    const hits: RuleHit[] = [];
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const newest = list.reduce((a, b) => (compareVersions(b.version, a.version) > 0 ? b : a));
      for (const { version, op } of list) {
        if (compareVersions(version, newest.version) >= 0 || op.op.deprecated === true) continue;
        hits.push({ message: `${op.method.toUpperCase()} ${op.pathKey} (v${version}) is documented beside v${newest.version} (${newest.op.pathKey}) and is not deprecated.`, path: op.at });
      }
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/auth/v2/check-otp': { post: { responses: { 200: ok } } }, '/auth/v3/check-otp': { post: { responses: { 200: ok } } }, '/auth/v2.7/login': { post: { responses: { 200: ok } } }, '/auth/v4.0/login': { post: { responses: { 200: ok } } } }),
        at: ["$.paths['/auth/v2/check-otp'].post", "$.paths['/auth/v2.7/login'].post"],
      },
    ],
    pass: [
      vectorSpec({
        '/v1/users': { get: { deprecated: true, responses: { 200: ok } } },
        '/v2/users': { get: { responses: { 200: ok } } },
        '/v1/orders': { get: { responses: { 200: ok } } },
        '/v2/orders': { post: { responses: { 200: ok } } },
      }),
    ],
  },
};
