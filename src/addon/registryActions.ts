/** syncRegistry, previewArchiveByDomain, archiveLearners, reactivateLearners, findLearners (api.md). */
import { span } from '../core/maps';
import {
  batchCsv,
  learnersOf,
  newBatchLearners,
  nextBatchId,
  projectActive,
  statusFileValues,
  type BatchKind,
  type BatchLearner,
} from '../core/batches';
import { HEADERS, type TemplateTab } from '../core/columns';
import { formatIsoDate, parseDateText } from '../core/dates';
import { emailKey, emailInDomain, findInRegistry, learnersInDomain, parseDomain, type SyncCounts } from '../core/registry';
import { applyToRegistry, type RegistryChanges } from '../core/registryChanges';
import { PENDING, formatRowState, parseRowState } from '../core/rowState';
import { asText } from '../core/text';
import { failure, type Learner, type Problem, type Settings } from '../core/types';
import { learnerFileProblems } from '../core/learnerCheck';
import { TABS } from '../core/tabs';
import type { ValidatedRow } from '../core/validate';
import { applyBatch, badTab, logOverCap, namesToCompare, openBatch, overCap, reasonOf, writeStates } from './batches';
import { appendBatch, ensureBatchTabs, readLoop, stampOf, writeBatchRows, type Loop } from './batchSheets';
import { validateTemplate } from './templateValidation';
import { writeMarks } from './liveValidation';
import { withDocumentLock } from './lock';
import { readRegistryFor } from './registryLookup';
import { adminEmail, appendRows, readRegistrySheet, type RegistryPart, type RegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';
import { TEMPLATE_TABS, dateReader, isTemplateTab, readTemplate, readWaitingRows, today, type TemplateValues } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function noRegistry() {
  return failure('NO_TAB', `There is no "${TABS.registry.sheet}" tab yet: run "Set up templates" from the add-on menu.`);
}

function emptyCounts(): SyncCounts {
  return { added: 0, updated: 0, reactivated: 0, archived: 0, unchanged: 0, skipped: [], conflicts: [], possibleDuplicates: [] };
}

function tally(counts: SyncCounts, changes: RegistryChanges): void {
  for (const { outcome } of changes.outcomes) if (outcome !== 'conflict') counts[outcome] += 1;
  counts.conflicts.push(...changes.conflicts);
  counts.skipped.push(...changes.skipped);
  counts.possibleDuplicates.push(...changes.possibleDuplicates);
}

/**
 * Records the pending ready rows (accounts made by hand in the LMS) as a batch confirmed at once,
 * effective today, with no file. A sync cut short is finished first by the next one.
 */
export function syncRegistry(tab?: TemplateTab) {
  if (tab !== undefined && tab !== null && !isTemplateTab(tab)) return badTab(tab);
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    if (!spreadsheet.getSheetByName(TABS.registry.sheet)) return noRegistry();
    const settings = loadSettings();
    const isoOfDate = dateReader(spreadsheet);
    const counts = emptyCounts();
    const effective = today(spreadsheet, isoOfDate);
    let loop = readLoop(spreadsheet, stampOf(spreadsheet), true);
    const cutShort = loop.open.filter((b) => b.status === 'applying');
    if (cutShort.length > 0) {
      const tabs = ensureBatchTabs(spreadsheet);
      for (const record of cutShort) {
        tally(counts, applyBatch(spreadsheet, tabs.batches, record, learnersOf(loop.rows.learners, record.batchId), true, loop));
      }
      loop = readLoop(spreadsheet, stampOf(spreadsheet), true);
    }
    // Each tab is read once (its rows still to record), and the registry once: the rows naming
    // those learners and their namesakes, and every row the add-on cannot read (registryProblems) as a full read finds them.
    const index = loop.index;
    const tabs = (tab ? [tab] : TEMPLATE_TABS).flatMap((t) => {
      const sheet = spreadsheet.getSheetByName(TABS[t].sheet);
      return sheet ? [{ tab: t, sheet, values: readWaitingRows(sheet, t, isoOfDate, index.open) }] : [];
    });
    const waiting = tabs.map(({ tab: t, values }) => ({
      kind: t,
      learners: values.rows
        .filter((r) => r.cells[EMAIL])
        .map((r) => ({ email: r.cells[EMAIL] ?? '', firstName: r.cells[FIRST] ?? '', lastName: r.cells[LAST] ?? '' })),
    }));
    let registry = readRegistryFor(spreadsheet, isoOfDate, {
      emails: waiting.flatMap((w) => w.learners.map((l) => l.email)),
      names: (found) => waiting.flatMap((w) => namesToCompare(found, w.learners, w.kind)),
      whole: true,
    }) as RegistryPart;
    const read = registry.read;
    const ready = tabs.map((t) => {
      const check = validateTemplate(t.tab, t.values, settings, read, index);
      const errorRows = new Set(check.problems.filter((p) => p.severity === 'error' && p.row > 1).map((p) => p.row));
      counts.skipped.push(...check.problems.filter((p) => p.severity === 'error' && errorRows.has(p.row)));
      return { ...t, checks: check.checks.filter((c) => !errorRows.has(c.row)), problems: check.problems };
    });
    // A learner on both tabs: the registry cannot know whether the account is Active.
    const archivalRows = new Map((ready.find((r) => r.tab === 'archival')?.checks ?? []).map((c) => [emailKey(c.record.Email), c.row]));
    for (const r of ready) {
      if (r.tab !== 'creation') continue;
      r.checks = r.checks.filter((c) => {
        const other = archivalRows.get(emailKey(c.record.Email));
        if (other === undefined) return true;
        counts.conflicts.push({
          tab: 'creation',
          row: c.row,
          column: 'Email',
          severity: 'error',
          message: `${c.record.Email} is also on the Archival tab (row ${other}): remove it from one tab so the registry knows whether the account is Active.`,
        });
        return false;
      });
    }
    for (const r of ready) {
      const applied = recordRows(spreadsheet, registry, loop, r, settings, effective, counts);
      if (applied) {
        tally(counts, applied);
        registry = applied.after;
        loop = readLoop(spreadsheet, stampOf(spreadsheet), true);
      }
    }
    // Every row the add-on cannot read (all of them are read); warnings about rows that read are
    // the Overview's (a sync reads only some of those rows).
    return { ok: true as const, ...counts, registryProblems: registry.read.problems.filter((p) => p.severity === 'error') };
  });
}

