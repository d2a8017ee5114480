/**
 * Injection, server-side templates: a template expression multiplying two random numbers (`{{a*b}}`, `${a*b}`,
 * `<%= a*b %>`, `#{a*b}`) comes back as the product — the input is rendered by a template engine. The payload
 * reflected as written never contains the product.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { readableText } from './support.js';
import { injectionBase } from './injection-base.js';

const SYNTAXES = ['{{%s}}', '${%s}', '<%= %s %>', '#{%s}', '{{=%s}}', '{%s}'];

export const ssti: Check = {
  id: 'ssti',
  title: 'Server-side template injection',
  owasp: 'API8:2023',
  cwe: 'CWE-1336',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'A template expression in a parameter is evaluated by the server: the response contains the computed product.',
  fix: 'Never compile templates from input; pass input as data to a fixed template, with a logic-less or sandboxed engine.',
  async *probes(t) {
    const base = await injectionBase(t, (x) => x.type === 'string' || x.type === 'unknown');
    if (!base) return;
    for (const point of base.points) {
      const a = 1000 + Math.floor(Math.random() * 8000);
      const b = 1000 + Math.floor(Math.random() * 8000);
      for (const syntax of SYNTAXES) {
        const expr = syntax.replace('%s', `${a}*${b}`);
        yield {
          label: `${expr} in ${describeLocation(point.loc)}`,
          steps: [base.baseline, { name: 'attack', request: withValueAt(base.request, point.loc, `${point.value} ${expr}`) }],
          data: { where: describeLocation(point.loc), product: String(a * b), expr },
        } satisfies Probe;
      }
    }
  },
  judge: judgeSsti,
};

/** Fires when the product appears in the attack's response and not in the baseline's. */
export function judgeSsti(r: ProbeResults, probe: Probe) {
  const product = String(probe.data?.product);
  const re = new RegExp(`(?:^|[^0-9])${product}(?:$|[^0-9])`);
  if (!re.test(readableText(r.attack)) || re.test(readableText(r.baseline))) return undefined;
  return { message: `the ${String(probe.data?.where)} is rendered as a template: ${String(probe.data?.expr)} came back as ${product}`, evidence: ['attack', 'baseline'] };
}
