/** JSON paths as people read them: `['paths', '/users/{id}', 'get']` -> `$.paths['/users/{id}'].get`. */

export type JsonPathSegment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Formats a path (array of keys) as a JSONPath expression rooted at `$`. */
export function formatJsonPath(path: readonly JsonPathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg) && !seg.endsWith('-')) out += `.${seg}`;
    else out += `['${seg.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}
