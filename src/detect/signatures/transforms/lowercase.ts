/** Case folding (Unicode-aware `toLowerCase`). */
export function lowercase(s: string): string {
  return s.toLowerCase();
}
