import { describe, expect, it } from 'vitest';
import * as actions from '../../src/sidebar/actions';
import type { Server } from '../../src/sidebar/server';
import type { Problem } from '../../src/core/types';
import { always, serverAnswering } from './fakes';
import { learner } from '../fixtures';

const problem = (row: number, column: string, message: string, severity: Problem['severity'] = 'error'): Problem => ({
  tab: 'creation',
  row,
  column,
  severity,
  message,
});

describe('the typed google.script.run client', () => {
  it('calls the server function by name with its arguments and resolves with its result', async () => {
    const { server, calls } = serverAnswering(always({ value: { ok: true, tab: 'archival', rows: 0, ready: 0, problems: [] } }));
    expect(await server.validateTab('archival')).toEqual({ ok: true, tab: 'archival', rows: 0, ready: 0, problems: [] });
    expect(calls).toEqual([{ name: 'validateTab', args: ['archival'] }]);
  });

  it('keeps concurrent calls apart: each gets its own handlers', async () => {
    const { server } = serverAnswering((_name, args) => ({
      value: { ok: true, learners: [learner(`${String(args[0])}@x.org`, 'A', 'B')] },
    }));
    const [a, b] = await Promise.all([server.findLearners('ana'), server.findLearners('bo')]);
    expect([a, b].map((r) => r.ok && r.learners[0]!.email)).toEqual(['ana@x.org', 'bo@x.org']);
  });

  it("turns the failure handler's error into { ok: false } with Apps Script's reason", async () => {
    const { server } = serverAnswering(always({ error: new Error('Exceeded maximum execution time') }));
    expect(await server.syncRegistry()).toEqual({
      ok: false,
      error: {
        code: 'SCRIPT_ERROR',
        message: 'Apps Script did not finish (Exceeded maximum execution time). Check the tabs, then try again.',
      },
    });
  });
});

/** Every action, with the server function it calls. */
const ACTIONS: [string, (server: Server) => Promise<{ ok: boolean; notice: actions.Notice }>][] = [
  ['getSummary', (s) => actions.loadOverview(s)],
  ['setupTemplates', (s) => actions.setUpTemplates(s)],
  ['validateTab', (s) => actions.validate(s, 'creation')],
  ['exportCsv', (s) => actions.exportTab(s, 'creation')],
  ['syncRegistry', (s) => actions.sync(s)],
  ['previewArchiveByDomain', (s) => actions.previewDomain(s, 'sdsu.edu', false)],
  ['archiveLearners', (s) => actions.archive(s, ['ana@sdsu.edu'])],
  ['reactivateLearners', (s) => actions.reactivate(s, ['ana@sdsu.edu'])],
  ['findLearners', (s) => actions.find(s, 'ana')],
  ['getSettings', (s) => actions.loadSettings(s)],
  [
    'saveSettings',
    (s) => actions.saveSettings(s, { county: 'Kern', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: null }),
  ],
  ['selectCell', (s) => actions.goToProblem(s, problem(4, 'Email', 'x'))],
];

describe.each(ACTIONS)('%s', (name, act) => {
  it("shows the server's { ok: false } message as an error", async () => {
    const message = 'Another admin is syncing or archiving right now, so nothing was changed. Try again in a minute.';
    const { server, calls } = serverAnswering(always({ value: { ok: false, error: { code: 'LOCKED', message } } }));
    const outcome = await act(server);
    expect(calls.map((c) => c.name)).toEqual([name]);
    expect(outcome.ok).toBe(false);
    expect(outcome.notice).toMatchObject({ tone: 'error', text: message });
  });

  it('shows an Apps Script failure (a timeout) as an error', async () => {
    const { server } = serverAnswering(always({ error: new Error('Exceeded maximum execution time') }));
    const outcome = await act(server);
    expect(outcome.ok).toBe(false);
    expect(outcome.notice).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('Apps Script did not finish (Exceeded maximum execution time)'),
    });
  });
});

