/**
 * Loads the built dist/Code.js with gas-local into a context holding only the emulator's Apps
 * Script globals, and calls it as Apps Script would: through its top-level functions.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEmulator, emulatorFromJSON, type Emulator, type EmulatorOptions, type WorkbookJson } from '@cacwt/gas-emulator';
import { loadBundle } from '@cacwt/gas-emulator/bundle';

export const DIST = resolve('dist');
import { ADDON_NAME, setUpWorkbook } from '../fixtures';
import type { SettingsInput } from '../../src/core/types';

export { ADDON_NAME, PARTNER, TABS, templateRow, creationRecord, creationRow, archivalRow, registryRow, SETTINGS } from '../fixtures';

/** The bundle's top-level functions, typed from the entry's exports (type only: no code is imported). */
export type AddOn = typeof import('../../src/addon/index');

/** Asserts a server result succeeded, and narrows it for the test. */
export function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** Asserts a server result failed, and narrows it for the test. */
export function notOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result).slice(0, 300)}`);
  return result as Extract<T, { ok: false }>;
}

export interface Loaded {
  emu: Emulator;
  addon: AddOn;
  /** The bundle realm's Date: test dates must be made with it, as getValues would make them. */
  RealmDate: DateConstructor;
  /** Evaluates an expression inside the bundle's context (e.g. `typeof process`). */
  inside(code: string): unknown;
}

export interface LoadOptions extends EmulatorOptions {
  /** Start from this workbook (emu.toJSON() of an earlier run) instead of an empty one. */
  workbook?: WorkbookJson;
  /** Swaps some globals, e.g. a PropertiesService that throws as in AuthMode.NONE. */
  replace?: Record<string, unknown>;
}

/** The built sidebar, as HtmlService.createHtmlOutputFromFile('Sidebar') serves it. */
export function sidebarSource(): string {
  return readFileSync(resolve(DIST, 'Sidebar.html'), 'utf8');
}

export function loadAddOn({ workbook, replace = {}, ...given }: LoadOptions = {}): Loaded {
  const options = { htmlFiles: { Sidebar: sidebarSource() }, addonName: ADDON_NAME, ...given };
  const emu = workbook ? emulatorFromJSON(workbook, options) : createEmulator(options);
  const { context, inside, RealmDate } = loadBundle(emu, DIST, replace);
  return { emu, addon: context as unknown as AddOn, RealmDate, inside };
}

export function bundleSource(): string {
  return readFileSync(resolve(DIST, 'Code.js'), 'utf8');
}

/** A workbook as most tests start from it: loaded, its tabs set up, Riverside's settings saved (`settings` changing any). */
export function loadSetUp({ settings, ...options }: LoadOptions & { settings?: Partial<SettingsInput> } = {}): Loaded {
  const loaded = loadAddOn(options);
  setUpWorkbook(loaded.addon, settings);
  return loaded;
}
