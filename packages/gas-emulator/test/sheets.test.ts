import { describe, it, expect } from 'vitest';
import { setup } from './helpers';

describe('sheets and ranges', () => {
  it('starts with one 1000 x 26 sheet and manages tabs like Sheets', () => {
    const { ss } = setup();
    const first = ss.getSheets()[0]!;
    expect(first.getName()).toBe('Sheet1');
    expect([first.getMaxRows(), first.getMaxColumns()]).toEqual([1000, 26]);
    const data = ss.insertSheet('Data');
    expect(ss.getActiveSheet().getName()).toBe('Data');
    expect(data.getIndex()).toBe(2);
    expect(() => ss.insertSheet('data')).toThrow('A sheet with the name "data" already exists. Please enter another name.');
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.insertSheet('Front', 0).getIndex()).toBe(1);
    ss.deleteSheet(ss.getSheetByName('Front')!);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Data']);
  });

  it('reads a block with getSheetValues as getRange().getValues() does, in one call', () => {
    const { emu, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:C2').setValues([
      ['Email', 'Hired', 'n'],
      ['ana@x.org', '1/10/2026', 7],
    ]);
    emu.counter.reset();
    const values = sheet.getSheetValues(1, 1, 3, 3);
    expect(emu.counter.byMethod).toEqual({ 'Sheet.getSheetValues': 1 });
    expect(emu.counter.cellsRead).toBe(9);
    expect(values[1]?.[1]).toBeInstanceOf(Date);
    expect(values).toEqual(sheet.getRange(1, 1, 3, 3).getValues());
    expect(values[2]).toEqual(['', '', '']);
    expect(() => sheet.getSheetValues(1, 1, 1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getSheetValues(0, 1, 1, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getSheetValues(1, 1, -1, 1)).toThrow('not modelled');
  });

  it('hides and shows columns, and says which are hidden; the hidden column keeps its values', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.getRange('T1').setValue('State');
    sheet.hideColumns(20);
    expect([sheet.isColumnHiddenByUser(19), sheet.isColumnHiddenByUser(20)]).toEqual([false, true]);
    expect(sheet.getRange('T1').getValue()).toBe('State');
    sheet.hideColumns(1, 2);
    sheet.showColumns(2);
    expect([1, 2, 20].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([true, false, true]);
    expect(() => sheet.hideColumns(27)).toThrow();
  });

  it('throws outside the sheet, so appending past row 1000 needs inserted rows', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('AA1')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getMaxRows()).toBe(1005);
    sheet.getRange(1001, 1, 5, 1).setValues([['a'], ['b'], ['c'], ['d'], ['e']]);
    expect(sheet.getLastRow()).toBe(1005);
  });

  it('rejects getRange arguments of the wrong type', () => {
    const { ss } = setup();
    const getRange = ss.getActiveSheet().getRange as (...args: unknown[]) => unknown;
    expect(() => getRange.call(ss.getActiveSheet(), undefined, 1)).toThrow(
      "The parameters (null,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  it('resolves open-ended A1 ranges against the sheet size', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    expect(sheet.getRange('A2:Q').getA1Notation()).toBe('A2:Q1000');
    expect(sheet.getRange('B:C').getNumRows()).toBe(1000);
    expect(ss.getRange("'Sheet1'!C3").getRow()).toBe(3);
  });

  it('finds the last row and column with content (formulas count, formats do not)', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('C5').setFormula('=1');
    sheet.getRange('A7').setBackground('#FF0000');
    sheet.getRange('B2').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
    expect(sheet.getRange('A7').getBackground()).toBe('#ff0000');
  });

  it('shifts content on row insertion and deletion, new rows inheriting the anchor row format', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A3').setValues([['h'], ['r2'], ['r3']]);
    sheet.getRange('A2').setBackground('#00ff00');
    sheet.insertRowsAfter(2, 2);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['h'], ['r2'], [''], [''], ['r3']]);
    expect(sheet.getRange('A3').getBackground()).toBe('#00ff00');
    sheet.deleteRows(3, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['h'], ['r2'], ['r3']]);
    expect(sheet.getMaxRows()).toBe(1000);
  });

  it('refuses to delete every non-frozen row', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(2, 998);
    expect(sheet.getMaxRows()).toBe(2);
  });

  it('appends after the last row, growing a full sheet', () => {
    const { ss } = setup();
    const sheet = ss.insertSheet('Log');
    sheet.deleteRows(2, 999);
    sheet.appendRow(['a', '1']);
    sheet.appendRow(['b', '2']);
    expect(sheet.getMaxRows()).toBe(2);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('sorts rows below the frozen header, blanks last, moving formats with the values', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B5').setValues([
      ['Name', 'N'],
      ['bob', 2],
      ['', 9],
      ['Alice', 1],
      ['carl', 3],
    ]);
    sheet.getRange('A4').setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.sort(1);
    expect(sheet.getRange('A1:B5').getValues()).toEqual([
      ['Name', 'N'],
      ['Alice', 1],
      ['bob', 2],
      ['carl', 3],
      ['', 9],
    ]);
    expect(sheet.getRange('A2').getFontWeight()).toBe('bold');
    sheet.getRange('A2:B5').sort({ column: 2, ascending: false });
    expect(sheet.getRange('B2:B5').getValues()).toEqual([[9], [3], [2], [1]]);
  });

  it('keeps formats, notes and data validation per cell', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const rule = app
      .newDataValidation()
      .requireValueInList(['Active', 'Archived'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick one')
      .build();
    sheet.getRange('G2:G3').setDataValidation(rule);
    sheet.getRange('A1').setNote('Header').setFontWeight('bold').setFontColor('#fff');
    expect(sheet.getRange('G3').getDataValidation()?.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(sheet.getRange('G3').getDataValidation()?.getCriteriaValues()).toEqual([['Active', 'Archived'], true]);
    // Validation never blocks a script's write.
    sheet.getRange('G2').setValue('Bogus');
    expect(emu.sheet('Sheet1')?.cell('G2')).toMatchObject({
      value: 'Bogus',
      validation: { criteria: 'VALUE_IN_LIST', values: [['Active', 'Archived'], true], allowInvalid: false, helpText: 'Pick one' },
    });
    expect(emu.sheet('Sheet1')?.cell('A1')).toMatchObject({
      note: 'Header',
      fontWeight: 'bold',
      fontColor: '#ffffff',
      background: '#ffffff',
    });
    sheet.getRange('G2:G3').setDataValidation(null);
    expect(sheet.getRange('G2:G3').getDataValidations()).toEqual([[null], [null]]);
    // clear() takes contents and formats, not notes.
    sheet.getRange('A1').setValue('x').clear();
    expect(emu.sheet('Sheet1')?.cell('A1')).toMatchObject({ value: '', note: 'Header', fontWeight: 'normal' });
  });

  it('writes one value to every range of a RangeList, as typing would, in one counted call', () => {
    const { emu, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B3').setValues([
      ['a', '=1+1'],
      ['b', 'x'],
      ['c', 'y'],
    ]);
    emu.counter.reset();
    const list = sheet.getRangeList(['B1', 'B3', 'D2:D3']);
    list.setValue('2026-11-29');
    expect(emu.counter.byMethod).toEqual({ 'Sheet.getRangeList': 1, 'RangeList.setValue': 1 });
    expect(emu.counter.cellsWritten).toBe(4);
    const values = sheet.getRange('A1:D3').getValues();
    // A typed date becomes a date cell; the formula it replaced is gone, B2 and column A untouched.
    expect(Object.prototype.toString.call(values[0]![1])).toBe('[object Date]');
    expect(sheet.getRange('B1').getFormula()).toBe('');
    expect(values.map((r) => [r[0], r[1] instanceof Date ? 'date' : r[1]])).toEqual([
      ['a', 'date'],
      ['b', 'x'],
      ['c', 'date'],
    ]);
    list.clearContent();
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[''], ['x'], ['']]);
    expect(() => sheet.getRangeList([])).toThrow(/method signature/);
    expect(() => sheet.getRangeList(['A1001'])).toThrow(/outside the dimensions/);
  });

  it('keeps the active sheet and range', () => {
    const { app, ss } = setup();
    ss.insertSheet('Other');
    ss.getSheetByName('Sheet1')!.getRange('C4').activate();
    expect(app.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getActiveCell().getA1Notation()).toBe('C4');
  });
});

