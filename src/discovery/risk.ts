/**
 * One risk rating per host, from its findings and how much API it exposes:
 *   score = Σ severity weight (critical 40, high 20, medium 8, low 2, info 0) + exposure (endpoints known from the
 *   outside: 1 each, at most 10; +5 for each spec document), capped at 100;
 *   risk  = the highest finding severity above info; `low` for a host with API surface but no worse finding;
 *   `none` when it shows no API at all.
 * Pure, documented in docs/discovery.md.
 */
import { SEVERITY_ORDER, type Severity } from '../core/index.js';
import type { DiscoveryFinding, Risk } from './types.js';

const WEIGHT: Readonly<Record<Severity, number>> = { critical: 40, high: 20, medium: 8, low: 2, info: 0 };

export function rateRisk(findings: readonly DiscoveryFinding[], endpointCount: number, specCount: number): { risk: Risk; score: number } {
  let worst = -1;
  let score = 0;
  for (const f of findings) {
    score += WEIGHT[f.severity];
    const rank = SEVERITY_ORDER.indexOf(f.severity);
    if (f.severity !== 'info' && rank > worst) worst = rank;
  }
  score += Math.min(10, endpointCount) + 5 * specCount;
  const hasApi = endpointCount > 0 || specCount > 0 || findings.length > 0;
  const risk: Risk = worst >= 0 ? (SEVERITY_ORDER[worst] as Risk) : hasApi ? 'low' : 'none';
  return { risk, score: Math.min(100, score) };
}
