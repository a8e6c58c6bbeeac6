/**
 * Each sidebar action: one server call and what the admin is told about it. The server's
 * `{ ok: false }` and Apps Script's failure handler arrive as the same shape (server.ts), so each
 * action has exactly two outcomes, both with a notice to announce.
 */
import type { TemplateTab } from '../core/columns';
import type { Learner, Problem, Settings, SettingsInput } from '../core/types';
import type { Verdict } from '../core/importLog';
import { TABS } from '../core/tabs';
import {
  capView,
  dueText,
  groupByRow,
  openBatchViews,
  plural,
  registrySections,
  syncSummary,
  type BatchView,
  type CapView,
  type MonthPoint,
  type ProblemSection,
  type RowProblems,
  type TemplateCounts,
} from './model';
import type { Server } from './server';

export type Tone = 'success' | 'warning' | 'error';

export interface Notice {
  tone: Tone;
  text: string;
  /** Problems the server returned with the result: shown under the notice, by row. */
  problems: RowProblems[];
}

export type Outcome<T> = ({ ok: true } & T & { notice: Notice }) | { ok: false; notice: Notice; code: string };

interface Failed {
  ok: false;
  error: { code: string; message: string };
  problems?: Problem[] | undefined;
}

export function failed(result: Failed): { ok: false; notice: Notice; code: string } {
  return {
    ok: false,
    code: result.error.code,
    notice: { tone: 'error', text: result.error.message, problems: groupByRow(result.problems ?? []) },
  };
}

export function notice(tone: Tone, text: string, problems: readonly Problem[] = []): Notice {
  return { tone, text, problems: groupByRow(problems) };
}

export interface Overview {
  creation: TemplateCounts;
  archival: TemplateCounts;
  active: number;
  archived: number;
  cap: CapView;
  openBatches: BatchView[];
}

/** Today as the admin's calendar has it, for the age of open batches. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export async function loadOverview(
  server: Server,
  today = localToday(),
): Promise<Outcome<{ overview: Overview; sections: ProblemSection[] }>> {
  const result = await server.getSummary();
  if (!result.ok) return failed(result);
  const batches = await server.listBatches();
  if (!batches.ok) return failed(batches);
  const { creation, archival, registry, activeCap, projectedActive, pending } = result;
  const cap = capView(registry.active, activeCap, projectedActive, pending);
  const openBatches = openBatchViews(batches.batches, today);
  const overview = { creation, archival, active: registry.active, archived: registry.archived, cap, openBatches };
  const stale = openBatches.filter((b) => b.stale).length;
  const capped = capNotice(cap);
  return {
    ok: true,
    overview,
    sections: registrySections(result.registryProblems),
    notice:
      stale > 0 && capped.tone === 'success'
        ? notice(
            'warning',
            `${plural(stale, 'batch', 'batches')} waiting more than 7 days for its import log: record it, or cancel a file never uploaded.`,
          )
        : capped,
  };
}

/** What the admin must act on about the cap: over it, near it, or about to pass it with the pending uploads. */
function capNotice(cap: CapView): Notice {
  if (cap.level === 'alarm') return notice('error', `Over the cap: ${cap.text} Archive accounts whose learning has ended.`);
  if (cap.level === 'warning') return notice('warning', `Near the cap: ${cap.text}`);
  if (cap.projectedLevel === 'alarm') return notice('error', `The open batches pass the cap. ${cap.projectedText}`);
  if (cap.projectedLevel === 'warning') return notice('warning', `The open batches bring Active near the cap. ${cap.projectedText}`);
  return notice('success', cap.text);
}

export async function setUpTemplates(server: Server): Promise<Outcome<object>> {
  const result = await server.setupTemplates();
  if (!result.ok) return failed(result);
  const changed = [...result.created, ...result.repaired];
  return { ok: true, notice: notice('success', changed.length ? `Set up: ${changed.join(', ')}.` : 'All six tabs were already set up.') };
}

