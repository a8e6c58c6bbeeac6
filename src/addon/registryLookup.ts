/**
 * What the template check needs of the registry (registryWarnings: who is Active or Archived,
 * and whose row cannot be read), read from fewer cells than the whole registry: for a whole-tab
 * check, the columns that decide it; for an edit, only the rows TextFinder finds naming the
 * edited emails. Both go through readRegistry (registryRead.ts), so both answer as a full read.
 */
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

function layoutOf(sheet: Sheet, isoOfDate: (d: Date) => string): { columns: RegistryColumns; width: number } {
  const header = (sheet.getRange('1:1').getValues()[0] ?? []).map((v) => cellText(v, isoOfDate));
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
  const { columns, width } = layoutOf(sheet, isoOfDate);
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
 * header and the rows found. readRegistry reads them at their own row numbers, so the answer for
 * these emails is the one a full read gives.
 */
export function findInRegistry(spreadsheet: Spreadsheet, emails: readonly string[], isoOfDate: (d: Date) => string): RegistryRead | null {
  const sheet = spreadsheet.getSheetByName(TABS.registry.sheet);
  if (!sheet) return null;
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
  const { columns, width } = layoutOf(sheet, isoOfDate);
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

/** Every column that decides whether a row reads, or warns (registryProblems): all but the names and Affiliation. */
const PROBLEM_HEADERS: readonly RegistryHeader[] = [...DECIDING, 'ActivityEnds'];

export interface RegistryWanted {
  /** The learners the answer is about (a batch's, a sync's rows'). */
  emails: readonly string[];
  /** The names (nameKey) to find namesakes of, once the rows naming `emails` are read; none: names are not read. */
  names?: (found: RegistryRead) => readonly string[];
  /**
   * Columns read whole, for answers about every row: `statuses`, the columns that decide whether a
   * row reads and its status (the projected Active count); `problems`, those and the ones that
   * warn, every row's problem as a full read finds it (a sync's registryProblems).
   */
  whole?: 'statuses' | 'problems';
}

/**
 * The registry as a batch applied to it must see it, without reading it whole: the Email and
 * UserID columns (or the columns of `wanted.whole`); the rows naming `wanted.emails`, with every
 * row of the same Email; then, when `wanted.names` gives names, the LastName column and the rows
 * whose last name may complete one of them (with theirs). Those rows are read whole, as one block
 * from the first to the last; the other rows keep what the columns read whole say of them, or are
 * left blank. readRegistry reads them at their own rows, so the entries of these learners, their
 * namesakes, the unreadable rows naming them (and with `whole`, every row's status, or problem)
 * are what a full read gives. At most sixteen calls.
 */
export function readRegistryFor(
  spreadsheet: Spreadsheet,
  isoOfDate: (d: Date) => string,
  wanted: RegistryWanted,
): { sheet: Sheet; read: RegistryRead } | null {
  const sheet = spreadsheet.getSheetByName(TABS.registry.sheet);
  if (!sheet) return null;
  const { columns, width } = layoutOf(sheet, isoOfDate);
  const last = sheet.getLastRow();
  const body = Array.from({ length: Math.max(last - 1, 0) }, () => Array<string>(width).fill(''));
  const keys: readonly RegistryHeader[] = ['Email', 'UserID'];
  const whole = (wanted.whole === 'problems' ? PROBLEM_HEADERS : wanted.whole === 'statuses' ? DECIDING : keys).filter(
    (h) => columns[h] > 0,
  );
  fillColumns(sheet, body, 2, whole, columns, isoOfDate);
  const emails = body.map((cells) => cells[columns.Email - 1] ?? '');
  const userIds = body.map((cells) => cells[columns.UserID - 1] ?? '');
  const rows = rowsNaming(emails, userIds, new Set(wanted.emails.map(emailKey).filter((key) => key !== '')));
  if (wanted.whole === 'problems') {
    // A row blank in every column read may still hold a name or an Affiliation: a full read reports it.
    body.forEach((cells, i) => {
      if (whole.every((h) => cells[columns[h] - 1] === '')) rows.add(i);
    });
  }
  // With only Email and UserID read, a row not read whole is left blank: it would read as broken.
  const read: string[][] = wanted.whole ? body : body.map(() => Array<string>(width).fill(''));
  fillRows(sheet, read, rows, columns, isoOfDate);
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
  for (const i of rows) more.delete(i);
  if (more.size === 0) return { sheet, read: found };
  fillRows(sheet, read, more, columns, isoOfDate);
  return { sheet, read: readRegistry(read, columns) };
}

/** Reads `rows` (0-based from sheet row 2) whole into body: the add-on's columns of the block from the first to the last of them. */
function fillRows(
  sheet: Sheet,
  body: string[][],
  rows: ReadonlySet<number>,
  columns: RegistryColumns,
  isoOfDate: (d: Date) => string,
): void {
  if (rows.size === 0) return;
  const { first, last } = span(rows);
  const ours = REGISTRY_ALL_HEADERS.filter((h) => columns[h] > 0).map((h) => columns[h]);
  const { first: left, last: right } = span(ours);
  const block = sheet.getSheetValues(first + 2, left, last - first + 1, right - left + 1);
  block.forEach((values, k) => {
    // Rows between are not theirs: they keep what was read of them (the deciding columns, or nothing).
    if (!rows.has(first + k)) return;
    const cells = body[first + k] as string[];
    for (const column of ours) cells[column - 1] = cellText(values[column - left], isoOfDate);
  });
}
