/**
 * Batches (api.md, "Batches"): one file handed to the LMS, open until its import log is recorded.
 * The two batch tabs as plain data: their headers, rows in and out, batch ids, file names, the
 * files themselves and the projected Active count. The shell only reads and writes the cells.
 */
import { AFFILIATION, HEADERS, type TemplateTab } from './columns';
import { canonicalCounty, countyOfEmployeeType, countySlug } from './counties';
import { toCsv } from './csv';
import type { VerdictKind } from './importLog';
import type { RowState } from './rowState';
import type { Learner, Problem } from './types';
import type { Record17, ValidatedRow } from './validate';

/** The 17 values of a row, by column (validate.ts): a batch row carries the file's. */
export type { Record17 };

export type BatchKind = 'creation' | 'archival' | 'reactivation';
export type BatchStatus = 'open' | 'applying' | 'confirmed' | 'cancelled';

export const BATCH_HEADERS = [
  'BatchID',
  'Kind',
  'Exported',
  'Admin',
  'Rows',
  'Filename',
  'Status',
  'Closed',
  'Failed',
  'UploadedOn',
  'OverCapReason',
] as const;

/** A learner of a batch: the 17 values its file carried, then what the import log said of it. */
export const BATCH_ROW_HEADERS = ['BatchID', 'Email', 'Kind', 'Row', ...HEADERS, 'ActivityEnds', 'Verdict', 'LogLine', 'Decision'] as const;

/** 1-based columns of the batch tabs that hold numbers; every other column is plain text. */
export const BATCH_NUMBER_COLUMNS = [BATCH_HEADERS.indexOf('Rows') + 1, BATCH_HEADERS.indexOf('Failed') + 1];
export const BATCH_ROW_NUMBER_COLUMNS = [BATCH_ROW_HEADERS.indexOf('Row') + 1];
/** 1-based column of Verdict in Upload Batch Rows: Verdict, LogLine and Decision follow it. */
export const VERDICT_COLUMN = BATCH_ROW_HEADERS.indexOf('Verdict') + 1;
/** 1-based columns of Status (Closed, Failed and UploadedOn follow it) in Upload Batches. */
export const STATUS_COLUMN = BATCH_HEADERS.indexOf('Status') + 1;

/** An open batch is stale after this many days without its import log. */
export const STALE_DAYS = 7;

export interface Batch {
  batchId: string;
  kind: BatchKind;
  /** 'YYYY-MM-DDTHH:mm' in the spreadsheet's time zone. */
  exported: string;
  admin: string;
  rows: number;
  /** '' for a batch recorded without a file (syncRegistry). */
  filename: string;
  status: BatchStatus;
  stale: boolean;
  closed: string;
  uploadedOn: string;
  failed: number;
  overCapReason: string;
}

/** A batch's row of Upload Batches, with its sheet row. */
export interface BatchRecord extends Batch {
  sheetRow: number;
}

export interface BatchLearner {
  batchId: string;
  /** As the file has it (case kept); compare with emailKey. */
  email: string;
  kind: BatchKind;
  /** Its row in the file, the header being row 1. */
  row: number;
  /** The 17 values exactly as written in the file. */
  values: Record17;
  /** 'YYYY-MM-DD' or '': the Creation tab's column S when exported. */
  activityEnds: string;
  /** '' until the import log is read. */
  verdict: VerdictKind | '';
  logLine: string;
  decision: 'applied' | 'failed' | '';
  /** 1-based row in Upload Batch Rows (0 before it is written). */
  sheetRow: number;
}

const KINDS: readonly BatchKind[] = ['creation', 'archival', 'reactivation'];
const STATUSES: readonly BatchStatus[] = ['open', 'applying', 'confirmed', 'cancelled'];
const BATCH_ID = /^B-(\d{8})-(\d+)$/;

/** `B-YYYYMMDD-N`, N one more than the highest of that day: never reused, even after a cancel. */
export function nextBatchId(existing: Iterable<string>, today: string): string {
  const day = today.replace(/-/g, '');
  let highest = 0;
  for (const id of existing) {
    const m = BATCH_ID.exec(id);
    if (m && m[1] === day) highest = Math.max(highest, Number(m[2]));
  }
  return `B-${day}-${highest + 1}`;
}

/** `cacwt-<kind>-<county-slug>-<batchId>.csv` */
export function batchFilename(kind: BatchKind, county: string, batchId: string): string {
  const canonical = canonicalCounty(county);
  return `cacwt-${kind}-${canonical ? countySlug(canonical) : 'no-county'}-${batchId}.csv`;
}

function toNumber(text: string): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

