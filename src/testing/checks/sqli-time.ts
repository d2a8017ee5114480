/**
 * Injection, SQL (time-based): a payload asking the database to sleep D seconds delays the answer by D, the same
 * payload with 0 does not, and 2·D delays it by 2·D — three answers no network jitter produces together.
 * Payloads for MySQL/MariaDB (and engines with a compatible `sleep()`), PostgreSQL and SQL Server.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { injectionBase } from './injection-base.js';

/** Payload templates; `{v}` is the valid value, `{d}` the delay in seconds. */
const STRING_PAYLOADS = ["{v}'||(SELECT sleep({d}))||'", "{v}' AND sleep({d})-- ", "{v}'||pg_sleep({d})||'", "{v}';WAITFOR DELAY '0:0:{d}'-- "];
const NUMBER_PAYLOADS = ['{v} AND sleep({d})', '{v};SELECT pg_sleep({d})'];

export const sqliTime: Check = {
  id: 'sqli-time',
  title: 'SQL injection (time delays)',
  owasp: 'API8:2023',
  cwe: 'CWE-89',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'A parameter carrying a database sleep of D seconds delays the answer by D, by 2·D for 2·D, and not at all for 0.',
  fix: 'Use parameterised queries (bound parameters) or a query builder everywhere; never build SQL by concatenating input.',
  select: (p) => !['PUT', 'PATCH', 'DELETE'].includes(p.op.method),
  async *probes(t) {
    const base = await injectionBase(t, (x) => x.type !== 'boolean');
    if (!base) return;
    const d = t.tuning.timeDelayMs / 1000;
    const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
    for (const point of base.points) {
      for (const tpl of point.type === 'integer' || point.type === 'number' ? NUMBER_PAYLOADS : STRING_PAYLOADS) {
        // SQL Server's WAITFOR takes whole seconds
        const secs = tpl.includes('WAITFOR') ? Math.max(1, Math.round(d)) : d;
        const at = (s: number) => withValueAt(base.request, point.loc, tpl.replace('{v}', point.value).replace('{d}', tpl.includes('WAITFOR') ? String(Math.round(s)) : fmt(s)));
        yield {
          label: `${tpl} in ${describeLocation(point.loc)}`,
          steps: [base.baseline, { name: 'zero', request: at(0) }, { name: 'attack', request: at(secs) }, { name: 'double', request: at(secs * 2) }],
          verify: 'self',
          data: { where: describeLocation(point.loc), delayMs: secs * 1000, payload: tpl.replace('{v}', point.value).replace('{d}', fmt(secs)) },
        } satisfies Probe;
      }
    }
  },
  judge: judgeSqlTime,
};

/** Fires when the delays scale with what was asked (D and 2·D) over the slowest of the baseline and the zero-delay twin. */
export function judgeSqlTime(r: ProbeResults, probe: Probe) {
  const { baseline, zero, attack, double } = r;
  if (!baseline?.response || !zero?.response || !attack?.response || !double?.response) return undefined;
  const d = Number(probe.data?.delayMs);
  const base = Math.max(baseline.ms, zero.ms);
  if (attack.ms < base + 0.8 * d || double.ms < base + 1.6 * d || double.ms < attack.ms + 0.6 * d) return undefined;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return {
    message: `the ${String(probe.data?.where)} is evaluated as SQL: asking for a ${s(d)} sleep took ${s(attack.ms)}, ${s(2 * d)} took ${s(double.ms)}, no sleep took ${s(zero.ms)}`,
    evidence: ['attack', 'double', 'zero'],
  };
}
