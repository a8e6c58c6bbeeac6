/**
 * `npm start` in a real browser: the page a county admin would see, driven by clicks, keys and
 * pastes. Expected values are worked out by hand from the sample workbook (dev/preview/sample.ts).
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '@cacwt/gas-emulator';
import { DIST } from '../bundle/harness';
import {
  TABS,
  creationRow,
  alertShown,
  cell,
  cellText,
  clickMenu,
  clickTab,
  browserSuite,
  openPage,
  openSidebar,
  pageState,
  pasteAt,
  readWorkbook,
  runInBridge,
  savedValue,
  screenshot,
  sessions,
  startServer,
  typeInto,
  waitForText,
  tempFolder,
} from './helpers';

const YELLOW = 'rgb(255, 242, 204)';
const WHITE = 'rgb(255, 255, 255)';
const ALL_TABS = ['Sheet1', TABS.creation, TABS.archival, TABS.registry, TABS.log, TABS.batches, TABS.batchRows];

/** The day the pasted rows were hired. */
const HIRED = { DateHire: '11/21/2025' };

const suite = browserSuite();
const session = sessions(suite);

/** A new spreadsheet, as Sheets makes one: a single empty Sheet1, the add-on not set up yet. */
function newSpreadsheet(path: string): void {
  writeFileSync(path, JSON.stringify(createEmulator({ spreadsheetName: 'Untitled spreadsheet' }).toJSON()));
}

async function style(page: Page, a1: string, property: 'backgroundColor' | 'fontWeight' | 'textAlign'): Promise<string> {
  return cell(page, a1).evaluate((td, p) => getComputedStyle(td)[p], property);
}

