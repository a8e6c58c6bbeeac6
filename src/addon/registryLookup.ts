/**
 * What the template check needs of the registry (registryWarnings: who is Active or Archived,
 * and whose row cannot be read), read from fewer cells than the whole registry: for a whole-tab
 * check, the columns that decide it; for an edit, only the rows TextFinder finds naming the
 * edited emails. Both go through readRegistry (registryRead.ts), so both answer as a full read.
 */
import { NOT_SURELY_A_DATE } from '../core/dates';
import { emailTokenPattern } from '../core/liveCheck';
import {
  REGISTRY_ALL_HEADERS,
  emailKey,
  emailsNamed,
  lastNameMayMatch,
  readRegistry,
  registryColumnsOf,
  rowsNaming,
  withSameEmail,
  type RegistryColumns,
  type RegistryHeader,
  type RegistryRead,
} from '../core/registryRead';
import { span } from '../core/maps';
import { cellText } from '../core/text';
import { TABS } from '../core/tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The columns that decide a registry warning: the status and its dates, and whether the row reads at all. */
const DECIDING: readonly RegistryHeader[] = ['UserID', 'Email', 'EmployeeType', 'Status', 'DateHire', 'ArchivedOn'];

/** Up to this many rows found are read one by one. */
const MAX_ROWS_ONE_BY_ONE = 2;
/** More found, the rows from the first to the last found are read as one block up to this many cells; past it, the columns. */
const MAX_BLOCK_CELLS = 20_000;

/** The registry's columns from its header row (a range of row 1, the sheet's whole width), or BAD_REGISTRY. */
function layoutOf(
  headerRow: GoogleAppsScript.Spreadsheet.Range,
  isoOfDate: (d: Date) => string,
): { columns: RegistryColumns; width: number } {
  const header = (headerRow.getValues()[0] ?? []).map((v) => cellText(v, isoOfDate));
  return { columns: registryColumnsOf(header), width: header.length };
}

/** Rows of text as readRegistry takes them, from rows read whole (the admin's own columns left out). */
function asText(rows: readonly (readonly unknown[])[], columns: RegistryColumns, isoOfDate: (d: Date) => string): string[][] {
  const ours = new Set(Object.values(columns).filter((c) => c > 0));
  return rows.map((row) => row.map((v, i) => (ours.has(i + 1) ? cellText(v, isoOfDate) : '')));
}

/** The deciding columns whole: two calls each, and three more, whatever the registry holds. */
function readDeciding(sheet: Sheet, columns: RegistryColumns, width: number, isoOfDate: (d: Date) => string): RegistryRead {
  const last = sheet.getLastRow();
  const body = Array.from({ length: Math.max(last - 1, 0) }, () => Array<string>(width).fill(''));
  fillColumns(sheet, body, 2, DECIDING, columns, isoOfDate);
  return readRegistry(body, columns);
}

/** Reads `headers`' columns of rows first..first+body.length-1 into body. */
function fillColumns(
  sheet: Sheet,
  body: string[][],
  first: number,
  headers: readonly RegistryHeader[],
  columns: RegistryColumns,
  isoOfDate: (d: Date) => string,
): void {
  if (body.length === 0) return;
  for (const header of headers) {
    const column = columns[header];
    sheet.getSheetValues(first, column, body.length, 1).forEach(([v], i) => {
      (body[i] as string[])[column - 1] = cellText(v, isoOfDate);
    });
  }
}

/**
 * The registry as a whole-tab check of a tab holding `emails` sees it (null: no registry tab):
 * its Email and UserID columns, then the other columns that decide a warning (EmployeeType,
 * Status, DateHire, ArchivedOn) from the first to the last row naming one of those emails. Rows
 * naming none are left blank: they change no warning of this tab. Names, Affiliation and
 * ActivityEnds are never read: they change no template row's check.
 */