/** Minutes since 0000-01-01 of a 'YYYY-MM-DDTHH:mm' (or 'YYYY-MM-DD') text, for comparing two of them. */
function minutesOf(stamp: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(stamp);
  if (!m) return null;
  const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  return days * 1440 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0);
}

/** Open for more than STALE_DAYS days at `now` ('YYYY-MM-DDTHH:mm', same time zone). */
export function isStale(status: BatchStatus, exported: string, now: string): boolean {
  const from = minutesOf(exported);
  const to = minutesOf(now);
  return status === 'open' && from !== null && to !== null && to - from > STALE_DAYS * 1440;
}

/** A row of Upload Batches (as text, stamps already 'YYYY-MM-DDTHH:mm'); null for a row that is no batch. */
export function parseBatch(cells: readonly string[], sheetRow: number, now: string): BatchRecord | null {
  const at = (h: (typeof BATCH_HEADERS)[number]): string => cells[BATCH_HEADERS.indexOf(h)] ?? '';
  const kind = at('Kind') as BatchKind;
  const status = at('Status') as BatchStatus;
  if (!BATCH_ID.test(at('BatchID')) || !KINDS.includes(kind) || !STATUSES.includes(status)) return null;
  return {
    batchId: at('BatchID'),
    kind,
    exported: at('Exported'),
    admin: at('Admin'),
    rows: toNumber(at('Rows')),
    filename: at('Filename'),
    status,
    stale: isStale(status, at('Exported'), now),
    closed: at('Closed'),
    uploadedOn: at('UploadedOn'),
    failed: toNumber(at('Failed')),
    overCapReason: at('OverCapReason'),
    sheetRow,
  };
}

/** The cells of a batch's row in Upload Batches (numbers as numbers, the rest as text). */
export function batchCells(b: Batch): (string | number)[] {
  return [b.batchId, b.kind, b.exported, b.admin, b.rows, b.filename, b.status, b.closed, failedCell(b), b.uploadedOn, b.overCapReason];
}

/** Failed is known once the batch is confirmed: blank before. */
export function failedCell(b: Pick<Batch, 'status' | 'failed'>): number | string {
  return b.status === 'confirmed' ? b.failed : '';
}

/** The api's Batch, without the sheet row. */
export function publicBatch({ sheetRow: _row, ...batch }: BatchRecord): Batch {
  return batch;
}

const VERDICTS: readonly string[] = ['applied', 'failed', 'unclear', 'unmentioned'];

/** A row of Upload Batch Rows (as text); null for a row that is no batch learner. */
export function parseBatchLearner(cells: readonly string[], sheetRow: number): BatchLearner | null {
  const at = (i: number): string => cells[i] ?? '';
  const kind = at(2) as BatchKind;
  if (!BATCH_ID.test(at(0)) || !KINDS.includes(kind)) return null;
  const values = Object.fromEntries(HEADERS.map((h, i) => [h, at(4 + i)])) as Record17;
  const verdict = at(VERDICT_COLUMN - 1);
  const decision = at(VERDICT_COLUMN + 1);
  return {
    batchId: at(0),
    email: at(1),
    kind,
    row: toNumber(at(3)),
    values,
    activityEnds: at(4 + HEADERS.length),
    verdict: VERDICTS.includes(verdict) ? (verdict as VerdictKind) : '',
    logLine: at(VERDICT_COLUMN),
    decision: decision === 'applied' || decision === 'failed' ? decision : '',
    sheetRow,
  };
}

/** The cells of a learner's row in Upload Batch Rows. */
export function batchLearnerCells(l: BatchLearner): (string | number)[] {
  return [l.batchId, l.email, l.kind, l.row, ...HEADERS.map((h) => l.values[h]), l.activityEnds, l.verdict, l.logLine, l.decision];
}

/** What confirming does with a learner: the admin's decision where there is one, else the log's verdict. */
export function outcomeOf(l: Pick<BatchLearner, 'verdict' | 'decision'>): VerdictKind | '' {
  return l.decision || l.verdict;
}

/** The learners of a batch as the file had them, in file order. */
export function learnersOf(all: readonly BatchLearner[], batchId: string): BatchLearner[] {
  return all.filter((l) => l.batchId === batchId).sort((a, b) => a.row - b.row);
}

/** The file of a batch, byte for byte as it was exported. */
export function batchCsv(learners: readonly BatchLearner[]): string {
  return toCsv([[...HEADERS], ...learners.map((l) => HEADERS.map((h) => l.values[h]))]);
}

/**
 * The archival import row of a registry learner (Password and DateHire blank: domain.md), and
 * the reactivation row: the same columns with Status Active.
 */
