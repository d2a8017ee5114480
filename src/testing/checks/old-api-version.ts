/**
 * API9 improper inventory management: an older version of documented paths still answers (`/api/v1/…` when the
 * spec documents `/api/v2/…`), usually without the fixes and controls of the current one. A version far beyond
 * the current one must not answer, so catch-all servers are not reported.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { withRawPath } from '../mutate-request.js';
import { bodySimilarity, parseJsonBody } from '../response-similarity.js';
import { isSuccess } from '../test-request.js';
import { describeStatus, percent } from './support.js';

const VERSION_SEGMENT = /\/v(\d{1,3})(?=\/|$)/;
const MAX_PATHS = 3;

export const oldApiVersion: Check = {
  id: 'old-api-version',
  title: 'Older API version still answers',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  severity: 'medium',
  intrusive: false,
  scope: 'api',
  description: 'The same request sent to an earlier version prefix (v1 when the spec documents v2) is answered like the current version.',
  fix: 'Retire old versions (410 Gone) or keep them in the inventory with the same controls; do not leave them routed by default.',
  async *probes(t) {
    const gets = t.operations.filter((p) => p.op.method === 'GET' && VERSION_SEGMENT.test(p.fullPath) && Number(VERSION_SEGMENT.exec(p.fullPath)![1]) > 1);
    let n = 0;
    for (const p of gets) {
      if (n >= MAX_PATHS) break;
      const current = await t.baseline(p, p.requiresAuth === false ? undefined : (t.identities.users[0] ?? t.identities.admin));
      if (!isSuccess(current)) continue;
      n++;
      const path = current.request.path;
      const v = Number(VERSION_SEGMENT.exec(path)![1]);
      const control = withRawPath(current.request, path.replace(VERSION_SEGMENT, `/v${v + 97}`));
      for (let old = v - 1; old >= Math.max(0, v - 3); old--) {
        const oldPath = path.replace(VERSION_SEGMENT, `/v${old}`);
        yield {
          label: `GET ${oldPath}`,
          key: `v${old}`,
          steps: [
            { name: 'attack', request: withRawPath(current.request, oldPath) },
            { name: 'current', exchange: current },
            { name: 'control', request: control },
          ],
          data: { oldPath, currentPath: path },
        } satisfies Probe;
      }
    }
  },
  judge: (r: ProbeResults, probe: Probe) => {
    if (!isSuccess(r.attack) || !isSuccess(r.current) || isSuccess(r.control)) return undefined;
    const sim = bodySimilarity(r.attack!.response!.body, r.current!.response!.body);
    if (sim < 0.5 && parseJsonBody(r.attack!.response!.body) === undefined) return undefined;
    return { message: `${String(probe.data?.oldPath)} answers ${describeStatus(r.attack)} (${percent(sim)} the same as the documented ${String(probe.data?.currentPath)}); a made-up version answers ${describeStatus(r.control)}` };
  },
};
