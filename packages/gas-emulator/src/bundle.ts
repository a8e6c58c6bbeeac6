/**
 * Loads a built bundle (every .js file of a folder, as Apps Script concatenates a project's files)
 * with gas-local into a context holding only the emulator's Apps Script globals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Emulator } from './index';

const gas = createRequire(import.meta.url)('gas-local') as { require(folder: string, globals: object): Record<string, unknown> };

export interface LoadedBundle {
  /** The bundle's global object: its top-level functions are properties of it. */
  context: Record<string, unknown>;
  /** Evaluates an expression inside the bundle's context (e.g. `typeof process`). */
  inside(code: string): unknown;
  /** The bundle realm's Date, which getValues hands out from now on. */
  RealmDate: DateConstructor;
}

/** `replace` swaps some globals, e.g. a PropertiesService that throws as in AuthMode.NONE. */
export function loadBundle(emu: Emulator, dir: string, replace: Record<string, unknown> = {}): LoadedBundle {
  const context = gas.require(dir, { ...emu.globals, ...replace });
  const inside = (code: string): unknown => vm.runInContext(code, context);
  const RealmDate = inside('Date') as DateConstructor;
  emu.useRealm({ Date: RealmDate, Error: inside('Error') as ErrorConstructor });
  return { context, inside, RealmDate };
}

/** The .html files of a built folder, keyed by name without '.html', for HtmlService.createHtmlOutputFromFile. */
export function htmlFilesIn(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.html')) files[name.slice(0, -'.html'.length)] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}
