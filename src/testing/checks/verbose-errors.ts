/**
 * API8 security misconfiguration: error responses carry stack traces or framework debug output (file paths,
 * line numbers, exception classes), provoked with malformed JSON and wrongly typed parameters.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { pickMediaType } from '../build-request.js';
import { injectionPoints } from '../injection-points.js';
import { withBody, withValueAt } from '../mutate-request.js';
import { isSafeMethod } from '../plan.js';
import { actorFor, readableText } from './support.js';

/** Stack-trace and debug-output signatures per platform; each is linear-time (no nested or overlapping quantifiers). */
export const STACK_SIGNATURES: ReadonlyArray<readonly [string, RegExp]> = [
  ['Node.js stack trace', /\n\s{0,8}at [\w$.<>[\] ]{0,120}\(?(?:\/|[A-Za-z]:\\|node:|file:\/\/)[^\s():]{1,300}:\d+:\d+\)?/],
  ['Python traceback', /Traceback \(most recent call last\)|File "[^"\n]{1,300}", line \d+/],
  ['Java stack trace', /\n\s{0,8}at [a-zA-Z_$][\w$]{0,60}(?:\.[\w$<>]{1,80}){2,20}\([\w$]{0,80}\.(?:java|kt|scala):\d+\)/],
  ['.NET stack trace', / in [^\n]{1,300}:line \d+|System\.[A-Za-z.]{1,80}Exception:/],
  ['PHP error', /(?:Fatal error|Parse error|Warning|Notice)(?:<\/b>)?: [^\n]{0,300} on line (?:<b>)?\d+/],
  ['Ruby backtrace', /\.rb:\d+:in `/],
  ['Go panic', /goroutine \d+ \[running\]:|panic: runtime error/],
];

/** The platforms whose debug output appears in `text`. */
export function stackSignatures(text: string): string[] {
  const t = text.length > 256 * 1024 ? text.slice(0, 256 * 1024) : text;
  return STACK_SIGNATURES.filter(([, re]) => re.test(t)).map(([name]) => name);
}

export const verboseErrors: Check = {
  id: 'verbose-errors',
  title: 'Errors expose stack traces or debug output',
  owasp: 'API8:2023',
  cwe: 'CWE-209',
  severity: 'medium',
  intrusive: false,
  scope: 'operation',
  description: 'Malformed JSON or a wrongly typed parameter makes the API answer with a stack trace or debug output.',
  fix: 'Catch errors at the edge and answer a generic problem+json body (log the details server-side with a correlation id); turn debug modes off in production.',
  async *probes(t) {
    const p = t.op!;
    const identity = actorFor(p, t.identities);
    const base = isSafeMethod(p.op.method) ? (await t.baseline(p, identity)).request : t.build(p, identity ? { identity } : {});
    const baselineStep = isSafeMethod(p.op.method) ? { name: 'baseline', exchange: await t.baseline(p, identity) } : { name: 'baseline', request: base };
    const media = pickMediaType(p.op.requestBody?.content);
    if (media?.[0].includes('json')) {
      yield { label: 'malformed JSON body', steps: [baselineStep, { name: 'attack', request: withBody(base, { kind: 'raw', contentType: 'application/json', text: '{"rampart": [1, 2' }) }], data: { what: 'a malformed JSON body' } } satisfies Probe;
    }
    const typed = injectionPoints(p, base).find((x) => x.loc.in !== 'body' && (x.type === 'integer' || x.type === 'number'));
    if (typed) {
      yield { label: `${typed.name} not a number`, steps: [baselineStep, { name: 'attack', request: withValueAt(base, typed.loc, `1'"\\[]{}`) }], data: { what: `a non-numeric ${typed.name}` } } satisfies Probe;
    }
  },
  judge: (r: ProbeResults, probe: Probe) => {
    const found = stackSignatures(readableText(r.attack));
    if (!found.length || stackSignatures(readableText(r.baseline)).length) return undefined;
    return { message: `${String(probe.data?.what)} is answered ${r.attack?.response?.status ?? ''} with debug output (${found.join(', ')})`, evidence: ['attack', 'baseline'] };
  },
};
