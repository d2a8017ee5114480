/** The file edge for user rulesets: reads the file and validates it against the rules that exist. */
import { resolve } from 'node:path';
import { OWASP_RULESET } from './owasp-baseline.js';
import { readSpecFile } from './read-spec-file.js';
import { RULES } from './rules/index.js';
import { parseRulesetFile, type UserRuleset } from './ruleset-file.js';

/** Ids a ruleset may switch off or re-severity: Rampart's rules and the OWASP baseline's. */
export function knownRuleIds(): Set<string> {
  return new Set([...RULES.map((r) => r.id), ...Object.keys(OWASP_RULESET.rules)]);
}

/** Reads and validates a ruleset file (at most 1 MB). */
export async function readRuleset(file: string, cwd: string): Promise<UserRuleset> {
  const text = await readSpecFile(resolve(cwd, file), file, 1024 * 1024);
  return parseRulesetFile(text, file, knownRuleIds());
}
