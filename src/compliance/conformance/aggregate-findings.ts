/**
 * Merges rule hits into findings: one finding per rule + endpoint + location + message, with the number of
 * exchanges it was seen in and up to three distinct (redacted) evidence samples. Bounded: at most
 * `MAX_GROUPS` findings are kept; later new groups are only counted in `dropped`.
 */
import { isLintAtLeast, type LintSeverity, type LocatedFinding } from '../../core/index.js';
import type { ComplyCategory, ComplyRule, Observation } from './comply-rule.js';

export const MAX_GROUPS = 5_000;
const MAX_EVIDENCE = 3;

export interface ComplyFinding extends LocatedFinding<LintSeverity> {
  readonly category: ComplyCategory;
  /** `PCI-DSS-4.0:3.4.1`, `GDPR:Art.32`… */
  readonly regulations: readonly string[];
  /** `METHOD /template`. */
  readonly endpoint: string;
  /** Exchanges (or stored calls) in which the rule fired here. */
  readonly count: number;
  /** Redacted samples. */
  readonly evidence: readonly string[];
  readonly fix: string;
}

export interface FindingAggregator {
  add(rule: ComplyRule, obs: Observation): void;
  /** The findings, most severe first, then by rule order, endpoint and path. */
  findings(): ComplyFinding[];
  /** New finding groups not kept because of the bound. */
  readonly dropped: number;
}

interface Group {
  rule: ComplyRule;
  ruleIndex: number;
  severity: LintSeverity;
  message: string;
  endpoint: string;
  path: string;
  operationPointer?: string;
  count: number;
  evidence: string[];
}

/** `locate` turns a spec JSON pointer into file:line (the loaded spec's `locate`). */
export function createFindingAggregator(rules: readonly ComplyRule[], specFile: string, locate: (pointer: string) => { file: string; line: number; column: number } | undefined): FindingAggregator {
  const groups = new Map<string, Group>();
  const order = new Map(rules.map((r, i) => [r.id, i]));
  let dropped = 0;
  return {
    add(rule, obs) {
      for (const hit of rule.check(obs)) {
        const key = `${rule.id}\u0000${obs.endpoint}\u0000${hit.path}\u0000${hit.message}`;
        let g = groups.get(key);
        if (!g) {
          if (groups.size >= MAX_GROUPS) {
            dropped++;
            continue;
          }
          g = { rule, ruleIndex: order.get(rule.id) ?? 0, severity: hit.severity ?? rule.severity, message: hit.message, endpoint: obs.endpoint, path: hit.path, count: 0, evidence: [], ...(obs.operation && hit.path.startsWith('$') ? { operationPointer: obs.operation.pointer } : {}) };
          groups.set(key, g);
        }
        g.count += obs.count;
        const sev = hit.severity ?? rule.severity;
        if (isLintAtLeast(sev, g.severity)) g.severity = sev;
        if (hit.evidence !== undefined && g.evidence.length < MAX_EVIDENCE && !g.evidence.includes(hit.evidence)) g.evidence.push(hit.evidence.length > 200 ? `${hit.evidence.slice(0, 200)}…` : hit.evidence);
      }
    },
    findings() {
      const rank = (s: LintSeverity) => (s === 'error' ? 0 : s === 'warn' ? 1 : 2);
      return [...groups.values()]
        .sort((a, b) => rank(a.severity) - rank(b.severity) || a.ruleIndex - b.ruleIndex || a.endpoint.localeCompare(b.endpoint) || a.path.localeCompare(b.path) || a.message.localeCompare(b.message))
        .map((g) => {
          const at = g.operationPointer ? locate(g.operationPointer) : undefined;
          return {
            rule: g.rule.id,
            severity: g.severity,
            message: g.message,
            owasp: g.rule.owasp,
            cwe: g.rule.cwe,
            location: { file: at?.file ?? specFile, ...(at ? { line: at.line, column: at.column } : {}), path: g.path, endpoint: g.endpoint },
            category: g.rule.category,
            regulations: g.rule.regulations,
            endpoint: g.endpoint,
            count: g.count,
            evidence: g.evidence,
            fix: g.rule.fix,
          };
        });
    },
    get dropped() {
      return dropped;
    },
  };
}
