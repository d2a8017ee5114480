/**
 * Lints a list of spec files with one linter: each spec is read and audited on its own, so a broken spec is
 * reported as an error (with its location and fix) while the others are still audited.
 */
import { relative, resolve } from 'node:path';
import { formatError, isRampartError, RampartError, isLintAtLeast, type LintSeverity } from '../../core/index.js';
import { createLinter, type LintRuleInfo, type SpecLint } from './linter.js';
import { DEFAULT_MAX_SPEC_BYTES, readSpecFile } from './read-spec-file.js';
import type { UserRuleset } from './ruleset-file.js';

export interface LintRunOptions {
  readonly cwd: string;
  readonly ruleset?: UserRuleset;
  /** Size limit per file in bytes. */
  readonly maxBytes?: number;
  /** Called after each spec (for progress display). */
  onProgress?(done: number, total: number, file: string): void;
}

export interface SpecError {
  readonly file: string;
  readonly error: RampartError;
  /** One line for people: `<location>: <what> [<code>] — <fix>`. */
  readonly line: string;
}

export interface LintRun {
  readonly rules: readonly LintRuleInfo[];
  readonly apis: readonly SpecLint[];
  readonly errors: readonly SpecError[];
}

/** Audits every spec in `files` (paths relative to `cwd`). */
export async function runLint(files: readonly string[], options: LintRunOptions): Promise<LintRun> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SPEC_BYTES;
  const linter = createLinter({
    cwd: options.cwd,
    ...(options.ruleset ? { ruleset: options.ruleset } : {}),
    readRef: (abs) => readSpecFile(abs, relative(options.cwd, abs) || abs, maxBytes),
  });
  const apis: SpecLint[] = [];
  const errors: SpecError[] = [];
  let done = 0;
  for (const f of files) {
    const abs = resolve(options.cwd, f);
    try {
      const text = await readSpecFile(abs, f, maxBytes);
      apis.push(await linter.lint({ absPath: abs, text }));
    } catch (e) {
      const error = isRampartError(e) ? e : new RampartError('E_INTERNAL', e instanceof Error ? e.message : String(e), { location: f, cause: e });
      errors.push({ file: f, error, line: formatError(error) });
    }
    options.onProgress?.(++done, files.length, f);
  }
  return { rules: linter.rules, apis, errors };
}

/** True when some finding is at or above `failOn`. */
export function hasFailures(run: LintRun, failOn: LintSeverity): boolean {
  return run.apis.some((a) => a.findings.some((f) => isLintAtLeast(f.severity, failOn)));
}
