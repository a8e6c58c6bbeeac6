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
import { learner } from '../fixtures';

describe('getSummary', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ settings: { activeCap: 150 } });
  });

  it('counts each template tab and the registry, by county, with the cap', () => {
    const { emu, addon } = loaded;
    emu.sheet(TABS.creation)!.setValues('A2', [
      creation('ana@sdsu.edu', 'Ana', 'Lee'),
      creation('bo@sdsu.edu', 'Bo', 'Chu', { Password: 'weak', DateHire: 'soon' }), // two errors, one row
      creation('cy@sdsu.edu', 'Cy', 'Ng'),
    ]);
    emu.sheet(TABS.archival)!.setValues('A2', [archival('dee@kern.org', 'Dee', 'Park')]);
    emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        registryRow('dee@kern.org', 'Dee', 'Park', 'Active', '2026-01-10'),
        registryRow('eve@old.org', 'Eve', 'Stone', 'Archived', '2026-01-10', '2026-06-30'),
        registryRow('fay@kern.org', 'Fay', 'Wu', 'Active', '2026-01-10', '', 'Kern'),
        registryRow('gus@sdsu.edu', 'Gus', 'Ito', 'Active', '2026-01-10'),
      ]);
    expect(addon.getSummary()).toEqual({
      ok: true,
      creation: { rows: 3, ready: 2, errors: 1 }, // Bo's row, with its two errors, is one row with errors
      archival: { rows: 1, ready: 1, errors: 0 },
      registry: { active: 3, archived: 1, activeByCounty: { 'Riverside County Community Partner': 2, 'Kern County Community Partner': 1 } },
      activeCap: 150,
      registryProblems: [],
      // No batch is open: the projection is the registry's Riverside learners, dee and gus.
      pending: { create: 0, archive: 0, reactivate: 0 },
      openBatches: 0,
      staleBatches: 0,
      dueForArchival: 0,
      projectedActive: 2,
      available: 148,
    });
  });

  it('says which tabs are missing on a fresh spreadsheet', () => {
    const { addon } = loadAddOn();
    expect(notOk(addon.getSummary()).error).toEqual({
      code: 'NO_TAB',
      message: `"${TABS.creation}", "${TABS.archival}", "${TABS.registry}" are missing: run "Set up templates" from the add-on menu.`,
    });
  });

  it('makes the same Sheets calls for 5 rows as for 3,000', () => {
    const callsFor = (n: number): Record<string, number> => {
      const run = loadAddOn();
      ok(run.addon.setupTemplates());
      run.emu.sheet(TABS.creation)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) => creation(`p${i}@x.org`, 'Ana', 'Lee')),
      );
      run.emu.sheet(TABS.registry)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) => registryRow(`r${i}@x.org`, 'Ro', 'Lee', 'Active', '2026-01-10')),
      );
      run.emu.counter.reset();
      expect(ok(run.addon.getSummary()).registry.active).toBe(n);
      return { ...run.emu.counter.byMethod };
    };
    const small = callsFor(5);
    expect(callsFor(3000)).toEqual(small);
    // One read of each tab: the two templates (A:R, and the loop's hidden columns of each), the
    // registry, whose warnings both checks share, and the batches.
    expect((small['Range.getValues'] ?? 0) + (small['Sheet.getSheetValues'] ?? 0)).toBe(6);
  });
});

describe('findLearners', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadAddOn();
    ok(loaded.addon.setupTemplates());
    loaded.emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        registryRow('ana.lee@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
        registryRow('bo@ccp.org', 'Bo', 'Anaya', 'Archived', '2026-01-10', '2026-06-30'),
        registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'),
        registryRow('dee@banana.org', 'Dee', 'Park', 'Active', '2026-01-10'),
      ]);
  });

  it('finds by part of a name or an email, ignoring case, in registry order', () => {
    const { addon } = loaded;
    // "ANA" is in Ana Lee (name and email), Bo Anaya (last name) and dee@banana.org (email).
    expect(ok(addon.findLearners('ANA')).learners.map((l) => l.email)).toEqual(['ana.lee@sdsu.edu', 'bo@ccp.org', 'dee@banana.org']);
    expect(ok(addon.findLearners('  ana   lee ')).learners.map((l) => l.email)).toEqual(['ana.lee@sdsu.edu']);
    expect(ok(addon.findLearners('@SDSU.EDU')).learners.map((l) => l.email)).toEqual(['ana.lee@sdsu.edu', 'cy@sdsu.edu']);
    expect(ok(addon.findLearners('bo@')).learners).toEqual([
      learner('bo@ccp.org', 'Bo', 'Anaya', { status: 'Archived', archivedOn: '2026-06-30' }),
    ]);
    expect(ok(addon.findLearners('')).learners).toEqual([]);
  });

  it('returns at most 50, with the same Sheets calls for 60 rows as for 6,000', () => {
    const callsFor = (n: number): number => {
      const run = loadAddOn();
      ok(run.addon.setupTemplates());
      run.emu.sheet(TABS.registry)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) => registryRow(`p${i}@x.org`, 'Ana', 'Lee', 'Active', '2026-01-10')),
      );
      run.emu.counter.reset();
      const learners = ok(run.addon.findLearners('ana')).learners;
      expect(learners).toHaveLength(50);
      expect(learners[49]!.email).toBe('p49@x.org');
      return run.emu.counter.calls;
    };
    expect(callsFor(6000)).toBe(callsFor(60));
  });

  it('says when there is no registry yet', () => {
    expect(notOk(loadAddOn().addon.findLearners('ana')).error.code).toBe('NO_TAB');
  });
});
