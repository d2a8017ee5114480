/** The engine with injected edges: no sockets. */
import { describe, expect, it } from 'vitest';
import { discover } from './discover.js';
import { createSpecParser } from './spec-document.js';
import { parseTarget } from './targets.js';
import type { FetchResult, HttpClient } from './types.js';

function fakeHttp(pages: Record<string, Partial<FetchResult>>, log: string[]): HttpClient {
  return {
    async fetch(url) {
      log.push(url);
      const page = pages[url];
      return page ? { url, status: 200, headers: [], body: '', truncated: false, ...page } : { url, status: 0, headers: [], body: '', truncated: false, error: 'ECONNREFUSED' };
    },
    async tls() {
      return { enabled: false };
    },
  };
}

const base = { parseSpec: createSpecParser(), userAgent: 'test', builtinWords: false } as const;

describe('discover engine', () => {
  it('probes the hosts that resolve and answer, and never asks DNS about names out of scope', async () => {
    const log: string[] = [];
    const asked: string[] = [];
    const http = fakeHttp({ 'https://api.example.com/': { body: '{"ok":true}', headers: [['content-type', 'application/json']] } }, log);
    const report = await discover(
      { ...base, targets: [parseTarget('example.com')], words: ['api', 'dev', 'www'] },
      { http, resolver: { resolve: async (n) => (asked.push(n), n === 'api.example.com' || n === 'dev.example.com' ? ['192.0.2.1'] : []) } },
    );
    expect(report.hosts.map((h) => `${h.host} ${h.url} ${h.risk}`)).toEqual(['api.example.com https://api.example.com none']);
    expect(report.notes.map((n) => `${n.kind} ${n.target}`)).toEqual(['unreachable dev.example.com', 'unresolved example.com']);
    expect(report.stats).toMatchObject({ namesTried: 4, namesResolved: 2 });
    expect(asked.sort()).toEqual(['api.example.com', 'dev.example.com', 'example.com', 'www.example.com']);
    expect(log.every((u) => new URL(u).hostname.endsWith('example.com'))).toBe(true);
  });

  it('stops at the deadline and says the report is partial', async () => {
    let t = 0;
    const log: string[] = [];
    const report = await discover(
      { ...base, targets: [parseTarget('example.com')], words: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], maxDurationMs: 1_000, now: () => t },
      {
        http: {
          async fetch(url) {
            log.push(url);
            t += 600; // each request takes 600 ms of the budget
            return { url, status: 200, headers: [], body: '', truncated: false };
          },
          async tls() {
            return { enabled: false };
          },
        },
        resolver: { resolve: async () => ['192.0.2.1'] },
      },
    );
    expect(report.partial).toBe(true);
    // the hosts queued behind the first four were never started
    expect(report.notes.filter((n) => n.kind === 'limit').map((n) => n.target)).toEqual(['d.example.com', 'e.example.com', 'f.example.com', 'g.example.com', 'h.example.com']);
    expect(log.some((u) => u.includes('h.example.com'))).toBe(false);
  });
});
