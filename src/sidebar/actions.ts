/**
 * Each sidebar action: one server call and what the admin is told about it. The server's
 * `{ ok: false }` and Apps Script's failure handler arrive as the same shape (server.ts), so each
 * action has exactly two outcomes, both with a notice to announce.
 */
import type { TemplateTab } from '../core/columns';
import type { Learner, Problem, Settings, SettingsInput } from '../core/types';
import {
  capView,
  dueText,
  groupByRow,
  plural,
  registrySections,
  syncSummary,
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

export const TAB_LABELS: Record<TemplateTab, string> = { creation: 'Creation', archival: 'Archival' };

export interface Overview {
  creation: TemplateCounts;
  archival: TemplateCounts;
  active: number;
  archived: number;
  cap: CapView;
}

export async function loadOverview(server: Server): Promise<Outcome<{ overview: Overview; sections: ProblemSection[] }>> {
  const result = await server.getSummary();
  if (!result.ok) return failed(result);
  const { creation, archival, registry, activeCap } = result;
  const cap = capView(registry.active, activeCap, creation, archival);
  return {
    ok: true,
    overview: { creation, archival, active: registry.active, archived: registry.archived, cap },
    sections: registrySections(result.registryProblems),
    notice: capNotice(cap),
  };
}

/** What the admin must act on about the cap: over it, near it, or about to pass it with the pending uploads. */
function capNotice(cap: CapView): Notice {
  if (cap.level === 'alarm') return notice('error', `Over the cap: ${cap.text} Archive accounts whose learning has ended.`);
  if (cap.level === 'warning') return notice('warning', `Near the cap: ${cap.text}`);
  if (cap.projectedLevel === 'alarm') return notice('error', `The pending uploads would pass the cap. ${cap.projectedText}`);
  if (cap.projectedLevel === 'warning')
    return notice('warning', `The pending uploads would bring Active near the cap. ${cap.projectedText}`);
  return notice('success', cap.text);
}

export async function setUpTemplates(server: Server): Promise<Outcome<object>> {
  const result = await server.setupTemplates();
  if (!result.ok) return failed(result);
  const changed = [...result.created, ...result.repaired];
  return { ok: true, notice: notice('success', changed.length ? `Set up: ${changed.join(', ')}.` : 'All four tabs were already set up.') };
}

export async function validate(server: Server, tab: TemplateTab): Promise<Outcome<object>> {
  const result = await server.validateTab(tab);
  if (!result.ok) return failed(result);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const counts = `${TAB_LABELS[tab]} tab: ${plural(result.rows, 'row')}, ${result.ready} ready, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  const next = errors > 0 ? ' Fix the errors before exporting: click one to go to its cell.' : result.rows > 0 ? ' Ready to export.' : '';
  return { ok: true, notice: notice(errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'success', counts + next, result.problems) };
}

export interface Download {
  filename: string;
  csv: string;
}

export async function exportTab(server: Server, tab: TemplateTab): Promise<Outcome<{ download: Download }>> {
  const result = await server.exportCsv(tab);
  if (!result.ok) return failed(result);
  const { filename, csv, rows } = result;
  return {
    ok: true,
    download: { filename, csv },
    notice: notice('success', `Downloaded ${filename} (${plural(rows, 'learner')}). Upload it in the LMS: Learners > Import CSV.`),
  };
}

export async function sync(server: Server): Promise<Outcome<{ sections: ProblemSection[] }>> {
  const result = await server.syncRegistry();
  if (!result.ok) return failed(result);
  const { text, sections } = syncSummary(result);
  return { ok: true, sections, notice: notice(sections.length > 0 ? 'warning' : 'success', text) };
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

export async function archive(server: Server, userIds: string[]): Promise<Outcome<{ batch: string[]; download: Download }>> {
  const result = await server.archiveLearners(userIds);
  if (!result.ok) return failed(result);
  const { archived, learners, filename, csv, problems } = result;
  const already = learners.length - archived;
  const text = `Archived ${plural(archived, 'account')}${already ? ` (${already} already Archived)` : ''}; they are on the Archival tab. Downloaded ${filename}: upload it in the LMS.`;
  return {
    ok: true,
    batch: learners.map((l) => l.userId),
    download: { filename, csv },
    notice: notice(problems.length ? 'warning' : 'success', text, problems),
  };
}

/** Reactivation, for Undo after an archive and for one learner found in the registry. */
export async function reactivate(server: Server, userIds: string[]): Promise<Outcome<{ download: Download }>> {
  const result = await server.reactivateLearners(userIds);
  if (!result.ok) return failed(result);
  const { reactivated, learners, filename, csv, problems } = result;
  const already = learners.length - reactivated;
  const text = `Reactivated ${plural(reactivated, 'account')}${already ? ` (${already} already Active)` : ''}. Downloaded ${filename}: upload it if the LMS already has them Archived.`;
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
