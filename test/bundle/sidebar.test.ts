import { describe, expect, it } from 'vitest';
import * as actions from '../../src/sidebar/actions';
import { createServer } from '../../src/sidebar/server';
import { fakeScriptRun } from '../sidebar/fakes';
import { TABS, bundleSource, creationRow as creation, loadAddOn, loadSetUp, ok, registryRow, sidebarSource, type Loaded } from './harness';

describe('showSidebar', () => {
  it('opens the inlined Sidebar.html in a 300 px sidebar titled "CACWT Partner Accounts"', () => {
    const { emu, addon } = loadAddOn();
    addon.showSidebar();
    expect(emu.ui.sidebars).toEqual([{ title: 'CACWT Partner Accounts', width: 300, html: sidebarSource() }]);
    const html = emu.ui.sidebars[0]!.html;
    expect(html).toMatch(/<style>[^<]*font:13px[^<]*<\/style>/);
    expect(html).toMatch(/<script>[\s\S]*withSuccessHandler[\s\S]*<\/script>/);
    expect(html).not.toContain('SIDEBAR_');
  });

  it('makes no external request: no http(s) URL, no linked file, no web font', () => {
    const html = sidebarSource();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<(script|img|iframe)\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    const css = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    expect(css).not.toMatch(/@import|url\(|@font-face/i);
    expect(css).toContain('font:13px/1.4 Google Sans,Roboto,Arial,sans-serif');
  });

  it('carries no server code, and the server bundle no sidebar code', () => {
    const html = sidebarSource();
    for (const server of ['SpreadsheetApp', 'PropertiesService', 'LockService', 'getActiveSpreadsheet', 'Another admin is syncing']) {
      expect(html, server).not.toContain(server);
    }
    const code = bundleSource();
    for (const client of ['google.script', 'withSuccessHandler', 'createObjectURL', 'aria-busy', 'Exporting…']) {
      expect(code, client).not.toMatch(new RegExp(client.replace('.', '\\.')));
    }
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('the sidebar client against the built bundle', () => {
  /** google.script.run bridged to the bundle's top-level functions, as the preview page does. */
  function bridged(loaded: Loaded) {
    const functions = loaded.addon as unknown as Record<string, (...args: unknown[]) => unknown>;
    return createServer(fakeScriptRun((name, args) => ({ value: functions[name]!(...args) })).run);
  }

  it('archives a domain, then undoes it, with a file for each', async () => {
    const loaded = loadSetUp();
    loaded.emu
      .sheet(TABS.registry)!
      .setValues('A2', [
        registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
        registryRow('bo@notsdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'),
        registryRow('cy@mail.sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'),
      ]);
    const server = bridged(loaded);
    const preview = await actions.previewDomain(server, '@SDSU.edu', true);
    if (!preview.ok) throw new Error(preview.notice.text);
    expect(preview.learners.map((l) => l.email)).toEqual(['ana@sdsu.edu', 'cy@mail.sdsu.edu']);

    const archived = await actions.archive(
      server,
      preview.learners.map((l) => l.userId),
    );
    if (!archived.ok) throw new Error(archived.notice.text);
    expect(archived.download.filename).toMatch(/^cacwt-archival-riverside-B-\d{8}-1\.csv$/);
    expect(
      archived.download.csv
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 6).join(',')),
    ).toEqual(['ana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Archived', 'cy@mail.sdsu.edu,Ng,Cy,cy@mail.sdsu.edu,,Archived']);
    // The registry changes when the import log is recorded; until then the archive waits in its batch.
    expect(ok(loaded.addon.getSummary())).toMatchObject({ registry: { active: 3, archived: 0 }, pending: { archive: 2 } });
    expect(loaded.emu.sheet(TABS.archival)!.lastRow).toBe(3);

    // Undo before upload cancels the batch: its rows leave the Archival tab.
    const undone = await actions.cancel(server, archived.batchId);
    expect(undone.notice.text).toBe(`Cancelled ${archived.batchId}: 2 rows taken off the Archival tab. The registry was not changed.`);
    expect(ok(loaded.addon.getSummary())).toMatchObject({ registry: { active: 3, archived: 0 }, pending: { archive: 0 } });
    expect(loaded.emu.sheet(TABS.archival)!.lastRow).toBe(1);
  });

  it('refuses an export while errors stand, listing them by row', async () => {
    const loaded = loadAddOn();
    ok(loaded.addon.setupTemplates());
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creation('ana@sdsu.edu', 'Ana', 'Lee'), creation('bo@sdsu.edu', '=Bo', 'Chu')]);
    const outcome = await actions.exportTab(bridged(loaded), 'creation');
    expect(outcome.ok).toBe(false);
    expect(outcome.notice.text).toBe('Not exported: 1 problem on 1 row must be fixed first.');
    expect(outcome.notice.problems.map((g) => [g.row, g.problems.map((p) => p.column)])).toEqual([[3, ['FirstName']]]);
  });
});
