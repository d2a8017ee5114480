/** At most 80 characters of a value for an error message, with control characters escaped. */
export function clip(s: string, max = 80): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
