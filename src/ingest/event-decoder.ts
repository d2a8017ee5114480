/**
 * A format decoder: a pure, incremental state machine fed with the bytes of a file chunk by chunk
 * (chunk boundaries anywhere), appending the events it can complete to `out`. The edge (`read-source.ts`)
 * does the reading, the gzip and the progress events.
 */
import type { SourceEvent } from '../core/index.js';

export interface EventDecoder {
  /** Consumes one chunk; appends the exchanges and skipped items it completes. */
  push(chunk: Buffer, out: SourceEvent[]): void;
  /**
   * End of input. `clean` is false when the input stopped early (corrupt gzip): a partial last line or
   * message is then dropped instead of being parsed.
   */
  end(out: SourceEvent[], clean: boolean): void;
  /** True once the decoder will produce nothing more whatever follows (e.g. the document is not a HAR). */
  readonly done?: boolean;
}
