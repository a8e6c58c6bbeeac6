/**
 * Speed never changes an answer: after each of 1,200 random edits and pastes (seeded), every row's
 * marks left by onEdit's targeted reads equal those of the whole-tab check (validateTab), under
 * both ways Sheets may treat an apostrophe written into a plain-text cell.
 */
import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName, type TemplateTab } from '../../src/core/columns';
import { dataRowMarks } from '../../src/core/marks';
import type { Problem } from '../../src/core/types';
import { SETTINGS, TABS, loadAddOn, ok, registryRow, type Loaded } from './harness';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Few values, so duplicates, namesakes and registry learners come up all the time.
const POOL: Partial<Record<ColumnName, string[]>> = {
  UserID: ['ana@sdsu.edu', 'bo@ucr.edu', 'reg1@sdsu.edu', ''],
  LastName: ['Lee', 'lee', 'Chu', ' Ng', '', '-Lee', '=Tom'],
  FirstName: ['Ana', 'ana', 'Bo', 'Cy', ''],
  Email: [
    'ana@sdsu.edu',
    'ANA@sdsu.edu',
    ' ana@sdsu.edu ',
    'bo@ucr.edu',
    'cy@ucr.edu',
    'reg1@sdsu.edu',
    'reg2@sdsu.edu',
    'REG3@sdsu.edu',
    'odd@sdsu.edu',
    'ana.lopez@sdsu',
    '',
  ],
  Password: ['Changeme1!', 'weak', ''],
  Status: ['Active', 'active', 'Archived', ''],
  Affiliation: ['California Community Partners', 'california  community partners', ''],
  EmployeeType: ['Riverside County Community Partner', 'Kern County Community Partner', 'nowhere', ''],
  DateHire: ['11/20/2026', '2026-11-21', 'next week', ''],
  RTAJobCode: ['', '', '77', 'True'],
};
const EDITED: ColumnName[] = [
  'UserID',
  'LastName',
  'FirstName',
  'Email',
  'Password',
  'Status',
  'Affiliation',
  'EmployeeType',
  'DateHire',
  'RTAJobCode',
];
const ROWS = 34; // data rows 2..35, some pastes longer than a search covers
const letter = (column: ColumnName): string => String.fromCharCode(65 + HEADERS.indexOf(column));

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function randomRow(next: () => number): string[] {
  if (next() < 0.1) return HEADERS.map(() => '');
  return HEADERS.map((h) => (POOL[h] ? pick(next, POOL[h]) : ''));
}

function setUp(apostrophe: 'drop' | 'keep'): Loaded {
  const loaded = loadAddOn({ plainTextApostrophe: apostrophe });
  ok(loaded.addon.setupTemplates());
  ok(loaded.addon.saveSettings(SETTINGS));
  loaded.emu
    .sheet(TABS.registry)!
    .setValues('A2', [
      registryRow('reg1@sdsu.edu', 'Rea', 'One', 'Active', '2026-01-10'),
      registryRow('reg2@sdsu.edu', 'Rea', 'Two', 'Archived', '2026-01-10', '2026-06-01'),
      registryRow('reg3@sdsu.edu', 'Rea', 'Three', ' active ', '2026-01-10'),
      registryRow('odd@sdsu.edu', 'Odd', 'Status', 'Inactive', '2026-01-10'),
    ]);
  return loaded;
}

/** What the whole-tab check says each row's marks must be. */
function expectedMarks(loaded: Loaded, tab: TemplateTab, name: string) {
  const result = ok(loaded.addon.validateTab(tab)) as { problems: Problem[] };
  const sheet = loaded.emu.sheet(name)!;
  return Array.from({ length: ROWS }, (_, i) => {
    const row = i + 2;
    const cells = HEADERS.map((_, c) => sheet.cell(`${String.fromCharCode(65 + c)}${row}`));
    const blank = cells.every((c) => c.value === '' && c.formula === '');
    return dataRowMarks(
      tab,
      result.problems.filter((p) => p.row === row),
      blank,
    );
  });
}

