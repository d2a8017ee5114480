/**
 * The SSRF canary: a small HTTP listener the runner starts (on loopback by default) whose URLs carry a unique
 * marker; a request reaching it proves the target fetched a URL an attacker chose. It answers every request
 * with a short body containing the marker (so full-read SSRF shows in the target's response too) and keeps at
 * most `MAX_HITS` hits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_HITS = 200;

export interface CanaryHit {
  readonly marker: string;
  readonly method: string;
  readonly path: string;
  readonly from: string;
  readonly time: number;
}

export interface Canary {
  /** A URL that records `marker` when fetched. */
  url(marker: string): string;
  /** Hits for `marker` so far, after waiting up to `waitMs` for the first. */
  hits(marker: string, waitMs?: number): Promise<CanaryHit[]>;
  close(): Promise<void>;
}

/** Starts a canary on `host` (default 127.0.0.1), port 0 unless given. */
export async function startCanary(host = '127.0.0.1', port = 0, advertisedHost?: string): Promise<Canary> {
  const hits: CanaryHit[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const m = /^\/rampart-canary\/([A-Za-z0-9]{4,64})/.exec(req.url ?? '');
    if (m && hits.length < MAX_HITS) {
      hits.push({ marker: m[1]!, method: req.method ?? '', path: (req.url ?? '').slice(0, 200), from: req.socket.remoteAddress ?? '', time: Date.now() });
      for (const w of waiters) w();
    }
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
    res.end(`rampart-canary ${m?.[1] ?? ''}\n`);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost = advertisedHost ?? (addr.family === 'IPv6' ? `[${addr.address}]` : addr.address);
  const base = `http://${shownHost}:${addr.port}/rampart-canary/`;
  return {
    url: (marker) => `${base}${marker}`,
    async hits(marker, waitMs = 0) {
      const mine = () => hits.filter((h) => h.marker === marker);
      if (mine().length || waitMs <= 0) return mine();
      await new Promise<void>((resolve) => {
        const done = () => {
          if (mine().length) finish();
        };
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(finish, waitMs);
        waiters.add(done);
      });
      return mine();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
