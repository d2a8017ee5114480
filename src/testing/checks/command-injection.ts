/**
 * Injection, OS commands: shell syntax appended to a value (`;echo $((a+b))`, `|…`, `$(…)`, backticks) makes the
 * response contain the computed sum — which only a shell evaluating the input produces; the payload itself
 * (`a+b`) reflected back never matches.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { readableText } from './support.js';
import { injectionBase } from './injection-base.js';

const SEPARATORS = [';', '|', '&&', '\n', '$(', '`'];

export const commandInjection: Check = {
  id: 'command-injection',
  title: 'OS command injection',
  owasp: 'API8:2023',
  cwe: 'CWE-78',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'Shell syntax appended to a parameter is executed: the response contains the result of an arithmetic expansion only a shell computes.',
  fix: 'Never pass input to a shell: call programs with an argument array (execFile/spawn without shell), validate inputs against a strict pattern.',
  async *probes(t) {
    const base = await injectionBase(t, (x) => x.type === 'string' || x.type === 'unknown');
    if (!base) return;
    for (const point of base.points) {
      const a = 10_000 + Math.floor(Math.random() * 80_000);
      const b = 1_000 + Math.floor(Math.random() * 8_000);
      const expr = `echo $((${a}+${b}))`;
      for (const sep of SEPARATORS) {
        const payload = sep === '$(' ? `${point.value}$(${expr})` : sep === '`' ? `${point.value}\`${expr}\`` : `${point.value}${sep}${expr}`;
        yield {
          label: `${JSON.stringify(sep)} in ${describeLocation(point.loc)}`,
          key: `${t.op!.key}`,
          steps: [base.baseline, { name: 'attack', request: withValueAt(base.request, point.loc, payload) }],
          data: { where: describeLocation(point.loc), sum: String(a + b), payload },
        } satisfies Probe;
      }
    }
  },
  judge: judgeCommand,
};

/** Fires when the sum shows up in the attack's response and not in the baseline's. */
export function judgeCommand(r: ProbeResults, probe: Probe) {
  const sum = String(probe.data?.sum);
  const re = new RegExp(`(?:^|[^0-9])${sum}(?:$|[^0-9])`);
  if (!re.test(readableText(r.attack)) || re.test(readableText(r.baseline))) return undefined;
  return { message: `shell syntax in the ${String(probe.data?.where)} is executed: ${JSON.stringify(probe.data?.payload)} returned the computed ${sum}`, evidence: ['attack', 'baseline'] };
}
