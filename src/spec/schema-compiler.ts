/**
 * One Ajv per validator and direction, and the `compile` step shared by the request and response validators:
 * prepare the OpenAPI schema (prepare-schema), compile it once, and turn Ajv errors into `ValidationIssue`s.
 * A schema Ajv cannot compile is reported once as a warning and not enforced (the rest of the operation is).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ApiDescription } from '../core/api-description.js';
import type { JsonSchema } from '../core/json-schema.js';
import { OWN_KEYWORD_PREFIX, createAjv } from './ajv-factory.js';
import { escapePointerToken } from './json-pointer.js';
import { createSchemaPreparer, type Direction } from './prepare-schema.js';
import type { IssueLocation, ValidationIssue } from './validation-issue.js';

export interface CompiledSchema {
  readonly validate: ValidateFunction;
  /** The schema refers to itself (circular `$ref`): data depth must be bounded before validating. */
  readonly recursive: boolean;
}

export interface SchemaCompiler {
  /** Compiles (once per schema object) or returns undefined when the schema cannot be compiled. */
  compile(schema: JsonSchema | undefined, where: string): CompiledSchema | undefined;
}

export interface SchemaCompilerOptions {
  readonly direction: Direction;
  readonly allErrors: boolean;
  readonly forbidAccessOnly: boolean;
  readonly onWarning?: (message: string) => void;
}

export function createSchemaCompiler(description: ApiDescription, options: SchemaCompilerOptions): SchemaCompiler {
  const ajv = createAjv(description.dialect, {
    allErrors: options.allErrors,
    onUnsafePattern: (p) => options.onWarning?.(`pattern ${JSON.stringify(p)} can take super-linear time on crafted input (ReDoS): not enforced`),
  });
  const preparer = createSchemaPreparer(ajv, {
    dialect: description.dialect,
    direction: options.direction,
    schemas: description.schemas ?? {},
    forbidAccessOnly: options.forbidAccessOnly,
  });
  const cache = new WeakMap<object, CompiledSchema | null>();
  return {
    compile(schema, where) {
      if (schema === undefined || schema === true) return undefined;
      const key = typeof schema === 'object' ? schema : undefined;
      if (key) {
        const hit = cache.get(key);
        if (hit !== undefined) return hit ?? undefined;
      }
      let compiled: CompiledSchema | null;
      try {
        const prepared = preparer.prepare(schema);
        compiled = { validate: ajv.compile(prepared as object), recursive: preparer.isRecursive(prepared) };
      } catch (err) {
        options.onWarning?.(`schema at ${where} cannot be compiled (${err instanceof Error ? err.message : String(err)}): not enforced`);
        compiled = null;
      }
      if (key) cache.set(key, compiled);
      return compiled ?? undefined;
    },
  };
}

/** Describes where an issue sits for the message: `body/items/0`, `query parameter "page"`. */
function subject(location: IssueLocation, name: string | undefined, pointer: string): string {
  if (location === 'body') return `body${pointer}`;
  const what = location === 'path' ? 'path parameter' : location === 'query' ? 'query parameter' : location === 'header' ? 'header' : location === 'cookie' ? 'cookie' : location;
  return `${what} "${name ?? ''}"${pointer}`;
}

/** Ajv errors → issues (the noise Ajv adds around `if`/`then` is dropped). */
export function issuesFromErrors(errors: readonly ErrorObject[] | null | undefined, location: IssueLocation, name: string | undefined, out: ValidationIssue[], max: number): void {
  if (!errors) return;
  for (const e of errors) {
    if (out.length >= max) return;
    if (e.keyword === 'if') continue;
    let pointer = e.instancePath;
    let keyword = e.keyword;
    let message: string;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
      pointer = `${pointer}/${escapePointerToken(params.missingProperty)}`;
      message = `${subject(location, name, pointer)} is required`;
    } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      pointer = `${pointer}/${escapePointerToken(params.additionalProperty)}`;
      message = `${subject(location, name, pointer)} is not allowed (additionalProperties)`;
    } else if (e.keyword.startsWith(OWN_KEYWORD_PREFIX)) {
      keyword = e.keyword.slice(OWN_KEYWORD_PREFIX.length);
      message = `${subject(location, name, pointer)} is ${keyword} and must not be sent`;
    } else {
      message = `${subject(location, name, pointer)} ${e.message ?? 'is invalid'}`;
      if (e.keyword === 'enum' && Array.isArray(params.allowedValues) && params.allowedValues.length <= 10) {
        message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      }
    }
    out.push({ location, ...(name !== undefined ? { name } : {}), pointer, keyword, message });
  }
}

/** True when a parsed JSON value nests deeper than `max` (iterative, no recursion). */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    if (Array.isArray(node)) {
      for (const v of node) if (v !== null && typeof v === 'object') stack.push([v, depth + 1]);
    } else {
      for (const k in node) {
        const v = (node as Record<string, unknown>)[k];
        if (v !== null && typeof v === 'object') stack.push([v, depth + 1]);
      }
    }
  }
  return false;
}