export function readRegistryForValidation(
  spreadsheet: Spreadsheet,
  isoOfDate: (d: Date) => string,
  emails: readonly string[],
): RegistryRead | null {
  const sheet = spreadsheet.getSheetByName(TABS.registry.sheet);
  if (!sheet) return null;
  const { columns, width } = layoutOf(sheet.getRange('1:1'), isoOfDate);
  const last = sheet.getLastRow();
  const body = Array.from({ length: Math.max(last - 1, 0) }, () => Array<string>(width).fill(''));
  fillColumns(sheet, body, 2, ['Email', 'UserID'], columns, isoOfDate);
  const wanted = new Set(emails.map(emailKey));
  const named = body.flatMap((cells, i) => {
    const email = cells[columns.Email - 1] ?? '';
    const userId = cells[columns.UserID - 1] ?? '';
    return wanted.has(emailKey(email)) || emailsNamed([email, userId]).some((key) => wanted.has(key)) ? [i] : [];
  });
  if (named.length === 0) return readRegistry([], columns);
  const from = Math.min(...named);
  const to = Math.max(...named);
  const mine = new Set(named);
  const span = body.slice(from, to + 1).map((cells, i) => (mine.has(from + i) ? cells : Array<string>(width).fill('')));
  fillColumns(
    sheet,
    span,
    from + 2,
    DECIDING.filter((h) => h !== 'Email' && h !== 'UserID'),
    columns,
    isoOfDate,
  );
  // Rows between that name none of the emails are dropped again (read only as part of the span).
  span.forEach((cells, i) => {
    if (!mine.has(from + i)) cells.fill('');
  });
  return readRegistry(span, columns, from + 2);
}

/**
 * What the registry says about `emails`: one search of the registry for cells naming them (a row
 * the add-on cannot read may hold `Ana@SDSU.edu (old)`), then, only when something is found, its
 * header and the rows found. The tab is found by its header row (one call, which also gives the
 * row to read when needed). readRegistry reads the rows at their own row numbers, so the answer
 * for these emails is the one a full read gives.
 */
export function findInRegistry(spreadsheet: Spreadsheet, emails: readonly string[], isoOfDate: (d: Date) => string): RegistryRead | null {
  const headerRow = registryHeaderRow(spreadsheet);
  if (!headerRow) return null;
  const sheet = headerRow.getSheet();
  const pattern = emailTokenPattern(emails);
  const rows = pattern
    ? [
        ...new Set(
          sheet
            .createTextFinder(pattern)
            .useRegularExpression(true)
            .findAll()
            .map((r) => r.getRow()),
        ),
      ].filter((r) => r > 1)
    : [];
  if (rows.length === 0) return readRegistry([]);
  const { columns, width } = layoutOf(headerRow, isoOfDate);
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const body: string[][] = Array.from({ length: last - first + 1 }, () => []);
  if (rows.length <= MAX_ROWS_ONE_BY_ONE) {
    for (const row of rows) body[row - first] = asText([sheet.getSheetValues(row, 1, 1, width)[0] ?? []], columns, isoOfDate)[0] ?? [];
  } else if ((last - first + 1) * width <= MAX_BLOCK_CELLS) {
    // The rows between are read too; they name none of the emails (the search would have found them).
    asText(sheet.getSheetValues(first, 1, last - first + 1, width), columns, isoOfDate).forEach((cells, i) => {
      body[i] = cells;
    });
  } else {
    return readDeciding(sheet, columns, width, isoOfDate);
  }
  return readRegistry(body, columns, first);
}

