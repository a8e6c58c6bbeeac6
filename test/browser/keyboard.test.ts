/**
 * The preview under a typist's hands and without a mouse: keys at ordinary speed, dead keys and
 * input methods, the menus, dropdowns and sidebar from the keyboard, and two pages on one
 * workbook. Every wait is on what the page shows; the only timing is the typist's own pace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  TABS,
  browserSuite,
  cell,
  cellText,
  openPage,
  pageState,
  pasteAt,
  readWorkbook,
  savedValue,
  screenshot,
  sessions,
  settled,
  valueIn,
  waitForText,
} from './helpers';

const suite = browserSuite();
const session = sessions(suite);

/** 30 ms a key: faster than most admins type. */
const PACE = 30;

/** Types as a user does, at PACE: a tab in the text is the Tab key, a newline the Enter key. */
async function typeKeys(page: Page, text: string): Promise<void> {
  for (const part of text.split(/([\t\n])/)) {
    if (part === '\t') await page.keyboard.press('Tab', { delay: PACE });
    else if (part === '\n') await page.keyboard.press('Enter', { delay: PACE });
    else if (part !== '') await page.keyboard.type(part, { delay: PACE });
  }
}

async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key, { delay: PACE });
}

/** What the page shows in a cell, read as the user reads it. */
async function shown(page: Page, a1: string): Promise<string> {
  return cellText(page, a1);
}

/** The name of the element the keyboard is on, as a test can say it. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
  });
}

const LAST = ['Morales', 'Nguyen', "O'Neil", 'Smith-Park', 'Okafor', 'Reyes', 'Tran', 'Lindqvist', 'Haddad', 'Pham'];
const FIRST = ['Gabriela', 'Minh', 'Siobhan', 'Jae', 'Chidi', 'Lucia', 'Bao', 'Astrid', 'Karim', 'Thuy'];

describe('typing at speed', () => {
  it('keeps every key of a 20-row block typed at 30 ms a key with Tab and Enter', async () => {
    const { page, path } = await session();
    // LastName Tab FirstName Tab Email Enter, as an admin fills a row: Enter goes back to column B
    // of the next row, and each Email's onEdit fills the row's other cells while the next is typed.
    const rows = Array.from({ length: 20 }, (_, i) => {
      const last = LAST[i % LAST.length]!;
      const first = FIRST[(i * 3) % FIRST.length]!;
      return [last, first, `${first.toLowerCase()}.${last.replace(/[^A-Za-z]/g, '').toLowerCase()}${i}@ucr.edu`];
    });
    await cell(page, 'B14').click();
    await typeKeys(page, rows.map((r) => `${r.join('\t')}\n`).join(''));
    await settled(page);
    await screenshot(page, '12-typed-20-rows');

    const workbook = readWorkbook(path);
    const saved = (a1: string) => valueIn(workbook, TABS.creation, a1);
    const sheet = workbook.sheets.find((s) => s.name === TABS.creation)!;
    for (const [i, row] of rows.entries()) {
      const r = 14 + i;
      expect([await shown(page, `B${r}`), await shown(page, `C${r}`), await shown(page, `D${r}`)]).toEqual(row);
      expect([saved(`B${r}`), saved(`C${r}`), saved(`D${r}`)]).toEqual(row);
      // The row's onEdit saw the whole email: it filled UserID from it.
      expect(saved(`A${r}`)).toBe(row[2]);
    }
    // Nothing landed anywhere else: the rows below the block are as blank as they were.
    expect(sheet.cells.filter((c) => c.row > 33 && c.value !== undefined && c.value !== '')).toEqual([]);
    expect(await page.locator('#name-box').textContent()).toBe('B34');
  }, 240_000); // some 700 keys at 30 ms, on a shared 2-core machine
});

describe('typing on a long tab', () => {
  it('puts names typed down a column of a 1,067-row tab each in its own row', async () => {
    const { page, path } = await session();
    // The admin's 1,067 rows, pasted at once; then five first names typed down column C.
    const rows = Array.from({ length: 1067 }, (_, i) => [`p${i}@ucr.edu`, `Last${i}`, '', `p${i}@ucr.edu`]);
    await pasteAt(page, 'A14', rows);
    await waitForText(page, 'A1080', 'p1066@ucr.edu');
    const names = ['Álvaro', 'Charlie', 'Delta', 'Echo', 'Gabriela'];
    await cell(page, 'C1000').click();
    await typeKeys(page, names.map((n) => `${n}\n`).join(''));
    await settled(page);
    const workbook = readWorkbook(path);
    for (const [i, name] of names.entries()) {
      expect(await shown(page, `C${1000 + i}`)).toBe(name);
      expect(valueIn(workbook, TABS.creation, `C${1000 + i}`)).toBe(name);
    }
    // Row 999 and 1005 kept their blank first name: nothing landed a row off.
    expect([valueIn(workbook, TABS.creation, 'C999'), valueIn(workbook, TABS.creation, 'C1005')]).toEqual([undefined, undefined]);
    await screenshot(page, '23-typed-on-a-long-tab');
  }, 240_000);
});

describe('input methods and dead keys', () => {
  it('keeps the first character of Álvaro (a dead key) and 木兰 (an input method)', async () => {
    const { page, path } = await session();
    const cdp = await page.context().newCDPSession(page);
    await cell(page, 'C14').click();
    // A dead key: ´ is composed, then A turns it into Á; the rest are plain keys.
    await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'Á' });
    await page.keyboard.type('lvaro', { delay: PACE });
    await page.keyboard.press('Enter');
    // Pinyin: mu → 木, mulan → 木兰, committed as the admin picks the characters.
    await cdp.send('Input.imeSetComposition', { text: 'm', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'mu', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: '木', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '木lan', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.insertText', { text: '木兰' });
    await page.keyboard.press('Enter');
    await settled(page);
    await waitForText(page, 'C15', '木兰');
    expect(await shown(page, 'C14')).toBe('Álvaro');
    expect(savedValue(path, TABS.creation, 'C14')).toBe('Álvaro');
    expect(savedValue(path, TABS.creation, 'C15')).toBe('木兰');
    await screenshot(page, '13-composed-names');
  });
});

/** The accessible description of the focused element, as Chromium gives it to a screen reader. */
async function focusedDescription(page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  const { result } = (await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' })) as { result: { objectId: string } };
  const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false })) as {
    nodes: { description?: { value: string } }[];
  };
  await cdp.detach();
  return nodes[0]?.description?.value;
}

