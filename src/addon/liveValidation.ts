/**
 * Live validation (onEdit): the edited rows of a template tab are tidied, filled in and checked
 * the moment they are typed, and their cells marked, reading what the edit is about, not the tab.
 *
 * A row's check depends on the row itself, on the rows sharing its email or its name, and on the
 * registry's learner with its email. So an edit reads its rows, finds the rows tied to them and
 * the registry's learners with TextFinder (Sheets searches; only what it finds is read), and
 * re-marks the edited rows and the rows tied to them, nothing else:
 *   - an edit of a few rows with nothing tied to it (the usual keystroke): one search of the tab,
 *     one of the registry;
 *   - a paste, or an edit tied to other rows (a duplicate email, a namesake, a row whose check
 *     named an edited row): the tab's Email and name columns and its check column are read;
 *   - more tied rows than MAX_TIED, a header or a whole column: the whole tab is checked, as
 *     validateTab does. That whole-tab check is the reference the others are tested against.
 */
import { COLUMN_COUNT, HEADERS, columnIndex, type TemplateTab } from '../core/columns';
import { parseDateText } from '../core/dates';
import { autofilled, coversCell, editedAreas, tidied, type EditedBlock } from '../core/edits';
import {
  changedRuns,
  eitherPattern,
  keyCells,
  namingPattern,
  rowsSharingKeys,
  searchTies,
  wholeCellPattern,
  type CellRun,
  type KeyCells,
} from '../core/liveCheck';
import { loopProblems, type LoopIndex } from '../core/batches';
import { CHECK_COLUMN, DONE_PREFIX, MARKED_WIDTH, headerRowMarks, stateRowMarks, type RowMarks } from '../core/marks';
import { marksPlan, type MarkedRow } from '../core/marksPlan';
import { pushTo, span } from '../core/maps';
import { registryWarnings, type RegistryRead } from '../core/registry';
import { PENDING, STATE_COLUMN, effectiveState, formatRowState, parseRowState, stateAfterEdit, type RowState } from '../core/rowState';
import { asText, cellText, writesBackUnchanged } from '../core/text';
import type { Problem, Settings } from '../core/types';
import { validateSomeRows, isBlankRow, rowsNamedInCheckText, type TabValidation, type TemplateRow } from '../core/validate';
import { NOT_DATED, loopIndexFor, loopIndexOf, openBatchIds, readLoop } from './batchSheets';
import { validateTemplate, registryForRows } from './templateValidation';
import { ensureDoneRule } from './doneRule';
import { findInRegistry } from './registryLookup';
import { loadLoopCache } from './loopCache';
import { loadSettings } from './settingsStore';
import { extendTemplate } from './setup';
import { dateReader, readTemplate, templateTabOf, today, type TemplateValues } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How long an edit waits for another admin's write before leaving its marks to the next edit. */
const LOCK_WAIT_MS = 2_000;
/** Edits of up to this many rows find what is tied to them with one search of the tab. */
const SEARCH_ROWS = 20;
/** More rows tied to an edit than this (each is read on its own), and the whole tab is checked. */
const MAX_TIED = 5;
/** Rows sharing an edited row's last name read one by one to compare first names; more, and the key columns are read. */
const MAX_NAME_READS = 2;
/** A paste of more rows than this is checked as a whole tab. */
const MAX_EDITED_ROWS = 5_000;

const EMAIL = columnIndex('Email');

interface EditedRow {
  row: number;
  /** The row's cells as getValues gave them (all columns read). */
  raw: unknown[];
  /** Which of A:Q hold a formula. */
  formulas: boolean[];
  /** A:Q as the check reads them, after tidying and filling in. */
  cells: string[];
  /** Whether the edit touched this row's A:Q (rows between the areas of an edit are read, not edited). */
  touched: boolean;
  /** Whether the row's state cell must be written. */
  state: string | null;
  /** Its state once edited, as the loop reads it (pending, or changed since its open batch). */
  now: RowState;
}

interface Context {
  spreadsheet: Spreadsheet;
  sheet: Sheet;
  tab: TemplateTab;
  settings: Settings;
  isoOfDate: (d: Date) => string;
  /** The open batches' ids: a row in one is not checked (their learners are looked up once the rows to check are known). */
  open: ReadonlySet<string>;
  /** The open batches' learners from the document's copy (loopCache.ts); null: look them up in the batch rows. */
  learnerBatch: ReadonlyMap<string, string> | null;
}

