/**
 * Issue #15, item 12: the registry shows every date in one format, whoever wrote it — a date an
 * admin typed as 6/15/2025 and one the add-on wrote read alike after "Set up templates".
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, TABS, loadAddOn, ok, registryRow } from './harness';

const HEADERS = ['UserID', 'FirstName', 'LastName', 'Email', 'EmployeeType', 'Affiliation', 'Status', 'DateHire', 'ArchivedOn'];

describe('registry dates', () => {
  it('are shown as YYYY-MM-DD in DateHire, ArchivedOn and ActivityEnds, and setup run again changes nothing', () => {
    const loaded = loadAddOn();
    // Typed as an admin would: Sheets stores each as a date cell, shown as typed.
    loaded.emu.addSheet(TABS.registry, [
      HEADERS,
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Archived', '6/15/2025', '11/28/2026'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'),
    ]);
    const registry = loaded.emu.sheet(TABS.registry)!;
    expect(registry.cell('H2').displayValue).toBe('6/15/2025');
    ok(loaded.addon.setupTemplates());
    ok(loaded.addon.saveSettings({ ...SETTINGS }));
    expect(['H2', 'I2', 'H3'].map((a1) => registry.cell(a1).displayValue)).toEqual(['2025-06-15', '2026-11-28', '2026-01-10']);
    // ActivityEnds was added as column J, in the same format.
    expect(registry.cell('J1').value).toBe('ActivityEnds');
    expect(registry.cell('J2').numberFormat).toBe('yyyy-mm-dd');
    const before = JSON.stringify(loaded.emu.toJSON());
    expect(ok(loaded.addon.setupTemplates()).repaired).toEqual([]);
    expect(JSON.stringify(loaded.emu.toJSON())).toBe(before);
  });
});
