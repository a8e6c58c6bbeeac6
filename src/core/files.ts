/**
 * Files in (domain.md, "Files in"): a file an admin already holds (a CSV, or a tab of this
 * spreadsheet) read as a table, its columns matched to the 17 import columns, and its rows made
 * into template rows. Nothing here reads or writes a sheet.
 */
import { HEADERS, canonicalHeader, type ColumnName, type TemplateTab } from './columns';
import { parseCsv } from './csv';
import { parseDateText } from './dates';
import { MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_FILE_ROWS } from './fileLimits';
import { autofilled, tidied } from './edits';
import { emailKey } from './registry';
import { trimText } from './text';
import { failure, type Failure, type Problem, type Settings } from './types';

/** One row of a file: `row` counts as a spreadsheet does, the header being row 1. */
export interface FileRow {
  row: number;
  cells: string[];
}

/** A file's header and its non-blank rows, every cell trimmed text. */
export interface Table {
  header: string[];
  rows: FileRow[];
}

const SAVE_AS = 'In Excel: File > Save As, and choose "CSV UTF-8 (Comma delimited)".';

function badFile(message: string): Failure {
  return failure('BAD_FILE', `${message} Nothing was loaded.`);
}

/** 20000 → '20,000' (Apps Script's toLocaleString is not to be relied on). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** UTF-8 size of a text, without building its bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The separator is read from the header line: the one of comma, semicolon and tab it holds most
 * (Excel writes semicolons where the comma is the decimal mark). A guess from the data rows
 * could be fooled by names with commas; headers have none.
 */