/** The loop's index from the document's copy; null when the copy has no learners (the batch rows are read instead). */
function copiedLoopIndex(ctx: Context): LoopIndex | null {
  return ctx.learnerBatch ? { open: ctx.open, learnerBatch: ctx.learnerBatch } : null;
}

/** Sorted row numbers in runs of consecutive rows. */
function stretches(rows: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const row of rows) {
    const run = runs.at(-1);
    if (run && run.at(-1) === row - 1) run.push(row);
    else runs.push([row]);
  }
  return runs;
}

function formulaFlags(formulas: readonly unknown[]): boolean[] {
  return Array.from({ length: COLUMN_COUNT }, (_, c) => String(formulas[c] ?? '') !== '');
}

/** What to write for a cell live validation tidied or filled in: a filled-in date goes in as 'YYYY-MM-DD', which Sheets stores as a date. */
function writtenCell(text: string, column: number): unknown {
  return HEADERS[column] === 'DateHire' && parseDateText(text) ? text : asText(text);
}

/**
 * The edited rows as they will stand: tidied, filled in once an email is typed (the UserID
 * following the email it replaces, `e.oldValue`), the state of a touched row moved on.
 * A formula cell is left as it is: the check names it.
 */
function editedRows(
  ctx: Context,
  first: number,
  raw: unknown[][],
  formulas: unknown[][],
  areas: EditedBlock[],
  oldValue: string,
): EditedRow[] {
  const single = areas.length === 1 && areas[0]?.top === areas[0]?.bottom && areas[0]?.left === areas[0]?.right;
  const dateHire = (): string => today(ctx.spreadsheet, ctx.isoOfDate);
  return raw
    .map((values, i) => {
      const row = first + i;
      const flags = formulaFlags(formulas[i] ?? []);
      const read = Array.from({ length: COLUMN_COUNT }, (_, c) => cellText(values[c], ctx.isoOfDate));
      const touched = areas.some((a) => Array.from({ length: COLUMN_COUNT }, (_, c) => coversCell(a, row, c + 1)).some(Boolean));
      const emailTyped = areas.some((a) => coversCell(a, row, EMAIL + 1));
      const oldEmail = single && emailTyped ? oldValue : '';
      const filled = emailTyped ? autofilled(ctx.tab, read, ctx.settings, dateHire, oldEmail) : read;
      const cells = tidied(ctx.tab, filled, ctx.settings).map((text, c) => (flags[c] ? (read[c] as string) : text));
      const stateText = cellText(values[STATE_COLUMN[ctx.tab] - 1], ctx.isoOfDate);
      const next = stateAfterEdit(parseRowState(stateText));
      const moved = formatRowState(next);
      return {
        row,
        raw: values,
        formulas: flags,
        cells,
        touched,
        state: touched && moved !== stateText ? moved : null,
        now: effectiveState(next, ctx.open),
      };
    })
    .filter((r) => r.touched);
}

/** Reads one row whole (a row tied to the edit), values and formulas. */
function readRow(sheet: Sheet, row: number, ctx: Context): TemplateRow & { check: string } {
  const range = sheet.getRange(`${row}:${row}`);
  const values = range.getValues()[0] ?? [];
  const formulas = range.getFormulas()[0] ?? [];
  return {
    row,
    cells: Array.from({ length: COLUMN_COUNT }, (_, c) => cellText(values[c], ctx.isoOfDate)),
    formulas: formulaFlags(formulas),
    check: cellText(values[CHECK_COLUMN - 1], ctx.isoOfDate),
    state: effectiveState(parseRowState(cellText(values[STATE_COLUMN[ctx.tab] - 1], ctx.isoOfDate)), ctx.open),
  };
}

