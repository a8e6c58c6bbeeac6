/**
 * Nothing lost, nothing doubled (#10 item 1, #11): every Sheets call of export, confirm, cancel,
 * sync, archive and reactivate fails in turn (sync, confirm and archive: every pair too), then the
 * operation runs again cleanly. The registry, the log, the batch tabs and the template tabs must
 * then be exactly what one clean run leaves: each learner once with the right values, one log
 * entry per change, batches and row states consistent.
 */
import { describe, expect, it } from 'vitest';
import type { WorkbookJson } from '@cacwt/gas-emulator';
import { everyPairOfFaults, everySingleFault, type FaultCase } from './faults';
import { TABS, archivalRow, creationRow, loadAddOn, loadSetUp, ok, registryRow, type Loaded } from './harness';
import { adminRuleAndCutDoneRule, dayId } from './loopHelpers';

const LA = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });
const text = (v: unknown): unknown => (Object.prototype.toString.call(v) === '[object Date]' ? LA.format(v as Date) : v);

/** Every tab the loop writes, as values (the log's Timestamp and the batches' Exported and Closed left out), and the template marks. */
function snapshot(loaded: Loaded): unknown {
  const values = (name: string, drop: number[] = []) =>
    (loaded.emu.sheet(name)?.values() ?? []).map((row) => row.map(text).filter((_, i) => !drop.includes(i)));
  const marks = (name: string) => {
    const sheet = loaded.emu.sheet(name)!;
    return Array.from({ length: sheet.lastRow }, (_, i) =>
      ['A', 'I', 'R'].map((c) => {
        const cell = sheet.cell(`${c}${i + 1}`);
        return [cell.background, cell.shownBackground, cell.note];
      }),
    );
  };
  // The done rule (doneRule.ts) is part of what a run leaves: what the rows show, and the rules
  // behind it. A range to the tab's last row reads "last": Clear done rows and cancel add rows at
  // the end as they delete, and a run cut between the two adds them twice (the tab's size is not
  // compared here, and blank rows at the end change nothing); the rule must reach the last row.
  const rules = (name: string) => {
    const sheet = loaded.emu.sheet(name)!;
    return sheet.conditionalRules().map((rule) => ({
      ...rule,
      ranges: rule.ranges.map((a1) => a1.replace(new RegExp(`(?<=[A-Z])${sheet.maxRows}$`), 'last')),
    }));
  };
  return {
    registry: values(TABS.registry),
    log: values(TABS.log, [0]),
    batches: values(TABS.batches, [2, 7]),
    batchRows: values(TABS.batchRows),
    creation: values(TABS.creation),
    archival: values(TABS.archival),
    creationMarks: marks(TABS.creation),
    archivalMarks: marks(TABS.archival),
    creationRules: rules(TABS.creation),
    archivalRules: rules(TABS.archival),
    openBatchesCopy: openBatchesCopy(loaded),
  };
}

/** The open batches and their learners as the document's copy holds them (loopCache.ts), in order. */
function openBatchesCopy(loaded: Loaded): unknown {
  const props = loaded.emu.properties.document;
  const stored = JSON.parse(props.openBatches ?? 'null') as { ids: string[]; chunks: number | null } | null;
  if (!stored) return null;
  let text = '';
  for (let i = 0; i < (stored.chunks ?? 0); i++) text += props[`openBatches.${i}`] ?? '';
  const learners = JSON.parse(text || '{}') as Record<string, string[]>;
  return [...stored.ids].sort().map((id) => [id, [...(learners[id] ?? [])].sort()]);
}

