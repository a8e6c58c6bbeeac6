/**
 * The registry and log tabs: read once, written in one batch per tab. The registry's columns are
 * found by their headers (registryRead.ts); columns an admin adds are never read as learners' data.
 */
import { columnLetter } from '../core/columns';
import { pushTo, span } from '../core/maps';
import { LOG_HEADERS, emailKey, type LogEntry } from '../core/registry';
import { FIELD_HEADERS, type RegistryField, type RowChange } from '../core/registryChanges';
import { REGISTRY_ALL_HEADERS, readRegistry, registryColumnsOf, type RegistryHeader, type RegistryRead } from '../core/registryRead';
import { asText, cellText, clip, writesBackUnchanged } from '../core/text';
import type { Learner } from '../core/types';
import { TABS } from '../core/tabs';
import { dateReader } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A registry tab and what was read of it (readRegistryFor reads only the rows an answer needs). */
export interface RegistryPart {
  sheet: Sheet;
  read: RegistryRead;
}

export interface RegistrySheet {
  sheet: Sheet;
  read: RegistryRead;
}

/**
 * Three Sheets calls whatever the registry holds (the time zone is asked for once per reader).
 * Columns are found by their headers; broken headers are refused (BAD_REGISTRY) before anything
 * is written, through the Refusal every server function's boundary turns into its answer.
 */
export function readRegistrySheet(spreadsheet: Spreadsheet, isoOfDate = dateReader(spreadsheet)): RegistrySheet | null {
  const sheet = spreadsheet.getSheetByName(TABS.registry.sheet);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  const columns = registryColumnsOf((values[0] ?? []).map((v) => cellText(v, isoOfDate)));
  const ours = new Set(Object.values(columns).filter((c) => c > 0));
  // Only the add-on's columns are turned into text: the admin's own columns are never read.
  const text = (row: unknown[]): string[] => row.map((v, i) => (ours.has(i + 1) ? cellText(v, isoOfDate) : ''));
  return { sheet, read: readRegistry(values.slice(1).map(text), columns) };
}

/** A learner's registry cell: text stays text; dates as 'YYYY-MM-DD', which Sheets stores as a date. */
function registryCell(l: Learner, header: RegistryHeader): unknown {
  switch (header) {
    case 'UserID':
      return asText(l.userId);
    case 'FirstName':
      return asText(l.firstName);
    case 'LastName':
      return asText(l.lastName);
    case 'Email':
      return asText(l.email);
    case 'EmployeeType':
      return asText(l.employeeType);
    case 'Affiliation':
      return asText(l.affiliation);
    case 'Status':
      return l.status;
    case 'DateHire':
      return l.dateHire;
    case 'ArchivedOn':
      return l.archivedOn;
    case 'ActivityEnds':
      return l.activityEnds;
  }
}

/**
 * Appends rows below the last one (never over the header), from column `left`, growing the sheet
 * first if it is full: four calls at most. Returns the first row written.
 */
export function appendRows(sheet: Sheet, values: unknown[][], left = 1): number {
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (values.length === 0) return first;
  const maxRows = sheet.getMaxRows();
  const needed = first - 1 + values.length;
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet.getRange(first, left, values.length, (values[0] as unknown[]).length).setValues(values);
  return first;
}

/** The admin's email, for the log and the batches (needs the userinfo.email scope). */
export function adminEmail(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch {
    return ''; // Apps Script may refuse the admin's identity (consumer accounts, other domains)
  }
}

/** A log cell's Details are cut to this many characters, far below a cell's limit. */
const MAX_LOG_DETAILS = 5_000;

/** One log row per change: when, who, what, which learner, what changed, which batch, effective when. Never a password. */
export function appendLog(spreadsheet: Spreadsheet, entries: readonly LogEntry[]): void {
  if (entries.length === 0) return;
  const sheet = spreadsheet.getSheetByName(TABS.log.sheet) ?? spreadsheet.insertSheet(TABS.log.sheet);
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues([[...LOG_HEADERS]]);
  const now = new Date();
  const admin = asText(adminEmail());
  appendRows(
    sheet,
    // Details quote names typed by hand in the registry: cut so a log cell stays within Sheets' limit.
    entries.map((e) => [
      now,
      admin,
      e.action,
      asText(e.userId),
      asText(clip(e.details, MAX_LOG_DETAILS)),
      asText(e.batch ?? ''),
      asText(e.effective ?? ''),
    ]),
  );
}

