/**
 * JSON Schema inference from samples: a `Shape` accumulates what was seen at one place of a JSON document (or
 * one parameter's values) — types with counts, string formats, a few distinct string values, object
 * properties with how often each was present, array items — and merges with other shapes. `shapeToSchema`
 * turns it into a JSON Schema 2020-12 (OpenAPI 3.1) schema:
 *
 * - `required`: properties present in every object seen; the others are optional;
 * - `integer` when every number seen was whole, `number` otherwise; `type: [..., "null"]` when null was seen;
 * - `format` when every string matched it (uuid, email, date, date-time, ipv4, ipv6, uri);
 * - `enum` for small sets of repeated strings (never for values in secret-looking fields or values a
 *   classifier flagged: those values are not even kept);
 * - arrays of objects merged into one `items` schema.
 *
 * Everything is bounded (depth, properties per object, distinct values, array items read per array), so the
 * state stays small whatever the traffic.
 */
import type { JsonSchema, JsonValue } from '../core/index.js';
import { detectStringFormat, type StringFormat } from './string-format.js';
import { isSecretShaped } from './redaction/secret-shapes.js';

export interface ShapeLimits {
  /** Nesting depth read below the root (deeper values become `{}`). */
  readonly maxDepth: number;
  /** Properties tracked per object (others are counted in `dropped`; the schema then stays open). */
  readonly maxProperties: number;
  /** Distinct string values kept per place to find enums. */
  readonly maxTrackedValues: number;
  /** Largest enum emitted. */
  readonly maxEnum: number;
  /** Strings longer than this are never enum candidates. */
  readonly maxEnumValueLength: number;
  /** Items read per array instance (the first ones). */
  readonly maxArrayItems: number;
  /** Items per array instance whose leaves are given to the visitor (classified); the rest only shape the schema. */
  readonly maxVisitedItems: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = {
  maxDepth: 12,
  maxProperties: 200,
  maxTrackedValues: 16,
  maxEnum: 10,
  maxEnumValueLength: 64,
  maxArrayItems: 20,
  maxVisitedItems: 5,
};

/** Field names whose values are never kept, even as enum candidates (passwords, secrets, tokens, keys, cards). */
const SECRET_NAME = /pass|secret|token|key|auth|cred|card|cvv|cvc|ssn|pin|otp|session|cookie|sig/i;

/** A long digit run (card, account, phone numbers), separators allowed. */
const DIGIT_RUN = /\d(?:[ .-]?\d){7}/;

/**
 * Enum candidates are codes (`active`, `EUR`, `pending-review`), never prose or numbers that could be personal
 * data or secrets: a value with a long digit run, more than two spaces, or a secret's shape stops value tracking
 * for the field (a card number inside a free-text title must not end up in an exported `enum`).
 */
function looksLikeCode(s: string): boolean {
  if (DIGIT_RUN.test(s) || isSecretShaped(s)) return false;
  let spaces = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32 && ++spaces > 2) return false;
  return true;
}

/** True when a field or parameter name suggests a secret value. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Called for every string (and integer) leaf while a JSON document is observed: the leaf's value, its JSON path
 * (`$.user.email`, `$.items[*].card`) and its property name. Returns true when the value is sensitive (it is then
 * not kept in the shape).
 */
