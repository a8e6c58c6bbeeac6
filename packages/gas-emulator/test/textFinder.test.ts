import { describe, expect, it } from 'vitest';
import { setup } from './helpers';

function sheetWith(rows: unknown[][]) {
  const { emu, ss } = setup();
  const sheet = ss.getSheetByName('Sheet1')!;
  sheet.getRange(1, 1, rows.length, (rows[0] as unknown[]).length).setValues(rows);
  emu.counter.reset();
  return { emu, ss, sheet };
}

const a1s = (ranges: GoogleAppsScript.Spreadsheet.Range[]): string[] => ranges.map((r) => r.getA1Notation());

describe('TextFinder', () => {
  const rows = [
    ['Email', 'Name'],
    ['ana@sdsu.edu', 'Ana'],
    ['ANA@SDSU.EDU', 'Luis'],
    ['diana@sdsu.edu', 'ana'],
    [' ana@sdsu.edu ', 'Ana Lee'],
  ];

  it('finds substrings ignoring case by default, row by row, and only in its range', () => {
    const { sheet } = sheetWith(rows);
    expect(a1s(sheet.getRange('A2:A5').createTextFinder('ana@sdsu').findAll())).toEqual(['A2', 'A3', 'A4', 'A5']);
    expect(a1s(sheet.createTextFinder('ana').findAll())).toEqual(['A2', 'B2', 'A3', 'A4', 'B4', 'A5', 'B5']);
  });

  it('matches the entire cell, and case when asked', () => {
    const { sheet } = sheetWith(rows);
    const column = sheet.getRange('A2:A5');
    expect(a1s(column.createTextFinder('ana@sdsu.edu').matchEntireCell(true).findAll())).toEqual(['A2', 'A3']);
    expect(a1s(column.createTextFinder('ana@sdsu.edu').matchEntireCell(true).matchCase(true).findAll())).toEqual(['A2']);
  });

  it('takes a regular expression, anywhere in the text unless the entire cell must match', () => {
    const { sheet } = sheetWith(rows);
    const column = sheet.getRange('A2:A5');
    expect(a1s(column.createTextFinder('^\\s*ana@sdsu\\.edu\\s*$').useRegularExpression(true).findAll())).toEqual(['A2', 'A3', 'A5']);
    expect(a1s(column.createTextFinder('d.ana').useRegularExpression(true).findAll())).toEqual(['A4']);
    expect(a1s(column.createTextFinder('ana').useRegularExpression(true).matchEntireCell(true).findAll())).toEqual([]);
  });

  it('searches formulas only with matchFormulaText, and steps with findNext from a cell', () => {
    const { emu, sheet } = sheetWith(rows);
    sheet.getRange('B3').setFormula('=Tom');
    expect(a1s(sheet.createTextFinder('^=').useRegularExpression(true).findAll())).toEqual([]);
    expect(a1s(sheet.createTextFinder('^=').useRegularExpression(true).matchFormulaText(true).findAll())).toEqual(['B3']);
    const finder = sheet.getRange('A2:A5').createTextFinder('ana@sdsu.edu').startFrom(sheet.getRange('A2'));
    expect(finder.findNext()!.getA1Notation()).toBe('A3');
    expect(finder.findNext()!.getA1Notation()).toBe('A4');
    expect(finder.findPrevious()!.getA1Notation()).toBe('A3');
    expect(emu.sheet('Sheet1')!.cell('B3').formula).toBe('=Tom');
  });

  it('costs one call to create, one per setting and one per search; the cells it hands back count as read, and where they are is free', () => {
    const { emu, sheet } = sheetWith(rows);
    const found = sheet.getRange('A1:B5').createTextFinder('ana@sdsu.edu').matchEntireCell(true).findAll();
    expect(found.map((r) => [r.getRow(), r.getColumn(), r.getSheet().getName()])).toEqual([
      [2, 1, 'Sheet1'],
      [3, 1, 'Sheet1'],
    ]);
    expect(emu.counter.byMethod).toEqual({
      'Sheet.getRange': 1,
      'Range.createTextFinder': 1,
      'TextFinder.matchEntireCell': 1,
      'TextFinder.findAll': 1,
      'Sheet.getName': 2,
    });
    expect(emu.counter.cellsRead).toBe(2);
  });
});

describe('a leading apostrophe a script writes into a plain-text cell', () => {
  for (const mode of ['drop', 'keep'] as const) {
    it(`is ${mode === 'drop' ? 'dropped' : 'kept'} with plainTextApostrophe: '${mode}'; a user's typing always drops it`, () => {
      const { emu, ss } = setup({ plainTextApostrophe: mode });
      const sheet = ss.getSheetByName('Sheet1')!;
      sheet.getRange('A1:A2').setNumberFormat('@');
      sheet.getRange('A1:B1').setValues([["'True", "'True"]]);
      expect(emu.sheet('Sheet1')!.cell('A1').value).toBe(mode === 'drop' ? 'True' : "'True");
      expect(emu.sheet('Sheet1')!.cell('B1').value).toBe('True'); // not plain text: the apostrophe marks text
      emu.sheet('Sheet1')!.setValues('A2', [["'True"]]);
      expect(emu.sheet('Sheet1')!.cell('A2').value).toBe('True');
    });
  }
});

describe('an edit of several areas', () => {
  it('lists its areas in its A1 notation; its rows and columns are the box around them', () => {
    const { emu } = setup();
    const e = emu.editEvent('Sheet1', 'A2:B3,D5');
    expect(e.range.getA1Notation()).toBe('A2:B3,D5');
    expect([e.range.getRow(), e.range.getLastRow(), e.range.getColumn(), e.range.getLastColumn()]).toEqual([2, 5, 1, 4]);
    expect(e.value).toBeUndefined();
  });
});
