/**
 * A parsed YAML (or JSON) configuration file that can point back into itself: `locate(['identities', 'bob'])`
 * gives `auth.yaml:12`, so every configuration error names the file, the line and the key.
 */
import { LineCounter, parseDocument } from 'yaml';

export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** `file:line` of the node at `path` (or of its nearest existing parent), for error messages. */
  locate(path: ReadonlyArray<string | number>): string;
}

/** Parses YAML text; on a syntax error returns the one-line message with its location instead. */
export function parseYamlSource(text: string, file: string): YamlSource | { readonly error: string; readonly location: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    return { error: first.message.split('\n')[0] ?? 'invalid YAML', location: pos ? `${file}:${pos.line}` : file };
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    file,
    value,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return `${file}:${lineCounter.linePos(node.range[0]).line}`;
      }
      return file;
    },
  };
}

/** Dotted form of a key path for messages: `identities.alice.login.token`. */
export function dotted(path: ReadonlyArray<string | number>): string {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('.').replace(/\.\[/g, '[');
}
