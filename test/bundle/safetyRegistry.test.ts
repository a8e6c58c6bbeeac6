/**
 * Issue #10, items 2, 3 and 9: a registry edited by hand. Its columns are found by their headers,
 * a row the add-on cannot read is reported everywhere and its learner never added twice, and
 * broken headers are refused (BAD_REGISTRY) with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, TABS, archivalRow, creationRow, loadAddOn, loadSetUp, notOk, ok, registryRow, type Loaded } from './harness';

const HEADERS = ['UserID', 'FirstName', 'LastName', 'Email', 'EmployeeType', 'Affiliation', 'Status', 'DateHire', 'ArchivedOn'];

/** A set-up workbook whose registry tab is exactly `rows` (header first), as an admin left it. */
function withRegistry(rows: unknown[][]): Loaded {
  const loaded = loadAddOn({ activeUserEmail: 'pat.admin@riversideca.gov' });
  loaded.emu.addSheet(TABS.registry, rows);
  ok(loaded.addon.setupTemplates());
  ok(loaded.addon.saveSettings({ ...SETTINGS }));
  return loaded;
}

/** Everything but the log, to show nothing changed. */
function snapshot(loaded: Loaded): string {
  return JSON.stringify(loaded.emu.toJSON().sheets.filter((s) => s.name !== TABS.log));
}

/** A row with one cell changed. */
function withCell(row: string[], index: number, value: string): string[] {
  return row.map((v, i) => (i === index ? value : v));
}

function registryEmails(loaded: Loaded, column = 3): string[] {
  return loaded.emu
    .sheet(TABS.registry)!
    .values()
    .slice(1)
    .map((r) => String(r[column]));
}

