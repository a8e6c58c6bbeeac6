/**
 * Live validation (onEdit): the edited rows of a template tab are tidied, filled in and checked
 * the moment they are typed, and their cells marked. The whole tab is read once, because a
 * duplicate email can be anywhere in it; the marks are written once over one block of rows.
 */
import { COLUMN_COUNT, HEADERS, type TemplateTab } from '../core/columns';
import { parseDateText } from '../core/dates';
import { autofilled, coversColumn, editedBlock, tidied } from '../core/edits';
import type { LoopIndex } from '../core/batches';
import { MARKED_WIDTH, headerRowMarks, stateRowMarks } from '../core/marks';
import { PENDING, STATE_COLUMN, effectiveState, formatRowState, stateAfterEdit } from '../core/rowState';
import { pushTo } from '../core/maps';
import type { RegistryRead } from '../core/registry';
import { asText, asWritten } from '../core/text';
import type { Problem } from '../core/types';
import { isBlankRow, otherRowsNamed, type TabCheck } from '../core/validate';
import { NOT_DATED, readLoop } from './batchSheets';
import { checkTemplate } from './importFile';
import { readRegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';
import { dateReader, readTemplate, templateTabOf, today, type TemplateValues } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Index of the check column (R) in a row of A:R. */
const CHECK = COLUMN_COUNT;

interface MarkedRows {
  /** R of each row. */
  checks: string[];
  /** A:R of each row. */
  fills: string[][];
  notes: string[][];
}

function readRow(values: TemplateValues, row: number): unknown[] {
  return values.raw[row - 1] ?? Array<unknown>(MARKED_WIDTH).fill('');
}

/** Check texts, fills and notes of rows first..last, from a check of the whole tab and the rows' states. */
function markRows(tab: TemplateTab, values: TemplateValues, check: TabCheck, first: number, last: number, index: LoopIndex): MarkedRows {
  const problemsByRow = new Map<number, Problem[]>();
  for (const p of check.problems) pushTo(problemsByRow, p.row, p);
  const marked: MarkedRows = { checks: [], fills: [], notes: [] };
  for (let row = first; row <= last; row++) {
    const problems = problemsByRow.get(row) ?? [];
    const cells = values.rows[row - 2]?.cells;
    const state = effectiveState(values.states[row - 1] ?? PENDING, index.open);
    const marks = row === 1 ? headerRowMarks(problems) : stateRowMarks(tab, problems, !cells || isBlankRow(cells), state);
    marked.checks.push(marks.check);
    marked.fills.push(marks.fills);
    marked.notes.push(marks.notes);
  }
  return marked;
}

/**
 * What to write for a cell of an edited row: the value as read when live validation left its
 * text alone (a date stays a date), else the tidied or filled-in text.
 */
function editedCell(read: unknown, text: string, column: number): unknown {
  if (typeof read !== 'string' || read === text) return asWritten(read);
  // A filled-in date goes in as 'YYYY-MM-DD', which Sheets stores as a date cell like a typed one.
  return HEADERS[column] === 'DateHire' && parseDateText(text) ? text : asText(text);
}

export function markEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  const tab = templateTabOf(sheet.getName());
  if (!tab) return;
  const edit = editedBlock(e.range.getA1Notation());
  if (edit.left > MARKED_WIDTH) return; // the admin's own columns, right of the check column
  const spreadsheet = e.source;
  const isoOfDate = dateReader(spreadsheet);
  const settings = loadSettings();
  const values = readTemplate(sheet, isoOfDate, tab);
  const bottom = edit.bottom ?? sheet.getMaxRows();
  const edited = (row: number): boolean => row >= edit.top && row <= bottom;
  const index = readLoop(spreadsheet, NOT_DATED).index;

  // An edit of the import columns moves the row on in the loop: out of its open batch as a new
  // change, or out of done or failed as a pending row (rowState.ts, stateAfterEdit).
  const lastStated = Math.min(bottom, values.raw.length);
  let statesChanged = false;
  if (edit.left <= COLUMN_COUNT) {
    for (let row = Math.max(edit.top, 2); row <= lastStated; row++) {
      const next = stateAfterEdit(values.states[row - 1] ?? PENDING);
      if (formatRowState(next) === formatRowState(values.states[row - 1] ?? PENDING)) continue;
      values.states[row - 1] = next;
      statesChanged = true;
    }
  }

  // Edited rows are tidied and filled in first, so they are checked as they will stand.
  const emailTyped = coversColumn(edit, 'Email');
  const dateHire = (): string => today(spreadsheet, isoOfDate);
  for (const row of values.rows) {
    if (!edited(row.row)) continue;
    row.cells = tidied(tab, emailTyped ? autofilled(tab, row.cells, settings, dateHire) : row.cells, settings);
  }
  const check = checkTemplate(tab, values, settings, readRegistrySheet(spreadsheet, isoOfDate)?.read ?? null, index);

  // Rows tied to an edited row by a rule across rows, before (its old check text) or now.
  const tied = values.rows.filter((r) => edited(r.row)).flatMap((r) => otherRowsNamed(String(readRow(values, r.row)[CHECK])));
  tied.push(...check.problems.filter((p) => edited(p.row)).flatMap((p) => otherRowsNamed(p.message)));
  const others = tied.filter((row) => row >= 2 && row <= values.raw.length);
  // One block from the first to the last row to mark: the rows between are re-marked as they stand.
  const first = Math.min(edit.top, ...others);
  const last = Math.max(bottom, ...others);

  if (statesChanged) {
    const top = Math.max(edit.top, 2);
    sheet
      .getRange(top, STATE_COLUMN[tab], lastStated - top + 1, 1)
      .setValues(values.states.slice(top - 1, lastStated).map((st) => [formatRowState(st)]));
  }
  const marked = markRows(tab, values, check, first, last, index);
  // Rows not edited are written back as read, which changes nothing.
  const written = marked.checks.map((text, i) => {
    const row = first + i;
    const read = readRow(values, row).slice(0, COLUMN_COUNT);
    const cells = values.rows[row - 2]?.cells;
    return [...(edited(row) && cells ? read.map((v, c) => editedCell(v, cells[c] ?? '', c)) : read.map(asWritten)), asText(text)];
  });
  const range = sheet.getRange(first, 1, last - first + 1, MARKED_WIDTH);
  range.setValues(written);
  try {
    range.setBackgrounds(marked.fills);
    range.setNotes(marked.notes);
  } catch (error) {
    // Put the values back as the admin left them: a failed fills write then leaves the sheet as it
    // was. A failed notes write (the last) can leave new fills without their notes until the next
    // edit; knowing the old fills would cost a read on every edit.
    range.setValues(Array.from({ length: last - first + 1 }, (_, i) => readRow(values, first + i).map(asWritten)));
    throw error;
  }
}