/** The rows of the tab with Email, FirstName and LastName, and their checks, read as columns (the edited rows as they will stand). */
function readKeyColumns(
  ctx: Context,
  edited: ReadonlyMap<number, EditedRow>,
  hasStateColumn: boolean,
): { keys: KeyCells[]; checks: Map<number, string> } {
  const last = ctx.sheet.getLastRow();
  if (last < 2) return { keys: [], checks: new Map() };
  const names = ctx.sheet.getSheetValues(2, columnIndex('LastName') + 1, last - 1, 3);
  // The check column and, when the tab has one, through the state column (R:T; R:S on the Archival tab).
  const right = ctx.sheet.getSheetValues(2, CHECK_COLUMN, last - 1, hasStateColumn ? STATE_COLUMN[ctx.tab] - CHECK_COLUMN + 1 : 1);
  const text = (v: unknown): string => cellText(v, ctx.isoOfDate);
  const keys = names.flatMap(([lastName, firstName, email], i) => {
    const mine = edited.get(i + 2);
    if (mine) return [keyCells(i + 2, mine.cells)];
    // Done rows and rows in an open batch are no one's duplicate or namesake: they are left out.
    if (hasStateColumn && !isLive(effectiveState(parseRowState(text(right[i]?.at(-1))), ctx.open))) return [];
    return [{ row: i + 2, email: text(email), first: text(firstName), last: text(lastName) }];
  });
  return { keys, checks: new Map(right.map((cells, i) => [i + 2, text(cells[0])])) };
}

/** A row the check reads (pending, changed or failed); done and open rows keep the loop's marks. */
function isLive(state: RowState): boolean {
  return state.kind !== 'done' && state.kind !== 'open';
}

function asTemplateRow(k: KeyCells): TemplateRow {
  const cells = Array<string>(COLUMN_COUNT).fill('');
  cells[EMAIL] = k.email;
  cells[columnIndex('FirstName')] = k.first;
  cells[columnIndex('LastName')] = k.last;
  return { row: k.row, cells };
}

interface Plan {
  /** Rows re-marked besides the edited ones, as read. */
  tied: (TemplateRow & { check: string })[];
  /** Other rows sharing an email or a name with a re-marked row. */
  others: TemplateRow[];
}

/**
 * Whether one search of the tab finds rows tied to the edited ones. A row with the same last
 * name is read (its first name) when there are few; more, and the answer is "maybe".
 */
function searchFindsTies(ctx: Context, rows: readonly EditedRow[], editedSet: ReadonlySet<number>): boolean {
  const keys = rows.map((r) => keyCells(r.row, r.cells));
  const pattern = eitherPattern(wholeCellPattern(keys.flatMap((k) => [k.email, k.last])), namingPattern([...editedSet]));
  if (!pattern) return false;
  const found = ctx.sheet
    .createTextFinder(pattern)
    .useRegularExpression(true)
    .findAll()
    .map((r) => ({ row: r.getRow(), column: r.getColumn() }));
  const { tied, sameLastName } = searchTies(found, editedSet);
  if (tied.length > 0 || sameLastName.length > MAX_NAME_READS) return true;
  const names = new Set(keys.filter((k) => k.first && k.last).map((k) => `${k.first} ${k.last}`.toLowerCase()));
  return sameLastName.some((row) => {
    const [last, first] = ctx.sheet.getSheetValues(row, columnIndex('LastName') + 1, 1, 2)[0] ?? [];
    return names.has(`${cellText(first, ctx.isoOfDate)} ${cellText(last, ctx.isoOfDate)}`.toLowerCase());
  });
}

/**
 * What else an edit is tied to: null when too much is (the whole tab is checked instead). A few
 * edited rows are searched for; a paste, or a search that finds rows tied to the edit, reads the
 * key columns.
 */
function planTies(ctx: Context, edited: ReadonlyMap<number, EditedRow>): Plan | null {
  const rows = [...edited.values()];
  const editedSet = new Set(edited.keys());
  if (rows.length <= SEARCH_ROWS && !searchFindsTies(ctx, rows, editedSet)) return { tied: [], others: [] };
  const { keys, checks } = readKeyColumns(ctx, edited, ((rows[0] as EditedRow).raw.length ?? 0) >= STATE_COLUMN[ctx.tab]);
  const editedKeys = keys.filter((k) => editedSet.has(k.row));
  const sharing = rowsSharingKeys(editedKeys, keys);
  const tiedNumbers = keys
    .map((k) => k.row)
    .filter(
      (row) => !editedSet.has(row) && (sharing.has(row) || rowsNamedInCheckText(checks.get(row) ?? '').some((r) => editedSet.has(r))),
    );
  if (tiedNumbers.length > MAX_TIED) return null;
  const tied = tiedNumbers.map((row) => readRow(ctx.sheet, row, ctx)).filter((t) => isLive(t.state ?? PENDING));
  const marked = new Set([...editedSet, ...tiedNumbers]);
  const targets = [...editedKeys, ...tied.map((t) => keyCells(t.row, t.cells))];
  const around = rowsSharingKeys(targets, keys);
  return { tied, others: keys.filter((k) => around.has(k.row) && !marked.has(k.row)).map(asTemplateRow) };
}

