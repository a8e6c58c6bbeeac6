/**
 * Speed never changes an answer: after each of 1,200 random edits and pastes (seeded), every row's
 * marks left by onEdit's targeted reads equal those of the whole-tab check (validateTab), under
 * both ways Sheets may treat an apostrophe written into a plain-text cell.
 */
import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName, type TemplateTab } from '../../src/core/columns';
import { stateRowMarks } from '../../src/core/marks';
import { parseRowState } from '../../src/core/rowState';
import type { Problem } from '../../src/core/types';
import { seededRandom } from '../fixtures';
import { TABS, creationRow, loadSetUp, ok, registryRow, type Loaded } from './harness';

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
/** The columns edits touch: those of the pool, in its order. */
const EDITED = Object.keys(POOL) as ColumnName[];
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
  const loaded = loadSetUp({ plainTextApostrophe: apostrophe });
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
    // The batch left open stays open (nothing cancels it): a state names it or a closed batch.
    const state = parseRowState(String(sheet.cell(`${tab === 'creation' ? 'T' : 'S'}${row}`).value));
    return stateRowMarks(
      tab,
      result.problems.filter((p) => p.row === row),
      blank,
      state,
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

/**
 * Rows in every state of the upload loop among the rows edited: done and failed (a confirmed
 * batch, whose log refused one learner), open (a batch left open, whose learners no other row may
 * export), and a row of a learner the open batch holds.
 */
function withStates(loaded: Loaded): void {
  const name = TABS.creation;
  const sheet = loaded.emu.sheet(name)!;
  sheet.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('cy@ucr.edu', 'Cy', 'Chu')]);
  loaded.addon.onEdit(loaded.emu.editEvent(name, 'A2:Q3') as never);
  const confirmed = ok(loaded.addon.exportCsv('creation')).batchId as string;
  sheet.setValues('A4', [creationRow('bo@ucr.edu', 'Bo', 'Lee'), creationRow('reg2@sdsu.edu', 'Rea', 'Two')]);
  loaded.addon.onEdit(loaded.emu.editEvent(name, 'A4:Q5') as never);
  const open = ok(loaded.addon.exportCsv('creation')).batchId as string;
  const log = 'Row 2: ana@sdsu.edu - learner created\nRow 3: Error - Invalid Department';
  ok(loaded.addon.confirmBatch(confirmed, log, { decisions: { 'cy@ucr.edu': 'failed' } }));
  sheet.setValues('A6', [creationRow('bo@ucr.edu', 'Bo', 'Ng')]);
  loaded.addon.onEdit(loaded.emu.editEvent(name, 'A6:Q6') as never);
  const state = (row: number): string => String(sheet.cell(`T${row}`).value).split(' ')[0] as string;
  expect([2, 3, 4, 5, 6].map(state)).toEqual(['done', 'failed', 'open', 'open', '']);
  expect(String(sheet.cell('R3').value)).toBe(`Failed in ${confirmed}: Row 3: Error - Invalid Department`);
  expect(String(sheet.cell('R6').value)).toContain(`bo@ucr.edu is in ${open}, which waits for its import log`);
}

describe('the marks of onEdit equal those of the whole-tab check', () => {
  for (const [apostrophe, tab, seed, steps, states] of [
    ['drop', 'creation', 1, 500, false],
    ['keep', 'creation', 2, 500, false],
    ['keep', 'archival', 3, 200, false],
    ['drop', 'creation', 4, 300, true],
  ] as const) {
    it(`after each of ${steps} random edits of the ${tab} tab, apostrophes ${apostrophe === 'drop' ? 'dropped' : 'kept'}${states ? ', rows done, open and failed among them' : ''} (seed ${seed})`, () => {
      const loaded = setUp(apostrophe);
      if (states) withStates(loaded);
      const name = TABS[tab];
      const next = seededRandom(seed);
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
