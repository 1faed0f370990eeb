/**
 * Reading a measure's CSV data file (DESIGN §1.7: "CSV with a header row") into rows that keep
 * where they are in the file — the 1-based line and the character span — so that
 * `measure/bad-row` can be reported on the row itself, in the data file.
 *
 * The CSV grammar is papaparse's (RFC 4180 with its tolerances), driven through its core
 * `Parser` with a step callback: the step's cursor gives each row's end offset at no extra scan,
 * and the full `Papa.parse` front end (streaming, header and typing layers) is not needed.
 * Papaparse runs in browsers, so this does too.
 */
import Papa from 'papaparse';

export interface CsvRow {
  /** 1-based line of the row's first character in the file. */
  line: number;
  /** Character offsets of the row in the text: `start` inclusive, `end` exclusive, without the
   * line break that ends it (a quoted field's embedded line breaks are inside). */
  start: number;
  end: number;
  /** The row's fields by header name, as written (not trimmed); the first of two equal names wins. */
  cells: Record<string, string>;
}

export interface CsvProblem {
  /** 1-based line where the row with the problem starts. */
  line: number;
  /** Character span of that row, as in `CsvRow`. */
  start: number;
  end: number;
  /** What is wrong and what to do, at most 120 characters. */
  message: string;
}

export interface CsvTable {
  /** The header row's names, trimmed (a byte order mark before the first is dropped). */
  header: string[];
  /** The data rows that could be read. A row with a problem is left out and reported instead. */
  rows: CsvRow[];
  problems: CsvProblem[];
}

interface StepResult {
  data: string[][];
  errors: Array<{ code?: string }>;
  meta: { cursor: number };
}

const BOM = '\ufeff';

/**
 * The line break that ends the first line, read outside quotes (a header name rarely holds one).
 * Papaparse needs it said; a file mixing breaks is read by its first, as papaparse guesses it.
 */
function lineBreak(text: string, from: number): '\n' | '\r\n' | '\r' {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (!quoted && ch === 10) return '\n';
    else if (!quoted && ch === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

/** The delimiter: a comma, unless the header line has none but has tabs or semicolons. */
function delimiter(text: string, from: number, newline: string): string {
  let to = text.indexOf(newline, from);
  if (to < 0) to = text.length;
  const first = text.slice(from, to);
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  if (first.includes(';')) return ';';
  return ',';
}

/**
 * Reads a CSV text: the header row (required), then each non-empty row with its line and span.
 * Problems: no header; a row with more or fewer fields than the header; a quote left open or
 * closed in the middle of a field. Lines count `\n`, `\r\n` and a lone `\r` as one break each.
 */
export function readCsv(text: string): CsvTable {
  const header: string[] = [];
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const base = text.startsWith(BOM) ? 1 : 0;
  const newline = lineBreak(text, base);
  const nlLength = newline.length;

  // Line counting, linear overall: the next \n and \r at or after a position, found once each.
  let line = 1;
  let countedTo = 0;
  let nextLf = -2;
  let nextCr = -2;
  /** Advances `line` over the line breaks in [countedTo, to). */
  const countTo = (to: number) => {
    if (nextLf !== -1 && nextLf < countedTo) nextLf = text.indexOf('\n', countedTo);
    if (nextCr !== -1 && nextCr < countedTo) nextCr = text.indexOf('\r', countedTo);
    while (nextLf !== -1 && nextLf < to) {
      line++;
      nextLf = text.indexOf('\n', nextLf + 1);
    }
    while (nextCr !== -1 && nextCr < to) {
      // \r\n is one break, already counted at its \n.
      if (text.charCodeAt(nextCr + 1) !== 10) line++;
      nextCr = text.indexOf('\r', nextCr + 1);
    }
    countedTo = to;
  };

  let rowStart = base;
  let fields = 0;
  /** Header positions read into `cells`: the first column of each name. */
  let columns: number[] = [];
  const parser = new Papa.Parser({
    delimiter: delimiter(text, base, newline),
    newline,
    step: (result: StepResult) => {
      const start = rowStart;
      const stop = result.meta.cursor + base;
      rowStart = stop;
      const end = stop - nlLength >= start && text.startsWith(newline, stop - nlLength) ? stop - nlLength : stop;
      countTo(start);
      const rowLine = line;
      const row = result.data[0];
      if (!row || (row.length === 1 && row[0].trim() === '')) return; // an empty line
      const quote = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
      if (quote) {
        problems.push({
          line: rowLine,
          start,
          end,
          message:
            quote.code === 'MissingQuotes'
              ? 'Unterminated quote: close the quoted field with " (write "" for a quote inside it)'
              : 'Stray quote after a quoted field: end the field at its closing " (write "" for a quote inside)',
        });
        return;
      }
      if (!fields) {
        for (const name of row) header.push(name.trim());
        columns = header.flatMap((name, i) => (header.indexOf(name) === i ? [i] : []));
        fields = row.length;
        return;
      }
      if (row.length !== fields) {
        problems.push({
          line: rowLine,
          start,
          end,
          message: `Row has ${row.length} field${row.length === 1 ? '' : 's'}, the header has ${fields}: fix its commas (quote a value that holds one)`,
        });
        return;
      }
      const cells: Record<string, string> = {};
      for (const i of columns) cells[header[i]] = row[i];
      rows.push({ line: rowLine, start, end, cells });
    },
  });
  parser.parse(base ? text.slice(base) : text, 0, false);

  // A header lost to a quote left open is already reported as that.
  if (!fields && !problems.length) problems.push({ line: 1, start: 0, end: 0, message: 'No header row: the first line must name the columns, e.g. date,value' });
  return { header, rows, problems };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell as a number: `12`, `12.5`, `-3`, `1e3`, surrounding spaces allowed. Anything else —
 * empty, `12abc`, `1,000`, `12%` — is no number (undefined): a share is written as 0.12 so that a
 * value never means two things.
 */
export function readNumber(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const t = cell.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A cell as a `YYYY-MM-DD` date of a real calendar day (surrounding spaces allowed), else undefined. */
export function readDate(cell: string | undefined): string | undefined {
  if (cell === undefined) return undefined;
  const t = cell.trim();
  const m = DATE.exec(t);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  // Gregorian leap years: every 4th, but not centuries unless divisible by 400.
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS[month - 1] + (leap ? 1 : 0) ? t : undefined;
}
