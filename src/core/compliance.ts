/**
 * Compliance (api.md, "Compliance"; domain.md): who was Active at the end of any day, month by
 * month against the cap, and who is due for archival. Everything is computed from the Registry
 * Log and the registry rows as calendar dates ('YYYY-MM-DD', the spreadsheet's time zone, turned
 * so by the shell); what cannot be dated is reported as undated, never guessed.
 */
import { addDays, parseDateText } from './dates';
import type { Learner } from './types';

type Status = Learner['status'];

/** A Registry Log row as text: Timestamp already the calendar date of its instant. */
export interface LogRow {
  timestamp: string;
  action: string;
  userId: string;
  details: string;
  /** The log's `Effective` column ('YYYY-MM-DD' text), '' when absent. */
  effective: string;
}

export const LOG_CAP_CHANGED = 'Cap changed';

const STRICT_ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The day a log row took effect: its Effective date, else its Timestamp's date; '' when neither reads. */
function dayOf(row: LogRow): string {
  for (const text of [row.effective, row.timestamp]) {
    if (STRICT_ISO.test(text) && parseDateText(text)) return text;
  }
  return '';
}

/**
 * The status a log row leaves its learner in, or null for a row that changes no status (an
 * update of a name). The actions are those the add-on writes (registry.ts); a status change made
 * otherwise, such as from an LMS export, says so in its Details ("Status Archived → Active").
 */
export function statusOfLogRow(action: string, details: string): Status | null {
  switch (action.trim().toLowerCase()) {
    case 'added':
      return /added as archived/i.test(details) ? 'Archived' : 'Active';
    case 'reactivated':
      return 'Active';
    case 'archived':
      return 'Archived';
    default: {
      const change = /\bStatus (?:Active|Archived|\(blank\)) → (Active|Archived)\b/.exec(details);
      return change ? (change[1] as Status) : null;
    }
  }
}

export interface StatusEvent {
  date: string;
  status: Status;
}

/** One learner's history: its events in order, and the day after which it cannot be dated. */
export interface Timeline {
  key: string;
  /** The registry's learner, or one made from the log for a learner no longer in the registry. */
  learner: Learner;
  inRegistry: boolean;
  events: StatusEvent[];
  /** null: dated throughout; '' : undated on every day; a date: undated on every day after it. */
  undatedAfter: string | null;
}

function undatedTimeline(key: string, learner: Learner): Timeline {
  return { key, learner, inRegistry: true, events: [], undatedAfter: '' };
}

function learnerFromLog(userId: string): Learner {
  return {
    userId,
    firstName: '',
    lastName: '',
    email: userId,
    employeeType: '',
    affiliation: '',
    status: 'Archived',
    dateHire: '',
    archivedOn: '',
    activityEnds: '',
    openBatch: '',
  };
}

interface Ordered extends StatusEvent {
  order: number;
}

/**
 * Every learner's timeline, by the rule "Active at the end of a day": logged events in date then
 * log order; DateHire before the first logged event; a registry ArchivedOn with no logged archive;
 * undated where the registry disagrees with the log, or nothing dates the learner at all.
 */
export function buildTimelines(registry: readonly Learner[], log: readonly LogRow[]): Timeline[] {
  const logged = new Map<string, { events: Ordered[]; undatedFrom: number | null }>();
  log.forEach((row, order) => {
    const status = statusOfLogRow(row.action, row.details);
    const key = row.userId.trim().toLowerCase();
    if (status === null || key === '') return;
    const entry = logged.get(key) ?? { events: [], undatedFrom: null };
    logged.set(key, entry);
    const date = dayOf(row);
    // A change nobody can date makes the learner undated from there on.
    if (date === '') entry.undatedFrom ??= order;
    else entry.events.push({ date, status, order });
  });

  const timelines: Timeline[] = [];
  const seen = new Set<string>();
  const timelineOf = (key: string, learner: Learner, inRegistry: boolean): Timeline => {
    const history = logged.get(key) ?? { events: [], undatedFrom: null };
    const cut = history.undatedFrom;
    const events = history.events
      .filter((e) => cut === null || e.order < cut)
      .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
    let undatable = cut !== null;
    if (inRegistry) {
      const first = events[0];
      if (learner.dateHire && (!first || learner.dateHire <= first.date)) {
        events.unshift({ date: learner.dateHire, status: 'Active', order: -1 });
      }
      const archiveLogged = history.events.some((e) => e.status === 'Archived');
      if (learner.status === 'Archived' && learner.archivedOn && !archiveLogged) {
        // Archived before it was hired: the registry contradicts itself, so nothing about it is dated.
        if (learner.dateHire && learner.archivedOn < learner.dateHire) return undatedTimeline(key, learner);
        events.push({ date: learner.archivedOn, status: 'Archived', order: Number.POSITIVE_INFINITY });
        events.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
      }
      // A hand edit of the status: the registry is right today, but since when is unknown.
      if (events.at(-1)?.status !== learner.status) undatable = true;
    }
    const last = events.at(-1);
    return {
      key,
      learner,
      inRegistry,
      events: events.map(({ date, status }) => ({ date, status })),
      undatedAfter: undatable || !last ? (last?.date ?? '') : null,
    };
  };
  for (const learner of registry) {
    const key = learner.email.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    timelines.push(timelineOf(key, learner, true));
  }
  for (const [key, history] of logged) {
    if (seen.has(key) || history.events.length === 0) continue;
    seen.add(key);
    timelines.push(timelineOf(key, learnerFromLog(key), false));
  }
  return timelines;
}

export type DayStatus = Status | 'none' | 'undated';

