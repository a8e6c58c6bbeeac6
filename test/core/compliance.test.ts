import { describe, expect, it } from 'vitest';
import {
  activeOnDay,
  activityEndsFor,
  addMonths,
  buildTimelines,
  capChangeDetails,
  capChanges,
  capOn,
  complianceMonths,
  dueForArchival,
  statusOfLogRow,
  type LogRow,
} from '../../src/core/compliance';
import type { Learner } from '../../src/core/types';

function learner(email: string, status: Learner['status'], dateHire: string, archivedOn = '', activityEnds = ''): Learner {
  return {
    userId: email,
    firstName: email.split('@')[0] as string,
    lastName: 'Test',
    email,
    employeeType: 'Riverside County Community Partner',
    affiliation: 'California Community Partners',
    status,
    dateHire,
    archivedOn,
    activityEnds,
    openBatch: '',
  };
}

function log(action: string, userId: string, effective: string, details = '', timestamp = effective): LogRow {
  return { timestamp, action, userId, details, effective };
}

/**
 * A year of history, every number below worked out by hand from these rows (see the comments):
 * ana  hired 2025-11-15 (no log of it), archived 2026-03-10
 * ben  added 2026-01-05
 * cy   added 2026-02-01, archived 2026-04-15, reactivated 2026-04-28 (same month)
 * di   hired 2025-06-01, registry Archived on 2026-02-20, nothing logged
 * ed   added 2026-03-03, archived 2026-06-30 (not Active at the end of June 30)
 * fay  registry Active, no DateHire, nothing logged: undated every day
 * gus  added 2026-05-10, registry Archived with no date and no log of it: undated after May 10
 * hal  hired 2025-09-01, archived 2025-12-20, reactivated 2026-07-01
 * ivy  added with no Effective: its Timestamp's date, 2026-08-15
 * cap  50 until "50 → 60" on 2026-04-01, then "60 → 5" on 2026-09-10
 */
const REGISTRY = [
  learner('ana@a.org', 'Archived', '2025-11-15', '2026-03-10'),
  learner('ben@a.org', 'Active', '2026-01-05'),
  learner('cy@a.org', 'Active', '2026-02-01'),
  learner('di@a.org', 'Archived', '2025-06-01', '2026-02-20'),
  learner('ed@a.org', 'Archived', '2026-03-03', '2026-06-30'),
  learner('fay@a.org', 'Active', ''),
  learner('gus@a.org', 'Archived', '2026-05-10'),
  learner('hal@a.org', 'Active', '2025-09-01'),
  learner('ivy@a.org', 'Active', '2026-08-15'),
];
const LOG: LogRow[] = [
  log('archived', 'hal@a.org', '2025-12-20', 'Status Active → Archived'),
  log('added', 'ben@a.org', '2026-01-05', 'Added as Active (Riverside County Community Partner)'),
  log('added', 'cy@a.org', '2026-02-01', 'Added as Active (Riverside County Community Partner)'),
  log('added', 'ED@a.org', '2026-03-03', 'Added as Active (Riverside County Community Partner)'),
  log('archived', 'ana@a.org', '2026-03-10', 'Status Active → Archived'),
  log('Cap changed', '', '2026-04-01', '50 → 60'),
  log('archived', 'cy@a.org', '2026-04-15', 'Status Active → Archived'),
  log('reactivated', 'cy@a.org', '2026-04-28', 'Status Archived → Active'),
  log('added', 'gus@a.org', '2026-05-10', 'Added as Active (Riverside County Community Partner)'),
  log('updated', 'ben@a.org', '2026-05-12', 'LastName Test → Tess'),
  log('archived', 'ed@a.org', '2026-06-30', 'Status Active → Archived'),
  log('reactivated', 'hal@a.org', '2026-07-01', 'Status Archived → Active'),
  log('added', 'ivy@a.org', '', 'Added as Active (Riverside County Community Partner)', '2026-08-15'),
  log('Cap changed', '', '2026-09-10', '60 → 5'),
];

