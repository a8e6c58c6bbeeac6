/**
 * Loads a built add-on (every .js under `dist`, as Apps Script loads every file of a project)
 * with gas-local into a context holding only the emulator's globals, and makes the emulator hand
 * the bundle dates and errors of the bundle's own realm.
 */
import { createRequire } from 'node:module';
import vm from 'node:vm';
import type { Emulator } from './index';

const gas = createRequire(import.meta.url)('gas-local') as { require(folder: string, globals: object): vm.Context };

export interface LoadedBundle {
  /** The bundle's global object: its top-level functions are properties of it. */
  context: vm.Context;
  /** Evaluates an expression inside the bundle's context (e.g. `typeof process`). */
  inside(code: string): unknown;
  /** The bundle realm's Date: dates given to the bundle must be made with it. */
  RealmDate: DateConstructor;
}

export function loadBundle(dist: string, emu: Emulator, replace: Record<string, unknown> = {}): LoadedBundle {
  const context = gas.require(dist, { ...emu.globals, ...replace });
  const inside = (code: string): unknown => vm.runInContext(code, context);
  const RealmDate = inside('Date') as DateConstructor;
  emu.useRealm({ Date: RealmDate, Error: inside('Error') as ErrorConstructor });
  return { context, inside, RealmDate };
}
