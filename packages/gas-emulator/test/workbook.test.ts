import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import { emulatorFromJSON } from '../src';
import { setup } from './helpers';

const gas = createRequire(import.meta.url)('gas-local') as { require(folder: string, globals: object): Record<string, unknown> };

describe('toJSON and emulatorFromJSON', () => {
  it('round-trips values, dates, formulas, formats, rules, widths, frozen rows and properties exactly', () => {
    const { emu, app, ss } = setup({ spreadsheetName: 'County workbook' });
    const registry = ss.insertSheet('Learner Registry');
    registry.getRange('A1:C2').setValues([
      ['UserID', 'DateHire', 'Calc'],
      ['u1', '5/1/2026', '=A2'],
    ]);
    registry.getRange('A1:C1').setFontWeight('bold').setBackground('#d9ead3');
    registry.getRange('B2').setNote('typed');
    registry.getRange('D2:D3').setDataValidation(app.newDataValidation().requireValueInRange(registry.getRange('A2:A10')).build());
    registry
      .getRange('E2')
      .setDataValidation(
        app.newDataValidation().requireDateBetween(new Date('2026-01-01T08:00:00Z'), new Date('2026-12-31T08:00:00Z')).build(),
      );
    registry.setFrozenRows(1);
    registry.setColumnWidth(2, 140);
    registry.insertRowsAfter(1000, 2);
    emu.properties.document.county = 'Alameda';

    const json = emu.toJSON();
    const copy = emulatorFromJSON(JSON.parse(JSON.stringify(json)) as typeof json);
    expect(copy.toJSON()).toEqual(json);

    const restored = copy.sheet('Learner Registry')!;
    expect(restored.cell('B2').value).toEqual(new Date('2026-05-01T07:00:00Z'));
    expect(restored.cell('C2').formula).toBe('=A2');
    expect(restored.cell('D3').validation).toEqual({
      criteria: 'VALUE_IN_RANGE',
      values: [{ range: "'Learner Registry'!A2:A10" }, true],
      allowInvalid: true,
      helpText: '',
    });
    expect([restored.frozenRows, restored.columnWidth(2), restored.maxRows]).toEqual([1, 140, 1002]);
    const copied = (copy.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    expect(copied.getName()).toBe('County workbook');
    expect(
      (
        copied
          .getSheetByName('Learner Registry')!
          .getRange('D2')
          .getDataValidation()!
          .getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range
      ).getA1Notation(),
    ).toBe('A2:A10');
  });
});

describe('editEvent', () => {
  it('shapes a single-cell edit like Apps Script, entering the value as the user typed it', () => {
    const { emu } = setup();
    emu.addSheet('Community Partner Creation Template', [['UserID', 'Email']]);
    const e = emu.editEvent('Community Partner Creation Template', 'B2', {
      value: '5/1/2026',
      oldValue: 'old',
    }) as unknown as GoogleAppsScript.Events.SheetsOnEdit;
    expect(e.value).toBe('5/1/2026');
    expect(e.oldValue).toBe('old');
    expect(e.authMode).toBe('LIMITED');
    expect(e.user.getEmail()).toBe('admin@county.ca.gov');
    expect(e.range.getA1Notation()).toBe('B2');
    expect(e.source.getSheetByName('Community Partner Creation Template')).not.toBeNull();
    expect(emu.sheet('Community Partner Creation Template')!.cell('B2').value).toEqual(new Date('2026-05-01T07:00:00Z'));
  });

  it('has no value or oldValue for a multi-cell range', () => {
    const { emu } = setup();
    const e = emu.editEvent('Sheet1', 'A2:C4', { value: 'ignored' });
    expect('value' in e).toBe(false);
    expect('oldValue' in e).toBe(false);
    expect(emu.sheet('Sheet1')!.values()).toEqual([]);
  });
});

describe('running a script with gas-local', () => {
  it('gives the script only Apps Script globals, its own realm dates, and realm errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-gas-'));
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      `function probe() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Data');
        sheet.getRange('A1:B1').setValues([['when', '5/1/2026']]);
        var when = sheet.getRange('B1').getValue();
        var error = null;
        try { sheet.getRange(1001, 1); } catch (e) { error = e; }
        return {
          hidden: [typeof process, typeof require, typeof setTimeout, typeof URL, typeof TextEncoder].join(),
          isDate: when instanceof Date,
          iso: when.toISOString(),
          isError: error instanceof Error,
          message: error && error.message,
          local: Utilities.formatDate(when, SpreadsheetApp.getActive().getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm'),
        };
      }`,
    );
    try {
      const { emu } = setup();
      const ctx = gas.require(dir, emu.globals);
      emu.useRealm({ Date: vm.runInContext('Date', ctx) as DateConstructor, Error: vm.runInContext('Error', ctx) as ErrorConstructor });
      const result = (ctx.probe as () => Record<string, unknown>)();
      expect(result).toEqual({
        hidden: 'undefined,undefined,undefined,undefined,undefined',
        isDate: true,
        iso: '2026-05-01T07:00:00.000Z',
        isError: true,
        message: 'The coordinates of the range are outside the dimensions of the sheet.',
        local: '2026-05-01 00:00',
      });
      expect(emu.sheet('Data')!.values()).toEqual([['when', new Date('2026-05-01T07:00:00Z')]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