describe('counting Sheets calls', () => {
  it('counts every method call on SpreadsheetApp, Spreadsheet, Sheet and Range, and the cells read and written', () => {
    const { emu, app } = setup();
    emu.counter.reset();
    const sheet = app.getActiveSpreadsheet().getSheetByName('Sheet1')!;
    sheet.getRange('A1:B3').setValues([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    sheet.getRange(1, 1, 3, 2).getValues();
    sheet.getRange('A1:C1').setBackground('#eeeeee');
    sheet.getRange('A1').getValue();
    expect(emu.counter.calls).toBe(10);
    expect(emu.counter.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 4,
      'Range.setValues': 1,
      'Range.getValues': 1,
      'Range.setBackground': 1,
      'Range.getValue': 1,
    });
    expect(emu.counter.cellsWritten).toBe(6 + 3);
    expect(emu.counter.cellsRead).toBe(6 + 1);
  });

  it('does not count builders, validations, inspection or other services', () => {
    const { emu, app } = setup();
    const builder = app.newDataValidation();
    emu.counter.reset();
    builder.requireTextIsEmail().build().getCriteriaType();
    emu.sheet('Sheet1')?.values();
    (emu.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().getKeys();
    expect(emu.counter.calls).toBe(0);
  });

  it('fails the n-th call from now, once, with the Apps Script message', () => {
    const { emu, ss } = setup();
    const sheet = ss.getActiveSheet();
    emu.failOnCall(2);
    const range = sheet.getRange('A1');
    expect(() => range.setValue('x')).toThrow('Service Spreadsheets failed while accessing document');
    expect(range.getValue()).toBe('');
    range.setValue('y');
    expect(range.getValue()).toBe('y');
    emu.failOnCall(1, 'Quota exceeded');
    expect(() => sheet.getLastRow()).toThrow('Quota exceeded');
  });
});
