/** Child processes for the gateway benchmarks: spawn a bench target, wait for `ready`, read its RSS, stop it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('./gateway-target.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  readonly proc: ChildProcess;
  readonly pid: number;
  /** Resident set size now, in MB (from /proc; NaN elsewhere). */
  rssMb(): number;
  /** CPU time used so far (user + system), in ms (from /proc; NaN elsewhere). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function startTarget(args: string[], timeoutMs = 60_000): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', target, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`bench target ${args[0]} did not start: ${err}`));
    }, timeoutMs);
    proc.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) {
        clearTimeout(timer);
        proc.stdout?.removeAllListeners('data');
        proc.stdout?.resume();
        resolve({
          proc,
          pid: proc.pid as number,
          rssMb() {
            try {
              const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
              return m ? Number(m[1]) / 1024 : NaN;
            } catch {
              return NaN;
            }
          },
          cpuMs() {
            try {
              const f = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
              const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
              // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name; clock ticks of 10 ms
              return (Number(rest[11]) + Number(rest[12])) * 10;
            } catch {
              return NaN;
            }
          },
          stop: () =>
            new Promise((r) => {
              if (proc.exitCode !== null) return r();
              proc.once('exit', () => r());
              proc.kill('SIGTERM');
              setTimeout(() => proc.kill('SIGKILL'), 3_000).unref();
            }),
        });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench target ${args[0]} exited (${code}): ${err}`));
    });
  });
}

/** One value of a Prometheus text exposition (first sample of `name`). */
export function promValue(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}
