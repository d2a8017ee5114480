/**
 * API8 security misconfiguration: CORS reflects any Origin (or `null`) and allows credentials, so any web page
 * a user visits can call the API as that user and read the answers.
 */
import { headerValue } from '../../core/index.js';
import type { Check, CheckContext, Probe, ProbeResults } from '../check.js';
import { withHeader } from '../mutate-request.js';
import type { TestExchange } from '../test-request.js';
import { isSuccess } from '../test-request.js';

const EVIL_ORIGIN = 'https://rampart-evil.example';

export const corsAnyOrigin: Check = {
  id: 'cors-any-origin',
  title: 'CORS allows any origin with credentials',
  owasp: 'API8:2023',
  cwe: 'CWE-942',
  severity: 'high',
  intrusive: false,
  scope: 'api',
  description: 'A request with a foreign Origin gets Access-Control-Allow-Origin echoing it together with Access-Control-Allow-Credentials: true.',
  fix: 'Compare Origin with an explicit allow-list; never echo it back, never allow `null`, and only send Allow-Credentials for trusted origins.',
  async *probes(t) {
    const base = await pickExchange(t);
    if (!base) return t.skip('no operation answered 2xx to a valid request');
    for (const origin of [EVIL_ORIGIN, 'null']) {
      yield {
        label: `Origin: ${origin}`,
        key: 'cors',
        ...(opOf(t, base) ? { operation: opOf(t, base)! } : {}),
        steps: [
          { name: 'attack', request: withHeader(base.request, 'origin', origin) },
          { name: 'twin', exchange: base },
        ],
        data: { origin },
      } satisfies Probe;
    }
  },
  judge: judgeCors,
};

/** A successful valid exchange to replay, preferring one made with credentials. */
async function pickExchange(t: CheckContext): Promise<TestExchange | undefined> {
  const ok = t.observed().filter((x) => isSuccess(x) && x.request.method === 'GET');
  return ok.find((x) => x.request.auth.kind === 'identity') ?? ok[0];
}

function opOf(t: CheckContext, x: TestExchange) {
  return t.operations.find((o) => o.op === x.request.operation);
}

/** Fires when the foreign origin is echoed (or `*` is sent) together with Allow-Credentials: true. */
export function judgeCors(r: ProbeResults, probe: Probe) {
  const h = r.attack?.response?.headers ?? [];
  const acao = headerValue(h, 'access-control-allow-origin');
  const acac = headerValue(h, 'access-control-allow-credentials');
  const origin = String(probe.data?.origin);
  if (acac?.trim().toLowerCase() !== 'true' || (acao !== origin && acao !== '*')) return undefined;
  return { message: `Origin: ${origin} is answered with Access-Control-Allow-Origin: ${acao} and Access-Control-Allow-Credentials: true` };
}