describe('the keyboard alone', () => {
  it('fixes the sample, then validates and exports from the sidebar, never touching the mouse', async () => {
    const { page, path } = await session();
    // The page opens with the keyboard in the grid, on A2 (where the sample left the selection).
    expect(await focused(page)).toBe('A2: camila.reyes@ucr.edu');

    // A note is read out as the cell's description: I11 holds the admin's note.
    await press(page, ...Array(9).fill('ArrowDown'), ...Array(8).fill('ArrowRight'));
    expect(await page.locator('#name-box').textContent()).toBe('I11');
    const note = 'San Diego asked us to create this one: Diego trains with both counties.';
    expect(await focusedDescription(page)).toBe(note);
    expect(await page.getByRole('tooltip').textContent()).toBe(note);
    // Shown where it can be read: inside the grid's visible area (I is the last column in view).
    const [tip, grid] = [await page.getByRole('tooltip').boundingBox(), await page.locator('#grid-wrap').boundingBox()];
    expect(tip!.x >= grid!.x && tip!.x + tip!.width <= grid!.x + grid!.width).toBe(true);
    await screenshot(page, '14-note-of-the-selected-cell');

    // Row 5's county is misspelt: Enter opens its dropdown, R jumps to Riverside, Enter picks it.
    await press(page, ...Array(6).fill('ArrowUp'));
    expect(await page.locator('#name-box').textContent()).toBe('I5');
    await press(page, 'Enter');
    await page.getByRole('listbox').waitFor();
    await press(page, 'r');
    expect(await focused(page)).toBe('Riverside County Community Partner');
    await screenshot(page, '15-dropdown-from-the-keyboard');
    await press(page, 'Enter');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await settled(page);
    expect(savedValue(path, TABS.creation, 'I5')).toBe('Riverside County Community Partner');

    // Row 6's email has no @, and row 9 repeats row 8's: retype UserID, Tab past the names, Email.
    await press(page, 'ArrowDown', ...Array(8).fill('ArrowLeft'));
    await typeKeys(page, 'samuel.ortiz@ucr.edu\t\t\tsamuel.ortiz@ucr.edu\n');
    await press(page, 'ArrowDown', 'ArrowDown');
    expect(await page.locator('#name-box').textContent()).toBe('A9');
    await typeKeys(page, 'amir.haddad2@sdsu.edu\t\t\tamir.haddad2@sdsu.edu\n');
    await settled(page);
    expect(savedValue(path, TABS.creation, 'D6')).toBe('samuel.ortiz@ucr.edu');
    expect(savedValue(path, TABS.creation, 'D9')).toBe('amir.haddad2@sdsu.edu');

    // Shift+F6 leaves the grid for the menu bar; Space, Enter and Arrow Down open the menu, Escape closes it.
    await press(page, 'Shift+F6');
    expect(await focused(page)).toBe('Extensions');
    expect(await page.locator('#extensions').evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe('none');
    await press(page, 'Space');
    expect(await focused(page)).toContain('CACWT Partner Accounts');
    await press(page, 'Escape');
    expect(await page.getByRole('menu', { name: 'Extensions' }).isHidden()).toBe(true);
    expect(await focused(page)).toBe('Extensions');
    await press(page, 'ArrowDown', 'Escape', 'Enter', 'ArrowRight');
    expect(await focused(page)).toBe('Open sidebar');
    await screenshot(page, '16-menu-from-the-keyboard');

    // The sidebar opens with the keyboard in it: its tabs, then the Creation panel's buttons.
    await press(page, 'Enter');
    const frame = page.frameLocator('#sidebar-frame');
    await frame.getByRole('tab', { name: 'Overview' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'sidebar-frame');
    await press(page, 'ArrowRight', 'Tab', 'Tab');
    await frame.getByRole('button', { name: 'Validate' }).evaluate((b) => {
      if (b !== document.activeElement) throw new Error(`the focus is on ${document.activeElement?.outerHTML}`);
    });
    await press(page, 'Enter');
    const status = frame.locator('#creation-status .notice');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Creation tab: 12 rows, 12 ready, 0 errors/);

    const download = page.waitForEvent('download');
    await press(page, 'Tab', 'Enter');
    expect((await download).suggestedFilename()).toMatch(/^cacwt-creation-riverside-/);
    await frame.getByText(/^Downloaded cacwt-creation-riverside-/).waitFor();
    await screenshot(page, '17-exported-from-the-keyboard');

    // F6 goes on round: from the sidebar to the sheet tabs, where the arrows and Enter switch tabs.
    await press(page, 'F6');
    expect(await focused(page)).toBe(TABS.creation);
    await press(page, 'ArrowRight', 'Enter');
    await page.waitForFunction((tab) => document.querySelector('[role=tab][aria-selected=true]')?.textContent === tab, TABS.archival);
    await press(page, 'F6');
    expect(await focused(page)).toBe('Extensions');
    expect((await pageState(page)).active.sheet).toBe(TABS.archival);

    // An alert takes the focus and gives it back: Escape closes it, as OK does.
    await press(page, 'Enter', 'ArrowRight', 'ArrowDown', 'ArrowDown');
    expect(await focused(page)).toBe('Check the Creation tab');
    await press(page, 'Enter');
    const alert = page.getByRole('alertdialog');
    await alert.waitFor();
    expect(await alert.locator('h2').textContent()).toBe(`${TABS.creation}: 12 of 12 rows ready`);
    expect(await focused(page)).toBe('OK');
    await press(page, 'Escape');
    await alert.waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('A1: UserID');
  });
});

describe('two pages on one workbook', () => {
  it('shows an edit made in one page in the other, without losing what the other is typing', async () => {
    const { server, page: first } = await session();
    const second = await openPage(suite.browser(), server);
    suite.cleanup(() => second.context().close());

    // The second page is halfway through typing a cell when the first one's edit arrives.
    await cell(second, 'C20').click();
    await second.keyboard.type('Half', { delay: PACE });
    await cell(first, 'B20').click();
    await typeKeys(first, 'Morales\n');
    await waitForText(second, 'B20', 'Morales');
    await screenshot(second, '18-edit-from-another-page');
    // The grid was redrawn under the open editor: its text and caret are as they were.
    expect(await second.locator('#cell-input').evaluate((input: HTMLInputElement) => [input.value, input.selectionStart])).toEqual([
      'Half',
      4,
    ]);

    await typeKeys(second, 'way\n');
    await waitForText(first, 'C20', 'Halfway');
    expect(await shown(second, 'B20')).toBe('Morales');
  });
});
