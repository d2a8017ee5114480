/**
 * Ajv 8 instances for spec validation: draft-07 for OpenAPI 2.0/3.0 schemas (after `prepare-schema` turned the 3.0
 * keywords into JSON Schema), 2020-12 for OpenAPI 3.1. OpenAPI formats (`int32`, `int64`, `float`, `double`, `byte`,
 * `binary`, `password`) are known; unknown formats pass. Spec `pattern`s run on untrusted input: those whose
 * star height makes them super-linear (ReDoS) are not enforced and are reported as warnings instead.
 */
import { Ajv, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import safeRegex from 'safe-regex';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** Keywords marking a property that must not be present (readOnly in requests, writeOnly in responses, when forbidden). */
export const FORBIDDEN_KEYWORDS = { readOnly: 'x-rampart-readOnly', writeOnly: 'x-rampart-writeOnly' } as const;
/** Prefix of the validator's own keywords; issues carry the name after it. */
export const OWN_KEYWORD_PREFIX = 'x-rampart-';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface AjvFactoryOptions {
  readonly allErrors: boolean;
  /** Receives the patterns that are not enforced because they could take super-linear time. */
  readonly onUnsafePattern?: (pattern: string) => void;
}

/** A new Ajv for a dialect, with OpenAPI formats and the forbidden-property keyword. */
export function createAjv(dialect: 'openapi-3.0' | 'json-schema-2020-12', options: AjvFactoryOptions): Ajv {
  const unsafe = new Set<string>();
  const opts: Options = {
    strict: false,
    logger: false,
    allErrors: options.allErrors,
    allowUnionTypes: true,
    validateSchema: false,
    addUsedSchema: false,
    // OpenAPI 3.0 discriminators are translated by prepare-schema (Ajv's own support rejects `mapping`)
    discriminator: false,
    code: {
      regExp: Object.assign(
        (pattern: string, flags: string) => {
          let re: RegExp;
          try {
            re = new RegExp(pattern, flags);
          } catch {
            // ECMAScript `u` mode rejects some escapes other engines accept (`\-` outside classes): retry without it;
            // a pattern invalid either way fails the compilation (reported, not enforced)
            re = new RegExp(pattern, flags.replace('u', ''));
          }
          if (!safeRegex(pattern)) {
            if (!unsafe.has(pattern)) {
              unsafe.add(pattern);
              options.onUnsafePattern?.(pattern);
            }
            return { test: () => true };
          }
          return re;
        },
        { code: 'new RegExp' },
      ),
    },
  };
  const ajv = dialect === 'json-schema-2020-12' ? (new Ajv2020(opts) as unknown as Ajv) : new Ajv(opts);
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => s.length % 4 === 0 && BASE64.test(s) });
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  for (const keyword of Object.values(FORBIDDEN_KEYWORDS)) ajv.addKeyword({ keyword, schemaType: 'boolean', validate: () => false, errors: false });
  return ajv;
}
