import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, loadAddOn, loadSetUp, notOk, ok, type Loaded } from './harness';

function todayInLosAngeles(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
}

function registryRow(
  email: string,
  first: string,
  last: string,
  status: string,
  archivedOn = '',
  affiliation = 'California Community Partners',
): string[] {
  return [email, first, last, email, 'San Diego County Community Partner', affiliation, status, '2026-02-03', archivedOn];
}

const REGISTRY = [
  registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active'),
  registryRow('Bo.Chu@SDSU.EDU', 'Bo', 'Chu', 'Active'),
  registryRow('cy@notsdsu.edu', 'Cy', 'Ng', 'Active'),
  registryRow('dee@mail.sdsu.edu', 'Dee', 'Park', 'Active'),
  registryRow('eve@sdsu.edu', 'Eve', 'Stone', 'Archived', '2026-05-01'),
  registryRow('fay@sdsu.edu', 'Fay', 'Ortiz', 'Active', '', 'County Staff'),
  registryRow('gus@ucsd.edu', 'Gus', 'Ruiz', 'Active'),
];

function statusOf(loaded: Loaded): Record<string, [string, string]> {
  const rows = loaded.emu.sheet(TABS.registry)!.values().slice(1);
  return Object.fromEntries(
    rows.map((r) => [
      String(r[0]),
      [String(r[6]), r[8] === '' ? '' : new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(r[8] as Date)],
    ]),
  );
}

