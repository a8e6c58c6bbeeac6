/** The add-on's tabs and the few helpers that read them whole (one getValues per tab). */
import { COLUMN_COUNT, type TemplateTab } from '../core/columns';
import { parseDateText } from '../core/dates';
import { ACTIVITY_ENDS_COLUMN } from '../core/marks';
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
  /** Column S of the Creation tab by sheet row, 'YYYY-MM-DD' where it holds a date. */
  activityEnds: Map<number, string>;
}

/** Header and data rows of a template tab, in two Sheets calls whatever its size. */
export function readTemplate(sheet: GoogleAppsScript.Spreadsheet.Sheet, isoOfDate: (d: Date) => string): TemplateValues {
  const values = sheet.getDataRange().getValues();
  const raw = values.map((row) => Array.from({ length: COLUMN_COUNT + 1 }, (_, c) => row[c] ?? ''));
  const text = raw.map((row) => row.map((v) => cellText(v, isoOfDate)));
  const activityEnds = new Map<number, string>();
  values.forEach((row, i) => {
    const date = i > 0 ? parseDateText(cellText(row[ACTIVITY_ENDS_COLUMN - 1] ?? '', isoOfDate)) : null;
    if (date) activityEnds.set(i + 1, date);
  });
  return { header: text[0] ?? [], rows: templateRows(text.slice(1)), raw, activityEnds };
}

/** Today's calendar date in the spreadsheet's time zone. */
export function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, isoOfDate = dateReader(spreadsheet)): string {
  return isoOfDate(new Date());
}
