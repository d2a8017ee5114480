/**
 * Detector options are checked once, against each detector's JSON Schema, and frozen. A bad key fails with
 * `E_CONFIG_INVALID` and its path (`behaviour.detectors.brute-force.maxFailuresPerAccount`).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { RampartError } from '../../core/index.js';

const ajv = new Ajv({ allErrors: false, strict: false, logger: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** Checks `value` against `schema` (compiled once per schema object); throws with the path under `location`. */
export function checkConfig<C extends object>(schema: Readonly<Record<string, unknown>>, defaults: C, value: unknown, location: string): C {
  if (value === undefined) return Object.freeze({ ...defaults });
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    const e = validate.errors?.[0];
    const path = (e?.instancePath ?? '').split('/').filter(Boolean).join('.');
    const extra = e?.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)} is not an option)` : '';
    throw new RampartError('E_CONFIG_INVALID', `${e?.message ?? 'invalid value'}${extra}`, { location: path ? `${location}.${path}` : location });
  }
  return Object.freeze({ ...defaults, ...(value as Partial<C>) });
}

/** Schema helpers for detector options. */
export const num = (minimum: number, maximum?: number): Record<string, unknown> => ({ type: 'number', minimum, ...(maximum === undefined ? {} : { maximum }) });
export const int = (minimum: number, maximum?: number): Record<string, unknown> => ({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) });
export const severity = { enum: ['critical', 'high', 'medium', 'low', 'info'] } as const;
export function objectSchema(properties: Record<string, unknown>): Readonly<Record<string, unknown>> {
  return Object.freeze({ type: 'object', additionalProperties: false, properties });
}
