/**
 * The lint engine: one Spectral instance per run with Rampart's rules, the public OWASP ruleset as a baseline
 * and the user's ruleset; specs are parsed by Spectral's parsers (JSON or YAML, with ranges for every node) and
 * their `$ref`s resolved across files through an injected reader (no network: remote refs are refused).
 * Results are mapped to findings with file, line and JSON path, deduplicated against the baseline, and scored.
 */
import { relative, isAbsolute, sep } from 'node:path';
import { Document, Ruleset, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { oas2, oas3, oas3_0, oas3_1 } from '@stoplight/spectral-formats';
import { parseDocument } from 'yaml';
import { RampartError, type LintSeverity } from '../../core/index.js';
import type { ReportFinding, ReportRule } from '../../report/index.js';
import { formatJsonPath } from './json-path.js';
import type { LintRule } from './lint-rule.js';
import { BASELINE_SEVERITY, OWASP_CWE, OWASP_RULESET, owaspCategoryOf, toLintSeverity } from './owasp-baseline.js';
import { RULES } from './rules/index.js';
import { RULESET_FUNCTIONS } from './ruleset-functions.js';
import { EMPTY_RULESET, type UserRuleset } from './ruleset-file.js';
import { scoreFindings, type ScoreBreakdown } from './score.js';

export type RuleSource = 'rampart' | 'owasp' | 'user';

/** A rule as it ran: metadata, effective severity and where it comes from. */
export interface LintRuleInfo extends ReportRule<LintSeverity> {
  readonly source: RuleSource;
  /** Baseline rules this rule duplicates (Rampart rules only). */
  readonly overlaps: readonly string[];
}

export interface LintFinding extends ReportFinding<LintSeverity> {
  readonly source: RuleSource;
}

/** The audit of one spec (one API). */
export interface SpecLint {
  /** The spec file as the user named it. */
  readonly file: string;
  readonly title: string;
  /** `2.0`, `3.0.3`, `3.1.0`… */
  readonly specVersion: string;
  readonly apiVersion?: string;
  readonly operations: number;
  readonly findings: readonly LintFinding[];
  readonly score: ScoreBreakdown;
  /** Baseline findings dropped because a Rampart rule reported the same place. */
  readonly deduplicated: number;
}

export interface SpecInput {
  /** Absolute path (refs are resolved relative to it). */
  readonly absPath: string;
  readonly text: string;
}

export interface LinterOptions {
  readonly ruleset?: UserRuleset;
  /** Reads a `$ref`'d file (absolute path); throws a RampartError when it cannot. */
  readRef(absPath: string): Promise<string>;
  /** Directory file names are shown relative to. */
  readonly cwd: string;
  /** Run the OWASP baseline (overrides the ruleset's `baseline`); used by the evaluation. */
  readonly baseline?: boolean;
  /** Run Rampart's own rules (default true); false leaves the baseline alone, for comparisons. */
  readonly ownRules?: boolean;
}

export interface Linter {
  /** Every rule that runs (enabled ones only), Rampart's first. */
  readonly rules: readonly LintRuleInfo[];
  lint(spec: SpecInput): Promise<SpecLint>;
}

const FORMATS: Record<string, unknown> = { oas2, oas3, 'oas3.0': oas3_0, 'oas3.1': oas3_1 };
const SEVERITY_NAME: Record<LintSeverity, 'error' | 'warn' | 'info'> = { error: 'error', warn: 'warn', info: 'info' };

/** Wraps a Rampart rule's pure check into a Spectral function. */
function spectralFunction(rule: LintRule) {
  const fn = (input: unknown, _options: unknown, context: { path: Array<string | number>; documentInventory: { resolved: unknown } }) =>
    rule.check(input, { root: context.documentInventory.resolved, path: context.path }).map((h) => ({ message: h.message, path: [...h.path] }));
  Object.defineProperty(fn, 'name', { value: rule.id });
  return fn;
}

/** A file as findings name it: relative to the working directory when inside it, absolute otherwise. */
function displayName(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const name = rel === '' || isAbsolute(rel) || rel.startsWith('..') ? abs : rel;
  return sep === '/' ? name : name.split(sep).join('/');
}

function specVersionOf(data: unknown, file: string): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new RampartError('E_SPEC_INVALID', 'the document is not an object', { location: `${file}:1` });
  }
  const d = data as Record<string, unknown>;
  if (typeof d.openapi === 'string' && /^3\.[01]\./.test(d.openapi)) return d.openapi;
  if (d.swagger === '2.0' || d.swagger === 2) return '2.0';
  if (d.swaggerVersion !== undefined) {
    throw new RampartError('E_SPEC_INVALID', `Swagger ${String(d.swaggerVersion)} is not supported`, { location: `${file}:1`, fix: 'convert the document to OpenAPI 3 (or Swagger 2.0) first, e.g. with swagger2openapi or APIs-guru tools' });
  }
  if (d.openapi !== undefined) throw new RampartError('E_SPEC_INVALID', `unsupported OpenAPI version ${JSON.stringify(d.openapi)}`, { location: `${file}:1`, fix: 'Rampart lints OpenAPI 2.0, 3.0.x and 3.1.x documents' });
  throw new RampartError('E_SPEC_INVALID', 'no `openapi` or `swagger` version field: not an OpenAPI document', { location: `${file}:1` });
}

