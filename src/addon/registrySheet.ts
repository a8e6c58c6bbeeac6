/**
 * The registry and log tabs: read once, written in one batch per tab. The registry's columns are
 * found by their headers (registryRead.ts); columns an admin adds are never read as learners' data.
 */
import { HEADERS, STATUS_BY_TAB, type ColumnName } from '../core/columns';
import { LOG_HEADERS, type LogEntry } from '../core/registry';
import {
  REGISTRY_ALL_HEADERS,
  badRegistry,
  readRegistry,
  registryLayout,
  type RegistryEntry,
  type RegistryHeader,
  type RegistryRead,
} from '../core/registryRead';
import { Refusal } from '../core/refused';
import { asText, asWritten, cellText, clip } from '../core/text';
import type { Learner } from '../core/types';
import { TAB_NAMES, dateReader } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RegistrySheet {
  sheet: Sheet;
  /** Every data row (from row 2) as getValues gave it, all columns, to write untouched cells back exactly. */
  raw: unknown[][];
  read: RegistryRead;
}

/**
 * Three Sheets calls whatever the registry holds (the time zone is asked for once per reader).
 * Columns are found by their headers; broken headers are refused (BAD_REGISTRY) before anything
 * is written, through the Refusal every server function's boundary turns into its answer.
 */
export function readRegistrySheet(spreadsheet: Spreadsheet, isoOfDate = dateReader(spreadsheet)): RegistrySheet | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.registry);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  const layout = registryLayout((values[0] ?? []).map((v) => cellText(v, isoOfDate)));
  if (!layout.ok) throw new Refusal(badRegistry(TAB_NAMES.registry, layout));
  const ours = new Set(Object.values(layout.columns).filter((c) => c > 0));
  // Only the add-on's columns are turned into text: the admin's own columns are never read.
  const text = (row: unknown[]): string[] => row.map((v, i) => (ours.has(i + 1) ? cellText(v, isoOfDate) : ''));
  const raw = values.slice(1);
  return { sheet, raw, read: readRegistry(raw.map(text), layout.columns) };
}

/** A learner's registry cell: text stays text; dates as 'YYYY-MM-DD', which Sheets stores as a date. */
function registryCell(l: Learner, header: RegistryHeader): unknown {
  switch (header) {
    case 'UserID':
      return asText(l.userId);
    case 'FirstName':
      return asText(l.firstName);
    case 'LastName':
      return asText(l.lastName);
    case 'Email':
      return asText(l.email);
    case 'EmployeeType':
      return asText(l.employeeType);
    case 'Affiliation':
      return asText(l.affiliation);
    case 'Status':
      return l.status;
    case 'DateHire':
      return l.dateHire;
    case 'ArchivedOn':
      return l.archivedOn;
    case 'ActivityEnds':
      return l.activityEnds;
  }
}

/**
 * Appends rows below the last one (never over the header), from column `left`, growing the sheet
 * first if it is full: four calls at most. Returns the first row written.
 */
export function appendRows(sheet: Sheet, values: unknown[][], left = 1): number {
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (values.length === 0) return first;
  const maxRows = sheet.getMaxRows();
  const needed = first - 1 + values.length;
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet.getRange(first, left, values.length, (values[0] as unknown[]).length).setValues(values);
  return first;
}

/**
 * Writes the changed entries, each cell in the column its header names: existing rows as one
 * block spanning the first to the last changed row and the add-on's leftmost to rightmost column
 * (cells between are written back as read), new entries appended after. Two or three calls.
 */
export function writeRegistry(registry: RegistrySheet, changed: readonly RegistryEntry[]): void {
  const { columns } = registry.read;
  const ours = REGISTRY_ALL_HEADERS.filter((h) => columns[h] > 0);
  const left = Math.min(...ours.map((h) => columns[h])); // at most ten columns
  const width = Math.max(...ours.map((h) => columns[h])) - left + 1;
  const cells = (l: Learner, base: unknown[]): unknown[] => {
    for (const h of ours) base[columns[h] - left] = registryCell(l, h);
    return base;
  };
  const existing = changed.filter((e) => e.row > 0);
  if (existing.length > 0) {
    // A loop, not Math.min(...rows): a spread of a huge array overflows the stack.
    let first = Infinity;
    let last = 0;
    for (const e of existing) {
      first = Math.min(first, e.row);
      last = Math.max(last, e.row);
    }
    const block = registry.raw
      .slice(first - 2, last - 1)
      .map((r) => Array.from({ length: width }, (_, c) => asWritten(r[left - 1 + c] ?? '')));
    for (const entry of existing) cells(entry.learner, block[entry.row - first] as unknown[]);
    registry.sheet.getRange(first, left, block.length, width).setValues(block);
  }
  const added = changed.filter((e) => e.row === 0);
  const firstNew = appendRows(
    registry.sheet,
    added.map((e) => cells(e.learner, Array<unknown>(width).fill(''))),
    left,
  );
  added.forEach((entry, i) => {
    entry.row = firstNew + i;
  });
}

export function activeUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch {
    return ''; // Apps Script may refuse the admin's identity (consumer accounts, other domains)
  }
}

/** A log cell's Details are cut to this many characters, far below a cell's limit. */
const MAX_LOG_DETAILS = 5_000;

/** One log row per change: when, who, what, which learner, what changed. Never a password. */
export function appendLog(spreadsheet: Spreadsheet, entries: readonly LogEntry[]): void {
  if (entries.length === 0) return;
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.log) ?? spreadsheet.insertSheet(TAB_NAMES.log);
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues([[...LOG_HEADERS]]);
  const now = new Date();
  const admin = asText(activeUserEmail());
  appendRows(
    sheet,
    // Details quote names typed by hand in the registry: cut so a log cell stays within Sheets' limit.
    entries.map((e) => [now, admin, e.action, asText(e.userId), asText(clip(e.details, MAX_LOG_DETAILS)), '', asText(e.effective ?? '')]),
  );
}

/** The archival import row of a learner (Password and DateHire blank: domain.md). */
export function archivalFields(l: Learner, status: Learner['status']): Record<ColumnName, string> {
  const fields = Object.fromEntries(HEADERS.map((h) => [h, ''])) as Record<ColumnName, string>;
  return {
    ...fields,
    UserID: l.userId,
    LastName: l.lastName,
    FirstName: l.firstName,
    Email: l.email,
    Status: status,
    Affiliation: l.affiliation,
    EmployeeType: l.employeeType,
  };
}

/**
 * Adds learners to the Archival tab below its rows, skipping any already listed there. Returns
 * the tab and its number of data rows now, or null when nothing was added (or there is no tab).
 */
export function addToArchivalTab(spreadsheet: Spreadsheet, learners: readonly Learner[]): { sheet: Sheet; rows: number } | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.archival);
  if (!sheet) return null;
  const rows = sheet.getLastRow();
  const emailColumn = HEADERS.indexOf('Email') + 1;
  const listed = new Set(
    rows > 1
      ? sheet
          .getRange(2, emailColumn, rows - 1, 1)
          .getValues()
          .map((r) => String(r[0]).trim().toLowerCase())
      : [],
  );
  const fresh = learners.filter((l) => !listed.has(l.email.toLowerCase()));
  const first = appendRows(
    sheet,
    fresh.map((l) => {
      const fields = archivalFields(l, STATUS_BY_TAB.archival);
      return HEADERS.map((h) => asText(fields[h]));
    }),
  );
  return fresh.length > 0 ? { sheet, rows: first - 2 + fresh.length } : null;
}