const EMAIL = HEADERS.indexOf('Email');
const FIRST = HEADERS.indexOf('FirstName');
const LAST = HEADERS.indexOf('LastName');

/** A tab read once by a sync, and its rows ready to record. */
interface ReadyTab {
  tab: TemplateTab;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  values: TemplateValues;
  checks: readonly ValidatedRow[];
  /** The tab's problems before the sync: what its rows' marks show. */
  problems: readonly Problem[];
}

/** One tab's ready rows as a batch recorded at once; null when none is left after the conflicts. */
function recordRows(
  spreadsheet: Spreadsheet,
  registry: RegistryPart,
  loop: Loop,
  ready: ReadyTab,
  settings: Settings,
  effective: string,
  counts: SyncCounts,
) {
  const { tab, sheet, values, checks } = ready;
  const rowOf = new Map(checks.map((c) => [emailKey(c.record.Email), c.row]));
  const sourceOf = (l: BatchLearner) => ({ tab, row: rowOf.get(emailKey(l.email)) ?? 0 });
  const files = checks.map((c) => ({
    values: { ...c.record, DateHire: c.record.DateHire ? formatIsoDate(c.record.DateHire, settings.dateFormat) : '' },
    activityEnds: parseDateText(values.activityEnds[c.row - 1] ?? '') ?? '',
  }));
  // Learners the registry holds under another county are conflicts: their rows stay as they are.
  const trial = applyToRegistry(registry.read, newBatchLearners('', tab, files), {
    kind: tab,
    batchId: '',
    effective,
    activityDays: settings.activityDays,
    sourceOf,
  });
  counts.conflicts.push(...trial.conflicts);
  counts.skipped.push(...trial.skipped);
  const conflicted = new Set(trial.outcomes.filter((o) => o.outcome === 'conflict').map((o) => emailKey(o.email)));
  const kept = files.filter((f) => !conflicted.has(emailKey(f.values.Email)));
  if (kept.length === 0) return null;
  const batchId = nextBatchId(
    loop.tab.records.map((r) => r.batchId),
    effective,
  );
  const learners = newBatchLearners(batchId, tab, kept).map((l) => ({ ...l, verdict: 'applied' as const }));
  const tabs = ensureBatchTabs(spreadsheet);
  writeBatchRows(tabs.rows, loop.rows.ids, new Set(loop.tab.byId.keys()), learners);
  const open = formatRowState({ ...PENDING, kind: 'open', batchId });
  const stamped = new Map(learners.map((l) => [rowOf.get(emailKey(l.email)) as number, open]));
  writeStates(sheet, tab, stamped);
  // The rows now wait in the batch; their state as read (stateTexts) stays what their marks show.
  for (const row of stamped.keys()) values.states[row - 1] = parseRowState(open);
  // The commit point: from here the next sync finishes this batch.
  const record = {
    batchId,
    kind: tab as BatchKind,
    exported: stampOf(spreadsheet),
    admin: adminEmail(),
    rows: learners.length,
    filename: '',
    status: 'applying' as const,
    stale: false,
    closed: '',
    uploadedOn: effective,
    failed: 0,
    overCapReason: '',
    sheetRow: 0,
  };
  appendBatch(
    tabs.batches,
    record,
    learners.map((l) => l.email),
  );
  // Problems name the template rows, which the batch does not know.
  return applyBatch(spreadsheet, tabs.batches, record, learners, false, loop, sourceOf, { values, registry, before: ready.problems });
}