/** The problems validateTemplate adds to the rows' own: the registry's, and the upload loop's (a failed row, a learner in an open batch). */
function moreProblems(ctx: Context, registry: RegistryRead | null, index: LoopIndex, stateOf: (row: number) => RowState) {
  return (checks: Parameters<typeof registryWarnings>[1]): Problem[] => [
    ...(registry ? registryWarnings(ctx.tab, checks, registry, ctx.settings.dateFormat) : []),
    ...loopProblems(ctx.tab, checks, stateOf, index),
  ];
}

/** A row's marks from its state in the loop (as the loop reads it) and its problems (marks.ts, stateRowMarks). */
function marksOf(tab: TemplateTab, row: TemplateRow | undefined, problems: readonly Problem[], state: RowState): RowMarks {
  return stateRowMarks(tab, problems, !row || isBlankRow(row), state);
}

/**
 * Writes the marks (check column, fills, notes; never values) of rows first..last, one block per
 * stretch of rows between those whose marks are kept (null): three writes per stretch.
 */
function writeMarkBlocks(sheet: Sheet, first: number, marks: readonly (RowMarks | null)[]): void {
  let start = 0;
  while (start < marks.length) {
    if (!marks[start]) {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < marks.length && marks[end + 1]) end++;
    const block = marks.slice(start, end + 1) as RowMarks[];
    const range = sheet.getRange(first + start, 1, block.length, MARKED_WIDTH);
    range.setBackgrounds(block.map((m) => m.fills));
    range.setNotes(block.map((m) => m.notes));
    // The check text last: it says which marks the row has (marksPlan.ts), so a run cut short
    // before it leaves a row whose marks are unknown, rewritten whole by the next.
    sheet.getRange(first + start, CHECK_COLUMN, block.length, 1).setValues(block.map((m) => [asText(m.check)]));
    start = end + 1;
  }
}

/** Whether an edited row's check text (R) changes: the text as read against its new marks'. */
function checkChanges(ctx: Context, r: EditedRow, mark: RowMarks): boolean {
  return changedRuns([r.raw[CHECK_COLUMN - 1]], [mark.check], () => mark.check, ctx.isoOfDate).length > 0;
}

/**
 * Writes the cells the edit changes: values of the edited rows, their states, and the marks of
 * the rows re-marked. The check texts last: a row's text says which fills and notes it has (a
 * batch function trusts it, marksPlan.ts), so an edit cut short before them leaves the old text,
 * which no longer matches, and the row is rewritten whole by the next.
 */
function writeEdit(
  ctx: Context,
  edited: EditedRow[],
  marks: Map<number, RowMarks>,
  tied: Plan['tied'],
  writeMarks: boolean,
  marksRange?: MarksRange | null,
): void {
  const { sheet } = ctx;
  for (const r of edited) {
    const next: (string | null)[] = r.cells.map((text, c) => (r.formulas[c] ? null : text));
    const runs = changedRuns(r.raw.slice(0, COLUMN_COUNT), next, (c) => writtenCell(next[c] as string, c), ctx.isoOfDate);
    for (const run of runs) sheet.getRange(r.row, run.column, 1, run.values.length).setValues([run.values]);
    if (r.state !== null) sheet.getRange(r.row, STATE_COLUMN[ctx.tab]).setValues([[asText(r.state)]]);
  }
  if (writeMarks) {
    // Fills and notes of each stretch of edited rows (one, unless the edit had several areas), then its check texts that change.
    for (const stretch of stretches(edited.map((r) => r.row))) {
      const range = marksRangeOf(ctx, stretch[0] as number, stretch.length, marksRange);
      range.setBackgrounds(stretch.map((row) => (marks.get(row) as RowMarks).fills));
      range.setNotes(stretch.map((row) => (marks.get(row) as RowMarks).notes));
      const changed = edited.filter((r) => stretch.includes(r.row) && checkChanges(ctx, r, marks.get(r.row) as RowMarks)).map((r) => r.row);
      if (changed.length === 0) continue;
      const { first, last } = span(changed);
      sheet
        .getRange(first, CHECK_COLUMN, last - first + 1, 1)
        .setValues(Array.from({ length: last - first + 1 }, (_, i) => [asText((marks.get(first + i) as RowMarks).check)]));
    }
  }
  for (const t of tied) {
    const mark = marks.get(t.row) as RowMarks;
    if (mark.check === t.check) continue; // its problems are what they were: its marks stand
    const range = sheet.getRange(t.row, 1, 1, MARKED_WIDTH);
    range.setBackgrounds([mark.fills]);
    range.setNotes([mark.notes]);
    sheet.getRange(t.row, CHECK_COLUMN).setValues([[asText(mark.check)]]);
  }
}

