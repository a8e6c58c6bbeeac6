import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, loadAddOn, notOk, ok, type Loaded } from './harness';

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
    loaded = loadAddOn({ activeUserEmail: 'pat.admin@sdcounty.ca.gov' });
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ county: 'San Diego', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: null }));
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

  it('archives the chosen learners: registry, Archival tab, log and the archival CSV', () => {
    const { emu, addon } = loaded;
    const result = ok(addon.archiveLearners(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']));
    const today = todayInLosAngeles();
    expect(result).toMatchObject({ archived: 2, problems: [], filename: `cacwt-archival-san-diego-${today}.csv` });
    expect(result.csv).toBe(
      'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID\r\n' +
        'ana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Archived,California Community Partners,,San Diego County Community Partner,,,,,,,,\r\n' +
        'Bo.Chu@SDSU.EDU,Chu,Bo,Bo.Chu@SDSU.EDU,,Archived,California Community Partners,,San Diego County Community Partner,,,,,,,,',
    );
    expect(statusOf(loaded)).toMatchObject({
      'ana@sdsu.edu': ['Archived', today],
      'Bo.Chu@SDSU.EDU': ['Archived', today],
      'gus@ucsd.edu': ['Active', ''],
    });
    const archival = emu
      .sheet(TABS.archival)!
      .values()
      .slice(1)
      .map((r) => r.slice(0, 17));
    expect(archival).toEqual([
      [
        'ana@sdsu.edu',
        'Lee',
        'Ana',
        'ana@sdsu.edu',
        '',
        'Archived',
        'California Community Partners',
        '',
        'San Diego County Community Partner',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        'Bo.Chu@SDSU.EDU',
        'Chu',
        'Bo',
        'Bo.Chu@SDSU.EDU',
        '',
        'Archived',
        'California Community Partners',
        '',
        'San Diego County Community Partner',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
    // Added by a script, so no onEdit fired: the rows are checked and marked all the same.
    expect([emu.sheet(TABS.archival)!.cell('R2').value, emu.sheet(TABS.archival)!.cell('R3').value]).toEqual(['Ready', 'Ready']);
    // The Archival tab now exports the same file.
    expect(ok(addon.exportCsv('archival')).csv).toBe(result.csv);
    const log = emu
      .sheet(TABS.log)!
      .values()
      .slice(1)
      .map((r) => r.slice(1, 5));
    expect(log).toEqual([
      ['pat.admin@sdcounty.ca.gov', 'archived', 'ana@sdsu.edu', `Status Active → Archived; ArchivedOn (blank) → ${today}`],
      ['pat.admin@sdcounty.ca.gov', 'archived', 'Bo.Chu@SDSU.EDU', `Status Active → Archived; ArchivedOn (blank) → ${today}`],
    ]);
  });

  it('reports unknown ids and still archives the rest', () => {
    const result = ok(loaded.addon.archiveLearners(['nobody@sdsu.edu', 'ana@sdsu.edu']));
    expect(result.archived).toBe(1);
    expect(result.problems).toMatchObject([
      { column: 'UserID', severity: 'error', message: expect.stringMatching(/nobody@sdsu\.edu is not in the registry/) },
    ]);
    expect(notOk(loaded.addon.archiveLearners(['nobody@sdsu.edu'])).error.code).toBe('BAD_ARGUMENT');
    expect(notOk(loaded.addon.archiveLearners('ana@sdsu.edu' as unknown as string[])).error.code).toBe('BAD_ARGUMENT');
  });

  it('can be repeated: the second run changes nothing and gives the same file', () => {
    const { emu, addon } = loaded;
    const first = ok(addon.archiveLearners(['ana@sdsu.edu']));
    const registry = JSON.stringify(emu.sheet(TABS.registry)!.values());
    const archivalRows = emu.sheet(TABS.archival)!.lastRow;
    const second = ok(addon.archiveLearners(['ana@sdsu.edu']));
    expect(second.archived).toBe(0);
    expect(second.csv).toBe(first.csv);
    expect(JSON.stringify(emu.sheet(TABS.registry)!.values())).toBe(registry);
    expect(emu.sheet(TABS.archival)!.lastRow).toBe(archivalRows);
  });

  it('reactivating the same batch restores the registry as it was', () => {
    const { addon } = loaded;
    const before = statusOf(loaded);
    ok(addon.archiveLearners(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']));
    const result = ok(addon.reactivateLearners(['ana@sdsu.edu', 'Bo.Chu@SDSU.EDU']));
    expect(result).toMatchObject({ reactivated: 2, filename: `cacwt-reactivation-san-diego-${todayInLosAngeles()}.csv` });
    expect(result.csv.split('\r\n')[1]).toBe(
      'ana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Active,California Community Partners,,San Diego County Community Partner,,,,,,,,',
    );
    expect(statusOf(loaded)).toEqual(before);
  });

  it('says another admin is working when the lock is held', () => {
    loaded.emu.setLockHeldElsewhere(true);
    expect(notOk(loaded.addon.archiveLearners(['ana@sdsu.edu'])).error.code).toBe('LOCKED');
    expect(statusOf(loaded)['ana@sdsu.edu']).toEqual(['Active', '']);
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
