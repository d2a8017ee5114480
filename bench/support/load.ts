/**
 * Load generation for the gateway benchmarks: wrk (Debian; `apt-get install wrk`) for saturation throughput,
 * autocannon (npm, in a child process) for fixed-rate latency. Loopback only, bounded in time.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly requests: number;
}

export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version exits 1 after printing its version
    return (err as { status?: number }).status === 1;
  }
}

const scripts = mkdtempSync(join(tmpdir(), 'rampart-bench-lua-'));
let scriptN = 0;

/** A wrk Lua script: fixed method, headers and body, or a generator of requests. */
export function wrkScript(lua: string): string {
  const f = join(scripts, `s${scriptN++}.lua`);
  writeFileSync(f, lua);
  return f;
}

export function postScript(body: string, extraHeaders: Record<string, string> = {}): string {
  const bodyFile = join(scripts, `b${scriptN++}.json`);
  writeFileSync(bodyFile, body);
  const hdrs = Object.entries({ 'Content-Type': 'application/json', ...extraHeaders }).map(([k, v]) => `wrk.headers["${k}"] = "${v}"`).join('\n');
  return wrkScript(`wrk.method = "POST"\n${hdrs}\nlocal f = assert(io.open("${bodyFile}", "rb"))\nwrk.body = f:read("*a")\nf:close()\n`);
}

function ms(v: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** Runs wrk and parses its --latency report. */
export function runWrk(url: string, o: { seconds: number; connections: number; threads: number; script?: string; headers?: Record<string, string> }): Promise<LoadResult> {
  const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '10s', '--latency'];
  for (const [k, v] of Object.entries(o.headers ?? { Host: 'localhost' })) args.push('-H', `${k}: ${v}`);
  if (o.script) args.push('-s', o.script);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: (o.seconds + 30) * 1000 }, (err, stdout) => {
      if (err) return reject(err);
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
      const p50 = ms(/\s50%\s+(\S+)/.exec(stdout)?.[1] ?? '');
      const p99 = ms(/\s99%\s+(\S+)/.exec(stdout)?.[1] ?? '');
      const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
      const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      const errors = se ? Number(se[1]) + Number(se[2]) + Number(se[3]) + Number(se[4]) : 0;
      const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
      resolve({ rps, p50, p99, non2xx, errors, requests });
    });
  });
}

const autocannonBin = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));

/** Fixed-rate load with autocannon (`overallRate`), for latency at a given fraction of saturation. */
export function runAtRate(url: string, o: { seconds: number; rate: number; connections: number; method?: string; body?: string; headers?: Record<string, string> }): Promise<LoadResult> {
  const args = [autocannonBin, '-j', '-c', String(o.connections), '-d', String(o.seconds), '-R', String(Math.max(1, Math.round(o.rate)))];
  if (o.method) args.push('-m', o.method);
  if (o.body) {
    const f = join(scripts, `ac${scriptN++}.json`);
    writeFileSync(f, o.body);
    args.push('-i', f, '-H', 'content-type=application/json');
  }
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { timeout: (o.seconds + 30) * 1000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const j = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
      resolve({ rps: j.requests.average, p50: j.latency.p50, p99: j.latency.p99, non2xx: j.non2xx, errors: j.errors, requests: j.requests.total });
    });
  });
}
