/**
 * Browser tests drive the preview as a user would: Debian's Chromium through playwright-core, a
 * preview server per test on a free port with its own workbook file. Every wait is on a
 * condition the user could see, never on time.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { WorkbookJson } from '@cacwt/gas-emulator';
import { parseA1 } from '@cacwt/gas-emulator/a1';
import { findChromium } from './findChromium';
import { startPreviewServer, type PreviewServer } from '../../dev/preview/http';
import type { PageState } from '../../dev/preview/protocol';

const ROOT = new URL('../../', import.meta.url).pathname;
const SCREENSHOTS = join(ROOT, 'test-results', 'browser');

export { TABS, creationRow } from '../fixtures';

async function launchChromium(): Promise<Browser> {
  const { executablePath } = await findChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Registers a test file's hooks: one Chromium for the file, and the cleanups a test registers run
 * after it, last first. Call at the top of the file.
 */
export function browserSuite(): { browser(): Browser; cleanup(fn: () => Promise<void> | void): void } {
  let browser: Browser | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('Chromium is not running: browserSuite() must be called at the top of the test file.');
      return browser;
    },
    cleanup: (fn) => {
      cleanups.push(fn);
    },
  };
}

export interface Session {
  server: PreviewServer;
  page: Page;
  path: string;
  dir: string;
}

/** Opens sessions of a suite: a server on its own workbook file (prepared first, if asked) and a page open on it. */
export function sessions(suite: ReturnType<typeof browserSuite>) {
  return async (prepare?: (path: string, dir: string) => void, options: { distDir?: string; fresh?: boolean } = {}): Promise<Session> => {
    const folder = tempFolder();
    suite.cleanup(folder.remove);
    prepare?.(folder.path, folder.dir);
    const server = await startServer(folder.path, options);
    suite.cleanup(() => server.close());
    const page = await openPage(suite.browser(), server);
    suite.cleanup(() => page.context().close());
    return { server, page, path: folder.path, dir: folder.dir };
  };
}

/** A temporary folder (for a test's workbook files), with the path of a workbook in it. */
export function tempFolder(): { dir: string; path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cacwt-preview-'));
  return { dir, path: join(dir, 'workbook.json'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The running server of each workbook file, so a test reading the file gets every change saved first. */
const servers = new Map<string, PreviewServer>();

export async function startServer(workbookPath: string, options: { distDir?: string; fresh?: boolean } = {}): Promise<PreviewServer> {
  const server = await startPreviewServer({ root: ROOT, port: 0, workbookPath, ...options });
  servers.set(workbookPath, server);
  return server;
}

/** The workbook file, once its server has written the changes it holds (it saves a moment after a burst of them). */
export function readWorkbook(path: string): WorkbookJson {
  servers.get(path)?.flush();
  return JSON.parse(readFileSync(path, 'utf8')) as WorkbookJson;
}

/** The saved value of a cell, as the workbook file holds it (undefined when blank). */
export function savedValue(path: string, sheet: string, a1: string): unknown {
  return valueIn(readWorkbook(path), sheet, a1);
}

/** A cell's value in a workbook read once (the file is megabytes: read it once for many cells). */
export function valueIn(workbook: WorkbookJson, sheet: string, a1: string): unknown {
  const { row, col } = parseA1(a1).resolve(1000, 26);
  return workbook.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.row === row && c.column === col)?.value;
}

/** Waits until no request of the page is outstanding (the page marks body[data-busy] meanwhile). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.busy === undefined);
}

/** Opens the page (which opens the spreadsheet, so onOpen builds the menu) and waits for the grid. */
export async function openPage(browser: Browser, server: PreviewServer): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('td[data-cell="A1"]').waitFor();
  await settled(page);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The state the page renders, read from the same endpoint it uses. */
export async function pageState(page: Page): Promise<PageState> {
  return page.evaluate(async () => (await fetch('/api/state')).json() as Promise<PageState>);
}

export function cell(page: Page, a1: string) {
  return page.locator(`#grid td[data-cell="${a1}"]`);
}

export async function cellText(page: Page, a1: string): Promise<string> {
  return cell(page, a1).evaluate((td) =>
    [...td.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join(''),
  );
}

/** Waits until a cell shows the text (the page redraws once the server has saved the change). */
export async function waitForText(page: Page, a1: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([ref, expected]) => {
      const td = document.querySelector(`#grid td[data-cell="${ref}"]`);
      return (
        td !== null &&
        [...td.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('') === expected
      );
    },
    [a1, text] as const,
  );
}

export async function clickTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForFunction((tab) => document.querySelector('[role=tab][aria-selected=true]')?.textContent === tab, name);
  await settled(page);
}

/** Clicks a cell and types into it as a user does: the first key opens the editor, Enter commits. */
export async function typeInto(page: Page, a1: string, text: string): Promise<void> {
  await cell(page, a1).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await settled(page);
}

/**
 * Pastes tab-separated rows at a cell. The paste event is the one the browser fires for Ctrl+V,
 * sent to the focused element with the clipboard's text, so no clipboard permission is needed.
 */
export async function pasteAt(page: Page, a1: string, rows: string[][]): Promise<void> {
  await cell(page, a1).click();
  await page.evaluate(
    (text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      (document.activeElement ?? document.body).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`,
  );
  await settled(page);
}

export const ADDON_MENU = 'CACWT Partner Accounts';
export const RUN_MENU = 'Apps Script: run a function';

/** Extensions > a menu (the add-on's by default) > an item, as the user clicks through them. */
export async function clickMenu(page: Page, caption: string, menu = ADDON_MENU): Promise<void> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.locator('#menu > .menu-entry > span:first-child').getByText(menu, { exact: true }).click();
  await page.getByRole('menuitem', { name: caption, exact: true }).click();
  await settled(page);
}

/** Waits for the add-on's alert and returns its title and text. */
export async function alertShown(page: Page): Promise<{ title: string; text: string }> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  return { title: (await dialog.locator('h2').textContent()) ?? '', text: (await dialog.locator('p').textContent()) ?? '' };
}

/**
 * Opens a sidebar as a user does: from the add-on menu's item that runs `functionName`, or, while
 * no item does, from the Run menu. Returns its frame once loaded, google.script.run bridged.
 */
export async function openSidebar(page: Page, functionName = 'showSidebar'): Promise<Frame> {
  const item = (await pageState(page)).menus.flatMap((m) => m.items).find((i) => i.functionName === functionName);
  await (item ? clickMenu(page, item.caption) : clickMenu(page, functionName, RUN_MENU));
  await page.locator('#sidebar').waitFor();
  const frame = await (await page.locator('#sidebar-frame').elementHandle())!.contentFrame();
  if (!frame) throw new Error('The sidebar frame did not open.');
  await frame.waitForURL(/\/sidebar\/\d+$/);
  await frame.waitForLoadState('load');
  return frame;
}

/** Calls a server function through the bridge endpoint the sidebar's google.script.run uses. */
export async function runInBridge(page: Page, name: string, args: unknown[]): Promise<{ value?: unknown; error?: string }> {
  return page.evaluate(
    async ([fn, body]) => (await fetch(`/api/run/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json(),
    [name, JSON.stringify(args)] as const,
  );
}
