/**
 * Command-injection detection in the spirit of the SQL tokenizer: the value is de-obfuscated the way a shell
 * would read it (quotes, backslashes and empty expansions removed: `c''a\t`, `c$@at`, `ca${u}t`, `${IFS}`),
 * split at shell separators (`;` `|` `&` newline, backtick, `$(`, `<(`, `{`), and each command position is
 * checked against known commands. A command after a separator fires when it is a strong name or is followed by
 * something argument-like (`-x`, a path, a redirection, the end); at the very start of a value it must look
 * like a command line (`cat /etc/passwd`, `sh -c …`) so that prose starting with "find" or "time" does not.
 */
import { PREFIXES, STRONG_COMMANDS, WEAK_COMMANDS, WORDY_COMMANDS } from './shell-words.js';

export interface ShellHit {
  readonly evidence: string;
  readonly reason: string;
}

export const MAX_COMMAND_POSITIONS = 64;

/** Removes what a shell drops when it reads a word: quotes, backslash escapes, empty and special expansions. */
export function deobfuscateShell(v: string): string {
  let s = v;
  if (s.indexOf('$') !== -1) {
    s = s
      .replace(/\$\{ifs[^}]{0,8}\}|\$ifs\b/gi, ' ')
      .replace(/\$\{[a-z_]{0,3}\}|\$\(\)|\$[@*!?#$_-]|\$[0-9]/gi, '')
      .replace(/\$[a-z]{1,3}(?![a-z0-9_{(])/gi, '');
  }
  if (s.indexOf('`') !== -1) s = s.replace(/``/g, '');
  if (s.indexOf('<(') !== -1) s = s.replace(/<\(\)/g, '');
  return s.replace(/["'\\^]/g, '');
}

function isSeparator(c: string): boolean {
  return c === ';' || c === '|' || c === '&' || c === '\n' || c === '\r' || c === '`' || c === '(' || c === ')' || c === '{' || c === '}' || c === '<' || c === '>';
}

/** Character-code forms of `isSeparator` and of spaces (space, tab, VT, FF) for the scanning loops. */
function isSeparatorCode(c: number): boolean {
  switch (c) {
    case 59: // ;
    case 124: // |
    case 38: // &
    case 10: // \n
    case 13: // \r
    case 96: // `
    case 40: // (
    case 41: // )
    case 123: // {
    case 125: // }
    case 60: // <
    case 62: // >
      return true;
    default:
      return false;
  }
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12;
}

/** A word run by path (`./x`, `../x`, `/x`, `~/x`). */
const PATH_EXEC = /^(?:\.{0,2}\/|~\/)/;
const TOOL_VARIANT = /^(?:ansible|chef|salt|puppet|kubectl|docker|podman|aws|gcloud|az)-[a-z]{2,20}$/;
const VERSIONED = /^([a-z][a-z0-9_+-]{0,30}?)(?:\d{1,2}(?:\.\d{1,3}){0,2}|\.exe)$/;

/** The command name of a word: basename of a path, without a version suffix (`python3.10` is `python3`). */
function commandName(word: string): string {
  let w = word.toLowerCase();
  // a URL or an assignment is not a path to a binary (`uddg=http://x/tags/zsh`)
  if (w.indexOf(':') !== -1 || w.indexOf('=') !== -1) return w;
  if (w.indexOf('-') !== -1 && TOOL_VARIANT.test(w)) return 'ansible';
  const slash = w.lastIndexOf('/');
  if (slash !== -1) w = w.slice(slash + 1);
  const bs = w.lastIndexOf('\\');
  if (bs !== -1) w = w.slice(bs + 1);
  // only a name ending in a digit or `.exe` has a suffix to drop (most words end here)
  const last = w.charCodeAt(w.length - 1);
  if (!(last >= 48 && last <= 57) && !w.endsWith('.exe')) return w;
  const m = VERSIONED.exec(w);
  if (m && m[1] && (STRONG_COMMANDS.has(m[1]) || STRONG_COMMANDS.has(w.replace(/\.\d{1,3}$/, '')))) return STRONG_COMMANDS.has(w.replace(/\.\d{1,3}$/, '')) ? w.replace(/\.\d{1,3}$/, '') : m[1];
  return w;
}

function isArgumentLike(tok: string | undefined): boolean {
  if (tok === undefined) return true; // end of the value
  const c = tok[0] as string;
  if (tok.length === 1 && isSeparator(c)) return false; // separators are judged by the caller (see endsCommand)
  if ('-/~.$><|&;`*?{(+'.indexOf(c) !== -1) return true;
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/.test(tok) || tok.indexOf('://') !== -1) return true;
  return false;
}

/** A separator that ends a command the way a statement ends (`;id;`, `ifconfig\n`, `(sh)` for strong names). */
function endsCommand(tok: string | undefined, strong: boolean, inHeader: boolean): boolean {
  if (tok === undefined) return true;
  if (tok.length !== 1 || !isSeparator(tok)) return false;
  if (strong) return true;
  return !inHeader && (tok === ';' || tok === '|' || tok === '&' || tok === '\n' || tok === '\r' || tok === '`');
}

function endsWithLineBreak(v: string): boolean {
  let i = v.length - 1;
  while (i >= 0 && (v[i] === ' ' || v[i] === '\t')) i--;
  return v[i] === '\n' || v[i] === '\r';
}

function readWord(s: string, from: number): { word: string; end: number } {
  let i = from;
  while (i < s.length && !isSpaceCode(s.charCodeAt(i)) && !isSeparatorCode(s.charCodeAt(i))) i++;
  return { word: s.slice(from, i), end: i };
}

function nextToken(s: string, from: number): string | undefined {
  let i = from;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  if (i >= s.length) return undefined;
  if (isSeparator(s[i] as string)) return s[i];
  return readWord(s, i).word;
}

/** Detects an injected command in one (URL/HTML-decoded) value. */
/** Shell metacharacters: without one, only a command line at the very start of the value can be an injection. */
const SHELL_META = /[;|&`$<>(){}\n\r\\'"]/;

function firstWord(v: string): string {
  let i = 0;
  while (i < v.length && (v[i] === ' ' || v[i] === '\t')) i++;
  let j = i;
  while (j < v.length && v[j] !== ' ' && v[j] !== '\t') j++;
  return v.slice(i, j);
}

export function detectShell(value: string, inHeader = false): ShellHit | null {
  if (!SHELL_META.test(value)) {
    const name = commandName(firstWord(value));
    if (!STRONG_COMMANDS.has(name) && !WEAK_COMMANDS.has(name) && !PREFIXES.has(name)) return null;
  }
  // a leading backslash (`\\ls`) bypasses shell aliases: it marks a command
  const s = deobfuscateShell(value.charCodeAt(0) === 92 && /^\\[a-z]/i.test(value) ? `;${value.slice(1)}` : value);
  if (s.length < 2) return null;
  let positions = 0;
  let i = 0;
  let afterSeparator = false;
  let sep = '';
  while (i < s.length && positions < MAX_COMMAND_POSITIONS) {
    // skip to a command position: the start, or after a separator
    while (i < s.length && (isSpaceCode(s.charCodeAt(i)) || isSeparatorCode(s.charCodeAt(i)))) {
      if (isSeparatorCode(s.charCodeAt(i))) {
        afterSeparator = true;
        sep = s[i] as string;
      }
      i++;
    }
    if (i >= s.length) break;
    positions++;
    let { word, end } = readWord(s, i);
    let name = commandName(word);
    // prefixes run the next word (`time sh -c id`, `sudo cat /etc/shadow`)
    let prefixed = false;
    for (let k = 0; k < 3 && PREFIXES.has(name); k++) {
      const nt = nextToken(s, end);
      if (nt === undefined || isSeparator(nt)) break;
      const j = s.indexOf(nt, end);
      const w = readWord(s, j);
      const nn = commandName(w.word);
      if (!STRONG_COMMANDS.has(nn) && !WEAK_COMMANDS.has(nn)) break;
      word = w.word;
      end = w.end;
      name = nn;
      prefixed = true;
    }
    const strong = STRONG_COMMANDS.has(name);
    const weak = !strong && WEAK_COMMANDS.has(name);
    if (strong || weak) {
      // the rest is only worked out for a known command (most words of a value are not)
      const next = nextToken(s, end);
      const pathExec = PATH_EXEC.test(word);
      const start = value.length === s.length ? Math.max(0, i - 1) : 0;
      const evidence = s.slice(Math.max(0, i - 1), Math.min(s.length, end + 40)).slice(0, 80) || value.slice(start, start + 80);
      if (afterSeparator || prefixed || pathExec) {
        // after `;`, `|`, `&&`, a newline, a backtick, `$(`: any command with argument-like context
        if (strong && (endsCommand(next, true, inHeader) || isArgumentLike(next) || /^[a-z0-9_.]{1,40}$/i.test(next ?? ''))) return { evidence, reason: `command ${name} after ${JSON.stringify(sep || 'prefix')}` };
        if (weak && (endsCommand(next, false, inHeader) || isArgumentLike(next)) && !(sep === '(' || sep === ')' || sep === '{' || sep === '}')) return { evidence, reason: `command ${name} after ${JSON.stringify(sep || 'prefix')}` };
        if (weak && (sep === '`' || sep === '|') && next !== undefined) return { evidence, reason: `command ${name} after ${JSON.stringify(sep)}` };
        if (weak && next !== undefined && (STRONG_COMMANDS.has(commandName(next)) || WEAK_COMMANDS.has(commandName(next)))) return { evidence, reason: `command ${name} ${next}` };
      } else if (strong && next !== undefined && (isArgumentLike(next) || STRONG_COMMANDS.has(commandName(next)) || (!inHeader && (next === ';' || next === '|' || next === '&')))) {
        return { evidence, reason: `command line ${name} ${next}` };
      } else if (strong && !inHeader && !WORDY_COMMANDS.has(name) && (next === undefined || endsWithLineBreak(value) || name === 'ansible')) {
        // a bare tool name, a command line ending in a newline, or a configuration-management tool
        return { evidence, reason: `command line ${name} ${next ?? ''}` };
      } else if (weak && next !== undefined && (next.startsWith('/') || (next.startsWith('-') && next.length > 1))) {
        const after = nextToken(s, s.indexOf(next, end) + next.length);
        if (next.startsWith('/') || (after !== undefined && isArgumentLike(after))) return { evidence, reason: `command line ${name} ${next}` };
      }
    }
    // move to the next separator
    afterSeparator = false;
    while (i < s.length && !isSeparatorCode(s.charCodeAt(i))) i++;
  }
  return null;
}
