/**
 * The registry and log tabs: read once, written in one batch per tab. Only columns A:I of the
 * registry are the add-on's; columns an admin adds to the right are never touched.
 */
import { columnLetter } from '../core/columns';
import { LOG_HEADERS, REGISTRY_HEADERS, emailKey, readRegistry, type LogEntry, type RegistryRead } from '../core/registry';
import { FIELD_HEADERS, type RegistryField, type RowChange } from '../core/registryChanges';
import { asText, cellText } from '../core/text';
import type { Learner } from '../core/types';
import { TAB_NAMES, dateReader } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const WIDTH = REGISTRY_HEADERS.length;

export interface RegistrySheet {
  sheet: Sheet;
  read: RegistryRead;
}

/** Three Sheets calls whatever the registry holds (the time zone is asked for once per reader). */
export function readRegistrySheet(spreadsheet: Spreadsheet, isoOfDate = dateReader(spreadsheet)): RegistrySheet | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.registry);
  if (!sheet) return null;
  const body = sheet
    .getDataRange()
    .getValues()
    .slice(1)
    .map((row) => Array.from({ length: WIDTH }, (_, c) => cellText(row[c] ?? '', isoOfDate)));
  return { sheet, read: readRegistry(body) };
}

/** A learner as registry cells: text stays text; dates as 'YYYY-MM-DD', which Sheets stores as a date. */
function registryCells(l: Learner): unknown[] {
  return REGISTRY_HEADERS.map((h) => cellValue(FIELD_OF[h], l[FIELD_OF[h]]));
}

const FIELD_OF = Object.fromEntries(Object.entries(FIELD_HEADERS).map(([field, header]) => [header, field])) as Record<
  (typeof REGISTRY_HEADERS)[number],
  RegistryField
>;

const DATE_FIELDS: readonly RegistryField[] = ['dateHire', 'archivedOn', 'activityEnds'];

/** What setValue(s) must be given for a registry field to hold `value`. */
function cellValue(field: RegistryField, value: string): unknown {
  return DATE_FIELDS.includes(field) || field === 'status' ? value : asText(value);
}

/**
 * Appends rows below the last one (never over the header), growing the sheet first if it is
 * full: four calls at most. Returns the first row written. Called under the document lock, so
 * the last row is still the last when the rows are written.
 */
export function appendRows(sheet: Sheet, values: unknown[][]): number {
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (values.length === 0) return first;
  const maxRows = sheet.getMaxRows();
  const needed = first - 1 + values.length;
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet.getRange(first, 1, values.length, (values[0] as unknown[]).length).setValues(values);
  return first;
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

/**
 * Writes only the registry cells that change (and returns the row of the first learner appended): for existing rows one RangeList per (column, value),
 * so archiving a whole batch is two writes (Status, ArchivedOn) whatever its size, and formulas or
 * hand edits in the other cells stay; new learners are appended in one block.
 */
export function writeRegistryChanges(sheet: Sheet, changes: readonly RowChange[], added: readonly Learner[]): number {
  const groups = new Map<string, { field: RegistryField; value: string; rows: number[] }>();
  for (const change of changes) {
    for (const [field, value] of Object.entries(change.cells) as [RegistryField, string][]) {
      const key = `${field}\u0000${value}`;
      const group = groups.get(key) ?? { field, value, rows: [] };
      group.rows.push(change.row);
      groups.set(key, group);
    }
  }
  // Status last: a run cut between these writes leaves the learner in its old status, so the next
  // run sees the whole change still to make (the cells already written compare equal).
  const ordered = [...groups.values()].sort((a, b) => Number(a.field === 'status') - Number(b.field === 'status'));
  for (const { field, value, rows } of ordered) {
    const column = REGISTRY_HEADERS.indexOf(FIELD_HEADERS[field]) + 1;
    sheet.getRangeList(columnRuns(column, rows)).setValue(cellValue(field, value));
  }
  return appendRows(sheet, added.map(registryCells));
}

/** The admin's email, for the log and the batches (needs the userinfo.email scope). */
export function adminEmail(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch {
    return ''; // Apps Script may refuse the admin's identity (consumer accounts, other domains)
  }
}

function logSheet(spreadsheet: Spreadsheet): Sheet {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.log) ?? spreadsheet.insertSheet(TAB_NAMES.log);
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues([[...LOG_HEADERS]]);
  return sheet;
}

/** One log row per change: when, who, what, which learner, what changed, which batch, effective when. Never a password. */
export function appendLog(spreadsheet: Spreadsheet, entries: readonly LogEntry[]): void {
  if (entries.length === 0) return;
  const sheet = logSheet(spreadsheet);
  const now = new Date();
  const admin = asText(adminEmail());
  appendRows(
    sheet,
    entries.map((e) => [now, admin, e.action, asText(e.userId), asText(e.details), asText(e.batch), asText(e.effective)]),
  );
}

/** The lower-cased UserIDs the log already holds for a batch, to finish a batch cut short without logging twice. */
export function loggedForBatch(spreadsheet: Spreadsheet, batchId: string): Set<string> {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.log);
  const logged = new Set<string>();
  if (!sheet) return logged;
  const last = sheet.getLastRow();
  if (last < 2) return logged;
  const userId = LOG_HEADERS.indexOf('UserID');
  const batch = LOG_HEADERS.indexOf('Batch');
  for (const row of sheet.getRange(2, userId + 1, last - 1, batch - userId + 1).getValues()) {
    if (cellText(row[batch - userId], () => '') === batchId) logged.add(emailKey(cellText(row[0], () => '')));
  }
  return logged;
}