describe('archive by domain', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ activeUserEmail: 'pat.admin@sdcounty.ca.gov', settings: { county: 'San Diego' } });
    loaded.emu.sheet(TABS.registry)!.setValues('A2', REGISTRY);
  });

  const emails = (result: { learners: { email: string }[] }) => result.learners.map((l) => l.email);

  it('previews the Active partner accounts of exactly that domain, whatever its case', () => {
    const { addon } = loaded;
    expect(emails(ok(addon.previewArchiveByDomain('sdsu.edu')))).toEqual(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']);
    expect(ok(addon.previewArchiveByDomain('  @SDSU.edu'))).toMatchObject({ domain: 'sdsu.edu' });
    expect(emails(ok(addon.previewArchiveByDomain('@SDSU.edu')))).toEqual(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']);
    expect(emails(ok(addon.previewArchiveByDomain('sdsu.edu', { includeSubdomains: true })))).toEqual([
      'ana@sdsu.edu',
      'Bo.Chu@SDSU.EDU',
      'dee@mail.sdsu.edu',
    ]);
    expect(ok(addon.previewArchiveByDomain('sdsu.edu')).learners[0]).toEqual({
      userId: 'ana@sdsu.edu',
      firstName: 'Ana',
      lastName: 'Lee',
      email: 'ana@sdsu.edu',
      employeeType: 'San Diego County Community Partner',
      affiliation: 'California Community Partners',
      status: 'Active',
      dateHire: '2026-02-03',
      archivedOn: '',
      activityEnds: '',
      openBatch: '',
    });
  });

  it('refuses a malformed domain', () => {
    for (const bad of ['', 'sdsu', 'ana@sdsu.edu', 'sd su.edu', '*.sdsu.edu']) {
      expect(notOk(loaded.addon.previewArchiveByDomain(bad)).error, bad).toMatchObject({
        code: 'BAD_DOMAIN',
        message: expect.stringMatching(/like sdsu\.edu/),
      });
    }
  });

  it('opens an archival batch: the Archival tab gets the learners stamped with it, the registry waits for the log', () => {
    const { emu, addon } = loaded;
    const before = statusOf(loaded);
    const result = ok(addon.archiveLearners(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']));
    const id = `B-${todayInLosAngeles().replace(/-/g, '')}-1`;
    expect(result).toMatchObject({ batchId: id, rows: 2, problems: [], filename: `cacwt-archival-san-diego-${id}.csv` });
    expect(result.csv).toBe(
      'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID\r\n' +
        'ana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Archived,California Community Partners,,San Diego County Community Partner,,,,,,,,\r\n' +
        'Bo.Chu@SDSU.EDU,Chu,Bo,Bo.Chu@SDSU.EDU,,Archived,California Community Partners,,San Diego County Community Partner,,,,,,,,',
    );
    // Nothing in the registry or the log until the LMS's import log is recorded.
    expect(statusOf(loaded)).toEqual(before);
    expect(emu.sheet(TABS.log)!.lastRow).toBe(1);
    const archival = emu.sheet(TABS.archival)!;
    expect(
      archival
        .values()
        .slice(1)
        .map((r) => [r[0], r[5], r[17], r[18]]),
    ).toEqual([
      ['ana@sdsu.edu', 'Archived', `In ${id}: waiting for the import log`, `open ${id} added`],
      ['Bo.Chu@SDSU.EDU', 'Archived', `In ${id}: waiting for the import log`, `open ${id} added`],
    ]);
    // The preview shows them as in the open batch, and a second archive refuses them, naming it.
    expect(ok(addon.previewArchiveByDomain('sdsu.edu')).learners.map((l) => [l.email, l.openBatch])).toEqual([
      ['ana@sdsu.edu', id],
      ['Bo.Chu@SDSU.EDU', id],
    ]);
    const again = notOk(addon.archiveLearners(['ana@sdsu.edu']));
    expect(again.error.code).toBe('BAD_ARGUMENT');
    expect(again.problems).toMatchObject([{ message: expect.stringContaining(`ana@sdsu.edu is already in ${id}`) }]);
    // Confirmed: now the registry and the log change, effective the day it was uploaded.
    ok(addon.confirmBatch(id, '', { uploadedOn: '2026-11-27' }));
    expect(statusOf(loaded)).toMatchObject({
      'ana@sdsu.edu': ['Archived', '2026-11-27'],
      'Bo.Chu@SDSU.EDU': ['Archived', '2026-11-27'],
      'gus@ucsd.edu': ['Active', ''],
    });
    const log = emu
      .sheet(TABS.log)!
      .values()
      .slice(1)
      .map((r) => r.slice(1));
    expect(log).toEqual([
      [
        'pat.admin@sdcounty.ca.gov',
        'archived',
        'ana@sdsu.edu',
        'Status Active → Archived; ArchivedOn (blank) → 2026-11-27',
        id,
        '2026-11-27',
      ],
      [
        'pat.admin@sdcounty.ca.gov',
        'archived',
        'Bo.Chu@SDSU.EDU',
        'Status Active → Archived; ArchivedOn (blank) → 2026-11-27',
        id,
        '2026-11-27',
      ],
    ]);
    expect(archival.cell('R2').value).toBe(`Done: 2026-11-27, ${id}`);
  });

  it('reports unknown ids and learners already Archived, and still archives the rest', () => {
    const result = ok(loaded.addon.archiveLearners(['nobody@sdsu.edu', 'ana@sdsu.edu', 'eve@sdsu.edu']));
    expect(result.rows).toBe(1);
    expect(result.problems).toMatchObject([
      { column: 'UserID', severity: 'error', message: expect.stringMatching(/nobody@sdsu\.edu is not in the registry/) },
      { column: 'Status', severity: 'error', message: expect.stringMatching(/eve@sdsu\.edu is already Archived/) },
    ]);
    expect(notOk(loaded.addon.archiveLearners(['nobody@sdsu.edu'])).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(loaded.addon.archiveLearners('ana@sdsu.edu' as unknown as string[])).error.code).toBe('BAD_ARGUMENT');
  });

  it('archive by domain, then Undo before upload (cancel): the Archival tab and the registry are as before', () => {
    const { emu, addon } = loaded;
    emu
      .sheet(TABS.archival)!
      .setValues('A2', [
        [
          'gus@ucsd.edu',
          'Ruiz',
          'Gus',
          'gus@ucsd.edu',
          '',
          'Archived',
          'California Community Partners',
          '',
          'San Diego County Community Partner',
        ],
      ]);
    addon.onEdit(emu.editEvent(TABS.archival, 'A2:I2') as never);
    const before = JSON.stringify(emu.toJSON().sheets.filter((s) => s.name === TABS.archival || s.name === TABS.registry));
    const archived = ok(addon.archiveLearners(ok(addon.previewArchiveByDomain('sdsu.edu')).learners.map((l) => l.userId)));
    expect(emu.sheet(TABS.archival)!.lastRow).toBe(4);
    expect(ok(addon.cancelBatch(archived.batchId))).toEqual({ ok: true, batchId: archived.batchId, released: 0, removed: 2 });
    expect(JSON.stringify(emu.toJSON().sheets.filter((s) => s.name === TABS.archival || s.name === TABS.registry))).toBe(before);
    expect(ok(addon.getBatch(archived.batchId)).batch.status).toBe('cancelled');
    expect(notOk(addon.cancelBatch(archived.batchId)).error.code).toBe('BATCH_CLOSED');
    // Cancelled learners are free again: a new archive takes them, with the next number.
    expect(ok(addon.archiveLearners(['ana@sdsu.edu'])).batchId).toBe(`B-${todayInLosAngeles().replace(/-/g, '')}-2`);
  });

  it('archive, confirm, then reactivate (a batch with no template rows), confirm: the registry is Active again', () => {
    const { emu, addon } = loaded;
    const archived = ok(addon.archiveLearners(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']));
    ok(addon.confirmBatch(archived.batchId, '', { uploadedOn: '2026-11-27' }));
    const archivalRows = emu.sheet(TABS.archival)!.lastRow;
    const result = ok(addon.reactivateLearners(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']));
    const id = `B-${todayInLosAngeles().replace(/-/g, '')}-2`;
    // San Diego's Active learners: ana, Bo, cy, dee, fay (County Staff still counts), gus = 6; the
    // archive took ana and Bo (4); this file brings them back (6).
    expect(result).toMatchObject({
      batchId: id,
      rows: 2,
      filename: `cacwt-reactivation-san-diego-${id}.csv`,
      projectedBefore: 4,
      projectedActive: 6,
      activeCap: null,
    });
    expect(result.csv.split('\r\n')[1]).toBe(
      'ana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Active,California Community Partners,,San Diego County Community Partner,,,,,,,,',
    );
    expect(emu.sheet(TABS.archival)!.lastRow).toBe(archivalRows);
    expect(ok(addon.findLearners('ana@')).learners[0]).toMatchObject({ status: 'Archived', openBatch: id });
    ok(addon.confirmBatch(id, '', { uploadedOn: '2026-11-28' }));
    expect(statusOf(loaded)).toMatchObject({ 'ana@sdsu.edu': ['Active', ''], 'Bo.Chu@SDSU.EDU': ['Active', ''] });
    expect(ok(addon.getSummary())).toMatchObject({ openBatches: 0, pending: { create: 0, archive: 0, reactivate: 0 } });
  });

  it('says another admin is working when the lock is held', () => {
    loaded.emu.setLockHeldElsewhere(true);
    expect(notOk(loaded.addon.archiveLearners(['ana@sdsu.edu'])).error.code).toBe('LOCKED');
    expect(loaded.emu.sheet(TABS.archival)!.lastRow).toBe(1);
  });

  it('makes the same Sheets calls with 10 or 10,000 learners in the registry', () => {
    const callsFor = (n: number) => {
      const run = loadAddOn();
      ok(run.addon.setupTemplates());
      run.emu.sheet(TABS.registry)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) => registryRow(`p${i}@${i % 2 ? 'sdsu.edu' : 'ucsd.edu'}`, 'Pat', 'Doe', 'Active')),
      );
      run.emu.counter.reset();
      const preview = ok(run.addon.previewArchiveByDomain('sdsu.edu'));
      expect(preview.learners).toHaveLength(n / 2);
      const previewCalls = { ...run.emu.counter.byMethod };
      run.emu.counter.reset();
      ok(run.addon.archiveLearners(preview.learners.map((l) => l.userId)));
      return { previewCalls, archiveCalls: { ...run.emu.counter.byMethod } };
    };
    const small = callsFor(10);
    const large = callsFor(10_000);
    expect(large.previewCalls).toEqual(small.previewCalls);
    // 5,000 archived learners outgrow the Archival tab's and the log's 1,000 rows: one insertRowsAfter each.
    expect(large.archiveCalls['Sheet.insertRowsAfter']).toBe(2);
    delete large.archiveCalls['Sheet.insertRowsAfter'];
    expect(large.archiveCalls).toEqual(small.archiveCalls);
  });
});
