/**
 * setupTemplates: lays out the six tabs, or repairs them, without touching a data row.
 * Each tab costs a fixed number of Sheets calls whatever it holds.
 */
import {
  AFFILIATION,
  COLUMNS,
  COLUMN_COUNT,
  HEADERS,
  STATUS_BY_TAB,
  canonicalHeader,
  isRequiredOn,
  type TemplateTab,
} from '../core/columns';
import { EMPLOYEE_TYPES } from '../core/counties';
import {
  ACTIVITY_ENDS_COLUMN,
  ACTIVITY_ENDS_HEADER,
  CHECK_COLUMN,
  CHECK_HEADER,
  FILL,
  MARKED_WIDTH,
  isExpectedFill,
  plainFills,
} from '../core/marks';
import { LOG_HEADERS } from '../core/registry';
import { REGISTRY_ALL_HEADERS, badRegistry, registryHeaderOf, registryLayout } from '../core/registryRead';
import { Refusal } from '../core/refused';
import { BATCH_HEADERS, BATCH_NUMBER_COLUMNS, BATCH_ROW_HEADERS, BATCH_ROW_NUMBER_COLUMNS } from '../core/batches';
import { STATE_COLUMN, STATE_HEADER } from '../core/rowState';
import { TABS, type TabKey } from '../core/tabs';
import { plainTextColumns } from './batchSheets';
import { markTab } from './liveValidation';
import { ensureDoneRule } from './doneRule';
import { TEMPLATE_TABS } from './tabs';

const WIDTHS: Record<string, number> = {
  UserID: 220,
  LastName: 130,
  FirstName: 130,
  Email: 220,
  Password: 110,
  Status: 90,
  Affiliation: 210,
  EmployeeType: 270,
  DateHire: 100,
};

/** The registry's and the log's columns: wide enough for an email, a timestamp, a log line. */
const PLAIN_WIDTHS: Record<string, number> = {
  ...WIDTHS,
  UserID: 260,
  Email: 260,
  ArchivedOn: 100,
  ActivityEnds: 100,
  Timestamp: 160,
  Admin: 220,
  Action: 110,
  Details: 420,
};

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The rows a new sheet has, before the tab was set up or grew. */
const DEFAULT_ROWS = 1000;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Text columns are plain text, so a value typed with a leading = stays text; DateHire shows dates. */
const TEMPLATE_FORMATS = HEADERS.map((h) => (h === 'DateHire' ? 'mm/dd/yyyy' : '@'));

/** The last row of a template tab that has its rules and formats, kept with the document. */
function templateRowsKey(tab: TemplateTab): string {
  return `templateRows.${tab}`;
}

function rememberTemplateRows(tab: TemplateTab, lastRow: number): void {
  PropertiesService.getDocumentProperties().setProperty(templateRowsKey(tab), String(lastRow));
}

/**
 * Rows a paste (or a file, or an archive) added past the end of a template tab get its rules and
 * formats, as the first ones have (their fills are marks, which the edit writes). Costs nothing
 * while `lastEditedRow` is within the rows already laid out; Sheets adds rows without them.
 */
export function extendTemplate(sheet: Sheet, tab: TemplateTab, lastEditedRow: number): void {
  const laidOut = Number(PropertiesService.getDocumentProperties().getProperty(templateRowsKey(tab))) || DEFAULT_ROWS;
  if (lastEditedRow <= laidOut) return;
  const last = sheet.getMaxRows();
  if (last > laidOut) {
    const rules = HEADERS.map((h) => templateRule(tab, h));
    const added = sheet.getRange(laidOut + 1, 1, last - laidOut, COLUMN_COUNT);
    added.setDataValidations(Array.from({ length: last - laidOut }, () => rules));
    added.setNumberFormats(Array.from({ length: last - laidOut }, () => TEMPLATE_FORMATS));
  }
  rememberTemplateRows(tab, last);
}

function templateRule(tab: TemplateTab, header: string): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const column = COLUMNS.find((c) => c.header === header);
  if (!column || !isRequiredOn(tab, column)) return null;
  const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true).setHelpText(column.help);
  switch (header) {
    case 'Status':
      return builder.requireValueInList([STATUS_BY_TAB[tab]], true).build();
    case 'Affiliation':
      return builder.requireValueInList([AFFILIATION], true).build();
    case 'EmployeeType':
      return builder.requireValueInList([...EMPLOYEE_TYPES], true).build();
    case 'Email':
    case 'UserID':
      return builder.requireTextIsEmail().build();
    case 'DateHire':
      return builder.requireDate().build();
    default:
      return null;
  }
}

