/**
 * The user ruleset file (YAML or JSON, format in docs/lint.md): switch rules off, change their severity, and add
 * rules in Spectral's style (`given` JSONPath + `then.function` from a documented set). Validated once at load,
 * with errors pointing at the bad key (`file:line: rules.my-rule.then.function …`), then frozen.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import { RampartError, type LintSeverity } from '../../core/index.js';
import { RULESET_FUNCTIONS, RULESET_FUNCTION_NAMES } from './ruleset-functions.js';

export type RuleSetting = LintSeverity | 'off';

export interface CustomRuleThen {
  readonly field?: string;
  readonly function: string;
  readonly functionOptions?: unknown;
}

export interface CustomRule {
  readonly id: string;
  readonly severity: LintSeverity;
  readonly title: string;
  readonly description: string;
  readonly message?: string;
  readonly fix: string;
  readonly owasp: string | null;
  readonly cwe: string | null;
  readonly given: readonly string[];
  readonly resolved: boolean;
  readonly formats?: readonly string[];
  readonly then: readonly CustomRuleThen[];
}

export interface UserRuleset {
  /** Run the public OWASP ruleset beside Rampart's rules (default true). */
  readonly baseline: boolean;
  /** Existing rule id -> `off` or a new severity. */
  readonly settings: ReadonlyMap<string, RuleSetting>;
  readonly rules: readonly CustomRule[];
}

export const EMPTY_RULESET: UserRuleset = Object.freeze({ baseline: true, settings: new Map(), rules: [] });

const SETTING = ['off', 'error', 'warn', 'info'];
const FORMATS = ['oas2', 'oas3', 'oas3.0', 'oas3.1'];

const thenSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['function'],
  properties: { field: { type: 'string', minLength: 1 }, function: { enum: RULESET_FUNCTION_NAMES }, functionOptions: {} },
};
const givenItem = { type: 'string', pattern: '^[$]', minLength: 1 };
const customRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'given', 'then'],
  properties: {
    description: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    message: { type: 'string', minLength: 1 },
    fix: { type: 'string' },
    severity: { enum: ['error', 'warn', 'info'] },
    owasp: { anyOf: [{ type: 'string', pattern: '^API([1-9]|10):2023$' }, { type: 'null' }] },
    cwe: { anyOf: [{ type: 'string', pattern: '^CWE-[1-9][0-9]{0,4}$' }, { type: 'null' }] },
    given: { anyOf: [givenItem, { type: 'array', minItems: 1, items: givenItem }] },
    resolved: { type: 'boolean' },
    formats: { type: 'array', minItems: 1, items: { enum: FORMATS } },
    then: { anyOf: [thenSchema, { type: 'array', minItems: 1, items: thenSchema }] },
  },
};

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const validateCustom = ajv.compile(customRuleSchema);

type Segment = string | number;

/** Finds the line (1-based) of a key path in a parsed YAML/JSON document, or of its closest existing ancestor. */
function lineOf(root: Node | null | undefined, lc: LineCounter, path: readonly Segment[]): number | undefined {
  let node: unknown = root;
  let offset: number | undefined = (root as Node | null | undefined)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lc.linePos(offset).line;
}

function pathText(path: readonly Segment[]): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
}

function ajvPath(err: ErrorObject): Segment[] {
  const parts = err.instancePath === '' ? [] : err.instancePath.slice(1).split('/').map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (err.keyword === 'additionalProperties') parts.push(String((err.params as { additionalProperty: string }).additionalProperty));
  return parts;
}

