/**
 * Speed never changes an answer (#14): the registry as confirm and sync read it (readRegistryFor:
 * the Email and UserID columns, the rows naming a batch's learners, the namesakes' rows) gives
 * what a full read gives. On 300 seeded random registries, in the emulator: unreadable rows naming
 * a batch's email, duplicates, namesakes (names split across FirstName and LastName differently
 * too), renamed and reactivated learners, rows far apart, blank rows holding only a name, moved
 * and extra columns; the batch's outcomes, changes, log lines, conflicts, skipped learners and
 * possible duplicates, the registry warnings of its template rows, and (a sync's) every registry
 * problem must be equal.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator } from '@cacwt/gas-emulator';
import { HEADERS } from '../../src/core/columns';
import { newBatchLearners, type BatchKind, type Record17 } from '../../src/core/batches';
import { registryWarnings } from '../../src/core/registry';
import { applyToRegistry } from '../../src/core/registryChanges';
import { REGISTRY_ALL_HEADERS, type RegistryRead } from '../../src/core/registryRead';
import type { ValidatedRow } from '../../src/core/validate';
import { namesToCompare } from '../../src/addon/batches';
import { readRegistryFor } from '../../src/addon/registryLookup';
import { REGISTRY_DATE_FORMAT } from '../../src/addon/setup';
import { readRegistrySheet } from '../../src/addon/registrySheet';
import { dateReader } from '../../src/addon/tabs';
import { PARTNER, SETTINGS, TABS, creationRow, registryRow, seededRandom } from '../fixtures';
import { loadAddOn, ok } from './harness';

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

const EMAILS = Array.from({ length: 24 }, (_, i) => `p${i}@x.org`);
// "Ana Maria" + "Lopez" and "Ana" + "Maria Lopez" are one name (nameKey).
const NAMES: [string, string][] = [
  ['Ana', 'Lee'],
  ['ana', 'LEE'],
  ['Bo', 'Ng'],
  ['Ana Maria', 'Lopez'],
  ['Ana', 'Maria Lopez'],
  ['Ana Maria Lopez', ''],
  ['Cy', 'Chu'],
];
const HEADER = REGISTRY_ALL_HEADERS;
/** What a date cell may hold: dates it reads only after a look (a leap day, a US date, spaces), and ones it cannot read. */
const DATE_FAULTS: readonly unknown[] = [
  'next week',
  '2026-02-30',
  '2028-02-29',
  '1/10/2026',
  ' 2026-01-10',
  '1899-12-31',
  '2026-04-31',
  45000,
  true,
  '2026-01-10\n',
  '2026-1-10',
  '3000-01-01',
  '=DATE(2026,1,10)',
  ' ',
];

/** One registry row, often one the add-on cannot read or reads with a doubt. */
function registryCells(next: () => number): unknown[] {
  const email = pick(next, EMAILS);
  const [first, last] = pick(next, NAMES);
  const row: unknown[] = [
    email,
    first,
    last,
    next() < 0.1 ? email.toUpperCase() : email,
    next() < 0.15 ? 'Kern County Community Partner' : PARTNER.EmployeeType,
    PARTNER.Affiliation,
    pick(next, ['Active', 'Archived', ' active ']),
    '2026-01-10',
    '',
    next() < 0.5 ? '2027-06-30' : '',
  ];
  // A UserID that names another learner: on a row that does not read, it keeps that learner out too.
  if (next() < 0.15) row[0] = pick(next, EMAILS);
  const fault = next();
  if (fault < 0.05) row[6] = 'Inactive';
  else if (fault < 0.1) row[next() < 0.5 ? 7 : 8] = pick(next, DATE_FAULTS);
  else if (fault < 0.15) row[3] = `${email} (old)`;
  else if (fault < 0.2) row[3] = '';
  else if (fault < 0.23) row[4] = 'nowhere';
  else if (fault < 0.27) row[0] = next() < 0.5 ? 'someone@else.org' : pick(next, EMAILS);
  else if (fault < 0.3) row[9] = 'soon';
  else if (fault < 0.33) return ['', first, last, '', '', '', '', '', '', ''];
  else if (fault < 0.4) return Array<string>(10).fill('');
  return row;
}

