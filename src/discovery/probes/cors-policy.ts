/**
 * Probe: the CORS policy, asked the way a hostile page would — a request with a foreign `Origin`, then one with
 * `Origin: null` — on the root and on a path that cannot exist (CORS middleware usually answers both).
 */
import { corsFindings, PROBE_ORIGIN, readCorsPolicy } from '../cors.js';
import type { CorsInfo, HostContext, HttpClient, Probe, ProbeResult } from '../types.js';

const RANK: Readonly<Record<CorsInfo['policy'], number>> = { none: 0, fixed: 1, any: 2, null: 3, reflected: 4 };

export const corsPolicyProbe: Probe = {
  name: 'cors-policy',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    const urls = [new URL('/', ctx.origin).href, ctx.notFound.url];
    let best: { info: CorsInfo; url: string } = { info: { allowCredentials: false, policy: 'none' }, url: ctx.origin };
    for (const url of urls) {
      const r = await http.fetch(url, { follow: false, headers: { origin: PROBE_ORIGIN } });
      const info = readCorsPolicy(r.headers, PROBE_ORIGIN);
      if (RANK[info.policy] + (info.allowCredentials ? 0.5 : 0) > RANK[best.info.policy] + (best.info.allowCredentials ? 0.5 : 0)) best = { info, url };
    }
    let nullInfo: CorsInfo | undefined;
    if (best.info.policy !== 'none') {
      const r = await http.fetch(best.url, { follow: false, headers: { origin: 'null' } });
      nullInfo = readCorsPolicy(r.headers, 'null');
    }
    return { cors: best.info, findings: corsFindings(best.info, best.url, nullInfo) };
  },
};
