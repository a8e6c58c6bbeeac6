/**
 * importCsv, reconcileLms and applyLms (api.md, "Files in"): the shell reads the file or the tab,
 * the tabs and the registry in a constant number of Sheets calls, and writes only what changes.
 */
import { HEADERS, type ColumnName, type TemplateTab } from '../core/columns';
import { canonicalCounty } from '../core/counties';
import { parseDateText } from '../core/dates';
import { loadedColumns, mapColumns, parseFileText, planLoad, tableOf, type ColumnMap, type Table } from '../core/files';
import { emailKey, type LogEntry } from '../core/registry';
import { pushTo } from '../core/maps';
import { lmsChanges, lmsSource, openBatchesOf, reconcile, type LmsChanges, type OpenBatch } from '../core/reconcile';
import { parseRowState } from '../core/rowState';
import { asText, cellText } from '../core/text';
import { failure, type Failure } from '../core/types';
import { TABS } from '../core/tabs';
import { markTab } from './liveValidation';
import { withDocumentLock } from './lock';
import { appendLog, appendRows, readRegistrySheet, writeRegistryChanges, type RegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';
import { TEMPLATE_TABS, dateReader, today } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A file's text, or `{ sheet }`: a tab of this spreadsheet, header first (api.md). */
export type FileSource = string | { sheet: string };

/** The hidden state column of a template tab (design.md), found by its header. */
const STATE_HEADER = 'State (not exported)';

interface Source {
  table: Table;
  /** The tab's name for `{ sheet }`, '' for a file's text. */
  sheetName: string;
}

/** The arguments are checked at the boundary (core/args.ts): a text or `{ sheet }`. */
function readSource(spreadsheet: Spreadsheet, source: FileSource): Source | Failure {
  if (typeof source === 'string') {
    const table = parseFileText(source);
    return 'ok' in table ? table : { table, sheetName: '' };
  }
  const name = source.sheet;
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) return failure('NO_TAB', `There is no tab named "${name}" in this spreadsheet.`);
  const isoOfDate = dateReader(spreadsheet);
  const table = tableOf(
    sheet
      .getDataRange()
      .getValues()
      .map((row) => row.map((v) => cellText(v, isoOfDate))),
  );
  return 'ok' in table ? table : { table, sheetName: name };
}

function noEmailColumn(table: Table): Failure {
  return failure(
    'BAD_FILE',
    `The file has no Email column (its columns: ${table.header.join(', ') || 'none'}). Name the column of email addresses Email, or choose it in the mapping. Nothing was loaded.`,
  );
}

function cellToWrite(name: ColumnName, text: string): string {
  // A date read from the file goes in as 'YYYY-MM-DD', which Sheets stores as a date, as when typed;
  // everything else as text, so `=HYPERLINK(…)` or `00123` stays what the file said.
  return name === 'DateHire' && /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDateText(text) ? text : asText(text);
}

export interface ImportOptions {
  asArchival?: boolean;
  dryRun?: boolean;
  mapping?: Record<string, string>;
}

export function importCsv(tab: TemplateTab, source: FileSource, options: ImportOptions = {}) {
  const asArchival = options?.asArchival === true;
  if (asArchival && tab !== 'archival') return failure('BAD_ARGUMENT', 'asArchival loads a creation file onto the Archival tab only.');
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const read = readSource(spreadsheet, source);
  if ('ok' in read) return read;
  const map = mapColumns(read.table.header, options?.mapping ?? {});
  if ('ok' in map) return map;
  if (map.index.Email === undefined) return noEmailColumn(read.table);
  const load = () => {
    const sheet = spreadsheet.getSheetByName(TABS[tab].sheet);
    if (!sheet) return failure('NO_TAB', `There is no "${TABS[tab].sheet}" tab yet: run "Set up templates" from the add-on menu.`);
    // The tab's Email and state columns only: what "already on the tab" needs.
    const last = sheet.getLastRow();
    const header = sheet.getSheetValues(1, 1, 1, Math.max(sheet.getLastColumn(), 1))[0] ?? [];
    const column = (index: number): unknown[] =>
      index >= 0 && last > 1 ? sheet.getSheetValues(2, index + 1, last - 1, 1).map((r) => r[0]) : [];
    const emails = column(HEADERS.indexOf('Email'));
    const states = column(header.map(String).indexOf(STATE_HEADER));
    const onTab = new Map<string, number>();
    emails.forEach((email, i) => {
      const key = emailKey(String(email ?? ''));
      if (key === '' || onTab.has(key) || parseRowState(String(states[i] ?? '')).kind === 'done') return;
      onTab.set(key, i + 2);
    });
    let date = '';
    const todayOnce = (): string => (date ||= today(spreadsheet));
    const plan = planLoad(tab, read.table, map, { asArchival }, loadSettings(), onTab, todayOnce);
    const firstRow = Math.max(last, 1) + 1;
    const added = plan.rows.length;
    if (!options?.dryRun && added + plan.skipped.length > 0) {
      appendRows(
        sheet,
        plan.rows.map((r) => r.cells.map((text, c) => cellToWrite(HEADERS[c] as ColumnName, text))),
      );
      // Marked even when every row was skipped: a load cut short before its marks is finished by
      // loading the same file again.
      markTab(spreadsheet, sheet, tab, firstRow - 2 + added);
    }
    return {
      ok: true as const,
      tab,
      added,
      firstRow: added > 0 ? firstRow : 0,
      lastRow: added > 0 ? firstRow + added - 1 : 0,
      ...loadedColumns(map, { asArchival }),
      skipped: plan.skipped,
    };
  };
  return options?.dryRun ? load() : withDocumentLock(load);
}

