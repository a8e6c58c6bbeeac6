/** validateTab and exportCsv: the import file as the LMS will read it. */
import type { TemplateTab } from '../core/columns';
import { countySlug, canonicalCounty } from '../core/counties';
import { toCsv } from '../core/csv';
import type { Problem, Settings } from '../core/types';
import { checkTab, exportRecords, type TabCheck } from '../core/validate';
import { loadSettings } from './settingsStore';
import { TAB_NAMES, dateReader, readTemplate } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TabReport {
  check: TabCheck;
  settings: Settings;
}

/** Reads and checks a template tab; null when the tab does not exist. */
export function checkTemplateTab(spreadsheet: Spreadsheet, tab: TemplateTab): TabReport | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES[tab]);
  if (!sheet) return null;
  const settings = loadSettings();
  const { header, rows } = readTemplate(sheet, dateReader(spreadsheet));
  return { check: checkTab(tab, header, rows, settings), settings };
}

export function errorCount(problems: readonly Problem[]): number {
  return problems.filter((p) => p.severity === 'error').length;
}

/** `cacwt-<kind>-<county-slug>-<YYYY-MM-DD>.csv` */
export function importFilename(kind: 'creation' | 'archival' | 'reactivation', settings: Settings, date: string): string {
  const county = canonicalCounty(settings.county);
  return `cacwt-${kind}-${county ? countySlug(county) : 'no-county'}-${date}.csv`;
}

export function csvOf(check: TabCheck, settings: Settings): string {
  return toCsv(exportRecords(check, settings.dateFormat));
}

