/**
 * Issue #10, items 6, 8 and 10, and #15 item 9: what goes into a file, a cell or a sync report.
 * No formula text reaches a CSV; values that cannot fit a cell are refused before any write, and
 * long check and log texts are cut; possible duplicates within one sync are reported; input rules.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, TABS, creationRow, loadSetUp, notOk, ok, registryRow, type Loaded } from './harness';

function setUp(registry: unknown[][] = []): Loaded {
  const loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov' });
  if (registry.length > 0) loaded.emu.sheet(TABS.registry)!.setValues('A2', registry);
  return loaded;
}

/** A registry row whose names are typed as text (a leading apostrophe keeps `=…` from becoming a formula). */
function typedRow(email: string, first: string, last: string): string[] {
  return registryRow(email, first, last, 'Active', '2026-01-10').map((v, i) => (i === 1 || i === 2 ? `'${v}` : v));
}

describe('item 6: no formula text in any file', () => {
  const hostile: [string, string, string][] = [
    ['hyper@sdsu.edu', '=HYPERLINK("http://evil.example","click")', 'Lee'],
    ['calc@sdsu.edu', 'Bo', "-2+3+cmd|' /C calc'!A0"],
    ['lines@sdsu.edu', 'Cy', 'Ng\nSmith'],
  ];

  it('archiveLearners leaves out and reports registry learners whose names break the template rules', () => {
    const loaded = setUp([
      ...hostile.map(([email, first, last]) => typedRow(email, first, last)),
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
    ]);
    const result = ok(loaded.addon.archiveLearners(['hyper@sdsu.edu', 'calc@sdsu.edu', 'lines@sdsu.edu', 'ana@sdsu.edu']));
    expect(result.csv).not.toMatch(/HYPERLINK|cmd\||Smith/);
    expect(result.csv.split('\r\n').filter(Boolean)).toHaveLength(2); // header and Ana
    expect(result.rows).toBe(1);
    expect(result.problems).toMatchObject([
      {
        tab: 'registry',
        row: 2,
        column: 'FirstName',
        message: expect.stringMatching(/^FirstName starts with "=".* hyper@sdsu\.edu was left out of the file/),
      },
      {
        tab: 'registry',
        row: 3,
        column: 'LastName',
        message: expect.stringMatching(/^LastName starts with "-".* calc@sdsu\.edu was left out/),
      },
      {
        tab: 'registry',
        row: 4,
        column: 'LastName',
        message: expect.stringMatching(/^LastName "Ng\nSmith" can hold only letters.* lines@sdsu\.edu was left out/s),
      },
    ]);
    // They stay Active once the archival batch is confirmed, and nothing of theirs reaches the Archival tab.
    ok(loaded.addon.confirmBatch(result.batchId, ''));
    const statuses = loaded.emu
      .sheet(TABS.registry)!
      .values()
      .slice(1)
      .map((r) => r[6]);
    expect(statuses).toEqual(['Active', 'Active', 'Active', 'Archived']);
    expect(
      loaded.emu
        .sheet(TABS.archival)!
        .values()
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(['ana@sdsu.edu']);
  });

  it('reactivateLearners does the same for its file', () => {
    const loaded = setUp([registryRow('hyper@sdsu.edu', '\'=HYPERLINK("http://x")', 'Lee', 'Archived', '2026-01-10', '2026-06-30')]);
    const answer = notOk(loaded.addon.reactivateLearners(['hyper@sdsu.edu']));
    expect(answer.problems).toMatchObject([{ row: 2, column: 'FirstName' }]);
    expect(loaded.emu.sheet(TABS.registry)!.values()[1]![6]).toBe('Archived');
  });
});

describe('item 8: cells stay within Sheets limits', () => {
  it('a 50,000-character name is refused before anything is written, with a short message and check text', () => {
    const loaded = setUp();
    const huge = 'A'.repeat(50_000);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', huge, 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    const result = ok(loaded.addon.syncRegistry());
    expect(result.added).toBe(1);
    expect(result.skipped).toMatchObject([
      { row: 2, column: 'FirstName', message: 'FirstName is 50,000 characters long; a name has at most 100. Shorten it.' },
    ]);
    expect(
      loaded.emu
        .sheet(TABS.registry)!
        .values()
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(['bo@sdsu.edu']);
    ok(loaded.addon.setupTemplates()); // marks the rows, as live validation would
    expect(String(loaded.emu.sheet(TABS.creation)!.cell('R2').value).length).toBeLessThan(1000);
  });

  it('names of 100 characters are taken, 101 refused; emails over their limits are refused', () => {
    const { addon, emu } = setUp();
    const local64 = 'a'.repeat(64);
    emu
      .sheet(TABS.creation)!
      .setValues('A2', [
        creationRow('ok@sdsu.edu', 'B'.repeat(100), 'Lee'),
        creationRow('long@sdsu.edu', 'B'.repeat(101), 'Lee'),
        creationRow(`${local64}a@sdsu.edu`, 'Cy', 'Ng'),
        creationRow(`dee@${'d'.repeat(64)}.edu`, 'Dee', 'Park'),
        creationRow(`${local64}@${'e'.repeat(63)}.${'e'.repeat(63)}.${'e'.repeat(60)}.org`, 'Eve', 'Stone'),
        creationRow(`${local64}@sdsu.edu`, 'Fay', 'Wu'),
      ]);
    const problems = ok(addon.validateTab('creation')).problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'FirstName'],
      [4, 'Email'],
      [5, 'Email'],
      [6, 'Email'],
    ]);
    expect(problems[1]!.message).toMatch(/65 characters before the @; at most 64/);
    expect(problems[2]!.message).toMatch(/domain part of 64 characters; each part between dots has at most 63/);
    expect(problems[3]!.message).toMatch(/is 257 characters long; an email address has at most 254/);
  });

  it('a log line quoting a 50,000-character name typed in the registry is cut to fit a cell', () => {
    const loaded = setUp([registryRow('ana@sdsu.edu', 'Ana', 'L'.repeat(50_000), 'Active', '2026-01-10')]);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee')]);
    expect(ok(loaded.addon.syncRegistry()).updated).toBe(1);
    const details = String(loaded.emu.sheet(TABS.log)!.cell('E2').value);
    expect(details.length).toBeLessThanOrEqual(5_000);
    expect(details).toMatch(/^LastName L+…$/);
  });
});