/** Learners of open creation batches that the registry does not hold as Active yet, as they will be. */
function comingLearners(loop: Loop, known: ReadonlyMap<string, Learner>): Learner[] {
  return loop.open
    .filter((b) => b.kind === 'creation')
    .flatMap((b) => learnersOf(loop.rows.learners, b.batchId))
    .filter((l) => known.get(emailKey(l.email))?.status !== 'Active')
    .map((l) => ({
      userId: l.values.UserID,
      firstName: l.values.FirstName,
      lastName: l.values.LastName,
      email: l.values.Email,
      employeeType: l.values.EmployeeType,
      affiliation: l.values.Affiliation,
      status: 'Active' as const,
      dateHire: parseDateText(l.values.DateHire) ?? '',
      archivedOn: '',
      activityEnds: l.activityEnds,
      openBatch: l.batchId,
    }));
}

function withOpenBatch(learner: Learner, loop: Loop): Learner {
  return { ...learner, openBatch: loop.index.learnerBatch.get(emailKey(learner.email)) ?? '' };
}

export function previewArchiveByDomain(domainText: string, options?: { includeSubdomains?: boolean }) {
  const domain = parseDomain(String(domainText ?? ''));
  if (!domain) {
    return failure('BAD_DOMAIN', `"${String(domainText ?? '')}" is not an email domain: type the part after the @, like sdsu.edu.`);
  }
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const registry = readRegistrySheet(spreadsheet);
  if (!registry) return noRegistry();
  const loop = readLoop(spreadsheet, stampOf(spreadsheet));
  const subdomains = options?.includeSubdomains === true;
  const known = new Map(registry.read.entries.map((e) => [emailKey(e.learner.email), e.learner]));
  const learners = [
    ...learnersInDomain(registry.read.entries, domain, subdomains).map((e) => withOpenBatch(e.learner, loop)),
    ...comingLearners(loop, known).filter((l) => emailInDomain(l.email, domain, subdomains)),
  ];
  return { ok: true as const, domain, learners, registryProblems: registry.read.problems };
}

