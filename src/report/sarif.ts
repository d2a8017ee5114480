/**
 * SARIF 2.1.0 (OASIS) writer: one run, the rules with their OWASP / CWE tags and `security-severity`, and one
 * result per finding with its file, line and JSON path. Written for GitHub code scanning and any SARIF viewer.
 */
import { createHash } from 'node:crypto';
import type { ReportFinding, ReportInput, ReportRule } from './report-input.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF log as plain JSON data (only the parts Rampart writes are typed). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly Record<string, unknown>[];
}

/** Tags of a rule: `security`, the OWASP id, the CWE (plain and in GitHub's `external/cwe/cwe-N` form). */
export function ruleTags(rule: Pick<ReportRule, 'owasp' | 'cwe'>): string[] {
  const tags = ['security'];
  if (rule.owasp) tags.push(rule.owasp, `OWASP-${rule.owasp}`);
  if (rule.cwe) tags.push(rule.cwe, `external/cwe/${rule.cwe.toLowerCase()}`);
  return tags;
}

/** URI of a file for SARIF: `/` separators, percent-encoded where URIs need it, relative paths kept relative. */
export function fileUri(file: string): string {
  const posix = file.replace(/\\/g, '/');
  return posix
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function fingerprint(f: ReportFinding<string>): string {
  return createHash('sha256').update(`${f.rule}\u0000${f.location.file ?? ''}\u0000${f.location.path ?? f.location.endpoint ?? ''}`).digest('hex').slice(0, 32);
}

/** Builds the SARIF log of a report. */
export function renderSarif<S extends string>(input: ReportInput<S>): SarifLog {
  const rules = [...input.rules];
  const index = new Map<string, number>();
  rules.forEach((r, i) => index.set(r.id, i));
  // findings of rules the caller did not describe still get a rule entry (SARIF wants ruleIndex to be valid)
  for (const f of input.findings) {
    if (index.has(f.rule)) continue;
    index.set(f.rule, rules.length);
    rules.push({ id: f.rule, title: f.rule, description: f.message, fix: '', severity: f.severity, owasp: f.owasp, cwe: f.cwe });
  }
  const artifacts: string[] = [];
  const artifactIndex = new Map<string, number>();
  const artifactOf = (file: string): number => {
    let i = artifactIndex.get(file);
    if (i === undefined) {
      i = artifacts.length;
      artifacts.push(file);
      artifactIndex.set(file, i);
    }
    return i;
  };
  for (const t of input.targets) artifactOf(t);

  const results = input.findings.map((f) => {
    const loc = f.location;
    const physical =
      loc.file === undefined
        ? undefined
        : {
            artifactLocation: { uri: fileUri(loc.file), index: artifactOf(loc.file) },
            ...(loc.line ? { region: { startLine: loc.line, ...(loc.column ? { startColumn: loc.column } : {}) } } : {}),
          };
    const logical = loc.path ?? loc.endpoint;
    const location = {
      ...(physical ? { physicalLocation: physical } : {}),
      ...(logical ? { logicalLocations: [{ fullyQualifiedName: logical, kind: loc.path ? 'member' : 'resource' }] } : {}),
    };
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) as number,
      level: input.scale.sarifLevel(f.severity),
      message: { text: f.message },
      ...(Object.keys(location).length ? { locations: [location] } : {}),
      partialFingerprints: { 'rampartFinding/v1': fingerprint(f) },
      properties: { severity: f.severity, ...(f.owasp ? { owasp: f.owasp } : {}), ...(f.cwe ? { cwe: f.cwe } : {}) },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            ...(input.tool.informationUri ? { informationUri: input.tool.informationUri } : {}),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: r.description || r.title },
              ...(r.fix ? { help: { text: r.fix, markdown: r.fix } } : {}),
              ...(r.helpUri ? { helpUri: r.helpUri } : {}),
              defaultConfiguration: { level: input.scale.sarifLevel(r.severity) },
              properties: {
                tags: ruleTags(r),
                'security-severity': input.scale.securitySeverity(r.severity).toFixed(1),
                severity: r.severity,
              },
            })),
          },
        },
        artifacts: artifacts.map((a) => ({ location: { uri: fileUri(a) } })),
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}
