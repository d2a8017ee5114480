/**
 * The functions a user ruleset may name in `then.function`: Spectral's built-in core functions. Each checks
 * its `functionOptions` against its own JSON schema (validated when the ruleset is loaded).
 */
import { alphabetical, casing, defined, enumeration, falsy, length, or, pattern, schema, truthy, undefined as undefinedFn, xor } from '@stoplight/spectral-functions';
import type { RulesetFunctionWithValidator } from '@stoplight/spectral-core';

export const RULESET_FUNCTIONS: Readonly<Record<string, RulesetFunctionWithValidator<unknown, unknown>>> = {
  truthy,
  falsy,
  defined,
  undefined: undefinedFn,
  pattern,
  enumeration,
  length,
  casing,
  alphabetical,
  schema,
  xor,
  or,
} as unknown as Record<string, RulesetFunctionWithValidator<unknown, unknown>>;

export const RULESET_FUNCTION_NAMES: readonly string[] = Object.keys(RULESET_FUNCTIONS);
