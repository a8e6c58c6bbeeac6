/**
 * The upload loop (api.md, "Batches"; docs/design.md, "A batch"): export opens a batch, the LMS's
 * import log confirms it, cancel drops it. Every write runs under the document lock, in an order
 * that a run cut short at any Sheets call leaves either unchanged or finished by running again.
 */
import { span } from '../core/maps';
import {
  batchCsv,
  batchFilename,
  learnersOf,
  newBatchLearners,
  nextBatchId,
  outcomeOf,
  overCapMessage,
  projectActive,
  publicBatch,
  type BatchKind,
  type BatchLearner,
  type BatchRecord,
  type LoopIndex,
  type Record17,
} from '../core/batches';
import { HEADERS, type TemplateTab } from '../core/columns';
import { formatIsoDate, parseDateText } from '../core/dates';
import { logNamesNoLearner, readImportLog, type Verdict } from '../core/importLog';
import { emailKey, type RegistryEntry, type RegistryRead } from '../core/registry';
import { applyToRegistry, registryAfter, type RegistryChanges, type SourceOf } from '../core/registryChanges';
import { nameKey } from '../core/duplicates';
import { PENDING, STATE_COLUMN, effectiveState, formatRowState, parseRowState, type RowState } from '../core/rowState';
import { failure, type Failure, type Problem, type Settings } from '../core/types';
import type { TabValidation } from '../core/validate';
import { TABS } from '../core/tabs';
import {
  appendBatch,
  ensureBatchTabs,
  isOpen,
  readBatchRows,
  readBatchTab,
  readLoop,
  stampOf,
  writeBatchRows,
  writeBatchStatus,
  writeVerdicts,
  type Loop,
} from './batchSheets';
import { emailsOf, errorCount, registryForRows, validateTemplate, validateTemplateTab } from './templateValidation';
import { writeMarks } from './liveValidation';
import { ensureDoneRule } from './doneRule';
import { withDocumentLock } from './lock';
import { readRegistryFor } from './registryLookup';
import { adminEmail, appendLog, columnRuns, loggedForBatch, writeRegistryChanges, type RegistryPart } from './registrySheet';
import { loadSettings } from './settingsStore';
import { dateReader, isTemplateTab, readTemplate, today, type TemplateValues } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function badTab(tab: unknown): Failure {
  return failure('BAD_ARGUMENT', `"${String(tab)}" is not a template tab: use creation or archival.`);
}

export function noTab(name: string): Failure {
  return failure('NO_TAB', `There is no "${name}" tab yet: run "Set up templates" from the add-on menu.`);
}

function noBatch(batchId: unknown): Failure {
  return failure('NO_BATCH', `There is no batch "${String(batchId)}": pick one from the list of batches.`);
}