/** The sidebar's search shows a page of matches; more than 50 means the admin should type more. */
const FIND_LIMIT = 50;

export function findLearners(query: string) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const registry = readRegistrySheet(spreadsheet);
  if (!registry) return noRegistry();
  const loop = readLoop(spreadsheet, stampOf(spreadsheet));
  const learners = findInRegistry(registry.read.entries, String(query ?? ''), FIND_LIMIT).map((l) => withOpenBatch(l, loop));
  return { ok: true as const, learners, registryProblems: registry.read.problems };
}

type StatusChange = 'archive' | 'reactivate';

/**
 * The learners of an archival or reactivation batch: known, in no open batch, not already in the
 * target status, and whose registry values pass the import rules (nothing raw reaches a file).
 */
function pickLearners(userIds: readonly string[], change: StatusChange, registry: RegistrySheet, loop: Loop) {
  const target = change === 'archive' ? 'Archived' : 'Active';
  const verb = change === 'archive' ? 'archived' : 'reactivated';
  const problems: Problem[] = [];
  const picked: Learner[] = [];
  const seen = new Set<string>();
  const problem = (row: number, column: string, message: string): void => {
    problems.push({ tab: 'registry', row, column, severity: 'error', message });
  };
  for (const id of userIds) {
    const key = emailKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = registry.read.byEmail.get(key);
    if (!entry) {
      const unreadableRow = registry.read.unreadable.get(key);
      if (unreadableRow === undefined) problem(0, 'UserID', `${id} is not in the registry, so it was not ${verb}.`);
      else
        problem(
          unreadableRow,
          '',
          `${id} is on registry row ${unreadableRow}, which the add-on cannot read: fix that row, then try again.`,
        );
      continue;
    }
    const holder = loop.index.learnerBatch.get(key);
    if (holder) {
      problem(
        entry.row,
        'Email',
        `${entry.learner.email} is already in ${holder}, which waits for its import log: record or cancel that batch first.`,
      );
      continue;
    }
    if (entry.learner.status === target) {
      problem(entry.row, 'Status', `${entry.learner.email} is already ${target} in the registry, so it was left out.`);
      continue;
    }
    // Nothing unchecked goes into a file: a learner whose registry values break the template's rules is left out.
    const unfit = learnerFileProblems(entry.learner, entry.row);
    if (unfit.length > 0) {
      problems.push(...unfit);
      continue;
    }
    picked.push(entry.learner);
  }
  return { problems, picked: picked.map((l) => ({ values: statusFileValues(l, target) })) };
}

function noneLeft(change: StatusChange, problems: Problem[]) {
  return failure(
    'BAD_ARGUMENT',
    `None of the chosen learners can be ${change === 'archive' ? 'archived' : 'reactivated'}: nothing was changed.`,
    problems,
  );
}

/**
 * An archival batch of registry learners: they are added to the Archival tab stamped with it (a
 * learner already pending there has that row stamped instead), checked and marked.
 */
