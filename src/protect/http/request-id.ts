/** Request ids: propagated from the client's header when well-formed, otherwise generated (a UUID v4). */
import { randomUUID } from 'node:crypto';

const SAFE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The incoming id when it is a safe token (no spaces, quotes or control characters, at most 128 characters). */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming !== undefined && SAFE.test(incoming) ? incoming : randomUUID();
}