/** Does row 1 look like a header row (some cell names a known column)? */
function looksLikeHeader(row: readonly unknown[], known: (text: string) => boolean): boolean {
  return row.some((v) => typeof v === 'string' && known(v));
}

/**
 * Makes sure row 1 holds `headers` and returns whether anything had to change. A tab whose first
 * row is data (pasted without a header) gets a new row inserted above it, so no data is overwritten.
 * Only the first `dataWidth` columns can hold data: a template's check column is the add-on's.
 */
function ensureHeaderRow(sheet: Sheet, headers: readonly string[], known: (text: string) => boolean, dataWidth = headers.length): boolean {
  const width = headers.length;
  const current = sheet.getSheetValues(1, 1, 1, width)[0] ?? [];
  if (current.every((v, i) => v === headers[i])) return false;
  const rowIsData = current.slice(0, dataWidth).some((v) => v !== '') && !looksLikeHeader(current, known);
  if (rowIsData) sheet.insertRowsBefore(1, 1);
  sheet.getRange(1, 1, 1, width).setValues([[...headers]]);
  return true;
}

function ensureColumns(sheet: Sheet, needed: number): void {
  const max = sheet.getMaxColumns();
  if (max < needed) sheet.insertColumnsAfter(max, needed - max);
}

function formatHeader(sheet: Sheet, width: number): boolean {
  const frozen = sheet.getFrozenRows() === 1;
  if (!frozen) sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground(FILL.header);
  return !frozen;
}

function setupTemplate(spreadsheet: Spreadsheet, sheet: Sheet, tab: TemplateTab): boolean {
  const width = MARKED_WIDTH;
  const headers = tab === 'creation' ? [...HEADERS, CHECK_HEADER, ACTIVITY_ENDS_HEADER] : [...HEADERS, CHECK_HEADER];
  ensureColumns(sheet, headers.length);
  const headerChanged = ensureHeaderRow(sheet, headers, (t) => canonicalHeader(t) !== null, COLUMN_COUNT);
  const frozenChanged = formatHeader(sheet, headers.length);
  // Live validation's notes on a wrong header are about the header just repaired.
  if (headerChanged) sheet.getRange(1, 1, 1, width).clearNote();

  const dataRows = sheet.getMaxRows() - 1;
  if (dataRows < 1) sheet.insertRowsAfter(1, 1);
  const rows = Math.max(dataRows, 1);
  const importCells = sheet.getRange(2, 1, rows, COLUMN_COUNT);

  // Fills: yellow where the admin types, white where the LMS wants blanks, grey for the check
  // column; a cell that live validation marked is as it should be. The first and the last row are
  // looked at: rows a paste added past the end may lack what the first ones have.
  const rowFill = plainFills(tab);
  const edgeFills = [2, rows + 1].map((row) => sheet.getRange(row, 1, 1, width).getBackgrounds()[0] ?? []);
  const fillsChanged = edgeFills.some((fills) => fills.some((f, i) => !isExpectedFill(f, rowFill[i] as string)));
  if (fillsChanged || headerChanged) markTab(spreadsheet, sheet, tab, rows);

  const rules = HEADERS.map((h) => templateRule(tab, h));
  const edgeRules = [2, rows + 1].map((row) => sheet.getRange(row, 1, 1, COLUMN_COUNT).getDataValidations()[0] ?? []);
  const rulesChanged = edgeRules.some((current) => rules.some((rule, i) => !sameRule(rule, current[i] ?? null)));
  if (rulesChanged) {
    importCells.setDataValidations(Array.from({ length: rows }, () => rules));
  }
  importCells.setNumberFormats(Array.from({ length: rows }, () => TEMPLATE_FORMATS));
  rememberTemplateRows(tab, rows + 1);
  sheet.getRange(1, CHECK_COLUMN, rows + 1, 1).setFontColor('#5f6368');
  for (const [header, px] of Object.entries(WIDTHS)) sheet.setColumnWidth(HEADERS.indexOf(header as never) + 1, px);
  sheet.setColumnWidth(width, 320);
  const stateChanged = setupStateColumn(sheet, tab);
  const activityChanged = tab === 'creation' && setupActivityEnds(sheet, rows);
  const doneRuleChanged = ensureDoneRule(sheet);
  return headerChanged || frozenChanged || fillsChanged || rulesChanged || stateChanged || activityChanged || doneRuleChanged;
}

