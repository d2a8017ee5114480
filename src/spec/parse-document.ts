/**
 * Parses the text of a spec or collection file (JSON or YAML) into a plain value, with syntax errors reported as
 * `E_SPEC_PARSE` at `file:line:column`. JSON goes through `JSON.parse` (fast on big files); YAML through js-yaml 5
 * (YAML 1.2 core schema plus merge keys `<<`, so dates and `yes`/`no` stay strings as in JSON).
 */
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { RampartError } from '../core/errors.js';
import { lineColumnAt } from './line-index.js';

export type DocumentSyntax = 'json' | 'yaml';

export interface ParsedDocument {
  readonly value: unknown;
  readonly syntax: DocumentSyntax;
}

const YAML_SCHEMA = CORE_SCHEMA.withTags(mergeTag);
/** Nesting limit for YAML collections (js-yaml's default is 100, real specs nest deeper in examples). */
const YAML_MAX_DEPTH = 1000;
/** Alias limit per YAML document: bounds "billion laughs" expansion. */
const YAML_MAX_ALIASES = 10_000;

/** True when the text starts (after whitespace and a BOM) with `{` or `[`: parse it as JSON. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

/**
 * Decodes file bytes as UTF-8 text; binary content (NUL bytes, invalid UTF-8) is an `E_SPEC_PARSE` error.
 * A leading BOM is dropped.
 */
export function decodeDocumentBytes(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new RampartError('E_SPEC_PARSE', `binary data, not JSON or YAML text (NUL byte at offset ${nul})`, { location: file });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RampartError('E_SPEC_PARSE', 'not UTF-8 text (binary data or another encoding)', {
      location: file,
      fix: 'save the file as UTF-8 JSON or YAML',
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses JSON or YAML text; throws `E_SPEC_PARSE` with `file:line:column` on a syntax error. */
export function parseDocumentText(text: string, file: string): ParsedDocument {
  if (text.indexOf('\u0000') !== -1) {
    throw new RampartError('E_SPEC_PARSE', 'binary data, not JSON or YAML text (NUL character)', { location: file });
  }
  if (text.trim() === '') throw new RampartError('E_INPUT_EMPTY', 'the file has no content', { location: file });
  if (looksLikeJson(text)) {
    try {
      return { value: JSON.parse(text), syntax: 'json' };
    } catch {
      const err = findJsonSyntaxError(text);
      const at = lineColumnAt(text, err.offset);
      throw new RampartError('E_SPEC_PARSE', `invalid JSON: ${err.message}`, { location: `${file}:${at.line}:${at.column}` });
    }
  }
  let value: unknown;
  try {
    value = load(text, { schema: YAML_SCHEMA, maxDepth: YAML_MAX_DEPTH, maxAliases: YAML_MAX_ALIASES });
  } catch (e) {
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? (e instanceof Error ? e.message : String(e));
    const location = mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file;
    throw new RampartError('E_SPEC_PARSE', `invalid YAML: ${reason}`, { location, cause: e });
  }
  // aliases are shared, not copied, by the parser: a few of them nested can still stand for billions of nodes
  // that every later walk ($ref resolution, hashing) would visit — count the expanded document, bounded
  if (expandedNodes(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    throw new RampartError('E_SPEC_PARSE', `YAML aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes (an alias bomb)`, {
      location: file,
      fix: 'write the repeated parts out or use $ref; anchors and aliases may not multiply the document',
    });
  }
  return { value, syntax: 'yaml' };
}

/** Nodes of a parsed document once aliases are expanded. */
const MAX_EXPANDED_NODES = 2_000_000;

/** Counts the nodes of `value` as a walk would visit them, stopping as soon as `limit` is passed. */
function expandedNodes(value: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && n <= limit) {
    const v = stack.pop();
    n++;
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else for (const k in v as Record<string, unknown>) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return n;
}

/**
 * Finds where and why JSON text is invalid (V8's messages quote the text instead of giving an offset).
 * Only called after `JSON.parse` failed; a small RFC 8259 recogniser, iterative (no recursion on deep input).
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } {
  let i = 0;
  const n = text.length;
  // container stack: 'o' object, 'a' array
  const stack: string[] = [];
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const fail = (message: string) => ({ offset: Math.min(i, n), message });
  const describe = () => (i >= n ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const readString = (): string | undefined => {
    // at '"'
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return 'control character in string (escape it as \\n, \\t, \\u00XX)';
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'bad \\u escape in string';
          i += 6;
          continue;
        }
        if (e === undefined || '"\\/bfnrt'.indexOf(e) === -1) return `bad escape \\${e ?? ''} in string`;
        i += 2;
        continue;
      }
      i++;
    }
    return 'unterminated string';
  };
  const readValue = (): string | undefined => {
    ws();
    const ch = text[i];
    if (ch === '"') return readString();
    if (ch === '{' || ch === '[') return undefined;
    const lit = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 400));
    if (!lit) return `${describe()} where a value was expected`;
    i += lit[0].length;
    return undefined;
  };
  ws();
  for (;;) {
    ws();
    // a value is expected here
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
      } else {
        stack.push('o');
        if (text[i] !== '"') return fail(`${describe()} where a property name in double quotes was expected`);
        const e = readString();
        if (e) return fail(e);
        ws();
        if (text[i] !== ':') return fail(`${describe()} where ':' was expected after a property name`);
        i++;
        continue;
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
      } else {
        stack.push('a');
        continue;
      }
    } else {
      const e = readValue();
      if (e) return fail(e);
    }
    // after a complete value: close containers or take the next member
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) return fail(`${describe()} after the end of the document`);
        return { offset: n, message: 'invalid JSON' };
      }
      const c = text[i];
      if (c === ',') {
        i++;
        ws();
        if (top === 'o') {
          if (text[i] !== '"') return fail(`${describe()} where a property name in double quotes was expected (trailing comma?)`);
          const e = readString();
          if (e) return fail(e);
          ws();
          if (text[i] !== ':') return fail(`${describe()} where ':' was expected after a property name`);
          i++;
        } else if (text[i] === ']') {
          return fail(`${describe()} where a value was expected (trailing comma?)`);
        }
        break;
      }
      if ((c === '}' && top === 'o') || (c === ']' && top === 'a')) {
        i++;
        stack.pop();
        continue;
      }
      return fail(`${describe()} where ',' or '${top === 'o' ? '}' : ']'}' was expected`);
    }
  }
}