function closed(record: BatchRecord): Failure {
  const what =
    record.status === 'applying'
      ? 'is being recorded: record it again (Confirm) to finish'
      : `was already ${record.status}${record.closed ? ` on ${record.closed.replace('T', ' at ')}` : ''}`;
  return failure('BATCH_CLOSED', `${record.batchId} ${what}, so it cannot be changed now.`);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The tab whose rows a batch of this kind stamps (a reactivation has none). */
function tabOfKind(kind: BatchKind): TemplateTab | null {
  return kind === 'reactivation' ? null : kind;
}

/** What the cap check needs: the projection of api.md before and after a file. */
function projection(
  registry: readonly RegistryEntry[],
  settings: Settings,
  loop: Loop,
  file?: { kind: BatchKind; learners: BatchLearner[] },
) {
  return projectActive(
    {
      registry: registry.map((e) => e.learner),
      county: settings.county,
      openBatches: loop.open.map((b) => ({ kind: b.kind, learners: learnersOf(loop.rows.learners, b.batchId) })),
    },
    file,
  );
}

interface CapOptions {
  allowOverCap?: unknown;
  overCapReason?: unknown;
}

/** OVER_CAP unless the admin said, with a reason, to go over; null when the file may go. */
export function overCap(numbers: { projectedBefore: number; projectedActive: number }, settings: Settings, options: CapOptions) {
  const cap = settings.activeCap;
  if (cap === null || numbers.projectedActive <= cap || numbers.projectedActive <= numbers.projectedBefore) return null;
  if (options.allowOverCap === true && typeof options.overCapReason === 'string' && options.overCapReason.trim() !== '') return null;
  return { ...failure('OVER_CAP', overCapMessage(numbers.projectedActive, cap)), ...numbers, activeCap: cap };
}

export function reasonOf(options: CapOptions, numbers: { projectedActive: number }, settings: Settings): string {
  const cap = settings.activeCap;
  return cap !== null && numbers.projectedActive > cap && typeof options.overCapReason === 'string' ? options.overCapReason.trim() : '';
}

/** Logs an export over the cap with its reason, once per batch (a run cut short logs it again only if it was never written). */
export function logOverCap(
  spreadsheet: Spreadsheet,
  batchId: string,
  reason: string,
  numbers: { projectedActive: number },
  cap: number,
): void {
  if (!reason || loggedForBatch(spreadsheet, batchId).has('')) return;
  appendLog(spreadsheet, [
    {
      action: 'exported over cap',
      userId: '',
      details: `${numbers.projectedActive} Active after this file, ${numbers.projectedActive - cap} over the cap of ${cap}. Reason: ${reason}`,
      batch: batchId,
      effective: '',
    },
  ]);
}

function newRecord(
  spreadsheet: Spreadsheet,
  batchId: string,
  kind: BatchKind,
  rows: number,
  settings: Settings,
  more: Partial<BatchRecord> = {},
): BatchRecord {
  return {
    batchId,
    kind,
    exported: stampOf(spreadsheet),
    admin: adminEmail(),
    rows,
    filename: batchFilename(kind, settings.county, batchId),
    status: 'open',
    stale: false,
    closed: '',
    uploadedOn: '',
    failed: 0,
    overCapReason: '',
    sheetRow: 0,
    ...more,
  };
}

/** Sets the state of the given rows (a RangeList per state text), and leaves every other cell alone. */
export function writeStates(sheet: Sheet, tab: TemplateTab, states: ReadonlyMap<number, string>): void {
  const byText = new Map<string, number[]>();
  for (const [row, text] of states) {
    const rows = byText.get(text) ?? [];
    rows.push(row);
    byText.set(text, rows);
  }
  // Texts shared by many rows (open, done) are one write each; a failed row's own line is written
  // with the others in one block of the column, whose rows between keep their state as read.
  const shared = [...byText].filter(([text]) => !text.startsWith('failed '));
  for (const [text, rows] of shared) sheet.getRangeList(columnRuns(STATE_COLUMN[tab], rows)).setValue(text);
  const own = [...states].filter(([, text]) => text.startsWith('failed '));
  if (own.length === 0) return;
  const rows = own.map(([row]) => row);
  const { first, last } = span(rows);
  const range = sheet.getRange(first, STATE_COLUMN[tab], last - first + 1, 1);
  const read = range.getValues();
  const byRow = new Map(own);
  range.setValues(read.map((r, i) => [byRow.get(first + i) ?? r[0]]));
}

/** The file values of a checked row, as the CSV has them (DateHire in the chosen format). */
function fileValues(record: Record17, settings: Settings): Record17 {
  const values = { ...record };
  if (values.DateHire) values.DateHire = formatIsoDate(values.DateHire, settings.dateFormat);
  return values;
}

// ------------------------------------------------------------------------------------ export

export interface ExportOptions extends CapOptions {
  rows?: unknown;
  /** A confirmed batch's id: only the rows of the learners that failed in it (once fixed). */
  failedIn?: unknown;
}

/**
 * The sheet rows of `check` holding a learner that failed in batch `batchId` (its import log, or the
 * admin's decision): what "Re-export failed rows" takes. A Failure for an unknown batch or another tab's.
 */
function failedRows(spreadsheet: Spreadsheet, check: TabValidation, loop: Loop, batchId: string): number[] | Failure {
  const record = loop.tab.byId.get(batchId.trim());
  if (!record) return noBatch(batchId);
  if (record.kind !== check.tab) {
    return failure('BAD_ARGUMENT', `${record.batchId} is a batch of ${record.kind} learners, not of the ${TABS[check.tab].label} tab.`);
  }
  const failed = new Set(
    learnersOf(readBatchRows(spreadsheet, new Set([record.batchId])).learners, record.batchId)
      .filter((l) => outcomeOf(l) === 'failed')
      .map((l) => emailKey(l.email)),
  );
  return check.checks.filter((c) => failed.has(emailKey(c.record.Email))).map((c) => c.row);
}

function exportRows(check: TabValidation, picked: number[] | null): { rows: number[]; problem: string | null } {
  const candidates = new Set(check.checks.map((c) => c.row));
  if (!picked) return { rows: [...candidates], problem: null };
  const wrong = picked.find((r) => !candidates.has(r));
  if (wrong !== undefined) {
    return {
      rows: [],
      problem: `Row ${wrong} has nothing to export: it is blank, done, or in a batch waiting for its import log. Pick rows that read Ready.`,
    };
  }
  return { rows: picked, problem: null };
}

export function exportCsv(tab: TemplateTab, options: ExportOptions = {}) {
  if (!isTemplateTab(tab)) return badTab(tab);
  const opts = options ?? {};
  if (typeof opts !== 'object') return failure('BAD_ARGUMENT', 'The export options must be an object, like { rows: [2, 3] }.');
  const picked = opts.rows;
  if (picked !== undefined && (!Array.isArray(picked) || picked.some((r) => !Number.isInteger(r) || (r as number) < 2))) {
    return failure('BAD_ARGUMENT', 'options.rows must list sheet row numbers from 2 down, like [2, 3, 7].');
  }
  const failedIn = opts.failedIn;
  if (failedIn !== undefined && (typeof failedIn !== 'string' || picked !== undefined)) {
    return failure('BAD_ARGUMENT', 'options.failedIn must be the id of one batch, like B-20261129-1, given without options.rows.');
  }
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const now = stampOf(spreadsheet);
    const loop = readLoop(spreadsheet, now, true);
    // What the projected Active count needs of every row (whether it reads, its status), and the
    // check of the tab's learners (their dates): one read of the registry, once the tab is read.
    let registry = null as ReturnType<typeof readRegistryFor>;
    const report = validateTemplateTab(
      spreadsheet,
      tab,
      (values, isoOfDate) => {
        registry = readRegistryFor(spreadsheet, isoOfDate, { emails: emailsOf(values), whole: true, named: 'dates' });
        return registry?.read ?? null;
      },
      loop.index,
    );
    if (!report) return noTab(TABS[tab].sheet);
    const { check, settings, values, sheet } = report;
    const failedOnes = typeof failedIn === 'string' ? failedRows(spreadsheet, check, loop, failedIn) : null;
    if (failedOnes && !Array.isArray(failedOnes)) return failedOnes;
    if (failedOnes?.length === 0) {
      return failure(
        'EMPTY',
        `No row of the ${TABS[tab].label} tab holds a learner that failed in ${String(failedIn).trim()} and is not exported again already.`,
      );
    }
    const chosen = exportRows(check, failedOnes ?? (picked ? [...new Set(picked as number[])] : null));
    if (chosen.problem) return failure('BAD_ARGUMENT', chosen.problem);
    const rowSet = new Set(chosen.rows);
    const problems = check.problems.filter((p) => p.row === 1 || rowSet.has(p.row));
    const errors = errorCount(problems);
    if (errors > 0) {
      const rows = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;
      return failure('INVALID_ROWS', `Not exported: ${plural(errors, 'problem')} on ${plural(rows, 'row')} must be fixed first.`, problems);
    }
    if (chosen.rows.length === 0) return failure('EMPTY', `The ${TABS[tab].sheet} tab has no rows waiting to be exported.`);

    const checks = check.checks.filter((c) => rowSet.has(c.row));
    const batchId = nextBatchId(
      loop.tab.records.map((r) => r.batchId),
      today(spreadsheet),
    );
    const learners = newBatchLearners(
      batchId,
      tab,
      checks.map((c) => ({
        values: fileValues(c.record, settings),
        activityEnds: parseDateText(values.activityEnds[c.row - 1] ?? '') ?? '',
      })),
    );
    const numbers = projection(registry?.read.entries ?? [], settings, loop, {
      kind: tab,
      learners,
    });
    const refused = tab === 'creation' ? overCap(numbers, settings, opts) : null;
    if (refused) return refused;

    // Write order (design.md): batch rows, the rows' states and marks, then the batch itself.
    const tabs = ensureBatchTabs(spreadsheet);
    writeBatchRows(tabs.rows, loop.rows.ids, new Set(loop.tab.byId.keys()), learners);
    const states = new Map<number, string>(checks.map((c) => [c.row, formatRowState({ ...PENDING, kind: 'open', batchId })]));
    // Rows stamped with this id by an export cut short, and not in it now, are pending again.
    values.states.forEach((st, i) => {
      if (st.batchId === batchId && !states.has(i + 1)) states.set(i + 1, '');
    });
    writeStates(sheet, tab, states);
    markStamped(sheet, tab, values, states, registry?.read ?? null, loop, batchId, settings, check.problems);
    const reason = tab === 'creation' ? reasonOf(opts, numbers, settings) : '';
    if (reason) logOverCap(spreadsheet, batchId, reason, numbers, settings.activeCap as number);
    const record = newRecord(spreadsheet, batchId, tab, learners.length, settings, { overCapReason: reason });
    appendBatch(
      tabs.batches,
      record,
      learners.map((l) => l.email),
    );
    return {
      ok: true as const,
      tab,
      filename: record.filename,
      csv: batchCsv(learners),
      rows: learners.length,
      batchId,
      projectedBefore: numbers.projectedBefore,
      projectedActive: numbers.projectedActive,
      activeCap: settings.activeCap,
    };
  });
}

