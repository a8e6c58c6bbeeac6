import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadCsv, runBusy } from '../../src/sidebar/dom';
import { capLevel, capView, openBatchViews, registrySections } from '../../src/sidebar/model';
import { learnerCard, learnerChecklist, learnerResults, problemList, syncSections } from '../../src/sidebar/render';
import type { Problem } from '../../src/core/types';
import { FakeElement, installFakeDocument } from './fakes';
import { learner } from '../fixtures';

const none = { create: 0, archive: 0, reactivate: 0 };

describe('the Active-account cap', () => {
  it('warns from 90 % of the cap and alarms only above it', () => {
    expect([89, 90, 100, 101].map((active) => capLevel(active, 100))).toEqual(['ok', 'warning', 'warning', 'alarm']);
    expect(capLevel(5000, null)).toBe('none');
  });

  it('shows the server’s projection after the open batches, what they change, and what is left', () => {
    const view = capView(280, 300, 302, { create: 25, archive: 3, reactivate: 0 });
    // 280 is past 90 % of 300 (270): a warning now; 302 after the open batches is over the cap.
    expect(view).toMatchObject({ level: 'warning', percent: 93, projected: 302, projectedLevel: 'alarm', available: -2 });
    expect(view.projectedText).toBe(
      'Once the open batches are recorded: 302 Active (+25 being created, −3 being archived). 2 over the cap.',
    );
    expect(capView(50, 60, 50, none).projectedText).toBe('Once the open batches are recorded: 50 Active. 10 available.');
  });

  it('lists open batches stale first, then the oldest, with their age', () => {
    const batch = (batchId: string, exported: string, stale: boolean, status = 'open') => ({
      batchId,
      kind: 'creation',
      exported,
      rows: 2,
      filename: `${batchId}.csv`,
      status,
      stale,
    });
    const views = openBatchViews(
      [
        batch('B-20261128-1', '2026-11-28T10:00', false),
        batch('B-20261110-1', '2026-11-10T10:00', true),
        batch('B-20261127-1', '2026-11-27T10:00', false),
        batch('B-20261101-1', '2026-11-01T10:00', false, 'confirmed'),
      ],
      '2026-11-29',
    );
    expect(views.map((v) => [v.batchId, v.age])).toEqual([
      ['B-20261110-1', 19],
      ['B-20261127-1', 2],
      ['B-20261128-1', 1],
    ]);
    expect(views[0]!.label).toBe('B-20261110-1: creation, 2 learners, exported 19 days ago, stale: record its import log');
    expect(views[2]!.label).toBe('B-20261128-1: creation, 2 learners, exported 1 day ago, waiting for its import log');
  });

  it('says how far over the cap, and fills the meter no further than full', () => {
    expect(capView(330, 300, 330, none)).toMatchObject({
      level: 'alarm',
      percent: 100,
      text: '330 Active accounts, of the 300 cap: 30 over.',
    });
    expect(capView(1, null, 1, none)).toMatchObject({ level: 'none', percent: 0, text: '1 Active account, no cap set (Settings).' });
  });
});

