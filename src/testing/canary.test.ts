import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startCanary } from './canary.js';

describe('SSRF canary', () => {
  it('records fetches of its URLs by marker and answers with the marker', async () => {
    const canary = await startCanary();
    try {
      const url = canary.url('rmp123abc');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rampart-canary\/rmp123abc$/);
      expect(await canary.hits('rmp123abc')).toEqual([]);
      const pending = canary.hits('rmp123abc', 2000);
      const body = await new Promise<string>((resolve) => http.get(url, (r) => { let b = ''; r.on('data', (c) => (b += c)); r.on('end', () => resolve(b)); }));
      expect(body).toBe('rampart-canary rmp123abc\n');
      const hits = await pending;
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ marker: 'rmp123abc', method: 'GET', path: '/rampart-canary/rmp123abc' });
      const t0 = Date.now();
      expect(await canary.hits('other', 200)).toEqual([]);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    } finally {
      await canary.close();
    }
  });
});