/**
 * The changed values of a paste: one block over the rows and columns that change when every
 * other cell in it can be written back unchanged (tidying `active` down a column), else row by row.
 */
function writePastedValues(ctx: Context, edited: EditedRow[]): void {
  const runs = edited.map((r) => {
    const next = r.cells.map((text, c) => (r.formulas[c] ? null : text));
    return changedRuns(r.raw.slice(0, COLUMN_COUNT), next, (c) => writtenCell(next[c] as string, c), ctx.isoOfDate);
  });
  const count = runs.reduce((n, rs) => n + rs.length, 0);
  if (count === 0) return;
  const rows = edited.filter((_, i) => (runs[i] as CellRun[]).length > 0);
  const left = Math.min(...runs.flat().map((r) => r.column));
  const right = Math.max(...runs.flat().map((r) => r.column + r.values.length - 1));
  const first = (rows[0] as EditedRow).row;
  const last = (rows.at(-1) as EditedRow).row;
  const block = edited
    .filter((r) => r.row >= first && r.row <= last)
    .map((r) =>
      Array.from({ length: right - left + 1 }, (_, k) => {
        const c = left + k;
        const run = (runs[edited.indexOf(r)] as CellRun[]).find((x) => c >= x.column && c < x.column + x.values.length);
        if (run) return run.values[c - run.column];
        return !r.formulas[c - 1] && writesBackUnchanged(r.raw[c - 1]) ? r.raw[c - 1] : undefined;
      }),
    );
  if (count > 2 && block.every((row) => row.every((v) => v !== undefined))) {
    ctx.sheet.getRange(first, left, block.length, right - left + 1).setValues(block);
    return;
  }
  edited.forEach((r, i) => {
    for (const run of runs[i] as CellRun[]) ctx.sheet.getRange(r.row, run.column, 1, run.values.length).setValues([run.values]);
  });
}

/**
 * A paste: the values that change, then, for each stretch of edited rows, the check column, the
 * states that move and the marks, one block each (they are the add-on's).
 */
function writePaste(ctx: Context, edited: EditedRow[], marks: Map<number, RowMarks>, marksRange?: MarksRange | null): void {
  const byRow = new Map(edited.map((r) => [r.row, r]));
  const mark = (row: number): RowMarks => marks.get(row) as RowMarks;
  for (const stretch of stretches(edited.map((r) => r.row))) {
    const rows = stretch.map((row) => byRow.get(row) as EditedRow);
    const first = stretch[0] as number;
    writePastedValues(ctx, rows);
    if (rows.some((r) => r.state !== null)) {
      const states = rows.map((r) => [asText(r.state ?? cellText(r.raw[STATE_COLUMN[ctx.tab] - 1], ctx.isoOfDate))]);
      ctx.sheet.getRange(first, STATE_COLUMN[ctx.tab], rows.length, 1).setValues(states);
    }
    const range = marksRangeOf(ctx, first, rows.length, marksRange);
    range.setBackgrounds(stretch.map((row) => mark(row).fills));
    range.setNotes(stretch.map((row) => mark(row).notes));
    // The check texts last (see writeEdit).
    ctx.sheet.getRange(first, CHECK_COLUMN, rows.length, 1).setValues(stretch.map((row) => [asText(mark(row).check)]));
  }
}

