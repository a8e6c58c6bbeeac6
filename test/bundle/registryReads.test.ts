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

/** One registry row, often one the add-on cannot read or reads with a doubt. */
function registryCells(next: () => number): string[] {
  const email = pick(next, EMAILS);
  const [first, last] = pick(next, NAMES);
  const row = [
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
  const fault = next();
  if (fault < 0.05) row[6] = 'Inactive';
  else if (fault < 0.1) row[7] = 'next week';
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
function registry(next: () => number): string[][] {
  const rows = Array.from({ length: 20 + Math.floor(next() * 180) }, () => registryCells(next));
  const order = next() < 0.3 ? [3, 0, 1, 2, 6, 4, 5, 7, 8, 9] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const kept = next() < 0.2 ? order.filter((c) => c !== 9) : order;
  const notes = next() < 0.3;
  const shape = (cells: readonly string[]) => [...kept.map((c) => cells[c] as string), ...(notes ? ['a note'] : [])];
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
      const whole = pick(next, [undefined, 'statuses', 'problems'] as const);
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
        ...(whole ? { whole } : {}),
      });
      expect(full && part).toBeTruthy();
      const context = `seed ${seed}`;
      const want = answer(full!.read, kind, files, checks);
      const got = answer(part!.read, kind, files, checks);
      expect(got.changes, context).toEqual(want.changes);
      expect(got.warnings, context).toEqual(want.warnings);
      if (whole === 'problems') expect(part!.read.problems, context).toEqual(full!.read.problems);
      // Whether each row reads, and its status and county: the projected Active count (exportCsv).
      const statuses = (read: RegistryRead) => read.entries.map((e) => [e.row, e.learner.email, e.learner.status, e.learner.employeeType]);
      if (whole) expect(statuses(part!.read), context).toEqual(statuses(full!.read));
    }
    // The namesakes were looked for in most runs, so the name read was exercised.
    expect(namesRead).toBeGreaterThan(150);
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
});
