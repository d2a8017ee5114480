/**
 * The detection configuration that people write (a JSON or YAML file, `rampart detect --config`, or the
 * gateway's config): risk threshold and subnet share, the actor table's bounds, each behaviour detector's
 * options, endpoint role overrides, and header checks. Checked once against a schema — every error names the
 * path of the bad key — and frozen.
 */
import { RampartError } from '../core/index.js';
import type { ActorTableOptions } from './actors/index.js';
import { BEHAVIOUR_DETECTORS, ENDPOINT_ROLES, checkConfig, type RoleOverride } from './behaviour/index.js';

export type HeaderChecks = 'auto' | 'on' | 'off';

/** The configurable part of `createDetector`'s options. */
export interface DetectionConfig {
  /** Risk (0–100) at or above which an actor is flagged (default 50). */
  readonly riskThreshold?: number;
  /** Share of an IP's risk points also given to its /24 or /64 (default 0.25; 0 turns it off). */
  readonly subnetShare?: number;
  /** Risk points per signature anomaly point (default 4), and their cap per exchange (default 60). */
  readonly signatureRiskPerPoint?: number;
  readonly signatureRiskMax?: number;
  readonly actors?: ActorTableOptions;
  /** Per-detector options by name; `false` turns a detector off. */
  readonly detectors?: Readonly<Record<string, Readonly<Record<string, unknown>> | false>>;
  /** Endpoint roles set by hand (they win over what is learned). */
  readonly roles?: readonly RoleOverride[];
  /** Read header-based bot signals: `auto` (default: when the source records every header), `on`, `off`. */
  readonly headerChecks?: HeaderChecks;
}

const ACTORS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxActors: { type: 'integer', minimum: 1 },
    idleMs: { type: 'number', exclusiveMinimum: 0 },
    keepRiskAbove: { type: 'number', exclusiveMinimum: 0 },
    halfLifeMs: { type: 'number', exclusiveMinimum: 0 },
    timelineLimit: { type: 'integer', minimum: 1 },
  },
};

export const DETECTION_CONFIG_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'object',
  additionalProperties: false,
  properties: {
    riskThreshold: { type: 'number', minimum: 1, maximum: 100 },
    subnetShare: { type: 'number', minimum: 0, maximum: 1 },
    signatureRiskPerPoint: { type: 'number', minimum: 0, maximum: 100 },
    signatureRiskMax: { type: 'number', minimum: 0, maximum: 100 },
    actors: ACTORS_SCHEMA,
    detectors: {
      type: 'object',
      propertyNames: { enum: BEHAVIOUR_DETECTORS.map((d) => d.name) },
      additionalProperties: { anyOf: [{ const: false }, { type: 'object' }] },
    },
    roles: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['endpoint', 'roles'],
        properties: {
          endpoint: { type: 'string', minLength: 1, maxLength: 500 },
          roles: { type: 'array', uniqueItems: true, items: { enum: [...ENDPOINT_ROLES] } },
        },
      },
    },
    headerChecks: { enum: ['auto', 'on', 'off'] },
  },
});

/**
 * Checks a detection configuration (from a file or code) and returns it frozen, each detector's options merged
 * with its defaults. Throws `E_CONFIG_INVALID` with the path of the first bad key under `location`.
 */
export function checkDetectionConfig(value: unknown, location = 'detection'): DetectionConfig {
  const c = checkConfig<DetectionConfig>(DETECTION_CONFIG_SCHEMA, {}, value ?? {}, location);
  const detectors: Record<string, Readonly<Record<string, unknown>> | false> = {};
  for (const [name, opts] of Object.entries(c.detectors ?? {})) {
    const def = BEHAVIOUR_DETECTORS.find((d) => d.name === name);
    if (!def) throw new RampartError('E_CONFIG_INVALID', `unknown detector "${name}"`, { location: `${location}.detectors.${name}` });
    detectors[name] = opts === false ? false : (checkConfig(def.schema, def.defaults, opts, `${location}.detectors.${name}`) as Record<string, unknown>);
  }
  (c.roles ?? []).forEach((r, i) => {
    if ((r.endpoint.match(/\*\*/g) ?? []).length > 2) {
      throw new RampartError('E_CONFIG_INVALID', 'at most two ** per endpoint pattern', { location: `${location}.roles.${i}.endpoint` });
    }
  });
  return Object.freeze({ ...c, ...(c.detectors ? { detectors: Object.freeze(detectors) } : {}) });
}
