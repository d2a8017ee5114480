/**
 * Injection, SQL (boolean-based): a condition that is always true and its always-false twin, spliced after the
 * value, change the answer in opposite ways (rows vs none, 200 vs 401) — the input is evaluated as SQL. An app
 * that treats input as data answers both alike. Throttling answers (429/423/503) never count as a difference,
 * and reflected payloads are ignored when comparing. Never sent to PUT, PATCH or DELETE (an always-true
 * condition there would change every row). When both answers succeed, only a different number of items counts.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { largestArrayLength, parseJsonBody } from '../response-similarity.js';
import { isSuccess, statusOf } from '../test-request.js';
import { isThrottleStatus } from './support.js';
import { injectionBase } from './injection-base.js';

/** [true, false] condition pairs; `{v}` is the valid value. */
const STRING_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["rmpzz' OR '1'='1'-- ", "rmpzz' OR '1'='2'-- "],
  ["{v}' AND '1'='1", "{v}' AND '1'='2"],
  ["{v}' AND 1=1-- ", "{v}' AND 1=2-- "],
  ['rmpzz" OR "1"="1"-- ', 'rmpzz" OR "1"="2"-- '],
];
const NUMBER_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['{v} AND 1=1', '{v} AND 1=2'],
  ['0 OR 1=1', '0 OR 1=2'],
];

export const sqliBoolean: Check = {
  id: 'sqli-boolean',
  title: 'SQL injection (boolean conditions)',
  owasp: 'API8:2023',
  cwe: 'CWE-89',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'An always-true SQL condition appended to a parameter and its always-false twin produce clearly different answers, so the input is evaluated as SQL.',
  fix: 'Use parameterised queries (bound parameters) or a query builder everywhere; never build SQL by concatenating input.',
  select: (p) => !['PUT', 'PATCH', 'DELETE'].includes(p.op.method),
  async *probes(t) {
    const base = await injectionBase(t, (x) => x.type !== 'boolean');
    if (!base) return;
    for (const point of base.points) {
      const pairs = point.type === 'integer' || point.type === 'number' ? NUMBER_PAIRS : STRING_PAIRS;
      for (const [tp, fp] of pairs) {
        const yes = tp.replace('{v}', point.value);
        const no = fp.replace('{v}', point.value);
        yield {
          label: `${JSON.stringify(yes)} / ${JSON.stringify(no)} in ${describeLocation(point.loc)}`,
          steps: [base.baseline, { name: 'attack', request: withValueAt(base.request, point.loc, yes) }, { name: 'twin', request: withValueAt(base.request, point.loc, no) }],
          data: { where: describeLocation(point.loc), yes, no },
        } satisfies Probe;
      }
    }
  },
  judge: judgeSqlBoolean,
};

/** Fires when the true and false conditions get clearly different answers and neither is a throttling answer. */
export function judgeSqlBoolean(r: ProbeResults, probe: Probe) {
  const { attack, twin } = r;
  if (!attack?.response || !twin?.response || isThrottleStatus(attack) || isThrottleStatus(twin)) return undefined;
  if (statusOf(attack) >= 500 && statusOf(twin) >= 500) return undefined;
  const d = probe.data as { where: string; yes: string; no: string };
  let why: string | undefined;
  if (isSuccess(attack) !== isSuccess(twin)) why = `${statusOf(attack)} for the true condition, ${statusOf(twin)} for the false one`;
  else if (isSuccess(attack)) {
    const a = largestArrayLength(parseJsonBody(attack.response.body));
    const b = largestArrayLength(parseJsonBody(twin.response.body));
    // only the number of rows counts: reflected input changes the text of an answer, never how many items it lists
    if (a !== b && (a === 0 || b === 0 || Math.max(a, b) >= 2 * Math.min(a, b))) why = `${a} items for the true condition, ${b} for the false one`;
  }
  if (!why) return undefined;
  return { message: `the ${d.where} is evaluated as SQL: ${JSON.stringify(d.yes)} and ${JSON.stringify(d.no)} get ${why}`, evidence: ['attack', 'twin', 'baseline'] };
}
