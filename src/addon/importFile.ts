/** The import file as the LMS will read it: the check every caller shares, and the CSV. */
import { columnIndex, type TemplateTab } from '../core/columns';
import type { Problem, Settings } from '../core/types';
import { registryWarnings, type RegistryRead } from '../core/registry';
import { loopProblems, type LoopIndex } from '../core/batches';
import { PENDING, effectiveState, type RowState } from '../core/rowState';
import { checkTab, isBlankRow, type TabCheck } from '../core/validate';
import { TABS } from '../core/tabs';
import { NOT_DATED, readLoop } from './batchSheets';
import { readRegistryForCheck } from './registryLookup';
import { loadSettings } from './settingsStore';
import { dateReader, readTemplate, type TemplateValues } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TabReport {
  check: TabCheck;
  settings: Settings;
  values: TemplateValues;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

/**
 * The one check of a template tab's values, which validateTab, exportCsv, syncRegistry and
 * live validation all use, so each shows the same problems for the same rows. Rows done or in an
 * open batch are not checked (the batch holds their values) and never count as duplicates; they
 * count in `rows`, and the open ones in `ready`, as api.md says of validateTab.
 */
export function checkTemplate(
  tab: TemplateTab,
  values: TemplateValues,
  settings: Settings,
  registry: RegistryRead | null,
  index: LoopIndex,
): TabCheck {
  const stateOf = (row: number): RowState => effectiveState(values.states[row - 1] ?? PENDING, index.open);
  // Each row carries its state as the loop reads it: checkTab leaves the done and open ones out.
  const rows = values.rows.map((r) => ({ ...r, state: stateOf(r.row) }));
  const waiting = rows.filter((r) => !isBlankRow(r) && r.state.kind === 'open').length;
  const check = checkTab(tab, values.header, rows, settings, (checks) => [
    ...(registry ? registryWarnings(tab, checks, registry, settings.dateFormat) : []),
    ...loopProblems(tab, checks, stateOf, index),
  ]);
  return { ...check, rows: check.rows + waiting, ready: check.ready + waiting };
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

/** Reads and checks a template tab (and the registry and batches, unless given); null when the tab does not exist. */
export function checkTemplateTab(
  spreadsheet: Spreadsheet,
  tab: TemplateTab,
  registry?: RegistryRead | null,
  index?: LoopIndex,
): TabReport | null {
  const sheet = spreadsheet.getSheetByName(TABS[tab].sheet);
  if (!sheet) return null;
  const settings = loadSettings();
  const isoOfDate = dateReader(spreadsheet);
  const loop = index ?? readLoop(spreadsheet, NOT_DATED).index;
  const values = readTemplate(sheet, tab, isoOfDate);
  const known = registry !== undefined ? registry : registryForRows(spreadsheet, values, isoOfDate);
  return { check: checkTemplate(tab, values, settings, known, loop), settings, values, sheet };
}

export function errorCount(problems: readonly Problem[]): number {
  return problems.filter((p) => p.severity === 'error').length;
}
