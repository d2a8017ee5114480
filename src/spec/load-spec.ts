/**
 * The spec loader (an I/O edge): reads an OpenAPI 2.0/3.0/3.1 file (JSON or YAML), bundles the files its `$ref`s
 * point to into one document (with @apidevtools/json-schema-ref-parser: external references are inlined once and
 * every other reference becomes internal), converts it to an `ApiDescription`, and keeps a pointer → file:line map
 * so lint and comply findings point at the exact line, even inside a referenced file.
 */
import { stat, readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import $RefParser, { ResolverError, type FileInfo } from '@apidevtools/json-schema-ref-parser';
import type { ApiDescription } from '../core/api-description.js';
import { RampartError, isRampartError } from '../core/errors.js';
import { escapePointerToken, getAtPointer, joinPointer, parsePointer } from './json-pointer.js';
import { decodeDocumentBytes, parseDocumentText } from './parse-document.js';
import { createPositionIndex, type PositionIndex } from './position-index.js';
import { detectSpecVersion } from './spec-version.js';
import { toApiDescription, type SpecWarning } from './to-api-description.js';

/** Default size limit of a spec (each file, and all files of a multi-file spec together). */
export const DEFAULT_MAX_SPEC_BYTES = 50 * 1024 * 1024;

export interface LoadSpecOptions {
  /** Refuse specs larger than this many bytes (`E_SPEC_TOO_LARGE`); default 50 MiB. */
  readonly maxBytes?: number;
  /**
   * External `$ref`s may only read files inside this directory (default: anywhere on the local disk).
   * Only `.json`, `.yaml` and `.yml` files are ever followed, and never URLs (no network access from a spec).
   */
  readonly refRoot?: string;
  /** Time limit for resolving external `$ref`s, in ms (default 60 s). */
  readonly timeoutMs?: number;
}

/** A position in a spec file (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface LoadedSpec {
  readonly description: ApiDescription;
  /** The bundled raw document: one object, only internal `$ref`s. */
  readonly document: Record<string, unknown>;
  /** The document's version as written: `2.0`, `3.0.3`, `3.1.0`. */
  readonly version: string;
  /** The root file as given. */
  readonly file: string;
  /** Every file read (the root first), as paths relative to the root file's folder as given. */
  readonly files: readonly string[];
  /** What was skipped or read leniently (the load still succeeded). */
  readonly warnings: readonly SpecWarning[];
  /**
   * Where a JSON pointer into `document` (`/paths/~1pets/get`, or `#/…`) is written: the file and line of the member's
   * key (inside referenced files too). Falls back to the nearest ancestor written in the sources; undefined for a
   * pointer that is not a pointer.
   */
  locate(pointer: string): SourceLocation | undefined;
}

interface SourceFile {
  /** Name shown to people. */
  readonly name: string;
  readonly text: string;
  index?: PositionIndex;
}

/** Where an object of the bundled document came from: a file and a pointer inside it. */
interface Origin {
  readonly file: SourceFile;
  readonly pointer: string;
}