export type LeafVisitor = (value: string, path: string, name: string | undefined) => boolean;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** JSON path of a property below `parent` (`$.a`, `$['odd key']`). */
export function childPath(parent: string, name: string): string {
  if (IDENT.test(name)) return `${parent}.${name}`;
  return `${parent}['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export class Shape {
  /** Values observed here (all types). */
  n = 0;
  nul = 0;
  bool = 0;
  int = 0;
  num = 0;
  str = 0;
  obj = 0;
  arr = 0;
  /** Strings matching each format. */
  formats: Map<StringFormat, number> | undefined;
  /** Distinct string values with counts; `null` once tracking stopped (too many, too long, or sensitive). */
  values: Map<string, number> | null | undefined;
  props: Map<string, Shape> | undefined;
  /** Property occurrences not tracked because of `maxProperties`. */
  dropped = 0;
  items: Shape | undefined;
  /** Values not read because of `maxDepth`. */
  cut = 0;

  /** Observes one parsed JSON value. */
  observeJson(value: unknown, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS, visit?: LeafVisitor, path = '$', name?: string, depth = 0, weight = 1, blind = false): void {
    this.n += weight;
    if (value === null) {
      this.nul += weight;
      return;
    }
    switch (typeof value) {
      case 'boolean':
        this.bool += weight;
        return;
      case 'number':
        if (Number.isInteger(value)) {
          this.int += weight;
          if (visit && (value >= 1e8 || value <= -1e8) && visit(String(value), path, name)) this.values = null;
        } else this.num += weight;
        return;
      case 'string':
        // `blind`: an item past `maxVisitedItems`, not classified — its sensitivity is unknown, so it shapes the
        // schema but is not kept as an enum candidate
        this.observeString(value, limits, blind ? undefined : visit ? visit(value, path, name) : false, name, weight);
        return;
      case 'object':
        break;
      default:
        return;
    }
    if (depth >= limits.maxDepth) {
      this.cut += weight;
      if (Array.isArray(value)) this.arr += weight;
      else this.obj += weight;
      return;
    }
    if (Array.isArray(value)) {
      this.arr += weight;
      const items = (this.items ??= new Shape());
      const max = Math.min(value.length, limits.maxArrayItems);
      const itemPath = `${path}[*]`;
      for (let i = 0; i < max; i++) {
        const seen = i < limits.maxVisitedItems;
        items.observeJson(value[i], limits, seen ? visit : undefined, itemPath, name, depth + 1, weight, blind || (!seen && visit !== undefined));
      }
      return;
    }
    this.obj += weight;
    const props = (this.props ??= new Map());
    for (const key in value as Record<string, unknown>) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      let child = props.get(key);
      if (child === undefined) {
        if (props.size >= limits.maxProperties) {
          this.dropped += weight;
          continue;
        }
        child = new Shape();
        props.set(key, child);
      }
      child.observeJson((value as Record<string, unknown>)[key], limits, visit, visit ? childPath(path, key) : path, key, depth + 1, weight, blind);
    }
  }

  /**
   * Observes one parameter value given as text (query, path, header, cookie, form field): `42` counts as an
   * integer, `4.5` a number, `true`/`false` a boolean, anything else a string.
   */
  observeText(text: string, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS, sensitive = false, name?: string, weight = 1): void {
    this.n += weight;
    const t = textType(text);
    if (t === 'integer') this.int += weight;
    else if (t === 'number') this.num += weight;
    else if (t === 'boolean') this.bool += weight;
    else this.observeString(text, limits, sensitive, name, weight);
  }

  /** Counts one string (the caller counted it in `n`). */
  private observeString(s: string, limits: ShapeLimits, sensitive: boolean | undefined, name: string | undefined, weight: number): void {
    this.str += weight;
    const fmt = detectStringFormat(s);
    if (fmt !== undefined) {
      const f = (this.formats ??= new Map());
      f.set(fmt, (f.get(fmt) ?? 0) + weight);
    }
    if (this.values === null) return;
    if (sensitive === undefined) {
      if (this.values !== undefined && !this.values.has(s)) this.values = null; // an unknown value: no closed set
      else if (this.values) this.values.set(s, (this.values.get(s) ?? 0) + weight);
      return;
    }
    if (sensitive || fmt !== undefined || s.length > limits.maxEnumValueLength || (name !== undefined && isSecretName(name)) || !looksLikeCode(s)) {
      this.values = null;
      return;
    }
    const v = (this.values ??= new Map());
    const prev = v.get(s);
    if (prev === undefined && v.size >= limits.maxTrackedValues) {
      this.values = null;
      return;
    }
    v.set(s, (prev ?? 0) + weight);
  }

  /** Stops keeping string values here (a value was found sensitive elsewhere). */
  forgetValues(): void {
    this.values = null;
  }

  /** Adds everything `other` saw. */
  merge(other: Shape, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): void {
    this.n += other.n;
    this.nul += other.nul;
    this.bool += other.bool;
    this.int += other.int;
    this.num += other.num;
    this.str += other.str;
    this.obj += other.obj;
    this.arr += other.arr;
    this.dropped += other.dropped;
    this.cut += other.cut;
    if (other.formats) {
      const f = (this.formats ??= new Map());
      for (const [k, c] of other.formats) f.set(k, (f.get(k) ?? 0) + c);
    }
    if (other.values === null) this.values = null;
    else if (other.values !== undefined && this.values !== null) {
      const v = (this.values ??= new Map());
      for (const [k, c] of other.values) {
        if (!v.has(k) && v.size >= limits.maxTrackedValues) {
          this.values = null;
          break;
        }
        v.set(k, (v.get(k) ?? 0) + c);
      }
    }
    if (other.props) {
      const props = (this.props ??= new Map());
      for (const [k, s] of other.props) {
        const mine = props.get(k);
        if (mine) mine.merge(s, limits);
        else if (props.size < limits.maxProperties) props.set(k, s.clone());
        else this.dropped += s.n;
      }
    }
    if (other.items) {
      if (this.items) this.items.merge(other.items, limits);
      else this.items = other.items.clone();
    }
  }

  clone(): Shape {
    return Shape.fromJson(this.toJson());
  }

  /** Compact JSON form for the learner's stored state. */
  toJson(): JsonValue {
    const out: { [k: string]: JsonValue } = { n: this.n, t: [this.nul, this.bool, this.int, this.num, this.str, this.obj, this.arr] };
    if (this.formats?.size) out.f = [...this.formats].map(([k, c]) => [k, c]);
    if (this.values === null) out.v = null;
    else if (this.values?.size) out.v = [...this.values].map(([k, c]) => [k, c]);
    if (this.props?.size) out.p = [...this.props].map(([k, s]) => [k, s.toJson()]);
    if (this.dropped) out.d = this.dropped;
    if (this.items) out.i = this.items.toJson();
    if (this.cut) out.c = this.cut;
    return out;
  }

  /** Reads `toJson()` output; throws a TypeError on anything malformed (the caller decides what to do). */
  static fromJson(json: unknown, depth = 0): Shape {
    if (depth > 64 || typeof json !== 'object' || json === null || Array.isArray(json)) throw new TypeError('shape: not an object');
    const o = json as Record<string, unknown>;
    const s = new Shape();
    s.n = count(o.n);
    const t = o.t;
    if (!Array.isArray(t) || t.length !== 7) throw new TypeError('shape: bad type counts');
    [s.nul, s.bool, s.int, s.num, s.str, s.obj, s.arr] = t.map(count) as [number, number, number, number, number, number, number];
    if (o.f !== undefined) s.formats = new Map(pairs(o.f).map(([k, c]) => [k as StringFormat, count(c)]));
    if (o.v === null) s.values = null;
    else if (o.v !== undefined) s.values = new Map(pairs(o.v).map(([k, c]) => [k, count(c)]));
    if (o.p !== undefined) s.props = new Map(pairs(o.p).map(([k, c]) => [k, Shape.fromJson(c, depth + 1)]));
    if (o.d !== undefined) s.dropped = count(o.d);
    if (o.i !== undefined) s.items = Shape.fromJson(o.i, depth + 1);
    if (o.c !== undefined) s.cut = count(o.c);
    return s;
  }
}

function count(x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new TypeError('shape: bad count');
  return x;
}

function pairs(x: unknown): Array<[string, unknown]> {
  if (!Array.isArray(x)) throw new TypeError('shape: expected pairs');
  return x.map((p) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string') throw new TypeError('shape: bad pair');
    return [p[0], p[1]] as [string, unknown];
  });
}

/** Type of a parameter value given as text. */
export function textType(text: string): 'integer' | 'number' | 'boolean' | 'string' {
  const n = text.length;
  if (n === 0) return 'string';
  if (text === 'true' || text === 'false') return 'boolean';
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return 'string';
  // leading zeros (`007`, `00042`) are identifiers, not numbers
  if (text.charCodeAt(i) === 48 && n > i + 1 && text.charCodeAt(i + 1) !== 46) return 'string';
  let dot = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot === -1) dot = i;
    else if (c < 48 || c > 57) return 'string';
  }
  if (dot === -1) return n <= 15 ? 'integer' : 'string';
  return dot < n - 1 && n <= 24 ? 'number' : 'string';
}

export interface SchemaOptions {
  /** Smallest number of strings seen per distinct value for an enum (repeated values only). */
  readonly enumMinRepeat?: number;
  readonly limits?: ShapeLimits;
}

/** The JSON Schema (2020-12) of what `shape` saw. */
export function shapeToSchema(shape: Shape, options: SchemaOptions = {}): JsonSchema {
  const limits = options.limits ?? DEFAULT_SHAPE_LIMITS;
  const repeat = options.enumMinRepeat ?? 3;
  if (shape.n === 0) return {};
  const types: string[] = [];
  if (shape.obj) types.push('object');
  if (shape.arr) types.push('array');
  if (shape.str) types.push('string');
  if (shape.num) types.push('number');
  else if (shape.int) types.push('integer');
  if (shape.bool) types.push('boolean');
  if (shape.cut && shape.cut === shape.obj + shape.arr && types.length === (shape.obj ? 1 : 0) + (shape.arr ? 1 : 0)) {
    // only ever seen below the depth limit: say nothing more than the type
    return shape.nul ? { type: [...types, 'null'] } : types.length === 1 ? { type: types[0] } : { type: types };
  }
  if (shape.nul) types.push('null');
  const schema: Record<string, unknown> = {};
  if (types.length === 1) schema.type = types[0];
  else if (types.length > 1) schema.type = types;

  if (shape.str) {
    let format: string | undefined;
    if (shape.formats) for (const [f, c] of shape.formats) if (c === shape.str) format = f;
    if (format) schema.format = format;
    else if (shape.values && shape.values.size >= 2 && shape.values.size <= limits.maxEnum && shape.str >= repeat * shape.values.size && types.length <= 2) {
      // a small closed set of repeated values (and nothing but strings, possibly null)
      const onlyStrings = types.every((t) => t === 'string' || t === 'null');
      if (onlyStrings) {
        const values: Array<string | null> = [...shape.values.keys()].sort();
        if (shape.nul) values.push(null);
        schema.enum = values;
      }
    }
  }
  if (shape.obj && shape.props) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [k, child] of shape.props) {
      Object.defineProperty(properties, k, { value: shapeToSchema(child, options), enumerable: true, writable: true, configurable: true });
      if (child.n >= shape.obj - shape.cut && shape.obj > shape.cut) required.push(k);
    }
    schema.properties = properties;
    if (required.length) schema.required = required;
  }
  if (shape.arr) schema.items = shape.items ? shapeToSchema(shape.items, options) : {};
  return schema;
}
