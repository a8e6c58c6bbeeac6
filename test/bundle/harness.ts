/**
 * Loads the built dist/Code.js with gas-local into a context holding only the emulator's Apps
 * Script globals, and calls it as Apps Script would: through its top-level functions.
 */
import { readFileSync } from 'node:fs';
import { createEmulator, emulatorFromJSON, type Emulator, type EmulatorOptions, type WorkbookJson } from '../../src/emulator';
import { loadBundle } from '../../src/emulator/server/bundle';
import { HEADERS, type ColumnName } from '../../src/core/columns';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
export const TABS = {
  creation: 'Community Partner Creation Template',
  archival: 'Community Partner Archival Template',
  registry: 'Learner Registry',
  log: 'Registry Log',
} as const;

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

export function loadAddOn({ workbook, replace = {}, ...options }: LoadOptions = {}): Loaded {
  const emu = workbook ? emulatorFromJSON(workbook, options) : createEmulator(options);
  const { context, inside, RealmDate } = loadBundle(emu, DIST, replace);
  return { emu, addon: context as unknown as AddOn, RealmDate, inside };
}

export function bundleSource(): string {
  return readFileSync(DIST + 'Code.js', 'utf8');
}

/** A template row of 17 cells from the named fields. */
export function templateRow(fields: Partial<Record<ColumnName, unknown>>): unknown[] {
  return HEADERS.map((h) => fields[h] ?? '');
}

