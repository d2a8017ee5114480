/**
 * OpenAPI path templates (`/users/{id}`, `/files/{name}.json`, `/{a},{b}`) parsed into segment matchers for the
 * router. A segment is a literal, a whole-segment parameter, or a pattern mixing literals and parameters; patterns
 * match left to right, each parameter taking the shortest non-empty text up to the next literal (no regex, linear).
 */

export type TemplateSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | {
      readonly kind: 'pattern';
      /** literals[0] name[0] literals[1] name[1] … literals[n]; literals may be '' at the ends. */
      readonly literals: readonly string[];
      readonly names: readonly string[];
    };

export interface ParsedTemplate {
  readonly segments: readonly TemplateSegment[];
  /** Names of the query parameters written into the template after `?` (non-standard, seen in real specs). */
  readonly queryNames: readonly string[];
}

/**
 * Parses a path template. Whatever follows `?` or `#` in the template is not part of the path: some real specs
 * write query strings (`/current?city={city}`) or fragments (`/tags/{arn}#tagKeys`) into path keys.
 */
export function parsePathTemplate(template: string): ParsedTemplate {
  const cut = template.search(/[?#]/);
  const path = cut === -1 ? template : template.slice(0, cut);
  const queryNames: string[] = [];
  if (cut !== -1 && template[cut] === '?') {
    for (const part of template.slice(cut + 1).split('&')) {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      if (name) queryNames.push(name);
    }
  }
  const body = path.startsWith('/') ? path.slice(1) : path;
  const segments = body === '' ? [] : body.split('/').map(parseSegment);
  return { segments, queryNames };
}

function parseSegment(seg: string): TemplateSegment {
  if (seg.indexOf('{') === -1) return { kind: 'literal', text: seg };
  const whole = /^\{([^{}]+)\}$/.exec(seg);
  if (whole) return { kind: 'param', name: cleanName(whole[1] as string) };
  const literals: string[] = [];
  const names: string[] = [];
  let i = 0;
  let lit = '';
  while (i < seg.length) {
    const open = seg.indexOf('{', i);
    if (open === -1) {
      lit += seg.slice(i);
      break;
    }
    const close = seg.indexOf('}', open + 1);
    const inner = close === -1 ? '' : seg.slice(open + 1, close);
    if (close === -1 || inner === '' || inner.indexOf('{') !== -1) {
      // unbalanced braces: the whole segment is literal text
      return { kind: 'literal', text: seg };
    }
    lit += seg.slice(i, open);
    if (names.length > 0 && lit === '') {
      // two adjacent parameters (`{a}{b}`) cannot be split: read the segment as one parameter named after both
      names[names.length - 1] = `${names[names.length - 1] as string}${cleanName(inner)}`;
    } else {
      literals.push(lit);
      names.push(cleanName(inner));
    }
    lit = '';
    i = close + 1;
  }
  literals.push(lit);
  return { kind: 'pattern', literals, names };
}

/** RFC 6570 operators (`{+path}`, `{;id}`) are not OpenAPI, but appear: the name is what follows them. */
function cleanName(name: string): string {
  return name.replace(/^[+#./;?&]/, '').replace(/\*$/, '');
}

/**
 * Matches a pattern segment against one decoded path segment; pushes the captured values and returns true, or
 * returns false leaving `out` as it was. Each parameter takes the shortest non-empty text before the next literal.
 */
export function matchPattern(seg: Extract<TemplateSegment, { kind: 'pattern' }>, text: string, out: string[]): boolean {
  const { literals, names } = seg;
  const first = literals[0] as string;
  const last = literals[literals.length - 1] as string;
  if (!text.startsWith(first) || text.length < first.length + last.length + names.length) return false;
  if (!text.endsWith(last)) return false;
  const end = text.length - last.length;
  let pos = first.length;
  const mark = out.length;
  for (let k = 0; k < names.length; k++) {
    if (k === names.length - 1) {
      if (end - pos < 1) break;
      out.push(text.slice(pos, end));
      return true;
    }
    const next = literals[k + 1] as string;
    const at = text.indexOf(next, pos + 1);
    if (at === -1 || at + next.length > end) break;
    out.push(text.slice(pos, at));
    pos = at + next.length;
  }
  out.length = mark;
  return false;
}

/** How specific a pattern is: more literal characters first, then fewer parameters. */
export function patternSpecificity(seg: Extract<TemplateSegment, { kind: 'pattern' }>): number {
  let chars = 0;
  for (const l of seg.literals) chars += l.length;
  return chars * 16 - seg.names.length;
}
