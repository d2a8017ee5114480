/**
 * API8 security misconfiguration: responses name the server software and its version (`Server: X/1.2.3`,
 * `X-Powered-By`, `X-AspNet-Version`…), telling attackers which known vulnerabilities to try. Passive.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import type { TestExchange } from '../test-request.js';

const ALWAYS = ['x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime-version'];
const VERSIONED = ['server', 'via', 'x-server'];
const VERSION = /\d+\.\d+/;

export const serverBanner: Check = {
  id: 'server-banner',
  title: 'Server software and version disclosed',
  owasp: 'API8:2023',
  cwe: 'CWE-497',
  severity: 'low',
  intrusive: false,
  scope: 'api',
  description: 'Response headers name the framework or server and its version.',
  fix: 'Remove X-Powered-By and similar headers, and strip versions from Server (e.g. `app.disable("x-powered-by")`, `server_tokens off`).',
  async *probes(t) {
    const x = t.observed().find((e) => banners(e).length);
    if (!x) return;
    const operation = t.operations.find((o) => o.op === x.request.operation);
    yield { label: 'response headers', key: 'banner', ...(operation ? { operation } : {}), steps: [{ name: 'attack', exchange: x }] } satisfies Probe;
  },
  judge: (r: ProbeResults) => {
    const b = banners(r.attack);
    return b.length ? { message: `the response discloses ${b.join(', ')}` } : undefined;
  },
};

/** Disclosing headers of a response, as `Name: value`. */
export function banners(x: TestExchange | undefined): string[] {
  const out: string[] = [];
  for (const [n, v] of x?.response?.headers ?? []) {
    if (ALWAYS.includes(n) || (VERSIONED.includes(n) && VERSION.test(v))) out.push(`${n}: ${v.slice(0, 80)}`);
  }
  return out;
}