/** The marks of rows whose state was just written, checked as they now stand (the new batch counted as open). */
function markStamped(
  sheet: Sheet,
  tab: TemplateTab,
  values: TemplateValues,
  states: ReadonlyMap<number, string>,
  registry: RegistryRead | null,
  loop: Loop,
  batchId: string,
  settings: Settings,
  before: readonly Problem[],
): void {
  for (const [row, text] of states) values.states[row - 1] = parseRowState(text);
  const open = new Set([...loop.index.open, batchId]);
  const learnerBatch = new Map(loop.index.learnerBatch);
  const index = { open, learnerBatch };
  const check = validateTemplate(tab, values, settings, registry, index);
  const rows = [...states.keys()];
  writeMarks(sheet, tab, values, check, index, span(rows).first, span(rows).last, before);
}

// ------------------------------------------------------------------------------------ reading

export function listBatches() {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const tab = readBatchTab(spreadsheet, stampOf(spreadsheet));
  return { ok: true as const, batches: tab.records.map(publicBatch).reverse() };
}

function verdictOf(l: BatchLearner): Verdict {
  const verdict = outcomeOf(l) || 'unmentioned';
  return { email: l.email, row: l.row, verdict, line: l.logLine };
}

function findBatch(spreadsheet: Spreadsheet, batchId: unknown): { record: BatchRecord; learners: BatchLearner[] } | null {
  if (typeof batchId !== 'string') return null;
  const record = readBatchTab(spreadsheet, stampOf(spreadsheet)).byId.get(batchId.trim());
  if (!record) return null;
  return { record, learners: learnersOf(readBatchRows(spreadsheet, new Set([record.batchId])).learners, record.batchId) };
}

