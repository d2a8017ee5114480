/**
 * The decoder for each traffic format, listed explicitly. Documentation formats (Postman, OpenAPI) are read
 * by `spec/`, not here.
 */
import { parseCombinedLine } from './access-log/parse-combined-line.js';
import { parseEnvoyLine } from './access-log/parse-envoy-line.js';
import type { DecodeContext } from './decode-context.js';
import type { InputFormat } from './detect-format.js';
import type { EventDecoder } from './event-decoder.js';
import { createHarDecoder } from './har/har-decoder.js';
import { parseJsonlLine } from './jsonl/parse-jsonl-line.js';
import { createLineDecoder } from './line-decoder.js';
import { createRawHttpDecoder } from './raw-http/raw-http-decoder.js';

/** Formats that carry traffic (exchanges). */
export type TrafficFormat = 'har' | 'combined-log' | 'envoy-log' | 'jsonl' | 'raw-http';

export function isTrafficFormat(format: InputFormat): format is TrafficFormat {
  return format === 'har' || format === 'combined-log' || format === 'envoy-log' || format === 'jsonl' || format === 'raw-http';
}

/** A fresh decoder for one file of the given format. */
export function createDecoder(format: TrafficFormat, ctx: DecodeContext): EventDecoder {
  switch (format) {
    case 'har':
      return createHarDecoder(ctx);
    case 'combined-log':
      return createLineDecoder(ctx, parseCombinedLine);
    case 'envoy-log':
      return createLineDecoder(ctx, parseEnvoyLine);
    case 'jsonl':
      // one line is one whole exchange, bodies included: lines are bounded by the entry limit, not the log-line one
      return createLineDecoder({ ...ctx, maxLineBytes: ctx.maxEntryBytes }, (text, at) => parseJsonlLine(text, at, ctx.maxBodyBytes));
    case 'raw-http':
      return createRawHttpDecoder(ctx);
  }
}
