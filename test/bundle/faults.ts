/**
 * Fault injection for any operation of the bundle (#10): fail each Sheets call of a run in turn
 * (and, when asked, each pair: one in the run, one in its retry), then run it once more cleanly,
 * and compare the workbook with what one clean run leaves. Reusable for any write (saveSettings too).
 */
import { expect } from 'vitest';
import type { WorkbookJson } from '@cacwt/gas-emulator';
import { loadAddOn, type AddOn, type Loaded, type LoadOptions } from './harness';

export interface FaultCase {
  /** The workbook the operation starts from. */
  workbook: WorkbookJson;
  options?: Omit<LoadOptions, 'workbook'>;
  /** The operation: run once with a fault, then again with none (its answer is not checked). */
  run(addon: AddOn): unknown;
  /** What must be the same after a fault and a clean retry as after one clean run (timestamps left out). */
  snapshot(loaded: Loaded): unknown;
}

function load(c: FaultCase, workbook: WorkbookJson): Loaded {
  return loadAddOn({ ...c.options, workbook });
}

/** The Sheets calls of one clean run from `workbook`, and the snapshot it leaves. */
export function cleanRun(c: FaultCase, workbook = c.workbook): { calls: number; expected: unknown } {
  const loaded = load(c, workbook);
  loaded.emu.counter.reset();
  c.run(loaded.addon);
  const calls = loaded.emu.counter.calls;
  return { calls, expected: c.snapshot(loaded) };
}

/** Runs with the n-th call failing; null when the run made fewer calls (no fault happened). */
function faulted(c: FaultCase, workbook: WorkbookJson, n: number): Loaded | null {
  const loaded = load(c, workbook);
  loaded.emu.counter.reset();
  loaded.emu.failOnCall(n);
  c.run(loaded.addon);
  return loaded.emu.counter.calls < n ? null : loaded;
}

/** The clean run after a fault, in the same spreadsheet: what the admin does next. */
function retried(c: FaultCase, loaded: Loaded): unknown {
  c.run(loaded.addon);
  return c.snapshot(loaded);
}

/** Every single fault: the run cut at call n, then a clean run, leaves what one clean run leaves. Returns the calls of a clean run. */
export function everySingleFault(c: FaultCase, name: string): number {
  const { calls, expected } = cleanRun(c);
  expect(calls, `${name}: a clean run makes Sheets calls`).toBeGreaterThan(0);
  for (let n = 1; n <= calls; n++) {
    const cut = faulted(c, c.workbook, n);
    if (!cut) continue;
    expect(retried(c, cut), `${name}: fault at call ${n} of ${calls}, then a clean run`).toEqual(expected);
  }
  return calls;
}

/**
 * Every pair of faults: the run cut at call n, its retry cut at call m (every m of that retry),
 * then a clean run. Returns the number of (n, m) pairs tried.
 */
export function everyPairOfFaults(c: FaultCase, name: string): number {
  const { calls, expected } = cleanRun(c);
  let pairs = 0;
  for (let n = 1; n <= calls; n++) {
    const cut = faulted(c, c.workbook, n);
    if (!cut) continue;
    const first = cut.emu.toJSON();
    const retry = cleanRun(c, first).calls;
    for (let m = 1; m <= retry; m++) {
      const second = faulted(c, first, m);
      if (!second) continue;
      pairs++;
      expect(retried(c, second), `${name}: faults at call ${n}, then at call ${m} of the retry, then a clean run`).toEqual(expected);
    }
  }
  return pairs;
}
