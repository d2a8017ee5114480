/**
 * A `curl` command that reproduces an attack request. Identity credentials are never written out: they become
 * shell variables (`"${RAMPART_BOB_TOKEN}"`) the reader sets before running it; forged tokens are written in
 * full since they are the attack. Everything else is single-quoted, so the command is safe to paste.
 */
import type { SecretLabel } from './sessions.js';
import { maskSecrets, sortedSecrets, withDerived } from './evidence.js';
import type { TestExchange } from './test-request.js';

/** Shell variable that stands for an identity's secret: `RAMPART_BOB_TOKEN`, `RAMPART_ADMIN_X_API_KEY`. */
export function secretVariable(l: SecretLabel): string {
  return `RAMPART_${l.identity}_${l.label}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Quotes one shell word; `${VAR}` references inserted by the masking stay live (double quotes). */
function quote(word: string, secrets: ReadonlyArray<[string, SecretLabel]>): string {
  const MARK = '\u0000';
  const marked = maskSecrets(word, secrets, (l) => `${MARK}${secretVariable(l)}${MARK}`);
  if (!marked.includes(MARK)) return `'${word.replace(/'/g, `'\\''`)}'`;
  const parts = marked.split(MARK);
  let out = '"';
  parts.forEach((p, i) => {
    out += i % 2 === 1 ? `\${${p}}` : p.replace(/[\\"$`]/g, (c) => `\\${c}`);
  });
  return `${out}"`;
}

const SKIPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'user-agent']);

/** `curl -i -X METHOD 'URL' -H '…' --data-raw '…'` for the exchange's request. */
export function curlCommand(x: TestExchange, secrets: ReadonlyMap<string, SecretLabel>): string {
  const s = sortedSecrets(withDerived(secrets, x));
  const parts = ['curl', '-i'];
  const m = x.request.method;
  if (m === 'HEAD') parts.push('-I');
  else if (m !== 'GET' || x.sentBody) parts.push('-X', m);
  if (/\/\.\.?(\/|$)/.test(x.url)) parts.push('--path-as-is');
  parts.push(quote(x.url, s));
  for (const [n, v] of x.sentHeaders) if (!SKIPPED_HEADERS.has(n)) parts.push('-H', quote(`${n}: ${v}`, s));
  if (x.sentBody) {
    const hasSecret = s.some(([v]) => x.sentBody.includes(v));
    parts.push('--data-raw', (hasSecret ? undefined : longRuns(x.sentBody)) ?? quote(x.sentBody, s));
  }
  return parts.join(' ');
}

/**
 * Bodies with long runs of one letter (the oversized-payload tests) are written with a generator instead of
 * megabytes of text: `"{\"text\":\"$(head -c 1048576 /dev/zero | tr '\0' A)\"}"`. Undefined when there is no
 * such run.
 */
function longRuns(body: string): string | undefined {
  const MIN = 256;
  let out = '';
  let i = 0;
  let found = false;
  while (i < body.length) {
    const c = body[i]!;
    let j = i + 1;
    while (j < body.length && body[j] === c) j++;
    if (j - i >= MIN && /[A-Za-z0-9]/.test(c)) {
      out += `$(head -c ${j - i} /dev/zero | tr '\\0' ${c})`;
      found = true;
    } else {
      out += body.slice(i, j).replace(/[\\"$`]/g, (ch) => `\\${ch}`);
    }
    i = j;
  }
  return found ? `"${out}"` : undefined;
}
