/**
 * The upload loop on the built bundle (api.md, "Batches"): export opens a batch, the import log
 * confirms it, cancel drops it. Expected values are worked out by hand from the rows given.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, creationRow, loadAddOn, notOk, ok, registryRow, type Loaded } from './harness';
import { batchRowsOf, dayId, logRows, registryRows, stateOf, todayLA } from './loopHelpers';

const HEADER =
  'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID';
const line = (email: string, last: string, first: string) =>
  `${email},${last},${first},${email},Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,11/20/2026,,,`;

describe('export opens a batch', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadAddOn({ activeUserEmail: 'pat.admin@riversideca.gov' });
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ county: 'Riverside', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: 10 }));
    loaded.emu.sheet(TABS.registry)!.setValues('A2', [registryRow('old@sdsu.edu', 'Old', 'Timer', 'Active', '2026-01-10')]);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
  });

  it('names the file after the batch, stamps the rows, and records the batch and its learners', () => {
    const { emu, addon } = loaded;
    const id = dayId(1);
    const result = ok(addon.exportCsv('creation'));
    expect(result).toMatchObject({
      tab: 'creation',
      rows: 2,
      batchId: id,
      filename: `cacwt-creation-riverside-${id}.csv`,
      // 1 Active in the registry, then the two of this file.
      projectedBefore: 1,
      projectedActive: 3,
      activeCap: 10,
    });
    expect(result.csv).toBe([HEADER, line('ana@sdsu.edu', 'Lee', 'Ana'), line('bo@sdsu.edu', 'Chu', 'Bo')].join('\r\n'));
    // The rows wait for the import log: stamped in the hidden column, the check column says so.
    const tab = emu.sheet(TABS.creation)!;
    expect([stateOf(loaded, 'creation', 2), stateOf(loaded, 'creation', 3)]).toEqual([`open ${id}`, `open ${id}`]);
    expect(tab.cell('R2').value).toBe(`In ${id}: waiting for the import log`);
    expect(tab.isColumnHidden(20)).toBe(true);
    // The batch tabs: one row for the file, one per learner with the values it carried.
    const batch = emu.sheet(TABS.batches)!.values()[1]!;
    expect(batch.slice(0, 2)).toEqual([id, 'creation']);
    expect(String(batch[2])).toMatch(new RegExp(`^${todayLA()}T\\d\\d:\\d\\d$`));
    expect(batch.slice(3)).toEqual(['pat.admin@riversideca.gov', 2, `cacwt-creation-riverside-${id}.csv`, 'open', '', '', '', '']);
    expect(batchRowsOf(loaded).map((r) => r.slice(0, 4))).toEqual([
      [id, 'ana@sdsu.edu', 'creation', 2],
      [id, 'bo@sdsu.edu', 'creation', 3],
    ]);
    // The file again, byte for byte.
    expect(ok(addon.getBatchFile(id))).toEqual({ ok: true, filename: result.filename, csv: result.csv });
    expect(ok(addon.listBatches()).batches).toEqual([
      {
        batchId: id,
        kind: 'creation',
        exported: expect.stringMatching(/T\d\d:\d\d$/),
        admin: 'pat.admin@riversideca.gov',
        rows: 2,
        filename: result.filename,
        status: 'open',
        stale: false,
        closed: '',
        uploadedOn: '',
        failed: 0,
        overCapReason: '',
      },
    ]);
    // Nothing reached the registry or the log yet.
    expect(registryRows(loaded).map((r) => r[0])).toEqual(['old@sdsu.edu']);
    expect(logRows(loaded)).toEqual([]);
  });

  it('exports nothing twice: a second export is EMPTY, and validateTab skips the open rows', () => {
    const { addon } = loaded;
    ok(addon.exportCsv('creation'));
    expect(notOk(addon.exportCsv('creation')).error.code).toBe('EMPTY');
    expect(ok(addon.validateTab('creation'))).toMatchObject({ rows: 2, ready: 2, problems: [] });
  });

  it('confirms with an empty log: the registry, the log and the rows change only now', () => {
    const { emu, addon } = loaded;
    const id = dayId(1);
    ok(addon.exportCsv('creation'));
    const confirmed = ok(addon.confirmBatch(id, '', { uploadedOn: '2026-11-21' }));
    expect(confirmed).toMatchObject({
      batchId: id,
      applied: 2,
      failed: 0,
      dryRun: false,
      learners: [
        { email: 'ana@sdsu.edu', row: 2, verdict: 'applied', line: '' },
        { email: 'bo@sdsu.edu', row: 3, verdict: 'applied', line: '' },
      ],
    });
    expect(registryRows(loaded)).toEqual([
      registryRow('old@sdsu.edu', 'Old', 'Timer', 'Active', '2026-01-10'),
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-11-20'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-11-20'),
    ]);
    expect(logRows(loaded)).toEqual([
      ['pat.admin@riversideca.gov', 'added', 'ana@sdsu.edu', 'Added as Active (Riverside County Community Partner)', id, '2026-11-21'],
      ['pat.admin@riversideca.gov', 'added', 'bo@sdsu.edu', 'Added as Active (Riverside County Community Partner)', id, '2026-11-21'],
    ]);
    const tab = emu.sheet(TABS.creation)!;
    expect(stateOf(loaded, 'creation', 2)).toBe(`done ${id} 2026-11-21`);
    expect(tab.cell('R2').value).toBe(`Done: 2026-11-21, ${id}`);
    expect(tab.cell('A2').background).toBe('#e8e8e8');
    const batch = ok(addon.getBatch(id)).batch;
    expect(batch).toMatchObject({ status: 'confirmed', uploadedOn: '2026-11-21', failed: 0 });
    expect(batch.closed).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    // Done rows: not validated, exported or synced again.
    expect(ok(addon.validateTab('creation'))).toMatchObject({ rows: 0, ready: 0, problems: [] });
    expect(notOk(addon.exportCsv('creation')).error.code).toBe('EMPTY');
    expect(notOk(addon.confirmBatch(id)).error.code).toBe('BATCH_CLOSED');
    // Cleared off the tab; the history stays.
    expect(ok(addon.clearDoneRows('creation'))).toEqual({ ok: true, tab: 'creation', cleared: 2 });
    expect(tab.lastRow).toBe(1);
    expect(tab.maxRows).toBe(1000);
    expect(registryRows(loaded)).toHaveLength(3);
  });
});
