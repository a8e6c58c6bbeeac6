import { describe, expect, it } from 'vitest';
import * as files from '../../src/sidebar/filesIn';
import { serverAnswering } from './fakes';
import { learner } from '../fixtures';

const RECONCILED = {
  ok: true,
  compared: 4,
  statuses: ['Active'],
  onlyInLms: [learner('hal@x.org', 'Ana', 'Lee', { employeeType: '' })],
  onlyInRegistry: [learner('fay@x.org', 'Ana', 'Lee')],
  statusDiffers: [],
  detailsDiffer: [],
  elsewhere: [{ learner: learner('dee@x.org', 'Ana', 'Lee'), lmsEmployeeType: 'Orange County Community Partner' }],
  batchesSeen: [{ batchId: 'B-20261120-1', learners: ['kim@x.org', 'lu@x.org'] }],
  ignored: 2,
  registryProblems: [],
};

describe('loading a file from the sidebar', () => {
  it('shows the file columns that load in template order, then those left out, and sends the choices back whole', () => {
    const rows = files.mappingRows({ Email: 'E-mail', UserID: 'User ID' }, ['Notes']);
    expect(rows).toEqual([
      { fileHeader: 'User ID', target: 'UserID' },
      { fileHeader: 'E-mail', target: 'Email' },
      { fileHeader: 'Notes', target: '' },
    ]);
    (rows[0] as files.MappingRow).target = '';
    (rows[2] as files.MappingRow).target = 'OrganizationName';
    const mapping = files.mappingOf(rows);
    expect(Object.keys(mapping)).toHaveLength(17);
    expect(mapping).toMatchObject({ UserID: '', Email: 'E-mail', OrganizationName: 'Notes', LastName: '' });
  });

  it('previews with dryRun, then loads with the same options, and says which rows were skipped', async () => {
    const skipped = [
      {
        tab: 'archival',
        row: 4,
        column: 'Email',
        severity: 'warning',
        message: 'bo@x.org is already on row 4 of this tab, so row 3 of the file was not loaded.',
      },
    ];
    const answer = {
      ok: true,
      tab: 'archival',
      added: 2,
      firstRow: 9,
      lastRow: 10,
      columns: { Email: 'Email' },
      ignoredColumns: ['Password'],
      skipped,
    };
    const { server, calls } = serverAnswering(() => ({ value: answer }));
    const preview = await files.previewLoad(server, 'archival', 'Email\r\na@x.org', { asArchival: true });
    expect(preview.ok && preview.preview).toEqual({
      added: 2,
      mapping: [
        { fileHeader: 'Email', target: 'Email' },
        { fileHeader: 'Password', target: '' },
      ],
      skipped,
    });
    expect(preview.notice.text).toBe(
      '2 rows to load onto the Archival tab; 1 row already on the tab will be skipped. Check where each column of the file goes, then Load.',
    );
    const loaded = await files.load(server, 'archival', 'Email\r\na@x.org', { asArchival: true });
    expect(loaded.notice).toMatchObject({
      tone: 'warning',
      text: 'Loaded 2 rows onto the Archival tab (rows 9–10), checked and marked: Validate lists what to fix. 1 row already on the tab was skipped.',
    });
    expect(calls.map((c) => c.args[2])).toEqual([{ asArchival: true, dryRun: true }, { asArchival: true }]);
  });

  it('refuses a file over 5 MB before sending it', () => {
    expect(files.tooLarge(5 * 1024 * 1024)).toBeNull();
    expect(files.tooLarge(5 * 1024 * 1024 + 1)?.notice.text).toContain('larger than 5 MB');
  });

  it("shows the server's BAD_FILE as the admin's next step", async () => {
    const { server } = serverAnswering(() => ({
      value: { ok: false, error: { code: 'BAD_FILE', message: 'The file is not saved as UTF-8. Nothing was loaded.' } },
    }));
    expect(await files.previewLoad(server, 'creation', 'x', { asArchival: false })).toMatchObject({
      ok: false,
      code: 'BAD_FILE',
      notice: { tone: 'error', text: 'The file is not saved as UTF-8. Nothing was loaded.' },
    });
  });
});

describe('comparing with an LMS export from the sidebar', () => {
  it('lists each difference with what it means, and says which can be taken', async () => {
    const { server, calls } = serverAnswering(() => ({ value: RECONCILED }));
    const outcome = await files.compareLms(server, { sheet: 'LMS learners' });
    expect(calls[0]).toEqual({ name: 'reconcileLms', args: [{ sheet: 'LMS learners' }] });
    if (!outcome.ok) throw new Error('expected ok');
    expect(outcome.sections.map((s) => [s.title, s.items.map((i) => [i.email, i.detail, i.blocked !== ''])])).toEqual([
      ['Only in the LMS', [['hal@x.org', 'Active in the LMS', true]]],
      ['Held by another county in the LMS', [['dee@x.org', 'LMS: Orange County Community Partner', false]]],
      ['Only in the registry', [['fay@x.org', 'Active in the registry', true]]],
    ]);
    expect(outcome.sections[2]?.hint).toContain('most likely their import failed');
    expect(outcome.notice.text).toBe(
      "Compared 4 of your county's learners (Active statuses in the file); 3 differences below; 2 rows of other counties or unreadable ignored. The LMS already shows 2 learners of open batch B-20261120-1 as uploaded: you can confirm that batch.",
    );
  });

  it('takes the ticked learners with the date it happened and the file name', async () => {
    const { server, calls } = serverAnswering(() => ({ value: { ok: true, changed: 2, problems: [] } }));
    const outcome = await files.takeLms(server, 'csv text', ['a@x.org', 'b@x.org'], '2026-11-02', 'learners.csv');
    expect(calls[0]).toEqual({
      name: 'applyLms',
      args: ['csv text', ['a@x.org', 'b@x.org'], { asOf: '2026-11-02', fileName: 'learners.csv' }],
    });
    expect(outcome.notice.text).toBe(
      "The registry took the LMS's values for 2 learners, effective 2026-11-02; each change is in the Registry Log.",
    );
  });

  it('puts learners only in the registry back on the Creation tab as a file of them, loaded like any file', async () => {
    const { server, calls } = serverAnswering(() => ({
      value: { ok: true, tab: 'creation', added: 1, firstRow: 5, lastRow: 5, columns: {}, ignoredColumns: [], skipped: [] },
    }));
    await files.putBack(server, [learner('fay@x.org', 'Ana', 'Lee', { lastName: 'King, Jr.' })]);
    expect(calls[0]?.name).toBe('importCsv');
    expect(calls[0]?.args.slice(0, 2)).toEqual([
      'creation',
      'UserID,LastName,FirstName,Email,Affiliation,EmployeeType,DateHire\r\nfay@x.org,"King, Jr.",Ana,fay@x.org,California Community Partners,Riverside County Community Partner,2026-01-10',
    ]);
  });
});
