/**
 * A pretend `sh -c` for the demo shop's vulnerable carrier lookup: it splits a command line the way a shell
 * would (`;`, `&&`, `||`, `|`, newlines, `$(…)` and backticks) and "runs" a handful of commands — `echo` with
 * `$((a+b))` arithmetic, `sleep`, `id`, `whoami`, `uname`, `cat` over the shop's virtual files, and the carrier
 * tool itself. Nothing is ever executed on the host: the demo shows command injection without being a remote
 * shell on the machine that runs it. Bounded: short inputs, at most 8 commands, sleeps of at most 10 s.
 */
import { readVirtualFile } from './virtual-files.js';

export interface ShellResult {
  readonly output: string;
  /** Time the commands asked to sleep, ms. */
  readonly sleepMs: number;
}

const MAX_INPUT = 512;
const MAX_COMMANDS = 8;

/** Runs `line` in the pretend shell. */
export function runEmulatedShell(line: string): ShellResult {
  const text = line.slice(0, MAX_INPUT);
  let sleepMs = 0;
  const out: string[] = [];
  // command substitution first: `$(cmd)` and `cmd` are replaced by their output
  const substituted = text.replace(/\$\(([^()]{0,200})\)|`([^`]{0,200})`/g, (_m, a: string | undefined, b: string | undefined) => {
    const r = runCommands(a ?? b ?? '');
    sleepMs += r.sleepMs;
    return r.output.trim();
  });
  const r = runCommands(substituted);
  sleepMs += r.sleepMs;
  out.push(r.output);
  return { output: out.join(''), sleepMs: Math.min(sleepMs, 10_000) };
}

function runCommands(line: string): ShellResult {
  let sleepMs = 0;
  const out: string[] = [];
  const commands = line.split(/;|&&|\|\||\||\n/).slice(0, MAX_COMMANDS);
  for (const raw of commands) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    const [cmd, ...args] = words;
    if (!cmd) continue;
    switch (cmd) {
      case 'track-cli':
        out.push(`${args[1] ?? ''}: in transit\n`);
        break;
      case 'echo':
        out.push(`${args.map(expandArithmetic).join(' ')}\n`);
        break;
      case 'sleep': {
        const s = Number(args[0]);
        if (Number.isFinite(s) && s > 0) sleepMs += Math.min(s, 10) * 1000;
        break;
      }
      case 'id':
        out.push('uid=1001(shop) gid=1001(shop) groups=1001(shop)\n');
        break;
      case 'whoami':
        out.push('shop\n');
        break;
      case 'uname':
        out.push('Linux\n');
        break;
      case 'cat': {
        const f = args[0] ? readVirtualFile(args[0]) : undefined;
        out.push(f ?? `cat: ${args[0] ?? ''}: No such file or directory\n`);
        break;
      }
      default:
        out.push(`sh: 1: ${cmd.slice(0, 40)}: not found\n`);
    }
  }
  return { output: out.join(''), sleepMs };
}

/** `$((12+30))` → `42` (integers, + - * only), as a POSIX shell expands it. */
function expandArithmetic(word: string): string {
  return word.replace(/\$\(\((\d{1,9})\s*([-+*])\s*(\d{1,9})\)\)/g, (_m, a: string, op: string, b: string) => {
    const x = Number(a);
    const y = Number(b);
    return String(op === '+' ? x + y : op === '-' ? x - y : x * y);
  });
}