/**
 * Marks every data row (2 to rows + 1) of a template tab as live validation would: what
 * setupTemplates paints instead of plain fills, so running it keeps the marks, and what rows a
 * script adds get (onEdit fires for an admin's edits only). `registry` spares a second read.
 */
export function markTab(spreadsheet: Spreadsheet, sheet: Sheet, tab: TemplateTab, rows: number, registry?: RegistryRead | null): void {
  const isoOfDate = dateReader(spreadsheet);
  const values = readTemplate(sheet, isoOfDate, tab);
  const known = registry !== undefined ? registry : (readRegistrySheet(spreadsheet, isoOfDate)?.read ?? null);
  const index = readLoop(spreadsheet, NOT_DATED).index;
  writeMarks(sheet, tab, values, checkTemplate(tab, values, loadSettings(), known, index), index, 2, rows + 1);
}

/** Writes the marks (fills, notes, check text) of rows first..last: three calls. */
export function writeMarks(
  sheet: Sheet,
  tab: TemplateTab,
  values: TemplateValues,
  check: TabCheck,
  index: LoopIndex,
  first: number,
  last: number,
): void {
  if (last < first) return;
  const marked = markRows(tab, values, check, first, last, index);
  const body = sheet.getRange(first, 1, last - first + 1, MARKED_WIDTH);
  body.setBackgrounds(marked.fills);
  body.setNotes(marked.notes);
  sheet.getRange(first, MARKED_WIDTH, last - first + 1, 1).setValues(marked.checks.map((text) => [asText(text)]));
}
