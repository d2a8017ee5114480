/**
 * The public Spectral OWASP API Security Top 10 2023 ruleset (`@stoplight/spectral-owasp-ruleset`), run as a
 * baseline beside Rampart's rules. Its rule ids carry the OWASP category (`owasp:api4:2023-…`); the CWE of
 * each is mapped here. Where a Rampart rule covers the same ground (`LintRule.overlaps`), the baseline's
 * finding at the same place is dropped.
 */
import owaspModule from '@stoplight/spectral-owasp-ruleset';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import type { LintSeverity } from '../../core/index.js';

/** The ruleset definition (the package is CommonJS with a `default` export). */
export const OWASP_RULESET = ((owaspModule as unknown as { default?: unknown }).default ?? owaspModule) as RulesetDefinition & {
  rules: Record<string, { description?: string; message?: string; severity?: number | string }>;
};

/** CWE of each baseline rule (null where none fits). */
export const OWASP_CWE: Readonly<Record<string, string | null>> = {
  'owasp:api1:2023-no-numeric-ids': 'CWE-639',
  'owasp:api2:2023-no-http-basic': 'CWE-522',
  'owasp:api2:2023-no-api-keys-in-url': 'CWE-598',
  'owasp:api2:2023-no-credentials-in-url': 'CWE-598',
  'owasp:api2:2023-auth-insecure-schemes': 'CWE-287',
  'owasp:api2:2023-jwt-best-practices': 'CWE-347',
  'owasp:api2:2023-short-lived-access-tokens': 'CWE-613',
  'owasp:api2:2023-write-restricted': 'CWE-306',
  'owasp:api2:2023-read-restricted': 'CWE-306',
  'owasp:api3:2023-no-additionalProperties': 'CWE-915',
  'owasp:api3:2023-constrained-additionalProperties': 'CWE-915',
  'owasp:api3:2023-no-unevaluatedProperties': 'CWE-915',
  'owasp:api3:2023-constrained-unevaluatedProperties': 'CWE-915',
  'owasp:api4:2023-rate-limit': 'CWE-770',
  'owasp:api4:2023-rate-limit-retry-after': 'CWE-770',
  'owasp:api4:2023-rate-limit-responses-429': 'CWE-770',
  'owasp:api4:2023-array-limit': 'CWE-770',
  'owasp:api4:2023-string-limit': 'CWE-770',
  'owasp:api4:2023-string-restricted': 'CWE-20',
  'owasp:api4:2023-integer-limit': 'CWE-1284',
  'owasp:api4:2023-integer-limit-legacy': 'CWE-1284',
  'owasp:api4:2023-integer-format': 'CWE-20',
  'owasp:api5:2023-admin-security-unique': 'CWE-285',
  'owasp:api7:2023-concerning-url-parameter': 'CWE-918',
  'owasp:api8:2023-define-cors-origin': 'CWE-942',
  'owasp:api8:2023-no-scheme-http': 'CWE-319',
  'owasp:api8:2023-no-server-http': 'CWE-319',
  'owasp:api8:2023-define-error-validation': null,
  'owasp:api8:2023-define-error-responses-401': null,
  'owasp:api8:2023-define-error-responses-500': null,
  'owasp:api9:2023-inventory-access': null,
  'owasp:api9:2023-inventory-environment': null,
};

/**
 * Rampart's severity for baseline rules whose own severity overstates them: format hints and declarations of
 * intent are worth knowing, not worth failing a build over (a user ruleset can raise them again).
 */
export const BASELINE_SEVERITY: Readonly<Record<string, 'warn' | 'info'>> = {
  'owasp:api4:2023-integer-format': 'info',
  'owasp:api9:2023-inventory-access': 'info',
  'owasp:api9:2023-inventory-environment': 'info',
  'owasp:api8:2023-define-cors-origin': 'warn',
};

/** `owasp:api4:2023-…` -> `API4:2023`; null for ids without a category. */
export function owaspCategoryOf(ruleId: string): string | null {
  const m = /^owasp:api(\d{1,2}):(\d{4})-/.exec(ruleId);
  return m ? `API${m[1]}:${m[2]}` : null;
}

/** Spectral severity (number or name) -> lint severity (hints count as info). */
export function toLintSeverity(s: number | string | undefined): LintSeverity {
  if (s === 0 || s === 'error') return 'error';
  if (s === 1 || s === 'warn') return 'warn';
  return 'info';
}
