/** The add-on's tabs and the few helpers that read them whole (one getValues per tab). */
import { COLUMN_COUNT, type TemplateTab } from '../core/columns';
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

/** Calendar date ('YYYY-MM-DD') of a date cell, in the spreadsheet's own time zone. */
export function dateReader(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): (date: Date) => string {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  return (date) => Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
}

export interface TemplateValues {
  header: string[];
  rows: TemplateRow[];
}

/** Header and data rows of a template tab as text: a constant number of Sheets calls. */
export function readTemplate(sheet: GoogleAppsScript.Spreadsheet.Sheet, isoOfDate: (d: Date) => string): TemplateValues {
  const lastRow = Math.max(sheet.getLastRow(), 1);
  const values = sheet.getRange(1, 1, lastRow, COLUMN_COUNT).getValues();
  const text = values.map((row) => row.map((v) => cellText(v, isoOfDate)));
  return { header: text[0] ?? [], rows: templateRows(text.slice(1)) };
}

/** Today's calendar date in the spreadsheet's time zone. */
export function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return dateReader(spreadsheet)(new Date());
}
