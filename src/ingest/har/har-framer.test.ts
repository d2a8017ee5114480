import { describe, expect, it } from 'vitest';
import { createHarFramer, type HarFrame } from './har-framer.js';

/** Frames of `doc` fed as the given chunks. */
function frame(doc: Buffer, cuts: readonly number[], maxEntryBytes = 1 << 20): HarFrame[] {
  const framer = createHarFramer(maxEntryBytes);
  const out: HarFrame[] = [];
  let prev = 0;
  for (const c of [...cuts, doc.length]) {
    framer.push(doc.subarray(prev, c), out);
    prev = c;
  }
  framer.end(out);
  return out;
}

/** What a test compares: entries as parsed JSON, other frames as kind + offset. */
function summary(frames: readonly HarFrame[]): unknown[] {
  return frames.map((f) => (f.kind === 'entry' ? { entry: f.index, at: f.offset, value: JSON.parse(f.bytes.toString('utf8')) as unknown } : f));
}

// strings that stress the scanner: brackets and quotes inside strings, escaped backslashes before quotes,
// a unicode escape, multi-byte UTF-8, an empty string, nested arrays
const ENTRY_A = { request: { method: 'GET', url: 'https://a.example/x?q=[1]{2}', headers: [{ name: 'x', value: 'say \\"hi\\" \\\\' }] }, n: [1, [2, [3]]] };
const ENTRY_B = { request: { method: 'POST', url: 'https://a.example/é€😀', postData: { text: '{"a":"}\\\\"}', mimeType: '' } }, empty: '', u: '\u0001' };
const ENTRY_C = { request: { method: 'PUT', url: 'https://a.example/c' }, tricky: '\\', tricky2: '\\\\"', tricky3: '"]}' };

const SMALL = Buffer.from(
  `\ufeff{\n  "log": {\n    "version": "1.2",\n    "creator": {"name": "t", "version": "1"},\n    "pages": [{"id": "p", "title": "]}\\"["}],\n    "entries": [\n      ${JSON.stringify(ENTRY_A)},\n      ${JSON.stringify(ENTRY_B)} ,\n      ${JSON.stringify(ENTRY_C)}\n    ],\n    "comment": "after"\n  }\n}\n`,
  'utf8',
);

