/**
 * Path normalisation for inspection: backslashes become slashes, repeated slashes collapse, `/./` segments go,
 * and `dir/../` pairs are resolved (a leading `../` that climbs above the start is kept, it is the signal).
 * Run it after URL decoding so that `%2e%2e%2f` and overlong `%c0%af` are already plain.
 */
export function normalizePath(s: string): string {
  if (s.indexOf('\\') === -1 && s.indexOf('/.') === -1 && s.indexOf('//') === -1 && !s.startsWith('./')) return s;
  const absolute = s.startsWith('/') || s.startsWith('\\');
  const parts = s.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    const last = i === parts.length - 1;
    if (p === '' && !last) continue;
    if (p === '.') continue;
    if (p === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(p);
  }
  return (absolute ? '/' : '') + out.join('/');
}
