/**
 * A decoder for line formats: the line splitter plus a pure per-line parser. Empty lines are ignored; an
 * over-long line gives `E_LINE_TOO_LONG`; lines with invalid UTF-8 are parsed with U+FFFD in place and
 * reported once each (`E_INVALID_UTF8`, the first 100; then one summary at the end).
 */
import type { Exchange, SourceEvent, Skipped } from '../core/index.js';
import type { DecodeContext } from './decode-context.js';
import type { EventDecoder } from './event-decoder.js';
import type { LineRef } from './line-ref.js';
import { createLineSplitter } from './line-splitter.js';

/** Parses one non-empty line; `at` is only valid during the call. */
export type LineParser = (text: string, at: LineRef) => Exchange | Skipped;

const MAX_UTF8_NOTICES = 100;

export function createLineDecoder(ctx: DecodeContext, parse: LineParser): EventDecoder {
  let out: SourceEvent[] = [];
  let invalidLines = 0;
  // one reference object, updated per line: parsers read it and never keep it
  const at: { file: string; line: number } = { file: ctx.file, line: 0 };
  const splitter = createLineSplitter(ctx.maxLineBytes, {
    line(text, lineNo, invalidUtf8) {
      if (invalidUtf8) {
        invalidLines++;
        if (invalidLines <= MAX_UTF8_NOTICES) {
          out.push({ kind: 'skipped', code: 'E_INVALID_UTF8', location: `${ctx.file}:${lineNo}`, reason: 'bytes that are not UTF-8 were replaced by U+FFFD; the line was still read' });
        }
      }
      if (text.length === 0 || isBlank(text)) return;
      at.line = lineNo;
      let r: Exchange | Skipped;
      try {
        r = parse(text, at);
      } catch (err) {
        // a parser bug must not end the import: the line is reported and the rest is read
        r = { kind: 'skipped', code: 'E_INTERNAL', location: `${ctx.file}:${lineNo}`, reason: `the line could not be read: ${err instanceof Error ? err.message : String(err)}` };
      }
      out.push('kind' in r ? r : { kind: 'exchange', exchange: r });
    },
    tooLong(lineNo, length) {
      out.push({ kind: 'skipped', code: 'E_LINE_TOO_LONG', location: `${ctx.file}:${lineNo}`, reason: `the line is over ${ctx.maxLineBytes} characters (${length} seen); it was skipped without being read` });
    },
  });
  return {
    push(chunk, sink) {
      out = sink;
      splitter.push(chunk);
    },
    end(sink, clean) {
      out = sink;
      splitter.end(clean);
      if (invalidLines > MAX_UTF8_NOTICES) {
        out.push({ kind: 'skipped', code: 'E_INVALID_UTF8', location: ctx.file, reason: `${invalidLines - MAX_UTF8_NOTICES} more lines had bytes that are not UTF-8 (replaced by U+FFFD)` });
      }
    },
  };
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