describe('actions on success', () => {
  it('overview: the counts, the cap meter, the projection and the open batches', async () => {
    const { server, calls } = serverAnswering((name) =>
      name === 'getSummary'
        ? {
            value: {
              ok: true,
              creation: { rows: 12, ready: 10, errors: 2 },
              archival: { rows: 4, ready: 4, errors: 0 },
              registry: { active: 91, archived: 40, activeByCounty: { 'Riverside County Community Partner': 91 } },
              activeCap: 100,
              registryProblems: [
                {
                  tab: 'registry',
                  row: 7,
                  column: 'Status',
                  severity: 'error',
                  message: 'dee@x.org: Status "Inactive" must be Active or Archived.',
                },
                {
                  tab: 'registry',
                  row: 9,
                  column: 'UserID',
                  severity: 'warning',
                  message: 'eve@x.org: UserID "e@x.org" differs from Email.',
                },
              ],
              pending: { create: 10, archive: 4, reactivate: 0 },
              openBatches: 2,
              staleBatches: 0,
              dueForArchival: 0,
              projectedActive: 97,
              available: 3,
            },
          }
        : {
            value: {
              ok: true,
              batches: [
                {
                  batchId: 'B-20261129-1',
                  kind: 'archival',
                  exported: '2026-11-29T09:00',
                  rows: 4,
                  filename: 'a.csv',
                  status: 'open',
                  stale: false,
                },
                {
                  batchId: 'B-20261128-2',
                  kind: 'creation',
                  exported: '2026-11-28T09:00',
                  rows: 10,
                  filename: 'c.csv',
                  status: 'open',
                  stale: false,
                },
              ],
            },
          },
    );
    const outcome = await actions.loadOverview(server, '2026-11-29');
    if (!outcome.ok) throw new Error(outcome.notice.text);
    expect(calls.map((c) => c.name)).toEqual(['getSummary', 'listBatches']);
    expect(outcome.overview).toMatchObject({ active: 91, archived: 40, creation: { rows: 12, ready: 10, errors: 2 } });
    // 91 of 100 is past 90 %: a warning; the open batches bring it to 97, 3 left.
    expect(outcome.overview.cap).toMatchObject({ level: 'warning', percent: 91, projected: 97, projectedLevel: 'warning', available: 3 });
    expect(outcome.overview.openBatches.map((b) => b.batchId)).toEqual(['B-20261128-2', 'B-20261129-1']);
    expect(outcome.notice).toMatchObject({ tone: 'warning', text: 'Near the cap: 91 Active accounts, of the 100 cap.' });
    // Nothing hidden (#10 item 9): the rows it cannot read, then those it read with a warning.
    expect(outcome.sections.map((s) => [s.title.split(' (')[0], s.problems.map((p) => p.row)])).toEqual([
      ['Registry rows the add-on cannot read', [7]],
      ['Registry rows to check', [9]],
    ]);
  });

  it('setup: names the tabs it created', async () => {
    const { server } = serverAnswering(always({ value: { ok: true, created: ['Learner Registry'], repaired: [] } }));
    expect((await actions.setUpTemplates(server)).notice.text).toBe('Set up: Learner Registry.');
  });

  it('validate: counts, and the problems grouped by row in row order', async () => {
    const problems = [
      problem(5, 'Email', 'bad email'),
      problem(3, 'LastName', 'LastName is required.'),
      problem(5, 'Password', 'weak'),
      problem(3, 'OrganizationName', 'left blank', 'warning'),
    ];
    const { server } = serverAnswering(always({ value: { ok: true, tab: 'creation', rows: 4, ready: 2, problems } }));
    const outcome = await actions.validate(server, 'creation');
    expect(outcome.notice.text).toBe(
      'Creation tab: 4 rows, 2 ready, 3 errors, 1 warning. Fix the errors before exporting: click one to go to its cell.',
    );
    expect(outcome.notice.tone).toBe('error');
    expect(outcome.notice.problems.map((g) => [g.row, g.problems.map((p) => p.column)])).toEqual([
      [3, ['LastName', 'OrganizationName']],
      [5, ['Email', 'Password']],
    ]);
  });

  it('validate: a clean tab is ready to export', async () => {
    const { server } = serverAnswering(always({ value: { ok: true, tab: 'archival', rows: 1, ready: 1, problems: [] } }));
    expect((await actions.validate(server, 'archival')).notice).toEqual({
      tone: 'success',
      text: 'Archival tab: 1 row, 1 ready, 0 errors, 0 warnings. Ready to export.',
      problems: [],
    });
  });

  it('export: the file to download, exactly as the server wrote it', async () => {
    const csv = 'UserID,LastName\r\nana@sdsu.edu,"King, Jr."';
    const filename = 'cacwt-creation-riverside-B-20261120-1.csv';
    const { server } = serverAnswering(
      always({
        value: {
          ok: true,
          tab: 'creation',
          rows: 1,
          filename,
          csv,
          batchId: 'B-20261120-1',
          projectedBefore: 1,
          projectedActive: 2,
          activeCap: null,
        },
      }),
    );
    const outcome = await actions.exportTab(server, 'creation');
    if (!outcome.ok) throw new Error(outcome.notice.text);
    expect(outcome.download).toEqual({ filename, csv });
    expect(outcome.notice.text).toBe(
      `Downloaded ${filename} (1 learner, batch B-20261120-1). Upload it in the LMS (Learners > Import CSV), then record the import log it emails you (Batches).`,
    );
  });

  it('export over the cap: the numbers for the dialog, and the reason passed on when the admin goes ahead', async () => {
    const overCap = {
      ok: false,
      error: {
        code: 'OVER_CAP',
        message:
          "This file takes you to 1,067 Active accounts, 1,007 over the contract's 60. Archive learners first, or export anyway and say why.",
      },
      projectedBefore: 55,
      projectedActive: 1067,
      activeCap: 60,
    };
    const { server, calls } = serverAnswering(always({ value: overCap }));
    const outcome = await actions.exportTab(server, 'creation');
    expect(outcome).toMatchObject({ ok: false, code: 'OVER_CAP', overCap: { projectedBefore: 55, projectedActive: 1067, activeCap: 60 } });
    await actions.exportTab(server, 'creation', { allowOverCap: true, overCapReason: 'Statewide training week' });
    expect(calls[1]!.args).toEqual(['creation', { allowOverCap: true, overCapReason: 'Statewide training week' }]);
  });

  it('recording the import log: the dry run’s verdicts, then the confirm with the decisions', async () => {
    const learners = [
      { email: 'ana@sdsu.edu', row: 2, verdict: 'applied', line: 'ana@sdsu.edu created' },
      { email: 'bo@sdsu.edu', row: 3, verdict: 'unclear', line: 'bo@sdsu.edu: already exists - updated' },
    ];
    const { server, calls } = serverAnswering((_name, args) =>
      (args[2] as { dryRun?: boolean }).dryRun
        ? { value: { ok: true, batchId: 'B-20261120-1', applied: 1, failed: 0, learners, dryRun: true } }
        : { value: { ok: true, batchId: 'B-20261120-1', applied: 1, failed: 1, learners, dryRun: false, conflicts: [] } },
    );
    const checked = await actions.checkLog(server, 'B-20261120-1', 'the log');
    expect(checked).toMatchObject({ ok: true, learners });
    expect(checked.notice.text).toBe('B-20261120-1: 1 imported, 0 failed, 1 to decide below. Nothing is recorded until you confirm.');
    const done = await actions.confirm(server, 'B-20261120-1', 'the log', '2026-11-21', { 'bo@sdsu.edu': 'failed' });
    expect(calls[1]!.args).toEqual(['B-20261120-1', 'the log', { uploadedOn: '2026-11-21', decisions: { 'bo@sdsu.edu': 'failed' } }]);
    expect(done.notice).toMatchObject({
      tone: 'warning',
      text: "B-20261120-1 recorded: 1 learner in the registry, effective 2026-11-21; 1 failed stay on the tab with the log's words until you fix them.",
    });
  });

  it('export: refused with the problem list while errors stand', async () => {
    const { server } = serverAnswering(
      always({
        value: {
          ok: false,
          error: { code: 'INVALID_ROWS', message: 'Not exported: 1 problem on 1 row must be fixed first.' },
          problems: [problem(2, 'Email', 'bad')],
        },
      }),
    );
    const outcome = await actions.exportTab(server, 'creation');
    expect(outcome.ok).toBe(false);
    expect(outcome.notice.problems).toEqual([{ row: 2, problems: [problem(2, 'Email', 'bad')] }]);
  });

  it('sync: every count, and each non-empty list', async () => {
    const conflict = problem(4, 'EmployeeType', 'dee@kern.org is under Kern County');
    const { server } = serverAnswering(
      always({
        value: {
          ok: true,
          added: 1,
          updated: 2,
          reactivated: 3,
          archived: 4,
          unchanged: 5,
          skipped: [],
          conflicts: [conflict],
          possibleDuplicates: [],
          registryProblems: [],
        },
      }),
    );
    const outcome = await actions.sync(server, 'creation');
    if (!outcome.ok) throw new Error(outcome.notice.text);
    expect(outcome.notice).toMatchObject({
      tone: 'warning',
      text: 'Registry synced: 1 added, 2 updated, 3 reactivated, 4 archived, 5 unchanged, 0 skipped, 1 conflict, 0 possible duplicates.',
    });
    expect(outcome.sections).toEqual([{ title: 'Conflicts (not changed)', problems: [conflict] }]);
  });

  it('sync: registry rows the add-on cannot read are listed too', async () => {
    const broken: Problem = {
      tab: 'registry',
      row: 9,
      column: 'Status',
      severity: 'error',
      message: 'Status "Actve" must be Active or Archived.',
    };
    const { server } = serverAnswering(
      always({
        value: {
          ok: true,
          added: 0,
          updated: 0,
          reactivated: 0,
          archived: 0,
          unchanged: 2,
          skipped: [],
          conflicts: [],
          possibleDuplicates: [],
          registryProblems: [broken],
        },
      }),
    );
    const outcome = await actions.sync(server);
    if (!outcome.ok) throw new Error(outcome.notice.text);
    expect(outcome.sections).toEqual([
      { title: expect.stringMatching(/^Registry rows the add-on cannot read/), problems: [broken], limit: 10 },
    ]);
  });

  it('preview by domain: the learners, and the options sent', async () => {
    const { server, calls } = serverAnswering(
      always({
        value: {
          ok: true,
          domain: 'sdsu.edu',
          learners: [learner('ana@sdsu.edu', 'Ana', 'Lee'), learner('bo@mail.sdsu.edu', 'Bo', 'Chu')],
          registryProblems: [],
        },
      }),
    );
    const outcome = await actions.previewDomain(server, '@SDSU.edu', true);
    expect(calls[0]).toEqual({ name: 'previewArchiveByDomain', args: ['@SDSU.edu', { includeSubdomains: true }] });
    expect(outcome.ok && outcome.learners.map((l) => l.email)).toEqual(['ana@sdsu.edu', 'bo@mail.sdsu.edu']);
    expect(outcome.notice.text).toBe('2 Active learners at sdsu.edu and its sub-domains. Untick anyone to keep.');
  });

  it('archive: the batch to undo, the archival file, and the ids the registry did not know', async () => {
    const unknown: Problem = {
      tab: 'registry',
      row: 0,
      column: 'UserID',
      severity: 'error',
      message: 'zed@sdsu.edu is not in the registry, so it was not archived.',
    };
    const { server } = serverAnswering(
      always({
        value: {
          ok: true,
          batchId: 'B-20261120-1',
          rows: 2,
          filename: 'cacwt-archival-riverside-B-20261120-1.csv',
          csv: 'x',
          problems: [unknown],
        },
      }),
    );
    const outcome = await actions.archive(server, ['ana@sdsu.edu', 'bo@sdsu.edu', 'zed@sdsu.edu']);
    if (!outcome.ok) throw new Error(outcome.notice.text);
    expect(outcome.batchId).toBe('B-20261120-1');
    expect(outcome.download.filename).toBe('cacwt-archival-riverside-B-20261120-1.csv');
    expect(outcome.notice).toMatchObject({
      tone: 'warning',
      text: '2 learners added to the Archival tab as B-20261120-1. Downloaded cacwt-archival-riverside-B-20261120-1.csv: upload it in the LMS, then record its import log under Open batches.',
    });
    expect(outcome.notice.problems).toEqual([{ row: 0, problems: [unknown] }]);
  });

  it('reactivate: the reactivation file', async () => {
    const { server, calls } = serverAnswering(
      always({
        value: {
          ok: true,
          batchId: 'B-20261120-2',
          rows: 2,
          filename: 'cacwt-reactivation-riverside-B-20261120-2.csv',
          csv: 'y',
          problems: [],
          projectedBefore: 10,
          projectedActive: 12,
          activeCap: 60,
        },
      }),
    );
    const outcome = await actions.reactivate(server, ['a@x.org', 'c@x.org']);
    expect(calls[0]!.args).toEqual([['a@x.org', 'c@x.org']]);
    expect(outcome.ok && outcome.download).toEqual({ filename: 'cacwt-reactivation-riverside-B-20261120-2.csv', csv: 'y' });
    expect(outcome.notice.text).toBe(
      '2 learners to reactivate in B-20261120-2. Downloaded cacwt-reactivation-riverside-B-20261120-2.csv: upload it in the LMS, then record its import log under Open batches.',
    );
  });

  it('find: says when the list is cut at 50, and asks for a query before calling the server', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => learner(`p${i}@x.org`, 'Ana', 'Lee'));
    const { server, calls } = serverAnswering(always({ value: { ok: true, learners: fifty, registryProblems: [] } }));
    expect((await actions.find(server, ' ana ')).notice.text).toBe('Showing the first 50 matches: type more to narrow the search.');
    expect(await actions.find(server, '   ')).toMatchObject({ ok: false, notice: { text: 'Type part of a name or an email to search.' } });
    expect(calls).toHaveLength(1);
  });

  it('settings: loaded, saved, and bad fields named beside each field', async () => {
    const settings = { county: 'Kern', temporaryPassword: 'Kern2026!x', dateFormat: 'M/D/YYYY' as const, activeCap: 120 };
    const good = serverAnswering(always({ value: { ok: true, settings } }));
    expect(await actions.loadSettings(good.server)).toMatchObject({ ok: true, settings });
    expect(await actions.saveSettings(good.server, settings)).toMatchObject({
      ok: true,
      settings,
      fields: {},
      notice: { text: 'Settings saved.' },
    });

    const bad = serverAnswering(
      always({
        value: {
          ok: false,
          error: { code: 'BAD_SETTINGS', message: 'Some settings need fixing; nothing was saved.' },
          problems: [
            { tab: 'settings', row: 0, column: 'county', severity: 'error', message: 'pick your county' },
            { tab: 'settings', row: 0, column: 'activeCap', severity: 'error', message: 'a whole number' },
          ],
        },
      }),
    );
    const outcome = await actions.saveSettings(bad.server, { ...settings, county: 'Gotham' });
    expect(outcome.fields).toEqual({ county: 'pick your county', activeCap: 'a whole number' });
    expect(outcome.notice).toEqual({ tone: 'error', text: 'Some settings need fixing; nothing was saved.', problems: [] });
  });

  it("go to a problem: selects the problem's cell", async () => {
    const { server, calls } = serverAnswering(always({ value: { ok: true } }));
    expect((await actions.goToProblem(server, { ...problem(7, 'Email', 'bad'), tab: 'archival' })).ok).toBe(true);
    expect(calls).toEqual([{ name: 'selectCell', args: ['archival', 7, 'Email'] }]);
  });
});