function markEditedRows(ctx: Context, areas: EditedBlock[], oldValue: string, typedOneCell: boolean): void {
  const top = Math.min(...areas.map((a) => a.top));
  const bottom = Math.max(...areas.map((a) => a.bottom as number));
  extendTemplate(ctx.sheet, ctx.tab, bottom);
  const { raw, formulas, marksRange } = readBand(ctx, top, bottom);
  // The header is not a data row: an edit of it re-checks the whole tab (every row is checked against it).
  const header = top === 1;
  const edited = editedRows(ctx, Math.max(top, 2), header ? raw.slice(1) : raw, header ? formulas.slice(1) : formulas, areas, oldValue);
  const byRow = new Map(edited.map((r) => [r.row, r]));
  const plan = header ? null : planTies(ctx, byRow);
  if (!plan) {
    markWholeTab(ctx, byRow);
    return;
  }
  const targets: TemplateRow[] = [...edited.map((r) => ({ row: r.row, cells: r.cells, formulas: r.formulas, state: r.now })), ...plan.tied];
  const states = new Map(targets.map((t) => [t.row, t.state ?? PENDING]));
  const stateOf = (row: number): RowState => states.get(row) ?? PENDING;
  // Both tabs: a learner on a registry row the add-on cannot read is named on either.
  const registry = findInRegistry(
    ctx.spreadsheet,
    targets.map((t) => t.cells[EMAIL] ?? ''),
    ctx.isoOfDate,
  );
  const index =
    copiedLoopIndex(ctx) ??
    loopIndexFor(
      ctx.spreadsheet,
      ctx.open,
      targets.map((t) => t.cells[EMAIL] ?? ''),
    );
  const problems = validateSomeRows(ctx.tab, targets, plan.others, ctx.settings, moreProblems(ctx, registry, index, stateOf));
  const marks = new Map(targets.map((t) => [t.row, marksOf(ctx.tab, t, problems.get(t.row) ?? [], stateOf(t.row))]));
  if (edited.length > SEARCH_ROWS) {
    writePaste(ctx, edited, marks, marksRange);
    writeEdit(ctx, [], marks, plan.tied, false);
    return;
  }
  // One typed cell whose row's problems are what they were leaves its marks as they are.
  const unchanged =
    typedOneCell && edited.every((r) => (marks.get(r.row) as RowMarks).check === cellText(r.raw[CHECK_COLUMN - 1], ctx.isoOfDate));
  writeEdit(ctx, edited, marks, plan.tied, !unchanged, marksRange);
}

/** The A:R block of the edited rows (their formulas are read from it, their marks written to it). */
interface MarksRange {
  top: number;
  rows: number;
  range: GoogleAppsScript.Spreadsheet.Range;
}

/**
 * The edited rows: their values as far as the state column (one call), and A:R, whose formulas
 * are read and whose marks are later written through the same range (two calls). A tab narrower
 * than its state column (never set up) is read by whole rows.
 */
function readBand(ctx: Context, top: number, bottom: number): { raw: unknown[][]; formulas: string[][]; marksRange: MarksRange | null } {
  const rows = bottom - top + 1;
  let raw: unknown[][];
  try {
    raw = ctx.sheet.getSheetValues(top, 1, rows, STATE_COLUMN[ctx.tab]);
  } catch (error) {
    if (!/outside the dimensions/i.test(String((error as Error)?.message ?? error))) throw error;
    const band = ctx.sheet.getRange(`${top}:${bottom}`);
    return { raw: band.getValues(), formulas: band.getFormulas(), marksRange: null };
  }
  const range = ctx.sheet.getRange(top, 1, rows, MARKED_WIDTH);
  return { raw, formulas: range.getFormulas(), marksRange: { top, rows, range } };
}

/** The marks range of rows first..first+count-1: the edited rows' own when it is that, else a new one. */
function marksRangeOf(ctx: Context, first: number, count: number, given?: MarksRange | null): GoogleAppsScript.Spreadsheet.Range {
  return given && given.top === first && given.rows === count ? given.range : ctx.sheet.getRange(first, 1, count, MARKED_WIDTH);
}

/**
 * The reference: the whole tab read and checked (validateTab's check), the edited rows written
 * as they will stand, and the marks of every row whose check changes, in one block.
 */
