/**
 * Reads a detection configuration file (`rampart detect --config`): YAML or JSON, either the detection options
 * themselves or a document with them under a top-level `detection` key (so a gateway's `rampart.yaml` can be
 * given). Size-bounded; checked once against the schema (`checkDetectionConfig`), errors name the bad key.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { RampartError } from '../core/index.js';
import { checkDetectionConfig, type DetectionConfig } from '../detect/index.js';

const MAX_BYTES = 1_048_576;

export function readDetectionConfig(file: string): DetectionConfig {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) throw new RampartError('E_CONFIG_INVALID', `the file is over ${MAX_BYTES} bytes`, { location: file });
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof RampartError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RampartError(code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? (err as Error).message})`, { location: file, cause: err });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    const pos = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new RampartError('E_CONFIG_INVALID', `cannot parse YAML/JSON: ${(err as Error).message.split('\n')[0]}`, { location: pos ? `${file}:${pos}` : file, cause: err });
  }
  const nested = doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'detection' in doc;
  const value = nested ? (doc as { detection: unknown }).detection : doc;
  return checkDetectionConfig(value ?? {}, nested ? `${file}: detection` : file);
}