export function getBatch(batchId: string) {
  const found = findBatch(SpreadsheetApp.getActiveSpreadsheet(), batchId);
  if (!found) return noBatch(batchId);
  return { ok: true as const, batch: publicBatch(found.record), learners: found.learners.map(verdictOf) };
}

export function getBatchFile(batchId: string) {
  const found = findBatch(SpreadsheetApp.getActiveSpreadsheet(), batchId);
  if (!found) return noBatch(batchId);
  if (!found.record.filename) {
    return failure('BAD_ARGUMENT', `${found.record.batchId} was recorded without a file (accounts made by hand in the LMS).`);
  }
  return { ok: true as const, filename: found.record.filename, csv: batchCsv(found.learners) };
}

// ------------------------------------------------------------------------------------ confirm

export interface ConfirmOptions {
  dryRun?: unknown;
  decisions?: unknown;
  uploadedOn?: unknown;
}

function badConfirm(message: string): Failure {
  return failure('BAD_ARGUMENT', message);
}

/** The verdicts of a batch's learners: the saved ones of a batch being applied, else the log's, with the decisions. */
function verdictsFor(learners: BatchLearner[], log: string, decisions: ReadonlyMap<string, 'applied' | 'failed'>, resuming: boolean) {
  if (!resuming) {
    const read = readImportLog(
      log,
      learners.map((l) => ({ email: l.email, row: l.row })),
    );
    learners.forEach((l, i) => {
      const v = read[i] as Verdict;
      l.verdict = v.verdict;
      l.logLine = v.line;
      const decided = decisions.get(emailKey(l.email));
      l.decision = decided && (v.verdict === 'unclear' || v.verdict === 'unmentioned') ? decided : '';
    });
    return read;
  }
  return learners.map(verdictOf);
}

