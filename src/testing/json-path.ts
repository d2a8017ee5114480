/**
 * The small JSONPath subset auth files use to say where a token is: `$.token`, `$.data.access_token`,
 * `$.items[0].id`, `$['access-token']`. No filters or wildcards: one value, one path.
 */

/** Parses a path into keys; throws a one-line message on bad syntax. */
export function parseJsonPath(path: string): Array<string | number> {
  const p = path.trim();
  if (!p.startsWith('$')) throw new Error(`JSON path must start with "$" (got "${path}")`);
  const keys: Array<string | number> = [];
  let i = 1;
  while (i < p.length) {
    const c = p[i];
    if (c === '.') {
      let j = i + 1;
      while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
      const name = p.slice(i + 1, j);
      if (!name) throw new Error(`empty name at character ${i + 1} of JSON path "${path}"`);
      keys.push(name);
      i = j;
    } else if (c === '[') {
      const end = p.indexOf(']', i);
      if (end === -1) throw new Error(`missing "]" in JSON path "${path}"`);
      const inner = p.slice(i + 1, end).trim();
      if (/^\d+$/.test(inner)) keys.push(Number(inner));
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) keys.push(inner.slice(1, -1));
      else throw new Error(`unsupported selector "[${inner}]" in JSON path "${path}" (use a name or an index)`);
      i = end + 1;
    } else {
      throw new Error(`unexpected "${c}" at character ${i + 1} of JSON path "${path}"`);
    }
  }
  return keys;
}

/** The value at `keys` inside `value`, or undefined. */
export function readJsonPath(value: unknown, keys: ReadonlyArray<string | number>): unknown {
  let cur = value;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}
