/** The import file as the LMS will read it: the check every caller shares, and the CSV. */
import { columnIndex, type TemplateTab } from '../core/columns';
import { countySlug, canonicalCounty } from '../core/counties';
import { toCsv } from '../core/csv';
import type { Problem, Settings } from '../core/types';
import { registryWarnings, type RegistryRead } from '../core/registry';
import { checkTab, exportRecords, type TabCheck } from '../core/validate';
import { readRegistryForCheck } from './registryLookup';
import { loadSettings } from './settingsStore';
import { TAB_NAMES, dateReader, readTemplate, type TemplateValues } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TabReport {
  check: TabCheck;
  settings: Settings;
}

/**
 * The one check of a template tab's values, which validateTab, exportCsv, syncRegistry and
 * live validation all use, so each shows the same problems for the same rows.
 */
export function checkTemplate(tab: TemplateTab, values: TemplateValues, settings: Settings, registry: RegistryRead | null): TabCheck {
  return checkTab(tab, values.header, values.rows, settings, (checks) =>
    registry ? registryWarnings(tab, checks, registry, settings.dateFormat) : [],
  );
}

/** The registry as the check of these template rows needs it: the rows naming their emails (registryLookup.ts). */
export function registryForRows(spreadsheet: Spreadsheet, values: TemplateValues, isoOfDate: (d: Date) => string): RegistryRead | null {
  const email = columnIndex('Email');
  return readRegistryForCheck(
    spreadsheet,
    isoOfDate,
    values.rows.map((r) => r.cells[email] ?? ''),
  );
}

/** Reads and checks a template tab (and the registry, unless given); null when the tab does not exist. */
export function checkTemplateTab(spreadsheet: Spreadsheet, tab: TemplateTab, registry?: RegistryRead | null): TabReport | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES[tab]);
  if (!sheet) return null;
  const settings = loadSettings();
  const isoOfDate = dateReader(spreadsheet);
  const values = readTemplate(sheet, tab, isoOfDate);
  const known = registry !== undefined ? registry : registryForRows(spreadsheet, values, isoOfDate);
  return { check: checkTemplate(tab, values, settings, known), settings };
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
