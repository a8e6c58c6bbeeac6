import { describe, expect, it } from 'vitest';
import { emulatorFromJSON } from '../src';
import { setup, type SpreadsheetApp } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

const DONE = '=LEFT($R2,5)="Done:"';
const GREY = '#e8e8e8';
const WHITE = '#ffffff';

/** The add-on's rule: grey A2:R<rows> where R starts with "Done:". */
function doneRule(app: SpreadsheetApp, sheet: Sheet, a1 = `A2:R${sheet.getMaxRows()}`): Rule {
  return app
    .newConditionalFormatRule()
    .whenFormulaSatisfied(DONE)
    .setBackground(GREY)
    .setRanges([sheet.getRange(a1)])
    .build();
}

function formulaRule(app: SpreadsheetApp, sheet: Sheet, formula: string, color: string, ...a1s: string[]): Rule {
  return app
    .newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(color)
    .setRanges(a1s.map((a1) => sheet.getRange(a1)))
    .build();
}

function rangesOf(sheet: Sheet): string[][] {
  return sheet.getConditionalFormatRules().map((rule) => rule.getRanges().map((r) => r.getA1Notation()));
}

describe('conditional format rules: builder and rule', () => {
  it('builds a custom-formula rule whose getters give back what was set, without a Sheets call', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const range = sheet.getRange('A2:R1000');
    emu.counter.reset();
    const builder = app.newConditionalFormatRule();
    expect(builder.getBooleanCondition()).toBeNull();
    expect(builder.getRanges()).toEqual([]);
    builder.whenFormulaSatisfied(DONE).setBackground('#E8E8E8').setRanges([range]);
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:R1000']);
    const rule = builder.build();
    const condition = rule.getBooleanCondition();
    expect(condition?.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect(String(condition?.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(condition?.getCriteriaValues()).toEqual([DONE]);
    // Colours are normalized as Range.setBackground normalizes them.
    expect(condition?.getBackground()).toBe(GREY);
    expect(condition?.getFontColor()).toBeNull();
    expect(condition?.getBold()).toBeNull();
    expect(rule.getGradientCondition()).toBeNull();
    expect(rule.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:R1000']);
    expect(emu.counter.calls).toBe(0);
    expect(rule.getRanges()[0]?.getSheet().getName()).toBe('Sheet1');
  });

  it('normalizes a short colour, clears it with null, and keeps a built rule apart from its builder and its copies', () => {
    const { app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const builder = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A1="x"')
      .setBackground('#ABC')
      .setRanges([sheet.getRange('A1:A3')]);
    expect(builder.getBooleanCondition()?.getBackground()).toBe('#aabbcc');
    const rule = builder.build();
    builder.setBackground(null).setRanges([sheet.getRange('B1')]);
    expect(builder.getBooleanCondition()?.getBackground()).toBeNull();
    expect(rule.getBooleanCondition()?.getBackground()).toBe('#aabbcc');
    expect(rule.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A3']);
    const changed = rule.copy().setBackground('red').build();
    expect(changed.getBooleanCondition()?.getBackground()).toBe('#ff0000');
    expect(changed.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$A1="x"']);
    expect(rule.getBooleanCondition()?.getBackground()).toBe('#aabbcc');
  });

  it('refuses to build a rule with no condition or no range', () => {
    const { app, ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:B2');
    expect(() => app.newConditionalFormatRule().setBackground(GREY).setRanges([range]).build()).toThrow('no condition');
    expect(() => app.newConditionalFormatRule().whenFormulaSatisfied(DONE).setBackground(GREY).build()).toThrow('no ranges');
  });

  it('stores other conditions with their criteria type and values', () => {
    const { app, ss } = setup();
    const range = ss.getActiveSheet().getRange('A1:B2');
    const between = app.newConditionalFormatRule().whenNumberBetween(1, 10).setRanges([range]).build().getBooleanCondition();
    expect(String(between?.getCriteriaType())).toBe('NUMBER_BETWEEN');
    expect(between?.getCriteriaValues()).toEqual([1, 10]);
    const contains = app.newConditionalFormatRule().whenTextContains('late').setBold(true).setRanges([range]).build().getBooleanCondition();
    expect(String(contains?.getCriteriaType())).toBe('TEXT_CONTAINS');
    expect(contains?.getCriteriaValues()).toEqual(['late']);
    expect(contains?.getBold()).toBe(true);
    expect(contains?.getBackground()).toBeNull();
    const day = new Date(Date.UTC(2026, 2, 1));
    const after = app.newConditionalFormatRule().whenDateAfter(day).setRanges([range]).build().getBooleanCondition();
    expect(String(after?.getCriteriaType())).toBe('DATE_AFTER');
    const [value] = after?.getCriteriaValues() ?? [];
    expect(value).toBeInstanceOf(Date);
    expect((value as Date).getTime()).toBe(day.getTime());
  });
});

describe('conditional format rules on a sheet', () => {
  it('sets and gets the rules in one counted call each: no cell read, one cell written per rule', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const rules = [doneRule(app, sheet), formulaRule(app, sheet, '=$A1="x"', 'red', 'A1:A5', 'C1:C5')];
    emu.counter.reset();
    sheet.setConditionalFormatRules(rules);
    expect(emu.counter.calls).toBe(1);
    expect(emu.counter.byMethod['Sheet.setConditionalFormatRules']).toBe(1);
    expect(emu.counter.cellsWritten).toBe(2);
    expect(emu.counter.cellsRead).toBe(0);
    emu.counter.reset();
    const read = sheet.getConditionalFormatRules();
    expect(read.map((r) => r.getBooleanCondition()?.getCriteriaValues())).toEqual([[DONE], ['=$A1="x"']]);
    expect(read[1]?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A5', 'C1:C5']);
    expect(emu.counter.calls).toBe(1);
    expect(emu.counter.byMethod['Sheet.getConditionalFormatRules']).toBe(1);
    expect(emu.counter.cellsRead).toBe(0);
    expect(emu.counter.cellsWritten).toBe(0);
  });

  it('keeps an admin rule when one is added after it, in order; set replaces them all', () => {
    const { app, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.setConditionalFormatRules([formulaRule(app, sheet, '=$A1="x"', 'red', 'A1:A5')]);
    const rules = sheet.getConditionalFormatRules();
    rules.push(doneRule(app, sheet));
    sheet.setConditionalFormatRules(rules);
    expect(rangesOf(sheet)).toEqual([['A1:A5'], ['A2:R1000']]);
    sheet.setConditionalFormatRules([doneRule(app, sheet, 'A2:R9')]);
    expect(rangesOf(sheet)).toEqual([['A2:R9']]);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it('hands back a snapshot: later changes to the sheet or to the array do not reach it, nor it the sheet', () => {
    const { app, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.setConditionalFormatRules([doneRule(app, sheet)]);
    const before = sheet.getConditionalFormatRules();
    sheet.insertRowsBefore(1, 3);
    expect(before[0]?.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:R1000']);
    expect(rangesOf(sheet)).toEqual([['A5:R1003']]);
    before.pop();
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
  });

  it('refuses a rule whose ranges are on another sheet, leaving the rules as they were', () => {
    const { app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const other = ss.insertSheet('Other');
    sheet.setConditionalFormatRules([doneRule(app, sheet)]);
    const foreign = formulaRule(app, other, '=$A1="x"', 'red', 'A1:A5');
    expect(() => sheet.setConditionalFormatRules([foreign])).toThrow('on the sheet Other');
    const mixed = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A1="x"')
      .setRanges([sheet.getRange('A1:A2'), other.getRange('A1:A2')])
      .build();
    expect(() => sheet.setConditionalFormatRules([mixed])).toThrow('on the sheet Other');
    expect(rangesOf(sheet)).toEqual([['A2:R1000']]);
    expect(other.getConditionalFormatRules()).toEqual([]);
  });
});

describe('what a cell shows under the rules', () => {
  it('greys a done row across A:R, leaves the cell its own fill for getBackground, and the other rows alone', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.setConditionalFormatRules([doneRule(app, sheet)]);
    sheet.getRange('R3').setValue('Done: 2026-03-01');
    sheet.getRange('B3').setBackground('#ffff00');
    sheet.getRange('R4').setValue('Open');
    const view = emu.sheet('Sheet1')!;
    expect(view.cell('A3').shownBackground).toBe(GREY);
    expect(view.cell('R3').shownBackground).toBe(GREY);
    // The rule paints over the cell's own fill; the cell keeps it, and getBackground gives it.
    expect(view.cell('B3').shownBackground).toBe(GREY);
    expect(view.cell('B3').background).toBe('#ffff00');
    expect(sheet.getRange('B3').getBackground()).toBe('#ffff00');
    expect(view.cell('S3').shownBackground).toBe(WHITE); // outside A:R
    expect(view.cell('A4').shownBackground).toBe(WHITE);
    expect(view.cell('A2').shownBackground).toBe(WHITE);
  });

  // Sheets applies one rule to a cell, the first (in the sheet's order) that covers it and holds:
  // formats of several rules are not combined, so a rule that holds and sets no fill shows the
  // cell's own fill, whatever later rules would paint.
  it("takes the first rule, in order, that covers the cell and holds: its background, or the cell's own", () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B2').setValues([
      ['go', 'red'],
      ['go', ''],
    ]);
    sheet.getRange('C3').setBackground('#0000ff');
    const red = formulaRule(app, sheet, '=$B1="red"', '#ff0000', 'A1:C3');
    const green = formulaRule(app, sheet, '=$A1="go"', '#00ff00', 'A1:C3');
    const boldOnly = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A1="go"')
      .setBold(true)
      .setRanges([sheet.getRange('A1:C3')])
      .build();
    sheet.setConditionalFormatRules([boldOnly, red, green]);
    const view = emu.sheet('Sheet1')!;
    // A1 and A2 say "go": the bold rule holds first on rows 1 and 2, and sets no fill.
    expect(view.cell('C1').shownBackground).toBe(WHITE);
    expect(view.cell('C2').shownBackground).toBe(WHITE);
    expect(view.cell('C3').shownBackground).toBe('#0000ff'); // none holds: the cell's own fill
    sheet.setConditionalFormatRules([red, green]);
    expect(view.cell('C1').shownBackground).toBe('#ff0000'); // both hold: the first
    expect(view.cell('C2').shownBackground).toBe('#00ff00'); // B2 is blank: only the second holds
    sheet.setConditionalFormatRules([green, red]);
    expect(view.cell('C1').shownBackground).toBe('#00ff00');
  });

  it('compares text without regard to case, LEFT counting characters from the start', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.setConditionalFormatRules([doneRule(app, sheet)]);
    sheet.getRange('R2:R6').setValues([['done: by Ana'], ['DONE:'], ['Done'], [' Done: late'], ['Done;']]);
    const view = emu.sheet('Sheet1')!;
    expect(['A2', 'A3', 'A4', 'A5', 'A6'].map((a1) => view.cell(a1).shownBackground)).toEqual([GREY, GREY, WHITE, WHITE, WHITE]);
  });

  it('LEFT takes a number plainly, a date as its serial number, a boolean as TRUE/FALSE, a blank as ""', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const view = emu.sheet('Sheet1')!;
    // 2024-01-01 is day 45292 counted from 1899-12-30 (2 days to 1900-01-01, then 124 years and 30 leap days).
    view.setValues('A1', [['2024-01-01'], [45292.75], ['45292 apples'], [''], [true], [452]]);
    expect(view.cell('A1').value).toBeInstanceOf(Date);
    sheet.setConditionalFormatRules([
      formulaRule(app, sheet, '=LEFT($A1,5)="45292"', '#ff0000', 'B1:B6'),
      formulaRule(app, sheet, '=LEFT($A1,1)=""', '#00ff00', 'C1:C6'),
      formulaRule(app, sheet, '=LEFT($A1,4)="true"', '#0000ff', 'D1:D6'),
    ]);
    const shown = (column: string) => [1, 2, 3, 4, 5, 6].map((row) => view.cell(`${column}${row}`).shownBackground);
    expect(shown('B')).toEqual(['#ff0000', '#ff0000', '#ff0000', WHITE, WHITE, WHITE]);
    expect(shown('C')).toEqual([WHITE, WHITE, WHITE, '#00ff00', WHITE, WHITE]);
    expect(shown('D')).toEqual([WHITE, WHITE, WHITE, WHITE, '#0000ff', WHITE]);
  });

  it('=<cell>="<text>": a blank equals "", a number never equals a text; "" inside quotes is a quote, = is plain text', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const view = emu.sheet('Sheet1')!;
    view.setValues('A1', [['Say "hi" = ok'], [''], [5], ['a=b']]);
    sheet.setConditionalFormatRules([
      formulaRule(app, sheet, '=$A1="say ""hi"" = OK"', '#ff0000', 'B1:B4'),
      formulaRule(app, sheet, '=$A1=""', '#00ff00', 'C1:C4'),
      formulaRule(app, sheet, '=$A1="5"', '#0000ff', 'D1:D4'),
      formulaRule(app, sheet, '=$A1="A=B"', '#ffff00', 'E1:E4'),
    ]);
    const shown = (column: string) => [1, 2, 3, 4].map((row) => view.cell(`${column}${row}`).shownBackground);
    expect(shown('B')).toEqual(['#ff0000', WHITE, WHITE, WHITE]);
    expect(shown('C')).toEqual([WHITE, '#00ff00', WHITE, WHITE]);
    expect(shown('D')).toEqual([WHITE, WHITE, WHITE, WHITE]);
    expect(shown('E')).toEqual([WHITE, WHITE, WHITE, '#ffff00']);
  });

  it("reads relative references from the top-left cell of the rule's first range", () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const view = emu.sheet('Sheet1')!;
    sheet.getRange('R5').setValue('Done: x');
    sheet.getRange('B1').setValue('x');
    // First range starts at row 6: $R2 there means four rows up, so row 9 looks at R5; row 5 (in the second range) at R1.
    const shifted = formulaRule(app, sheet, DONE, GREY, 'A6:R10', 'A2:R5');
    const rowFixed = formulaRule(app, sheet, '=B$1="x"', '#00ff00', 'A20:A22');
    sheet.setConditionalFormatRules([shifted]);
    expect(['A5', 'A6', 'A9', 'R9', 'A10'].map((a1) => view.cell(a1).shownBackground)).toEqual([WHITE, WHITE, GREY, GREY, WHITE]);
    // Both parts relative, anchored at A1: cell (r, c) looks at (r, c + 1). A1 looks at B1 ('x'); B1 at C1, A2 at B2: blank.
    sheet.setConditionalFormatRules([formulaRule(app, sheet, '=B1="x"', '#ff0000', 'A1:C2')]);
    expect(['A1', 'B1', 'A2'].map((a1) => view.cell(a1).shownBackground)).toEqual(['#ff0000', WHITE, WHITE]);
    // B$1 from A20, A21, A22: the row stays 1, the column B (one right of A, as the anchor A20 is).
    sheet.setConditionalFormatRules([rowFixed]);
    expect(['A20', 'A21', 'A22'].map((a1) => view.cell(a1).shownBackground)).toEqual(['#00ff00', '#00ff00', '#00ff00']);
  });

  it('a reference moved above row 1 is #REF!: the condition does not hold', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    // Anchored at A5, =A1="" looks four rows up: from A5 at A1 (blank, holds), from A2 at row -2.
    sheet.setConditionalFormatRules([formulaRule(app, sheet, '=A1=""', '#ff0000', 'A5', 'A2')]);
    const view = emu.sheet('Sheet1')!;
    expect(view.cell('A5').shownBackground).toBe('#ff0000');
    expect(view.cell('A2').shownBackground).toBe(WHITE);
  });

  it('throws, naming it, for a formula or condition the emulator does not evaluate; cells outside it are fine', () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const view = emu.sheet('Sheet1')!;
    sheet.setConditionalFormatRules([formulaRule(app, sheet, '=ISBLANK($A1)', '#ff0000', 'A1:A2')]);
    expect(() => view.cell('A1').shownBackground).toThrow('=ISBLANK($A1)');
    expect(view.cell('B1').shownBackground).toBe(WHITE);
    sheet.setConditionalFormatRules([formulaRule(app, sheet, '=LEFT($A1:A2,5)="Done:"', '#ff0000', 'A1:A2')]);
    expect(() => view.cell('A1')).toThrow('=LEFT($A1:A2,5)="Done:"');
    const between = app
      .newConditionalFormatRule()
      .whenNumberBetween(1, 2)
      .setBackground('red')
      .setRanges([sheet.getRange('A1')])
      .build();
    sheet.setConditionalFormatRules([between]);
    expect(() => view.cell('A1')).toThrow('NUMBER_BETWEEN');
  });
});

describe('rules follow rows and columns inserted and deleted', () => {
  function withRule(...a1s: string[]) {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.setConditionalFormatRules([formulaRule(app, sheet, DONE, GREY, ...a1s)]);
    return { emu, app, sheet };
  }

  it('rows inserted at or above the first row move the range down', () => {
    const { sheet } = withRule('A2:R10');
    sheet.insertRowsBefore(1, 2);
    expect(rangesOf(sheet)).toEqual([['A4:R12']]);
    sheet.insertRowsBefore(4, 1);
    expect(rangesOf(sheet)).toEqual([['A5:R13']]);
  });

  it('rows inserted inside the range grow it', () => {
    const { sheet } = withRule('A2:R10');
    sheet.insertRowsAfter(5, 3); // before row 6
    expect(rangesOf(sheet)).toEqual([['A2:R13']]);
    sheet.insertRowsBefore(13, 1); // before its last row
    expect(rangesOf(sheet)).toEqual([['A2:R14']]);
  });

  it('rows inserted after the last row do not grow it, even at the bottom of the sheet', () => {
    const { sheet } = withRule('A2:R10', 'A2:R1000');
    sheet.insertRowsAfter(10, 5);
    expect(rangesOf(sheet)).toEqual([['A2:R10', 'A2:R1005']]);
    sheet.insertRowsAfter(1005, 20);
    expect(sheet.getMaxRows()).toBe(1025);
    expect(rangesOf(sheet)).toEqual([['A2:R10', 'A2:R1005']]);
  });

  it('and a done row added at the bottom is not greyed until the rule covers it', () => {
    const { emu, app, sheet } = withRule('A2:R1000');
    sheet.insertRowsAfter(1000, 1);
    sheet.getRange('R1001').setValue('Done: new');
    sheet.getRange('R1000').setValue('Done: old');
    const view = emu.sheet('Sheet1')!;
    expect(view.cell('A1000').shownBackground).toBe(GREY);
    expect(view.cell('A1001').shownBackground).toBe(WHITE);
    sheet.setConditionalFormatRules([doneRule(app, sheet)]);
    expect(view.cell('A1001').shownBackground).toBe(GREY);
  });

  it('rows deleted shrink or move the range; a range deleted whole goes, and a rule with no range left', () => {
    const { sheet } = withRule('A2:R10', 'A20:R30');
    sheet.deleteRows(3, 2); // inside the first: 9 rows become 7; the second moves up 2
    expect(rangesOf(sheet)).toEqual([['A2:R8', 'A18:R28']]);
    sheet.deleteRows(1, 3); // row 1 above, rows 2-3 of the first: rows 4-8 become 1-5
    expect(rangesOf(sheet)).toEqual([['A1:R5', 'A15:R25']]);
    sheet.deleteRows(1, 5); // the first whole
    expect(rangesOf(sheet)).toEqual([['A10:R20']]);
    sheet.deleteRows(20, 5); // its last row and four below it
    expect(rangesOf(sheet)).toEqual([['A10:R19']]);
    sheet.deleteRows(10, 10);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it('columns inserted and deleted move and resize the range the same way', () => {
    const { sheet } = withRule('A2:R10');
    sheet.insertColumnsBefore(1, 1);
    expect(rangesOf(sheet)).toEqual([['B2:S10']]);
    sheet.insertColumnsAfter(3, 2); // before column 4, inside B:S
    expect(rangesOf(sheet)).toEqual([['B2:U10']]);
    sheet.insertColumnsAfter(21, 1); // after its last column U
    expect(rangesOf(sheet)).toEqual([['B2:U10']]);
    sheet.deleteColumns(1, 3); // A (before), B and C (its first two)
    expect(rangesOf(sheet)).toEqual([['A2:R10']]);
    sheet.deleteColumns(1, 18);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it("moves the formula's references with the rule: relative parts with its first range, absolute parts with their line", () => {
    const { emu, app, sheet } = withRule('A2:R10');
    const view = emu.sheet('Sheet1')!;
    const formulaOf = () => sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition()?.getCriteriaValues()[0]);
    sheet.getRange('R5').setValue('Done: x');
    sheet.insertRowsBefore(1, 2); // A2 is now A4, R5 is R7
    expect(formulaOf()).toEqual(['=LEFT($R4,5)="Done:"']);
    expect(['A6', 'A7', 'A8'].map((a1) => view.cell(a1).shownBackground)).toEqual([WHITE, GREY, WHITE]);
    sheet.insertRowsAfter(5, 3); // inside: the top-left stays
    expect(formulaOf()).toEqual(['=LEFT($R4,5)="Done:"']);
    sheet.deleteRows(4, 1); // its first row: the next one (5) becomes row 4, the top-left again
    expect(rangesOf(sheet)).toEqual([['A4:R14']]);
    expect(formulaOf()).toEqual(['=LEFT($R4,5)="Done:"']);
    expect(view.cell('A9').shownBackground).toBe(GREY); // R7, then R10 after the three inserted, then R9
    sheet.insertColumnsBefore(1, 1); // $R is a fixed column: it becomes $S
    expect(formulaOf()).toEqual(['=LEFT($S4,5)="Done:"']);
    expect(view.cell('B9').shownBackground).toBe(GREY);
    sheet.deleteColumns(19, 1); // column S itself: the reference is #REF!, and the rule colours nothing
    expect(formulaOf()).toEqual(['=LEFT(#REF!,5)="Done:"']);
    expect(view.cell('B9').shownBackground).toBe(WHITE);
    // An absolute row follows its row; text inside quotes is not a reference.
    sheet.getRange('A1').setValue('B2');
    sheet.setConditionalFormatRules([formulaRule(app, sheet, '=$A$1="B2"', '#ff0000', 'B2:B3')]);
    sheet.insertRowsBefore(1, 1);
    expect(formulaOf()).toEqual(['=$A$2="B2"']);
    expect(['B3', 'B4'].map((a1) => view.cell(a1).shownBackground)).toEqual(['#ff0000', '#ff0000']);
  });

  it('writing values or fills and sorting never change the rules', () => {
    const { sheet } = withRule('A2:R10');
    sheet.getRange('A2:B3').setValues([
      ['b', 1],
      ['a', 2],
    ]);
    sheet.getRange('A2:R10').setBackground('#ffff00');
    sheet.getRange('A2:R10').setBackgrounds(Array.from({ length: 9 }, () => new Array<string>(18).fill('#00ff00')));
    sheet.sort(1);
    expect(rangesOf(sheet)).toEqual([['A2:R10']]);
    expect(sheet.getConditionalFormatRules()[0]?.getBooleanCondition()?.getCriteriaValues()).toEqual([DONE]);
  });
});

describe('conditional format rules in the workbook JSON', () => {
  it("saves and restores a sheet's rules exactly, and reads a file saved before they were modelled", () => {
    const { emu, app, ss } = setup();
    const sheet = ss.getActiveSheet();
    const day = new Date(Date.UTC(2026, 2, 1, 8));
    sheet.setConditionalFormatRules([
      doneRule(app, sheet),
      app
        .newConditionalFormatRule()
        .whenDateAfter(day)
        .setFontColor('#FF0000')
        .setBold(false)
        .setRanges([sheet.getRange('B2:B5'), sheet.getRange('D7')])
        .build(),
    ]);
    const json = emu.toJSON();
    expect(json.sheets[0]?.conditionalRules).toEqual([
      { criteria: 'CUSTOM_FORMULA', values: [DONE], format: { background: GREY }, ranges: ['A2:R1000'] },
      {
        criteria: 'DATE_AFTER',
        values: [{ date: '2026-03-01T08:00:00.000Z' }],
        format: { fontColor: '#ff0000', bold: false },
        ranges: ['B2:B5', 'D7'],
      },
    ]);
    const restored = emulatorFromJSON(json);
    expect(restored.toJSON()).toEqual(json);
    const again = (restored.globals.SpreadsheetApp as SpreadsheetApp).getActiveSpreadsheet().getActiveSheet();
    const [done, dated] = again.getConditionalFormatRules();
    expect(done?.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:R1000']);
    expect(dated?.getBooleanCondition()?.getCriteriaValues()).toEqual([day]);
    const old = structuredClone(json);
    delete old.sheets[0]?.conditionalRules;
    expect(emulatorFromJSON(old).sheet('Sheet1')?.conditionalRules()).toEqual([]);
  });
});