/** Loads, bundles and converts a spec file. Throws `RampartError`s with the location and the fix. */
export async function loadSpec(file: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SPEC_BYTES;
  const rootPath = resolve(file);
  const rootBytes = await readLimited(rootPath, file, maxBytes);
  const rootText = decodeDocumentBytes(rootBytes, file);
  const root = parseDocumentText(rootText, file).value;
  const { version } = detectSpecVersion(root, file);
  const rootSource: SourceFile = { name: file, text: rootText };
  const sources = new Map<string, SourceFile>([[rootPath, rootSource]]);
  const origins = new WeakMap<object, Origin>();
  let document = root as Record<string, unknown>;

  const externals = findExternalRefs(root);
  if (externals.length > 0) {
    const displayName = (abs: string) => (abs === rootPath ? file : join(dirname(file), relative(dirname(rootPath), abs)));
    let totalBytes = rootBytes.length;
    const refRoot = options.refRoot === undefined ? undefined : resolve(options.refRoot);
    registerOrigins(root, rootSource, origins);
    // the bundler keeps a resolver's message only when it throws the bundler's own ResolverError
    let tooLarge: RampartError | undefined;
    const refuse = (abs: string, why: string): never => {
      throw new ResolverError(new Error(why), abs);
    };
    const parser = new $RefParser();
    try {
      document = (await parser.bundle(rootPath, root as object, {
        continueOnError: true,
        timeoutMs: options.timeoutMs ?? 60_000,
        resolve: {
          external: true,
          http: false,
          file: false,
          rampartFile: {
            order: 1,
            canRead: true,
            async read(info: FileInfo) {
              const abs = toFilePath(info.url);
              if (abs === undefined) return refuse(info.url, `only local files are followed, not ${info.url}`);
              if (!/^\.(?:json|ya?ml)$/i.test(extname(abs))) refuse(abs, `only .json, .yaml and .yml files are followed (${displayName(abs)})`);
              if (refRoot !== undefined && abs !== refRoot && !abs.startsWith(refRoot + sep)) refuse(abs, `${displayName(abs)} is outside the allowed folder ${options.refRoot}`);
              let bytes: Uint8Array;
              try {
                bytes = await readLimited(abs, displayName(abs), maxBytes);
              } catch (err) {
                if (isRampartError(err) && err.code === 'E_SPEC_TOO_LARGE') tooLarge = err;
                return refuse(abs, isRampartError(err) ? (err.code === 'E_INPUT_NOT_FOUND' ? `file not found: ${displayName(abs)}` : `${displayName(abs)}: ${err.message}`) : String(err));
              }
              totalBytes += bytes.length;
              if (totalBytes > maxBytes) {
                tooLarge = new RampartError('E_SPEC_TOO_LARGE', `the spec and its referenced files exceed ${formatBytes(maxBytes)}`, { location: file });
                refuse(abs, tooLarge.message);
              }
              return bytes;
            },
          },
        },
        parse: {
          json: false,
          yaml: false,
          text: false,
          binary: false,
          rampart: {
            order: 1,
            canParse: true,
            allowEmpty: false,
            parse(info: FileInfo) {
              const abs = toFilePath(info.url) ?? info.url;
              const name = displayName(abs);
              const bytes = info.data as unknown;
              const text = typeof bytes === 'string' ? bytes : decodeDocumentBytes(bytes as Uint8Array, name);
              const value = parseDocumentText(text, name).value;
              const src: SourceFile = { name, text };
              sources.set(abs, src);
              registerOrigins(value, src, origins);
              return value;
            },
          },
        },
      } as never)) as Record<string, unknown>;
    } catch (err) {
      throw tooLarge ?? bundleError(err, rootPath, sources, file);
    }
  }

  const locate = (pointer: string): SourceLocation | undefined => {
    const tokens = parsePointer(pointer);
    if (tokens === undefined) return undefined;
    const origin = originOf(document, tokens, rootSource, origins);
    origin.file.index ??= createPositionIndex(origin.file.text);
    const pos = origin.file.index.locate(parsePointer(origin.pointer) ?? []);
    return pos ? { file: origin.file.name, line: pos.line, column: pos.column } : undefined;
  };
  const where = (pointer: string) => {
    const at = locate(pointer);
    return at ? `${at.file}:${at.line}:${at.column}` : file;
  };
  const warnings: SpecWarning[] = [];
  const description = toApiDescription(document, version, { file, where, onWarning: (w) => warnings.push(w) });
  return { description, document, version, file, files: [...sources.values()].map((s) => s.name), warnings, locate };
}

/**
 * Parses a spec fetched over the network (discovery): the same conversion as `loadSpec`, for one text. External
 * `$ref`s are not followed (no network access from a spec): they are an `E_SPEC_REF` error.
 */
export function parseSpecText(text: string, fileName: string, options: Pick<LoadSpecOptions, 'maxBytes'> = {}): LoadedSpec {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SPEC_BYTES;
  if (text.length > maxBytes) throw new RampartError('E_SPEC_TOO_LARGE', `the spec is larger than ${formatBytes(maxBytes)}`, { location: fileName });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const root = parseDocumentText(body, fileName).value;
  const { version } = detectSpecVersion(root, fileName);
  const source: SourceFile = { name: fileName, text: body };
  const document = root as Record<string, unknown>;
  const locate = (pointer: string): SourceLocation | undefined => {
    const tokens = parsePointer(pointer);
    if (tokens === undefined) return undefined;
    const origin = originOf(document, tokens, source, new WeakMap());
    source.index ??= createPositionIndex(body);
    const pos = source.index.locate(parsePointer(origin.pointer) ?? []);
    return pos ? { file: fileName, line: pos.line, column: pos.column } : undefined;
  };
  const where = (pointer: string) => {
    const at = locate(pointer);
    return at ? `${at.file}:${at.line}:${at.column}` : fileName;
  };
  const external = findExternalRefs(root)[0];
  if (external) {
    throw new RampartError('E_SPEC_REF', `external $ref "${external.ref}" at ${external.pointer} is not followed for a spec read from text`, {
      location: where(external.pointer),
      fix: 'bundle the spec into one file (or load it from disk with its referenced files beside it)',
    });
  }
  const warnings: SpecWarning[] = [];
  const description = toApiDescription(document, version, { file: fileName, where, onWarning: (w) => warnings.push(w) });
  return { description, document, version, file: fileName, files: [fileName], warnings, locate };
}

