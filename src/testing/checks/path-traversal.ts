/**
 * Injection, path traversal: a file-like parameter (named file, path, name, document…, or any path parameter of
 * a download-like operation) set to `../` sequences reaching `/etc/passwd` or `win.ini` returns that file's
 * content, which the baseline does not contain.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { readableText } from './support.js';
import { injectionBase } from './injection-base.js';

const FILE_NAME = /file|path|name|doc|document|template|page|folder|dir|download|attachment|include|resource|report|image|img|asset|view|lang|locale/i;
const FILE_OPERATION = /file|download|document|attachment|static|asset|export|report|image|media/i;
const PAYLOADS = [
  '../../../../../../../../etc/passwd',
  '....//....//....//....//....//....//etc/passwd',
  '/etc/passwd',
  '..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\..\\..\\..\\..\\..\\..\\windows\\win.ini',
];
/** Content of the files reached. */
export const FILE_CONTENT: ReadonlyArray<readonly [string, RegExp]> = [
  ['/etc/passwd', /root:[^:\r\n]{0,40}:0:0:/],
  ['win.ini', /\[(?:fonts|extensions|mci extensions)\]/i],
];

export const pathTraversal: Check = {
  id: 'path-traversal',
  title: 'Path traversal',
  owasp: 'API8:2023',
  cwe: 'CWE-22',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'A file-like parameter set to ../ sequences returns the content of a system file (/etc/passwd, win.ini).',
  fix: 'Map names to files through an allow-list or an id; otherwise resolve the path and check it stays inside the base folder; refuse separators and `..`.',
  async *probes(t) {
    const p = t.op!;
    const fileOp = FILE_OPERATION.test(`${p.op.path} ${p.op.operationId ?? ''}`);
    const base = await injectionBase(t, (x) => (x.type === 'string' || x.type === 'unknown') && (FILE_NAME.test(x.name) || (fileOp && x.loc.in === 'path')));
    if (!base) return;
    for (const point of base.points) {
      for (const payload of PAYLOADS) {
        yield {
          label: `${payload} in ${describeLocation(point.loc)}`,
          steps: [base.baseline, { name: 'attack', request: withValueAt(base.request, point.loc, payload) }],
          data: { where: describeLocation(point.loc), payload },
        } satisfies Probe;
      }
    }
  },
  judge: judgeTraversal,
};

/** Fires when a system file's content appears in the attack's response and not in the baseline's. */
export function judgeTraversal(r: ProbeResults, probe: Probe) {
  const attack = readableText(r.attack);
  const baseline = readableText(r.baseline);
  const hit = FILE_CONTENT.find(([, re]) => re.test(attack) && !re.test(baseline));
  if (!hit) return undefined;
  return { message: `the ${String(probe.data?.where)} set to ${JSON.stringify(probe.data?.payload)} returned the content of ${hit[0]}`, evidence: ['attack', 'baseline'] };
}
