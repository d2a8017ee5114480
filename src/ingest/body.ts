/**
 * Message bodies as the exchange model keeps them: UTF-8 text cut to a byte limit, binary content as base64,
 * or only a size when the source (an access log) never saw the bytes.
 */
import { isUtf8 } from 'node:buffer';
import type { Body } from '../core/index.js';

/** A text body, cut on a character boundary to at most `maxBytes` UTF-8 bytes. `size` defaults to the text's byte length. */
export function textBody(text: string, maxBytes: number, size?: number): Body {
  // each UTF-16 unit is at most 3 UTF-8 bytes: short texts need no byte count for the limit
  if (text.length * 3 <= maxBytes) {
    return { text, size: size ?? Buffer.byteLength(text), truncated: false };
  }
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return { text, size: size ?? bytes, truncated: false };
  let head = text.slice(0, maxBytes);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  const buf = Buffer.from(head, 'utf8');
  return { text: buf.toString('utf8', 0, utf8Boundary(buf, maxBytes)), size: Math.max(size ?? bytes, bytes), truncated: true };
}

/**
 * A body from raw bytes: UTF-8 text when the bytes are valid UTF-8 without NUL and the media type is not a
 * known binary one, else base64 of at most `maxBytes` bytes.
 */
export function bytesBody(bytes: Uint8Array, maxBytes: number, mediaType = '', size?: number): Body {
  const total = size ?? bytes.length;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isBinaryMediaType(mediaType) && buf.indexOf(0) === -1 && isUtf8(buf)) {
    const end = buf.length <= maxBytes ? buf.length : utf8Boundary(buf, maxBytes);
    return { text: buf.toString('utf8', 0, end), size: Math.max(total, buf.length), truncated: end < buf.length || total > buf.length };
  }
  const keep = Math.min(buf.length, maxBytes);
  return { text: buf.toString('base64', 0, keep), encoding: 'base64', size: Math.max(total, buf.length), truncated: keep < buf.length || total > buf.length };
}

/** A body known only by its size (access logs): empty text, `truncated: true`. Undefined for size 0 or unknown. */
export function sizeOnlyBody(size: number | undefined): Body | undefined {
  if (size === undefined || !(size > 0)) return undefined;
  return { text: '', size, truncated: true };
}

/** Largest prefix length <= max that does not split a UTF-8 sequence. */
function utf8Boundary(buf: Uint8Array, max: number): number {
  if (max >= buf.length) return buf.length;
  let end = max;
  // step back over continuation bytes (10xxxxxx) to the lead byte, and drop the incomplete sequence
  while (end > 0 && ((buf[end] as number) & 0xc0) === 0x80) end--;
  return end;
}

/** Media types whose content is binary even when it happens to decode as UTF-8. */
export function isBinaryMediaType(media: string): boolean {
  if (!media) return false;
  const m = media.toLowerCase();
  if (m.startsWith('image/')) return !m.startsWith('image/svg');
  return (
    m.startsWith('audio/') ||
    m.startsWith('video/') ||
    m.startsWith('font/') ||
    m === 'application/octet-stream' ||
    m === 'application/pdf' ||
    m === 'application/zip' ||
    m === 'application/gzip' ||
    m === 'application/wasm' ||
    m.includes('protobuf') ||
    m.includes('grpc') ||
    m === 'application/x-protobuf' ||
    m === 'application/vnd.ms-fontobject'
  );
}