export function confirmBatch(batchId: string, importLog?: string | null, options: ConfirmOptions = {}) {
  const opts = options ?? {};
  if (typeof batchId !== 'string') return noBatch(batchId);
  if (importLog !== undefined && importLog !== null && typeof importLog !== 'string') {
    return badConfirm('The import log must be the text of the LMS email, pasted as it is (or nothing when every row imported).');
  }
  if (typeof opts !== 'object') return badConfirm('The options must be an object, like { dryRun: true }.');
  const decisions = new Map<string, 'applied' | 'failed'>();
  if (opts.decisions !== undefined && opts.decisions !== null) {
    if (typeof opts.decisions !== 'object' || Array.isArray(opts.decisions)) {
      return badConfirm('decisions must map each email to applied or failed, like { "ana@sdsu.edu": "applied" }.');
    }
    for (const [email, decision] of Object.entries(opts.decisions as Record<string, unknown>)) {
      if (decision !== 'applied' && decision !== 'failed') {
        return badConfirm(`The decision for ${email} must be applied or failed, not "${String(decision)}".`);
      }
      decisions.set(emailKey(email), decision);
    }
  }
  if (opts.uploadedOn !== undefined && opts.uploadedOn !== null && opts.uploadedOn !== '') {
    if (typeof opts.uploadedOn !== 'string' || parseDateText(opts.uploadedOn) !== opts.uploadedOn) {
      return badConfirm(
        `uploadedOn must be the date the file was uploaded, as YYYY-MM-DD, like 2026-11-29, not "${String(opts.uploadedOn)}".`,
      );
    }
  }
  const log = importLog ?? '';
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();

  const prepare = () => {
    const loop = readLoop(spreadsheet, stampOf(spreadsheet));
    const record = loop.tab.byId.get(batchId.trim());
    if (!record) return noBatch(batchId);
    if (!isOpen(record)) return closed(record);
    const learners = learnersOf(loop.rows.learners, record.batchId);
    const resuming = record.status === 'applying';
    const read = verdictsFor(learners, log, decisions, resuming);
    if (!resuming && logNamesNoLearner(log, read)) {
      return failure(
        'LOG_MISMATCH',
        `This import log names none of the ${plural(learners.length, 'learner')} of ${record.batchId}: check it is the log of ${record.filename}.`,
      );
    }
    return { record, learners, resuming, loop };
  };

  const outcome = (learners: BatchLearner[]) => ({
    applied: learners.filter((l) => outcomeOf(l) === 'applied').length,
    failed: learners.filter((l) => outcomeOf(l) === 'failed').length,
    learners: learners.map(verdictOf),
  });

  if (opts.dryRun === true) {
    const ready = prepare();
    if ('ok' in ready) return ready;
    return { ok: true as const, batchId: ready.record.batchId, ...outcome(ready.learners), dryRun: true };
  }

  return withDocumentLock(() => {
    const ready = prepare();
    if ('ok' in ready) return ready;
    const { record, learners, resuming, loop } = ready;
    const undecided = learners.filter((l) => !outcomeOf(l) || outcomeOf(l) === 'unclear' || outcomeOf(l) === 'unmentioned');
    if (undecided.length > 0) {
      return {
        ...failure(
          'NEEDS_DECISIONS',
          `The log does not say for sure what happened to ${plural(undecided.length, 'learner')}: choose imported or failed for each, then confirm again.`,
        ),
        learners: learners.map(verdictOf),
      };
    }
    const uploadedOn = resuming ? record.uploadedOn : (opts.uploadedOn as string) || record.exported.slice(0, 10);
    const batches = loop.tab.sheet as Sheet;
    if (!resuming) {
      // 1. The commit point: verdicts and decisions saved, then the batch is being applied.
      writeVerdicts(loop.rows.sheet as Sheet, learners);
      record.status = 'applying';
      record.uploadedOn = uploadedOn;
      writeBatchStatus(batches, record);
    }
    const applied = applyBatch(spreadsheet, batches, record, learners, resuming, loop);
    return { ok: true as const, batchId: record.batchId, ...outcome(learners), dryRun: false, conflicts: applied.conflicts };
  });
}