/** YAML anchors (`&a`) and aliases (`*a`) outside quoted text, roughly: only documents that have both are checked. */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]+/m;
const ALIAS = /(?:^|[\s[{,:-])\*[^\s,[\]{}]+/m;
/** Aliases a document may expand (the yaml library weighs each by the size of what it repeats). */
const MAX_ALIAS_COUNT = 10_000;

/**
 * Refuses YAML whose aliases expand exponentially ("billion laughs"): the engine walks the expanded tree, so a
 * few hundred bytes could otherwise keep it busy for hours.
 */
function refuseAliasBombs(text: string, file: string): void {
  if (!ANCHOR.test(text) || !ALIAS.test(text)) return;
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) return; // syntax errors are reported by the engine's parser, with their line
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new RampartError('E_SPEC_PARSE', `YAML aliases expand too much (${e instanceof Error ? e.message : String(e)})`, {
      location: file,
      fix: 'the document repeats anchors exponentially (an alias bomb); write the repeated parts out or use $ref',
    });
  }
}

/** Builds the Spectral ruleset and the rule table for a run. */
function buildRuleset(options: LinterOptions): { ruleset: Ruleset; info: Map<string, LintRuleInfo>; overlapOwners: Map<string, string[]> } {
  const user = options.ruleset ?? EMPTY_RULESET;
  const baseline = options.baseline ?? user.baseline;
  const ownRules = options.ownRules ?? true;
  const rules: Record<string, unknown> = {};
  const meta = new Map<string, Omit<LintRuleInfo, 'severity'>>();
  const overlapOwners = new Map<string, string[]>();
  if (ownRules) {
    for (const r of RULES) {
      rules[r.id] = { description: r.title, message: '{{error}}', severity: SEVERITY_NAME[r.severity], given: r.given, resolved: true, then: { function: spectralFunction(r) } };
      meta.set(r.id, { id: r.id, title: r.title, description: r.description, fix: r.fix, owasp: r.owasp, cwe: r.cwe, source: 'rampart', overlaps: r.overlaps ?? [] });
      for (const o of r.overlaps ?? []) overlapOwners.set(o, [...(overlapOwners.get(o) ?? []), r.id]);
    }
  }
  if (baseline) {
    for (const [id, def] of Object.entries(OWASP_RULESET.rules)) {
      meta.set(id, {
        id,
        title: def.message && !def.message.includes('{{') ? def.message : (def.description ?? id).split(/(?<=\.)\s/)[0] ?? id,
        description: def.description || def.message || id,
        fix: 'See the rule description (Spectral OWASP ruleset).',
        owasp: owaspCategoryOf(id),
        cwe: OWASP_CWE[id] ?? null,
        source: 'owasp',
        overlaps: [],
      });
    }
    for (const [id, severity] of Object.entries(BASELINE_SEVERITY)) rules[id] = severity;
  }
  for (const c of user.rules) {
    rules[c.id] = {
      description: c.title,
      message: c.message ?? '{{error}}',
      severity: SEVERITY_NAME[c.severity],
      given: [...c.given],
      resolved: c.resolved,
      ...(c.formats ? { formats: c.formats.map((f) => FORMATS[f]) } : {}),
      then: c.then.map((t) => ({ ...(t.field ? { field: t.field } : {}), function: RULESET_FUNCTIONS[t.function], ...(t.functionOptions === undefined ? {} : { functionOptions: t.functionOptions }) })),
    };
    meta.set(c.id, { id: c.id, title: c.title, description: c.description, fix: c.fix, owasp: c.owasp, cwe: c.cwe, source: 'user', overlaps: [] });
  }
  for (const [id, setting] of user.settings) {
    if (!meta.has(id)) continue; // e.g. a baseline rule while the baseline is off
    if (rules[id] && typeof rules[id] === 'object') rules[id] = { ...(rules[id] as object), severity: setting };
    else rules[id] = setting;
  }
  const definition = {
    formats: [oas2, oas3],
    ...(baseline ? { extends: [[OWASP_RULESET, 'all']] } : {}),
    rules,
  } as unknown as RulesetDefinition;
  let ruleset: Ruleset;
  try {
    ruleset = new Ruleset(definition, { severity: 'recommended', source: '/rampart-lint-ruleset' });
  } catch (e) {
    throw new RampartError('E_LINT_RULESET', `the ruleset is not valid: ${e instanceof Error ? e.message : String(e)}`);
  }
  const info = new Map<string, LintRuleInfo>();
  for (const [id, rule] of Object.entries(ruleset.rules)) {
    const m = meta.get(id);
    if (!m || !rule.enabled || (rule.severity as number) === -1) continue;
    info.set(id, { ...m, severity: toLintSeverity(rule.severity as number) });
  }
  return { ruleset, info, overlapOwners };
}