/** The lower-cased UserIDs the log already holds for a batch, to finish a batch cut short without logging twice. */
export function loggedForBatch(spreadsheet: Spreadsheet, batchId: string): Set<string> {
  const sheet = spreadsheet.getSheetByName(TABS.log.sheet);
  const logged = new Set<string>();
  if (!sheet) return logged;
  const last = sheet.getLastRow();
  if (last < 2) return logged;
  const userId = LOG_HEADERS.indexOf('UserID');
  const batch = LOG_HEADERS.indexOf('Batch');
  for (const row of sheet.getSheetValues(2, userId + 1, last - 1, batch - userId + 1)) {
    if (cellText(row[batch - userId], () => '') === batchId) logged.add(emailKey(cellText(row[0], () => '')));
  }
  return logged;
}

/** 'G5:G9' for consecutive rows of one column: the fewest ranges for a RangeList. */
export function columnRuns(column: number, rows: readonly number[]): string[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const letter = columnLetter(column);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    runs.push(sorted[i] === sorted[j] ? `${letter}${sorted[i]}` : `${letter}${sorted[i]}:${letter}${sorted[j]}`);
    i = j + 1;
  }
  return runs;
}

/** Up to this many distinct new values in a column, its changes are one RangeList per value; past it, one block. */
const MAX_VALUE_WRITES = 4;
/** Columns whose new values are one per learner: always one block, so the calls do not depend on how many learners change. */
const PER_LEARNER: ReadonlySet<RegistryField> = new Set(['firstName', 'lastName']);

/**
 * Writes the registry cells that change (and returns the row of the first learner appended), each
 * in the column its header names. A column with few distinct new values (Status, the dates of a
 * batch) gets one RangeList per value: only the changed cells are written, whatever the batch's
 * size. The names (one per learner), and a column with more values (typed activity ends), get one
 * block from the first to the last changed row, every cell between written back as it was read, a formula as its formula
 * (writeColumnBlock); where one cannot be, the RangeLists again. So calls stay few, and formulas or
 * hand edits in the other cells stay. New learners are appended in one block. A registry with no
 * ActivityEnds column keeps none: that field is not written.
 */
export function writeRegistryChanges(registry: RegistryPart, changes: readonly RowChange[], added: readonly Learner[]): number {
  const { columns } = registry.read;
  const byField = new Map<RegistryField, Map<number, string>>();
  for (const change of changes) {
    for (const [field, value] of Object.entries(change.cells) as [RegistryField, string][]) {
      if (columns[FIELD_HEADERS[field]] === 0) continue;
      const cells = byField.get(field) ?? new Map<number, string>();
      cells.set(change.row, value);
      byField.set(field, cells);
    }
  }
  // Status last: a run cut between these writes leaves the learner in its old status, so the next
  // run sees the whole change still to make (the cells already written compare equal).
  const fields = [...byField.keys()].sort((a, b) => Number(a === 'status') - Number(b === 'status'));
  for (const field of fields) {
    const header = FIELD_HEADERS[field];
    const cells = byField.get(field) as Map<number, string>;
    const cellOf = (value: string): unknown => registryCell({ [field]: value } as unknown as Learner, header);
    const rowsByValue = new Map<string, number[]>();
    for (const [row, value] of cells) pushTo(rowsByValue, value, row);
    const block = PER_LEARNER.has(field) || rowsByValue.size > MAX_VALUE_WRITES;
    if (block && writeColumnBlock(registry.sheet, columns[header], cells, cellOf)) continue;
    for (const [value, rows] of rowsByValue) registry.sheet.getRangeList(columnRuns(columns[header], rows)).setValue(cellOf(value));
  }
  const ours = REGISTRY_ALL_HEADERS.filter((h) => columns[h] > 0);
  const left = Math.min(...ours.map((h) => columns[h]));
  const width = Math.max(...ours.map((h) => columns[h])) - left + 1;
  return appendRows(
    registry.sheet,
    added.map((l) => {
      const row = Array<unknown>(width).fill('');
      for (const h of ours) row[columns[h] - left] = registryCell(l, h);
      return row;
    }),
    left,
  );
}

/**
 * One column's new values as one block from the first to the last changed row: the cells between
 * are read (values and formulas) and written back as they were, a formula as its formula. False,
 * having written nothing, when one of them is text that Sheets would not store as typed (it could
 * not be written back unchanged).
 */
function writeColumnBlock(sheet: Sheet, column: number, cells: ReadonlyMap<number, string>, cellOf: (value: string) => unknown): boolean {
  const { first, last } = span(cells.keys());
  const range = sheet.getRange(first, column, last - first + 1, 1);
  const values = range.getValues();
  const formulas = range.getFormulas();
  const block: unknown[][] = [];
  for (let k = 0; k < values.length; k++) {
    const value = cells.get(first + k);
    const formula = formulas[k]?.[0] ?? '';
    const read = values[k]?.[0] ?? '';
    if (value !== undefined) block.push([cellOf(value)]);
    else if (formula !== '') block.push([formula]);
    else if (!writesBackUnchanged(read)) return false;
    else block.push([read]);
  }
  range.setValues(block);
  return true;
}