export async function validate(server: Server, tab: TemplateTab): Promise<Outcome<object>> {
  const result = await server.validateTab(tab);
  if (!result.ok) return failed(result);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const counts = `${TABS[tab].label} tab: ${plural(result.rows, 'row')}, ${result.ready} ready, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  const next = errors > 0 ? ' Fix the errors before exporting: click one to go to its cell.' : result.rows > 0 ? ' Ready to export.' : '';
  return { ok: true, notice: notice(errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'success', counts + next, result.problems) };
}

export interface Download {
  filename: string;
  csv: string;
}

export interface OverCap {
  projectedBefore: number;
  projectedActive: number;
  activeCap: number;
}

export type ExportOutcome =
  | Outcome<{ download: Download; batchId: string }>
  | { ok: false; notice: Notice; code: 'OVER_CAP'; overCap: OverCap };

export async function exportTab(
  server: Server,
  tab: TemplateTab,
  options: { rows?: number[]; failedIn?: string; allowOverCap?: boolean; overCapReason?: string } = {},
): Promise<ExportOutcome> {
  const result = await server.exportCsv(tab, options);
  if (!result.ok) {
    if (result.error.code === 'OVER_CAP' && 'projectedActive' in result) {
      const { projectedBefore, projectedActive, activeCap } = result as unknown as OverCap;
      return {
        ok: false,
        code: 'OVER_CAP',
        overCap: { projectedBefore, projectedActive, activeCap },
        notice: notice('error', result.error.message),
      };
    }
    return failed(result);
  }
  const { filename, csv, rows, batchId } = result;
  return {
    ok: true,
    batchId,
    download: { filename, csv },
    notice: notice(
      'success',
      `Downloaded ${filename} (${plural(rows, 'learner')}, batch ${batchId}). Upload it in the LMS (Learners > Import CSV), then record the import log it emails you (Batches).`,
    ),
  };
}

/** "Already made in the LMS by hand? Record these rows": the tab's ready rows, recorded at once. */
export async function sync(server: Server, tab?: TemplateTab): Promise<Outcome<{ sections: ProblemSection[] }>> {
  const result = await server.syncRegistry(tab);
  if (!result.ok) return failed(result);
  const { text, sections } = syncSummary(result);
  return { ok: true, sections, notice: notice(sections.length > 0 ? 'warning' : 'success', text) };
}

export const VERDICT_LABELS: Record<Verdict['verdict'], string> = {
  applied: 'Imported',
  failed: 'Failed',
  unclear: 'Unclear: choose',
  unmentioned: 'Not in the log: choose',
};

export interface LogCheck {
  learners: Verdict[];
  applied: number;
  failed: number;
}

export async function openBatches(server: Server, today = localToday()): Promise<Outcome<{ batches: BatchView[] }>> {
  const result = await server.listBatches();
  if (!result.ok) return failed(result);
  const batches = openBatchViews(result.batches, today);
  return {
    ok: true,
    batches,
    notice: notice(
      'success',
      batches.length
        ? `${plural(batches.length, 'batch', 'batches')} waiting for an import log.`
        : 'No batch is waiting for an import log.',
    ),
  };
}

/** The dry run: what the log says of each learner, and the line that decided it. */
export async function checkLog(server: Server, batchId: string, log: string): Promise<Outcome<LogCheck>> {
  const result = await server.confirmBatch(batchId, log, { dryRun: true });
  if (!result.ok) return failed(result);
  const undecided = result.learners.filter((l) => l.verdict === 'unclear' || l.verdict === 'unmentioned').length;
  const text = `${result.batchId}: ${result.applied} imported, ${result.failed} failed${undecided ? `, ${undecided} to decide below` : ''}. Nothing is recorded until you confirm.`;
  return {
    ok: true,
    learners: result.learners,
    applied: result.applied,
    failed: result.failed,
    notice: notice(undecided ? 'warning' : 'success', text),
  };
}

export async function confirm(
  server: Server,
  batchId: string,
  log: string,
  uploadedOn: string,
  decisions: Record<string, 'applied' | 'failed'>,
): Promise<Outcome<LogCheck>> {
  const result = await server.confirmBatch(batchId, log, { uploadedOn, decisions });
  if (!result.ok) return failed(result);
  const text = `${result.batchId} recorded: ${plural(result.applied, 'learner')} in the registry, effective ${uploadedOn}${result.failed ? `; ${result.failed} failed stay on the tab with the log's words until you fix them` : ''}.`;
  return {
    ok: true,
    learners: result.learners,
    applied: result.applied,
    failed: result.failed,
    notice: notice(result.failed ? 'warning' : 'success', text),
  };
}

export async function clearDone(server: Server, tab: TemplateTab): Promise<Outcome<{ cleared: number }>> {
  const result = await server.clearDoneRows(tab);
  if (!result.ok) return failed(result);
  return {
    ok: true,
    cleared: result.cleared,
    notice: notice(
      'success',
      `${plural(result.cleared, 'done row')} taken off the ${TABS[tab].label} tab. The registry, the log and the batches keep their history.`,
    ),
  };
}

export async function previewDomain(
  server: Server,
  domain: string,
  includeSubdomains: boolean,
): Promise<Outcome<{ learners: Learner[]; sections: ProblemSection[] }>> {
  const result = await server.previewArchiveByDomain(domain, { includeSubdomains });
  if (!result.ok) return failed(result);
  const where = `${includeSubdomains ? `${result.domain} and its sub-domains` : result.domain}`;
  return {
    ok: true,
    learners: result.learners,
    // A learner on a row the add-on cannot read is not offered: the admin is told which rows.
    sections: registrySections(result.registryProblems),
    notice: notice(
      'success',
      result.learners.length
        ? `${plural(result.learners.length, 'Active learner')} at ${where}. Untick anyone to keep.`
        : `No Active learners at ${where}.`,
    ),
  };
}

export async function archive(server: Server, userIds: string[]): Promise<Outcome<{ batchId: string; download: Download }>> {
  const result = await server.archiveLearners(userIds);
  if (!result.ok) return failed(result);
  const { batchId, rows, filename, csv, problems } = result;
  const text = `${plural(rows, 'learner')} added to the Archival tab as ${batchId}. Downloaded ${filename}: upload it in the LMS, then record its import log under Open batches.`;
  return { ok: true, batchId, download: { filename, csv }, notice: notice(problems.length ? 'warning' : 'success', text, problems) };
}

/** A batch whose file was never uploaded (and the Undo of an archive while its batch is open). */
export async function cancel(server: Server, batchId: string): Promise<Outcome<{ removed: number }>> {
  const result = await server.cancelBatch(batchId);
  if (!result.ok) return failed(result);
  const parts = [
    result.removed ? `${plural(result.removed, 'row')} taken off the Archival tab` : '',
    result.released ? `${plural(result.released, 'row')} pending again` : '',
  ].filter(Boolean);
  const text = `Cancelled ${result.batchId}${parts.length ? `: ${parts.join(', ')}` : ''}. The registry was not changed.`;
  return { ok: true, removed: result.removed, notice: notice('success', text) };
}

/** Reactivation, for one learner found in the registry (and Undo of an archive already confirmed). */
export async function reactivate(server: Server, userIds: string[]): Promise<Outcome<{ download: Download }>> {
  const result = await server.reactivateLearners(userIds);
  if (!result.ok) return failed(result);
  const { batchId, rows, filename, csv, problems } = result;
  const text = `${plural(rows, 'learner')} to reactivate in ${batchId}. Downloaded ${filename}: upload it in the LMS, then record its import log under Open batches.`;
  return { ok: true, download: { filename, csv }, notice: notice(problems.length ? 'warning' : 'success', text, problems) };
}

/** The server returns at most this many matches (findLearners). */
const FIND_LIMIT = 50;

export async function find(server: Server, query: string): Promise<Outcome<{ learners: Learner[]; sections: ProblemSection[] }>> {
  if (query.trim() === '') return { ok: false, code: 'EMPTY_QUERY', notice: notice('error', 'Type part of a name or an email to search.') };
  const result = await server.findLearners(query);
  if (!result.ok) return failed(result);
  const count = result.learners.length;
  const text =
    count === 0
      ? `No learner matches "${query.trim()}".`
      : count === FIND_LIMIT
        ? `Showing the first ${FIND_LIMIT} matches: type more to narrow the search.`
        : `${plural(count, 'learner')} ${count === 1 ? 'matches' : 'match'} "${query.trim()}".`;
  return { ok: true, learners: result.learners, sections: registrySections(result.registryProblems), notice: notice('success', text) };
}

export async function loadSettings(server: Server): Promise<Outcome<{ settings: Settings }>> {
  const result = await server.getSettings();
  if (!result.ok) return failed(result);
  return { ok: true, settings: result.settings, notice: notice('success', 'Settings loaded.') };
}

/** The server's problems for bad settings, by field name (problem.column), to show beside each field. */
export function fieldErrors(problems: readonly Problem[]): Partial<Record<keyof Settings, string>> {
  return Object.fromEntries(problems.filter((p) => p.tab === 'settings').map((p) => [p.column, p.message]));
}

export async function saveSettings(
  server: Server,
  settings: SettingsInput,
): Promise<Outcome<{ settings: Settings }> & { fields: Partial<Record<keyof Settings, string>> }> {
  const result = await server.saveSettings(settings);
  // Bad fields are shown beside the fields, not listed again under the notice.
  if (!result.ok) return { ...failed({ ok: false, error: result.error }), fields: fieldErrors(result.problems ?? []) };
  return { ok: true, settings: result.settings, fields: {}, notice: notice('success', 'Settings saved.') };
}

/** Takes the admin to a problem's cell; says so only when it could not. */
export async function goToProblem(server: Server, problem: Problem): Promise<Outcome<object>> {
  if (problem.tab === 'settings')
    return { ok: false, code: 'BAD_ARGUMENT', notice: notice('error', 'This problem is in the settings, not in a sheet.') };
  const result = await server.selectCell(problem.tab, problem.row, problem.column);
  if (!result.ok) return failed(result);
  return { ok: true, notice: notice('success', `Row ${problem.row}${problem.column ? `, ${problem.column}` : ''} selected in the sheet.`) };
}

export interface DueList {
  today: string;
  learners: Learner[];
  noEndDate: number;
}

/** Active learners past their activity end date (and how many have none), for the Overview and its due view. */
export async function loadDue(server: Server): Promise<Outcome<{ due: DueList }>> {
  const result = await server.listDueForArchival();
  if (!result.ok) return failed(result);
  const { today, learners, noEndDate } = result;
  return { ok: true, due: { today, learners, noEndDate }, notice: notice('success', dueText(learners.length, noEndDate)) };
}

export async function loadComplianceMonths(server: Server): Promise<Outcome<{ months: MonthPoint[] }>> {
  const result = await server.getComplianceMonths();
  if (!result.ok) return failed(result);
  return { ok: true, months: result.months.map(({ month, end, cap }) => ({ month, end, cap })), notice: notice('success', '') };
}

export async function updateComplianceReport(server: Server): Promise<Outcome<{ months: MonthPoint[] }>> {
  const result = await server.updateComplianceReport();
  if (!result.ok) return failed(result);
  const { active, cap } = result.snapshot;
  const against = cap === null ? 'no cap set' : `cap ${cap}`;
  return {
    ok: true,
    months: result.months.map(({ month, end, cap: monthCap }) => ({ month, end, cap: monthCap })),
    notice: notice('success', `Compliance tab updated: ${active} Active (${against}); a dated snapshot was added below the table.`),
  };
}
