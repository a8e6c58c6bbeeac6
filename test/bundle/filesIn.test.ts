import { beforeEach, describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import type { WorkbookJson } from '@cacwt/gas-emulator';
import { TABS, loadAddOn, loadSetUp, notOk, ok, type Loaded } from './harness';
import { RECONCILE_REGISTRY } from '../fixtures';

const RED = '#f4cccc';
const R = 'Riverside County Community Partner';
const CCP = 'California Community Partners';

/** A creation file as Excel saves it with a European list separator: BOM, semicolons, CRLF, columns in its own order. */
const EXCEL_FILE =
  '\ufeffEmail;Last Name;First Name;User ID;Department;EmploymentType;Status;Affiliation;Password;DateHire\r\n' +
  `ana@sdsu.edu;"King, Jr.";Ana;ana@sdsu.edu;Nursing;${R};Active;${CCP};Changeme1!;11/20/2026\r\n` +
  `bo@sdsu.edu;Chu;"=HYPERLINK(""http://evil.example"",""Bo"")";bo@sdsu.edu;;${R};ACTIVE;${CCP};Changeme1!;2026-11-21\r\n` +
  `cy@sdsu;Ng;Cy;cy@sdsu;;${R};Active;${CCP};Changeme1!;1/5/2026\r\n`;

function laDate(value: unknown): string {
  return value instanceof Date ? new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(value) : String(value);
}

/** A:Q of a tab's data rows by header, dates as 'YYYY-MM-DD'. */
function rows(loaded: Loaded, tab: string): Record<ColumnName, string>[] {
  return loaded.emu
    .sheet(tab)!
    .values()
    .slice(1)
    .map((r) => Object.fromEntries(HEADERS.map((h, c) => [h, laDate(r[c] ?? '')])) as Record<ColumnName, string>);
}

function cell(loaded: Loaded, tab: string, a1: string) {
  return loaded.emu.sheet(tab)!.cell(a1);
}

let setUpWorkbook: WorkbookJson | null = null;

/** Tabs set up and Riverside's settings saved (once, then restored from JSON: the cut-short tests load it often). */
function setUp(): Loaded {
  if (!setUpWorkbook) {
    const first = loadSetUp();
    setUpWorkbook = first.emu.toJSON();
  }
  return loadAddOn({ workbook: setUpWorkbook, activeUserEmail: 'pat.admin@rivco.org' });
}

describe('importCsv: loading a file onto a template tab', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = setUp();
  });

  it('loads an Excel-style file with every value where it belongs, as text, and marks the bad rows', () => {
    const result = ok(loaded.addon.importCsv('creation', EXCEL_FILE));
    expect(result).toEqual({
      ok: true,
      tab: 'creation',
      added: 3,
      firstRow: 2,
      lastRow: 4,
      columns: {
        UserID: 'User ID',
        LastName: 'Last Name',
        FirstName: 'First Name',
        Email: 'Email',
        Password: 'Password',
        Status: 'Status',
        Affiliation: 'Affiliation',
        EmployeeType: 'EmploymentType',
        DateHire: 'DateHire',
      },
      ignoredColumns: ['Department'],
      skipped: [],
    });
    const [ana, bo, cy] = rows(loaded, TABS.creation);
    expect(ana).toEqual({
      UserID: 'ana@sdsu.edu',
      LastName: 'King, Jr.',
      FirstName: 'Ana',
      Email: 'ana@sdsu.edu',
      Password: 'Changeme1!',
      Status: 'Active',
      Affiliation: CCP,
      OrganizationName: '',
      EmployeeType: R,
      RTADepartment: '',
      RTAJobTitle: '',
      RTAJobCode: '',
      AreaOfAssignment: '',
      DateHire: '2026-11-20',
      DateTransfer: '',
      UserLevel: '',
      AssocLMSID: '',
    });
    expect(cell(loaded, TABS.creation, 'N2').value).toBeInstanceOf(Date);
    // The formula-looking name is text in its cell, never a formula, and it is marked.
    expect(bo).toMatchObject({ FirstName: '=HYPERLINK("http://evil.example","Bo")', Status: 'Active', DateHire: '2026-11-21' });
    expect(cell(loaded, TABS.creation, 'C3')).toMatchObject({ formula: '', background: RED });
    expect(cell(loaded, TABS.creation, 'C3').note).toContain('would run as a formula');
    expect(cy).toMatchObject({ Email: 'cy@sdsu', DateHire: '2026-01-05' });
    expect(cell(loaded, TABS.creation, 'D4').background).toBe(RED);
    expect(cell(loaded, TABS.creation, 'R2').value).toBe('Ready');
    expect(String(cell(loaded, TABS.creation, 'R3').value)).toContain('FirstName starts with "="');
    expect(String(cell(loaded, TABS.creation, 'R4').value)).toContain('Email "cy@sdsu" is not an email address');
    expect(ok(loaded.addon.validateTab('creation'))).toMatchObject({ rows: 3, ready: 1 });
  });

  it('appends after the last row, skipping and listing the emails already on the tab', () => {
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [['', '', '', 'BO@sdsu.edu']]);
    const result = ok(loaded.addon.importCsv('creation', EXCEL_FILE));
    expect(result).toMatchObject({ added: 2, firstRow: 3, lastRow: 4 });
    expect(result.skipped).toEqual([
      {
        tab: 'creation',
        row: 2,
        column: 'Email',
        severity: 'warning',
        message: 'bo@sdsu.edu is already on row 2 of this tab, so row 3 of the file was not loaded.',
      },
    ]);
    expect(rows(loaded, TABS.creation).map((r) => r.Email)).toEqual(['BO@sdsu.edu', 'ana@sdsu.edu', 'cy@sdsu']);
    // The same file again adds nothing.
    expect(ok(loaded.addon.importCsv('creation', EXCEL_FILE))).toMatchObject({ added: 0, firstRow: 0, lastRow: 0 });
    expect(rows(loaded, TABS.creation)).toHaveLength(3);
  });

  it('does not count a done row (the state column of design.md) as already on the tab', () => {
    const sheet = loaded.emu.sheet(TABS.creation)!;
    sheet.setValues('T1', [['State (not exported)']]);
    sheet.setValues('A2', [['', '', '', 'bo@sdsu.edu']]);
    sheet.setValues('T2', [['done B-20261101-1 2026-11-01']]);
    sheet.setValues('A3', [['', '', '', 'ana@sdsu.edu']]);
    sheet.setValues('T3', [['open B-20261101-2']]);
    const result = ok(loaded.addon.importCsv('creation', EXCEL_FILE));
    expect(result.skipped.map((p) => p.row)).toEqual([3]);
    expect(result).toMatchObject({ added: 2, firstRow: 4, lastRow: 5 });
  });

  it('loads the same creation file onto the Archival tab with asArchival: Archived, no Password, no DateHire', () => {
    const result = ok(loaded.addon.importCsv('archival', EXCEL_FILE, { asArchival: true }));
    expect(result.ignoredColumns).toEqual(['Department', 'Password', 'DateHire']);
    const loadedRows = rows(loaded, TABS.archival);
    expect(loadedRows.map((r) => [r.Email, r.Status, r.Password, r.DateHire, r.LastName])).toEqual([
      ['ana@sdsu.edu', 'Archived', '', '', 'King, Jr.'],
      ['bo@sdsu.edu', 'Archived', '', '', 'Chu'],
      ['cy@sdsu', 'Archived', '', '', 'Ng'],
    ]);
    expect(cell(loaded, TABS.archival, 'R2').value).toBe('Ready');
    expect(cell(loaded, TABS.archival, 'D4').background).toBe(RED);
  });

  it('with dryRun gives the mapping and the counts and writes nothing', () => {
    const before = loaded.emu.counter.cellsWritten;
    const result = ok(loaded.addon.importCsv('creation', EXCEL_FILE, { dryRun: true, mapping: { OrganizationName: 'Department' } }));
    expect(result).toMatchObject({ added: 3, firstRow: 2, lastRow: 4, ignoredColumns: [] });
    expect(result.columns.OrganizationName).toBe('Department');
    expect(loaded.emu.counter.cellsWritten).toBe(before);
    expect(loaded.emu.sheet(TABS.creation)!.lastRow).toBe(1);
  });

  it('refuses a file without an Email column, an unreadable one and one not in UTF-8, writing nothing', () => {
    const before = loaded.emu.counter.cellsWritten;
    const noEmail = notOk(loaded.addon.importCsv('creation', 'Last Name,First Name\r\nLee,Ana\r\n'));
    expect(noEmail.error).toEqual({
      code: 'BAD_FILE',
      message:
        'The file has no Email column (its columns: Last Name, First Name). Name the column of email addresses Email, or choose it in the mapping. Nothing was loaded.',
    });
    expect(notOk(loaded.addon.importCsv('creation', 'Email,LastName\r\na@x.org,"Lee\r\n')).error.code).toBe('BAD_FILE');
    expect(notOk(loaded.addon.importCsv('creation', 'Email,LastName\r\na@x.org,Jos\ufffd\r\n')).error.message).toContain('CSV UTF-8');
    expect(loaded.emu.counter.cellsWritten).toBe(before);
    expect(loaded.emu.sheet(TABS.creation)!.lastRow).toBe(1);
  });

  it('loads from a tab of this spreadsheet, and says which arguments it cannot take', () => {
    loaded.emu.addSheet('Roster', [
      ['E-mail', 'first_name', 'LAST NAME'],
      ['dee@ucr.edu', 'Dee', 'Park'],
    ]);
    expect(ok(loaded.addon.importCsv('creation', { sheet: 'Roster' }))).toMatchObject({ added: 1, firstRow: 2 });
    expect(rows(loaded, TABS.creation)[0]).toMatchObject({
      Email: 'dee@ucr.edu',
      UserID: 'dee@ucr.edu',
      FirstName: 'Dee',
      Status: 'Active',
      EmployeeType: R,
    });
    expect(notOk(loaded.addon.importCsv('creation', { sheet: 'Nope' })).error.code).toBe('NO_TAB');
    expect(notOk(loaded.addon.importCsv('registry' as never, EXCEL_FILE)).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(loaded.addon.importCsv('creation', EXCEL_FILE, { asArchival: true })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(loaded.addon.importCsv('creation', 42 as never)).error.message).toBe(
      "importCsv: text must be the file's text, or { sheet: '<tab name>' }, not 42.",
    );
    expect(notOk(loaded.addon.importCsv('creation', EXCEL_FILE, { mapping: { Email: 3 } as never })).error.message).toMatch(
      /^importCsv: options\.mapping\.Email must be a file column's header/,
    );
    expect(notOk(loaded.addon.applyLms(EXCEL_FILE, 'ana@sdsu.edu' as never)).error.message).toMatch(/^applyLms: userIds must be a list/);
  });

  it('answers LOCKED and writes nothing while another admin holds the lock', () => {
    loaded.emu.setLockHeldElsewhere(true);
    expect(notOk(loaded.addon.importCsv('creation', EXCEL_FILE)).error.code).toBe('LOCKED');
    expect(loaded.emu.sheet(TABS.creation)!.lastRow).toBe(1);
  });

  it('cut short at any Sheets call, loading the file again leaves each row once, marked', () => {
    const start = loaded.emu.counter.calls;
    ok(loaded.addon.importCsv('creation', EXCEL_FILE));
    const calls = loaded.emu.counter.calls - start;
    const whole = loaded.emu.sheet(TABS.creation)!.values();
    for (let k = 1; k <= calls; k++) {
      const cut = setUp();
      cut.emu.failOnCall(k);
      expect(cut.addon.importCsv('creation', EXCEL_FILE).ok, `cut at call ${k}`).toBe(false);
      ok(cut.addon.importCsv('creation', EXCEL_FILE));
      expect(cut.emu.sheet(TABS.creation)!.values(), `cut at call ${k}`).toEqual(whole);
      expect(cell(cut, TABS.creation, 'D4').background, `cut at call ${k}`).toBe(RED);
    }
  });

  it('costs the same Sheets calls for 3 rows as for 300', () => {
    const calls = (text: string): number => {
      const fresh = setUp();
      const start = fresh.emu.counter.calls;
      ok(fresh.addon.importCsv('creation', text));
      return fresh.emu.counter.calls - start;
    };
    const many = Array.from({ length: 300 }, (_, i) => `p${i}@x.org;Lee;Ana`).join('\r\n');
    expect(calls(`Email;LastName;FirstName\r\n${many}`)).toBe(
      calls('Email;LastName;FirstName\r\na@x.org;Lee;Ana\r\nb@x.org;Lee;Bo\r\nc@x.org;Ng;Cy'),
    );
  });
});