/** Row 1 of the registry tab (its whole width), or null when there is no such tab (Sheets answers "Range not found"). */
function registryHeaderRow(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.Range | null {
  try {
    return spreadsheet.getRange(`'${TABS.registry.sheet.replace(/'/g, "''")}'!1:1`);
  } catch (error) {
    if (/range not found/i.test(String((error as Error)?.message ?? error))) return null;
    throw error;
  }
}

/** The columns that say, read whole, each row's status and county, and most of whether it reads. */
const STATUS_HEADERS: readonly RegistryHeader[] = ['Email', 'EmployeeType', 'Status'];
/** The date columns that decide whether a row reads: searched (NOT_SURELY_A_DATE), not read. */
const DATE_HEADERS: readonly RegistryHeader[] = ['DateHire', 'ArchivedOn'];
/** Up to this many rows are read one by one when they must be read whole; more, as one block from the first to the last. */
const ROWS_ONE_BY_ONE = 4;

export interface RegistryWanted {
  /** The learners the answer is about (a batch's, a sync's rows', a template tab's). */
  emails: readonly string[];
  /** The names (nameKey) to find namesakes of, once the rows naming `emails` are read; none: names are not read. */
  names?: (found: RegistryRead) => readonly string[];
  /**
   * `true`: the answer is also about every row: its status and county, and (registryProblems)
   * every row the add-on cannot read, with its problem, as a full read finds them. A warning about
   * a readable row (a UserID that differs, an ActivityEnds that is no date) is found only on the
   * rows read whole.
   */
  whole?: boolean;
  /**
   * How much of the rows naming `emails` is read: `whole` (default), what a batch applied to them
   * needs; `dates`, only their DateHire and ArchivedOn (with `whole`), what a template row's
   * registry warning says of them ("Active since 01/10/2026").
   */
  named?: 'whole' | 'dates';
}

/**
 * The registry as an answer about some learners (and, with `whole`, about every row) must see
 * it, without reading it whole. Without `whole`: the Email and UserID columns, then the rows
 * naming `wanted.emails` (with every row of the same Email). With `whole`: the Email, EmployeeType
 * and Status columns, one search of the two date columns for what is not surely a date, and the
 * rows that may not read (readStatuses), then the rows naming the learners. Then, when
 * `wanted.names` gives names, the LastName column and the rows whose last name may complete one
 * of them (with theirs). readRegistry reads every row at its own row number, so the entries of
 * these learners, their namesakes, the unreadable rows naming them (and with `whole`, every row's
 * status and every unreadable row) are what a full read gives. Calls: at most about thirty,
 * whatever the registry holds.
 */
export function readRegistryFor(
  spreadsheet: Spreadsheet,
  isoOfDate: (d: Date) => string,
  wanted: RegistryWanted,
): { sheet: Sheet; read: RegistryRead } | null {
  const sheet = spreadsheet.getSheetByName(TABS.registry.sheet);
  if (!sheet) return null;
  const { columns, width } = layoutOf(sheet.getRange('1:1'), isoOfDate);
  const last = sheet.getLastRow();
  const body = Array.from({ length: Math.max(last - 1, 0) }, () => Array<string>(width).fill(''));
  const wholeRows = wanted.whole ? readStatuses(sheet, body, columns, isoOfDate) : new Set<number>();
  if (!wanted.whole) fillColumns(sheet, body, 2, ['Email', 'UserID'], columns, isoOfDate);
  const emails = body.map((cells) => cells[columns.Email - 1] ?? '');
  // With `whole`, UserID is known for the rows read whole: every row that may not read among them,
  // and only such a row's UserID changes a learner's answer (its unreadable emails).
  const userIds = body.map((cells) => cells[columns.UserID - 1] ?? '');
  const rows = rowsNaming(emails, userIds, new Set(wanted.emails.map(emailKey).filter((key) => key !== '')));
  for (const i of wholeRows) rows.delete(i);
  // With only Email and UserID read, a row not read whole is left blank: it would read as broken.
  const read: string[][] = wanted.whole ? body : body.map(() => Array<string>(width).fill(''));
  if (wanted.whole && wanted.named === 'dates') fillSpan(sheet, read, rows, DATE_HEADERS, columns, isoOfDate);
  else readWhole(sheet, read, rows, columns, isoOfDate);
  const found = readRegistry(read, columns);
  const names = new Set((wanted.names?.(found) ?? []).filter((name) => name !== ''));
  if (names.size === 0) return { sheet, read: found };
  const lastNames = Array.from({ length: body.length }, () => Array<string>(width).fill(''));
  fillColumns(sheet, lastNames, 2, ['LastName'], columns, isoOfDate);
  const mayMatch = lastNameMayMatch(names);
  const namesakes = new Set<number>();
  lastNames.forEach((cells, i) => {
    if (!rows.has(i) && mayMatch(cells[columns.LastName - 1] ?? '')) namesakes.add(i);
  });
  const more = withSameEmail(namesakes, emails);
  for (const i of [...rows, ...wholeRows]) more.delete(i);
  if (more.size === 0) return { sheet, read: found };
  readWhole(sheet, read, more, columns, isoOfDate);
  return { sheet, read: readRegistry(read, columns) };
}

/**
 * Every row's Email, EmployeeType and Status into body, and the rows that may not read read
 * whole: those the three columns cannot clear (an empty or broken Email, an Email on a row above,
 * a type or status the add-on cannot read) and those whose DateHire or ArchivedOn Sheets finds
 * showing something other than a date the add-on surely reads (NOT_SURELY_A_DATE). Every other
 * row reads, whatever its other cells hold, so readRegistry gives each row's status, and each
 * unreadable row's problem, as a full read does. Returns the rows read whole (0-based).
 */
function readStatuses(sheet: Sheet, body: string[][], columns: RegistryColumns, isoOfDate: (d: Date) => string): Set<number> {
  fillColumns(sheet, body, 2, STATUS_HEADERS, columns, isoOfDate);
  // A row with no Email may hold a name only (a full read reports it): read it.
  const doubtful = new Set(body.flatMap((cells, i) => ((cells[columns.Email - 1] ?? '') === '' ? [i] : [])));
  // What the three columns say of the rest, by the add-on's own rule on rows whose dates are
  // blank: a broken Email, type or status, and every later row of an Email (the first that reads
  // keeps it; if the first turns out not to read, the later one is read whole already).
  for (const p of readRegistry(body, columns).problems) if (p.severity === 'error') doubtful.add(p.row - 2);
  for (const row of findNotSurelyDates(sheet, body.length, columns)) doubtful.add(row - 2);
  readWhole(sheet, body, doubtful, columns, isoOfDate);
  return doubtful;
}

/** Sheet rows whose DateHire or ArchivedOn shows something that is not surely a date: one search of each column (of both, side by side). */
function findNotSurelyDates(sheet: Sheet, rows: number, columns: RegistryColumns): number[] {
  if (rows === 0) return [];
  const [a, b] = DATE_HEADERS.map((h) => columns[h]) as [number, number];
  const ranges =
    Math.abs(a - b) === 1
      ? [[Math.min(a, b), 2]]
      : [
          [a, 1],
          [b, 1],
        ];
  return ranges.flatMap(([column, count]) =>
    sheet
      .getRange(2, column as number, rows, count as number)
      .createTextFinder(NOT_SURELY_A_DATE)
      .useRegularExpression(true)
      .findAll()
      .map((r) => r.getRow()),
  );
}

/** Reads `headers`' columns of `rows` (0-based from sheet row 2) into body: from the first to the last of them, one call each. */
function fillSpan(
  sheet: Sheet,
  body: string[][],
  rows: ReadonlySet<number>,
  headers: readonly RegistryHeader[],
  columns: RegistryColumns,
  isoOfDate: (d: Date) => string,
): void {
  if (rows.size === 0) return;
  const { first, last } = span(rows);
  const block = body.slice(first, last + 1);
  fillColumns(sheet, block, first + 2, headers, columns, isoOfDate);
}

/**
 * Reads `rows` (0-based from sheet row 2) whole into body (the add-on's columns): a few one by
 * one (two rows far apart are not a block of the whole registry), more as one block from the
 * first to the last; rows between keep what was read of them.
 */
function readWhole(
  sheet: Sheet,
  body: string[][],
  rows: ReadonlySet<number>,
  columns: RegistryColumns,
  isoOfDate: (d: Date) => string,
): void {
  if (rows.size === 0) return;
  const ours = REGISTRY_ALL_HEADERS.filter((h) => columns[h] > 0);
  const { first: left, last: right } = span(ours.map((h) => columns[h]));
  const put = (i: number, values: readonly unknown[]): void => {
    const cells = body[i] as string[];
    for (const h of ours) cells[columns[h] - 1] = cellText(values[columns[h] - left], isoOfDate);
  };
  const { first, last } = span(rows);
  if (rows.size <= ROWS_ONE_BY_ONE) {
    for (const i of rows) put(i, sheet.getSheetValues(i + 2, left, 1, right - left + 1)[0] ?? []);
  } else {
    // One call; at worst the add-on's columns over the whole registry.
    sheet.getSheetValues(first + 2, left, last - first + 1, right - left + 1).forEach((values, k) => {
      if (rows.has(first + k)) put(first + k, values);
    });
  }
}