describe('item 10: possible duplicates within one sync', () => {
  it('two new rows "Ana Lopez" under two emails are both reported', () => {
    const loaded = setUp();
    loaded.emu
      .sheet(TABS.creation)!
      .setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lopez'), creationRow('ana.lopez@gmail.com', 'Ana', 'Lopez')]);
    const result = ok(loaded.addon.syncRegistry());
    expect(result.added).toBe(2);
    expect(result.possibleDuplicates).toMatchObject([
      {
        tab: 'creation',
        row: 2,
        severity: 'warning',
        message: expect.stringMatching(/^Ana Lopez \(ana@sdsu\.edu\) .*ana\.lopez@gmail\.com/),
      },
      {
        tab: 'creation',
        row: 3,
        severity: 'warning',
        message: expect.stringMatching(/^Ana Lopez \(ana\.lopez@gmail\.com\) .*ana@sdsu\.edu/),
      },
    ]);
  });

  it('a rename and its namesake arriving together are both reported', () => {
    const loaded = setUp([registryRow('ana@sdsu.edu', 'Ana', 'Garcia', 'Active', '2026-01-10')]);
    loaded.emu
      .sheet(TABS.creation)!
      .setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lopez'), creationRow('lopez@ccp.org', 'Ana', 'Lopez')]);
    const result = ok(loaded.addon.syncRegistry());
    expect(result).toMatchObject({ added: 1, updated: 1 });
    expect(result.possibleDuplicates.map((p) => p.row)).toEqual([2, 3]);
  });

  it('names at most 50 namesakes, and three of them by email', () => {
    const loaded = setUp(Array.from({ length: 80 }, (_, i) => registryRow(`john${i}@sdsu.edu`, 'John', 'Smith', 'Active', '2026-01-10')));
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('john.smith@gmail.com', 'John', 'Smith')]);
    const [warning] = ok(loaded.addon.syncRegistry()).possibleDuplicates;
    expect(warning!.message).toMatch(/john0@sdsu\.edu \(.*\), john1@sdsu\.edu \(.*\), john2@sdsu\.edu \(.*\) and 47 (or )?more/);
  });
});

describe('#15 item 9: input rules', () => {
  it('2/3/26 is read as February 3, 2026, and the row says how it was read', () => {
    const { addon, emu } = setUp();
    emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee', { DateHire: '2/3/26' })]);
    const check = ok(addon.validateTab('creation'));
    expect(check.ready).toBe(1);
    expect(check.problems).toMatchObject([
      {
        row: 2,
        column: 'DateHire',
        severity: 'warning',
        message: expect.stringMatching(/"2\/3\/26" was read as 02\/03\/2026 \(two-digit years are 20YY\)/),
      },
    ]);
    expect(ok(addon.exportCsv('creation')).csv).toContain(',02/03/2026,');
  });

  it('a cap of 99999999 is refused with the real bound', () => {
    const answer = notOk(setUp().addon.saveSettings({ ...SETTINGS, activeCap: 99_999_999 }));
    expect(answer.problems).toMatchObject([
      { column: 'activeCap', message: expect.stringMatching(/a whole number from 1 to 1,000,000 \(or empty for none\), not "99999999"/) },
    ]);
  });
});