// ---------------------------------------------------------------- reconciling with the LMS

/** An LMS learner export, written by hand: the LMS lists statuses in capitals. */
const LMS_EXPORT =
  'User ID,First Name,Last Name,Email,Status,Employee Type,Affiliation\r\n' +
  `ana@x.org,Ana,Lee,ana@x.org,ACTIVE,${R},${CCP}\r\n` +
  `bo@x.org,Bo,Chu,bo@x.org,ARCHIVED,${R},${CCP}\r\n` +
  `cy@x.org,Cyrus,Ng,cy@x.org,ARCHIVED,${R},${CCP}\r\n` +
  `hal@x.org,Hal,Wu,hal@x.org,ACTIVE,${R},${CCP}\r\n` +
  `dee@x.org,Dee,Park,dee@x.org,ACTIVE,Orange County Community Partner,${CCP}\r\n` +
  `ivy@x.org,Ivy,Fox,ivy@x.org,ACTIVE,Orange County Community Partner,${CCP}\r\n` +
  `kim@x.org,Kim,Roe,kim@x.org,ACTIVE,${R},${CCP}\r\n`;

/** The shared registry (six learners), and an open creation batch holding kim, as the upload loop writes it. */
function withRegistry(): Loaded {
  const loaded = setUp();
  loaded.emu.sheet(TABS.registry)!.setValues('A2', [...RECONCILE_REGISTRY]);
  // setupTemplates made the batch tabs: the batch goes in below their headers.
  loaded.emu.sheet(TABS.batches)!.setValues('A2', [['B-20261120-1', 'creation', '2026-11-20T09:00', 'pat', '1', 'f.csv', 'open']]);
  loaded.emu.sheet(TABS.batchRows)!.setValues('A2', [['B-20261120-1', 'kim@x.org', 'creation']]);
  return loaded;
}