describe('item 2: a registry row the add-on cannot read is never duplicated', () => {
  const broken: [string, string[]][] = [
    ['Status Inactive', registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Inactive', '2026-01-10')],
    ['DateHire next week', registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', 'next week')],
    ['EmployeeType Riverside County', withCell(registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'), 4, 'Riverside County')],
    ['a blank Email', withCell(registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'), 3, '')],
  ];
  for (const [fault, row] of broken) {
    it(`with ${fault}, sync reports the row and skips the learner instead of adding it again`, () => {
      const loaded = withRegistry([HEADERS, registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'), row]);
      loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('cy@sdsu.edu', 'Cy', 'Ng')]);
      const result = ok(loaded.addon.syncRegistry());
      expect(result.added).toBe(1); // Cy only
      expect(result.registryProblems).toMatchObject([{ tab: 'registry', row: 3, severity: 'error' }]);
      expect(result.skipped).toMatchObject([
        { tab: 'creation', row: 2, column: 'Email', message: expect.stringMatching(/ana@sdsu\.edu is already in the registry on row 3/) },
      ]);
      const values = loaded.emu.sheet(TABS.registry)!.values();
      expect(values).toHaveLength(4); // header, Bo, the broken row, Cy
      expect(values[2]!.slice(0, 4)).toEqual(row.slice(0, 4)); // never rewritten
      expect(values[3]![3]).toBe('cy@sdsu.edu');
      // Validation says so on the row, before any sync.
      expect(ok(loaded.addon.validateTab('creation')).problems.filter((p) => p.row === 2)).toMatchObject([
        { row: 2, column: 'Email', severity: 'warning', message: expect.stringMatching(/on row 3, which the add-on cannot read/) },
      ]);
      // Running it again still adds nobody.
      expect(ok(loaded.addon.syncRegistry()).added).toBe(0);
      expect(loaded.emu.sheet(TABS.registry)!.values()).toHaveLength(4);
    });
  }

  it('reads Status typed `active` or ` Archived ` as the status it plainly is', () => {
    const loaded = withRegistry([
      HEADERS,
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'active', '2026-01-10'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', ' Archived ', '2026-01-10', '2026-06-30'),
    ]);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    const result = ok(loaded.addon.syncRegistry());
    expect(result).toMatchObject({ added: 0, reactivated: 1, unchanged: 1, registryProblems: [] });
    expect(registryEmails(loaded)).toEqual(['ana@sdsu.edu', 'bo@sdsu.edu']);
  });
});

describe('item 3: the registry is found by its headers', () => {
  it('a column inserted at A: reads, archives and adds in the right columns, and never touches A', () => {
    const loaded = withRegistry([
      ['Notes', ...HEADERS],
      ['call back', ...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10')],
    ]);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    loaded.emu.sheet(TABS.archival)!.setValues('A2', [archivalRow('ana@sdsu.edu', 'Ana', 'Lee')]);
    const result = ok(loaded.addon.syncRegistry());
    expect(result).toMatchObject({ added: 1, archived: 1, registryProblems: [] });
    const values = loaded.emu.sheet(TABS.registry)!.values();
    expect(values[0]!.slice(0, 11)).toEqual(['Notes', ...HEADERS, 'ActivityEnds']);
    expect(values[1]!.slice(0, 8)).toEqual([
      'call back',
      'ana@sdsu.edu',
      'Ana',
      'Lee',
      'ana@sdsu.edu',
      expect.anything(),
      expect.anything(),
      'Archived',
    ]);
    expect(values[2]!.slice(0, 8)).toEqual(['', 'bo@sdsu.edu', 'Bo', 'Chu', 'bo@sdsu.edu', expect.anything(), expect.anything(), 'Active']);
    expect(ok(loaded.addon.findLearners('ana')).learners).toMatchObject([{ firstName: 'Ana', lastName: 'Lee', status: 'Archived' }]);
  });

  it('a registry problem takes the admin to its cell, in the column its header names', () => {
    const loaded = withRegistry([
      ['Notes', ...HEADERS],
      ['', ...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Inactive', '2026-01-10')],
    ]);
    const [problem] = ok(loaded.addon.getSummary()).registryProblems;
    expect(problem).toMatchObject({ tab: 'registry', row: 2, column: 'Status' });
    ok(loaded.addon.selectCell('registry', problem!.row, problem!.column));
    const app = loaded.emu.globals.SpreadsheetApp as { getActiveRange(): { getA1Notation(): string } };
    expect(app.getActiveRange().getA1Notation()).toBe('H2');
  });

  it('FirstName and LastName swapped, headers too: names are read and written under their own headers', () => {
    const swapped = ['UserID', 'LastName', 'FirstName', ...HEADERS.slice(3)];
    const loaded = withRegistry([
      swapped,
      ['ana@sdsu.edu', 'Lee', 'Ana', ...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10').slice(3)],
    ]);
    expect(ok(loaded.addon.findLearners('ana')).learners).toMatchObject([{ firstName: 'Ana', lastName: 'Lee' }]);
    loaded.emu
      .sheet(TABS.creation)!
      .setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee-Park'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    expect(ok(loaded.addon.syncRegistry())).toMatchObject({ added: 1, updated: 1 });
    const values = loaded.emu.sheet(TABS.registry)!.values();
    expect(values[1]!.slice(0, 4)).toEqual(['ana@sdsu.edu', 'Lee-Park', 'Ana', 'ana@sdsu.edu']);
    expect(values[2]!.slice(0, 4)).toEqual(['bo@sdsu.edu', 'Chu', 'Bo', 'bo@sdsu.edu']);
  });

  it('headers with the aliases of domain.md are read', () => {
    const aliased = ['User ID', 'First Name', 'Last Name', 'E-mail', 'EmploymentType', 'Affiliation', 'status', 'Hire Date', 'Archived On'];
    const loaded = withRegistry([aliased, registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10')]);
    expect(ok(loaded.addon.getSummary())).toMatchObject({ registry: { active: 1 }, registryProblems: [] });
  });

  const broken: [string, unknown[][], RegExp][] = [
    [
      'the header row deleted (data in row 1)',
      [registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'), registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10')],
      /no UserID, FirstName, LastName, Email, EmployeeType, Affiliation, Status, DateHire, ArchivedOn column/,
    ],
    [
      'columns H:I deleted',
      [HEADERS.slice(0, 7), registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10').slice(0, 7)],
      /no DateHire, ArchivedOn column/,
    ],
    [
      'a header typed twice',
      [
        [...HEADERS, 'Email'],
        [...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'), 'ana@x.org'],
      ],
      /Email \(columns D, J\) more than once/,
    ],
  ];
  for (const [what, rows, message] of broken) {
    it(`${what}: every function that reads the registry answers BAD_REGISTRY naming it, and nothing is written`, () => {
      const loaded = loadSetUp();
      // The admin damages the registry after setup.
      const registry = loaded.emu.sheet(TABS.registry)!;
      registry.setValues(
        'A1',
        Array.from({ length: 3 }, () => Array(12).fill('')),
      );
      registry.setValues('A1', rows);
      loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee')]);
      loaded.emu.sheet(TABS.archival)!.setValues('A2', [archivalRow('bo@sdsu.edu', 'Bo', 'Chu')]);
      const before = snapshot(loaded);
      const { addon } = loaded;
      const answers = {
        syncRegistry: addon.syncRegistry(),
        validateTab: addon.validateTab('creation'),
        getSummary: addon.getSummary(),
        previewArchiveByDomain: addon.previewArchiveByDomain('sdsu.edu'),
        findLearners: addon.findLearners('ana'),
        archiveLearners: addon.archiveLearners(['ana@sdsu.edu']),
        reactivateLearners: addon.reactivateLearners(['ana@sdsu.edu']),
      };
      for (const [name, answer] of Object.entries(answers)) {
        expect(notOk(answer).error, name).toMatchObject({ code: 'BAD_REGISTRY', message: expect.stringMatching(message) });
      }
      expect(snapshot(loaded)).toBe(before);
      expect(loaded.emu.sheet(TABS.log)!.lastRow).toBe(1);
    });
  }

  it('setupTemplates refuses a registry missing a column, writing nothing, and repairs a deleted header row', () => {
    const damaged = loadAddOn();
    damaged.emu.addSheet(TABS.registry, [
      HEADERS.slice(0, 7),
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10').slice(0, 7),
    ]);
    const before = JSON.stringify(damaged.emu.toJSON());
    expect(notOk(damaged.addon.setupTemplates()).error).toMatchObject({
      code: 'BAD_REGISTRY',
      message: expect.stringMatching(/DateHire, ArchivedOn/),
    });
    expect(JSON.stringify(damaged.emu.toJSON())).toBe(before);

    const headless = loadAddOn();
    headless.emu.addSheet(TABS.registry, [registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10')]);
    ok(headless.addon.setupTemplates());
    expect(headless.emu.sheet(TABS.registry)!.values()[0]).toEqual([...HEADERS, 'ActivityEnds']);
    expect(ok(headless.addon.findLearners('ana')).learners).toMatchObject([{ email: 'ana@sdsu.edu' }]);
  });

  it('an older registry without ActivityEnds gets it after its last column; extra columns are kept', () => {
    const loaded = withRegistry([
      [...HEADERS, 'Notes'],
      [...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'), 'VIP'],
    ]);
    const values = loaded.emu.sheet(TABS.registry)!.values();
    expect(values[0]).toEqual([...HEADERS, 'Notes', 'ActivityEnds']);
    expect(values[1]![9]).toBe('VIP');
  });
});

describe('item 9: nothing hidden', () => {
  function typedByHand(): Loaded {
    return withRegistry([
      [...HEADERS, 'ActivityEnds'],
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'active', '2026-01-10'),
      withCell(registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'), 0, 'bo.chu@sdsu.edu'),
      [...registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'), 'when the course ends'],
      registryRow('dee@sdsu.edu', 'Dee', 'Park', 'Inactive', '2026-01-10'),
    ]);
  }

  it('getSummary counts `active` as Active and returns the rows it cannot read or doubts', () => {
    const summary = ok(typedByHand().addon.getSummary());
    expect(summary.registry).toMatchObject({ active: 3, archived: 0 });
    expect(summary.registryProblems).toMatchObject([
      {
        row: 3,
        column: 'UserID',
        severity: 'warning',
        message: expect.stringMatching(/^UserID "bo\.chu@sdsu\.edu" of bo@sdsu\.edu differs from Email/),
      },
      {
        row: 4,
        column: 'ActivityEnds',
        severity: 'warning',
        message: expect.stringMatching(/^ActivityEnds "when the course ends" of cy@sdsu\.edu is not a date/),
      },
      {
        row: 5,
        column: 'Status',
        severity: 'error',
        message: expect.stringMatching(/^Status "Inactive" of dee@sdsu\.edu must be Active or Archived/),
      },
    ]);
  });

  it('previewArchiveByDomain offers the learner typed `active`, and findLearners keeps the one with a bad ActivityEnds', () => {
    const { addon } = typedByHand();
    const preview = ok(addon.previewArchiveByDomain('sdsu.edu'));
    expect(preview.learners.map((l) => l.email)).toEqual(['ana@sdsu.edu', 'bo@sdsu.edu', 'cy@sdsu.edu']);
    expect(preview.registryProblems).toHaveLength(3);
    const found = ok(addon.findLearners('cy@'));
    expect(found.learners).toMatchObject([{ email: 'cy@sdsu.edu', activityEnds: '' }]);
    expect(found.registryProblems).toHaveLength(3);
  });
});