function markWholeTab(ctx: Context, edited: ReadonlyMap<number, EditedRow>): void {
  const values = readTemplate(ctx.sheet, ctx.tab, ctx.isoOfDate);
  for (const row of values.rows) {
    const mine = edited.get(row.row);
    if (mine) {
      row.cells = mine.cells;
      row.formulas = mine.formulas;
      values.states[row.row - 1] = mine.now; // pending or changed: checked like any other
    }
  }
  const index = copiedLoopIndex(ctx) ?? loopIndexOf(ctx.spreadsheet, ctx.open);
  const check = validateTemplate(ctx.tab, values, ctx.settings, registryForRows(ctx.spreadsheet, values, ctx.isoOfDate), index);
  // Done rows' marks (the loop's) are left as they are: their check cannot change.
  const marks = rowMarks(ctx.tab, values, check, index, 1, values.raw.length, (state) => state.kind === 'done');
  const changed: number[] = [];
  values.raw.forEach((raw, i) => {
    const row = i + 1;
    const mark = marks[i];
    if (mark && !edited.has(row) && mark.check !== cellText(raw[CHECK_COLUMN - 1], ctx.isoOfDate)) changed.push(row);
  });
  const blank = stateRowMarks(ctx.tab, [], true, PENDING);
  const editedMarks = new Map([...edited.keys()].map((row) => [row, marks[row - 1] ?? blank]));
  const rows = [...edited.values()];
  if (rows.length > SEARCH_ROWS) writePaste(ctx, rows, editedMarks);
  else writeEdit(ctx, rows, editedMarks, [], true);
  if (changed.length === 0) return;
  // The rows whose check changes, in one block from the first to the last (the rows between are
  // re-marked as they stand), around done rows.
  const first = Math.min(...changed);
  const last = Math.max(...changed);
  writeMarkBlocks(
    ctx.sheet,
    first,
    Array.from({ length: last - first + 1 }, (_, i) => (edited.has(first + i) ? null : (marks[first + i - 1] ?? null))),
  );
}

/**
 * The marks of rows first..last from a check of the whole tab and the rows' states; null for the
 * rows `kept` says keep their marks.
 */
function rowMarks(
  tab: TemplateTab,
  values: TemplateValues,
  check: TabValidation,
  index: LoopIndex,
  first: number,
  last: number,
  kept: (state: RowState) => boolean = () => false,
): (RowMarks | null)[] {
  const problemsByRow = new Map<number, Problem[]>();
  for (const p of check.problems) pushTo(problemsByRow, p.row, p);
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const row = first + i;
    const problems = problemsByRow.get(row) ?? [];
    if (row === 1) return headerRowMarks(problems);
    const state = effectiveState(values.states[row - 1] ?? PENDING, index.open);
    return kept(state) ? null : marksOf(tab, values.rows[row - 2], problems, state);
  });
}

function contextOf(spreadsheet: Spreadsheet, sheet: Sheet, tab: TemplateTab): Context {
  // The open batches from the document's copy (no Sheets call); without one, from Upload Batches.
  const cached = loadLoopCache();
  return {
    spreadsheet,
    sheet,
    tab,
    settings: loadSettings(),
    isoOfDate: dateReader(spreadsheet),
    open: cached?.open ?? openBatchIds(spreadsheet),
    learnerBatch: cached?.learnerBatch ?? null,
  };
}

export function markEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  const tab = templateTabOf(sheet.getName());
  if (!tab) return;
  // The admin's own columns right of the check column, and the hidden state, are not checked.
  const areas = editedAreas(e.range.getA1Notation()).filter((a) => a.left <= MARKED_WIDTH);
  if (areas.length === 0) return;
  const lock = LockService.getDocumentLock();
  // Another admin's write holds the lock: this edit's rows are marked by the next edit, or by
  // Check / Validate, rather than making the admin wait.
  if (!lock.tryLock(LOCK_WAIT_MS)) return;
  try {
    const ctx = contextOf(e.source, sheet, tab);
    const rows = areas.reduce((n, a) => n + ((a.bottom ?? Number.POSITIVE_INFINITY) - a.top + 1), 0);
    if (rows > MAX_EDITED_ROWS) {
      markTab(e.source, sheet, tab, Math.max(sheet.getLastRow() - 1, 1));
      return;
    }
    const typedOneCell = e.value !== undefined && areas.length === 1 && areas[0]?.top === areas[0]?.bottom;
    markEditedRows(ctx, areas, typeof e.oldValue === 'string' ? e.oldValue : '', typedOneCell);
  } finally {
    lock.releaseLock();
  }
}

/**
 * Marks every data row (2 to rows + 1) of a template tab as live validation would: what
 * setupTemplates paints instead of plain fills, so running it keeps the marks, and what rows a
 * script adds get (onEdit fires for an admin's edits only). `registry` spares a second read.
 */