// ---------------------------------------------------------------------------------------------------------------

async function readLimited(abs: string, shown: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await stat(abs);
    if (!st.isFile()) throw new RampartError('E_INPUT_UNREADABLE', 'not a regular file', { location: shown });
    size = st.size;
  } catch (err) {
    if (isRampartError(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new RampartError('E_INPUT_NOT_FOUND', 'no such file', { location: shown, cause: err });
    throw new RampartError('E_INPUT_UNREADABLE', `cannot read the file (${code ?? 'error'})`, { location: shown, cause: err });
  }
  if (size > maxBytes) throw new RampartError('E_SPEC_TOO_LARGE', `${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit`, { location: shown });
  if (size === 0) throw new RampartError('E_INPUT_EMPTY', 'the file is empty', { location: shown });
  try {
    return await readFile(abs);
  } catch (err) {
    throw new RampartError('E_INPUT_UNREADABLE', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { location: shown, cause: err });
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}

function toFilePath(url: string): string | undefined {
  if (/^file:/i.test(url)) {
    try {
      return fileURLToPath(url.replace(/#.*$/, ''));
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(url)) return undefined;
  let p = url.replace(/#.*$/, '');
  try {
    p = decodeURI(p);
  } catch {
    // keep as written
  }
  return isAbsolute(p) ? p : resolve(p);
}

/** Every `$ref` that points outside the document, with the pointer where it sits. Data (examples, x-…) is skipped. */
function findExternalRefs(root: unknown): Array<{ ref: string; pointer: string }> {
  const out: Array<{ ref: string; pointer: string }> = [];
  const stack: Array<{ node: unknown; tokens: string[] }> = [{ node: root, tokens: [] }];
  while (stack.length > 0) {
    const { node, tokens } = stack.pop() as { node: unknown; tokens: string[] };
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], tokens: [...tokens, String(i)] });
      continue;
    }
    const obj = node as Record<string, unknown>;
    if (typeof obj.$ref === 'string' && !obj.$ref.startsWith('#')) out.push({ ref: obj.$ref, pointer: joinPointer(tokens) });
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'example' || k.startsWith('x-') || k === 'enum' || k === 'default' || k === 'const') continue;
      if (v !== null && typeof v === 'object') stack.push({ node: v, tokens: [...tokens, k] });
    }
  }
  return out;
}

/** Records where every object of a parsed file sits, so objects inlined by the bundler keep their file and pointer. */
function registerOrigins(value: unknown, file: SourceFile, origins: WeakMap<object, Origin>): void {
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: value, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop() as { node: unknown; pointer: string };
    if (node === null || typeof node !== 'object' || origins.has(node)) continue;
    origins.set(node, { file, pointer });
    if (Array.isArray(node)) node.forEach((v, i) => stack.push({ node: v, pointer: `${pointer}/${i}` }));
    else for (const [k, v] of Object.entries(node)) stack.push({ node: v, pointer: `${pointer}/${escapePointerToken(k)}` });
  }
}

/**
 * Walks a pointer through the bundled document and returns the file and pointer it came from. Objects inlined from
 * other files carry their origin; a pointer that continues past a `$ref` follows the reference.
 */
