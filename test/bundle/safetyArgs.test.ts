/**
 * Issue #10, items 11 and 7 (setupTemplates, saveSettings): every argument of every server
 * function is checked and a wrong one named (never INTERNAL); settings are saved whole, under the
 * document lock, and a save cut short at any call leaves the old settings or the new, never half.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, TABS, bundleSource, loadAddOn, loadSetUp, notOk, ok, registryRow, type Loaded } from './harness';

function setUp(): Loaded {
  const loaded = loadSetUp();
  return loaded;
}

type Answer = { ok: true; error?: undefined } | { ok: false; error: { code: string; message: string } };
type Call = (...args: unknown[]) => Answer;

function call(loaded: Loaded, name: string, ...args: unknown[]) {
  return ((loaded.addon as unknown as Record<string, Call>)[name] as Call)(...args);
}

/** The bundle's top-level functions the sidebar calls (triggers and menu items aside). */
function serverFunctions(): string[] {
  return [...bundleSource().matchAll(/^function (\w+)\(/gm)]
    .map((m) => m[1] as string)
    .filter((name) => !/^(on[A-Z]|menu|showSidebar$)/.test(name));
}

describe('item 11: clear errors, never INTERNAL, for an admin’s input', () => {
  it('every server function checks its arguments: wrong ones get BAD_ARGUMENT naming them', () => {
    const loaded = setUp();
    const names = serverFunctions();
    expect(names).toContain('selectCell');
    for (const name of names) {
      const answer = call(loaded, name, 12345, 12345, 12345, 12345);
      expect(answer.error?.code, name).toBe('BAD_ARGUMENT');
      expect(answer.error?.message, name).toMatch(new RegExp(`^${name}`));
    }
  });

  it.each([
    ['selectCell', ['creation', '7', 'Email'], 'selectCell: row must be a whole number (the sheet row, like 7), not "7".'],
    ['selectCell', ['sheet9', 2, 'Email'], 'selectCell: tab must be creation, archival or registry, not "sheet9".'],
    ['validateTab', [42], 'validateTab: tab must be creation or archival, not 42.'],
    [
      'previewArchiveByDomain',
      ['sdsu.edu', { includeSubdomains: 'yes' }],
      'previewArchiveByDomain: options.includeSubdomains must be true or false, not "yes".',
    ],
    ['archiveLearners', ['ana@sdsu.edu'], 'archiveLearners: userIds must be a list of UserIDs, not "ana@sdsu.edu".'],
    ['archiveLearners', [['ana@sdsu.edu', 3]], "archiveLearners: userIds[1] must be a learner's UserID (their email), not 3."],
    ['findLearners', [], 'findLearners: query must be text: part of a name or an email, not missing.'],
    ['getSummary', ['all'], 'getSummary takes no arguments, but was given 1.'],
  ])('%s(%j) says %s', (name, args, message) => {
    expect(notOk(call(setUp(), name, ...args)).error).toEqual({ code: 'BAD_ARGUMENT', message });
  });

  it('selectCell says when a row is past the end of the tab', () => {
    expect(notOk(setUp().addon.selectCell('creation', 5000, 'Email')).error).toEqual({
      code: 'BAD_ARGUMENT',
      message: `Row 5000 is past the end of the "${TABS.creation}" tab, which has 1000 rows.`,
    });
  });

  it('reactivating 130,000 learners does not overflow the stack (no spread of a huge array)', () => {
    const loaded = setUp();
    const n = 130_000;
    loaded.emu.sheet(TABS.registry)!.setValues(
      'A2',
      Array.from({ length: n }, (_, i) => registryRow(`p${i}@sdsu.edu`, 'Pat', 'Doe', 'Archived', '')),
    );
    const ids = Array.from({ length: n }, (_, i) => `p${i}@sdsu.edu`);
    expect(ok(loaded.addon.reactivateLearners(ids)).rows).toBe(n);
  }, 180_000); // the emulator reads and writes 1.3 million cells: slow, not the add-on

  it('saveSettings({}) names every missing setting and changes nothing', () => {
    const loaded = setUp();
    const answer = notOk(loaded.addon.saveSettings({} as never));
    expect(answer.error.code).toBe('BAD_SETTINGS');
    expect(answer.problems!.map((p) => p.column)).toEqual(['county', 'temporaryPassword', 'dateFormat', 'activeCap']);
    expect(ok(loaded.addon.getSettings()).settings.county).toBe('Riverside');
  });

  it('saveSettings blames the field that is wrong, not the county', () => {
    const { addon } = setUp();
    expect(notOk(addon.saveSettings({ ...SETTINGS, dateFormat: 5 } as never)).problems!.map((p) => p.column)).toEqual(['dateFormat']);
    expect(notOk(addon.saveSettings({ ...SETTINGS, activeCap: 'lots' } as never)).problems!.map((p) => p.column)).toEqual(['activeCap']);
    expect(notOk(addon.saveSettings({ ...SETTINGS, temporaryPassword: null } as never)).problems!.map((p) => p.column)).toEqual([
      'temporaryPassword',
    ]);
  });

  it('saveSettings takes an activity length of 1 to 3,650 days, or none', () => {
    const { addon } = setUp();
    for (const bad of [0, 3651, 2.5, 'a month']) {
      expect(notOk(addon.saveSettings({ ...SETTINGS, activityDays: bad } as never)).problems, String(bad)).toMatchObject([
        { column: 'activityDays', message: expect.stringMatching(/whole number of days from 1 to 3,650/) },
      ]);
    }
    expect(ok(addon.saveSettings({ ...SETTINGS, activityDays: 90 })).settings.activityDays).toBe(90);
    expect(ok(addon.getSettings()).settings.activityDays).toBe(90);
    const { activityDays: _, ...withoutDays } = SETTINGS;
    expect(ok(addon.saveSettings(withoutDays)).settings.activityDays).toBeNull();
  });

  it('a temporary password over the properties size limit is refused with a message', () => {
    const { addon } = setUp();
    const answer = notOk(addon.saveSettings({ ...SETTINGS, temporaryPassword: `Aa1!${'x'.repeat(10_000)}` }));
    expect(answer.error.code).toBe('BAD_SETTINGS');
    expect(answer.problems).toMatchObject([
      { column: 'temporaryPassword', message: expect.stringMatching(/too long to save \(10,004 characters\)/) },
    ]);
    expect(ok(addon.getSettings()).settings.temporaryPassword).toBe('Changeme1!');
  });
});

describe('item 7: one admin at a time for setup and settings', () => {
  it('setupTemplates answers LOCKED, having created nothing, while another admin holds the lock', () => {
    const { emu, addon } = loadAddOn();
    emu.setLockHeldElsewhere(true);
    expect(notOk(addon.setupTemplates()).error.code).toBe('LOCKED');
    expect(emu.sheet(TABS.registry)).toBeNull();
    expect(emu.sheet(TABS.creation)).toBeNull();
  });

  it('saveSettings answers LOCKED, having saved nothing', () => {
    const { emu, addon } = setUp();
    emu.setLockHeldElsewhere(true);
    expect(notOk(addon.saveSettings({ ...SETTINGS, county: 'Kern' })).error.code).toBe('LOCKED');
    emu.setLockHeldElsewhere(false);
    expect(ok(addon.getSettings()).settings.county).toBe('Riverside');
  });

  const SERVICES = ['SpreadsheetApp', 'PropertiesService', 'LockService'] as const;

  /**
   * The bundle loaded on `workbook` with its Sheets, Properties and Lock services counting every
   * method call (on them and on what they return) in one sequence from `failing(n)`, when the
   * n-th call throws, as a service outage would (0: none).
   */
  function faulty(workbook: ReturnType<Loaded['emu']['toJSON']>) {
    let calls = 0;
    let failAt = 0;
    let failed = false;
    const wrap = (target: object): object =>
      new Proxy(target, {
        get(t, key) {
          const value = Reflect.get(t, key) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls += 1;
            if (calls === failAt) {
              failed = true;
              throw new Error('Service unavailable: try again later');
            }
            const result = (value as (...a: unknown[]) => unknown).apply(t, args);
            return typeof result === 'object' && result !== null ? wrap(result) : result;
          };
        },
      });
    let loaded: Loaded | null = null;
    const replace = Object.fromEntries(
      SERVICES.map((name) => [
        name,
        new Proxy({}, { get: (_, key) => Reflect.get(wrap((loaded as Loaded).emu.globals[name] as object), key) }),
      ]),
    );
    loaded = loadAddOn({ workbook, replace });
    return {
      ...loaded,
      failing(n: number): void {
        calls = 0;
        failAt = n;
        failed = false;
      },
      /** Whether the call chosen to fail was reached (a save that finds its settings already saved makes fewer calls). */
      failed: () => failed,
      calls: () => calls,
    };
  }

  it('saveSettings cut short at any call, or any two in a row, leaves the settings old or new; a clean run saves them', () => {
    const base = setUp();
    const oldSettings = ok(base.addon.getSettings()).settings;
    const next = { county: 'Kern', temporaryPassword: 'Kern2026!x', dateFormat: 'YYYY-MM-DD', activeCap: 120, activityDays: 30 } as const;
    const run = faulty(base.emu.toJSON());
    const oldStored = run.emu.properties.document.settings as string;
    // What the next run finds, read as loadSettings reads it.
    const stored = () => ok(run.addon.getSettings()).settings;

    run.failing(0);
    ok(run.addon.saveSettings(next));
    // The first save also makes the Registry Log, to log the cap's change: count a save that finds it.
    run.emu.properties.document.settings = oldStored;
    run.failing(0);
    ok(run.addon.saveSettings(next));
    const total = run.calls();
    expect(total).toBeGreaterThanOrEqual(5); // the lock, the properties, the flush

    const plans = [
      ...Array.from({ length: total }, (_, i) => [i + 1]),
      ...Array.from({ length: total * total }, (_, k) => [Math.floor(k / total) + 1, (k % total) + 1]),
    ];
    for (const plan of plans) {
      run.emu.properties.document.settings = oldStored;
      for (const n of plan) {
        run.failing(n);
        expect(run.addon.saveSettings(next).ok, `call ${n} failed`).toBe(!run.failed());
        run.failing(0);
        expect([oldSettings, next], `calls ${plan.join(', then ')}`).toContainEqual(stored());
      }
      expect(ok(run.addon.saveSettings(next)).settings).toEqual(next);
      expect(stored()).toEqual(next);
    }
  });
});