function ajvMessage(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') return `unknown key "${String((err.params as { additionalProperty: string }).additionalProperty)}"`;
  if (err.keyword === 'enum') return `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (err.keyword === 'required') return `missing required key "${String((err.params as { missingProperty: string }).missingProperty)}"`;
  return err.message ?? 'invalid value';
}

/**
 * Parses and validates a ruleset file's text. `knownRules` are the ids of the built-in and baseline rules
 * (which may be switched off or re-severitied). Throws `E_LINT_RULESET` with `file:line` and the key path.
 */
export function parseRulesetFile(text: string, file: string, knownRules: ReadonlySet<string>): UserRuleset {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const fail = (path: readonly Segment[], message: string): never => {
    const line = lineOf(doc.contents, lc, path);
    throw new RampartError('E_LINT_RULESET', `${path.length ? `${pathText(path)}: ` : ''}${message}`, { location: line ? `${file}:${line}` : file });
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    throw new RampartError('E_LINT_RULESET', `not valid YAML/JSON: ${e.message.split('\n')[0]}`, { location: line ? `${file}:${line}` : file });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail([], 'a ruleset is an object with `rules` (and optionally `baseline`)');
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (key !== 'rules' && key !== 'baseline') fail([key], `unknown key "${key}" (allowed: rules, baseline)`);
  let baseline = true;
  if (obj.baseline !== undefined) {
    if (obj.baseline !== 'owasp' && obj.baseline !== 'none') fail(['baseline'], 'must be "owasp" or "none"');
    baseline = obj.baseline === 'owasp';
  }
  const settings = new Map<string, RuleSetting>();
  const rules: CustomRule[] = [];
  const ruleMap = obj.rules ?? {};
  if (ruleMap === null || typeof ruleMap !== 'object' || Array.isArray(ruleMap)) fail(['rules'], 'must be an object of rule id -> setting or rule definition');
  for (const [id, value] of Object.entries(ruleMap as Record<string, unknown>)) {
    const at = ['rules', id];
    if (typeof value === 'string' || typeof value === 'boolean') {
      if (!knownRules.has(id)) fail(at, `unknown rule "${id}" (a new rule needs a definition with description, given and then)`);
      const setting = value === false ? 'off' : value === true ? undefined : value;
      if (setting !== undefined && !SETTING.includes(setting)) fail(at, `must be one of off, error, warn, info (got "${setting}")`);
      if (setting !== undefined) settings.set(id, setting as RuleSetting);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(at, 'must be off|error|warn|info or a rule definition object');
    const def = value as Record<string, unknown>;
    if (knownRules.has(id)) {
      const extra = Object.keys(def).filter((k) => k !== 'severity');
      if (extra.length) fail([...at, extra[0]!], `built-in rule "${id}" can only be switched off or given a severity`);
      if (!SETTING.includes(String(def.severity))) fail([...at, 'severity'], 'must be one of off, error, warn, info');
      settings.set(id, def.severity as RuleSetting);
      continue;
    }
    if (!/^[a-z0-9][a-z0-9:._-]{0,99}$/.test(id)) fail(at, 'rule ids are lower-case letters, digits and : . _ - (at most 100 characters)');
    if (!validateCustom(def)) {
      const err = validateCustom.errors?.[0];
      if (err) fail([...at, ...ajvPath(err)], ajvMessage(err));
    }
    const thens = (Array.isArray(def.then) ? def.then : [def.then]) as CustomRuleThen[];
    thens.forEach((t, i) => {
      const fn = RULESET_FUNCTIONS[t.function];
      const thenAt = Array.isArray(def.then) ? [...at, 'then', i] : [...at, 'then'];
      try {
        fn?.validator(t.functionOptions ?? null);
      } catch (e) {
        const first = (e as { errors?: unknown[] }).errors?.[0] ?? e;
        const path = ((first as { path?: Segment[] }).path ?? ['functionOptions']) as Segment[];
        fail([...thenAt, ...path], (first as Error).message);
      }
    });
    rules.push(
      Object.freeze({
        id,
        severity: (def.severity as LintSeverity | undefined) ?? 'warn',
        title: (def.title as string | undefined) ?? (def.description as string),
        description: def.description as string,
        ...(def.message === undefined ? {} : { message: def.message as string }),
        fix: (def.fix as string | undefined) ?? '',
        owasp: (def.owasp as string | null | undefined) ?? null,
        cwe: (def.cwe as string | null | undefined) ?? null,
        given: Array.isArray(def.given) ? (def.given as string[]) : [def.given as string],
        resolved: def.resolved !== false,
        ...(def.formats ? { formats: def.formats as string[] } : {}),
        then: thens.map((t) => Object.freeze({ ...t })),
      }),
    );
  }
  return Object.freeze({ baseline, settings, rules: Object.freeze(rules) });
}