export function markTab(spreadsheet: Spreadsheet, sheet: Sheet, tab: TemplateTab, rows: number, registry?: RegistryRead | null): void {
  const isoOfDate = dateReader(spreadsheet);
  const values = readTemplate(sheet, tab, isoOfDate);
  const known = registry !== undefined ? registry : registryForRows(spreadsheet, values, isoOfDate);
  const index = readLoop(spreadsheet, NOT_DATED).index;
  // Every row painted again (setup repairs marks): no row's marks are taken from its check text.
  const marks = rowMarks(tab, values, validateTemplate(tab, values, loadSettings(), known, index), index, 2, rows + 1);
  // Done rows are painted plain, grey by the tab's rule: sure of it first (a workbook marked before
  // the rule has grey fills of its own and no rule; an admin may have deleted it).
  if (marks.some((m) => m?.check.startsWith(DONE_PREFIX))) ensureDoneRule(sheet);
  writeMarkBlocks(sheet, 2, marks);
}

/**
 * Writes the marks (fills, notes, check text) of rows first..last from a check of the tab and the
 * rows' states, only where they change (marksPlan.ts): a row's marks as they stand are those its
 * check text says, under its state as read (values.stateTexts) and its problems (`before`, when
 * the caller changed them, else the check's). A constant number of calls, whatever the rows.
 */
export function writeMarks(
  sheet: Sheet,
  tab: TemplateTab,
  values: TemplateValues,
  check: TabValidation,
  index: LoopIndex,
  first: number,
  last: number,
  before?: readonly Problem[],
): void {
  if (last < first) return;
  // No row is kept: each gets its marks.
  const marks = rowMarks(tab, values, check, index, first, last) as RowMarks[];
  const problemsBefore = new Map<number, Problem[]>();
  for (const p of before ?? check.problems) pushTo(problemsBefore, p.row, p);
  const rows = marks.map((next, i): MarkedRow => {
    const row = first + i;
    const checkText = cellText(values.raw[row - 1]?.[CHECK_COLUMN - 1], () => '');
    return { row, next, now: marksNow(tab, values, row, problemsBefore.get(row) ?? [], index, checkText, next), checkText };
  });
  const plan = marksPlan(rows);
  // A done row's grey is the tab's rule's: sure of it before a row says "Done" or a done row is
  // painted plain (a row in the block rewritten whole; its grey fills may be its own, from before the rule).
  const whole = (row: number): boolean => plan.whole !== null && row >= plan.whole.first && row <= plan.whole.last;
  if (rows.some((r) => r.next.check.startsWith(DONE_PREFIX) && (r.next.check !== r.checkText || whole(r.row)))) ensureDoneRule(sheet);
  if (plan.whole) {
    const { first: from, last: to } = plan.whole;
    writeMarkBlocks(sheet, from, marks.slice(from - first, to - first + 1));
  }
  for (const [fill, ranges] of plan.fills) sheet.getRangeList(ranges).setBackground(fill);
  if (plan.clearNotes.length > 0) sheet.getRangeList(plan.clearNotes).setNote('');
  if (plan.notes) {
    const { first: from, last: to } = plan.notes;
    sheet.getRange(from, 1, to - from + 1, MARKED_WIDTH).setNotes(marks.slice(from - first, to - first + 1).map((m) => m.notes));
  }
  // The check texts last (see writeMarkBlocks).
  if (plan.checks) {
    const { first: from, last: to } = plan.checks;
    sheet.getRange(from, CHECK_COLUMN, to - from + 1, 1).setValues(marks.slice(from - first, to - first + 1).map((m) => [asText(m.check)]));
  }
}

/**
 * The marks a data row shows, as far as its check text tells: those painted for its state as read
 * (as written, or as the open batches now make it) and these problems, when they say that very
 * text; null when none does (typed over, or marked under other problems), and for the header. A
 * blank text is no witness: a row blank before and after (`next` blank) is left as it is.
 */
function marksNow(
  tab: TemplateTab,
  values: TemplateValues,
  row: number,
  problems: readonly Problem[],
  index: LoopIndex,
  checkText: string,
  next: RowMarks,
): RowMarks | null {
  if (row === 1) return null;
  if (checkText === '') return next.check === '' ? next : null;
  const written = parseRowState(values.stateTexts[row - 1] ?? '');
  for (const state of [written, effectiveState(written, index.open)]) {
    const marks = marksOf(tab, values.rows[row - 2], problems, state);
    if (marks.check === checkText) return marks;
  }
  return null;
}