/** A learner's status at the end of a day: that of its last event on or before it. */
export function statusOn(timeline: Timeline, day: string): DayStatus {
  if (timeline.undatedAfter !== null && day > timeline.undatedAfter) return 'undated';
  let status: DayStatus = 'none';
  for (const event of timeline.events) {
    if (event.date > day) break;
    status = event.status;
  }
  return status;
}

/** Who was Active at the end of `day`, and who cannot be dated then. */
export function activeOnDay(timelines: readonly Timeline[], day: string): { learners: Learner[]; undated: Learner[] } {
  const learners: Learner[] = [];
  const undated: Learner[] = [];
  for (const timeline of timelines) {
    const status = statusOn(timeline, day);
    if (status === 'Active') learners.push(timeline.learner);
    else if (status === 'undated') undated.push(timeline.learner);
  }
  return { learners, undated };
}

// ---------------------------------------------------------------- the cap over time

export interface CapChange {
  date: string;
  from: number | null;
  to: number | null;
}

function capText(cap: number | null): string {
  return cap === null ? 'none' : String(cap);
}

/** The log's Details of a cap change: "60 → 75", "none → 60". */
export function capChangeDetails(from: number | null, to: number | null): string {
  return `${capText(from)} → ${capText(to)}`;
}

function readCap(text: string): number | null | undefined {
  if (text === 'none') return null;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The cap changes of the log, in date then log order; rows whose Details cannot be read are left out. */
export function capChanges(log: readonly LogRow[]): CapChange[] {
  const changes: (CapChange & { order: number })[] = [];
  log.forEach((row, order) => {
    if (row.action.trim() !== LOG_CAP_CHANGED) return;
    const match = /^\s*(\S+)\s*→\s*(\S+)\s*$/.exec(row.details);
    const date = dayOf(row);
    const from = readCap(match?.[1] ?? '');
    const to = readCap(match?.[2] ?? '');
    if (date !== '' && from !== undefined && to !== undefined) changes.push({ date, from, to, order });
  });
  changes.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
  return changes.map(({ date, from, to }) => ({ date, from, to }));
}

/** The cap in force at the end of a day: before the first logged change, that change's old value; never changed, today's. */
export function capOn(changes: readonly CapChange[], current: number | null, day: string): number | null {
  const first = changes[0];
  if (!first) return current;
  let cap = first.from;
  for (const change of changes) {
    if (change.date > day) break;
    cap = change.to;
  }
  return cap;
}

// ---------------------------------------------------------------- months

export interface ComplianceMonth {
  month: string;
  start: number;
  created: number;
  reactivated: number;
  archived: number;
  end: number;
  cap: number | null;
  undated: number;
}

const MONTH = /^(\d{4})-(\d{2})$/;

export function isMonth(text: string): boolean {
  const m = MONTH.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1900;
}

/** 'YYYY-MM' `count` months after (or before) `month`. */
export function addMonths(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastDay(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/**
 * Month by month from `from` to `to` ('YYYY-MM'): Active at the end of the day before the 1st and
 * of the last day, the changes dated within (each change counted, so start + created +
 * reactivated − archived = end for the dated learners), the cap in force at the end, and the
 * learners undated at the end.
 */
export function complianceMonths(
  timelines: readonly Timeline[],
  changes: readonly CapChange[],
  currentCap: number | null,
  from: string,
  to: string,
): ComplianceMonth[] {
  const months: ComplianceMonth[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    const first = `${month}-01`;
    const before = addDays(first, -1);
    const last = lastDay(month);
    const row: ComplianceMonth = {
      month,
      start: 0,
      created: 0,
      reactivated: 0,
      archived: 0,
      end: 0,
      cap: capOn(changes, currentCap, last),
      undated: 0,
    };
    for (const timeline of timelines) {
      if (statusOn(timeline, before) === 'Active') row.start += 1;
      const end = statusOn(timeline, last);
      if (end === 'Active') row.end += 1;
      if (end === 'undated') row.undated += 1;
      let previous: Status | 'none' = 'none';
      for (const event of timeline.events) {
        if (event.date >= first && event.date <= last && (timeline.undatedAfter === null || event.date <= timeline.undatedAfter)) {
          if (event.status === 'Active' && previous === 'none') row.created += 1;
          else if (event.status === 'Active' && previous === 'Archived') row.reactivated += 1;
          else if (event.status === 'Archived' && previous === 'Active') row.archived += 1;
        }
        previous = event.status;
      }
    }
    months.push(row);
  }
  return months;
}

// ---------------------------------------------------------------- activity end dates

/**
 * A learner's activity end date when a change is applied (api.md): the one typed on the Creation
 * tab (column S) when given; else `startedOn` (DateHire for a new account, the reactivation's
 * effective date for a reactivated one) + `activityDays` when that setting is set; else ''.
 */
export function activityEndsFor(typed: string, startedOn: string, activityDays: number | null): string {
  if (typed !== '') return typed;
  if (activityDays === null || startedOn === '') return '';
  return addDays(startedOn, activityDays);
}

/**
 * Active learners whose activity ended before today and who are in no open batch, the longest
 * overdue first (then by email); and how many Active learners have no end date.
 */
export function dueForArchival(
  learners: readonly Learner[],
  today: string,
  inOpenBatch: (learner: Learner) => boolean,
): { learners: Learner[]; noEndDate: number } {
  const active = learners.filter((l) => l.status === 'Active');
  const due = active
    .filter((l) => l.activityEnds !== '' && l.activityEnds < today && !inOpenBatch(l))
    .sort((a, b) => a.activityEnds.localeCompare(b.activityEnds) || a.email.localeCompare(b.email));
  return { learners: due, noEndDate: active.filter((l) => l.activityEnds === '').length };
}
