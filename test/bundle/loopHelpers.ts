/** Reading the loop's tabs as an admin sees them, for the batch tests. */
import { TABS, type Loaded } from './harness';

const LA = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });

/** Today in the spreadsheet's time zone, 'YYYY-MM-DD'. */
export function todayLA(): string {
  return LA.format(new Date());
}

/** The id of today's n-th batch. */
export function dayId(n: number): string {
  return `B-${todayLA().replace(/-/g, '')}-${n}`;
}

function text(v: unknown): string {
  return Object.prototype.toString.call(v) === '[object Date]' ? LA.format(v as Date) : String(v);
}

/** Registry A:I as text, dates 'YYYY-MM-DD'. */
export function registryRows(loaded: Loaded, width = 9): string[][] {
  return loaded.emu
    .sheet(TABS.registry)!
    .values()
    .slice(1)
    .map((row) => row.slice(0, width).map(text));
}

/**
 * The log's rows without their timestamp, leaving out the setup's `Cap changed` (saving the
 * settings logs the cap; registry.test.ts and compliance.test.ts look at that row).
 */
export function logRows(loaded: Loaded): unknown[][] {
  return loaded.emu
    .sheet(TABS.log)!
    .values()
    .slice(1)
    .filter((r) => r[2] !== 'Cap changed')
    .map((r) => r.slice(1));
}

export function batchRowsOf(loaded: Loaded): unknown[][] {
  return loaded.emu.sheet(TABS.batchRows)!.values().slice(1);
}

const STATE_COLUMN = { creation: 'T', archival: 'S' } as const;

export function stateOf(loaded: Loaded, tab: 'creation' | 'archival', row: number): string {
  return String(loaded.emu.sheet(TABS[tab])!.cell(`${STATE_COLUMN[tab]}${row}`).value);
}

/** A tab as the script sees it (the Creation tab unless named), for handling its conditional format rules. */
export function sheetOf(loaded: Loaded, name: string = TABS.creation): GoogleAppsScript.Spreadsheet.Sheet {
  const app = loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app.getActiveSpreadsheet().getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
}

/**
 * An admin's own rule first (a green fill over `theirs` when column I holds `value`), then the
 * done rule cut down to `left` (as a paste over the rows above it leaves it).
 */
export function adminRuleAndCutDoneRule(loaded: Loaded, value: string, theirs: string, left: string): void {
  const app = loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = sheetOf(loaded);
  const rule = app
    .newConditionalFormatRule()
    .whenFormulaSatisfied(`=$I2="${value}"`)
    .setBackground('#00ff00')
    .setRanges([sheet.getRange(theirs)])
    .build();
  const cut = sheet
    .getConditionalFormatRules()[0]!
    .copy()
    .setRanges([sheet.getRange(left)])
    .build();
  sheet.setConditionalFormatRules([rule, cut]);
}