/** OpenAPI keys whose values are arrays (for index segments of documents whose data is not at hand). */
const ARRAY_KEYS = new Set(['servers', 'parameters', 'security', 'tags', 'allOf', 'anyOf', 'oneOf', 'enum', 'required', 'schemes', 'consumes', 'produces', 'prefixItems', 'type']);

/**
 * Spectral reports array indices as strings; turn them into numbers (so paths print as `[0]`, not `['0']`)
 * by walking the document's data, or for other files by the OpenAPI keys that hold arrays.
 */
function normalisePath(path: readonly (string | number)[], data: unknown): Array<string | number> {
  const out: Array<string | number> = [];
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    const digits = typeof seg === 'string' && /^(0|[1-9]\d{0,8})$/.test(seg);
    const isIndex = node !== undefined ? Array.isArray(node) : digits && (ARRAY_KEYS.has(String(path[i - 1])) || typeof out[i - 1] === 'number');
    const s = isIndex && digits ? Number(seg) : seg;
    out.push(s);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined;
  }
  return out;
}

/** Every prefix of a path key list, joined, for prefix lookups. */
function prefixes(path: readonly (string | number)[]): string[] {
  const out: string[] = [];
  let acc = '';
  for (const seg of path) {
    acc += `\u0000${String(seg)}`;
    out.push(acc);
  }
  return out;
}

