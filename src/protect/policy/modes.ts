/** Mode arithmetic for rollouts: the effective mode of a filter on an operation. */
import type { Mode } from '../phases/phase.js';

const RANK: Readonly<Record<Mode, number>> = { off: 0, monitor: 1, block: 2 };

/** The weaker of two modes (`block` capped by `monitor` is `monitor`). */
export function capMode(mode: Mode, cap: Mode | undefined): Mode {
  if (cap === undefined) return mode;
  return RANK[mode] <= RANK[cap] ? mode : cap;
}

/**
 * Precedence, most specific first: the endpoint's per-filter override, the endpoint's mode (config `endpoints`, then
 * the spec's `x-rampart-mode`), the filter section's `mode`, the global `mode`.
 */
export function effectiveMode(parts: { endpointFilter?: Mode | undefined; endpoint?: Mode | undefined; filter?: Mode | undefined; global: Mode }): Mode {
  return parts.endpointFilter ?? parts.endpoint ?? parts.filter ?? parts.global;
}
