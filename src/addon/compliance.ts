/**
 * listDueForArchival, activeOn, getComplianceMonths, updateComplianceReport (api.md, Compliance),
 * and the log of cap changes. Each reads the registry, the log and the batch tabs once, whatever
 * their size; the report writes the Compliance tab in a fixed number of calls.
 */
import {
  LOG_CAP_CHANGED,
  activeOnDay,
  addMonths,
  buildTimelines,
  capChangeDetails,
  capChanges,
  complianceMonths,
  dueForArchival,
  isMonth,
  type ComplianceMonth,
  type LogRow,
} from '../core/compliance';
import { learnersOf } from '../core/batches';
import { canonicalCounty, employeeTypeOf } from '../core/counties';
import { parseDateText } from '../core/dates';
import { asText, cellText } from '../core/text';
import { failure, type Learner, type Settings } from '../core/types';
import { emailKey } from '../core/registry';
import { TABS } from '../core/tabs';
import { readLoop, stampOf, type Loop } from './batchSheets';
import { withDocumentLock } from './lock';
import { adminEmail, appendLog, readRegistrySheet, type RegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';
import { dateReader, today } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const MONTH_HEADERS = [
  'Month',
  'Active at start',
  'Created',
  'Reactivated',
  'Archived',
  'Active at end',
  'Cap',
  'Over (+) or under (−) the cap',
  'Undated',
];
const SNAPSHOT_HEADERS = ['Snapshot date', 'Active', 'Archived', 'Cap', 'Pending creations', 'Pending archivals', 'Who'];
const CHART_TITLE = 'Active accounts against the cap';
/** Twenty years of months: each month costs a pass over every learner's history. */
const MAX_MONTHS = 240;
/** The chart sits right of the month table, from column K. */
const CHART_COLUMN = MONTH_HEADERS.length + 2;

function noRegistry() {
  return failure('NO_TAB', `There is no "${TABS.registry.sheet}" tab yet: run "Set up templates" from the add-on menu.`);
}

/**
 * The log's rows. Timestamps are many and close together: their calendar dates are cached by
 * quarter hour, within which every time zone's date is the same.
 */
function readLog(spreadsheet: Spreadsheet, isoOfDate: (d: Date) => string): LogRow[] {
  const sheet = spreadsheet.getSheetByName(TABS.log.sheet);
  if (!sheet) return [];
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((v) => String(v).trim());
  const column = (name: string): number => header.indexOf(name);
  const [timestamp, action, userId, details, effective] = ['Timestamp', 'Action', 'UserID', 'Details', 'Effective'].map(column) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const days = new Map<number, string>();
  const dayOf = (value: unknown): string => {
    if (Object.prototype.toString.call(value) !== '[object Date]') return cellText(value, isoOfDate);
    const bucket = Math.floor((value as Date).getTime() / 900_000);
    let day = days.get(bucket);
    if (day === undefined) {
      day = cellText(value, isoOfDate);
      days.set(bucket, day);
    }
    return day;
  };
  const text = (row: unknown[], c: number): string => (c < 0 ? '' : cellText(row[c] ?? '', isoOfDate));
  return values.slice(1).map((row) => ({
    timestamp: timestamp < 0 ? '' : dayOf(row[timestamp]),
    action: text(row, action),
    userId: text(row, userId),
    details: text(row, details),
    effective: text(row, effective),
  }));
}

/** Learners in the open batches by kind: the snapshot's pending creations (and reactivations) and archivals. */
function pendingOf(loop: Loop): { pendingCreate: number; pendingArchive: number } {
  let pendingCreate = 0;
  let pendingArchive = 0;
  for (const batch of loop.open) {
    const count = learnersOf(loop.rows.learners, batch.batchId).length;
    if (batch.kind === 'archival') pendingArchive += count;
    else pendingCreate += count;
  }
  return { pendingCreate, pendingArchive };
}

/** Learners of the Settings county (all when none is set), as the projected Active count counts them. */
function countsHere(settings: Settings): (learner: Learner) => boolean {
  const county = canonicalCounty(settings.county);
  if (!county) return () => true;
  const type = employeeTypeOf(county);
  return (learner) => learner.employeeType === type;
}

interface Reads {
  spreadsheet: Spreadsheet;
  isoOfDate: (d: Date) => string;
  today: string;
  settings: Settings;
  registry: RegistrySheet;
  learners: Learner[];
}

function readAll(): Reads | null {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const isoOfDate = dateReader(spreadsheet);
  const registry = readRegistrySheet(spreadsheet, isoOfDate);
  if (!registry) return null;
  const settings = loadSettings();
  const here = countsHere(settings);
  return {
    spreadsheet,
    isoOfDate,
    today: today(spreadsheet, isoOfDate),
    settings,
    registry,
    learners: registry.read.entries.map((e) => e.learner).filter(here),
  };
}

/** A learner already in an open batch is on its way out (or in): not due. */
function dueOf(learners: readonly Learner[], date: string, loop: Loop) {
  return dueForArchival(learners, date, (l) => loop.index.learnerBatch.has(emailKey(l.email)));
}

/** getSummary's `dueForArchival`, from the registry it has already read. */
export function dueCount(spreadsheet: Spreadsheet, registry: RegistrySheet, settings: Settings, loop: Loop): number {
  const learners = registry.read.entries.map((e) => e.learner).filter(countsHere(settings));
  return dueOf(learners, today(spreadsheet), loop).learners.length;
}

export function listDueForArchival() {
  const reads = readAll();
  if (!reads) return noRegistry();
  const due = dueOf(reads.learners, reads.today, readLoop(reads.spreadsheet, stampOf(reads.spreadsheet)));
  return {
    ok: true as const,
    today: reads.today,
    learners: due.learners,
    noEndDate: due.noEndDate,
    registryProblems: reads.registry.read.problems,
  };
}

function timelinesOf(reads: Reads) {
  const log = readLog(reads.spreadsheet, reads.isoOfDate);
  const here = countsHere(reads.settings);
  // Learners only the log knows (a registry row deleted by hand) are kept: their county is unknown.
  const timelines = buildTimelines(
    reads.registry.read.entries.map((e) => e.learner),
    log,
  ).filter((t) => !t.inRegistry || here(t.learner));
  return { log, timelines };
}

export function activeOn(date: string) {
  const day = typeof date === 'string' ? parseDateText(date.trim()) : null;
  if (!day) return failure('BAD_ARGUMENT', `"${String(date)}" is not a date: give it as YYYY-MM-DD, like 2026-06-30.`);
  const reads = readAll();
  if (!reads) return noRegistry();
  const { learners, undated } = activeOnDay(timelinesOf(reads).timelines, day);
  return { ok: true as const, date: day, learners, undated, registryProblems: reads.registry.read.problems };
}

type MonthsOptions = { from?: string } | undefined;

function monthsOf(reads: Reads, options: MonthsOptions): ComplianceMonth[] | ReturnType<typeof failure> {
  const current = reads.today.slice(0, 7);
  const from = options?.from ?? addMonths(current, -11);
  if (typeof from !== 'string' || !isMonth(from) || from > current) {
    return failure('BAD_ARGUMENT', `"${String(from)}" is not a past month: give it as YYYY-MM, like ${addMonths(current, -11)}.`);
  }
  const earliest = addMonths(current, -(MAX_MONTHS - 1));
  if (from < earliest) {
    return failure('BAD_ARGUMENT', `The report covers at most ${MAX_MONTHS / 12} years: give a month from ${earliest} on.`);
  }
  const { log, timelines } = timelinesOf(reads);
  return complianceMonths(timelines, capChanges(log), reads.settings.activeCap, from, current);
}

export function getComplianceMonths(options?: { from?: string }) {
  const reads = readAll();
  if (!reads) return noRegistry();
  const months = monthsOf(reads, options);
  if (!Array.isArray(months)) return months;
  return { ok: true as const, months, registryProblems: reads.registry.read.problems };
}

function monthCells(m: ComplianceMonth): unknown[] {
  return [
    asText(m.month),
    m.start,
    m.created,
    m.reactivated,
    m.archived,
    m.end,
    m.cap ?? '',
    m.cap === null ? '' : m.end - m.cap,
    m.undated,
  ];
}

/**
 * Where the snapshots start: the row of their header, found by its text in column A, so rows an
 * admin inserts above it move it without losing it. 0 when there is none yet.
 */
function snapshotHeaderRow(values: unknown[][]): number {
  return values.findIndex((row) => row[0] === SNAPSHOT_HEADERS[0]) + 1;
}

/** The chart: built once, then updated in place with the month table's current rows. */
function drawChart(sheet: Sheet, lastRow: number): void {
  const ours = sheet.getCharts().find((c) => c.getOptions().get('title') === CHART_TITLE);
  const builder = (ours ? ours.modify().clearRanges() : sheet.newChart())
    .asLineChart()
    .addRange(sheet.getRange(1, 1, lastRow, 1))
    .addRange(sheet.getRange(1, 6, lastRow, 2))
    .setPosition(1, CHART_COLUMN, 0, 0)
    .setOption('title', CHART_TITLE)
    .setOption('legend', { position: 'bottom' })
    .setOption('vAxis', { title: 'Active accounts', minValue: 0 });
  if (ours) sheet.updateChart(builder.build());
  else sheet.insertChart(builder.build());
}

/**
 * Rewrites the month table (rows 1 to above the snapshots: the table's rows, blanks below them),
 * then the chart, then adds the snapshot row last: a run cut short before it wrote nothing twice,
 * and running it again completes it.
 */
export function updateComplianceReport(options?: { from?: string }) {
  return withDocumentLock(() => {
    const reads = readAll();
    if (!reads) return noRegistry();
    const months = monthsOf(reads, options);
    if (!Array.isArray(months)) return months;
    const { spreadsheet } = reads;
    const open = pendingOf(readLoop(spreadsheet, stampOf(spreadsheet)));
    const active = reads.learners.filter((l) => l.status === 'Active').length;
    const snapshot = {
      date: reads.today,
      active,
      archived: reads.learners.length - active,
      cap: reads.settings.activeCap,
      pendingCreate: open.pendingCreate,
      pendingArchive: open.pendingArchive,
    };

    const sheet = spreadsheet.getSheetByName(TABS.compliance.sheet) ?? spreadsheet.insertSheet(TABS.compliance.sheet);
    const values = sheet.getDataRange().getValues();
    const tableEnd = 1 + months.length;
    const wanted = tableEnd + 2; // one blank row between the table and the snapshots
    let header = snapshotHeaderRow(values);
    let nextSnapshot: number;
    if (header === 0) {
      const used = values.some((row) => row.some((v) => v !== '')) ? values.length : 0;
      header = Math.max(wanted, used + 2);
      nextSnapshot = header + 1;
    } else {
      let last = values.length;
      while (last > header && (values[last - 1] ?? []).every((v) => v === '')) last -= 1;
      nextSnapshot = last + 1;
      if (header < wanted) {
        // More months than room above the snapshots: move them down, never over them.
        sheet.insertRowsBefore(header, wanted - header);
        nextSnapshot += wanted - header;
        header = wanted;
      }
    }
    const maxRows = sheet.getMaxRows();
    if (nextSnapshot > maxRows) sheet.insertRowsAfter(maxRows, nextSnapshot - maxRows);

    const width = MONTH_HEADERS.length;
    const blank = Array<string>(width).fill('');
    const table = [MONTH_HEADERS, ...months.map(monthCells)];
    while (table.length < header - 1) table.push(blank);
    sheet.getRange(1, 1, table.length, width).setValues(table);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setColumnWidths(1, width, 120);
    drawChart(sheet, tableEnd);

    const { date, archived, cap, pendingCreate, pendingArchive } = snapshot;
    const snapshotRow = [date, active, archived, cap ?? '', pendingCreate, pendingArchive, asText(adminEmail())];
    const first = nextSnapshot === header + 1 ? header : nextSnapshot;
    const rows = first === header ? [SNAPSHOT_HEADERS, snapshotRow] : [snapshotRow];
    if (first === header) sheet.getRange(header, 1, 1, SNAPSHOT_HEADERS.length).setFontWeight('bold');
    // The snapshot is the last write: a run cut short before it has added none, and is run again.
    sheet.getRange(first, 1, rows.length, SNAPSHOT_HEADERS.length).setValues(rows);
    return { ok: true as const, months, snapshot, registryProblems: reads.registry.read.problems };
  });
}

/**
 * Logs a change of the cap (api.md: Action `Cap changed`, Details old → new, Effective the day
 * saved), so the report knows the cap in force in every month. saveSettings calls it before it
 * stores the new settings: the log is written before what it records, as everywhere.
 */
export function logCapChange(before: Settings, after: Settings): void {
  if (before.activeCap === after.activeCap) return;
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  appendLog(spreadsheet, [
    { action: LOG_CAP_CHANGED, userId: '', details: capChangeDetails(before.activeCap, after.activeCap), effective: today(spreadsheet) },
  ]);
}