/** What a caller already read under the lock (a sync): the tab's values and the registry, used instead of reading them again. */
export interface AlreadyRead {
  values: TemplateValues | null;
  registry: RegistryPart;
  /** The rows' problems before the batch (a sync's check of its tab): what their marks show. */
  before?: readonly Problem[];
}

/**
 * Steps 2 to 5 of confirming (design.md): the log rows, the registry cells, the template rows'
 * states and marks, then the batch confirmed. Finishing a batch cut short runs the same steps:
 * learners already logged for it are not logged again, and the registry is compared afresh.
 * Everything is read first: the template tab once, then the registry's rows that decide the
 * answer (readRegistryFor: the batch's learners, the template rows re-marked, the namesakes of
 * learners added or renamed). Returns the changes and the registry as it now reads.
 */
export function applyBatch(
  spreadsheet: Spreadsheet,
  batchSheet: Sheet,
  record: BatchRecord,
  learners: readonly BatchLearner[],
  resuming: boolean,
  loop: Loop,
  sourceOf?: SourceOf,
  given?: AlreadyRead,
): RegistryChanges & { after: RegistryPart } {
  const isoOfDate = dateReader(spreadsheet);
  const settings = loadSettings();
  const tab = tabOfKind(record.kind);
  const sheet = tab ? spreadsheet.getSheetByName(TABS[tab].sheet) : null;
  const values = given ? given.values : tab && sheet ? readTemplate(sheet, tab, isoOfDate) : null;
  const index = withoutBatch(loop, record.batchId);
  // The template rows of the batch: done or failed; and the rows to re-mark (checked against the
  // registry as it will be, the batch no longer open): its rows and those sharing its emails.
  const byEmail = new Map(learners.map((l) => [emailKey(l.email), l]));
  const states = new Map<number, string>();
  const touched: number[] = [];
  values?.states.forEach((st, i) => {
    const row = i + 1;
    if (row === 1) return;
    const email = emailKey(values.rows[row - 2]?.cells[EMAIL] ?? '');
    const ours = st.batchId === record.batchId && st.kind === 'open';
    if (ours || byEmail.has(email)) touched.push(row);
    if (!ours) return;
    const learner = byEmail.get(email);
    const result = learner ? outcomeOf(learner) : '';
    const next: RowState =
      result === 'applied'
        ? { ...PENDING, kind: 'done', batchId: record.batchId, date: record.uploadedOn }
        : result === 'failed'
          ? { ...PENDING, kind: 'failed', batchId: record.batchId, line: learner?.logLine || 'the import log reports it failed' }
          : PENDING;
    states.set(row, formatRowState(next));
    values.states[i] = next;
  });
  const marked = touched.length > 0 ? span(touched) : null;
  const applied = learners.filter((l) => outcomeOf(l) === 'applied');
  const registry =
    given?.registry ??
    readRegistryFor(spreadsheet, isoOfDate, {
      emails: [...byEmail.keys(), ...(values && marked ? checkedEmails(values, index, marked.first, marked.last) : [])],
      names: (found) =>
        namesToCompare(
          found,
          applied.map((l) => ({ email: l.email, firstName: l.values.FirstName, lastName: l.values.LastName })),
          record.kind,
        ),
    });
  if (!registry) throw new Error(`There is no "${TABS.registry.sheet}" tab: run "Set up templates" from the add-on menu.`);
  const changes = applyToRegistry(registry.read, applied, {
    kind: record.kind,
    batchId: record.batchId,
    effective: record.uploadedOn,
    activityDays: settings.activityDays,
    ...(sourceOf ? { sourceOf } : {}),
  });
  // 2. The log first, so each line still knows the value before the change.
  const logged = resuming ? loggedForBatch(spreadsheet, record.batchId) : new Set<string>();
  appendLog(
    spreadsheet,
    changes.log.filter((e) => !logged.has(emailKey(e.userId))),
  );
  // 3. Only the registry cells that change.
  const firstNew = writeRegistryChanges(registry, changes.changes, changes.added);
  const after = { sheet: registry.sheet, read: registryAfter(registry.read, changes, firstNew) };
  // 4. The template rows' states, then their marks.
  if (tab && sheet && values) {
    writeStates(sheet, tab, states);
    if (marked) {
      const check = validateTemplate(tab, values, settings, after.read, index);
      writeMarks(sheet, tab, values, check, index, marked.first, marked.last, given?.before);
    }
  }
  // 5. Confirmed.
  record.status = 'confirmed';
  record.closed = stampOf(spreadsheet);
  record.failed = learners.filter((l) => outcomeOf(l) === 'failed').length;
  writeBatchStatus(batchSheet, record);
  return { ...changes, after };
}

