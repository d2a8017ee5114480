/**
 * Every regular expression the signature engine runs: the rule packs' patterns, the dynamic patterns modules
 * export, and every regex literal in `src/detect/signatures/**` (found with the TypeScript scanner, so detectors,
 * transforms and tokenizers are covered too). Used by the ReDoS test and `scripts/verify-signature-patterns.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { BUILTIN_RULES } from '../../src/detect/signatures/rules/index.js';
import { OPERATOR_BRACKET, OPERATOR_KEY } from '../../src/detect/signatures/rules/nosqli.js';
import { projectRoot } from './shared-corpora.js';

export interface PatternEntry {
  readonly source: string;
  readonly flags: string;
  /** Where it comes from: a rule id or `file:line`. */
  readonly origin: string;
  /** Stable key: sha256 of flags + source. */
  readonly key: string;
}

export function patternKey(source: string, flags: string): string {
  return createHash('sha256').update(`${flags}/${source}`).digest('hex').slice(0, 24);
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
}

/** Regex literals in one TypeScript source text, with their line numbers (read from the syntax tree). */
export function regexLiterals(text: string): Array<{ source: string; flags: string; line: number }> {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const out: Array<{ source: string; flags: string; line: number }> = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = node.getText(file);
      const last = lit.lastIndexOf('/');
      out.push({ source: lit.slice(1, last), flags: lit.slice(last + 1), line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

export function signaturePatterns(): PatternEntry[] {
  const seen = new Map<string, PatternEntry>();
  const add = (source: string, flags: string, origin: string) => {
    const key = patternKey(source, flags);
    if (!seen.has(key)) seen.set(key, { source, flags, origin, key });
  };
  for (const r of BUILTIN_RULES) {
    const p = (r as { pattern?: RegExp }).pattern;
    if (p) add(p.source, p.flags, r.id);
  }
  for (const [name, re] of [['nosqli OPERATOR_KEY', OPERATOR_KEY], ['nosqli OPERATOR_BRACKET', OPERATOR_BRACKET]] as const) add(re.source, re.flags, name);
  const files: string[] = [];
  walk(join(projectRoot, 'src', 'detect', 'signatures'), files);
  for (const f of files.sort()) {
    for (const lit of regexLiterals(readFileSync(f, 'utf8'))) add(lit.source, lit.flags, `${relative(projectRoot, f)}:${lit.line}`);
  }
  return [...seen.values()];
}
