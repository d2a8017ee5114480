import { describe, expect, it } from 'vitest';
import { makeTx } from '../../../test/support/gateway-tx.js';
import { createEventLog, eventOf } from './event-log.js';

describe('event log', () => {
  it('logs blocks and flags with a redacted target, nothing for plain passes', () => {
    const tx = makeTx({ target: '/login?user=bob&password=hunter2&api_key=sk_live_abcdefghijklmnop' });
    expect(eventOf(tx)).toBeUndefined();
    tx.verdict = { action: 'block', rule: 'spec.invalid-parameter', status: 400, reason: 'query parameter "user" must be integer' };
    tx.status = 400;
    const e = eventOf(tx)!;
    expect(e).toMatchObject({ event: 'blocked', rule: 'spec.invalid-parameter', status: 400, requestId: 'req-test', route: '*' });
    expect(e.target).not.toContain('hunter2');
    expect(e.target).not.toContain('sk_live_abcdefghijklmnop');
    expect(e.target).toContain('user=bob');
    const lines: unknown[] = [];
    const log = createEventLog({ info: () => {}, warn: (o) => lines.push(o), error: (o) => lines.push(o) });
    log.consume(tx);
    const flagged = makeTx();
    flagged.flag({ filter: 'rateLimit', rule: 'ratelimit.g', reason: 'rate limit 1/s exceeded', status: 429 });
    log.consume(flagged);
    expect(lines).toHaveLength(2);
    expect((lines[1] as { event: string }).event).toBe('flagged');
  });
});
