/**
 * The document's copy of the open batches (src/addon/loopCache.ts): onEdit reads the open batches
 * and their learners from it without reading the batch tabs; the batch functions keep it equal to
 * the tabs, and a copy that is missing or wrong is mended, never trusted past the next batch function.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, creationRow, loadAddOn, ok, type Loaded } from './harness';

const copyOf = (loaded: Loaded) => JSON.parse(loaded.emu.properties.document.openBatches ?? 'null') as { ids: string[] } | null;
const checkOf = (loaded: Loaded, row: number) => String(loaded.emu.sheet(TABS.creation)!.cell(`R${row}`).value);

function typeEmail(loaded: Loaded, row: number, email: string): Record<string, number> {
  loaded.emu.counter.reset();
  loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, `D${row}`, { value: email, oldValue: '' }) as never);
  return { ...loaded.emu.counter.byMethod };
}

describe("the open batches' copy onEdit reads", () => {
  let loaded: Loaded;
  let batchId: string;
  beforeEach(() => {
    loaded = loadAddOn();
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ county: 'Riverside', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: null }));
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    batchId = ok(loaded.addon.exportCsv('creation')).batchId as string;
    // Below the exported rows, a row being filled in: everything but its email.
    loaded.emu.sheet(TABS.creation)!.setValues('A4', [creationRow('', 'Ana', 'Lee-Park')]);
  });

  it('holds the batch an export opened, and onEdit finds its learner there without reading a batch tab', () => {
    expect(copyOf(loaded)?.ids).toEqual([batchId]);
    const calls = typeEmail(loaded, 4, 'ana@sdsu.edu');
    // The learner of the open batch, typed on a new row: the error names the batch.
    expect(checkOf(loaded, 4)).toContain(batchId);
    expect(calls['Sheet.getDataRange'] ?? 0).toBe(0); // Upload Batches not read
    expect(calls['Spreadsheet.getSheetByName'] ?? 0).toBe(0); // not Upload Batch Rows (the registry is found by its header row)
  });

  it('gives the same marks when the copy is gone (the batch tabs are read instead)', () => {
    delete loaded.emu.properties.document.openBatches;
    const calls = typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(checkOf(loaded, 4)).toContain(batchId);
    expect(calls['Sheet.getDataRange']).toBe(1); // Upload Batches read for the open ids
  });

  it('drops a batch once confirmed or cancelled, and onEdit then sees no open batch', () => {
    ok(loaded.addon.confirmBatch(batchId, ''));
    expect(copyOf(loaded)?.ids).toEqual([]);
    typeEmail(loaded, 4, 'cy@sdsu.edu');
    expect(checkOf(loaded, 4)).toMatch(/^Ready/);

    loaded.emu.sheet(TABS.creation)!.setValues('A5', [creationRow('dee@sdsu.edu', 'Dee', 'Fox')]);
    const second = ok(loaded.addon.exportCsv('creation')).batchId as string;
    expect(copyOf(loaded)?.ids).toEqual([second]);
    ok(loaded.addon.cancelBatch(second));
    expect(copyOf(loaded)?.ids).toEqual([]);
  });

  it('is mended by the next batch function when a run cut short left it wrong', () => {
    // As if a run had stopped between the batch tabs and the copy: the copy says nothing is open.
    loaded.emu.properties.document.openBatches = JSON.stringify({ v: 1, ids: [], chunks: 1, length: 2 });
    loaded.emu.properties.document['openBatches.0'] = '{}';
    typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(checkOf(loaded, 4)).not.toContain(batchId); // the wrong copy believed, for now
    // The next batch function (here an export of another row) reads the loop under the lock.
    loaded.emu.sheet(TABS.creation)!.setValues('A5', [creationRow('dee@sdsu.edu', 'Dee', 'Fox')]);
    const second = ok(loaded.addon.exportCsv('creation', { rows: [5] })).batchId as string;
    expect(copyOf(loaded)?.ids).toEqual([batchId, second]);
    typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(checkOf(loaded, 4)).toContain(batchId);
  });

  it('is mended by cancelBatch run again when the first run stopped between the batch row and the copy', () => {
    const props = loaded.emu.properties.document;
    const before = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith('openBatches')));
    ok(loaded.addon.cancelBatch(batchId));
    // As if the run had stopped after writing "cancelled" but before taking the batch out of the copy.
    Object.assign(props, before);
    expect(copyOf(loaded)?.ids).toEqual([batchId]);
    // The admin cancels again: told it is closed, and the copy follows the tab.
    expect(loaded.addon.cancelBatch(batchId).ok).toBe(false);
    expect(copyOf(loaded)?.ids).toEqual([]);
    typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(checkOf(loaded, 4)).not.toContain(batchId);
  });

  it('keeps a learner that a hand edit put in two open batches in the one still open once the other is cancelled', () => {
    loaded.emu.sheet(TABS.creation)!.setValues('A5', [creationRow('dee@sdsu.edu', 'Dee', 'Fox')]);
    const second = ok(loaded.addon.exportCsv('creation', { rows: [5] })).batchId as string;
    // By hand, Ana also goes into the second batch (a row added below its own).
    const rows = loaded.emu.sheet(TABS.batchRows)!;
    rows.setValues(`A${rows.lastRow + 1}`, [[second, 'ana@sdsu.edu', 'creation']]);
    ok(loaded.addon.cancelBatch(second));
    // The batch tabs: Ana is still in the first batch, which is open.
    typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(checkOf(loaded, 4)).toContain(batchId);
  });

  it('is not read when its chunks do not add up (a copy written half), and the tabs are read instead', () => {
    loaded.emu.properties.document['openBatches.0'] = '{"B-cut';
    const calls = typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(calls['Sheet.getDataRange']).toBe(1);
    expect(checkOf(loaded, 4)).toContain(batchId);
  });
  it('keeps no copy when the open batches are too many for a property to hold their ids, and onEdit reads the tabs', () => {
    // 200 open batches recorded by hand below the export's: their ids alone pass a property's size.
    const batches = loaded.emu.sheet(TABS.batches)!;
    batches.setValues(
      'A3',
      Array.from({ length: 200 }, (_, i) => [`B-20261120-${i + 1}`, 'creation', '2026-11-20T09:00', 'pat', '1', 'f.csv', 'open']),
    );
    loaded.emu.sheet(TABS.creation)!.setValues('A5', [creationRow('dee@sdsu.edu', 'Dee', 'Fox')]);
    ok(loaded.addon.exportCsv('creation', { rows: [5] })); // reads the loop under the lock
    expect(copyOf(loaded)).toBeNull();
    const calls = typeEmail(loaded, 4, 'ana@sdsu.edu');
    expect(calls['Sheet.getDataRange']).toBe(1); // Upload Batches read for the open ids
    expect(checkOf(loaded, 4)).toContain(batchId);
  });
});
