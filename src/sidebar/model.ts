/** What the sidebar shows, computed from server results: plain data, no DOM, so tests need neither. */
import type { SyncCounts } from '../core/registry';
import type { Problem } from '../core/types';

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export interface RowProblems {
  row: number;
  problems: Problem[];
}

/** Problems grouped by sheet row, rows in order, so the admin fixes a row at a time. */
export function groupByRow(problems: readonly Problem[]): RowProblems[] {
  const byRow = new Map<number, Problem[]>();
  for (const problem of problems) byRow.set(problem.row, [...(byRow.get(problem.row) ?? []), problem]);
  return [...byRow.entries()].sort(([a], [b]) => a - b).map(([row, list]) => ({ row, problems: list }));
}

/** A long list, read errors first: the rows with errors, then the rows with warnings, and what they add up to. */
export interface ProblemsBySeverity {
  /** "20 errors in 12 rows · 40 warnings" */
  counts: string;
  errors: RowProblems[];
  warnings: RowProblems[];
  /** "40 warnings in 31 rows": the title the folded warnings open from. */
  warningsTitle: string;
}

export function bySeverity(groups: readonly RowProblems[]): ProblemsBySeverity {
  const only = (severity: Problem['severity']): RowProblems[] =>
    groups
      .map(({ row, problems }) => ({ row, problems: problems.filter((p) => p.severity === severity) }))
      .filter((g) => g.problems.length > 0);
  // Problems not on a sheet row (row 0: a field, an unknown id) count as problems, not as rows.
  const inRows = (list: RowProblems[], what: string): string => {
    const rows = list.filter((g) => g.row >= 2).length;
    return `${plural(
      list.reduce((sum, g) => sum + g.problems.length, 0),
      what,
    )}${rows ? ` in ${plural(rows, 'row')}` : ''}`;
  };
  const errors = only('error');
  const warnings = only('warning');
  const warningCount = plural(
    warnings.reduce((sum, g) => sum + g.problems.length, 0),
    'warning',
  );
  return {
    counts: [...(errors.length ? [inRows(errors, 'error')] : []), ...(warnings.length ? [warningCount] : [])].join(' · '),
    errors,
    warnings,
    warningsTitle: inRows(warnings, 'warning'),
  };
}

export type CapLevel = 'none' | 'ok' | 'warning' | 'alarm';

/** Near the cap is 90 % of it: warn while there is still room to archive first. */
const WARNING_SHARE = 0.9;

export function capLevel(count: number, cap: number | null): CapLevel {
  if (cap === null) return 'none';
  if (count > cap) return 'alarm';
  return count >= cap * WARNING_SHARE ? 'warning' : 'ok';
}

export interface TemplateCounts {
  rows: number;
  ready: number;
  errors: number;
}

export interface Pending {
  create: number;
  archive: number;
  reactivate: number;
}

export interface CapView {
  active: number;
  cap: number | null;
  level: CapLevel;
  /** The meter's fill, 0 to 100. */
  percent: number;
  /** Active once every open batch is confirmed (the server's projection: api.md). */
  projected: number;
  projectedLevel: CapLevel;
  /** cap − projected, or null without a cap. */
  available: number | null;
  text: string;
  projectedText: string;
}

/** The meter as license dashboards show it: cap, Active, what the open batches will change, what is left. */
export function capView(active: number, cap: number | null, projected: number, pending: Pending): CapView {
  const of = cap === null ? 'no cap set (Settings)' : `of the ${cap} cap`;
  const available = cap === null ? null : cap - projected;
  const changes = [
    pending.create ? `+${pending.create} being created` : '',
    pending.reactivate ? `+${pending.reactivate} being reactivated` : '',
    pending.archive ? `−${pending.archive} being archived` : '',
  ].filter(Boolean);
  const left = available === null ? '' : available < 0 ? ` ${-available} over the cap.` : ` ${available} available.`;
  return {
    active,
    cap,
    level: capLevel(active, cap),
    percent: cap === null ? 0 : Math.min(100, Math.round((active / cap) * 100)),
    projected,
    projectedLevel: capLevel(projected, cap),
    available,
    text: `${plural(active, 'Active account')}, ${of}${cap !== null && active > cap ? `: ${active - cap} over` : ''}.`,
    projectedText: `Once the open batches are recorded: ${projected} Active${changes.length ? ` (${changes.join(', ')})` : ''}.${left}`,
  };
}

export interface BatchSummary {
  batchId: string;
  kind: string;
  exported: string;
  rows: number;
  filename: string;
  status: string;
  stale: boolean;
}

export interface BatchView extends BatchSummary {
  /** Whole days since the export. */
  age: number;
  label: string;
}

/** Days between a 'YYYY-MM-DDTHH:mm' stamp and today ('YYYY-MM-DD'). */
export function ageInDays(exported: string, today: string): number {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.max(0, Math.round((day(today) - day(exported)) / 86_400_000));
}

