import vm from 'node:vm';
import { describe, it, expect } from 'vitest';
import { setup } from './helpers';

describe('values written with setValue(s) are parsed as a user typing them', () => {
  it('keeps numbers, booleans and strings, and reads blanks as ""', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:E1');
    range.setValues([[42, true, 'plain text', null, undefined]]);
    expect(range.getValues()).toEqual([[42, true, 'plain text', '', '']]);
  });

  it('turns a leading "=" into a formula that reads back as "" (formula injection)', () => {
    const { ss } = setup();
    const cell = ss.getActiveSheet().getRange('A1');
    cell.setValue('=HYPERLINK("http://x","y")');
    expect(cell.getValue()).toBe('');
    expect(cell.getFormula()).toBe('=HYPERLINK("http://x","y")');
  });

  it('turns a leading "+" or "-" that is not a number into a formula too', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:B1');
    range.setValues([['+1 555 0100', '-cmd']]);
    expect(range.getFormulas()).toEqual([['=+1 555 0100', '=-cmd']]);
  });

  it('stores the text after a leading apostrophe literally', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:C1');
    range.setValues([["'=SUM(1)", "'00123", "'TRUE"]]);
    expect(range.getValues()).toEqual([['=SUM(1)', '00123', 'TRUE']]);
    expect(range.getFormulas()).toEqual([['', '', '']]);
  });

  it('turns numeric and boolean strings into numbers and booleans, dropping leading zeros', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:H1');
    range.setValues([['123', '+1', '-1', '1.5', '00123', '1,234', 'true', 'FALSE']]);
    expect(range.getValues()).toEqual([[123, 1, -1, 1.5, 123, 1234, true, false]]);
  });

  it('keeps text as typed in a plain-text (@) cell, but still makes formulas', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:D1');
    range.setNumberFormat('@');
    range.setValues([['00123', 'TRUE', '5/1/2026', '=1+1']]);
    expect(range.getValues()).toEqual([['00123', 'TRUE', '5/1/2026', '']]);
    expect(range.getFormulas()[0]?.[3]).toBe('=1+1');
  });

  it('parses M/D/YYYY and YYYY-MM-DD as midnight in the spreadsheet time zone', () => {
    const { ss } = setup({ spreadsheetTimeZone: 'America/Los_Angeles' });
    const range = ss.getActiveSheet().getRange('A1:C1');
    range.setValues([['5/1/2026', '2026-01-15', '2/30/2026']]);
    const [[may, jan, invalid]] = range.getValues() as [[Date, Date, unknown]];
    // May is daylight time (UTC-7), January standard time (UTC-8).
    expect(may.toISOString()).toBe('2026-05-01T07:00:00.000Z');
    expect(jan.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(invalid).toBe('2/30/2026');
    expect(range.getDisplayValues()).toEqual([['5/1/2026', '2026-01-15', '2/30/2026']]);
    expect(range.getNumberFormats()[0]?.slice(0, 2)).toEqual(['M/d/yyyy', 'yyyy-mm-dd']);
  });

  it('stores Date objects as the instant and gives them a date-time format', () => {
    const { ss } = setup();
    const cell = ss.getActiveSheet().getRange('A1');
    cell.setValue(new Date('2026-05-01T07:00:00Z'));
    expect((cell.getValue() as Date).getTime()).toBe(Date.parse('2026-05-01T07:00:00Z'));
    expect(cell.getDisplayValue()).toBe('5/1/2026 0:00:00');
    // Without a date format a date shows as its serial number: 25569 days to 1970 plus 20574 to 2026-05-01.
    cell.clearFormat();
    expect(cell.getDisplayValue()).toBe('46143');
  });

  it('hands out dates of the realm given to useRealm', () => {
    const { emu, ss } = setup();
    const cell = ss.getActiveSheet().getRange('A1');
    cell.setValue('5/1/2026');
    const RealmDate = vm.runInContext('Date', vm.createContext({})) as DateConstructor;
    emu.useRealm({ Date: RealmDate });
    const value = cell.getValue();
    expect(value instanceof RealmDate).toBe(true);
    expect(value instanceof Date).toBe(false);
    expect(Object.prototype.toString.call(value)).toBe('[object Date]');
    // A foreign-realm date written back is still recognised as a date.
    ss.getActiveSheet().getRange('B1').setValue(value);
    expect((ss.getActiveSheet().getRange('B1').getValue() as Date).getTime()).toBe(Date.parse('2026-05-01T07:00:00Z'));
  });

  it('setValue over a multi-cell range fills every cell', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:B2');
    range.setValue('x');
    expect(range.getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  it('rejects data of the wrong shape with Apps Script messages', () => {
    const { ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:B2');
    expect(() => range.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(range.getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });
});