/** The hidden state column of the upload loop (rowState.ts): its header, plain text, hidden. */
function setupStateColumn(sheet: Sheet, tab: TemplateTab): boolean {
  const column = STATE_COLUMN[tab];
  ensureColumns(sheet, column);
  const header = sheet.getRange(1, column);
  const changed = header.getValue() !== STATE_HEADER;
  if (changed) header.setValue(STATE_HEADER);
  sheet.getRange(2, column, sheet.getMaxRows() - 1, 1).setNumberFormat('@');
  sheet.hideColumns(column);
  return changed;
}

/** Column S of the Creation tab: an optional date with a date picker (the rule refuses anything else). */
function setupActivityEnds(sheet: Sheet, rows: number): boolean {
  const rule = SpreadsheetApp.newDataValidation()
    .requireDate()
    .setAllowInvalid(false)
    .setHelpText('Optional: the day this partner’s learning activity ends. Not exported.')
    .build();
  const cells = sheet.getRange(2, ACTIVITY_ENDS_COLUMN, rows, 1);
  cells.setNumberFormat('mm/dd/yyyy');
  if (sameRule(rule, sheet.getRange(2, ACTIVITY_ENDS_COLUMN).getDataValidation())) return false;
  cells.setDataValidation(rule);
  sheet.setColumnWidth(ACTIVITY_ENDS_COLUMN, 170);
  return true;
}

function sameRule(a: GoogleAppsScript.Spreadsheet.DataValidation | null, b: GoogleAppsScript.Spreadsheet.DataValidation | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.getCriteriaType() === b.getCriteriaType() &&
    JSON.stringify(a.getCriteriaValues()) === JSON.stringify(b.getCriteriaValues()) &&
    a.getHelpText() === b.getHelpText()
  );
}

function setupPlainTab(sheet: Sheet, headers: readonly string[]): boolean {
  ensureColumns(sheet, headers.length);
  const headerChanged = ensureHeaderRow(sheet, headers, (t) => headers.includes(t));
  const frozenChanged = formatHeader(sheet, headers.length);
  if (headerChanged) widen(sheet, headers, 1);
  return headerChanged || frozenChanged;
}

/** A tab the add-on writes text to and reads back: its text columns formatted plain text (`@`). */
function setupTextTab(sheet: Sheet, headers: readonly string[], otherColumns: readonly number[]): boolean {
  const changed = setupPlainTab(sheet, headers);
  plainTextColumns(sheet, headers, otherColumns);
  return changed;
}

/**
 * Widens the columns of headers just written from `column` on, as PLAIN_WIDTHS says: set with
 * the header only, so after that the widths are the admin's to change.
 */
function widen(sheet: Sheet, headers: readonly string[], column: number): void {
  headers.forEach((header, i) => {
    const px = PLAIN_WIDTHS[header];
    if (px) sheet.setColumnWidth(column + i, px);
  });
}

/**
 * What setup does to the registry's header row, decided before any tab is touched: columns are
 * found by name wherever they are, so a header is never written over data or over another column.
 * A missing ActivityEnds (new this round) is added after the last column; a missing or duplicated
 * required header is refused with BAD_REGISTRY, for the admin to fix: adding an empty column for
 * it would silently blank every learner's value.
 */
type RegistryPlan = { kind: 'header'; insertAbove: boolean } | { kind: 'append'; column: number; headers: string[] } | { kind: 'none' };

function planRegistry(sheet: Sheet): RegistryPlan {
  const width = Math.max(sheet.getLastColumn(), 1);
  const row = (sheet.getSheetValues(1, 1, 1, width)[0] ?? []).map((v) => (typeof v === 'string' ? v : String(v ?? '')));
  if (row.every((v) => v.trim() === '')) return { kind: 'header', insertAbove: false };
  // No cell names a registry column: row 1 is data (the header row was deleted), so a header goes above it.
  if (!row.some((v) => registryHeaderOf(v) !== null)) return { kind: 'header', insertAbove: true };
  const layout = registryLayout(row);
  if (!layout.ok) throw new Refusal(badRegistry(TABS.registry.sheet, layout));
  const missing = REGISTRY_ALL_HEADERS.filter((h) => layout.columns[h] === 0);
  return missing.length > 0 ? { kind: 'append', column: width + 1, headers: [...missing] } : { kind: 'none' };
}

