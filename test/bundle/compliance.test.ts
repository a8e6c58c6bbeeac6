import { describe, expect, it } from 'vitest';
import { SETTINGS, TABS, creationRow, loadAddOn, notOk, ok, registryRow, type Loaded } from './harness';
import { namesInApiDoc } from '../apiDoc';

const ADMIN = 'pat.admin@riversideca.gov';

/** Today in a time zone, as the admin's calendar there reads it. */
function todayIn(timeZone: string, plusDays = 0): string {
  const now = new Date(Date.now() + plusDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

function setUp(options: { timeZone?: string; settings?: object } = {}): Loaded {
  const loaded = loadAddOn({ activeUserEmail: ADMIN, spreadsheetTimeZone: options.timeZone ?? 'America/Los_Angeles' });
  ok(loaded.addon.setupTemplates());
  // Stored directly, so saving them logs no cap change into the history the tests build.
  loaded.emu.properties.document.settings = JSON.stringify({ ...SETTINGS, ...options.settings });
  return loaded;
}

/** A registry row with its ActivityEnds (column J) as an admin would type it. */
function withEnd(row: string[], activityEnds: string): string[] {
  return [...row, activityEnds];
}

describe('activity end dates', () => {
  it('come from column S, else DateHire + the activity length, and are kept in the registry', () => {
    const { emu, addon } = setUp({ settings: { activityDays: 90 } });
    emu
      .sheet(TABS.creation)!
      .setValues('A2', [
        [...creationRow('ana@sdsu.edu', 'Ana', 'Lee'), '', '06/30/2027'],
        creationRow('bo@sdsu.edu', 'Bo', 'Chu', { DateHire: '11/20/2026' }),
      ]);
    expect(ok(addon.syncRegistry()).added).toBe(2);
    const registry = emu.sheet(TABS.registry)!;
    expect(registry.cell('J1').value).toBe('ActivityEnds');
    expect(registry.cell('J2').displayValue).toBe('2027-06-30');
    // November 20 + 90 days: 10 left in November, 31 in December, 31 in January, 18 in February.
    expect(registry.cell('J3').displayValue).toBe('2027-02-18');
    const found = ok(addon.findLearners('sdsu.edu')).learners.map((l) => [l.email, l.activityEnds]);
    expect(found).toEqual([
      ['ana@sdsu.edu', '2027-06-30'],
      ['bo@sdsu.edu', '2027-02-18'],
    ]);
  });

  it('stay blank without column S or the setting', () => {
    const { emu, addon } = setUp();
    emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee')]);
    ok(addon.syncRegistry());
    expect(emu.sheet(TABS.registry)!.cell('J2').value).toBe('');
    expect(ok(addon.listDueForArchival()).noEndDate).toBe(1);
  });

  it('may be typed in the registry; one that cannot be read is a warning on its row, and the learner stays', () => {
    const { emu, addon } = setUp();
    emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        withEnd(registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2025-01-10'), '1/15/2026'),
        withEnd(registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2025-01-10'), 'end of June'),
      ]);
    const due = ok(addon.listDueForArchival());
    expect(due.learners.map((l) => [l.email, l.activityEnds])).toEqual([['ana@sdsu.edu', '2026-01-15']]);
    expect(due.noEndDate).toBe(1);
    expect(due.registryProblems).toMatchObject([{ row: 3, column: 'ActivityEnds', severity: 'warning' }]);
    expect(due.registryProblems[0]?.message).toMatch(/^ActivityEnds "end of June" of bo@sdsu.edu is not a date/);
    expect(ok(addon.findLearners('bo@')).learners).toHaveLength(1);
    expect(ok(addon.getSummary()).registry.active).toBe(2);
  });

  it("is added to a registry made before it, after the admin's own columns, writing over none", () => {
    const { emu, addon } = loadAddOn();
    emu.addSheet(TABS.registry, [
      ['UserID', 'FirstName', 'LastName', 'Email', 'EmployeeType', 'Affiliation', 'Status', 'DateHire', 'ArchivedOn', 'Notes'],
      [...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'), 'VIP'],
    ]);
    ok(addon.setupTemplates());
    const registry = emu.sheet(TABS.registry)!;
    expect(registry.values()[0]?.slice(8)).toEqual(['ArchivedOn', 'Notes', 'ActivityEnds']);
    expect(registry.values()[1]?.slice(9)).toEqual(['VIP', '']);
    expect(ok(addon.findLearners('ana')).learners).toHaveLength(1);
    // A sync writes the end date under its header, and leaves the admin's column alone.
    emu.properties.document.settings = JSON.stringify(SETTINGS);
    emu.sheet(TABS.creation)!.setValues('A2', [[...creationRow('bo@sdsu.edu', 'Bo', 'Chu'), '', '06/30/2027']]);
    expect(ok(addon.syncRegistry()).added).toBe(1);
    expect([registry.cell('J3').value, registry.cell('K3').displayValue]).toEqual(['', '2027-06-30']);
  });
});

describe('listDueForArchival', () => {
  it('lists Active learners past their end date, longest overdue first, leaving out open batches and the Archived', () => {
    const { emu, addon } = setUp();
    const zone = 'America/Los_Angeles';
    emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        withEnd(registryRow('week@x.org', 'Wes', 'Kent', 'Active', '2025-01-10'), todayIn(zone, -7)),
        withEnd(registryRow('month@x.org', 'Mo', 'Ruiz', 'Active', '2025-01-10'), todayIn(zone, -30)),
        withEnd(registryRow('future@x.org', 'Fu', 'Ture', 'Active', '2025-01-10'), todayIn(zone, 30)),
        withEnd(registryRow('gone@x.org', 'Go', 'Ne', 'Archived', '2025-01-10', '2025-06-01'), todayIn(zone, -90)),
        withEnd(registryRow('batched@x.org', 'Ba', 'Tch', 'Active', '2025-01-10'), todayIn(zone, -60)),
        registryRow('none@x.org', 'No', 'Ne', 'Active', '2025-01-10'),
        registryRow('none2@x.org', 'No', 'Two', 'Active', '2025-01-10'),
      ]);
    // An archival batch already exported for batched@x.org: open until its import log is recorded.
    expect(ok(addon.archiveLearners(['batched@x.org'])).rows).toBe(1);
    const due = ok(addon.listDueForArchival());
    expect(due.today).toBe(todayIn(zone));
    expect(due.learners.map((l) => l.email)).toEqual(['month@x.org', 'week@x.org']);
    expect(due.noEndDate).toBe(2);
    expect(ok(addon.getSummary()).dueForArchival).toBe(2);
  });

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'reads today in the spreadsheet time zone (%s): an end date of today is not yet due',
    (zone) => {
      // UTC+14 and UTC−11: whatever the hour, one of them is on another date than the script's UTC.
      const { emu, addon } = setUp({ timeZone: zone });
      emu
        .sheet(TABS.registry)!
        .setValues('A2', [
          withEnd(registryRow('today@x.org', 'To', 'Day', 'Active', '2025-01-10'), todayIn(zone)),
          withEnd(registryRow('yesterday@x.org', 'Yes', 'Terday', 'Active', '2025-01-10'), todayIn(zone, -1)),
        ]);
      const due = ok(addon.listDueForArchival());
      expect(due.today).toBe(todayIn(zone));
      expect(due.learners.map((l) => l.email)).toEqual(['yesterday@x.org']);
    },
  );

  it('hands the due learners to archiveLearners, whose open batch takes them off the due list', () => {
    const { emu, addon } = setUp();
    emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        withEnd(registryRow('a@x.org', 'Al', 'One', 'Active', '2025-01-10'), '2026-01-01'),
        withEnd(registryRow('b@x.org', 'Bea', 'Two', 'Active', '2025-01-10'), '2026-02-01'),
        withEnd(registryRow('c@x.org', 'Cy', 'Three', 'Active', '2025-01-10'), '2026-03-01'),
      ]);
    const due = ok(addon.listDueForArchival()).learners;
    const archived = ok(addon.archiveLearners(due.slice(0, 2).map((l) => l.userId)));
    expect(archived.rows).toBe(2);
    expect(ok(addon.getBatch(archived.batchId)).learners.map((l) => l.email)).toEqual(['a@x.org', 'b@x.org']);
    // Still Active until the batch is confirmed, but on their way out: no longer due.
    expect(ok(addon.findLearners('a@x.org')).learners).toMatchObject([{ status: 'Active', openBatch: archived.batchId }]);
    expect(ok(addon.listDueForArchival()).learners.map((l) => l.email)).toEqual(['c@x.org']);
  });
});

