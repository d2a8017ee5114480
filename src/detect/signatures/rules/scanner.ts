/** Security scanners and attack tools, recognised by their User-Agent. */
import type { ValueRule } from '../types.js';
import { SCANNER_USER_AGENTS } from './scanner-user-agents.js';

/** Any of the names (a literal alternation: linear). */
const ANY_SCANNER = new RegExp(SCANNER_USER_AGENTS.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));

export const SCANNER_RULES: readonly ValueRule[] = [
  {
    id: 'scanner-user-agent',
    class: 'scanner',
    severity: 'critical',
    paranoia: 1,
    description: 'a User-Agent of a known security scanner or attack tool (sqlmap, nikto, nuclei, wpscan, …)',
    targets: ['header'],
    headers: ['user-agent'],
    transforms: ['lowercase'],
    detect: (v) => {
      // one scan clears the common User-Agent; on a hit, the first listed name found is the evidence
      if (!ANY_SCANNER.test(v)) return null;
      for (const name of SCANNER_USER_AGENTS) if (v.indexOf(name) !== -1) return { evidence: name };
      return null;
    },
    vectors: {
      fire: [{ value: 'sqlmap/1.7.2#stable (https://sqlmap.org)', kind: 'header', name: 'user-agent' }, { value: 'Mozilla/5.00 (Nikto/2.1.6)', kind: 'header', name: 'user-agent' }, { value: 'Nuclei - Open-source project', kind: 'header', name: 'user-agent' }],
      noFire: [{ value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', kind: 'header', name: 'user-agent' }, { value: 'curl/8.4.0', kind: 'header', name: 'user-agent' }, { value: 'python-requests/2.31.0', kind: 'header', name: 'user-agent' }],
    },
  },
];
