/** The template tabs and the few helpers that read them whole (one getValues per tab); their names are in core/tabs.ts. */
import { COLUMN_COUNT, type TemplateTab } from '../core/columns';
import { ACTIVITY_ENDS_COLUMN } from '../core/marks';
import { span } from '../core/maps';
import { STATE_COLUMN, effectiveState, parseRowState, type RowState } from '../core/rowState';
import { cellText } from '../core/text';
import { templateRows, type TemplateRow } from '../core/validate';
import { TABS } from '../core/tabs';

export const TEMPLATE_TABS: readonly TemplateTab[] = ['creation', 'archival'];

export function isTemplateTab(value: unknown): value is TemplateTab {
  return value === 'creation' || value === 'archival';
}

/** The tab a sheet name belongs to, or null for the admin's other sheets. */
export function templateTabOf(sheetName: string): TemplateTab | null {
  return TEMPLATE_TABS.find((t) => TABS[t].sheet === sheetName) ?? null;
}

/**
 * Calendar date ('YYYY-MM-DD') of a date cell, in the spreadsheet's own time zone. The zone is
 * asked for on the first date only: a tab without dates costs no call for it.
 */
export function dateReader(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): (date: Date) => string {
  let timeZone: string | undefined;
  // A registry holds the same few dates many times: each is formatted once.
  const seen = new Map<number, string>();
  return (date) => {
    const ms = date.getTime();
    let iso = seen.get(ms);
    if (iso === undefined) {
      timeZone ??= spreadsheet.getSpreadsheetTimeZone();
      iso = Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
      seen.set(ms, iso);
    }
    return iso;
  };
}

export interface TemplateValues {
  header: string[];
  rows: TemplateRow[];
  /** A:R of every row from the header down, as getValues gave them (R is the check column). */
  raw: unknown[][];
  /** Each row's state in the upload loop, from the header down (the header's is pending). */
  states: RowState[];
  /** The hidden state column's text as read, from the header down. */
  stateTexts: string[];
  /** The Creation tab's column S ('YYYY-MM-DD' or the text typed), from the header down; '' on the Archival tab. */
  activityEnds: string[];
}

/**
 * The cells of A2:Q that hold a formula, found by Sheets (only they come back): one search
 * instead of reading every formula. A text cell that starts with '=' matches the search too; its
 * value still starts with '=', a formula's result does not.
 */
function formulaCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, last: number, first = 2): { row: number; column: number }[] {
  if (last < first) return [];
  return sheet
    .getRange(first, 1, last - first + 1, COLUMN_COUNT)
    .createTextFinder('^=')
    .useRegularExpression(true)
    .matchFormulaText(true)
    .findAll()
    .map((r) => ({ row: r.getRow(), column: r.getColumn() }));
}

/**
 * The loop's hidden columns of rows 1..last, from the header down: the Creation tab's S (activity
 * ends) and T (state), the Archival tab's S (state); blank when the tab does not have them yet.
 */
function readLoopColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  tab: TemplateTab,
  last: number,
  isoOfDate: (d: Date) => string,
): { stateTexts: string[]; activityEnds: string[] } {
  const first = tab === 'creation' ? ACTIVITY_ENDS_COLUMN : STATE_COLUMN[tab];
  const cells = sheet.getMaxColumns() < STATE_COLUMN[tab] ? [] : sheet.getSheetValues(1, first, last, STATE_COLUMN[tab] - first + 1);
  const at = (i: number, column: number): string => (i === 0 ? '' : cellText(cells[i]?.[column - first] ?? '', isoOfDate));
  return {
    stateTexts: Array.from({ length: last }, (_, i) => at(i, STATE_COLUMN[tab])),
    activityEnds: Array.from({ length: last }, (_, i) => (tab === 'creation' ? at(i, ACTIVITY_ENDS_COLUMN) : '')),
  };
}

/**
 * Header and data rows of a template tab (A:R, where its formulas are, the rows' states and
 * activity ends), in a dozen Sheets calls whatever its size.
 */
export function readTemplate(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: TemplateTab, isoOfDate: (d: Date) => string): TemplateValues {
  const last = Math.max(sheet.getLastRow(), 1);
  const raw = sheet.getSheetValues(1, 1, last, COLUMN_COUNT + 1);
  const { stateTexts, activityEnds } = readLoopColumns(sheet, tab, last, isoOfDate);
  return templateValues(raw, formulaCells(sheet, last), stateTexts, activityEnds, isoOfDate);
}

function templateValues(
  raw: unknown[][],
  formulaAt: readonly { row: number; column: number }[],
  stateTexts: string[],
  activityEnds: string[],
  isoOfDate: (d: Date) => string,
): TemplateValues {
  const text = raw.map((row) => row.map((v) => cellText(v, isoOfDate)));
  const rows = templateRows(text.slice(1));
  for (const { row, column } of formulaAt) {
    const target = rows[row - 2];
    if (!target || (text[row - 1]?.[column - 1] ?? '').startsWith('=')) continue;
    const formulas = target.formulas ? [...target.formulas] : Array<boolean>(COLUMN_COUNT).fill(false);
    formulas[column - 1] = true;
    target.formulas = formulas;
  }
  return { header: text[0] ?? [], rows, raw, states: stateTexts.map(parseRowState), stateTexts, activityEnds };
}

/**
 * The tab as a sync needs it: every row's state, and the rows still to record (neither done nor
 * in an open batch: `open`) read as readTemplate reads them, in one block from the first to the
 * last of them, with the header. Rows outside the block read as blank: they are not checked, nor
 * anyone's duplicate or namesake (validate.ts), so the check of the rows read is the whole tab's.
 */
export function readWaitingRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  tab: TemplateTab,
  isoOfDate: (d: Date) => string,
  open: ReadonlySet<string>,
): TemplateValues {
  const last = Math.max(sheet.getLastRow(), 1);
  const width = COLUMN_COUNT + 1;
  const stateTexts =
    sheet.getMaxColumns() < STATE_COLUMN[tab]
      ? Array<string>(last).fill('')
      : sheet.getSheetValues(1, STATE_COLUMN[tab], last, 1).map((r, i) => (i === 0 ? '' : cellText(r[0], isoOfDate)));
  const waiting: number[] = [];
  stateTexts.forEach((st, i) => {
    const kind = effectiveState(parseRowState(st), open).kind;
    if (i > 0 && kind !== 'done' && kind !== 'open') waiting.push(i + 1);
  });
  const { first, last: end } = waiting.length > 0 ? span(waiting) : { first: last + 1, last };
  const header = sheet.getSheetValues(1, 1, 1, width);
  const block = end >= first ? sheet.getSheetValues(first, 1, end - first + 1, width) : [];
  const ends =
    tab === 'creation' && end >= first && sheet.getMaxColumns() >= ACTIVITY_ENDS_COLUMN
      ? sheet.getSheetValues(first, ACTIVITY_ENDS_COLUMN, end - first + 1, 1)
      : [];
  const blank = (): unknown[] => Array<unknown>(width).fill('');
  const raw = [header[0] ?? blank(), ...Array.from({ length: last - 1 }, (_, i) => block[i + 2 - first] ?? blank())];
  const activityEnds = Array.from({ length: last }, (_, i) => cellText(ends[i + 1 - first]?.[0] ?? '', isoOfDate));
  return templateValues(raw, formulaCells(sheet, end, first), stateTexts, activityEnds, isoOfDate);
}

/** Today's calendar date in the spreadsheet's time zone. */
export function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, isoOfDate = dateReader(spreadsheet)): string {
  return isoOfDate(new Date());
}