function originOf(document: unknown, tokens: readonly string[], root: SourceFile, origins: WeakMap<object, Origin>): Origin {
  let node: unknown = document;
  let file = root;
  let pointer = '';
  for (const t of tokens) {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const obj = node as Record<string, unknown>;
      if (!(t in obj) && typeof obj.$ref === 'string' && obj.$ref.startsWith('#')) {
        const target = getAtPointer(document, obj.$ref);
        if (target !== null && typeof target === 'object') {
          const o = origins.get(target);
          file = o?.file ?? root;
          pointer = o?.pointer ?? obj.$ref.slice(1);
          node = target;
        }
      }
    }
    const child = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[t] : undefined;
    const o = child !== null && typeof child === 'object' ? origins.get(child) : undefined;
    if (o) {
      file = o.file;
      pointer = o.pointer;
    } else {
      pointer = `${pointer}/${escapePointerToken(t)}`;
    }
    node = child;
  }
  return { file, pointer };
}

/** Turns the bundler's error (one, or a group) into one `E_SPEC_REF` / parse error naming the `$ref` and its target. */
function bundleError(err: unknown, rootPath: string, sources: Map<string, SourceFile>, file: string): RampartError {
  const errors = (err as { errors?: unknown[] }).errors ?? [err];
  for (const e of errors) {
    const inner = findRampartError(e);
    if (inner) return inner;
  }
  const first = errors[0] as { path?: unknown; message?: string; targetRef?: string; code?: string };
  const path = Array.isArray(first?.path) ? first.path.map(String) : undefined;
  let location = file;
  let ref: string | undefined;
  if (path) {
    const at = refSite(path, rootPath, sources);
    ref = at.ref;
    if (at.file) {
      at.file.index ??= createPositionIndex(at.file.text);
      const pos = at.file.index.locate(parsePointer(at.pointer) ?? []);
      if (pos) location = `${at.file.name}:${pos.line}:${pos.column}`;
    }
  }
  const jsonPath = path ? joinPointer(path) || '/' : 'the document';
  const why = cleanMessage(first?.message ?? String(err));
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more unresolvable $ref${errors.length > 2 ? 's' : ''})` : '';
  return new RampartError('E_SPEC_REF', `$ref ${ref ? `"${ref}" ` : ''}at ${jsonPath}: ${why}${more}`, { location, cause: err });
}

function findRampartError(e: unknown): RampartError | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (isRampartError(cur)) return cur;
    cur = (cur as { cause?: unknown; error?: unknown }).cause ?? (cur as { error?: unknown }).error;
  }
  return undefined;
}

/** Error messages from the bundler without absolute paths of the user's machine. */
function cleanMessage(message: string): string {
  return message
    .replace(/Error opening file (\S+?): ENOENT:.*$/s, 'file not found: $1')
    .replace(/Error opening file (\S+?): (\w+):.*$/s, 'cannot read $1 ($2)')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Follows the bundler's path-from-root through `$ref`s to the file and pointer of the failing `$ref`. */
function refSite(path: readonly string[], rootPath: string, sources: Map<string, SourceFile>): { file?: SourceFile; pointer: string; ref?: string } {
  const rootSource = sources.get(rootPath) as SourceFile;
  // re-read the sources as written: the bundler may have rewritten objects in place
  let fileValue: unknown = parseDocumentText(rootSource.text, rootSource.name).value;
  let node: unknown = fileValue;
  let base = rootPath;
  let pointer = '';
  const hop = (ref: string): boolean => {
    const hash = ref.indexOf('#');
    const target = hash === -1 ? ref : ref.slice(0, hash);
    const frag = hash === -1 ? '' : ref.slice(hash);
    if (target !== '') {
      base = resolve(dirname(base), target);
      const src = sources.get(base);
      if (!src) return false;
      fileValue = parseDocumentText(src.text, src.name).value;
    }
    node = frag ? getAtPointer(fileValue, frag) : fileValue;
    pointer = frag ? frag.slice(1) : '';
    return node !== undefined;
  };
  for (const t of path) {
    if (node !== null && typeof node === 'object' && typeof (node as Record<string, unknown>).$ref === 'string' && !(t in (node as object))) {
      if (!hop((node as Record<string, unknown>).$ref as string)) return { pointer };
    }
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[t] : undefined;
    pointer = `${pointer}/${escapePointerToken(t)}`;
  }
  const ref = node !== null && typeof node === 'object' ? (node as Record<string, unknown>).$ref : undefined;
  return { file: sources.get(base), pointer: typeof ref === 'string' ? `${pointer}/$ref` : pointer, ...(typeof ref === 'string' ? { ref } : {}) };
}
