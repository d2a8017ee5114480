/**
 * The HAR decoder: the framer finds each element of `log.entries`, `JSON.parse` reads it, `parseHarEntry` maps
 * it. One bad entry is skipped (`E_HAR_ENTRY`) and the rest are read; a document that is not a HAR gives one
 * `E_HAR_INVALID`; a document cut short keeps its complete entries and ends with `E_HAR_TRUNCATED`.
 */
import type { SourceEvent } from '../../core/index.js';
import type { DecodeContext } from '../decode-context.js';
import type { EventDecoder } from '../event-decoder.js';
import { createHarFramer, type HarFrame } from './har-framer.js';
import { parseHarEntry } from './parse-har-entry.js';

export function createHarDecoder(ctx: DecodeContext): EventDecoder {
  const framer = createHarFramer(ctx.maxEntryBytes);
  const frames: HarFrame[] = [];

  function drain(out: SourceEvent[]): void {
    for (const f of frames) out.push(toEvent(f, ctx));
    frames.length = 0;
  }

  return {
    push(chunk, out) {
      framer.push(chunk, frames);
      drain(out);
    },
    end(out) {
      framer.end(frames);
      drain(out);
    },
    get done() {
      return framer.stopped;
    },
  };
}

function toEvent(f: HarFrame, ctx: DecodeContext): SourceEvent {
  switch (f.kind) {
    case 'entry': {
      let value: unknown;
      try {
        value = JSON.parse(f.bytes.toString('utf8'));
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        return { kind: 'skipped', code: 'E_HAR_ENTRY', location: `${ctx.file}: entry ${f.index}`, reason: `not valid JSON (entry starts at byte ${f.offset}): ${msg}` };
      }
      try {
        const r = parseHarEntry(value, { file: ctx.file, index: f.index, maxBodyBytes: ctx.maxBodyBytes });
        return 'kind' in r ? r : { kind: 'exchange', exchange: r };
      } catch (err) {
        // a mapping bug must not end the import: the entry is reported and the rest is read
        return { kind: 'skipped', code: 'E_INTERNAL', location: `${ctx.file}: entry ${f.index}`, reason: `the entry could not be read: ${err instanceof Error ? err.message : String(err)}` };
      }
    }
    case 'oversized':
      return {
        kind: 'skipped',
        code: 'E_HAR_ENTRY',
        location: `${ctx.file}: entry ${f.index}`,
        reason: `the entry is ${f.size} bytes, over the ${ctx.maxEntryBytes}-byte entry limit (starts at byte ${f.offset})`,
      };
    case 'not-object':
      return { kind: 'skipped', code: 'E_HAR_ENTRY', location: `${ctx.file}: entry ${f.index}`, reason: `the entry is not a JSON object: ${f.found}` };
    case 'invalid':
      return { kind: 'skipped', code: 'E_HAR_INVALID', location: `${ctx.file}: byte ${f.offset}`, reason: f.reason };
    case 'truncated':
      return { kind: 'skipped', code: 'E_HAR_TRUNCATED', location: `${ctx.file}: byte ${f.offset}`, reason: f.reason };
  }
}
