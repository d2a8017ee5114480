/**
 * Schema conformance: responses to valid requests must use a documented status code and match the documented
 * schema and headers (validated with the spec module's response validator). Clients and gateways built from the
 * spec break, and security reviews of the spec miss what the API really returns. Passive, then confirmed by a
 * replay.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { statusOf, type TestExchange } from '../test-request.js';

export const responseSchemaMismatch: Check = {
  id: 'response-schema-mismatch',
  title: 'Response does not match the spec',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  severity: 'low',
  intrusive: false,
  scope: 'api',
  description: 'A valid request gets a response whose status code is not documented or whose body or headers do not match the documented schema.',
  fix: 'Make the implementation and the spec agree: fix the serializer (types, required properties) or document the responses the API really sends; test responses against the spec in CI.',
  async *probes(t) {
    const seen = new Set<string>();
    for (const x of t.observed()) {
      const op = x.request.operation;
      const p = op && t.operations.find((o) => o.op === op);
      if (!p || seen.has(p.key) || !x.response || statusOf(x) === 429 || statusOf(x) === 503) continue;
      if (t.conformance(x).length === 0) continue;
      seen.add(p.key);
      yield { label: `${p.key} response`, key: p.key, operation: p, steps: [{ name: 'attack', exchange: x }], data: { validate: (e: TestExchange) => t.conformance(e) } } satisfies Probe;
    }
  },
  judge: (r: ProbeResults, probe: Probe) => {
    const x = r.attack;
    if (!x?.response) return undefined;
    const validate = probe.data?.validate as ((e: TestExchange) => readonly string[]) | undefined;
    const issues = validate?.(x) ?? [];
    if (!issues.length) return undefined;
    return { message: `the ${statusOf(x)} response breaks the spec: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}` };
  },
};
