import { describe, expect, it } from 'vitest';
import { bytesBody, isBinaryMediaType, sizeOnlyBody, textBody } from './body.js';

describe('bodies', () => {
  it('keeps short text whole with its UTF-8 size', () => {
    expect(textBody('héllo', 100)).toEqual({ text: 'héllo', size: 6, truncated: false });
    expect(textBody('abc', 100, 10)).toEqual({ text: 'abc', size: 10, truncated: false });
  });

  it('cuts long text on a character boundary, never splitting a multi-byte sequence or a surrogate pair', () => {
    expect(textBody('aaaa€', 5)).toEqual({ text: 'aaaa', size: 7, truncated: true });
    expect(textBody('aa😀😀', 7)).toEqual({ text: 'aa😀', size: 10, truncated: true });
    const t = textBody('x'.repeat(10_000), 100);
    expect(t.text.length).toBe(100);
    expect(t.size).toBe(10_000);
    expect(t.truncated).toBe(true);
  });

  it('turns UTF-8 bytes into text and binary bytes into base64, both bounded', () => {
    expect(bytesBody(Buffer.from('{"a":"é"}'), 100, 'application/json')).toEqual({ text: '{"a":"é"}', size: 10, truncated: false });
    const bin = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]);
    expect(bytesBody(bin, 100)).toEqual({ text: bin.toString('base64'), encoding: 'base64', size: 5, truncated: false });
    expect(bytesBody(bin, 2)).toEqual({ text: bin.subarray(0, 2).toString('base64'), encoding: 'base64', size: 5, truncated: true });
    expect(bytesBody(Buffer.from('GIF89a'), 100, 'image/gif')).toMatchObject({ encoding: 'base64' });
    expect(bytesBody(Buffer.from('<svg/>'), 100, 'image/svg+xml')).toEqual({ text: '<svg/>', size: 6, truncated: false });
  });

  it('represents a body known only by its size', () => {
    expect(sizeOnlyBody(12)).toEqual({ text: '', size: 12, truncated: true });
    expect(sizeOnlyBody(0)).toBeUndefined();
    expect(sizeOnlyBody(undefined)).toBeUndefined();
  });

  it('knows binary media types', () => {
    for (const m of ['image/png', 'application/octet-stream', 'application/x-protobuf', 'application/grpc', 'font/woff2', 'video/mp4']) expect(isBinaryMediaType(m)).toBe(true);
    for (const m of ['', 'text/html', 'application/json', 'image/svg+xml', 'application/x-www-form-urlencoded']) expect(isBinaryMediaType(m)).toBe(false);
  });
});