describe('the preview page', () => {
  it('opens the sample workbook on the Creation tab, laid out as setupTemplates makes it', async () => {
    const { page } = await session();
    expect(await page.getByRole('tab').allTextContents()).toEqual(ALL_TABS);
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe(TABS.creation);
    expect(await page.locator('#title').textContent()).toBe('Riverside County: Community Partners');

    expect(await cellText(page, 'A1')).toBe('UserID');
    expect(await cellText(page, 'R1')).toBe('Check (not exported)');
    expect(await style(page, 'A1', 'fontWeight')).toBe('700');
    // Row 1 is frozen: it sticks under the column letters while the grid scrolls.
    expect(await cell(page, 'A1').evaluate((td) => getComputedStyle(td).position)).toBe('sticky');
    expect(await cell(page, 'A2').evaluate((td) => getComputedStyle(td).position)).not.toBe('sticky');

    expect(await cellText(page, 'A2')).toBe('camila.reyes@ucr.edu');
    expect(await style(page, 'A2', 'backgroundColor')).toBe(YELLOW);
    expect(await style(page, 'H2', 'backgroundColor')).toBe(WHITE); // OrganizationName stays blank
    expect(await cellText(page, 'N2')).toBe('11/17/2025');
    expect(await style(page, 'N2', 'textAlign')).toBe('right'); // a real date, not text
    expect(await cellText(page, 'I5')).toBe('Riversde County Community Partner');
    expect(await cell(page, 'I11').getAttribute('title')).toBe('San Diego asked us to create this one: Diego trains with both counties.');
    expect(await cell(page, 'F2').getByRole('button', { name: 'Choose a value for F2' }).count()).toBe(1);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await screenshot(page, '01-sample-creation-tab');

    await clickTab(page, TABS.registry);
    expect(await cellText(page, 'A1')).toBe('UserID');
    expect(await cellText(page, 'I1')).toBe('ArchivedOn');
    const statuses = await page.locator('#grid td[data-cell^="G"]').allTextContents();
    // The sample's 57 Active, and Nora and Ivan of its earlier file (confirmed from its import log).
    expect(statuses.filter((s) => s === 'Active')).toHaveLength(59);
    expect(statuses.filter((s) => s === 'Archived')).toHaveLength(11);
    await screenshot(page, '02-sample-registry');
  });

  it('sets up the templates of a new spreadsheet from the add-on menu, and says so when run again', async () => {
    const { page, path } = await session(newSpreadsheet);
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Sheet1']);

    await clickMenu(page, 'Set up templates');
    await page.getByRole('status').waitFor();
    expect(await page.locator('#toast-title').textContent()).toBe('CACWT Partner Accounts');
    expect(await page.locator('#toast-text').textContent()).toBe(
      `Created: ${TABS.creation}, ${TABS.archival}, ${TABS.registry}, ${TABS.log}, ${TABS.batches}, ${TABS.batchRows}.`,
    );
    expect(await page.getByRole('tab').allTextContents()).toEqual(ALL_TABS);
    expect(readWorkbook(path).sheets.map((s) => s.name)).toEqual(ALL_TABS);
    await screenshot(page, '03-set-up-from-menu');

    await clickMenu(page, 'Set up templates');
    await page.waitForFunction(() => document.getElementById('toast-text')?.textContent === 'All six tabs were already set up.');
    await clickTab(page, TABS.creation);
    expect(await cellText(page, 'D1')).toBe('Email');
    expect(await style(page, 'D2', 'backgroundColor')).toBe(YELLOW);
  });

  it('paints what a conditional format rule shows: a done row grey over its own fills, and a row typed done', async () => {
    const { page } = await session((path) => {
      const emu = createEmulator({ spreadsheetName: 'Untitled spreadsheet' });
      const sheet = (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet().getActiveSheet();
      sheet.getRange('R3').setValue('Done: 2026-03-01');
      sheet.getRange('B3').setBackground('#fff2cc');
      const rule = (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=LEFT($R2,5)="Done:"')
        .setBackground('#e8e8e8')
        .setRanges([sheet.getRange('A2:R1000')])
        .build();
      sheet.setConditionalFormatRules([rule]);
      writeFileSync(path, JSON.stringify(emu.toJSON()));
    });
    const GREY = 'rgb(232, 232, 232)';
    expect(await style(page, 'A3', 'backgroundColor')).toBe(GREY);
    expect(await style(page, 'B3', 'backgroundColor')).toBe(GREY); // the rule's colour over the cell's yellow
    expect(await style(page, 'A4', 'backgroundColor')).toBe(WHITE);
    await typeInto(page, 'R4', 'done: now');
    expect(await style(page, 'A4', 'backgroundColor')).toBe(GREY);
  });

  it('saves a typed cell to the workbook file, as Sheets parses what a user types', async () => {
    const { page, path } = await session();
    await typeInto(page, 'B2', 'Reyes-Ortega');
    await waitForText(page, 'B2', 'Reyes-Ortega');
    expect(await page.locator('#name-box').textContent()).toBe('B3'); // Enter moves down
    // Saved by itself a moment after the typing stops, with no one asking.
    await expect.poll(() => readFileSync(path, 'utf8').includes('"Reyes-Ortega"')).toBe(true);
    expect(savedValue(path, TABS.creation, 'B2')).toBe('Reyes-Ortega');

    await typeInto(page, 'N3', '12/1/2025');
    await waitForText(page, 'N3', '12/01/2025'); // the column's mm/dd/yyyy format
    // Midnight of Dec 1 in Los Angeles (the spreadsheet's zone, PST = UTC-8), stored as a date.
    expect(savedValue(path, TABS.creation, 'N3')).toEqual({ date: '2025-12-01T08:00:00.000Z' });

    await cell(page, 'B2').click();
    expect(await page.locator('#formula').inputValue()).toBe('Reyes-Ortega');
    await screenshot(page, '04-typed-cells');
  });

  it('live validation marks a bad email typed or pasted in, and clears the mark once fixed', async () => {
    const { page } = await session();
    const noted = (a1: string) =>
      page.waitForFunction((ref) => !!document.querySelector(`#grid td[data-cell="${ref}"]`)?.getAttribute('title'), a1);

    await typeInto(page, 'D2', 'camila.reyes.ucr.edu');
    await noted('D2');
    expect(await cell(page, 'D2').getAttribute('title')).toMatch(/email/i);
    expect([YELLOW, WHITE]).not.toContain(await style(page, 'D2', 'backgroundColor'));
    expect(await cellText(page, 'R2')).not.toBe('');
    await screenshot(page, '05-live-validation-mark');

    await typeInto(page, 'D2', 'camila.reyes@ucr.edu');
    await page.waitForFunction(() => !document.querySelector('#grid td[data-cell="D2"]')?.getAttribute('title'));
    expect(await style(page, 'D2', 'backgroundColor')).toBe(YELLOW);

    await pasteAt(page, 'A14', [
      creationRow('pat.doe.sdsu.edu', 'Pat', 'Doe', HIRED),
      creationRow('kai.lund@sdsu.edu', 'Kai', 'Lund', HIRED),
    ]);
    await noted('D14');
    expect(await cell(page, 'D15').getAttribute('title')).toBeNull();
  });

  it('pastes a block of rows, which the add-on then counts', async () => {
    const { page, path } = await session();
    await pasteAt(page, 'A14', [
      creationRow('dana.white@ucr.edu', 'Dana', 'White', HIRED),
      creationRow('eli.moreno@sdsu.edu', 'Eli', 'Moreno', HIRED),
    ]);
    await waitForText(page, 'A15', 'eli.moreno@sdsu.edu');
    expect(await cellText(page, 'B14')).toBe('White');
    expect(await cellText(page, 'N15')).toBe('11/21/2025');
    expect(savedValue(path, TABS.creation, 'D14')).toBe('dana.white@ucr.edu');
    expect(savedValue(path, TABS.creation, 'I15')).toBe('Riverside County Community Partner');
    await screenshot(page, '06-pasted-rows');

    // The sample's 12 rows have errors on rows 5, 6, 8 and 9; the two pasted rows are ready.
    await clickMenu(page, 'Check the Creation tab');
    expect((await alertShown(page)).title).toBe(`${TABS.creation}: 10 of 14 rows ready`);
  });

  it('"Check the Creation tab" lists the rows to fix, and a dropdown choice fixes one', async () => {
    const { page } = await session();
    await clickMenu(page, 'Check the Creation tab');
    const alert = await alertShown(page);
    expect(alert.title).toBe(`${TABS.creation}: 8 of 12 rows ready`);
    const lines = alert.text.split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(['Row 5, EmployeeType', 'Row 6, Email', 'Row 8, Email', 'Row 9, Email']);
    expect(lines[0]).toContain('"Riversde County Community Partner" is not a California county');
    expect(lines[1]).toContain('"samuel.ortiz.ucr.edu" is not an email address');
    expect(lines[2]).toContain('also on row 9');
    await screenshot(page, '07-check-creation-alert');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' });

    await cell(page, 'I5').getByRole('button', { name: 'Choose a value for I5' }).click();
    const options = page.getByRole('option');
    expect(await options.count()).toBe(58);
    await screenshot(page, '08-county-dropdown');
    await options.getByText('Riverside County Community Partner', { exact: true }).click();
    await waitForText(page, 'I5', 'Riverside County Community Partner');
    await clickMenu(page, 'Check the Creation tab');
    expect((await alertShown(page)).title).toBe(`${TABS.creation}: 9 of 12 rows ready`);
  });

  it('keeps the workbook across a restart', async () => {
    const folder = tempFolder();
    suite.cleanup(folder.remove);
    const first = await startServer(folder.path);
    const before = await openPage(suite.browser(), first);
    await typeInto(before, 'C2', 'Camilla');
    await waitForText(before, 'C2', 'Camilla');
    await clickTab(before, TABS.registry);
    await before.context().close();
    await first.close();

    const second = await startServer(folder.path);
    suite.cleanup(() => second.close());
    const after = await openPage(suite.browser(), second);
    suite.cleanup(() => after.context().close());
    expect(await after.getByRole('tab', { selected: true }).textContent()).toBe(TABS.registry);
    await clickTab(after, TABS.creation);
    expect(await cellText(after, 'C2')).toBe('Camilla');
    expect(await after.locator('#notice').isHidden()).toBe(true);
    await screenshot(after, '09-after-restart');
  });

  it('sets a corrupt workbook file aside, says so, and starts from the sample', async () => {
    const broken = '{"id":"1Emulated","sheets":[{"name":"Community Partner Creation Template","cells":[';
    const { page, path, dir } = await session((p) => writeFileSync(p, broken));
    const aside = readdirSync(dir).filter((f) => /^workbook\.unreadable-.+\.json$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(broken);
    const notice = page.locator('#notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain(`It was kept as ${join(dir, aside[0]!)}`);
    expect(readWorkbook(path).sheets.map((s) => s.name)).toEqual(ALL_TABS);
    expect(await page.getByRole('tab').allTextContents()).toEqual(ALL_TABS);
    await screenshot(page, '10-corrupt-file-set-aside');
  });
});

describe('the rough edges', () => {
  it('npm start -- --fresh keeps the old workbook aside, and its notice can be dismissed from the keyboard', async () => {
    let before = '';
    const { page, path, dir } = await session(
      (p) => {
        newSpreadsheet(p);
        before = readFileSync(p, 'utf8');
      },
      { fresh: true },
    );
    const aside = readdirSync(dir).filter((f) => /^workbook\.replaced-.+\.json$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(before);
    expect(readWorkbook(path).sheets.map((s) => s.name)).toEqual(ALL_TABS);
    const notice = page.locator('#notice');
    expect(await notice.textContent()).toContain(`The previous workbook was kept as ${join(dir, aside[0]!)}`);
    await screenshot(page, '19-fresh-keeps-the-old-workbook');

    await page.getByRole('button', { name: 'Dismiss this notice' }).focus();
    await page.keyboard.press('Enter');
    await notice.waitFor({ state: 'hidden' });
    // A later redraw (any reply) does not bring it back.
    await typeInto(page, 'B2', 'Reyes');
    expect(await notice.isHidden()).toBe(true);
  });

  it('closes a toast by itself, as Sheets does, and shows it clear of the sidebar', async () => {
    const { page } = await session();
    await openSidebar(page);
    await clickMenu(page, 'Set up templates');
    const toast = page.getByRole('status');
    await toast.waitFor();
    const [toastBox, sidebarBox] = [await toast.boundingBox(), await page.locator('#sidebar').boundingBox()];
    expect(toastBox!.x + toastBox!.width).toBeLessThan(sidebarBox!.x);
    await screenshot(page, '20-toast-beside-the-sidebar');
    await toast.waitFor({ state: 'hidden' }); // the add-on's toast has the default 5 s timeout
  });

  it('scrolls the rows under the frozen header with no strip of them showing above it', async () => {
    const { page } = await session();
    await clickTab(page, TABS.registry);
    await page.locator('#grid-wrap').evaluate((wrap) => wrap.scrollBy(0, 333));
    await page.waitForFunction(() => document.getElementById('grid-wrap')!.scrollTop > 300);
    const gap = await page.evaluate(() => {
      const letters = document.querySelector('#grid thead th[data-col="1"]')!.getBoundingClientRect();
      const header = document.querySelector('#grid td[data-cell="A1"]')!.getBoundingClientRect();
      return header.top - letters.bottom;
    });
    expect(Math.abs(gap)).toBeLessThan(0.5);
    await screenshot(page, '21-frozen-header-scrolled');
  });

  it('lays out the registry and the log wide enough for emails and timestamps', async () => {
    const { page } = await session();
    await clickTab(page, TABS.registry);
    // Every registry cell's text fits its column, the longest email (jose.castillo@notsdsu.edu…) included.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#grid td')].filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.dataset.cell),
    );
    expect(clipped).toEqual([]);
    await screenshot(page, '22-registry-columns');

    // The log is empty in the sample: its columns must fit what it will hold.
    await clickTab(page, TABS.log);
    const tooNarrow = await page.evaluate(
      (samples) => {
        const probe = document.createElement('td');
        const row = document.createElement('tr');
        row.append(probe);
        document.querySelector('#grid tbody')!.append(row);
        const headers = [...document.querySelectorAll<HTMLElement>('#grid td[data-cell$="1"]')].filter((td) =>
          /^[A-Z]1$/.test(td.dataset.cell!),
        );
        const narrow = Object.entries(samples).flatMap(([header, sample]) => {
          const cell = headers.find((td) => td.textContent === header)!;
          probe.textContent = sample;
          probe.style.width = 'auto';
          probe.style.position = 'absolute';
          return probe.scrollWidth > cell.getBoundingClientRect().width ? [header] : [];
        });
        row.remove();
        return narrow;
      },
      { Timestamp: '2026-11-29 23:59:59', Admin: 'records.admin@riverside.ca.gov', UserID: 'jose.castillo@notsdsu.edu' },
    );
    expect(tooNarrow).toEqual([]);
  });
});

describe('the google.script.run bridge', () => {
  it('exports the Creation tab of a new spreadsheet as the exact CSV', async () => {
    const { page } = await session(newSpreadsheet);
    await clickMenu(page, 'Set up templates');
    const saved = await runInBridge(page, 'saveSettings', [
      { county: 'Riverside', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: null },
    ]);
    expect(saved.value).toMatchObject({ ok: true });
    await clickTab(page, TABS.creation);
    await pasteAt(page, 'A2', [
      creationRow('ana.garcia@sdsu.edu', 'Ana', 'Garcia', HIRED),
      creationRow('martin.king@ucr.edu', 'Martin', 'King, Jr.', {
        Status: 'active',
        EmployeeType: 'riverside county community partner',
        DateHire: '2025-11-21',
      }),
    ]);
    await waitForText(page, 'A3', 'martin.king@ucr.edu');

    const exported = (await runInBridge(page, 'exportCsv', ['creation'])).value as {
      ok: boolean;
      rows: number;
      filename: string;
      csv: string;
    };
    // Written by hand from domain.md: CRLF between records, none after the last, the comma'd
    // name quoted, status and county in canonical spelling, the ISO date typed shown as MM/DD/YYYY.
    const expected = [
      'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID',
      'ana.garcia@sdsu.edu,Garcia,Ana,ana.garcia@sdsu.edu,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,11/21/2025,,,',
      'martin.king@ucr.edu,"King, Jr.",Martin,martin.king@ucr.edu,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,11/21/2025,,,',
    ].join('\r\n');
    expect(Buffer.from(exported.csv, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(exported.rows).toBe(2);
    expect(exported.filename).toMatch(/^cacwt-creation-riverside-B-\d{8}-1\.csv$/);
  });

  it('answers an unknown or private function as Apps Script does', async () => {
    const { page } = await session();
    expect(await runInBridge(page, 'noSuchFunction', [])).toMatchObject({ error: 'Script function not found: noSuchFunction' });
    expect((await pageState(page)).functions).not.toContain('CacwtAddOn');
  });

  it('bridges google.script.run as Apps Script does where the real sidebar does not go: withUserObject, a thrown error', async () => {
    // The built bundle plus a stand-in sidebar (test/browser/fixture): the add-on's own sidebar
    // (test/browser/sidebar.test.ts) never uses withUserObject, and its server functions never throw.
    const dist = tempFolder();
    suite.cleanup(dist.remove);
    const distDir = dist.dir;
    copyFileSync(join(DIST, 'Code.js'), join(distDir, 'Code.js'));
    for (const file of readdirSync(new URL('fixture/', import.meta.url).pathname)) {
      copyFileSync(new URL(`fixture/${file}`, import.meta.url).pathname, join(distDir, file));
    }
    const { page } = await session(undefined, { distDir });
    const frame = await openSidebar(page, 'showBridgeFixture');
    expect(await page.locator('#sidebar-title').textContent()).toBe('Bridge fixture');
    expect(await frame.evaluate(() => (window as unknown as { bridgeAtFirstScript: boolean }).bridgeAtFirstScript)).toBe(true);

    await frame.waitForFunction(() => document.getElementById('settings')?.textContent !== '');
    expect(await frame.locator('#settings').textContent()).toBe('county: Riverside');
    await frame.waitForFunction(() => document.getElementById('failure')?.textContent !== '');
    expect(await frame.locator('#failure').textContent()).toBe('Refused: on purpose');
    await screenshot(page, '11-sidebar-bridge');
  });
});
