/** Removes NUL characters (C-string truncation tricks: `file.php%00.jpg`). */
export function removeNulls(s: string): string {
  return s.indexOf('\0') === -1 ? s : s.split('\0').join('');
}
