import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, archivalRow as archival, creationRow as creation, loadAddOn, notOk, ok, registryRow, type Loaded } from './harness';

function todayInLosAngeles(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
}

/** Registry rows as text, dates as YYYY-MM-DD in Los Angeles, so tests read what an admin sees. */
function registryRows(loaded: Loaded): string[][] {
  return loaded.emu
    .sheet(TABS.registry)!
    .values()
    .slice(1)
    .map((row) =>
      row
        .slice(0, 9)
        .map((v) =>
          Object.prototype.toString.call(v) === '[object Date]'
            ? new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(v as Date)
            : String(v),
        ),
    );
}

describe('syncRegistry', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadAddOn({ activeUserEmail: 'pat.admin@riversideca.gov' });
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ county: 'Riverside', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: 100 }));
  });

  it('adds valid Creation rows as Active, skips rows with errors, and logs each change', () => {
    const { emu, addon } = loaded;
    emu
      .sheet(TABS.creation)!
      .setValues('A2', [
        creation('ana@sdsu.edu', 'Ana', 'Lee'),
        creation('bo@sdsu.edu', 'Bo', 'Chu', { Password: 'weak' }),
        creation('jose.ruiz@ccp.org', 'José', 'Ruiz'),
      ]);
    const result = ok(addon.syncRegistry());
    expect(result).toMatchObject({
      added: 2,
      updated: 0,
      reactivated: 0,
      archived: 0,
      unchanged: 0,
      conflicts: [],
      possibleDuplicates: [],
    });
    expect(result.skipped).toMatchObject([{ tab: 'creation', row: 3, column: 'Password' }]);
    expect(registryRows(loaded)).toEqual([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-11-20'),
      registryRow('jose.ruiz@ccp.org', 'José', 'Ruiz', 'Active', '2026-11-20'),
    ]);
    const log = emu.sheet(TABS.log)!.values().slice(1);
    expect(log.map((r) => r.slice(1, 5))).toEqual([
      // Saving a cap where there was none is logged too: the compliance report needs the cap in force.
      ['pat.admin@riversideca.gov', 'Cap changed', '', 'none → 100'],
      ['pat.admin@riversideca.gov', 'added', 'ana@sdsu.edu', 'Added as Active (Riverside County Community Partner)'],
      ['pat.admin@riversideca.gov', 'added', 'jose.ruiz@ccp.org', 'Added as Active (Riverside County Community Partner)'],
    ]);
    expect(Object.prototype.toString.call(log[0]![0])).toBe('[object Date]');
    // The temporary password is in neither tab.
    expect(JSON.stringify([emu.sheet(TABS.registry)!.values(), emu.sheet(TABS.log)!.values()])).not.toContain('Changeme1!');
  });

  it('reports everything unchanged when the same rows are synced again', () => {
    const { emu, addon } = loaded;
    emu.sheet(TABS.creation)!.setValues('A2', [creation('ana@sdsu.edu', 'Ana', 'Lee'), creation('bo@sdsu.edu', 'Bo', 'Chu')]);
    emu.sheet(TABS.archival)!.setValues('A2', [archival('cy@sdsu.edu', 'Cy', 'Ng')]);
    ok(addon.syncRegistry());
    const before = JSON.stringify(emu.toJSON().sheets.filter((s) => s.name !== TABS.log));
    const logRows = emu.sheet(TABS.log)!.lastRow;
    expect(ok(addon.syncRegistry())).toMatchObject({ added: 0, updated: 0, reactivated: 0, archived: 0, unchanged: 3 });
    expect(JSON.stringify(emu.toJSON().sheets.filter((s) => s.name !== TABS.log))).toBe(before);
    expect(emu.sheet(TABS.log)!.lastRow).toBe(logRows);
  });

  it('updates, reactivates, archives, and returns conflicts and possible duplicates', () => {
    const { emu, addon } = loaded;
    emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
        registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', '2026-01-10', '2026-06-30'),
        registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'),
        registryRow('dee@kern.org', 'Dee', 'Park', 'Active', '2026-01-10', '', 'Kern'),
        registryRow('eve@old.org', 'Eve', 'Stone', 'Archived', '2025-03-01', '2025-09-01'),
      ]);
    emu
      .sheet(TABS.creation)!
      .setValues('A2', [
        creation('ANA@sdsu.edu', 'Ana', 'Lee-Park'),
        creation('bo@sdsu.edu', 'Bo', 'Chu'),
        creation('dee@kern.org', 'Dee', 'Park'),
        creation('eve.stone@new.org', 'Eve', 'Stone'),
      ]);
    emu.sheet(TABS.archival)!.setValues('A2', [archival('cy@sdsu.edu', 'Cy', 'Ng')]);
    const result = ok(addon.syncRegistry());
    expect(result).toMatchObject({ added: 1, updated: 1, reactivated: 1, archived: 1, unchanged: 0 });
    expect(result.conflicts).toMatchObject([
      { tab: 'creation', row: 4, column: 'EmployeeType', message: expect.stringMatching(/under Kern County/) },
    ]);
    expect(result.possibleDuplicates).toMatchObject([{ tab: 'creation', row: 5, message: expect.stringMatching(/eve@old\.org/) }]);
    const today = todayInLosAngeles();
    expect(registryRows(loaded)).toEqual([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee-Park', 'Active', '2026-01-10'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Archived', '2026-01-10', today),
      registryRow('dee@kern.org', 'Dee', 'Park', 'Active', '2026-01-10', '', 'Kern'),
      registryRow('eve@old.org', 'Eve', 'Stone', 'Archived', '2025-03-01', '2025-09-01'),
      registryRow('eve.stone@new.org', 'Eve', 'Stone', 'Active', '2026-11-20'),
    ]);
  });

  it('keeps a hostile value as plain text, never a formula', () => {
    const { emu, addon } = loaded;
    emu.sheet(TABS.registry)!.setValues('A2', [
      // An admin's broken row: reported, kept as it is.
      [
        '=HYPERLINK("http://evil.example","x")',
        'Mal',
        'Ory',
        '+1',
        'Riverside County Community Partner',
        'California Community Partners',
        'Active',
        '',
        '',
      ],
    ]);
    emu.sheet(TABS.creation)!.setValues('A2', [creation('+1@x.org', 'Ana', 'Lee'), creation('-ana@x.org', 'Ana', 'Lee-Ray')]);
    const result = ok(addon.syncRegistry());
    expect(result.added).toBe(2);
    expect(result.registryProblems).toMatchObject([{ tab: 'registry', row: 2, column: 'Email' }]);
    const sheet = emu.sheet(TABS.registry)!;
    expect(sheet.cell('A3')).toMatchObject({ value: '+1@x.org', formula: '' });
    expect(sheet.cell('D4')).toMatchObject({ value: '-ana@x.org', formula: '' });
    // The admin's row is left exactly as it was, formula and all.
    expect(sheet.cell('A2').formula).toBe('=HYPERLINK("http://evil.example","x")');
    const log = emu.sheet(TABS.log)!;
    for (let row = 1; row <= log.lastRow; row++) {
      for (const column of 'ABCDE') expect(log.cell(`${column}${row}`).formula).toBe('');
    }
  });

  it('leaves columns an admin added to the right alone, whatever order the rows are in', () => {
    const { emu, addon } = loaded;
    // J is ActivityEnds (blank here); K is the admin's own column.
    emu.sheet(TABS.registry)!.setValues('K1', [['Notes']]);
    emu.sheet(TABS.registry)!.setValues('A2', [
      [...registryRow('zed@sdsu.edu', 'Zed', 'Young', 'Active', '2026-01-10'), '', 'call back in May'],
      [...registryRow('amy@sdsu.edu', 'Amy', 'Abel', 'Archived', '2026-01-10', '2026-05-01'), '', 'VIP'],
    ]);
    emu.sheet(TABS.creation)!.setValues('A2', [creation('amy@sdsu.edu', 'Amy', 'Abel')]);
    expect(ok(addon.syncRegistry()).reactivated).toBe(1);
    const values = emu.sheet(TABS.registry)!.values();
    expect(values[1]!.slice(6)).toEqual(['Active', expect.anything(), '', '', 'call back in May']);
    expect(values[2]!.slice(6)).toEqual(['Active', expect.anything(), '', '', 'VIP']);
    expect(values[2]![0]).toBe('amy@sdsu.edu');
  });

  it('says another admin is syncing when the lock is held, and changes nothing', () => {
    const { emu, addon } = loaded;
    emu.sheet(TABS.creation)!.setValues('A2', [creation('ana@sdsu.edu', 'Ana', 'Lee')]);
    emu.setLockHeldElsewhere(true);
    expect(notOk(addon.syncRegistry()).error).toMatchObject({ code: 'LOCKED', message: expect.stringMatching(/Another admin/) });
    expect(emu.sheet(TABS.registry)!.lastRow).toBe(1);
  });

  it('finishes after a Sheets error part-way, without duplicates or loss', () => {
    const { emu, addon } = loaded;
    emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', '2026-01-10', '2026-06-30'),
        registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'),
      ]);
    emu.sheet(TABS.creation)!.setValues('A2', [creation('ana@sdsu.edu', 'Ana', 'Lee'), creation('bo@sdsu.edu', 'Bo', 'Chu')]);
    emu.sheet(TABS.archival)!.setValues('A2', [archival('cy@sdsu.edu', 'Cy', 'Ng')]);
    const before = emu.toJSON();
    emu.counter.reset();
    ok(addon.syncRegistry());
    const calls = emu.counter.calls;
    const complete = registryRows(loaded);
    expect(complete.map((r) => [r[0], r[6]])).toEqual([
      ['bo@sdsu.edu', 'Active'],
      ['cy@sdsu.edu', 'Archived'],
      ['ana@sdsu.edu', 'Active'],
    ]);

    // Fail each Sheets call of the sync in turn; the next sync must complete the registry.
    for (let n = 1; n <= calls; n++) {
      const run = loadAddOn({ workbook: before });
      run.emu.failOnCall(n);
      const interrupted = run.addon.syncRegistry();
      expect(interrupted.ok, `call ${n}`).toBe(false);
      ok(run.addon.syncRegistry());
      expect(registryRows(run), `failed at call ${n}`).toEqual(complete);
    }
  });

  it('makes the same Sheets calls for 10 rows as for 10,000 (plus one to grow each full tab)', () => {
    const callsFor = (n: number): Record<string, number> => {
      const run = loadAddOn();
      ok(run.addon.setupTemplates());
      run.emu.sheet(TABS.registry)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) =>
          registryRow(`old${i}@sdsu.edu`, 'Old', 'Timer', i % 2 ? 'Active' : 'Archived', '2026-01-10', i % 2 ? '' : '2026-02-01'),
        ),
      );
      run.emu.sheet(TABS.creation)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) => creation(`new${i}@sdsu.edu`, 'New', 'Comer')),
      );
      run.emu.sheet(TABS.archival)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) => archival(`old${i * 2 + 1}@sdsu.edu`, 'Old', 'Timer')),
      );
      run.emu.counter.reset();
      const result = ok(run.addon.syncRegistry());
      expect(result).toMatchObject({ added: n, archived: n, unchanged: 0 });
      return { ...run.emu.counter.byMethod };
    };
    const small = callsFor(10);
    const large = callsFor(10_000);
    // The registry and the log outgrow their 1,000 rows: one insertRowsAfter each, however many rows.
    expect(large['Sheet.insertRowsAfter']).toBe(2);
    delete large['Sheet.insertRowsAfter'];
    expect(large).toEqual(small);
  });
});
