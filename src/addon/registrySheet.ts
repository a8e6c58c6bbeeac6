/**
 * The registry and log tabs: read once, written in one batch per tab. Only columns A:J of the
 * registry are the add-on's (J, ActivityEnds, once setupTemplates has put its header there);
 * columns an admin adds to the right are never touched.
 */
import { HEADERS, STATUS_BY_TAB, type ColumnName } from '../core/columns';
import { LOG_HEADERS, REGISTRY_HEADERS, readRegistry, type LogEntry, type RegistryEntry, type RegistryRead } from '../core/registry';
import { asText, asWritten, cellText } from '../core/text';
import type { Learner } from '../core/types';
import { TAB_NAMES, dateReader } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const ACTIVITY_ENDS = REGISTRY_HEADERS.indexOf('ActivityEnds');

export interface RegistrySheet {
  sheet: Sheet;
  /** The add-on's columns: A:J, or A:I in a registry made before ActivityEnds (J is then the admin's). */
  width: number;
  /** Values of the add-on's columns from row 2 as read, to write untouched rows back exactly. */
  raw: unknown[][];
  read: RegistryRead;
}

/** Three Sheets calls whatever the registry holds (the time zone is asked for once per reader). */
export function readRegistrySheet(spreadsheet: Spreadsheet, isoOfDate = dateReader(spreadsheet)): RegistrySheet | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.registry);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  const width = values[0]?.[ACTIVITY_ENDS] === 'ActivityEnds' ? REGISTRY_HEADERS.length : ACTIVITY_ENDS;
  const raw = values.slice(1).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  return { sheet, width, raw, read: readRegistry(raw.map((r) => r.map((v) => cellText(v, isoOfDate)))) };
}

/** A learner as registry cells: text stays text; dates as 'YYYY-MM-DD', which Sheets stores as a date. */
function registryCells(l: Learner): unknown[] {
  return [
    asText(l.userId),
    asText(l.firstName),
    asText(l.lastName),
    asText(l.email),
    asText(l.employeeType),
    asText(l.affiliation),
    l.status,
    l.dateHire,
    l.archivedOn,
    l.activityEnds,
  ];
}

/**
 * Appends rows below the last one (never over the header), growing the sheet first if it is
 * full: four calls at most. Returns the first row written.
 */
function appendRows(sheet: Sheet, values: unknown[][]): number {
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (values.length === 0) return first;
  const maxRows = sheet.getMaxRows();
  const needed = first - 1 + values.length;
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet.getRange(first, 1, values.length, (values[0] as unknown[]).length).setValues(values);
  return first;
}

/**
 * Writes the changed entries: existing rows as one block spanning the first to the last changed
 * row (the rows between are written back as read), new entries appended after. Two or three calls.
 */
export function writeRegistry(registry: RegistrySheet, changed: readonly RegistryEntry[]): void {
  const existing = changed.filter((e) => e.row > 0);
  if (existing.length > 0) {
    const first = Math.min(...existing.map((e) => e.row));
    const last = Math.max(...existing.map((e) => e.row));
    const block = registry.raw.slice(first - 2, last - 1).map((r) => r.map(asWritten));
    for (const entry of existing) block[entry.row - first] = registryCells(entry.learner).slice(0, registry.width);
    registry.sheet.getRange(first, 1, block.length, registry.width).setValues(block);
  }
  const added = changed.filter((e) => e.row === 0);
  const firstNew = appendRows(
    registry.sheet,
    added.map((e) => registryCells(e.learner).slice(0, registry.width)),
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

/** One log row per change: when, who, what, which learner, what changed. Never a password. */
export function appendLog(spreadsheet: Spreadsheet, entries: readonly LogEntry[]): void {
  if (entries.length === 0) return;
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.log) ?? spreadsheet.insertSheet(TAB_NAMES.log);
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues([[...LOG_HEADERS]]);
  const now = new Date();
  const admin = asText(activeUserEmail());
  appendRows(
    sheet,
    entries.map((e) => [now, admin, e.action, asText(e.userId), asText(e.details), '', asText(e.effective ?? '')]),
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