/** A registry of 20 to 200 rows, its columns sometimes moved, with an admin's column, or without ActivityEnds. */
function registry(next: () => number): unknown[][] {
  const rows = Array.from({ length: 20 + Math.floor(next() * 180) }, () => registryCells(next));
  // Email first; ArchivedOn left of DateHire; DateHire away from ArchivedOn (searched as two columns).
  const order = pick(next, [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [3, 0, 1, 2, 6, 4, 5, 7, 8, 9],
    [0, 1, 2, 3, 4, 5, 6, 8, 7, 9],
    [0, 1, 2, 3, 7, 4, 5, 6, 8, 9],
  ]);
  const kept = next() < 0.2 ? order.filter((c) => c !== 9) : order;
  const notes = next() < 0.3;
  const shape = (cells: readonly unknown[]) => [...kept.map((c) => cells[c]), ...(notes ? ['a note'] : [])];
  return [shape(HEADER), ...rows.map(shape)];
}

function fileValues(email: string, first: string, last: string): Record17 {
  const values = Object.fromEntries(HEADERS.map((h) => [h, ''])) as Record17;
  return { ...values, UserID: email, Email: email, FirstName: first, LastName: last, Status: 'Active', ...PARTNER };
}

/** The parts of a read an answer depends on, for learners with these emails. */
function answer(read: RegistryRead, kind: BatchKind, files: Record17[], checks: ValidatedRow[]) {
  const learners = newBatchLearners(
    'B-20261129-1',
    kind,
    files.map((values) => ({ values })),
  ).map((l) => ({ ...l, verdict: 'applied' as const }));
  const changes = applyToRegistry(read, learners, { kind, batchId: 'B-20261129-1', effective: '2026-11-29', activityDays: 365 });
  return { changes, warnings: registryWarnings('creation', checks, read, 'MM/DD/YYYY') };
}

