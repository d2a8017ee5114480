/**
 * Replaces C-style block comments (`/* … *\/`, also unterminated) and HTML comments (`<!-- … -->`) with one
 * space, the way SQL engines and browsers separate tokens. MySQL executable comments (`/*!50000 union*\/`)
 * keep their content: MySQL runs it. One pass, linear.
 */
export function removeComments(s: string): string {
  if (s.indexOf('/*') === -1 && s.indexOf('<!--') === -1) return s;
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 47 /* / */ && s.charCodeAt(i + 1) === 42 /* * */) {
      if (s.charCodeAt(i + 2) === 33 /* ! */) {
        // executable comment: drop the marker and the optional version number, keep the body
        let j = i + 3;
        while (j < n && j < i + 9 && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
        out += ' ';
        i = j;
        continue;
      }
      const end = s.indexOf('*/', i + 2);
      out += ' ';
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === 42 /* * */ && s.charCodeAt(i + 1) === 47) {
      out += ' '; // the end marker of an executable comment
      i += 2;
      continue;
    }
    if (c === 60 /* < */ && s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      out += ' ';
      i = end === -1 ? n : end + 3;
      continue;
    }
    out += s[i];
    i++;
  }
  return out;
}