/** Open batches waiting for their import log: the stale ones first, then the oldest. */
export function openBatchViews(batches: readonly BatchSummary[], today: string): BatchView[] {
  return batches
    .filter((b) => b.status === 'open' || b.status === 'applying')
    .map((b) => {
      const age = ageInDays(b.exported, today);
      const when = age === 0 ? 'today' : age === 1 ? '1 day ago' : `${age} days ago`;
      const waiting =
        b.status === 'applying' ? 'being recorded: finish it' : b.stale ? 'stale: record its import log' : 'waiting for its import log';
      return { ...b, age, label: `${b.batchId}: ${b.kind}, ${plural(b.rows, 'learner')}, exported ${when}, ${waiting}` };
    })
    .sort((a, b) => Number(b.stale) - Number(a.stale) || a.exported.localeCompare(b.exported));
}

/** A list of the sync's named rows (skipped, conflicts, possible duplicates), shown only when not empty. */
export interface ProblemSection {
  title: string;
  problems: Problem[];
  /** Show only this many, then say how many more: a short list that never hides the count. */
  limit?: number;
}

/** How many registry rows a panel lists; the title gives the count of all. */
export const REGISTRY_LIST_LIMIT = 10;

/**
 * The registry rows every function that reads the registry returns (registryProblems): those it
 * cannot read, then those read with a warning; each takes the admin to its row.
 */
export function registrySections(problems: readonly Problem[]): ProblemSection[] {
  return [
    {
      title: 'Registry rows the add-on cannot read (left as they are: fix them in the Learner Registry tab)',
      problems: problems.filter((p) => p.severity === 'error'),
      limit: REGISTRY_LIST_LIMIT,
    },
    {
      title: 'Registry rows to check (read, with a warning)',
      problems: problems.filter((p) => p.severity === 'warning'),
      limit: REGISTRY_LIST_LIMIT,
    },
  ].filter((s) => s.problems.length > 0);
}

export function syncSummary(result: SyncCounts & { registryProblems?: Problem[] }): { text: string; sections: ProblemSection[] } {
  const { added, updated, reactivated, archived, unchanged, skipped, conflicts, possibleDuplicates } = result;
  const text =
    `Registry synced: ${added} added, ${updated} updated, ${reactivated} reactivated, ${archived} archived, ${unchanged} unchanged, ` +
    `${skipped.length} skipped, ${plural(conflicts.length, 'conflict')}, ${plural(possibleDuplicates.length, 'possible duplicate')}.`;
  const sections = [
    { title: 'Skipped (fix these rows, then sync again)', problems: skipped },
    { title: 'Conflicts (not changed)', problems: conflicts },
    { title: 'Possible duplicates (check before uploading)', problems: possibleDuplicates },
  ].filter((s) => s.problems.length > 0);
  return { text, sections: [...sections, ...registrySections(result.registryProblems ?? [])] };
}

/** The Overview's line about learners past their activity end date. */
export function dueText(due: number, noEndDate: number): string {
  const past =
    due === 0
      ? 'No Active learner is past their activity end date'
      : `${plural(due, 'Active learner')} ${due === 1 ? 'is' : 'are'} past their activity end date`;
  return `${past}; ${plural(noEndDate, 'Active learner')} ${noEndDate === 1 ? 'has' : 'have'} no end date.`;
}

/** Whole days from an end date to today (both 'YYYY-MM-DD'). */
export function daysSince(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

export interface MonthPoint {
  month: string;
  end: number;
  cap: number | null;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The top of the y axis: the highest count or cap, rounded up, at least 1. */
  yMax: number;
  /** SVG polyline points of Active at each month's end. */
  active: string;
  /** SVG polyline points of the cap; segments where no cap was set are left out ('' when none). */
  cap: string[];
  /** Where each month's label sits on the x axis. */
  ticks: { x: number; label: string }[];
}

const PAD = { left: 28, right: 8, top: 8, bottom: 18 };

/** The small chart of the Overview: Active at each month's end and the cap in force, to scale. */
export function chartGeometry(months: readonly MonthPoint[], width: number, height: number): ChartGeometry {
  const highest = Math.max(1, ...months.map((m) => Math.max(m.end, m.cap ?? 0)));
  const step = 10 ** Math.floor(Math.log10(highest));
  const yMax = Math.ceil(highest / step) * step;
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (months.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (months.length - 1));
  const y = (value: number): number => PAD.top + plotHeight - (value / yMax) * plotHeight;
  const point = (i: number, value: number): string => `${x(i).toFixed(1)},${y(value).toFixed(1)}`;
  const cap: string[] = [];
  let run: string[] = [];
  months.forEach((m, i) => {
    if (m.cap === null) {
      if (run.length) cap.push(run.join(' '));
      run = [];
    } else run.push(point(i, m.cap));
  });
  if (run.length) cap.push(run.join(' '));
  return {
    width,
    height,
    yMax,
    active: months.map((m, i) => point(i, m.end)).join(' '),
    cap,
    ticks: months.map((m, i) => ({ x: Number(x(i).toFixed(1)), label: m.month.slice(5) })),
  };
}