/** A Registry Log row: Timestamp (a date-time), Admin, Action, UserID, Details, Batch, Effective. */
function logRow(effective: string, action: string, userId: string, details = '', timestamp?: Date): unknown[] {
  // Effective as the add-on writes it: text. The Timestamp is noon in Los Angeles of that day unless given.
  return [timestamp ?? new Date(`${effective}T20:00:00Z`), ADMIN, action, userId, details, '', effective ? `'${effective}` : ''];
}

const ADDED = 'Added as Active (Riverside County Community Partner)';

/**
 * The year of history of test/core/compliance.test.ts, in the tabs: the month-end counts were
 * worked out by hand there, row by row. ivy's row has no Effective date, and its Timestamp,
 * 03:00 UTC on August 16, is August 15 in Los Angeles, the spreadsheet's time zone.
 */
function yearOfHistory(loaded: Loaded): void {
  loaded.emu
    .sheet(TABS.registry)!
    .setValues('A2', [
      registryRow('ana@a.org', 'Ana', 'A', 'Archived', '2025-11-15', '2026-03-10'),
      registryRow('ben@a.org', 'Ben', 'B', 'Active', '2026-01-05'),
      registryRow('cy@a.org', 'Cy', 'C', 'Active', '2026-02-01'),
      registryRow('di@a.org', 'Di', 'D', 'Archived', '2025-06-01', '2026-02-20'),
      registryRow('ed@a.org', 'Ed', 'E', 'Archived', '2026-03-03', '2026-06-30'),
      registryRow('fay@a.org', 'Fay', 'F', 'Active', ''),
      registryRow('gus@a.org', 'Gus', 'G', 'Archived', '2026-05-10'),
      registryRow('hal@a.org', 'Hal', 'H', 'Active', '2025-09-01'),
      registryRow('ivy@a.org', 'Ivy', 'I', 'Active', '2026-08-15'),
    ]);
  loaded.emu
    .sheet(TABS.log)!
    .setValues('A2', [
      logRow('2025-12-20', 'archived', 'hal@a.org', 'Status Active → Archived'),
      logRow('2026-01-05', 'added', 'ben@a.org', ADDED),
      logRow('2026-02-01', 'added', 'cy@a.org', ADDED),
      logRow('2026-03-03', 'added', 'ED@a.org', ADDED),
      logRow('2026-03-10', 'archived', 'ana@a.org', 'Status Active → Archived'),
      logRow('2026-04-01', 'Cap changed', '', '50 → 60'),
      logRow('2026-04-15', 'archived', 'cy@a.org', 'Status Active → Archived'),
      logRow('2026-04-28', 'reactivated', 'cy@a.org', 'Status Archived → Active'),
      logRow('2026-05-10', 'added', 'gus@a.org', ADDED),
      logRow('2026-05-12', 'updated', 'ben@a.org', 'LastName B → Bee'),
      logRow('2026-06-30', 'archived', 'ed@a.org', 'Status Active → Archived'),
      logRow('2026-07-01', 'reactivated', 'hal@a.org', 'Status Archived → Active'),
      logRow('', 'added', 'ivy@a.org', ADDED, new Date('2026-08-16T03:00:00Z')),
      logRow('2026-09-10', 'Cap changed', '', '60 → 5'),
    ]);
}