const EMAIL = HEADERS.indexOf('Email');

/** The emails of rows first..last that are checked (neither done nor in an open batch): their marks name what the registry says of them. */
function checkedEmails(values: TemplateValues, index: LoopIndex, first: number, last: number): string[] {
  const emails: string[] = [];
  for (let row = Math.max(first, 2); row <= last; row++) {
    const kind = effectiveState(values.states[row - 1] ?? PENDING, index.open).kind;
    if (kind !== 'done' && kind !== 'open') emails.push(values.rows[row - 2]?.cells[EMAIL] ?? '');
  }
  return emails;
}

/**
 * The names the possible-duplicate warning compares (registryChanges.ts): those of the learners
 * a batch of this kind adds (not in the registry as read) or renames (a creation with other names).
 */
export function namesToCompare(
  found: RegistryRead,
  learners: readonly { email: string; firstName: string; lastName: string }[],
  kind: BatchKind,
): string[] {
  return learners.flatMap((l) => {
    const known = found.byEmail.get(emailKey(l.email))?.learner;
    const renamed = kind === 'creation' && known && (known.firstName !== l.firstName || known.lastName !== l.lastName);
    return !known || renamed ? [nameKey(l)] : [];
  });
}

/** The loop's index as it is once a batch is no longer open. */
function withoutBatch(loop: Loop, batchId: string): LoopIndex {
  return {
    open: new Set([...loop.index.open].filter((id) => id !== batchId)),
    learnerBatch: new Map([...loop.index.learnerBatch].filter(([, id]) => id !== batchId)),
  };
}

// ------------------------------------------------------------------------------------ cancel

/**
 * Deletes rows (bottom up, one call per run of rows) and adds as many at the end, so the tab keeps
 * its size, and its done rule (doneRule.ts) its reach: the rule shrinks with the rows deleted and
 * does not take the rows added after its last, so it is made whole again; also when there is
 * nothing left to delete, which finishes a run cut short after the deletes.
 */
