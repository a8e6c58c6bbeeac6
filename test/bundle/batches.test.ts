/**
 * The upload loop on the built bundle (api.md, "Batches"): export opens a batch, the import log
 * confirms it, cancel drops it. Expected values are worked out by hand from the rows given.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, creationRow, loadAddOn, loadSetUp, notOk, ok, registryRow, type Loaded } from './harness';
import { batchRowsOf, dayId, logRows, registryRows, stateOf, todayLA } from './loopHelpers';

const HEADER =
  'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID';
const line = (email: string, last: string, first: string) =>
  `${email},${last},${first},${email},Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,11/20/2026,,,`;

describe('export opens a batch', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov', settings: { activeCap: 10 } });
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
    // Grey by the tab's done rule, over the row's own (plain) fills.
    expect(tab.cell('A2').shownBackground).toBe('#e8e8e8');
    expect(tab.cell('A2').background).toBe('#fff2cc');
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

describe('confirming from a pasted import log', () => {
  let loaded: Loaded;
  const id = dayId(1);
  beforeEach(() => {
    loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov' });
    loaded.emu.sheet(TABS.registry)!.setValues('A2', [registryRow('bo@sdsu.edu', 'Bo', 'Chu-Old', 'Active', '2026-01-10')]);
    loaded.emu
      .sheet(TABS.creation)!
      .setValues('A2', [
        creationRow('ana@sdsu.edu', 'Ana', 'Lee'),
        creationRow('cy@sdsu.edu', 'Cy', 'Ng'),
        creationRow('diana@sdsu.edu', 'Diana', 'Ruiz'),
        creationRow('bo@sdsu.edu', 'Bo', 'Chu'),
        creationRow('eve@sdsu.edu', 'Eve', 'Stone'),
      ]);
    ok(loaded.addon.exportCsv('creation'));
  });

  // A layout this project did not write: a summary line with a zero count, a line per row, a CSV
  // line, and the LMS's "already exists - updated"; eve is never named.
  const LOG = [
    'Import results for your file',
    'Processed: 5   0 errors',
    'Row 2: ana@sdsu.edu - learner created',
    'Row 3: Error - Invalid Department',
    'diana@sdsu.edu,created',
    'bo@sdsu.edu: already exists - updated',
  ].join('\n');

  it('dry run: each learner’s verdict and the line that decided it, and nothing changes', () => {
    const { emu, addon } = loaded;
    const before = JSON.stringify(emu.toJSON());
    const dry = ok(addon.confirmBatch(id, LOG, { dryRun: true }));
    expect(dry).toEqual({
      ok: true,
      batchId: id,
      dryRun: true,
      applied: 2,
      failed: 0,
      learners: [
        { email: 'ana@sdsu.edu', row: 2, verdict: 'applied', line: 'Row 2: ana@sdsu.edu - learner created' },
        // A line naming only its row: unclear, with the line.
        { email: 'cy@sdsu.edu', row: 3, verdict: 'unclear', line: 'Row 3: Error - Invalid Department' },
        // diana@ is not ana@: each email is a whole token.
        { email: 'diana@sdsu.edu', row: 4, verdict: 'applied', line: 'diana@sdsu.edu,created' },
        // A failure word and a success word: unclear.
        { email: 'bo@sdsu.edu', row: 5, verdict: 'unclear', line: 'bo@sdsu.edu: already exists - updated' },
        { email: 'eve@sdsu.edu', row: 6, verdict: 'unmentioned', line: '' },
      ],
    });
    expect(JSON.stringify(emu.toJSON())).toBe(before);
  });

  it('asks for a decision on each unclear and unmentioned learner before anything changes', () => {
    const { emu, addon } = loaded;
    const before = JSON.stringify(emu.toJSON());
    const refused = notOk(addon.confirmBatch(id, LOG, { decisions: { 'cy@sdsu.edu': 'failed' } }));
    expect(refused.error).toMatchObject({ code: 'NEEDS_DECISIONS', message: expect.stringMatching(/2 learners/) });
    expect((refused as unknown as { learners: { verdict: string }[] }).learners.map((l) => l.verdict)).toEqual([
      'applied',
      'failed',
      'applied',
      'unclear',
      'unmentioned',
    ]);
    expect(JSON.stringify(emu.toJSON())).toBe(before);
    // A log of another file: names none of the batch, refused before asking for decisions.
    expect(notOk(addon.confirmBatch(id, 'Row 40: zed@x.org created\nok')).error.code).toBe('LOG_MISMATCH');
    expect(notOk(addon.confirmBatch('B-20200101-9', '')).error.code).toBe('NO_BATCH');
    expect(notOk(addon.confirmBatch(id, '', { uploadedOn: '11/27/2026' })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(addon.confirmBatch(id, '', { decisions: { 'cy@sdsu.edu': 'maybe' } })).error.code).toBe('BAD_ARGUMENT');
    expect(JSON.stringify(emu.toJSON())).toBe(before);
  });

  it('with decisions: applies the applied learners, keeps the failed one with the log’s line until edited', () => {
    const { emu, addon } = loaded;
    const result = ok(
      addon.confirmBatch(id, LOG, {
        uploadedOn: '2026-11-26',
        decisions: { 'CY@sdsu.edu': 'failed', 'bo@sdsu.edu': 'applied', 'eve@sdsu.edu': 'applied' },
      }),
    );
    expect(result).toMatchObject({ applied: 4, failed: 1, dryRun: false });
    expect(result.learners.map((l) => l.verdict)).toEqual(['applied', 'failed', 'applied', 'applied', 'applied']);
    expect(registryRows(loaded)).toEqual([
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'),
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-11-20'),
      registryRow('diana@sdsu.edu', 'Diana', 'Ruiz', 'Active', '2026-11-20'),
      registryRow('eve@sdsu.edu', 'Eve', 'Stone', 'Active', '2026-11-20'),
    ]);
    // One log entry per change, each with the batch and the day it took effect.
    expect(logRows(loaded).map((r) => [r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['added', 'ana@sdsu.edu', 'Added as Active (Riverside County Community Partner)', id, '2026-11-26'],
      ['added', 'diana@sdsu.edu', 'Added as Active (Riverside County Community Partner)', id, '2026-11-26'],
      ['updated', 'bo@sdsu.edu', 'LastName Chu-Old → Chu', id, '2026-11-26'],
      ['added', 'eve@sdsu.edu', 'Added as Active (Riverside County Community Partner)', id, '2026-11-26'],
    ]);
    const tab = emu.sheet(TABS.creation)!;
    expect(tab.cell('R3').value).toBe(`Failed in ${id}: Row 3: Error - Invalid Department`);
    expect(['A3', 'I3', 'R3'].map((a1) => tab.cell(a1).background)).toEqual(['#f4cccc', '#f4cccc', '#f4cccc']);
    expect(ok(addon.getBatch(id)).batch).toMatchObject({ status: 'confirmed', failed: 1, uploadedOn: '2026-11-26' });
    // The batch rows keep the log's words and the decisions.
    expect(batchRowsOf(loaded).map((r) => [r[1], r[22], r[23], r[24]])).toEqual([
      ['ana@sdsu.edu', 'applied', 'Row 2: ana@sdsu.edu - learner created', ''],
      ['cy@sdsu.edu', 'unclear', 'Row 3: Error - Invalid Department', 'failed'],
      ['diana@sdsu.edu', 'applied', 'diana@sdsu.edu,created', ''],
      ['bo@sdsu.edu', 'unclear', 'bo@sdsu.edu: already exists - updated', 'applied'],
      ['eve@sdsu.edu', 'unmentioned', '', 'applied'],
    ]);

    // The failed row is an error until edited; then it is a pending row that "Re-export failed rows" takes.
    expect(ok(addon.validateTab('creation'))).toMatchObject({
      rows: 1,
      ready: 0,
      problems: [
        { row: 3, severity: 'error', message: expect.stringContaining(`cy@sdsu.edu failed in ${id}: "Row 3: Error - Invalid Department"`) },
      ],
    });
    expect(notOk(addon.exportCsv('creation')).error.code).toBe('INVALID_ROWS');
    // "Re-export failed rows" before the fix: the failed row is still an error.
    expect(notOk(addon.exportCsv('creation', { failedIn: id })).error.code).toBe('INVALID_ROWS');
    tab.setValues('L3', [['']]);
    addon.onEdit(emu.editEvent(TABS.creation, 'L3', { value: '' }) as never);
    expect(stateOf(loaded, 'creation', 3)).toBe('');
    expect(tab.cell('R3').value).toBe('Ready');
    // A new row the admin is still filling in, Ready too: a plain export would take it as well.
    tab.setValues('A7', [creationRow('gus@sdsu.edu', 'Gus', 'Poe')]);
    addon.onEdit(emu.editEvent(TABS.creation, 'A7:Q7') as never);
    expect(notOk(addon.exportCsv('creation', { failedIn: 'B-20200101-9' })).error.code).toBe('NO_BATCH');
    expect(notOk(addon.exportCsv('creation', { failedIn: id, rows: [3] })).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(addon.exportCsv('archival', { failedIn: id })).error.code).toBe('BAD_ARGUMENT');
    const again = ok(addon.exportCsv('creation', { failedIn: id }));
    expect(again).toMatchObject({ batchId: dayId(2), rows: 1 });
    expect(again.csv.split('\r\n').slice(1)).toEqual([line('cy@sdsu.edu', 'Ng', 'Cy')]);
    expect(stateOf(loaded, 'creation', 7)).toBe(''); // gus waits for the next plain export
    // Re-exported: none of that batch's failures is left to take.
    expect(notOk(addon.exportCsv('creation', { failedIn: id })).error.code).toBe('EMPTY');
  });
});

describe('one learner, one open batch', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp();
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
  });

  it('editing a row of an open batch leaves the batch as exported and makes a new change, refused while the batch is open', () => {
    const { emu, addon } = loaded;
    const first = ok(addon.exportCsv('creation'));
    emu.sheet(TABS.creation)!.setValues('B2', [['Lee-Park']]);
    addon.onEdit(emu.editEvent(TABS.creation, 'B2', { value: 'Lee-Park', oldValue: 'Lee' }) as never);
    expect(stateOf(loaded, 'creation', 2)).toBe(`changed ${first.batchId}`);
    const check = String(emu.sheet(TABS.creation)!.cell('R2').value);
    expect(check).toBe(
      `Changed since ${first.batchId}: ana@sdsu.edu is in ${first.batchId}, which waits for its import log: record that log (or cancel the batch) before exporting this learner again.`,
    );
    // The batch still holds what it exported.
    expect(ok(addon.getBatchFile(first.batchId)).csv).toBe(first.csv);
    expect(notOk(addon.exportCsv('creation')).problems).toMatchObject([
      { row: 2, column: 'Email', message: expect.stringContaining(first.batchId) },
    ]);
    // Confirmed, the batch applies its own values; the edited row is a new pending change.
    ok(addon.confirmBatch(first.batchId, ''));
    expect(registryRows(loaded)[0]![2]).toBe('Lee');
    expect(String(emu.sheet(TABS.creation)!.cell('R2').value)).toMatch(new RegExp(`^Changed since ${first.batchId}: Ready`));
    const second = ok(addon.exportCsv('creation'));
    expect(second.rows).toBe(1);
    ok(addon.confirmBatch(second.batchId, ''));
    expect(registryRows(loaded)[0]![2]).toBe('Lee-Park');
  });

  it('refuses a learner already in another open batch, naming it, in export, archive and reactivate', () => {
    const { emu, addon } = loaded;
    const first = ok(addon.exportCsv('creation'));
    // The same learner on the Archival tab while its creation batch is open.
    emu
      .sheet(TABS.archival)!
      .setValues('A2', [
        [
          'ana@sdsu.edu',
          'Lee',
          'Ana',
          'ana@sdsu.edu',
          '',
          'Archived',
          'California Community Partners',
          '',
          'Riverside County Community Partner',
        ],
      ]);
    const refused = notOk(addon.exportCsv('archival'));
    expect(refused.error.code).toBe('INVALID_ROWS');
    expect(refused.problems).toMatchObject([
      { row: 2, column: 'Email', message: expect.stringContaining(`ana@sdsu.edu is in ${first.batchId}`) },
    ]);
    ok(addon.confirmBatch(first.batchId, ''));
    const archived = ok(addon.archiveLearners(['ana@sdsu.edu']));
    expect(notOk(addon.reactivateLearners(['ana@sdsu.edu', 'bo@sdsu.edu'])).problems).toMatchObject([
      { message: `ana@sdsu.edu is already in ${archived.batchId}, which waits for its import log: record or cancel that batch first.` },
      { message: 'bo@sdsu.edu is already Active in the registry, so it was left out.' },
    ]);
    ok(addon.confirmBatch(archived.batchId, ''));
    const reactivating = ok(addon.reactivateLearners(['ana@sdsu.edu']));
    expect(notOk(addon.reactivateLearners(['ana@sdsu.edu'])).problems).toMatchObject([
      { message: expect.stringContaining(`ana@sdsu.edu is already in ${reactivating.batchId}`) },
    ]);
    expect(ok(addon.listBatches()).batches.map((b) => [b.kind, b.status])).toEqual([
      ['reactivation', 'open'],
      ['archival', 'confirmed'],
      ['creation', 'confirmed'],
    ]);
  });

  it('cancel: the rows are pending again, the registry untouched, the number never reused', () => {
    const { emu, addon } = loaded;
    const first = ok(addon.exportCsv('creation'));
    expect(ok(addon.cancelBatch(first.batchId))).toEqual({ ok: true, batchId: first.batchId, released: 2, removed: 0 });
    expect([stateOf(loaded, 'creation', 2), emu.sheet(TABS.creation)!.cell('R2').value]).toEqual(['', 'Ready']);
    expect(registryRows(loaded)).toEqual([]);
    expect(ok(addon.exportCsv('creation')).batchId).toBe(dayId(2));
    expect(ok(addon.getBatch(first.batchId)).batch.status).toBe('cancelled');
    expect(notOk(addon.cancelBatch('nope')).error.code).toBe('NO_BATCH');
  });

  it('done rows: never validated, exported, synced, projected twice or counted as duplicates', () => {
    const { emu, addon } = loaded;
    ok(addon.saveSettings({ county: 'Riverside', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: 3 }));
    const first = ok(addon.exportCsv('creation'));
    ok(addon.confirmBatch(first.batchId, ''));
    // The same learner again below the done row: no duplicate-email error, only the registry's warning.
    emu.sheet(TABS.creation)!.setValues('A4', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('cy@sdsu.edu', 'Cy', 'Ng')]);
    const validated = ok(addon.validateTab('creation'));
    expect(validated).toMatchObject({ rows: 2, ready: 2 });
    expect(validated.problems.map((p) => [p.row, p.severity, p.column])).toEqual([[4, 'warning', 'Email']]);
    // ana and bo are Active: the file adds cy (ana is already counted), 3 of a cap of 3.
    expect(ok(addon.exportCsv('creation'))).toMatchObject({ rows: 2, projectedBefore: 2, projectedActive: 3 });
    expect(ok(addon.syncRegistry())).toMatchObject({ added: 0, updated: 0, unchanged: 0 });
    expect(ok(addon.getSummary())).toMatchObject({ projectedActive: 3, available: 0, pending: { create: 2 }, openBatches: 1 });
  });
});

describe('the cap before the file leaves', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ settings: { activeCap: 2 } });
    loaded.emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        registryRow('old@sdsu.edu', 'Old', 'Timer', 'Active', '2026-01-10'),
        registryRow('gone@sdsu.edu', 'Gone', 'Away', 'Archived', '2026-01-10', '2026-06-01'),
        registryRow('kern@sdsu.edu', 'Kay', 'Kern', 'Active', '2026-01-10', '', 'Kern'),
      ]);
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
  });

  it('refuses a file over the cap with the numbers, and records nothing', () => {
    const { emu, addon } = loaded;
    const before = JSON.stringify(emu.toJSON());
    // Riverside: old is Active (kern is Kern's); the file adds ana and bo: 3, one over a cap of 2.
    const refused = notOk(addon.exportCsv('creation')) as unknown as Record<string, unknown> & { error: { code: string; message: string } };
    expect(refused).toMatchObject({ projectedBefore: 1, projectedActive: 3, activeCap: 2 });
    expect(refused.error).toEqual({
      code: 'OVER_CAP',
      message: "This file takes you to 3 Active accounts, 1 over the contract's 2. Archive learners first, or export anyway and say why.",
    });
    expect(notOk(addon.exportCsv('creation', { allowOverCap: true })).error.code).toBe('OVER_CAP');
    expect(notOk(addon.exportCsv('creation', { allowOverCap: true, overCapReason: '   ' })).error.code).toBe('OVER_CAP');
    expect(JSON.stringify(emu.toJSON())).toBe(before);
    // One learner fits.
    expect(ok(addon.exportCsv('creation', { rows: [2] }))).toMatchObject({ projectedBefore: 1, projectedActive: 2 });
  });

  it('exports anyway with a reason, kept with the batch and logged; the reactivation is checked the same way', () => {
    const { addon } = loaded;
    const result = ok(addon.exportCsv('creation', { allowOverCap: true, overCapReason: 'Court-ordered training, approved by CDSS' }));
    expect(result).toMatchObject({ projectedActive: 3, activeCap: 2 });
    expect(ok(addon.getBatch(result.batchId)).batch.overCapReason).toBe('Court-ordered training, approved by CDSS');
    expect(logRows(loaded)).toEqual([
      [
        'admin@county.ca.gov',
        'exported over cap',
        '',
        '3 Active after this file, 1 over the cap of 2. Reason: Court-ordered training, approved by CDSS',
        result.batchId,
        '',
      ],
    ]);
    // Reactivating gone@ would make 4: refused without a reason.
    const refused = notOk(addon.reactivateLearners(['gone@sdsu.edu'])) as unknown as { error: { code: string }; projectedActive: number };
    expect([refused.error.code, refused.projectedActive]).toEqual(['OVER_CAP', 4]);
    expect(ok(addon.reactivateLearners(['gone@sdsu.edu'], { allowOverCap: true, overCapReason: 'Returning mentor' }))).toMatchObject({
      projectedBefore: 3,
      projectedActive: 4,
    });
    expect(ok(addon.getSummary())).toMatchObject({ projectedActive: 4, available: -2, pending: { create: 2, reactivate: 1 } });
  });
});

describe('batches over time', () => {
  it('marks a batch open for more than 7 days stale', () => {
    const loaded = loadAddOn();
    ok(loaded.addon.setupTemplates());
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee')]);
    const { batchId } = ok(loaded.addon.exportCsv('creation'));
    // As if exported nine days ago.
    const nineDaysAgo = new Date(Date.now() - 9 * 86_400_000);
    loaded.emu
      .sheet(TABS.batches)!
      .setValues('C2', [[`'${new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(nineDaysAgo)}T08:00`]]);
    expect(ok(loaded.addon.listBatches()).batches).toMatchObject([{ batchId, stale: true }]);
    expect(ok(loaded.addon.getSummary())).toMatchObject({ openBatches: 1, staleBatches: 1 });
  });
});

describe('who did it', () => {
  it('asks for the one scope that gives the admin’s email, and nothing wider', async () => {
    const { readFileSync } = await import('node:fs');
    const manifest = JSON.parse(readFileSync('dist/appsscript.json', 'utf8')) as { oauthScopes: string[] };
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });
});