function separatorOf(text: string): string {
  const end = text.search(/\r|\n/);
  const line = end < 0 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((s) => [s, line.split(s).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Rows and cells past the header: the checks every source (a file's text, a tab) shares. */
export function tableOf(records: readonly (readonly string[])[]): Table | Failure {
  const rows: FileRow[] = [];
  let header: string[] | null = null;
  for (const [i, record] of records.entries()) {
    const cells = record.map((c) => trimText(c));
    if (cells.every((c) => c === '')) continue;
    const long = cells.findIndex((c) => c.length > MAX_CELL_CHARS);
    if (long >= 0) {
      return badFile(
        `Row ${i + 1} of the file has a cell of ${thousands(cells[long]?.length ?? 0)} characters in column ${long + 1}; a cell holds at most 50,000. Check the file is the right one.`,
      );
    }
    if (!header) header = cells;
    else rows.push({ row: i + 1, cells });
  }
  if (!header) return badFile('The file is empty.');
  if (rows.length > MAX_FILE_ROWS) {
    return badFile(
      `The file has ${thousands(rows.length)} rows; at most ${thousands(MAX_FILE_ROWS)} load at once. Split it into smaller files.`,
    );
  }
  return { header, rows };
}

/**
 * A CSV file's text as a table: comma, semicolon or tab separated, with or without a byte-order
 * mark, CRLF or LF, quoted fields holding separators, quotes and line breaks.
 */
export function parseFileText(text: string): Table | Failure {
  if (utf8Length(text) > MAX_FILE_BYTES) return badFile('The file is larger than 5 MB. Split it into smaller files.');
  if (text.startsWith('PK\u0003\u0004') || text.includes('\u0000')) {
    return badFile(
      `This is not a CSV text file (an Excel workbook or a "Unicode Text" file?). ${SAVE_AS} To compare an Excel file, use File > Import > Insert new sheet, then pick that tab.`,
    );
  }
  if (text.includes('\ufffd')) {
    return badFile(`The file is not saved as UTF-8: some letters (like the é of José) could not be read and would load as �. ${SAVE_AS}`);
  }
  const body = text.replace(/^\ufeff/, '');
  const parsed = parseCsv(body, separatorOf(body));
  if (parsed.unclosedQuoteRow > 0) {
    const row = parsed.unclosedQuoteRow;
    return badFile(
      `Row ${row} of the file has a quote (") that is not closed, so the rows after it cannot be told apart. Open the file, fix that row, and save it again as CSV UTF-8.`,
    );
  }
  return tableOf(parsed.rows);
}

/** Where each import column comes from in a file, and the file's columns left out. */
export interface ColumnMap {
  /** Canonical header → the index of the file's column. */
  index: Partial<Record<ColumnName, number>>;
  /** Canonical header → the file's header, as api.md returns it. */
  columns: Partial<Record<ColumnName, string>>;
  ignoredColumns: string[];
}

const isColumnName = (text: string): text is ColumnName => (HEADERS as readonly string[]).includes(text);

/**
 * Matches a file's headers to the import columns (canonicalHeader: case, spaces, `_`, `-` and the
 * aliases ignored), the first column of a name winning; `overrides` (canonical → file header, ''
 * for none) replaces what matching chose for those columns.
 */
export function mapColumns(header: readonly string[], overrides: Readonly<Record<string, string>> = {}): ColumnMap | Failure {
  const index: Partial<Record<ColumnName, number>> = {};
  header.forEach((h, i) => {
    const name = canonicalHeader(h);
    if (name && index[name] === undefined) index[name] = i;
  });
  for (const [name, fileHeader] of Object.entries(overrides)) {
    if (!isColumnName(name)) return failure('BAD_ARGUMENT', `"${name}" is not one of the 17 import columns.`);
    if (fileHeader === '') {
      delete index[name];
      continue;
    }
    const at = header.indexOf(trimText(String(fileHeader)));
    if (at < 0) return failure('BAD_ARGUMENT', `The file has no column "${String(fileHeader)}" to load into ${name}.`);
    // A file column goes to one place: whatever matching had sent it to loses it.
    for (const other of HEADERS) if (index[other] === at) delete index[other];
    index[name] = at;
  }
  const used = new Set(Object.values(index));
  const columns: Partial<Record<ColumnName, string>> = {};
  for (const name of HEADERS) {
    const at = index[name];
    if (at !== undefined) columns[name] = header[at] ?? '';
  }
  return { index, columns, ignoredColumns: header.filter((h, i) => !used.has(i) && h !== '') };
}

/** A file row's value of an import column ('' when the file has no such column). */
export function cellOf(map: ColumnMap, row: FileRow, name: ColumnName): string {
  const at = map.index[name];
  return at === undefined ? '' : (row.cells[at] ?? '');
}

export interface LoadOptions {
  /** A creation file loaded onto the Archival tab: Status Archived, Password and DateHire blank. */
  asArchival: boolean;
}

/** The columns a creation file loses on the Archival tab (domain.md: an import carrying them may reset the account). */
const ARCHIVAL_DROPS: readonly ColumnName[] = ['Password', 'DateHire'];

/** The mapping as importCsv reports it: with asArchival, Password and DateHire are among the ignored. */
export function loadedColumns(map: ColumnMap, options: LoadOptions): Pick<ColumnMap, 'columns' | 'ignoredColumns'> {
  if (!options.asArchival) return { columns: map.columns, ignoredColumns: map.ignoredColumns };
  const columns = { ...map.columns };
  const dropped = ARCHIVAL_DROPS.flatMap((name) => {
    const header = columns[name];
    delete columns[name];
    return header === undefined ? [] : [header];
  });
  return { columns, ignoredColumns: [...map.ignoredColumns, ...dropped] };
}

/** A row to append: 17 cells, DateHire 'YYYY-MM-DD' when the file's date could be read. */
export interface LoadRow {
  fileRow: number;
  cells: string[];
}

export interface LoadPlan {
  rows: LoadRow[];
  skipped: Problem[];
}

/**
 * The rows a file adds to a tab: each as a paste would leave it (spelling of Status, Affiliation
 * and EmployeeType tidied, empty cells every row repeats filled in), skipping those whose email
 * is on the tab already (`onTab`: lower-cased email → its sheet row; done rows left out).
 */
export function planLoad(
  tab: TemplateTab,
  table: Table,
  map: ColumnMap,
  options: LoadOptions,
  settings: Settings,
  onTab: ReadonlyMap<string, number>,
  today: () => string,
): LoadPlan {
  const plan: LoadPlan = { rows: [], skipped: [] };
  for (const row of table.rows) {
    const cells = HEADERS.map((name) => cellOf(map, row, name));
    const record = Object.fromEntries(HEADERS.map((name, i) => [name, cells[i] ?? ''])) as Record<ColumnName, string>;
    if (record.DateHire) record.DateHire = parseDateText(record.DateHire) ?? record.DateHire;
    if (options.asArchival) {
      record.Status = 'Archived';
      for (const name of ARCHIVAL_DROPS) record[name] = '';
    }
    const email = record.Email;
    const already = email ? onTab.get(emailKey(email)) : undefined;
    if (already !== undefined) {
      plan.skipped.push({
        tab,
        row: already,
        column: 'Email',
        severity: 'warning',
        message: `${email} is already on row ${already} of this tab, so row ${row.row} of the file was not loaded.`,
      });
      continue;
    }
    const filled = autofilled(
      tab,
      HEADERS.map((name) => record[name]),
      settings,
      today,
    );
    plan.rows.push({ fileRow: row.row, cells: tidied(tab, filled, settings) });
  }
  return plan;
}
