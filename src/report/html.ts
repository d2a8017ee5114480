/**
 * Helpers for self-contained HTML reports: one file, inline CSS, no scripts, no external resources, every
 * value escaped. `renderHtmlReport` lays out a findings report; `rampart comply` composes its own sections
 * from the same pieces.
 */
import { escapeHtml } from './escape.js';
import { targetOf, type ReportInput } from './report-input.js';

/** A fragment of HTML that is already safe (built by these helpers or escaped). */
export interface Html {
  readonly html: string;
}

/** Marks markup as safe. Only for literal markup written in code, never for user data. */
export function trusted(html: string): Html {
  return { html };
}

/** Text (escaped) or an already safe fragment. */
export type Cell = string | number | Html;

function cell(c: Cell): string {
  return typeof c === 'object' ? c.html : escapeHtml(String(c));
}

/** The inline style sheet of every Rampart report. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg:#1d232a; --muted:#5b6673; --line:#d8dee4; --bg:#ffffff; --band:#f5f7f9;
  --error:#b42318; --warn:#b54708; --info:#175cd3; --ok:#067647; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 20px 32px; background: var(--band); border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
main { padding: 16px 32px 40px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 140px; }
.card .value { font-size: 24px; font-weight: 600; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; }
td code, p code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
.sev { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.sev-error, .sev-critical, .sev-high { background: var(--error); }
.sev-warn, .sev-medium { background: var(--warn); }
.sev-info, .sev-low { background: var(--info); }
.muted { color: var(--muted); }
.score-good { color: var(--ok); } .score-fair { color: var(--warn); } .score-poor { color: var(--error); }
`;

/** A severity badge. */
export function severityBadge(severity: string): Html {
  const cls = /^[a-z]+$/.test(severity) ? severity : 'info';
  return trusted(`<span class="sev sev-${cls}">${escapeHtml(severity)}</span>`);
}

/** Inline code. */
export function code(text: string): Html {
  return trusted(`<code>${escapeHtml(text)}</code>`);
}

/** A table with a header row; cells are escaped unless they are `Html`. */
export function htmlTable(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<Cell>>): Html {
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n');
  return trusted(`<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`);
}

/** Summary cards (label above a big value). */
export function htmlCards(cards: ReadonlyArray<{ readonly label: string; readonly value: Cell }>): Html {
  return trusted(`<div class="cards">${cards.map((c) => `<div class="card"><div class="value">${cell(c.value)}</div><div class="label">${escapeHtml(c.label)}</div></div>`).join('')}</div>`);
}

/** A complete HTML document: title, header, sections, inline CSS; no script, no external resource. */
export function htmlPage(options: { readonly title: string; readonly subtitle?: string; readonly body: readonly Html[] }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(options.title)}</h1>${options.subtitle ? `<p>${escapeHtml(options.subtitle)}</p>` : ''}</header>`,
    '<main>',
    ...options.body.map((b) => b.html),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A heading plus content. */
export function htmlSection(title: string, ...content: Html[]): Html {
  return trusted(`<section>\n<h2>${escapeHtml(title)}</h2>\n${content.map((c) => c.html).join('\n')}\n</section>`);
}

/** The findings of a report as a table (severity, rule, OWASP/CWE, where, message), grouped by target. */
export function htmlFindings<S extends string>(input: ReportInput<S>): Html {
  const rank = (s: S) => input.scale.order.indexOf(s);
  const parts: Html[] = [];
  for (const target of input.targets) {
    const rows = input.findings
      .filter((f) => targetOf(f) === target)
      .sort((a, b) => rank(b.severity) - rank(a.severity) || a.rule.localeCompare(b.rule))
      .map((f) => {
        const l = f.location;
        const where = [l.file, l.line].filter((x) => x !== undefined).join(':');
        return [
          severityBadge(f.severity),
          code(f.rule),
          [f.owasp, f.cwe].filter(Boolean).join(' ') || '—',
          trusted(`${escapeHtml(where)}${l.path ? `<br>${code(l.path).html}` : ''}${l.endpoint ? `<br>${code(l.endpoint).html}` : ''}`),
          f.message,
        ] as Cell[];
      });
    parts.push(htmlSection(target, rows.length ? htmlTable(['severity', 'rule', 'OWASP / CWE', 'where', 'message'], rows) : trusted('<p class="muted">No findings.</p>')));
  }
  return trusted(parts.map((p) => p.html).join('\n'));
}

/** The rules that ran, with what to do about each. */
export function htmlRules<S extends string>(input: ReportInput<S>): Html {
  const counts = new Map<string, number>();
  for (const f of input.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const rows = input.rules
    .filter((r) => counts.has(r.id))
    .map((r) => [code(r.id), severityBadge(r.severity), [r.owasp, r.cwe].filter(Boolean).join(' ') || '—', counts.get(r.id) ?? 0, r.fix || r.description] as Cell[]);
  return htmlTable(['rule', 'severity', 'OWASP / CWE', 'findings', 'how to fix'], rows);
}