function actualMarks(loaded: Loaded, name: string) {
  const sheet = loaded.emu.sheet(name)!;
  return Array.from({ length: ROWS }, (_, i) => {
    const row = i + 2;
    const cells = Array.from({ length: 18 }, (_, c) => sheet.cell(`${String.fromCharCode(65 + c)}${row}`));
    return { fills: cells.map((c) => c.background), notes: cells.map((c) => c.note), check: String(sheet.cell(`R${row}`).value) };
  });
}

function edit(loaded: Loaded, next: () => number, name: string): string {
  const sheet = loaded.emu.sheet(name)!;
  const kind = next();
  if (kind < 0.6) {
    const column = pick(next, EDITED);
    const a1 = `${letter(column)}${2 + Math.floor(next() * ROWS)}`;
    const before = sheet.cell(a1).displayValue;
    const value = pick(next, POOL[column] as string[]);
    loaded.addon.onEdit(loaded.emu.editEvent(name, a1, before === '' ? { value } : { value, oldValue: before }) as never);
    return `type ${a1} ${JSON.stringify(value)}`;
  }
  if (kind < 0.9) {
    const top = 2 + Math.floor(next() * ROWS);
    const count = Math.min(1 + Math.floor(next() * (next() < 0.3 ? 30 : 4)), ROWS + 2 - top);
    sheet.setValues(
      `A${top}`,
      Array.from({ length: count }, () => randomRow(next)),
    );
    const a1 = `A${top}:Q${top + count - 1}`;
    loaded.addon.onEdit(loaded.emu.editEvent(name, a1) as never);
    return `paste ${a1}`;
  }
  const first = 2 + Math.floor(next() * (ROWS - 4));
  const second = 2 + Math.floor(next() * ROWS);
  sheet.setValues(`B${first}`, [
    [pick(next, POOL.LastName!), pick(next, POOL.FirstName!), pick(next, POOL.Email!)],
    [pick(next, POOL.LastName!), pick(next, POOL.FirstName!), pick(next, POOL.Email!)],
  ]);
  sheet.setValues(`F${second}`, [[pick(next, POOL.Status!)]]);
  const a1 = `B${first}:D${first + 1},F${second}`;
  loaded.addon.onEdit(loaded.emu.editEvent(name, a1) as never);
  return `areas ${a1}`;
}

describe('the marks of onEdit equal those of the whole-tab check', () => {
  for (const [apostrophe, tab, seed, steps] of [
    ['drop', 'creation', 1, 500],
    ['keep', 'creation', 2, 500],
    ['keep', 'archival', 3, 200],
  ] as const) {
    it(`after each of ${steps} random edits of the ${tab} tab, apostrophes ${apostrophe === 'drop' ? 'dropped' : 'kept'} (seed ${seed})`, () => {
      const loaded = setUp(apostrophe);
      const name = TABS[tab];
      const next = random(seed);
      const paths = { search: 0, columns: 0, wholeTab: 0 };
      for (let step = 1; step <= steps; step++) {
        loaded.emu.counter.reset();
        const what = edit(loaded, next, name);
        const calls = loaded.emu.counter.byMethod;
        if (calls['TextFinder.matchFormulaText']) paths.wholeTab++;
        else if (calls['Sheet.getLastRow']) paths.columns++;
        else paths.search++;
        expect(
          loaded.emu.logs.filter((l) => l.level === 'error'),
          `${what}: onEdit failed`,
        ).toEqual([]);
        expect(actualMarks(loaded, name), `step ${step}: ${what}`).toEqual(expectedMarks(loaded, tab, name));
      }
      // Each way of reading was taken often: the lone search, the key columns, the whole tab.
      expect(Math.min(paths.search, paths.columns, paths.wholeTab), JSON.stringify(paths)).toBeGreaterThan(steps / 20);
    });
  }
});
