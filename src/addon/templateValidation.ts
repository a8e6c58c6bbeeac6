/**
 * The validation of a template tab that every caller shares (validateTab, exportCsv, the sync,
 * the overview, onEdit's whole-tab path), read from the sheet with the registry and the open batches.
 */
import { columnIndex, type TemplateTab } from '../core/columns';
import type { Problem, Settings } from '../core/types';
import { registryWarnings, type RegistryRead } from '../core/registry';
import { loopProblems, type LoopIndex } from '../core/batches';
import { PENDING, effectiveState, type RowState } from '../core/rowState';
import { validateRows, isBlankRow, type TabValidation } from '../core/validate';
import { TABS } from '../core/tabs';
import { NOT_DATED, readLoop } from './batchSheets';
import { readRegistryForValidation } from './registryLookup';
import { loadSettings } from './settingsStore';
import { dateReader, readTemplate, type TemplateValues } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TabReport {
  /** The tab's validation (named `check` by the callers that destructure it). */
  check: TabValidation;
  settings: Settings;
  values: TemplateValues;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

/**
 * The one validation of a template tab's values, which validateTab, exportCsv, syncRegistry and
 * live validation all use, so each shows the same problems for the same rows. Rows done or in an
 * open batch are not checked (the batch holds their values) and never count as duplicates; they
 * count in `rows`, and the open ones in `ready`, as api.md says of validateTab.
 */
export function validateTemplate(
  tab: TemplateTab,
  values: TemplateValues,
  settings: Settings,
  registry: RegistryRead | null,
  index: LoopIndex,
): TabValidation {
  const stateOf = (row: number): RowState => effectiveState(values.states[row - 1] ?? PENDING, index.open);
  // Each row carries its state as the loop reads it: validateRows leaves the done and open ones out.
  const rows = values.rows.map((r) => ({ ...r, state: stateOf(r.row) }));
  const waiting = rows.filter((r) => !isBlankRow(r) && r.state.kind === 'open').length;
  const validation = validateRows(tab, values.header, rows, settings, (checks) => [
    ...(registry ? registryWarnings(tab, checks, registry, settings.dateFormat) : []),
    ...loopProblems(tab, checks, stateOf, index),
  ]);
  return { ...validation, rows: validation.rows + waiting, ready: validation.ready + waiting };
}

/** The emails of a template tab's rows, as typed. */
export function emailsOf(values: TemplateValues): string[] {
  const email = columnIndex('Email');
  return values.rows.map((r) => r.cells[email] ?? '');
}

/** The registry as the validation of these template rows needs it: the rows naming their emails (registryLookup.ts). */
export function registryForRows(spreadsheet: Spreadsheet, values: TemplateValues, isoOfDate: (d: Date) => string): RegistryRead | null {
  return readRegistryForValidation(spreadsheet, isoOfDate, emailsOf(values));
}

/**
 * Reads and validates a template tab (and the registry and batches, unless given); null when the
 * tab does not exist. `registry` may be a reader of it for the tab's values (and the tab's dates reader).
 */
export function validateTemplateTab(
  spreadsheet: Spreadsheet,
  tab: TemplateTab,
  registry?: RegistryRead | null | ((values: TemplateValues, isoOfDate: (d: Date) => string) => RegistryRead | null),
  index?: LoopIndex,
): TabReport | null {
  const sheet = spreadsheet.getSheetByName(TABS[tab].sheet);
  if (!sheet) return null;
  const settings = loadSettings();
  const isoOfDate = dateReader(spreadsheet);
  const loop = index ?? readLoop(spreadsheet, NOT_DATED).index;
  const values = readTemplate(sheet, tab, isoOfDate);
  const known =
    typeof registry === 'function'
      ? registry(values, isoOfDate)
      : registry !== undefined
        ? registry
        : registryForRows(spreadsheet, values, isoOfDate);
  return { check: validateTemplate(tab, values, settings, known, loop), settings, values, sheet };
}

export function errorCount(problems: readonly Problem[]): number {
  return problems.filter((p) => p.severity === 'error').length;
}
