/**
 * The batch tabs (`Upload Batches`, `Upload Batch Rows`): read in a fixed number of calls, written
 * only where they change. Batch rows are appended in one block per batch, so a batch's learners
 * are contiguous; the batch's own row is written last, and a batch exists only once it is.
 */
import { span } from '../core/maps';
import {
  BATCH_HEADERS,
  BATCH_NUMBER_COLUMNS,
  BATCH_ROW_HEADERS,
  BATCH_ROW_NUMBER_COLUMNS,
  STATUS_COLUMN,
  VERDICT_COLUMN,
  batchCells,
  batchLearnerCells,
  failedCell,
  parseBatch,
  parseBatchLearner,
  type BatchLearner,
  type BatchRecord,
  type LoopIndex,
} from '../core/batches';
import { columnLetter } from '../core/columns';
import { wholeCellPattern } from '../core/liveCheck';
import { emailKey } from '../core/registry';
import { asText, cellText, isDateValue } from '../core/text';
import { TABS } from '../core/tabs';
import { cacheBatchClosed, cacheBatchOpened, refreshLoopCache } from './loopCache';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** `now` for reads that only check rows: no batch is stale, and the time zone is not asked for. */
export const NOT_DATED = '';

/** 'YYYY-MM-DDTHH:mm' of an instant in the spreadsheet's time zone. */
export function stampOf(spreadsheet: Spreadsheet, date = new Date()): string {
  return Utilities.formatDate(date, spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd'T'HH:mm");
}

/** A batch tab's cell as text: a stamp Sheets turned into a date keeps its time. */
function batchText(value: unknown, timeZone: () => string): string {
  if (isDateValue(value)) return Utilities.formatDate(value, timeZone(), "yyyy-MM-dd'T'HH:mm").replace(/T00:00$/, '');
  return cellText(value, () => '');
}

function textCells(values: readonly (string | number)[]): unknown[] {
  return values.map((v) => (typeof v === 'string' ? asText(v) : v));
}

/** Creates a batch tab that is missing (headers, frozen, text columns as plain text). */
function ensureTab(spreadsheet: Spreadsheet, name: string, headers: readonly string[], numberColumns: readonly number[]): Sheet {
  const existing = spreadsheet.getSheetByName(name);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(name);
  plainTextColumns(sheet, headers, numberColumns);
  sheet
    .getRange(1, 1, 1, headers.length)
    .setValues([[...headers]])
    .setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

/** Text columns are plain text (`@`), so nothing written there becomes a number, a date or a formula. */
export function plainTextColumns(sheet: Sheet, headers: readonly string[], otherColumns: readonly number[]): void {
  const text = headers.map((_, i) => i + 1).filter((c) => !otherColumns.includes(c));
  sheet.getRangeList(text.map((c) => `${columnLetter(c)}2:${columnLetter(c)}`)).setNumberFormat('@');
}

export function ensureBatchTabs(spreadsheet: Spreadsheet): { batches: Sheet; rows: Sheet } {
  return {
    batches: ensureTab(spreadsheet, TABS.batches.sheet, BATCH_HEADERS, BATCH_NUMBER_COLUMNS),
    rows: ensureTab(spreadsheet, TABS.batchRows.sheet, BATCH_ROW_HEADERS, BATCH_ROW_NUMBER_COLUMNS),
  };
}

export interface BatchTab {
  sheet: Sheet | null;
  /** In sheet order: oldest first. */
  records: BatchRecord[];
  byId: Map<string, BatchRecord>;
}

/** Upload Batches, whole (one row per file: small). */
export function readBatchTab(spreadsheet: Spreadsheet, now: string): BatchTab {
  const sheet = spreadsheet.getSheetByName(TABS.batches.sheet);
  const records: BatchRecord[] = [];
  if (sheet) {
    const zone = (): string => spreadsheet.getSpreadsheetTimeZone();
    sheet
      .getDataRange()
      .getValues()
      .forEach((row, i) => {
        if (i === 0) return;
        const record = parseBatch(
          row.map((v) => batchText(v, zone)),
          i + 1,
          now,
        );
        if (record) records.push(record);
      });
  }
  return { sheet, records, byId: new Map(records.map((r) => [r.batchId, r])) };
}

export interface BatchRowsTab {
  sheet: Sheet | null;
  /** Column A (BatchID) of every row from row 2, as text. */
  ids: string[];
  /** The learners of the batches asked for. */
  learners: BatchLearner[];
}

/**
 * The learners of some batches: column A first, then only the block of rows from the first to the
 * last of theirs (a batch's learners are contiguous). Five calls whatever the history holds.
 */
export function readBatchRows(spreadsheet: Spreadsheet, wanted: ReadonlySet<string>): BatchRowsTab {
  const sheet = spreadsheet.getSheetByName(TABS.batchRows.sheet);
  if (!sheet) return { sheet, ids: [], learners: [] };
  const last = sheet.getLastRow();
  const ids = last > 1 ? sheet.getSheetValues(2, 1, last - 1, 1).map((r) => cellText(r[0], () => '')) : [];
  const rows = ids.flatMap((id, i) => (wanted.has(id) ? [i + 2] : []));
  if (rows.length === 0) return { sheet, ids, learners: [] };
  const first = rows[0] as number;
  const block = sheet.getSheetValues(first, 1, (rows[rows.length - 1] as number) - first + 1, BATCH_ROW_HEADERS.length);
  const zone = (): string => spreadsheet.getSpreadsheetTimeZone();
  const learners = block.flatMap((row, i) => {
    const learner = parseBatchLearner(
      row.map((v) => batchText(v, zone)),
      first + i,
    );
    return learner && wanted.has(learner.batchId) ? [learner] : [];
  });
  return { sheet, ids, learners };
}

/** The open batches (open or being applied) and the learners they hold. */
export interface Loop {
  tab: BatchTab;
  rows: BatchRowsTab;
  open: BatchRecord[];
  index: LoopIndex;
}

export function isOpen(record: BatchRecord): boolean {
  return record.status === 'open' || record.status === 'applying';
}

/**
 * Reads what the loop needs to check a tab or project the cap: at most nine calls. `forWriting`
 * reads the batch rows' ids even with no batch open, for a new batch to find where to write.
 */
export function readLoop(spreadsheet: Spreadsheet, now: string, forWriting = false): Loop {
  const tab = readBatchTab(spreadsheet, now);
  const open = tab.records.filter(isOpen);
  const ids = new Set(open.map((b) => b.batchId));
  const rows: BatchRowsTab = ids.size > 0 || forWriting ? readBatchRows(spreadsheet, ids) : { sheet: null, ids: [], learners: [] };
  const index = { open: ids, learnerBatch: learnerBatches(rows.learners) };
  refreshLoopCache(index, rows.learners);
  return { tab, rows, open, index };
}

/** Lower-cased email → the batch of each learner given. */
function learnerBatches(learners: readonly { email: string; batchId: string }[]): Map<string, string> {
  return new Map(learners.map((l) => [emailKey(l.email), l.batchId]));
}

/** The ids of the open batches: the Upload Batches tab only (one row per batch). */
export function openBatchIds(spreadsheet: Spreadsheet): ReadonlySet<string> {
  return new Set(
    readBatchTab(spreadsheet, NOT_DATED)
      .records.filter(isOpen)
      .map((b) => b.batchId),
  );
}

/** The loop's index of the open batches `open`: their learners read (the batch rows' ids, then the open batches' rows). */
export function loopIndexOf(spreadsheet: Spreadsheet, open: ReadonlySet<string>): LoopIndex {
  return { open, learnerBatch: open.size > 0 ? learnerBatches(readBatchRows(spreadsheet, open).learners) : new Map() };
}

/**
 * The loop's index for a few learners (onEdit's rows): which of `emails` an open batch holds,
 * found by one search of the batch rows' Email column; only the rows found are read, never every
 * learner ever batched.
 */
export function loopIndexFor(spreadsheet: Spreadsheet, open: ReadonlySet<string>, emails: readonly string[]): LoopIndex {
  const pattern = open.size > 0 ? wholeCellPattern(emails) : null;
  const sheet = pattern ? spreadsheet.getSheetByName(TABS.batchRows.sheet) : null;
  if (!pattern || !sheet) return { open, learnerBatch: new Map() };
  const column = BATCH_ROW_HEADERS.indexOf('Email') + 1;
  const found = sheet
    .getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1)
    .createTextFinder(pattern)
    .useRegularExpression(true)
    .findAll()
    .map((r) => r.getRow());
  const learners = found.flatMap((row) => {
    const [batchId, email] = (sheet.getSheetValues(row, 1, 1, column)[0] ?? []).map((v) => cellText(v, () => ''));
    return batchId && open.has(batchId) ? [{ batchId, email: email ?? '' }] : [];
  });
  return { open, learnerBatch: learnerBatches(learners) };
}

/**
 * Writes a new batch's learners below the last row of a batch that exists: rows left by an export
 * cut short (a batch that was never written) are written over, and what is left of them cleared.
 */
export function writeBatchRows(sheet: Sheet, ids: readonly string[], known: ReadonlySet<string>, learners: BatchLearner[]): void {
  let keep = ids.length;
  while (keep > 0 && !known.has(ids[keep - 1] as string)) keep--;
  const first = keep + 2;
  const needed = first - 1 + learners.length;
  const max = sheet.getMaxRows();
  if (needed > max) sheet.insertRowsAfter(max, needed - max);
  learners.forEach((l, i) => {
    l.sheetRow = first + i;
  });
  if (learners.length > 0) {
    sheet.getRange(first, 1, learners.length, BATCH_ROW_HEADERS.length).setValues(learners.map((l) => textCells(batchLearnerCells(l))));
  }
  const orphanEnd = ids.length + 1;
  if (orphanEnd > needed) sheet.getRange(needed + 1, 1, orphanEnd - needed, BATCH_ROW_HEADERS.length).clearContent();
}

/** Verdict, LogLine and Decision of a batch's learners (contiguous rows): one write. */
export function writeVerdicts(sheet: Sheet, learners: readonly BatchLearner[]): void {
  if (learners.length === 0) return;
  const rows = learners.map((l) => l.sheetRow);
  const { first, last } = span(rows);
  const byRow = new Map(learners.map((l) => [l.sheetRow, l]));
  const current = sheet.getRange(first, VERDICT_COLUMN, last - first + 1, 3);
  // Rows between that are not this batch's cannot occur (a batch's rows are contiguous); kept as read if they do.
  const read = byRow.size === last - first + 1 ? null : current.getValues();
  current.setValues(
    Array.from({ length: last - first + 1 }, (_, i) => {
      const l = byRow.get(first + i);
      return l ? textCells([l.verdict, l.logLine, l.decision]) : (read?.[i] ?? ['', '', '']);
    }),
  );
}

/**
 * Appends a batch's row to Upload Batches (found under the lock: the last row). An open batch goes
 * into the copy onEdit reads (loopCache.ts) first, with its learners' emails.
 */
export function appendBatch(sheet: Sheet, record: BatchRecord, emails: readonly string[]): void {
  if (isOpen(record)) cacheBatchOpened(record.batchId, emails);
  const row = Math.max(sheet.getLastRow(), 1) + 1;
  const max = sheet.getMaxRows();
  if (row > max) sheet.insertRowsAfter(max, row - max);
  record.sheetRow = row;
  sheet.getRange(row, 1, 1, BATCH_HEADERS.length).setValues([textCells(batchCells(record))]);
}

/** Status, Closed, Failed and UploadedOn of a batch: one write. */
export function writeBatchStatus(sheet: Sheet, record: BatchRecord): void {
  sheet
    .getRange(record.sheetRow, STATUS_COLUMN, 1, 4)
    .setValues([textCells([record.status, record.closed, failedCell(record), record.uploadedOn])]);
  if (!isOpen(record)) cacheBatchClosed(record.batchId);
}
