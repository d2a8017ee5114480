/** `rampart lint`: the spec audit (rules, engine, user rulesets, score, outputs). */
export * from './lint-rule.js';
export * from './json-path.js';
export { RULES } from './rules/index.js';
export * from './ruleset-file.js';
export { RULESET_FUNCTION_NAMES } from './ruleset-functions.js';
export * from './score.js';
export * from './linter.js';
export { OWASP_CWE, owaspCategoryOf } from './owasp-baseline.js';
export * from './run-lint.js';
export * from './lint-output.js';
export { DEFAULT_MAX_SPEC_BYTES } from './read-spec-file.js';
export { readRuleset, knownRuleIds } from './read-ruleset.js';