/** A Riverside workbook: a registry of four, three Creation rows (one a rename, one a reactivation) and one Archival row. */
function workbook(prepare: (loaded: Loaded) => void = () => {}): WorkbookJson {
  const loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov' });
  loaded.emu
    .sheet(TABS.registry)!
    .setValues('A2', [
      registryRow('bo@sdsu.edu', 'Bo', 'Chu-Old', 'Active', '2026-01-10'),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Archived', '2026-01-10', '2026-06-30'),
      registryRow('dee@sdsu.edu', 'Dee', 'Park', 'Active', '2026-01-10'),
      registryRow('eve@sdsu.edu', 'Eve', 'Stone', 'Active', '2026-01-10'),
    ]);
  loaded.emu
    .sheet(TABS.creation)!
    .setValues('A2', [
      creationRow('ana@sdsu.edu', 'Ana', 'Lee'),
      creationRow('bo@sdsu.edu', 'Bo', 'Chu'),
      creationRow('cy@sdsu.edu', 'Cy', 'Ng'),
    ]);
  loaded.emu.sheet(TABS.archival)!.setValues('A2', [archivalRow('dee@sdsu.edu', 'Dee', 'Park')]);
  prepare(loaded);
  // Tabs of 30 rows: the workbook is copied thousands of times below; appends past row 30 grow it.
  const app = loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  for (const sheet of app.getActiveSpreadsheet().getSheets()) {
    if (sheet.getMaxRows() > 30) sheet.deleteRows(31, sheet.getMaxRows() - 30);
  }
  return loaded.emu.toJSON();
}

const OPTIONS = { activeUserEmail: 'pat.admin@riversideca.gov' };

function faultCase(prepare: (loaded: Loaded) => void, run: FaultCase['run']): FaultCase {
  return { workbook: workbook(prepare), options: OPTIONS, run, snapshot };
}

const LOG = 'Row 2: ana@sdsu.edu created\nbo@sdsu.edu updated\ncy@sdsu.edu: error, invalid DateHire';

// Thousands of runs each: far longer than a unit test.
describe('a fault at any Sheets call, then a clean run, leaves what one clean run leaves', { timeout: 600_000 }, () => {
  it('exportCsv', () => {
    const c = faultCase(
      () => {},
      (addon) => addon.exportCsv('creation'),
    );
    expect(everySingleFault(c, 'export')).toBeGreaterThan(10);
  });

  it('confirmBatch (every single fault and every pair)', () => {
    const c = faultCase(
      (loaded) => ok(loaded.addon.exportCsv('creation')),
      (addon) => addon.confirmBatch(dayId(1), LOG, { uploadedOn: '2026-11-27' }),
    );
    // The clean run: ana added, bo renamed, cy failed; three rows, two log entries.
    const clean = loadAddOn({ ...OPTIONS, workbook: c.workbook });
    expect(ok(clean.addon.confirmBatch(dayId(1), LOG, { uploadedOn: '2026-11-27' }))).toMatchObject({ applied: 2, failed: 1 });
    expect(clean.emu.sheet(TABS.log)!.lastRow).toBe(3);
    everySingleFault(c, 'confirm');
    expect(everyPairOfFaults(c, 'confirm')).toBeGreaterThan(100);
  });

  it('confirmBatch and syncRegistry when the done rule must be written again (deleted; cut by a paste, an admin rule kept)', () => {
    const ruleGone = (loaded: Loaded) => adminRuleAndCutDoneRule(loaded, 'x', 'I2:I20', 'A5:R30');
    const confirm = faultCase(
      (loaded) => {
        ok(loaded.addon.exportCsv('creation'));
        ruleGone(loaded);
      },
      (addon) => addon.confirmBatch(dayId(1), LOG, { uploadedOn: '2026-11-27' }),
    );
    const clean = loadAddOn({ ...OPTIONS, workbook: confirm.workbook });
    ok(clean.addon.confirmBatch(dayId(1), LOG, { uploadedOn: '2026-11-27' }));
    expect(
      clean.emu
        .sheet(TABS.creation)!
        .conditionalRules()
        .map((r) => r.ranges),
    ).toEqual([['A2:R30'], ['I2:I20']]);
    expect(clean.emu.sheet(TABS.creation)!.cell('A2').shownBackground).toBe('#e8e8e8');
    everySingleFault(confirm, 'confirm, the done rule cut');
    everySingleFault(
      faultCase(ruleGone, (addon) => addon.syncRegistry('creation')),
      'sync, the done rule cut',
    );
  });

  it('cancelBatch, of an export and of an archive by domain', () => {
    everySingleFault(
      faultCase(
        (loaded) => ok(loaded.addon.exportCsv('creation')),
        (addon) => addon.cancelBatch(dayId(1)),
      ),
      'cancel an export',
    );
    everySingleFault(
      faultCase(
        (loaded) => ok(loaded.addon.archiveLearners(['eve@sdsu.edu', 'bo@sdsu.edu'])),
        (addon) => addon.cancelBatch(dayId(1)),
      ),
      'cancel an archive',
    );
  });

  it('syncRegistry (both tabs: every single fault; the Creation tab: every pair)', () => {
    const c = faultCase(
      () => {},
      (addon) => addon.syncRegistry(),
    );
    const clean = loadAddOn({ ...OPTIONS, workbook: c.workbook });
    expect(ok(clean.addon.syncRegistry())).toMatchObject({ added: 1, updated: 1, reactivated: 1, archived: 1 });
    everySingleFault(c, 'sync');
    // Two batches in one run make some 17,000 pairs; one tab's batch is the same code.
    everyPairOfFaults({ ...c, run: (addon) => addon.syncRegistry('creation') }, 'sync the Creation tab');
  });

  it('archiveLearners (every single fault and every pair)', () => {
    const c = faultCase(
      () => {},
      (addon) => addon.archiveLearners(['eve@sdsu.edu', 'bo@sdsu.edu', 'dee@sdsu.edu']),
    );
    everySingleFault(c, 'archive');
    everyPairOfFaults(c, 'archive');
  });

  it('reactivateLearners, and confirming the reactivation', () => {
    everySingleFault(
      faultCase(
        () => {},
        (addon) => addon.reactivateLearners(['cy@sdsu.edu']),
      ),
      'reactivate',
    );
    everySingleFault(
      faultCase(
        (loaded) => ok(loaded.addon.reactivateLearners(['cy@sdsu.edu'])),
        (addon) => addon.confirmBatch(dayId(1), ''),
      ),
      'confirm a reactivation',
    );
  });
});