export function archiveLearners(userIds: string[]) {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const registry = readRegistrySheet(spreadsheet);
    if (!registry) return noRegistry();
    const sheet = spreadsheet.getSheetByName(TABS.archival.sheet);
    if (!sheet) return failure('NO_TAB', `There is no "${TABS.archival.sheet}" tab yet: run "Set up templates" from the add-on menu.`);
    const loop = readLoop(spreadsheet, stampOf(spreadsheet), true);
    const settings = loadSettings();
    const { problems, picked } = pickLearners(userIds, 'archive', registry, loop);
    if (picked.length === 0) return noneLeft('archive', problems);
    const { record, learners } = openBatch(spreadsheet, loop, 'archival', picked, settings, (batchId) => {
      const values = readTemplate(sheet, 'archival', dateReader(spreadsheet));
      const pendingRow = new Map<string, number>();
      values.rows.forEach((r) => {
        const st = values.states[r.row - 1] ?? PENDING;
        const stale = st.kind === 'open' && st.batchId === batchId;
        if (stale || st.kind === 'pending' || st.kind === 'changed' || st.kind === 'failed') {
          const email = emailKey(r.cells[HEADERS.indexOf('Email')] ?? '');
          if (email && !pendingRow.has(email)) pendingRow.set(email, r.row);
        }
      });
      const stamp = (added: boolean) => formatRowState({ ...PENDING, kind: 'open', batchId, added });
      const stamped = new Map<number, string>();
      const fresh: unknown[][] = [];
      for (const f of picked) {
        const row = pendingRow.get(emailKey(f.values.Email));
        if (row === undefined) {
          fresh.push([...HEADERS.map((h) => asText(f.values[h])), '', stamp(true)]);
          continue;
        }
        // A row an archive cut short added for this same batch id stays one the batch added.
        stamped.set(row, stamp(parseRowState(values.stateTexts[row - 1] ?? '').added));
      }
      writeStates(sheet, 'archival', stamped);
      const first = appendRows(sheet, fresh);
      const touched = [...stamped.keys(), ...fresh.map((_, i) => first + i)];
      // Checked and marked as they now stand, the new batch counted as open.
      const after = readTemplate(sheet, 'archival', dateReader(spreadsheet));
      const index = {
        open: new Set([...loop.index.open, batchId]),
        learnerBatch: new Map(loop.index.learnerBatch),
      };
      const check = validateTemplate('archival', after, settings, registry.read, index);
      writeMarks(sheet, 'archival', after, check, index, span(touched).first, span(touched).last);
    });
    return openedBatch(record, learners, problems);
  });
}

/** What archiveLearners and reactivateLearners answer about the batch they opened (api.md). */
function openedBatch(record: { batchId: string; filename: string }, learners: readonly BatchLearner[], problems: Problem[]) {
  return {
    ok: true as const,
    batchId: record.batchId,
    rows: learners.length,
    filename: record.filename,
    csv: batchCsv(learners),
    problems,
  };
}

/** A reactivation batch: no template rows; its file has the archival columns with Status Active. */
export function reactivateLearners(userIds: string[], options: { allowOverCap?: unknown; overCapReason?: unknown } = {}) {
  const opts = options ?? {};
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const registry = readRegistrySheet(spreadsheet);
    if (!registry) return noRegistry();
    const loop = readLoop(spreadsheet, stampOf(spreadsheet), true);
    const settings = loadSettings();
    const { problems, picked } = pickLearners(userIds, 'reactivate', registry, loop);
    if (picked.length === 0) return noneLeft('reactivate', problems);
    const numbers = projectActive(
      {
        registry: registry.read.entries.map((e) => e.learner),
        county: settings.county,
        openBatches: loop.open.map((b) => ({ kind: b.kind, learners: learnersOf(loop.rows.learners, b.batchId) })),
      },
      { kind: 'reactivation', learners: picked.map((f) => ({ email: f.values.Email, values: f.values })) },
    );
    const refused = overCap(numbers, settings, opts);
    if (refused) return refused;
    const reason = reasonOf(opts, numbers, settings);
    const { record, learners } = openBatch(
      spreadsheet,
      loop,
      'reactivation',
      picked,
      settings,
      (batchId) => logOverCap(spreadsheet, batchId, reason, numbers, settings.activeCap as number),
      { overCapReason: reason },
    );
    return {
      ...openedBatch(record, learners, problems),
      projectedBefore: numbers.projectedBefore,
      projectedActive: numbers.projectedActive,
      activeCap: settings.activeCap,
    };
  });
}