export function statusFileValues(l: Learner, status: 'Active' | 'Archived'): Record17 {
  const values = Object.fromEntries(HEADERS.map((h) => [h, ''])) as Record17;
  return {
    ...values,
    UserID: l.userId,
    LastName: l.lastName,
    FirstName: l.firstName,
    Email: l.email,
    Status: status,
    Affiliation: l.affiliation || AFFILIATION,
    EmployeeType: l.employeeType,
  };
}

/** The learners a new batch carries, numbered as the rows of its file (the header is row 1). */
export function newBatchLearners(
  batchId: string,
  kind: BatchKind,
  files: readonly { values: Record17; activityEnds?: string }[],
): BatchLearner[] {
  return files.map((f, i) => ({
    batchId,
    email: f.values.Email,
    kind,
    row: i + 2,
    values: f.values,
    activityEnds: f.activityEnds ?? '',
    verdict: '',
    logLine: '',
    decision: '',
    sheetRow: 0,
  }));
}

export interface ProjectionInput {
  /** Registry learners (email and status, EmployeeType for the county). */
  registry: readonly Pick<Learner, 'email' | 'employeeType' | 'status'>[];
  /** The Settings county, '' for all. */
  county: string;
  /** Open (and applying) batches in export order, with their learners. */
  openBatches: readonly { kind: BatchKind; learners: readonly ProjectedLearner[] }[];
}

/** A learner of a batch as the projection sees it: a file's learners have no verdict yet. */
type ProjectedLearner = Pick<BatchLearner, 'email' | 'values'> & Partial<Pick<BatchLearner, 'verdict' | 'decision'>>;

const TARGET: Record<BatchKind, boolean> = { creation: true, reactivation: true, archival: false };

/**
 * The projected Active count of api.md: the registry's learners of the county as a set of emails,
 * the open batches applied in export order (failed learners left out), then `file` the same way.
 * Returns the count before and after the file.
 */
export function projectActive(
  input: ProjectionInput,
  file?: { kind: BatchKind; learners: readonly ProjectedLearner[] },
): { projectedBefore: number; projectedActive: number } {
  const county = canonicalCounty(input.county);
  const inCounty = (employeeType: string): boolean => !county || countyOfEmployeeType(employeeType) === county;
  const active = new Map<string, boolean>();
  for (const l of input.registry) {
    if (inCounty(l.employeeType)) active.set(l.email.trim().toLowerCase(), l.status === 'Active');
  }
  const apply = (kind: BatchKind, learners: readonly ProjectedLearner[]): void => {
    for (const l of learners) {
      if (l.decision === 'failed' || (!l.decision && l.verdict === 'failed')) continue;
      if (inCounty(l.values.EmployeeType)) active.set(l.email.trim().toLowerCase(), TARGET[kind]);
    }
  };
  const count = (): number => [...active.values()].filter(Boolean).length;
  for (const batch of input.openBatches) apply(batch.kind, batch.learners);
  const projectedBefore = count();
  if (file) apply(file.kind, file.learners);
  return { projectedBefore, projectedActive: count() };
}

/** "This file takes you to 1,067 Active accounts, 1,007 over the contract's 60." */
export function overCapMessage(projectedActive: number, cap: number): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return `This file takes you to ${n(projectedActive)} Active accounts, ${n(projectedActive - cap)} over the contract's ${n(cap)}. Archive learners first, or export anyway and say why.`;
}

/** What the loop knows of the open batches when checking a template tab. */
export interface LoopIndex {
  /** Ids of the batches open or being applied. */
  open: ReadonlySet<string>;
  /** Lower-cased email → the open batch that holds that learner. */
  learnerBatch: ReadonlyMap<string, string>;
}

export const NO_BATCHES: LoopIndex = { open: new Set(), learnerBatch: new Map() };

/**
 * The loop's own problems of a tab's checked rows (pending, changed or failed): a row the LMS
 * refused is an error with the log's line until edited; a learner already in an open batch is an
 * error naming it (a learner is in at most one open batch).
 */
export function loopProblems(
  tab: TemplateTab,
  checks: readonly ValidatedRow[],
  stateOf: (row: number) => RowState,
  index: LoopIndex,
): Problem[] {
  const problems: Problem[] = [];
  for (const check of checks) {
    const state = stateOf(check.row);
    const email = check.record.Email;
    if (state.kind === 'failed') {
      problems.push({
        tab,
        row: check.row,
        column: '',
        severity: 'error',
        message: `${email} failed in ${state.batchId}: "${state.line}". Fix the row as the import log says (editing it clears this), then export it again.`,
      });
    }
    const holder = index.learnerBatch.get(email.trim().toLowerCase());
    if (holder) {
      problems.push({
        tab,
        row: check.row,
        column: 'Email',
        severity: 'error',
        message: `${email} is in ${holder}, which waits for its import log: record that log (or cancel the batch) before exporting this learner again.`,
      });
    }
  }
  return problems;
}