function setupRegistry(sheet: Sheet, plan: RegistryPlan): boolean {
  let changed = false;
  if (plan.kind === 'header') {
    ensureColumns(sheet, REGISTRY_ALL_HEADERS.length);
    if (plan.insertAbove) sheet.insertRowsBefore(1, 1);
    sheet.getRange(1, 1, 1, REGISTRY_ALL_HEADERS.length).setValues([[...REGISTRY_ALL_HEADERS]]);
    widen(sheet, REGISTRY_ALL_HEADERS, 1);
    changed = true;
  } else if (plan.kind === 'append') {
    ensureColumns(sheet, plan.column + plan.headers.length - 1);
    sheet.getRange(1, plan.column, 1, plan.headers.length).setValues([plan.headers]);
    widen(sheet, plan.headers, plan.column);
    changed = true;
  }
  const frozenChanged = formatHeader(sheet, Math.max(sheet.getLastColumn(), 1));
  return formatRegistryDates(sheet) || changed || frozenChanged;
}

/** The registry's one date format: every date column shows its dates alike, whoever typed them. */
export const REGISTRY_DATE_FORMAT = 'yyyy-mm-dd';
const REGISTRY_DATE_HEADERS = ['DateHire', 'ArchivedOn', 'ActivityEnds'] as const;

/** Gives each registry date column the one date format, where it has another; true when it did. */
function formatRegistryDates(sheet: Sheet): boolean {
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = (sheet.getSheetValues(1, 1, 1, width)[0] ?? []).map((v) => String(v ?? ''));
  const layout = registryLayout(header);
  if (!layout.ok || sheet.getMaxRows() < 2) return false;
  let changed = false;
  for (const name of REGISTRY_DATE_HEADERS) {
    const column = layout.columns[name];
    if (!column) continue;
    const cells = sheet.getRange(2, column, sheet.getMaxRows() - 1, 1);
    if (cells.getNumberFormats().every(([format]) => format === REGISTRY_DATE_FORMAT)) continue;
    cells.setNumberFormat(REGISTRY_DATE_FORMAT);
    changed = true;
  }
  return changed;
}

export interface SetupResult {
  created: string[];
  repaired: string[];
}

/**
 * Lays out or repairs the six tabs. Missing tabs are created in the usual order; the registry is
 * set up first, since marking a template reads it.
 */
export function setupAllTabs(): SetupResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const existing = spreadsheet.getSheetByName(TABS.registry.sheet);
  const registryPlan: RegistryPlan = existing ? planRegistry(existing) : { kind: 'header', insertAbove: false };
  const tabs: TabKey[] = [...TEMPLATE_TABS, 'registry', 'log', 'batches', 'batchRows'];
  const created: string[] = [];
  const sheets = new Map<TabKey, Sheet>();
  for (const key of tabs) {
    let sheet = spreadsheet.getSheetByName(TABS[key].sheet);
    if (!sheet) {
      sheet = spreadsheet.insertSheet(TABS[key].sheet);
      created.push(TABS[key].sheet);
    }
    sheets.set(key, sheet);
  }
  const sheetOf = (key: TabKey): Sheet => sheets.get(key) as Sheet;
  const changed = new Set<TabKey>();
  if (setupRegistry(sheetOf('registry'), registryPlan)) changed.add('registry');
  for (const tab of TEMPLATE_TABS) if (setupTemplate(spreadsheet, sheetOf(tab), tab)) changed.add(tab);
  if (setupTextTab(sheetOf('log'), LOG_HEADERS, [1])) changed.add('log');
  if (setupTextTab(sheetOf('batches'), BATCH_HEADERS, BATCH_NUMBER_COLUMNS)) changed.add('batches');
  if (setupTextTab(sheetOf('batchRows'), BATCH_ROW_HEADERS, BATCH_ROW_NUMBER_COLUMNS)) changed.add('batchRows');
  return { created, repaired: tabs.filter((k) => changed.has(k) && !created.includes(TABS[k].sheet)).map((k) => TABS[k].sheet) };
}
