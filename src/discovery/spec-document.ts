/**
 * Spec documents fetched by discovery, parsed by the spec module (`parseSpecText`: the same conversion as
 * `rampart` applies to spec files; external `$ref`s are not followed over the network). A quick look first keeps
 * HTML pages and JSON errors away from the YAML parser.
 */
import { parseSpecText } from '../spec/load-spec.js';
import type { ApiDescription } from '../core/index.js';
import type { SpecParser } from './types.js';

const JSON_MARKER = /"(?:openapi|swagger)"\s*:\s*"/;
const YAML_MARKER = /^[ \t]*["']?(?:openapi|swagger)["']?[ \t]*:/m;

/** True when the text could be an OpenAPI/Swagger document (JSON or YAML) and not an HTML page. */
export function looksLikeSpec(text: string): boolean {
  const head = text.trimStart().slice(0, 1);
  if (head === '<' || head === '') return false;
  const sample = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  return head === '{' ? JSON_MARKER.test(sample) && sample.includes('"paths"') : YAML_MARKER.test(sample) && /^[ \t]*["']?paths["']?[ \t]*:/m.test(sample);
}

export interface SpecParseFailure {
  readonly url: string;
  readonly reason: string;
}

/**
 * The parser probes use: the description of a spec document, or undefined when the text is not one or does not
 * convert (told to `onFailure` with the spec module's one-line reason).
 */
export function createSpecParser(options: { maxBytes?: number; onFailure?: (f: SpecParseFailure) => void } = {}): SpecParser {
  return async (text: string, url: string): Promise<ApiDescription | undefined> => {
    if (!looksLikeSpec(text)) return undefined;
    try {
      return parseSpecText(text, url, { maxBytes: options.maxBytes ?? 20 * 1024 * 1024 }).description;
    } catch (err) {
      options.onFailure?.({ url, reason: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  };
}