// ---------------------------------------------------------------- the LMS

/** Rows of a tab by header names; [] when the tab does not exist yet. */
function rowsByHeader(spreadsheet: Spreadsheet, name: string, headers: readonly string[]): string[][] {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) return [];
  const [header = [], ...body] = sheet.getDataRange().getValues();
  const at = headers.map((h) => header.map(String).indexOf(h));
  if (at.some((i) => i < 0)) return [];
  return body.map((row) => at.map((i) => cellText(row[i], () => '')));
}

/** The batch tabs (design.md), read by their headers: open batches and every learner in a batch. */
function readBatches(spreadsheet: Spreadsheet): { open: OpenBatch[]; emails: Set<string> } {
  const batches = rowsByHeader(spreadsheet, TABS.batches.sheet, ['BatchID', 'Kind', 'Status']);
  const rows = rowsByHeader(spreadsheet, TABS.batchRows.sheet, ['BatchID', 'Email']);
  return { open: openBatchesOf(batches, rows), emails: new Set(rows.map(([, email = '']) => emailKey(email))) };
}

/** Lower-cased emails on the template tabs: the Email column only. */
function templateEmails(spreadsheet: Spreadsheet): string[] {
  return TEMPLATE_TABS.flatMap((tab) => {
    const sheet = spreadsheet.getSheetByName(TABS[tab].sheet);
    const last = sheet?.getLastRow() ?? 0;
    if (!sheet || last < 2) return [];
    return sheet.getSheetValues(2, HEADERS.indexOf('Email') + 1, last - 1, 1).map((r) => emailKey(String(r[0])));
  });
}

interface Compared {
  registry: RegistrySheet;
  state: Exclude<ReturnType<typeof reconcile>, Failure>;
  sheetName: string;
}

function compare(spreadsheet: Spreadsheet, source: FileSource): Compared | Failure {
  const county = canonicalCounty(loadSettings().county);
  if (!county) return failure('BAD_SETTINGS', 'Choose your county in Settings first: only its partners are compared.');
  const read = readSource(spreadsheet, source);
  if ('ok' in read) return read;
  const map = mapColumns(read.table.header) as ColumnMap;
  const registry = readRegistrySheet(spreadsheet);
  if (!registry) return failure('NO_TAB', `There is no "${TABS.registry.sheet}" tab yet: run "Set up templates" from the add-on menu.`);
  const batches = readBatches(spreadsheet);
  const state = reconcile(read.table, map, {
    county,
    registry: registry.read,
    onTabsOrBatches: new Set([...templateEmails(spreadsheet), ...batches.emails]),
    openBatches: batches.open,
  });
  return 'ok' in state ? state : { registry, state, sheetName: read.sheetName };
}

export function reconcileLms(source: FileSource) {
  const compared = compare(SpreadsheetApp.getActiveSpreadsheet(), source);
  if ('ok' in compared) return compared;
  return { ok: true as const, ...compared.state.result, registryProblems: compared.registry.read.problems };
}

/**
 * The one write of applyLms: the log first, then only the registry cells that change (the writer
 * the upload loop uses: a formula or a hand edit in any other cell stays), the new learners
 * appended. A learner whose change from this file, on this date, is already logged (a run cut
 * short, maybe between two of its cells) is not logged again: running it again keeps the log whole.
 */
function recordLmsChanges(spreadsheet: Spreadsheet, registry: RegistrySheet, changes: LmsChanges, source: string): void {
  const suffix = ` (${source})`;
  const logged = new Map<string, string[]>();
  for (const [userId = '', details = ''] of rowsByHeader(spreadsheet, TABS.log.sheet, ['UserID', 'Details'])) {
    if (details.endsWith(suffix)) pushTo(logged, emailKey(userId), details.slice(0, -suffix.length));
  }
  // A run cut short wrote some of a learner's cells: the change still to make is part of the line
  // it logged (each "Field before → after" of it). Another change from a same-named file is logged.
  const alreadyLogged = (e: LogEntry): boolean => {
    const parts = e.details.slice(0, -suffix.length).split('; ');
    return (logged.get(emailKey(e.userId)) ?? []).some((line) => parts.every((part) => line.split('; ').includes(part)));
  };
  appendLog(
    spreadsheet,
    changes.log.filter((e) => !alreadyLogged(e)),
  );
  writeRegistryChanges(registry, changes.cells, changes.added);
}

export interface ApplyOptions {
  asOf?: string;
  fileName?: string;
}

export function applyLms(source: FileSource, userIds: string[], options: ApplyOptions = {}) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const todayIso = today(spreadsheet);
  const asOf = options?.asOf ?? todayIso;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !parseDateText(asOf) || asOf > todayIso) {
    return failure(
      'BAD_ARGUMENT',
      `"${String(asOf)}" is not the date the change happened: give a past date as YYYY-MM-DD, like ${todayIso}.`,
    );
  }
  return withDocumentLock(() => {
    const compared = compare(spreadsheet, source);
    if ('ok' in compared) return compared;
    const fileName = options?.fileName || compared.sheetName || 'LMS export';
    const changes = lmsChanges(compared.state, compared.registry.read, userIds, asOf, fileName);
    recordLmsChanges(spreadsheet, compared.registry, changes, lmsSource(fileName, asOf));
    return { ok: true as const, changed: changes.changed.length, problems: changes.problems };
  });
}
