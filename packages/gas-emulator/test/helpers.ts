import { createEmulator, type Emulator, type EmulatorOptions } from '../src';

export type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** An emulator and its SpreadsheetApp typed as the real one, so the tests also check method names. */
export function setup(options?: EmulatorOptions): { emu: Emulator; app: SpreadsheetApp; ss: GoogleAppsScript.Spreadsheet.Spreadsheet } {
  const emu = createEmulator(options);
  const app = emu.globals.SpreadsheetApp as SpreadsheetApp;
  return { emu, app, ss: app.getActiveSpreadsheet() };
}

export function service<T>(emu: Emulator, name: string): T {
  return emu.globals[name] as T;
}