describe('reconcileLms and applyLms', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = withRegistry();
  });

  const emails = (list: { email: string }[]) => list.map((l) => l.email);

  it('gives exactly the lists expected and changes nothing', () => {
    const before = JSON.stringify(loaded.emu.sheet(TABS.registry)!.values());
    const result = ok(loaded.addon.reconcileLms(LMS_EXPORT));
    expect(result.compared).toBe(5);
    expect(result.statuses).toEqual(['Active', 'Archived']);
    expect(emails(result.onlyInLms)).toEqual(['hal@x.org', 'kim@x.org']);
    expect(emails(result.onlyInRegistry)).toEqual(['eve@x.org', 'fay@x.org']);
    expect(result.statusDiffers.map((d) => [d.learner.email, d.lmsStatus])).toEqual([['bo@x.org', 'Archived']]);
    expect(result.detailsDiffer.map((d) => [d.learner.email, d.learner.firstName, d.lms.firstName])).toEqual([['cy@x.org', 'Cy', 'Cyrus']]);
    expect(result.elsewhere.map((e) => [e.learner.email, e.lmsEmployeeType])).toEqual([['dee@x.org', 'Orange County Community Partner']]);
    expect(result.batchesSeen).toEqual([{ batchId: 'B-20261120-1', learners: ['kim@x.org'] }]);
    expect(result.ignored).toBe(1);
    expect(JSON.stringify(loaded.emu.sheet(TABS.registry)!.values())).toBe(before);
  });

  it('reads the export from a tab the admin inserted (File > Import), with the same answer', () => {
    loaded.emu.addSheet(
      'LMS learners',
      LMS_EXPORT.trim()
        .split('\r\n')
        .map((line) => line.split(',')),
    );
    const fromTab = ok(loaded.addon.reconcileLms({ sheet: 'LMS learners' }));
    const fromText = ok(loaded.addon.reconcileLms(LMS_EXPORT));
    expect(fromTab).toEqual(fromText);
  });

  it('applies exactly the chosen learners, effective the date given, each change logged from the file', () => {
    const result = ok(
      loaded.addon.applyLms(LMS_EXPORT, ['bo@x.org', 'hal@x.org', 'dee@x.org', 'fay@x.org'], {
        asOf: '2026-11-02',
        fileName: 'learners.csv',
      }),
    );
    expect(result.changed).toBe(3);
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^fay@x.org is not in the LMS export/)]);
    const registry = loaded.emu
      .sheet(TABS.registry)!
      .values()
      .slice(1)
      .map((r) => [r[3], r[4], r[6], laDate(r[8])]);
    expect(registry).toEqual([
      ['ana@x.org', R, 'Active', ''],
      ['bo@x.org', R, 'Archived', '2026-11-02'],
      ['cy@x.org', R, 'Archived', '2026-06-30'],
      ['dee@x.org', 'Orange County Community Partner', 'Active', ''],
      ['eve@x.org', R, 'Archived', '2025-12-31'],
      ['fay@x.org', R, 'Active', ''],
      ['hal@x.org', R, 'Active', ''],
    ]);
    const log = loaded.emu
      .sheet(TABS.log)!
      .values()
      .slice(1)
      .map((r) => [r[1], r[2], r[3], r[4]]);
    expect(log).toEqual([
      [
        'pat.admin@rivco.org',
        'archived',
        'bo@x.org',
        'Status Active → Archived; ArchivedOn (blank) → 2026-11-02 (from the LMS export "learners.csv", effective 2026-11-02)',
      ],
      ['pat.admin@rivco.org', 'added', 'hal@x.org', `Added as Active (${R}) (from the LMS export "learners.csv", effective 2026-11-02)`],
      [
        'pat.admin@rivco.org',
        'updated',
        'dee@x.org',
        `EmployeeType ${R} → Orange County Community Partner (from the LMS export "learners.csv", effective 2026-11-02)`,
      ],
    ]);
    // Taken again: nothing left to change, nothing logged twice.
    expect(ok(loaded.addon.applyLms(LMS_EXPORT, ['bo@x.org', 'hal@x.org', 'dee@x.org'], { asOf: '2026-11-02' })).changed).toBe(0);
    expect(loaded.emu.sheet(TABS.log)!.values()).toHaveLength(4);
  });

  it("writes only the registry cells that change: a formula or a hand edit in the learner's other cells stays", () => {
    const sheet = loaded.emu.sheet(TABS.registry)!;
    // Bo's row (3), in cells the LMS export does not carry: a formula in DateHire, and an
    // ActivityEnds typed by hand.
    sheet.setValues('H3', [['=DATE(2026,1,10)', '', '2027-03-01']]);
    const handTyped = sheet.cell('J3').value;
    loaded.emu.counter.reset();
    ok(loaded.addon.applyLms(LMS_EXPORT, ['bo@x.org'], { asOf: '2026-11-02' }));
    // Only Status and ArchivedOn were written: one cell each.
    expect(sheet.cell('H3').formula).toBe('=DATE(2026,1,10)');
    expect(sheet.cell('J3').value).toEqual(handTyped);
    expect([sheet.cell('G3').value, laDate(sheet.cell('I3').value)]).toEqual(['Archived', '2026-11-02']);
    const logRows = 1;
    expect(loaded.emu.counter.cellsWritten).toBe(2 + logRows * 7);
  });

  it('cut short at any Sheets call, is finished by running it again: each change once in the registry and in the log', () => {
    const start = loaded.emu.counter.calls;
    ok(loaded.addon.applyLms(LMS_EXPORT, ['bo@x.org', 'hal@x.org'], { asOf: '2026-11-02' }));
    const calls = loaded.emu.counter.calls - start;
    for (let k = 1; k <= calls; k++) {
      const cut = withRegistry();
      cut.emu.failOnCall(k);
      expect(cut.addon.applyLms(LMS_EXPORT, ['bo@x.org', 'hal@x.org'], { asOf: '2026-11-02' }).ok, `cut at call ${k}`).toBe(false);
      ok(cut.addon.applyLms(LMS_EXPORT, ['bo@x.org', 'hal@x.org'], { asOf: '2026-11-02' }));
      const log = cut.emu
        .sheet(TABS.log)!
        .values()
        .slice(1)
        .map((r) => r[3]);
      expect(log, `cut at call ${k}`).toEqual(['bo@x.org', 'hal@x.org']);
      const registry = cut.emu
        .sheet(TABS.registry)!
        .values()
        .slice(1)
        .map((r) => [r[3], r[6]]);
      expect(
        registry.filter(([email]) => email === 'bo@x.org' || email === 'hal@x.org'),
        `cut at call ${k}`,
      ).toEqual([
        ['bo@x.org', 'Archived'],
        ['hal@x.org', 'Active'],
      ]);
    }
  });

  it('logs a second, different change to a learner from a later export of the same file name on the same day', () => {
    // Morning: the LMS export "learners.csv" renames Cy (Cy → Cyrus): applied and logged.
    ok(loaded.addon.applyLms(LMS_EXPORT, ['cy@x.org'], { asOf: '2026-11-02', fileName: 'learners.csv' }));
    // Afternoon: a new export, with the same name (the LMS names its exports alike), says Cy is Active again.
    const later = LMS_EXPORT.replace('cy@x.org,Cyrus,Ng,cy@x.org,ARCHIVED', 'cy@x.org,Cyrus,Ng,cy@x.org,ACTIVE');
    expect(ok(loaded.addon.applyLms(later, ['cy@x.org'], { asOf: '2026-11-02', fileName: 'learners.csv' })).changed).toBe(1);
    const registry = loaded.emu
      .sheet(TABS.registry)!
      .values()
      .find((r) => r[3] === 'cy@x.org');
    expect(registry?.[6]).toBe('Active'); // the registry took the reactivation...
    const log = loaded.emu
      .sheet(TABS.log)!
      .values()
      .slice(1)
      .filter((r) => r[3] === 'cy@x.org')
      .map((r) => r[2]);
    expect(log).toEqual(['updated', 'reactivated']); // ...and the log must say so
  });

  it('refuses a date in the future or not a date, and a file without Status', () => {
    expect(notOk(loaded.addon.applyLms(LMS_EXPORT, ['bo@x.org'], { asOf: '2999-01-01' })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(loaded.addon.applyLms(LMS_EXPORT, ['bo@x.org'], { asOf: '11/02/2026' })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(loaded.addon.reconcileLms('Email,FirstName\r\na@x.org,A')).error.code).toBe('BAD_FILE');
  });
});
