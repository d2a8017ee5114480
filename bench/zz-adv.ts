import { performance } from 'node:perf_hooks';
import { createSignaturesFilter } from '../src/protect/filters/signatures/signatures.js';
import { Transaction } from '../src/protect/transaction.js';
function tx(method: string, target: string, body?: string): Transaction {
  const q = target.indexOf('?');
  const t = new Transaction({
    id: 'bench',
    time: Date.now(),
    method,
    target,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? '' : target.slice(q + 1),
    host: 'localhost',
    clientIp: '127.0.0.1',
    peerIp: '127.0.0.1',
    rawHeaders: body ? ['Host', 'localhost', 'Content-Type', 'application/json', 'Content-Length', String(body.length)] : ['Host', 'localhost'],
    route: undefined,
    routeKey: '*',
  });
  if (body) t.requestBody = Buffer.from(body);
  return t;
}
function worstAdversarialMs(): { ms: number; input: string } {
  const f = createSignaturesFilter({ paranoia: 1, threshold: 5, exclusions: [], maxBodyBytes: 1 << 20, status: (_r, s) => s });
  const n = 65_536;
  const inputs: Record<string, string> = {
    quotes: `{"note":"${"'".repeat(n - 12)}"}`,
    'open tags': `{"note":"${'<a'.repeat((n - 12) / 2)}"}`,
    parens: `{"note":"${'('.repeat(n - 12)}"}`,
    'sql comment starts': `{"note":"${'/*'.repeat((n - 12) / 2)}"}`,
    'percent escapes': `{"note":"${'%25'.repeat((n - 12) / 3)}"}`,
    'deep json': `${'['.repeat(n / 2)}${']'.repeat(n / 2)}`,
    'union select repeats': `{"note":"${'union select '.repeat((n - 12) / 13)}"}`,
    'form pairs': `a=${'&a='.repeat((n - 2) / 3)}`,
  };
  let worst = { ms: 0, input: '' };
  for (const [name, body] of Object.entries(inputs)) {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f.evaluate(tx('POST', '/api/v1/orders', body));
      const ms = performance.now() - t0;
      if (ms > worst.ms) worst = { ms, input: name }; if (ms > 40) console.log("slow", name, ms.toFixed(1));
    }
    const t0 = performance.now();
    f.evaluate(tx('GET', `/api/v1/products?q=${encodeURIComponent(body.slice(0, 8000))}`));
    const ms = performance.now() - t0;
    if (ms > worst.ms) worst = { ms, input: `${name} (query)` }; if (ms > 40) console.log("slow q", name, ms.toFixed(1));
  }
  return worst;
}
for (let k = 0; k < 4; k++) console.log(worstAdversarialMs());
