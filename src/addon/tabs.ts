/** The add-on's tabs and the few helpers that read them whole (one getValues per tab). */
import { COLUMN_COUNT, type TemplateTab } from '../core/columns';
import { parseDateText } from '../core/dates';
import { ACTIVITY_ENDS_COLUMN } from '../core/marks';
import { parseRowState, type RowState } from '../core/rowState';
import { cellText } from '../core/text';
import { templateRows, type TemplateRow } from '../core/validate';

export const TAB_NAMES = {
  creation: 'Community Partner Creation Template',
  archival: 'Community Partner Archival Template',
  registry: 'Learner Registry',
  log: 'Registry Log',
} as const;

export type TabKey = keyof typeof TAB_NAMES;

export const TEMPLATE_TABS: readonly TemplateTab[] = ['creation', 'archival'];

export function isTemplateTab(value: unknown): value is TemplateTab {
  return value === 'creation' || value === 'archival';
}

/** The tab a sheet name belongs to, or null for the admin's other sheets. */
export function templateTabOf(sheetName: string): TemplateTab | null {
  return TEMPLATE_TABS.find((t) => TAB_NAMES[t] === sheetName) ?? null;
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
}

/**
 * The cells of A2:Q that hold a formula, found by Sheets (only they come back): one search
 * instead of reading every formula. A text cell that starts with '=' matches the search too; its
 * value still starts with '=', a formula's result does not.
 */
function formulaCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, last: number): { row: number; column: number }[] {
  if (last < 2) return [];
  return sheet
    .getRange(2, 1, last - 1, COLUMN_COUNT)
    .createTextFinder('^=')
    .useRegularExpression(true)
    .matchFormulaText(true)
    .findAll()
    .map((r) => ({ row: r.getRow(), column: r.getColumn() }));
}

/** The hidden State column of each template tab (1-based): T on the Creation tab, S on the Archival tab (design.md). */
export const STATE_COLUMN: Readonly<Record<TemplateTab, number>> = { creation: 20, archival: 19 };

/** The states of rows 2..last, from the State column when the tab has one. */
function readStates(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: TemplateTab, last: number): RowState[] {
  if (last < 2 || sheet.getMaxColumns() < STATE_COLUMN[tab]) return [];
  return sheet
    .getRange(2, STATE_COLUMN[tab], last - 1, 1)
    .getValues()
    .map(([v]) => parseRowState(typeof v === 'string' ? v : ''));
}

/**
 * Header and data rows of a template tab (A:R, where its formulas are, and the rows' states), in
 * a dozen Sheets calls whatever its size.
 */
export function readTemplate(sheet: GoogleAppsScript.Spreadsheet.Sheet, tab: TemplateTab, isoOfDate: (d: Date) => string): TemplateValues {
  const last = Math.max(sheet.getLastRow(), 1);
  const raw = sheet.getRange(1, 1, last, COLUMN_COUNT + 1).getValues();
  const text = raw.map((row) => row.map((v) => cellText(v, isoOfDate)));
  const rows = templateRows(text.slice(1));
  readStates(sheet, tab, last).forEach((state, i) => {
    if (state.kind !== 'pending' && rows[i]) (rows[i] as TemplateRow).state = state;
  });
  for (const { row, column } of formulaCells(sheet, last)) {
    const target = rows[row - 2];
    if (!target || (text[row - 1]?.[column - 1] ?? '').startsWith('=')) continue;
    const formulas = target.formulas ? [...target.formulas] : Array<boolean>(COLUMN_COUNT).fill(false);
    formulas[column - 1] = true;
    target.formulas = formulas;
  }
  return { header: text[0] ?? [], rows, raw };
}

/** The Creation tab's column S by sheet row, 'YYYY-MM-DD' where it holds a date: one read, for a sync. */
export function readActivityEnds(sheet: GoogleAppsScript.Spreadsheet.Sheet, isoOfDate: (d: Date) => string): Map<number, string> {
  const ends = new Map<number, string>();
  const last = sheet.getLastRow();
  if (last < 2 || sheet.getMaxColumns() < ACTIVITY_ENDS_COLUMN) return ends;
  sheet
    .getRange(2, ACTIVITY_ENDS_COLUMN, last - 1, 1)
    .getValues()
    .forEach(([v], i) => {
      const date = parseDateText(cellText(v ?? '', isoOfDate));
      if (date) ends.set(i + 2, date);
    });
  return ends;
}

/** Today's calendar date in the spreadsheet's time zone. */
export function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, isoOfDate = dateReader(spreadsheet)): string {
  return isoOfDate(new Date());
}