describe('complianceMonths: a year of history', () => {
  const timelines = buildTimelines(REGISTRY, LOG);
  const months = complianceMonths(timelines, capChanges(LOG), 5, '2025-12', '2026-09');
  const table = months.map((m) => [m.month, m.start, m.created, m.reactivated, m.archived, m.end, m.cap, m.undated]);

  it('counts Active at each month start and end, the changes within, the cap in force and the undated', () => {
    expect(table).toEqual([
      // month    start created react. archived end cap undated
      ['2025-12', 3, 0, 0, 1, 2, 50, 1], // ana, di, hal at the start; hal archived Dec 20; fay undated
      ['2026-01', 2, 1, 0, 0, 3, 50, 1], // ben added
      ['2026-02', 3, 1, 0, 1, 3, 50, 1], // cy added, di archived (registry ArchivedOn)
      ['2026-03', 3, 1, 0, 1, 3, 50, 1], // ed added, ana archived
      ['2026-04', 3, 0, 1, 1, 3, 60, 1], // cy archived and reactivated: still Active at the end
      ['2026-05', 3, 1, 0, 0, 3, 60, 2], // gus added, then undated (registry says Archived, the log never did)
      ['2026-06', 3, 0, 0, 1, 2, 60, 2], // ed archived on June 30: not Active at its end
      ['2026-07', 2, 0, 1, 0, 3, 60, 2], // hal reactivated
      ['2026-08', 3, 1, 0, 0, 4, 60, 2], // ivy, dated by its Timestamp
      ['2026-09', 4, 0, 0, 0, 4, 5, 2], // the cap changed on Sep 10
    ]);
  });

  it('answers who was Active at the end of a day, and who cannot be dated', () => {
    const june30 = activeOnDay(timelines, '2026-06-30');
    expect(june30.learners.map((l) => l.email)).toEqual(['ben@a.org', 'cy@a.org']);
    expect(june30.undated.map((l) => l.email)).toEqual(['fay@a.org', 'gus@a.org']);
    // cy was archived on April 15: not Active at its end; gus still dated on May 10.
    expect(activeOnDay(timelines, '2026-04-15').learners.map((l) => l.email)).toEqual(['ben@a.org', 'ed@a.org']);
    expect(activeOnDay(timelines, '2026-05-10').learners.map((l) => l.email)).toEqual(['ben@a.org', 'cy@a.org', 'ed@a.org', 'gus@a.org']);
    expect(activeOnDay(timelines, '2026-05-10').undated.map((l) => l.email)).toEqual(['fay@a.org']);
  });
});

describe('the rule "Active at the end of a day"', () => {
  it("orders a day's changes as the log does: archived then reactivated ends Active, the other way Archived", () => {
    const registry = [learner('a@x.org', 'Active', '2026-01-01'), learner('b@x.org', 'Archived', '2026-01-01', '2026-03-01')];
    const timelines = buildTimelines(registry, [
      log('archived', 'a@x.org', '2026-03-01'),
      log('reactivated', 'b@x.org', '2026-03-01'),
      log('reactivated', 'a@x.org', '2026-03-01'),
      log('archived', 'b@x.org', '2026-03-01'),
    ]);
    expect(activeOnDay(timelines, '2026-03-01').learners.map((l) => l.email)).toEqual(['a@x.org']);
  });

  it('takes the Effective date over the Timestamp, and sorts by it, not by the log order', () => {
    const registry = [learner('a@x.org', 'Archived', '', '2026-02-10')];
    // Recorded on March 5 for an upload of February 10, after a creation logged on February 1.
    const timelines = buildTimelines(registry, [
      log('archived', 'a@x.org', '2026-02-10', '', '2026-03-05'),
      log('added', 'a@x.org', '2026-02-01'),
    ]);
    expect(timelines[0]?.events).toEqual([
      { date: '2026-02-01', status: 'Active' },
      { date: '2026-02-10', status: 'Archived' },
    ]);
    expect(activeOnDay(timelines, '2026-02-09').learners).toHaveLength(1);
    expect(activeOnDay(timelines, '2026-02-10').learners).toHaveLength(0);
  });

  it('dates nothing of a learner the registry says was archived before it was hired', () => {
    const timelines = buildTimelines([learner('a@x.org', 'Archived', '2025-12-12', '2025-03-15')], []);
    const months = complianceMonths(timelines, [], null, '2025-12', '2025-12');
    expect(months[0]).toMatchObject({ start: 0, created: 0, reactivated: 0, archived: 0, end: 0, undated: 1 });
  });

  it('uses DateHire only before the first logged event', () => {
    // Hired in January, first logged in March as a reactivation: Active from January.
    const early = buildTimelines([learner('a@x.org', 'Active', '2026-01-10')], [log('reactivated', 'a@x.org', '2026-03-01')]);
    expect(activeOnDay(early, '2026-01-10').learners).toHaveLength(1);
    // A DateHire later than the first logged event says nothing about the time before it.
    const late = buildTimelines([learner('a@x.org', 'Active', '2026-05-01')], [log('added', 'a@x.org', '2026-03-01')]);
    expect(late[0]?.events).toEqual([{ date: '2026-03-01', status: 'Active' }]);
  });

  it("reads an LMS export's status change from its Details, and ignores updates of names", () => {
    expect(statusOfLogRow('updated', 'Status Archived → Active; LastName A → B')).toBe('Active');
    expect(statusOfLogRow('updated', 'LastName A → B')).toBeNull();
    expect(statusOfLogRow('archived', 'Added as Archived (Riverside County Community Partner)')).toBe('Archived');
    expect(statusOfLogRow('added', 'Added as Archived (Riverside County Community Partner)')).toBe('Archived');
  });

  it('makes a learner undated after a change nobody can date, and keeps learners only the log knows', () => {
    const timelines = buildTimelines(
      [learner('a@x.org', 'Active', '2026-01-01')],
      [
        log('archived', 'a@x.org', '', '', 'not a date'),
        log('reactivated', 'a@x.org', '2026-04-01'),
        log('added', 'gone@x.org', '2026-02-01'),
      ],
    );
    // Hired January 1; archived on a day nobody knows: undated from January 2 on, the reactivation included.
    expect(activeOnDay(timelines, '2026-01-01').learners.map((l) => l.email)).toEqual(['a@x.org']);
    expect(activeOnDay(timelines, '2026-04-30').undated.map((l) => l.email)).toEqual(['a@x.org']);
    expect(activeOnDay(timelines, '2026-04-30').learners.map((l) => l.email)).toEqual(['gone@x.org']);
  });
});