function removeRows(sheet: Sheet, rows: readonly number[]): void {
  if (rows.length > 0) {
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length);
    const sorted = [...new Set(rows)].sort((a, b) => b - a);
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) - 1) j++;
      sheet.deleteRows(sorted[j] as number, j - i + 1);
      i = j + 1;
    }
  }
  ensureDoneRule(sheet);
}

export function cancelBatch(batchId: string) {
  if (typeof batchId !== 'string') return noBatch(batchId);
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    // Read under the lock, the loop also mends the open batches' copy (loopCache.ts): a run
    // stopped after the batch's row said cancelled, before the copy followed, is finished here.
    const loop = readLoop(spreadsheet, stampOf(spreadsheet));
    const record = loop.tab.byId.get(batchId.trim());
    if (!record || !loop.tab.sheet) return noBatch(batchId);
    if (record.status !== 'open') return closed(record);
    const kind = tabOfKind(record.kind);
    let released = 0;
    let removed = 0;
    const sheet = kind ? spreadsheet.getSheetByName(TABS[kind].sheet) : null;
    if (kind && sheet) {
      const isoOfDate = dateReader(spreadsheet);
      const values = readTemplate(sheet, kind, isoOfDate);
      const release: number[] = [];
      const drop: number[] = [];
      values.states.forEach((st, i) => {
        if (st.kind !== 'open' || st.batchId !== record.batchId) return;
        (st.added ? drop : release).push(i + 1);
      });
      released = release.length;
      removed = drop.length;
      // Marks first, as the rows will stand (pending, the batch no longer open): a run cut after
      // them finds the rows still in the batch and releases them again; cut after the states,
      // the marks are already true.
      if (release.length > 0) {
        for (const row of release) values.states[row - 1] = PENDING;
        const index = withoutBatch(loop, record.batchId);
        const check = validateTemplate(kind, values, loadSettings(), registryForRows(spreadsheet, values, isoOfDate), index);
        writeMarks(sheet, kind, values, check, index, span(release).first, span(release).last);
      }
      writeStates(sheet, kind, new Map(release.map((r) => [r, ''])));
      removeRows(sheet, drop);
    }
    record.status = 'cancelled';
    record.closed = stampOf(spreadsheet);
    writeBatchStatus(loop.tab.sheet, record);
    return { ok: true as const, batchId: record.batchId, released, removed };
  });
}

// ------------------------------------------------------------------------------------ clear done rows

export function clearDoneRows(tab: TemplateTab) {
  if (!isTemplateTab(tab)) return badTab(tab);
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = spreadsheet.getSheetByName(TABS[tab].sheet);
    if (!sheet) return noTab(TABS[tab].sheet);
    const values = readTemplate(sheet, tab, dateReader(spreadsheet));
    const done = values.states.flatMap((st, i) => (i > 0 && st.kind === 'done' ? [i + 1] : []));
    removeRows(sheet, done);
    return { ok: true as const, tab, cleared: done.length };
  });
}

// ------------------------------------------------------------------------------------ batches of registry learners

/** The learners a new batch takes from the registry, and the problems of those it leaves out. */
export interface Picked {
  problems: Problem[];
  files: { values: Record17 }[];
}

/** Opens a batch for learners with no template rows of their own yet (archive, reactivate), written rows first. */
export function openBatch(
  spreadsheet: Spreadsheet,
  loop: Loop,
  kind: BatchKind,
  files: readonly { values: Record17 }[],
  settings: Settings,
  stamp: (batchId: string, learners: BatchLearner[]) => void,
  more: Partial<BatchRecord> = {},
): { record: BatchRecord; learners: BatchLearner[] } {
  const batchId = nextBatchId(
    loop.tab.records.map((r) => r.batchId),
    today(spreadsheet),
  );
  const learners = newBatchLearners(batchId, kind, files);
  const tabs = ensureBatchTabs(spreadsheet);
  writeBatchRows(tabs.rows, loop.rows.ids, new Set(loop.tab.byId.keys()), learners);
  stamp(batchId, learners);
  const record = newRecord(spreadsheet, batchId, kind, learners.length, settings, more);
  appendBatch(
    tabs.batches,
    record,
    learners.map((l) => l.email),
  );
  return { record, learners };
}