/** Creates a linter (one Spectral instance for the whole run). */
export function createLinter(options: LinterOptions): Linter {
  const { ruleset, info, overlapOwners } = buildRuleset(options);
  const refused = (scheme: string) => ({
    resolve: () => Promise.reject(new Error(`remote $ref (${scheme}) not fetched: Rampart lints offline — download the file and reference it by a relative path`)),
  });
  const resolver = new Resolver({
    resolvers: {
      file: { resolve: (ref: { path(): string }) => options.readRef(ref.path()) },
      http: refused('http'),
      https: refused('https'),
    },
  } as unknown as ConstructorParameters<typeof Resolver>[0]);
  const spectral = new Spectral({ resolver: resolver as never });
  spectral.setRuleset(ruleset);
  const rules = [...info.values()].sort((a, b) => (a.source === b.source ? 0 : a.source === 'rampart' ? -1 : b.source === 'rampart' ? 1 : a.source === 'owasp' ? -1 : 1));

  async function lint(spec: SpecInput): Promise<SpecLint> {
    const file = displayName(spec.absPath, options.cwd);
    if (spec.text.trim() === '') throw new RampartError('E_INPUT_EMPTY', 'the spec is empty', { location: file });
    if (spec.text.includes('\u0000')) throw new RampartError('E_SPEC_PARSE', 'binary data (NUL bytes), not a JSON or YAML document', { location: file });
    const isJson = /\.json$/i.test(spec.absPath) || /^\s*[{[]/.test(spec.text);
    if (!isJson) refuseAliasBombs(spec.text, file);
    const document = new Document(spec.text, (isJson ? Parsers.Json : Parsers.Yaml) as never, spec.absPath);
    const parseError = document.diagnostics.find((d) => d.code === 'parser' && d.severity === 0);
    if (parseError) throw new RampartError('E_SPEC_PARSE', `${isJson ? 'JSON' : 'YAML'} syntax: ${parseError.message}`, { location: `${file}:${parseError.range.start.line + 1}` });
    const data = document.data as Record<string, unknown>;
    const specVersion = specVersionOf(data, file);

    const results: ISpectralDiagnostic[] = await spectral.run(document, { ignoreUnknownFormat: false });
    const findings: LintFinding[] = [];
    const seen = new Set<string>();
    for (const r of results) {
      const where = (r.source ? displayName(r.source, options.cwd) : file) + `:${r.range.start.line + 1}`;
      if (r.code === 'invalid-ref') throw new RampartError('E_SPEC_REF', `unresolvable $ref at ${formatJsonPath(normalisePath(r.path, !r.source || r.source === spec.absPath ? data : undefined))}: ${r.message}`, { location: where });
      if (r.code === 'parser') {
        if (r.severity === 0) throw new RampartError('E_SPEC_PARSE', `syntax: ${r.message}`, { location: where });
        continue;
      }
      if (r.code === 'unrecognized-format') throw new RampartError('E_SPEC_INVALID', r.message, { location: where });
      const rule = info.get(String(r.code));
      if (!rule) continue;
      const path = formatJsonPath(normalisePath(r.path, !r.source || r.source === spec.absPath ? data : undefined));
      const findingFile = r.source ? displayName(r.source, options.cwd) : file;
      const key = `${rule.id}\u0000${findingFile}\u0000${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        rule: rule.id,
        severity: toLintSeverity(r.severity),
        message: r.message,
        owasp: rule.owasp,
        cwe: rule.cwe,
        location: { file: findingFile, line: r.range.start.line + 1, column: r.range.start.character + 1, path },
        target: file,
        source: rule.source,
        // kept for deduplication only (not part of the output)
        ...({ rawPath: r.path } as object),
      });
    }

    // drop baseline findings that a Rampart rule covering the same ground reported at the same place
    const ownPrefixes = new Set<string>();
    const ownExact = new Set<string>();
    const overlapping = new Set([...overlapOwners.values()].flat());
    for (const f of findings) {
      if (f.source !== 'rampart' || !overlapping.has(f.rule)) continue;
      const raw = (f as unknown as { rawPath: (string | number)[] }).rawPath;
      const p = prefixes(raw);
      for (const x of p) ownPrefixes.add(`${f.rule}\u0000${f.location.file}${x}`);
      ownExact.add(`${f.rule}\u0000${f.location.file}${p[p.length - 1] ?? ''}`);
    }
    let deduplicated = 0;
    const kept = findings.filter((f) => {
      if (f.source !== 'owasp') return true;
      const owners = overlapOwners.get(f.rule);
      if (!owners) return true;
      // a baseline rule that an enabled Rampart rule covers is replaced by it: the Rampart rule looks at the same
      // concern with more precision (request-side limits only, rate limits and error responses once per
      // operation), so reporting both would say the same thing twice or flag what does not matter (unbounded
      // response strings)
      if (owners.some((o) => info.has(o))) {
        deduplicated++;
        return false;
      }
      const p = prefixes((f as unknown as { rawPath: (string | number)[] }).rawPath);
      const full = p[p.length - 1] ?? '';
      for (const o of owners) {
        const base = `${o}\u0000${f.location.file}`;
        // ours at the same place, at an enclosing node (operation), or inside theirs
        if (ownPrefixes.has(base + full) || ownExact.has(base) || p.some((x) => ownExact.has(base + x))) {
          deduplicated++;
          return false;
        }
      }
      return true;
    });
    const clean = kept.map((f) => {
      const { rawPath: _drop, ...rest } = f as LintFinding & { rawPath?: unknown };
      return rest as LintFinding;
    });
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    clean.sort(
      (a, b) =>
        (a.location.file === b.location.file ? 0 : a.location.file === file ? -1 : b.location.file === file ? 1 : cmp(a.location.file ?? '', b.location.file ?? '')) ||
        (a.location.line ?? 0) - (b.location.line ?? 0) ||
        (a.location.column ?? 0) - (b.location.column ?? 0) ||
        cmp(a.rule, b.rule) ||
        cmp(a.location.path ?? '', b.location.path ?? ''),
    );
    const infoObj = data.info && typeof data.info === 'object' ? (data.info as Record<string, unknown>) : {};
    let operations = 0;
    if (data.paths && typeof data.paths === 'object') {
      for (const item of Object.values(data.paths as Record<string, unknown>)) {
        if (item && typeof item === 'object') operations += Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(k)).length;
      }
    }
    return {
      file,
      title: typeof infoObj.title === 'string' ? infoObj.title : file,
      specVersion,
      ...(typeof infoObj.version === 'string' ? { apiVersion: infoObj.version } : {}),
      operations,
      findings: clean,
      score: scoreFindings(clean),
      deduplicated,
    };
  }

  return { rules, lint };
}
