/**
 * Injection, SQL (error-based): a quote appended to a value makes the database complain in the response, while
 * the same value with the quote doubled (escaped, the benign twin) and the plain value do not — the input is
 * spliced into SQL. Never decided by one error string alone: the twin must stay clean.
 */
import type { Check, Probe, ProbeResults } from '../check.js';
import { describeLocation, withValueAt } from '../mutate-request.js';
import { readableText } from './support.js';
import { injectionBase } from './injection-base.js';

/** Database error messages by engine; each linear-time. */
export const SQL_ERRORS: ReadonlyArray<readonly [string, RegExp]> = [
  ['SQLite', /SQLITE_ERROR|SqliteError|sqlite3\.OperationalError|unrecognized token: "|near "[^"\n]{0,80}": syntax error|SQLite\/JDBCDriver|System\.Data\.SQLite/],
  ['MySQL', /You have an error in your SQL syntax|check the manual that corresponds to your (?:MySQL|MariaDB) server version|mysqli?_(?:fetch|query|num_rows)|MySqlException|com\.mysql\.jdbc|Unknown column '[^'\n]{1,80}' in/],
  ['PostgreSQL', /unterminated quoted string at or near|syntax error at or near "|PG::SyntaxError|org\.postgresql\.util\.PSQLException|pg_query\(\)|invalid input syntax for (?:type )?integer/],
  ['SQL Server', /Unclosed quotation mark after the character string|Incorrect syntax near '|Microsoft OLE DB Provider for SQL Server|System\.Data\.SqlClient\.SqlException|\[SQL Server\]/],
  ['Oracle', /ORA-\d{5}|quoted string not properly terminated|oracle\.jdbc/],
  ['generic SQL', /SQLSTATE\[[0-9A-Z]{5}\]|SQL syntax error|java\.sql\.SQLException|JDBCException|Dynamic SQL Error/],
];

/** Database engines whose error messages appear in `text`. */
export function sqlErrors(text: string): string[] {
  const t = text.length > 256 * 1024 ? text.slice(0, 256 * 1024) : text;
  return SQL_ERRORS.filter(([, re]) => re.test(t)).map(([name]) => name);
}

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["'", "''"],
  ['"', '""'],
  ["')", "'')"],
];

export const sqliError: Check = {
  id: 'sqli-error',
  title: 'SQL injection (database errors)',
  owasp: 'API8:2023',
  cwe: 'CWE-89',
  severity: 'critical',
  intrusive: false,
  scope: 'operation',
  description: 'A quote appended to a parameter produces a database error in the response; the same value with the quote escaped does not.',
  fix: 'Use parameterised queries (bound parameters) or a query builder everywhere; never build SQL by concatenating input. Hide database errors from responses.',
  async *probes(t) {
    const base = await injectionBase(t, (x) => x.type === 'string' || x.type === 'integer' || x.type === 'unknown');
    if (!base) return;
    for (const point of base.points) {
      for (const [attack, twin] of PAIRS) {
        yield {
          label: `${attack} in ${describeLocation(point.loc)}`,
          steps: [base.baseline, { name: 'attack', request: withValueAt(base.request, point.loc, `${point.value}${attack}`) }, { name: 'twin', request: withValueAt(base.request, point.loc, `${point.value}${twin}`) }],
          data: { where: describeLocation(point.loc), payload: attack },
        } satisfies Probe;
      }
    }
  },
  judge: judgeSqlError,
};

/** Fires when the attack shows a database error that neither the baseline nor the escaped twin shows. */
export function judgeSqlError(r: ProbeResults, probe: Probe) {
  const found = sqlErrors(readableText(r.attack));
  if (!found.length || sqlErrors(readableText(r.baseline)).length || sqlErrors(readableText(r.twin)).length) return undefined;
  return {
    message: `${JSON.stringify(probe.data?.payload)} appended to the ${String(probe.data?.where)} causes a ${found.join('/')} error (${r.attack?.response?.status}); escaped, it does not (${r.twin?.response?.status ?? 'no response'})`,
    evidence: ['attack', 'twin', 'baseline'],
  };
}
