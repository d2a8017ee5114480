/**
 * API8 security misconfiguration: the TRACE method is enabled and echoes the request (headers included), which
 * helps cross-site tracing and leaks what proxies add.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { withBody, withHeader, withMethod, withRawPath } from '../mutate-request.js';
import { isSuccess } from '../test-request.js';
import { body } from './support.js';

export const httpTraceEnabled: Check = {
  id: 'http-trace-enabled',
  title: 'TRACE method enabled',
  owasp: 'API8:2023',
  cwe: 'CWE-693',
  severity: 'low',
  intrusive: false,
  scope: 'api',
  description: 'A TRACE request is answered with an echo of the request, including a marker header sent with it.',
  fix: 'Disable TRACE (and TRACK) in the server and any proxy in front of it; answer 405.',
  async *probes(t) {
    const x = t.observed()[0];
    const path = x ? x.request.path : t.operations[0]?.fullPath.replace(/\{[^}]+\}/g, '1') ?? '/';
    const marker = t.marker();
    const base = x ? x.request : { method: 'GET', path, query: [], headers: [], auth: { kind: 'none' as const } };
    const req = withHeader(withBody(withMethod(withRawPath({ ...base, query: [] }, path), 'TRACE'), undefined), 'x-rampart-trace', marker);
    yield { label: `TRACE ${path}`, key: 'trace', steps: [{ name: 'attack', request: { ...req, auth: { kind: 'none' } } }], data: { marker } } satisfies Probe;
  },
  judge: (r: ProbeResults, probe: Probe) => {
    const marker = String(probe.data?.marker);
    if (!isSuccess(r.attack) || !body(r.attack).includes(marker)) return undefined;
    return { message: `TRACE is answered ${r.attack!.response!.status} with the request echoed (the marker header came back)` };
  },
};
