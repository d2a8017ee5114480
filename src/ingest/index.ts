/**
 * Ingest: sources that turn traffic files into exchanges. `openSource` is the entry point; the pure parsers
 * and decoders are exported for the gateway tap, tests and tools that already hold the bytes.
 */
export { openSource, sniffFormat, type OpenedSource, type SourceOptions } from './read-source.js';
export { detectFormat, isGzip, type InputFormat } from './detect-format.js';
export { createDecoder, isTrafficFormat, type TrafficFormat } from './create-decoder.js';
export type { EventDecoder } from './event-decoder.js';
export { createDecodeContext, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_LINE_BYTES, type DecodeContext } from './decode-context.js';
export { createHarFramer, type HarFrame, type HarFramer } from './har/har-framer.js';
export { parseHarEntry, type HarEntryContext } from './har/parse-har-entry.js';
export { serializeHar, harOpening, harEntry, harClosing, type HarCreator } from './har/serialize-har.js';
export { parseCombinedLine } from './access-log/parse-combined-line.js';
export { parseEnvoyLine } from './access-log/parse-envoy-line.js';
export { parseJsonlLine } from './jsonl/parse-jsonl-line.js';
export { JSONL_LINE_SCHEMA } from './jsonl/jsonl-schema.js';
export { parseRawHead, rawRequestExchange, type RawHead } from './raw-http/parse-raw-request.js';
export type { LineRef } from './line-ref.js';
