import { beforeEach, describe, expect, it } from 'vitest';
import {
  TABS,
  archivalRow as archival,
  creationRow as creation,
  loadAddOn,
  loadSetUp,
  notOk,
  ok,
  registryRow,
  type Loaded,
} from './harness';

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
    loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov', settings: { activeCap: 100 } });
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
    // A batch of its own, recorded at once, effective today.
    const id = `B-${todayInLosAngeles().replace(/-/g, '')}-1`;
    expect(log.map((r) => r.slice(1))).toEqual([
      // Saving a cap where there was none is logged too: the compliance report needs the cap in force.
      ['pat.admin@riversideca.gov', 'Cap changed', '', 'none → 100', '', todayInLosAngeles()],
      [
        'pat.admin@riversideca.gov',
        'added',
        'ana@sdsu.edu',
        'Added as Active (Riverside County Community Partner)',
        id,
        todayInLosAngeles(),
      ],
      [
        'pat.admin@riversideca.gov',
        'added',
        'jose.ruiz@ccp.org',
        'Added as Active (Riverside County Community Partner)',
        id,
        todayInLosAngeles(),
      ],
    ]);
    expect(ok(addon.listBatches()).batches).toMatchObject([
      { batchId: id, kind: 'creation', rows: 2, filename: '', status: 'confirmed', uploadedOn: todayInLosAngeles(), failed: 0 },
    ]);
    // The synced rows are done; the row with an error stays as it was.
    const tab = emu.sheet(TABS.creation)!;
    expect([tab.cell('R2').value, tab.cell('R4').value]).toEqual([
      `Done: ${todayInLosAngeles()}, ${id}`,
      `Done: ${todayInLosAngeles()}, ${id}`,
    ]);
    expect(String(tab.cell('R3').value)).toMatch(/^Password must be/);
    expect(notOk(addon.getBatchFile(id)).error.message).toMatch(/without a file/);
    expect(Object.prototype.toString.call(log[0]![0])).toBe('[object Date]');
    // The temporary password is in neither tab.
    expect(JSON.stringify([emu.sheet(TABS.registry)!.values(), emu.sheet(TABS.log)!.values()])).not.toContain('Changeme1!');
  });

  it('changes nothing when synced again: the rows are done, and done rows are never synced again', () => {
    const { emu, addon } = loaded;
    emu.sheet(TABS.creation)!.setValues('A2', [creation('ana@sdsu.edu', 'Ana', 'Lee'), creation('bo@sdsu.edu', 'Bo', 'Chu')]);
    emu.sheet(TABS.archival)!.setValues('A2', [archival('cy@sdsu.edu', 'Cy', 'Ng')]);
    expect(ok(addon.syncRegistry())).toMatchObject({ added: 2, archived: 1 });
    const before = JSON.stringify(emu.toJSON());
    expect(ok(addon.syncRegistry())).toMatchObject({ added: 0, updated: 0, reactivated: 0, archived: 0, unchanged: 0, skipped: [] });
    expect(JSON.stringify(emu.toJSON())).toBe(before);
  });

  it('records one tab only when asked, and leaves rows in open batches alone', () => {
    const { emu, addon } = loaded;
    emu.sheet(TABS.creation)!.setValues('A2', [creation('ana@sdsu.edu', 'Ana', 'Lee')]);
    emu.sheet(TABS.archival)!.setValues('A2', [archival('cy@sdsu.edu', 'Cy', 'Ng')]);
    const exported = ok(addon.exportCsv('archival'));
    expect(ok(addon.syncRegistry('creation'))).toMatchObject({ added: 1, archived: 0 });
    // The archival row waits for its import log, so a sync of both tabs does not touch it either.
    expect(ok(addon.syncRegistry())).toMatchObject({ added: 0, archived: 0, skipped: [] });
    expect(registryRows(loaded).map((r) => r[3])).toEqual(['ana@sdsu.edu']);
    expect(emu.sheet(TABS.archival)!.cell('R2').value).toBe(`In ${exported.batchId}: waiting for the import log`);
    expect(notOk(addon.syncRegistry('registry' as never)).error.code).toBe('BAD_ARGUMENT');
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
    // The conflicting row is not recorded: it stays pending, with its warning.
    expect(emu.sheet(TABS.creation)!.cell('T4').value).toBe('');
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

  it('makes the same Sheets calls for 10 rows as for 3,000 (plus one to grow each full tab, one to stretch each done rule)', () => {
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
    const large = callsFor(3000);
    // Two batches (creation, then archival), and in each the batch rows, the registry (half the
    // archived learners are new to it) and the log outgrow their rows: one insertRowsAfter each.
    expect(large['Sheet.insertRowsAfter']).toBe(6);
    delete large['Sheet.insertRowsAfter'];
    // The 3,000 rows grew each template tab past the 1,000 rows its done rule was set up over: the
    // first rows turning done stretch the rule (doneRule.ts), one write per tab.
    expect(small['Sheet.setConditionalFormatRules']).toBeUndefined();
    expect(large['Sheet.setConditionalFormatRules']).toBe(2);
    delete large['Sheet.setConditionalFormatRules'];
    expect(large).toEqual(small);
  });
});