const HAND_COUNTED = [
  // month    start created reactivated archived end cap undated
  ['2025-12', 3, 0, 0, 1, 2, 50, 1],
  ['2026-01', 2, 1, 0, 0, 3, 50, 1],
  ['2026-02', 3, 1, 0, 1, 3, 50, 1],
  ['2026-03', 3, 1, 0, 1, 3, 50, 1],
  ['2026-04', 3, 0, 1, 1, 3, 60, 1],
  ['2026-05', 3, 1, 0, 0, 3, 60, 2],
  ['2026-06', 3, 0, 0, 1, 2, 60, 2],
  ['2026-07', 2, 0, 1, 0, 3, 60, 2],
  ['2026-08', 3, 1, 0, 0, 4, 60, 2],
  ['2026-09', 4, 0, 0, 0, 4, 5, 2],
];

describe('the month table, from a year of log history', () => {
  it('gives the month-end counts worked out by hand, reactivations and an archive-and-reactivate month included', () => {
    const loaded = setUp({ settings: { activeCap: 5 } });
    yearOfHistory(loaded);
    const { months } = ok(loaded.addon.getComplianceMonths({ from: '2025-12' }));
    expect(months.slice(0, 10).map((m) => [m.month, m.start, m.created, m.reactivated, m.archived, m.end, m.cap, m.undated])).toEqual(
      HAND_COUNTED,
    );
    // Up to the current month, in the spreadsheet's time zone.
    expect(months.at(-1)?.month).toBe(todayIn('America/Los_Angeles').slice(0, 7));
  });

  it('answers who was Active at the end of June 30, and who cannot be dated', () => {
    const loaded = setUp();
    yearOfHistory(loaded);
    const june30 = ok(loaded.addon.activeOn('2026-06-30'));
    expect(june30.date).toBe('2026-06-30');
    expect(june30.learners.map((l) => l.email)).toEqual(['ben@a.org', 'cy@a.org']);
    expect(june30.undated.map((l) => l.email)).toEqual(['fay@a.org', 'gus@a.org']);
    // Ivy's Timestamp is August 16 in UTC but August 15 in Los Angeles.
    expect(ok(loaded.addon.activeOn('2026-08-15')).learners.map((l) => l.email)).toContain('ivy@a.org');
  });

  it('refuses a date or a month it cannot read, or a month to come', () => {
    const { addon } = setUp();
    expect(notOk(addon.activeOn('June 30')).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(addon.getComplianceMonths({ from: '2099-01' })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(addon.updateComplianceReport({ from: '2026-13' })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(addon.getComplianceMonths({ from: '1990-01' })).error.message).toMatch(
      /^The report covers at most 20 years: give a month from \d{4}-\d{2} on\.$/,
    );
  });
});

describe('updateComplianceReport', () => {
  it('writes the month table, one line chart of Active against the cap updated in place, and a snapshot each time', () => {
    const loaded = setUp({ settings: { activeCap: 5 } });
    yearOfHistory(loaded);
    const { emu, addon } = loaded;
    const first = ok(addon.updateComplianceReport({ from: '2025-12' }));
    expect(first.snapshot).toEqual({
      date: todayIn('America/Los_Angeles'),
      active: 5,
      archived: 4,
      cap: 5,
      pendingCreate: 0,
      pendingArchive: 0,
    });
    const second = ok(addon.updateComplianceReport({ from: '2025-12' }));
    const tab = emu.sheet(TABS.compliance)!;
    const values = tab.values();
    expect(values[0]?.slice(0, 9)).toEqual(namesInApiDoc("Row 1 is the month table's header", ', one row per month'));
    // June: 2 Active at its end against a cap of 60, 58 under.
    expect(values[7]?.slice(0, 9)).toEqual(['2026-06', 3, 0, 0, 1, 2, 60, -58, 2]);
    const months = second.months.length;
    const charts = tab.charts();
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({
      type: 'LINE',
      ranges: [`'Compliance'!A1:A${months + 1}`, `'Compliance'!F1:G${months + 1}`],
      options: { title: 'Active accounts against the cap' },
    });
    // Below the table, after a blank row: the snapshots' header and one row per update.
    const header = months + 3;
    expect(values[header - 1]?.slice(0, 7)).toEqual([
      'Snapshot date',
      'Active',
      'Archived',
      'Cap',
      'Pending creations',
      'Pending archivals',
      'Who',
    ]);
    const snapshots = values.slice(header).map((r, i) => [tab.cell(`A${header + 1 + i}`).displayValue, ...r.slice(1, 7)]);
    expect(snapshots).toEqual([
      [todayIn('America/Los_Angeles'), 5, 4, 5, 0, 0, ADMIN],
      [todayIn('America/Los_Angeles'), 5, 4, 5, 0, 0, ADMIN],
    ]);
  });

  it('never writes over a snapshot when more months are asked for, and blanks months no longer shown', () => {
    const loaded = setUp();
    yearOfHistory(loaded);
    const { emu, addon } = loaded;
    const short = ok(addon.updateComplianceReport()).months.length;
    expect(short).toBe(12);
    const long = ok(addon.updateComplianceReport({ from: '2025-06' })).months.length;
    expect(long).toBeGreaterThan(short);
    ok(addon.updateComplianceReport());
    const values = emu.sheet(TABS.compliance)!.values();
    const header = values.findIndex((r) => r[0] === 'Snapshot date');
    expect(values.slice(header + 1)).toHaveLength(3);
    expect(values.slice(13, header).every((r) => r.every((v) => v === ''))).toBe(true);
    expect(emu.sheet(TABS.compliance)!.charts()[0]?.ranges).toEqual(["'Compliance'!A1:A13", "'Compliance'!F1:G13"]);
  });

  it('costs the same Sheets calls for a 10-row log as for a 3,000-row one', () => {
    const callsFor = (rows: number): Record<string, number> => {
      const loaded = setUp();
      yearOfHistory(loaded);
      loaded.emu.sheet(TABS.log)!.setValues(
        'A16',
        Array.from({ length: rows }, (_, i) => logRow('2026-03-01', 'updated', `p${i}@a.org`, 'LastName A → B')),
      );
      ok(loaded.addon.updateComplianceReport());
      loaded.emu.counter.reset();
      ok(loaded.addon.updateComplianceReport());
      return loaded.emu.counter.byMethod;
    };
    expect(callsFor(3_000)).toEqual(callsFor(10));
  });

  it('cut short at any Sheets call, then run again, leaves one table, one chart and one snapshot', () => {
    const clean = setUp();
    yearOfHistory(clean);
    clean.emu.counter.reset();
    ok(clean.addon.updateComplianceReport());
    const calls = clean.emu.counter.calls;
    const expected = clean.emu.sheet(TABS.compliance)!.values();
    // The last call is the flush after the snapshot: cut there, the report is whole already.
    for (let at = 1; at < calls; at++) {
      const loaded = setUp();
      yearOfHistory(loaded);
      loaded.emu.failOnCall(at);
      expect(notOk(loaded.addon.updateComplianceReport()).error.code).toBe('INTERNAL');
      ok(loaded.addon.updateComplianceReport());
      const tab = loaded.emu.sheet(TABS.compliance)!;
      expect({ at, values: tab.values() }).toEqual({ at, values: expected });
      expect(tab.charts()).toHaveLength(1);
    }
  });

  it('takes the document lock', () => {
    const { emu, addon } = setUp();
    emu.setLockHeldElsewhere(true);
    expect(notOk(addon.updateComplianceReport()).error.code).toBe('LOCKED');
    expect(emu.sheet(TABS.compliance)).toBeNull();
  });
});

describe('cap changes', () => {
  it('are logged by saveSettings with old → new and the day saved; saving the same cap logs nothing', () => {
    const { emu, addon } = setUp({ settings: { activeCap: 60 } });
    ok(addon.saveSettings({ ...SETTINGS, activeCap: 75 }));
    ok(addon.saveSettings({ ...SETTINGS, activeCap: 75 }));
    ok(addon.saveSettings({ ...SETTINGS, activeCap: null }));
    const log = emu
      .sheet(TABS.log)!
      .values()
      .slice(1)
      .map((r) => r.slice(2));
    const today = todayIn('America/Los_Angeles');
    expect(log).toEqual([
      ['Cap changed', '', '60 → 75', '', today],
      ['Cap changed', '', '75 → none', '', today],
    ]);
    // The report reads them back: none at the end of this month; before the first change, its old value.
    expect(ok(addon.getComplianceMonths()).months.at(-1)?.cap).toBeNull();
    expect(ok(addon.getComplianceMonths()).months.at(-2)?.cap).toBe(60);
  });
});