describe('a busy button', () => {
  it('says what it is doing, cannot start a second run, and comes back after', async () => {
    const button = new FakeElement('button');
    button.textContent = 'Export CSV';
    let finish = (): void => undefined;
    let runs = 0;
    const task = () =>
      new Promise<void>((resolve) => {
        runs += 1;
        finish = resolve;
      });
    const first = runBusy(button, 'Exporting…', task);
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    expect([button.textContent, button.disabled, button.getAttribute('aria-disabled'), button.getAttribute('aria-busy')]).toEqual([
      'Exporting…',
      false,
      'true',
      'true',
    ]);
    await runBusy(button, 'Exporting…', task); // a double click
    expect(runs).toBe(1);
    finish();
    await first;
    expect([button.textContent, button.getAttribute('aria-disabled'), button.getAttribute('aria-busy')]).toEqual([
      'Export CSV',
      null,
      null,
    ]);
  });

  it('comes back even when the task throws', async () => {
    const button = new FakeElement('button');
    button.textContent = 'Sync to registry';
    await expect(runBusy(button, 'Syncing…', () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    expect([button.textContent, button.getAttribute('aria-disabled'), button.getAttribute('aria-busy')]).toEqual([
      'Sync to registry',
      null,
      null,
    ]);
  });
});

describe('the page, built from data', () => {
  let dom: ReturnType<typeof installFakeDocument>;
  beforeEach(() => {
    dom = installFakeDocument();
  });
  afterEach(() => {
    dom.uninstall();
    vi.restoreAllMocks();
  });

  const hostile = learner('x@evil.org', '<img src=x onerror=alert(1)>', '<b>Lee</b>', { status: 'Archived', archivedOn: '2026-06-30' });

  it('shows a learner named like HTML as text, in both learner lists', () => {
    for (const list of [
      learnerChecklist([hostile], new Set(), () => undefined),
      learnerResults([hostile], () => undefined),
    ] as unknown as FakeElement[]) {
      expect(list.textContent).toContain('<img src=x onerror=alert(1)> <b>Lee</b>');
      expect(list.descendants().map((e) => e.tagName)).not.toContain('img');
      expect(list.descendants().map((e) => e.tagName)).not.toContain('b');
    }
    expect(dom.created.map((e) => e.tagName)).not.toContain('img');
  });

  it('shows each learner with email, county and since when, and a labelled checkbox', () => {
    const active = {
      ...hostile,
      firstName: 'Ana',
      lastName: 'Lee',
      email: 'ana@sdsu.edu',
      userId: 'ana@sdsu.edu',
      status: 'Active' as const,
      archivedOn: '',
    };
    const toggled: [string, boolean][] = [];
    const list = learnerChecklist([active], new Set(['ana@sdsu.edu']), (id, checked) =>
      toggled.push([id, checked]),
    ) as unknown as FakeElement;
    expect(list.textContent).toBe('Ana Leeana@sdsu.eduRiverside · Active since 2026-01-10');
    const [box, label] = list.descendants().filter((e) => e.tagName === 'input' || e.tagName === 'label');
    expect(box!.checked).toBe(true);
    expect(label!.getAttribute('for')).toBe(box!.id);
    box!.checked = false;
    box!.dispatch('change');
    expect(toggled).toEqual([['ana@sdsu.edu', false]]);
  });

  it('offers Reactivate for an archived learner only', () => {
    const active = { ...hostile, userId: 'a@x.org', email: 'a@x.org', status: 'Active' as const };
    const chosen: string[] = [];
    const list = learnerResults([active, hostile], (l) => chosen.push(l.userId)) as unknown as FakeElement;
    const buttons = list.descendants().filter((e) => e.tagName === 'button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Reactivate <img src=x onerror=alert(1)> <b>Lee</b>']);
    buttons[0]!.click();
    expect(chosen).toEqual(['x@evil.org']);
  });

  it('offers no Reactivate for an archived learner an open batch holds already, and says which batch', () => {
    const card = learnerCard({ ...hostile, openBatch: 'B-20261129-2' }, () => undefined) as unknown as FakeElement;
    expect(card.descendants().filter((e) => e.tagName === 'button')).toEqual([]);
    expect(card.textContent).toContain('In open batch B-20261129-2: waiting for the LMS import log.');
  });

  it('makes a problem on a sheet row a button to its cell, and leaves the others as text', () => {
    const onRow: Problem = {
      tab: 'creation',
      row: 5,
      column: 'Email',
      severity: 'error',
      message: 'Email "<script>" is not an email address.',
    };
    const noRow: Problem = { tab: 'registry', row: 0, column: 'UserID', severity: 'error', message: 'zed@x.org is not in the registry.' };
    const selected: Problem[] = [];
    const list = problemList(
      [
        { row: 0, problems: [noRow] },
        { row: 5, problems: [onRow] },
      ],
      (p) => selected.push(p),
    ) as unknown as FakeElement;
    expect(list.textContent).toBe(
      '2 errors in 1 rowUserID: zed@x.org is not in the registry.Row 5Email "<script>" is not an email address.',
    );
    const buttons = list.descendants().filter((e) => e.tagName === 'button');
    expect(buttons).toHaveLength(1);
    buttons[0]!.click();
    expect(selected).toEqual([onRow]);
  });

  it("gives each other row a problem names a link that selects that row, in the problem's column", () => {
    const duplicate: Problem = {
      tab: 'creation',
      row: 8,
      column: 'Email',
      severity: 'error',
      message: 'Email <b>a@x.org</b> is also on row 9, 12: each partner goes on one row only.',
      relatedRows: [9, 12],
    };
    const selected: Problem[] = [];
    const list = problemList([{ row: 8, problems: [duplicate] }], (p) => selected.push(p)) as unknown as FakeElement;
    const buttons = list.descendants().filter((e) => e.tagName === 'button');
    expect(buttons.map((b) => b.textContent)).toEqual([duplicate.message, 'Go to row 9', 'Go to row 12']);
    buttons[2]!.click();
    buttons[0]!.click();
    expect(selected).toEqual([{ ...duplicate, row: 12 }, duplicate]);
  });

  it('lists errors first, by row, with their counts, and folds the warnings under theirs', () => {
    const p = (row: number, severity: Problem['severity'], column: string, message: string): Problem => ({
      tab: 'creation',
      row,
      column,
      severity,
      message,
    });
    // As groupByRow hands them over: rows in order, errors and warnings mixed within a row.
    const list = problemList(
      [
        {
          row: 2,
          problems: [
            p(2, 'error', 'Email', 'Email "a.ucr.edu" is not an email address.'),
            p(2, 'error', 'DateHire', 'DateHire "soon" is not a date.'),
          ],
        },
        { row: 3, problems: [p(3, 'warning', 'LastName', 'Same name as row 7 under another email.')] },
        {
          row: 4,
          problems: [p(4, 'warning', 'EmployeeType', 'Another county than Settings.'), p(4, 'error', 'Status', 'Status must be Active.')],
        },
        { row: 7, problems: [p(7, 'warning', 'LastName', 'Same name as row 3 under another email.')] },
      ],
      () => undefined,
    ) as unknown as FakeElement;
    const [counts, errors, warnings] = list.children as FakeElement[];
    expect(counts!.textContent).toBe('3 errors in 2 rows · 3 warnings');
    expect(errors!.textContent).toBe(
      'Row 2Email "a.ucr.edu" is not an email address.DateHire "soon" is not a date.Row 4Status must be Active.',
    );
    expect(warnings!.tagName).toBe('details');
    expect(warnings!.getAttribute('open')).toBeNull(); // folded while there are errors
    expect(warnings!.textContent).toBe(
      // (a message that does not start with its column gets it in front)
      '3 warnings in 3 rowsRow 3LastName: Same name as row 7 under another email.Row 4EmployeeType: Another county than Settings.Row 7LastName: Same name as row 3 under another email.',
    );

    const onlyWarnings = problemList(
      [{ row: 3, problems: [p(3, 'warning', 'LastName', 'Same name.')] }],
      () => undefined,
    ) as unknown as FakeElement;
    expect(onlyWarnings.textContent).toBe('1 warning1 warning in 1 rowRow 3LastName: Same name.');
    expect((onlyWarnings.children[1] as FakeElement).getAttribute('open')).toBe(''); // nothing else to read: open
  });

  it('lists registry rows short (10, then how many more), each a button to its row (#10 item 9)', () => {
    const broken: Problem[] = Array.from({ length: 13 }, (_, i) => ({
      tab: 'registry',
      row: i + 2,
      column: 'Status',
      severity: 'error',
      message: `p${i}@x.org: Status "Inactive" must be Active or Archived.`,
    }));
    const selected: Problem[] = [];
    const [section] = syncSections(registrySections(broken), (p) => selected.push(p)) as unknown as FakeElement[];
    const items = section!.descendants().filter((e) => e.tagName === 'li');
    expect(section!.descendants().find((e) => e.tagName === 'h4')!.textContent).toMatch(/^Registry rows the add-on cannot read .*: 13$/);
    expect(items).toHaveLength(11);
    expect(items[10]!.textContent).toBe('…and 3 more in the Learner Registry tab.');
    const buttons = section!.descendants().filter((e) => e.tagName === 'button');
    expect(buttons).toHaveLength(10);
    buttons[4]!.click();
    expect(selected).toEqual([broken[4]]);
  });

  it('downloads the CSV under its filename, as UTF-8 bytes with no byte-order mark', async () => {
    const csv = 'UserID,LastName,FirstName\r\njose@sdsu.edu,García,"King, Jr."';
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:sidebar/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: [string | null, string | null][] = [];
    const original = FakeElement.prototype.click;
    vi.spyOn(FakeElement.prototype, 'click').mockImplementation(function (this: FakeElement) {
      clicked.push([this.getAttribute('download'), this.getAttribute('href')]);
      original.call(this);
    });
    downloadCsv('cacwt-creation-riverside-2026-11-20.csv', csv);
    expect(clicked).toEqual([['cacwt-creation-riverside-2026-11-20.csv', 'blob:sidebar/1']]);
    expect(blob!.type).toBe('text/csv;charset=utf-8');
    expect(Buffer.from(await blob!.arrayBuffer())).toEqual(Buffer.from(csv, 'utf8'));
    expect(dom.body.children).toEqual([]); // the link is gone after the click
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(revoke).toHaveBeenCalledWith('blob:sidebar/1');
  });
});

describe('the sidebar source', () => {
  it('never parses text as HTML', () => {
    const dir = new URL('../../src/sidebar/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(new URL(file, dir), 'utf8'), file).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/,
      );
    }
  });
});
