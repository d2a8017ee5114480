/**
 * A streaming line splitter for line formats (access logs, JSON lines): `\n` or `\r\n` endings, invalid UTF-8
 * replaced by U+FFFD (and reported), lines over the limit skipped without ever being held whole.
 * Line numbers are 1-based and count every line, empty ones included.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LineHandler {
  /** A complete line without its ending. `invalidUtf8` when bytes of it were replaced by U+FFFD. */
  line(text: string, lineNo: number, invalidUtf8: boolean): void;
  /** A line longer than the limit was skipped; `length` is how much of it was seen (characters). */
  tooLong(lineNo: number, length: number): void;
}

export interface LineSplitter {
  push(chunk: Buffer): void;
  /** Flushes the last line when it has no ending; with `clean` false (input cut short) it is dropped and returned. */
  end(clean: boolean): { droppedPartialLine: boolean };
}

const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

/** A splitter that calls `handler` for each line; `maxLine` bounds a line in decoded characters. */
export function createLineSplitter(maxLine: number, handler: LineHandler): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false;
  let skipped = 0;
  let lineNo = 0;
  // U+FFFD in the text is a replacement only when the bytes did not contain an encoded U+FFFD themselves
  let genuineReplacement = false;

  function emit(text: string): void {
    lineNo++;
    let end = text.length;
    if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
    const line = end === text.length ? text : text.slice(0, end);
    if (line.length > maxLine) {
      handler.tooLong(lineNo, line.length);
      return;
    }
    handler.line(line, lineNo, !genuineReplacement && line.indexOf('\ufffd') !== -1);
  }

  function feed(s: string): void {
    let pos = 0;
    for (;;) {
      const nl = s.indexOf('\n', pos);
      if (nl === -1) break;
      if (skipping) {
        lineNo++;
        handler.tooLong(lineNo, skipped + (nl - pos));
        skipping = false;
        skipped = 0;
      } else if (carry.length > 0) {
        const text = carry + s.slice(pos, nl);
        carry = '';
        emit(text);
      } else {
        emit(s.slice(pos, nl));
      }
      pos = nl + 1;
    }
    const restLength = s.length - pos;
    if (restLength === 0) return;
    if (skipping) {
      skipped += restLength;
    } else if (carry.length + restLength > maxLine + 1) {
      // over the limit (one spare for a `\r` before the `\n`): drop what we hold and skip to the next line end
      skipping = true;
      skipped = carry.length + restLength;
      carry = '';
    } else {
      carry = carry.length > 0 ? carry + s.slice(pos) : s.slice(pos);
    }
  }

  return {
    push(chunk: Buffer): void {
      genuineReplacement = chunk.indexOf(REPLACEMENT_BYTES) !== -1;
      feed(decoder.write(chunk));
    },
    end(clean: boolean): { droppedPartialLine: boolean } {
      const tail = decoder.end();
      if (tail) feed(tail);
      if (skipping) {
        lineNo++;
        handler.tooLong(lineNo, skipped);
        skipping = false;
        return { droppedPartialLine: false };
      }
      if (carry.length > 0) {
        const text = carry;
        carry = '';
        if (!clean) return { droppedPartialLine: true };
        emit(text);
      }
      return { droppedPartialLine: false };
    },
  };
}