describe('the registry read for a batch equals a full read', () => {
  // The shell's readers call Utilities (dates in the spreadsheet's zone): the emulator's, here.
  const globals = globalThis as Record<string, unknown>;
  afterAll(() => {
    delete globals.Utilities;
  });

  it('on 300 random registries and batches: outcomes, changes, log, conflicts, skipped, possible duplicates, warnings, problems', () => {
    let namesRead = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const emu = createEmulator();
      globals.Utilities = emu.globals.Utilities;
      emu.addSheet(TABS.registry, registry(next));
      const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      const spreadsheet = app.getActiveSpreadsheet();
      // Set up, the date columns show yyyy-mm-dd (setup.ts); an admin's own registry may not.
      if (next() < 0.7) {
        const sheet = spreadsheet.getSheetByName(TABS.registry)!;
        const header = sheet.getSheetValues(1, 1, 1, sheet.getLastColumn())[0]!;
        for (const name of ['DateHire', 'ArchivedOn', 'ActivityEnds']) {
          const column = header.indexOf(name) + 1;
          if (column > 0) sheet.getRange(2, column, sheet.getMaxRows() - 1, 1).setNumberFormat(REGISTRY_DATE_FORMAT);
        }
      }
      const kind = pick(next, ['creation', 'creation', 'archival', 'reactivation'] as const);
      const files = Array.from({ length: 1 + Math.floor(next() * 6) }, () => {
        const [first, last] = pick(next, NAMES);
        return fileValues(next() < 0.2 ? `new${Math.floor(next() * 5)}@y.org` : pick(next, EMAILS), first, last);
      });
      // Template rows beside the batch, whose warnings the same read decides.
      const checks = Array.from({ length: 3 }, (_, i) => ({
        row: i + 2,
        record: fileValues(pick(next, EMAILS), 'Zed', 'Zed'),
        problems: [],
      }));
      const full = readRegistrySheet(spreadsheet);
      // Without whole (confirm), with whole (sync), with whole and only the learners' dates (export).
      const mode = pick(next, ['rows', 'whole', 'dates'] as const);
      const part = readRegistryFor(spreadsheet, dateReader(spreadsheet), {
        emails: [...files, ...checks.map((c) => c.record)].map((f) => f.Email),
        names: (found) => {
          const names = namesToCompare(
            found,
            files.map((f) => ({ email: f.Email, firstName: f.FirstName, lastName: f.LastName })),
            kind,
          );
          if (names.length > 0) namesRead++;
          return names;
        },
        ...(mode !== 'rows' ? { whole: true } : {}),
        ...(mode === 'dates' ? { named: 'dates' as const } : {}),
      });
      expect(full && part).toBeTruthy();
      const context = `seed ${seed}`;
      const want = answer(full!.read, kind, files, checks);
      const got = answer(part!.read, kind, files, checks);
      // A batch is applied to rows read whole; a template row's warning needs only their dates.
      if (mode !== 'dates') expect(got.changes, context).toEqual(want.changes);
      expect(got.warnings, context).toEqual(want.warnings);
      if (mode !== 'rows') {
        // Every row the add-on cannot read, with its problem (a sync's registryProblems); a warning
        // about a readable row only where that row was read, and then as a full read words it.
        const errors = (read: RegistryRead) => read.problems.filter((p) => p.severity === 'error');
        expect(errors(part!.read), context).toEqual(errors(full!.read));
        for (const p of part!.read.problems) expect(full!.read.problems, context).toContainEqual(p);
        // Whether each row reads, and its status and county: the projected Active count (exportCsv).
        const statuses = (read: RegistryRead) =>
          read.entries.map((e) => [e.row, e.learner.email, e.learner.status, e.learner.employeeType]);
        expect(statuses(part!.read), context).toEqual(statuses(full!.read));
      }
    }
    // The namesakes were looked for in most runs, so the name read was exercised.
    expect(namesRead).toBeGreaterThan(150);
  });
});

