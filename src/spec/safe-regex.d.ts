/** Types for `safe-regex` 2 (star-height heuristic for super-linear regexes), which ships none. */
declare module 'safe-regex' {
  export default function safeRegex(re: string | RegExp, options?: { limit?: number }): boolean;
}