// A batch function takes a row's fills and notes from its check text (marksPlan.ts): every writer
// of marks must write that text last, onEdit's too, or a cut-short edit leaves a text that lies.
describe('an edit cut short at any Sheets call, then an export, leaves the marks one clean edit and export leave', () => {
  /** Row 2 holds a last name the add-on refuses (B2), marked red by the edit that pasted it. */
  function start(): WorkbookJson {
    const loaded = loadSetUp(OPTIONS);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee2')]);
    loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, 'A2:Q2') as never);
    expect(loaded.emu.sheet(TABS.creation)!.cell('B2').background).toBe('#f4cccc');
    return loaded.emu.toJSON();
  }
  /** The admin fixes the last name (onEdit, cut at call `n` unless 0), then exports the tab. */
  function fixThenExport(workbook: WorkbookJson, n: number): { calls: number; marks: unknown } {
    const loaded = loadAddOn({ ...OPTIONS, workbook });
    loaded.emu.sheet(TABS.creation)!.setValues('B2', [['Lee']]);
    loaded.emu.counter.reset();
    if (n > 0) loaded.emu.failOnCall(n);
    loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, 'B2', { value: 'Lee', oldValue: 'Lee2' }) as never);
    const calls = loaded.emu.counter.calls;
    ok(loaded.addon.exportCsv('creation'));
    const sheet = loaded.emu.sheet(TABS.creation)!;
    const marks = 'ABCDEFGHIJKLMNOPQR'.split('').map((c) => [sheet.cell(`${c}2`).background, sheet.cell(`${c}2`).note]);
    return { calls, marks: [marks, sheet.cell('R2').value] };
  }

  it('(the check text is written after the fills and notes)', () => {
    const workbook = start();
    const clean = fixThenExport(workbook, 0);
    // Waiting in the batch: the row's plain fills, no note.
    expect(JSON.stringify(clean.marks)).not.toContain('#f4cccc');
    for (let n = 1; n <= clean.calls; n++) {
      expect(fixThenExport(workbook, n).marks, `edit cut at call ${n} of ${clean.calls}`).toEqual(clean.marks);
    }
  });
});