describe('HAR framer', () => {
  it('frames each entry of a small HAR with a BOM, pages and escapes', () => {
    const frames = frame(SMALL, []);
    expect(frames.map((f) => f.kind)).toEqual(['entry', 'entry', 'entry']);
    expect(summary(frames).map((s) => (s as { value: unknown }).value)).toEqual([ENTRY_A, ENTRY_B, ENTRY_C]);
    const first = frames[0] as Extract<HarFrame, { kind: 'entry' }>;
    expect(first.index).toBe(1);
    expect(SMALL.subarray(first.offset, first.offset + 12).toString()).toBe('{"request":{');
  });

  it('gives the same frames for every split of the document into two chunks', () => {
    const expected = summary(frame(SMALL, []));
    for (let cut = 0; cut <= SMALL.length; cut++) expect(summary(frame(SMALL, [cut])), `cut at ${cut}`).toEqual(expected);
  });

  it('gives the same frames for every split into three chunks around each backslash and quote', () => {
    const expected = summary(frame(SMALL, []));
    const special: number[] = [];
    SMALL.forEach((b, i) => {
      if (b === 0x5c || b === 0x22) special.push(i);
    });
    for (const s of special) {
      for (const d of [-1, 0, 1]) {
        for (const gap of [1, 2, 3]) {
          const a = Math.max(0, s + d);
          const b = Math.min(SMALL.length, a + gap);
          expect(summary(frame(SMALL, [a, b])), `cuts ${a},${b}`).toEqual(expected);
        }
      }
    }
  });

  it('gives the same frames fed one byte at a time', () => {
    const cuts = Array.from({ length: SMALL.length - 1 }, (_, i) => i + 1);
    expect(summary(frame(SMALL, cuts))).toEqual(summary(frame(SMALL, [])));
  });

  it('accepts log.entries before creator and pages, and the log key anywhere in the root', () => {
    const doc = Buffer.from(`{"comment":"x","log":{"entries":[{"a":1},{"b":[2]}],"creator":{"name":"x"},"pages":[]},"z":[1,2]}`);
    expect(summary(frame(doc, [])).map((s) => (s as { value: unknown }).value)).toEqual([{ a: 1 }, { b: [2] }]);
  });

  it('unwraps a HAR inside one outer object (mitmproxy har_extractor)', () => {
    const doc = Buffer.from(`{"test_response": {"other": {"log": 1}, "log": {"version": "1.2", "entries": [{"x": 1}]}}}`);
    expect(summary(frame(doc, [])).map((s) => (s as { value: unknown }).value)).toEqual([{ x: 1 }]);
  });

  it('reads only the first log when there are two', () => {
    const doc = Buffer.from(`{"log": {"entries": [{"x": 1}]}, "w": {"log": {"entries": [{"y": 2}]}}}`);
    expect(summary(frame(doc, [])).map((s) => (s as { value: unknown }).value)).toEqual([{ x: 1 }]);
  });

  it('reports non-object elements and keeps going', () => {
    const frames = frame(Buffer.from(`{"log":{"entries":[2, "s", [1], {"ok":true}, null]}}`), []);
    expect(frames.map((f) => (f.kind === 'not-object' ? `${f.index}:${f.found}` : f.kind))).toEqual(['1:2', '2:"s"', '3:[1]', 'entry', '5:null']);
  });

  it('accepts empty entries and a trailing comma', () => {
    expect(frame(Buffer.from(`{"log":{"entries":[]}}`), [])).toEqual([]);
    expect(frame(Buffer.from(`{"log":{"entries":[{"a":1},]}}`), []).map((f) => f.kind)).toEqual(['entry']);
  });

  it('skips entries over the size limit without collecting them, across chunks', () => {
    const big = JSON.stringify({ body: 'x'.repeat(5000) });
    const doc = Buffer.from(`{"log":{"entries":[{"a":1},${big},{"b":2}]}}`);
    for (const cuts of [[], [100, 200, 3000, 4000]]) {
      const frames = frame(doc, cuts, 1000);
      expect(frames.map((f) => f.kind)).toEqual(['entry', 'oversized', 'entry']);
      expect(frames[1]).toMatchObject({ kind: 'oversized', index: 2, size: big.length });
    }
  });

  it('keeps the complete entries of a truncated HAR and reports where it ends, for every cut point', () => {
    const full = summary(frame(SMALL, [])) as Array<{ at: number; value: unknown }>;
    for (let cut = SMALL.indexOf('{') + 1; cut < SMALL.length - 2; cut++) {
      const frames = frame(SMALL.subarray(0, cut), []);
      const entries = frames.filter((f) => f.kind === 'entry');
      const complete = full.filter((e) => e.at + Buffer.byteLength(JSON.stringify(e.value)) <= cut);
      expect(entries.length, `cut at ${cut}`).toBe(complete.length);
      const last = frames[frames.length - 1] as HarFrame;
      if (cut < SMALL.length - 3) {
        expect(last.kind, `cut at ${cut}`).toBe('truncated');
        expect((last as { offset: number }).offset).toBe(cut);
      }
    }
  });

  it('calls a document cut before its first brace "only whitespace"', () => {
    expect(frame(SMALL.subarray(0, 2), [])).toEqual([{ kind: 'invalid', offset: 2, reason: 'no JSON object in the file (only whitespace)' }]);
  });

  it('names the entry a cut falls in', () => {
    const cut = SMALL.indexOf('"PUT"');
    const frames = frame(SMALL.subarray(0, cut), []);
    expect(frames[frames.length - 1]).toMatchObject({ kind: 'truncated', reason: expect.stringMatching(/inside entry 3 .*the 2 complete entries/) });
  });

  it.each([
    ['binary garbage', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01]), /expected a JSON object .*found byte 0x16/],
    ['a JSON array', Buffer.from('[{"log":{}}]'), /expected a JSON object .*found an array/],
    ['log is an array (mitmproxy brokenfile)', Buffer.from('{"log":\n[\n    2,1,3\n]\n"request:"}'), /"log" must be an object/],
    ['entries is an object', Buffer.from('{"log":{"entries":{}}}'), /log\.entries must be an array/],
    ['no log', Buffer.from('{"a":1,"b":{"c":2}}'), /no "log" object \(the top-level keys are "a", "b"\)/],
    ['no entries', Buffer.from('{"log":{"version":"1.2"}}'), /no "entries" array/],
    ['only whitespace', Buffer.from(' \n '), /only whitespace/],
    ['a missing colon', Buffer.from('{"log" {"entries":[]}}'), /expected ":" after the key "log"/],
    ['garbage between entries', Buffer.from('{"log":{"entries":[{"a":1} x {"b":2}]}}'), /expected "," or "\]" after entry 1/],
  ])('rejects %s with a clear reason', (_name, doc, reason) => {
    const frames = frame(doc, []);
    const last = frames[frames.length - 1];
    expect(last).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(reason) });
  });

  it('stops framing after an invalid document but keeps the entries before', () => {
    const frames = frame(Buffer.from('{"log":{"entries":[{"a":1}] "x": 2}}'), []);
    expect(frames.map((f) => f.kind)).toEqual(['entry', 'invalid']);
  });
});