describe('the registry read for every row (whole), at its three sizes of doubt', () => {
  const globals = globalThis as Record<string, unknown>;
  afterAll(() => {
    delete globals.Utilities;
  });

  /** A set-up registry of 2,500 readable learners, with `broken` rows (sheet row → cells) put in. */
  function readBoth(broken: Record<number, unknown[]>) {
    const emu = createEmulator();
    globals.Utilities = emu.globals.Utilities;
    const rows: unknown[][] = Array.from({ length: 2_500 }, (_, i) => [
      ...registryRow(`p${i}@x.org`, 'Pat', `Doe${i}`, i % 3 === 0 ? 'Archived' : 'Active', '2026-01-10', i % 3 === 0 ? '2026-06-01' : ''),
      '',
    ]);
    for (const [row, cells] of Object.entries(broken)) rows[Number(row) - 2] = cells;
    emu.addSheet(TABS.registry, [[...REGISTRY_ALL_HEADERS], ...rows]);
    const spreadsheet = (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    spreadsheet.getSheetByName(TABS.registry)!.getRange('H2:J2501').setNumberFormat(REGISTRY_DATE_FORMAT);
    const full = readRegistrySheet(spreadsheet)!.read;
    emu.counter.reset();
    const part = readRegistryFor(spreadsheet, dateReader(spreadsheet), { emails: ['p7@x.org'], whole: true })!.read;
    const errors = (read: RegistryRead) => read.problems.filter((p) => p.severity === 'error');
    expect(errors(part)).toEqual(errors(full));
    expect(part.entries.map((e) => [e.row, e.learner.status])).toEqual(full.entries.map((e) => [e.row, e.learner.status]));
    expect(part.byEmail.get('p7@x.org')).toEqual(full.byEmail.get('p7@x.org'));
    return emu.counter.cellsRead;
  }

  it('reads three columns and the rows in doubt: a few one by one, more as one block', () => {
    const columns = 3 * 2_500;
    const header = 26; // row 1, as wide as the sheet
    // None in doubt: the three columns, the learner's row, nothing the date search finds.
    expect(readBoth({})).toBe(header + columns + 10);
    // Two broken rows (a date that is no date, a UserID naming p9 on a row with no Email): read one by one.
    const twoRows = {
      100: registryRow('z100@x.org', 'Pat', 'Doe', 'Active', 'soon').concat(''),
      2400: ['p9@x.org', 'Pat', 'Doe', '', '', '', '', '', '', ''],
    };
    // The search finds the one date cell ('soon'); the rows in doubt and the learner's are read.
    expect(readBoth(twoRows)).toBe(header + columns + 1 + 3 * 10);
    // Five rows near one another: one block from the first to the last.
    const near = Object.fromEntries(
      [200, 202, 204, 206, 208].map((row) => [row, registryRow(`q${row}@x.org`, 'Q', 'R', 'Inactive', '2026-01-10').concat('')]),
    );
    expect(readBoth(near)).toBe(header + columns + 9 * 10 + 10);
    // Five rows far apart: one block from the first to the last (never more than the columns whole).
    const far = Object.fromEntries(
      [3, 600, 1_200, 1_800, 2_400].map((row) => [row, registryRow(`q${row}@x.org`, 'Q', 'R', 'Inactive', '2026-01-10').concat('')]),
    );
    expect(readBoth(far)).toBe(header + columns + 10 * (2_400 - 3 + 1) + 10);
  });
});

describe('registryProblems of a sync, as a full read after it gives them', () => {
  it('drops a warning about a cell the sync itself rewrote (registryAfter)', () => {
    const loaded = loadAddOn();
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ ...SETTINGS, activityDays: 365 }));
    // Ana is Archived, with an ActivityEnds the add-on cannot read: a warning on row 2.
    loaded.emu
      .sheet(TABS.registry)!
      .setValues('A2', [[...registryRow('ana@x.org', 'Ana', 'Lee', 'Archived', '2026-01-10', '2026-03-01'), 'next year']]);
    expect(ok(loaded.addon.findLearners('ana')).registryProblems.map((p) => p.column)).toEqual(['ActivityEnds']);
    // Reactivating her writes a new ActivityEnds over it: the warning is gone.
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@x.org', 'Ana', 'Lee')]);
    const result = ok(loaded.addon.syncRegistry('creation'));
    expect(result.reactivated).toBe(1);
    expect(ok(loaded.addon.findLearners('ana')).registryProblems).toEqual([]);
    expect(result.registryProblems).toEqual([]);
  });

  it('lists every row the add-on cannot read, and leaves warnings about rows that read to the Overview', () => {
    const loaded = loadAddOn();
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ ...SETTINGS, activityDays: 365 }));
    loaded.emu.sheet(TABS.registry)!.setValues('A2', [
      registryRow('bo@x.org', 'Bo', 'Ng', 'Active', '2026-01-10'),
      ['bo.ng@x.org', 'Cy', 'Chu', 'cy@x.org', PARTNER.EmployeeType, PARTNER.Affiliation, 'Active', '2026-01-10', ''], // a UserID that differs: a warning
      registryRow('dee@x.org', 'Dee', 'Park', 'Maybe', '2026-01-10'), // a status that is none: unreadable
      registryRow('eve@x.org', 'Eve', 'Ito', 'Active', 'last spring'), // a date that is none: unreadable
    ]);
    expect(ok(loaded.addon.getSummary()).registryProblems.map((p) => [p.row, p.severity])).toEqual([
      [3, 'warning'],
      [4, 'error'],
      [5, 'error'],
    ]);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@x.org', 'Ana', 'Lee')]);
    const result = ok(loaded.addon.syncRegistry('creation'));
    expect(result.added).toBe(1);
    expect(result.registryProblems.map((p) => [p.row, p.column, p.severity])).toEqual([
      [4, 'Status', 'error'],
      [5, 'DateHire', 'error'],
    ]);
  });
});
