/** The import file as the LMS will read it: the check every caller shares, and the CSV. */
import type { TemplateTab } from '../core/columns';
import { countySlug, canonicalCounty } from '../core/counties';
import { toCsv } from '../core/csv';
import type { Problem, Settings } from '../core/types';
import { registryWarnings, type RegistryRead } from '../core/registry';
import { checkTab, exportRecords, type TabCheck } from '../core/validate';
import { readRegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';
import { TAB_NAMES, dateReader, readTemplate, type TemplateValues } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TabReport {
  check: TabCheck;
  settings: Settings;
  /** Column S by sheet row (the Creation tab's activity end dates). */
  activityEnds: Map<number, string>;
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

/** Reads and checks a template tab (and the registry, unless given); null when the tab does not exist. */
export function checkTemplateTab(spreadsheet: Spreadsheet, tab: TemplateTab, registry?: RegistryRead | null): TabReport | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES[tab]);
  if (!sheet) return null;
  const settings = loadSettings();
  const isoOfDate = dateReader(spreadsheet);
  const known = registry !== undefined ? registry : (readRegistrySheet(spreadsheet, isoOfDate)?.read ?? null);
  const values = readTemplate(sheet, isoOfDate);
  return { check: checkTemplate(tab, values, settings, known), settings, activityEnds: values.activityEnds };
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
