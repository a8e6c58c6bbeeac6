/**
 * The registry writer (#14): a batch that renames learners far apart writes their names as one
 * block per column, in a fixed number of calls; the cells between are written back exactly as they
 * were, so an admin's formula and hand edits there stay; a cell between that could not be written
 * back unchanged (text Sheets would read as a number) makes it write the changed cells alone.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, TABS, creationRow, loadAddOn, ok, registryRow, type Loaded } from './harness';

function workbook(between: unknown[], apostrophe: 'drop' | 'keep' = 'drop'): Loaded {
  const loaded = loadAddOn({ plainTextApostrophe: apostrophe });
  ok(loaded.addon.setupTemplates());
  ok(loaded.addon.saveSettings(SETTINGS));
  loaded.emu
    .sheet(TABS.registry)!
    .setValues('A2', [
      registryRow('ana@x.org', 'Ana', 'Lee', 'Active', '2026-01-10'),
      registryRow('bo@x.org', 'Bo', 'Ng', 'Active', '2026-01-10'),
      between,
      registryRow('dee@x.org', 'Dee', 'Moss', 'Active', '2026-01-10'),
      registryRow('eve@x.org', 'Eve', 'Ray', 'Active', '2026-01-10'),
    ]);
  // Ana (row 2) and Eve (row 6) get new last names; Bo, the row between and Dee do not change.
  loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@x.org', 'Ana', 'Leigh'), creationRow('eve@x.org', 'Eve', 'Rae')]);
  return loaded;
}

/** Column C (LastName) of rows 2..6: value and formula. */
function lastNames(loaded: Loaded): { value: unknown; formula: string }[] {
  const sheet = loaded.emu.sheet(TABS.registry)!;
  return [2, 3, 4, 5, 6].map((row) => {
    const { value, formula } = sheet.cell(`C${row}`);
    return { value, formula };
  });
}

describe('registry names written as one block per column', () => {
  it("keeps an admin's formula and hand edits between the renamed rows", () => {
    const row = registryRow('cy@x.org', 'Cy', 'Chu', 'Active', '2026-01-10');
    row[2] = '=UPPER("chu")';
    const loaded = workbook(row);
    // A hand edit the add-on never made: Bo's last name typed with a trailing note.
    loaded.emu.sheet(TABS.registry)!.setValues('C3', [['Ng (Bo)']]);
    const result = ok(loaded.addon.syncRegistry('creation'));
    expect(result).toMatchObject({ updated: 2, added: 0 });
    expect(lastNames(loaded)).toEqual([
      { value: 'Leigh', formula: '' },
      { value: 'Ng (Bo)', formula: '' },
      { value: '', formula: '=UPPER("chu")' }, // the emulator does not compute formulas: the formula stays
      { value: 'Moss', formula: '' },
      { value: 'Rae', formula: '' },
    ]);
    // Only LastName changed: FirstName, Status and the rest of each row are as they were.
    const values = loaded.emu.sheet(TABS.registry)!.values();
    expect(values.map((r) => r[1])).toEqual(['FirstName', 'Ana', 'Bo', 'Cy', 'Dee', 'Eve']);
    expect(values.slice(1).map((r) => r[6])).toEqual(['Active', 'Active', 'Active', 'Active', 'Active']);
  });

  it('writes the changed cells alone when a cell between could not be written back unchanged', () => {
    // Cy's last name is the text 0123 in a plain-text cell: written back it would need an
    // apostrophe, which Sheets may keep in such a cell (as this emulator is set to).
    const loaded = workbook(registryRow('cy@x.org', 'Cy', 'Chu', 'Active', '2026-01-10'), 'keep');
    const app = loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    app.getActiveSpreadsheet().getSheetByName(TABS.registry)!.getRange('C4').setNumberFormat('@');
    loaded.emu.sheet(TABS.registry)!.setValues('C4', [['0123']]);
    ok(loaded.addon.syncRegistry('creation'));
    expect(lastNames(loaded).map((c) => c.value)).toEqual(['Leigh', 'Ng', '0123', 'Moss', 'Rae']);
  });

  it('writes back unchanged a text between that Sheets would read as a number in exponent notation', () => {
    for (const apostrophe of ['drop', 'keep'] as const) {
      const loaded = workbook(registryRow('cy@x.org', 'Cy', 'Chu', 'Active', '2026-01-10'), apostrophe);
      // Cy's last name typed as text ('1e5): written back as 1e5 it would become the number 100000.
      loaded.emu.sheet(TABS.registry)!.setValues('C4', [["'1e5"]]);
      ok(loaded.addon.syncRegistry('creation'));
      expect(
        lastNames(loaded).map((c) => c.value),
        apostrophe,
      ).toEqual(['Leigh', 'Ng', '1e5', 'Moss', 'Rae']);
    }
  });

  it('keeps a date between as the same date in its own format', () => {
    const loaded = workbook(registryRow('cy@x.org', 'Cy', 'Chu', 'Active', '2026-01-10'));
    const app = loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const cell = app.getActiveSpreadsheet().getSheetByName(TABS.registry)!.getRange('C4');
    cell.setValue(new Date(Date.UTC(2026, 0, 10, 8))).setNumberFormat('yyyy-mm-dd');
    const before = loaded.emu.sheet(TABS.registry)!.cell('C4');
    ok(loaded.addon.syncRegistry('creation'));
    expect(loaded.emu.sheet(TABS.registry)!.cell('C4')).toEqual(before);
  });
});