describe('the cap over time', () => {
  const changes = capChanges([
    log('Cap changed', '', '2026-04-01', capChangeDetails(50, 60)),
    log('Cap changed', '', '2026-02-01', capChangeDetails(null, 50)),
    log('Cap changed', '', '2026-05-01', 'sixty → 70'),
  ]);

  it('reads "old → new" rows in date order, "none" for no cap, and leaves out rows it cannot read', () => {
    expect(changes).toEqual([
      { date: '2026-02-01', from: null, to: 50 },
      { date: '2026-04-01', from: 50, to: 60 },
    ]);
  });

  it("is the first change's old value before it, the last change's new value after, today's when never changed", () => {
    expect(capOn(changes, 75, '2026-01-31')).toBeNull();
    expect(capOn(changes, 75, '2026-03-31')).toBe(50);
    expect(capOn(changes, 75, '2026-04-01')).toBe(60);
    expect(capOn([], 75, '2020-01-01')).toBe(75);
  });
});

describe('activity end dates and the due list', () => {
  it('takes column S first, else the start date plus the activity length, else none', () => {
    expect(activityEndsFor('2026-06-30', '2026-01-15', 90)).toBe('2026-06-30');
    expect(activityEndsFor('', '2026-01-15', 90)).toBe('2026-04-15'); // 16 + 28 + 31 + 15
    expect(activityEndsFor('', '2026-12-20', 30)).toBe('2027-01-19');
    expect(activityEndsFor('', '2026-01-15', null)).toBe('');
  });

  it('lists Active learners past their end date, longest overdue first, leaving out open batches; counts those with none', () => {
    const learners = [
      learner('late@x.org', 'Active', '2026-01-01', '', '2026-11-01'),
      learner('today@x.org', 'Active', '2026-01-01', '', '2026-11-29'),
      learner('oldest@x.org', 'Active', '2026-01-01', '', '2026-03-31'),
      learner('batched@x.org', 'Active', '2026-01-01', '', '2026-02-01'),
      learner('archived@x.org', 'Archived', '2026-01-01', '2026-05-01', '2026-01-31'),
      learner('none1@x.org', 'Active', '2026-01-01'),
      learner('none2@x.org', 'Active', '2026-01-01'),
    ];
    const due = dueForArchival(learners, '2026-11-29', (l) => l.email === 'batched@x.org');
    expect(due.learners.map((l) => l.email)).toEqual(['oldest@x.org', 'late@x.org']);
    expect(due.noEndDate).toBe(2);
  });

  it('counts months across a year end', () => {
    expect(addMonths('2026-11', -11)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });
});
