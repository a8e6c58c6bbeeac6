/**
 * A done row is grey across A:R by its tab's done rule (docs/design.md, "Marks"), not by 18 fills of
 * its own: what the admin sees (the emulator's shownBackground evaluates the rule) and what stands
 * behind it (the cells' own fills, the tab's rules). Expected colours: marks.ts FILL, by hand.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TABS, creationRow, loadSetUp, ok, registryRow, type Loaded } from './harness';
import { adminRuleAndCutDoneRule, dayId, sheetOf } from './loopHelpers';

const GREY = '#e8e8e8';
const YELLOW = '#fff2cc';
const WHITE = '#ffffff';
const CHECK = '#f3f3f3';
const WARNING = '#fce5cd';
const COLUMNS = 'ABCDEFGHIJKLMNOPQR'.split('');

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** The tab's rules as formula, background and A1 ranges. */
function rulesOf(loaded: Loaded, name: string = TABS.creation) {
  return sheetOf(loaded, name)
    .getConditionalFormatRules()
    .map((r: Rule) => ({
      formula: r.getBooleanCondition()?.getCriteriaValues()[0],
      background: r.getBooleanCondition()?.getBackground(),
      ranges: r.getRanges().map((g) => g.getA1Notation()),
    }));
}

const DONE_RULE = { formula: '=LEFT($R2,5)="Done:"', background: GREY };

function shown(loaded: Loaded, row: number): string[] {
  const tab = loaded.emu.sheet(TABS.creation)!;
  return COLUMNS.map((c) => tab.cell(`${c}${row}`).shownBackground);
}

function own(loaded: Loaded, row: number): string[] {
  const tab = loaded.emu.sheet(TABS.creation)!;
  return COLUMNS.map((c) => tab.cell(`${c}${row}`).background);
}

/** A Creation row's plain fills: yellow where it needs a value (A-G, I EmployeeType, N DateHire), white elsewhere, R the check's. */
const PLAIN = [...Array(7).fill(YELLOW), WHITE, YELLOW, ...Array(4).fill(WHITE), YELLOW, ...Array(3).fill(WHITE), CHECK];

describe("the done rule: a done row is grey by its tab's rule", () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov', settings: { activeCap: 10 } });
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
  });

  it('is set up on both template tabs, once, over A2:R to the last row', () => {
    expect(rulesOf(loaded)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1000'] }]);
    expect(rulesOf(loaded, TABS.archival)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1000'] }]);
    ok(loaded.addon.setupTemplates());
    expect(rulesOf(loaded)).toHaveLength(1);
  });

  it('greys the confirmed rows across A:R, with no fill of their own, and nothing else', () => {
    const { addon, emu } = loaded;
    emu.sheet(TABS.creation)!.setValues('A4', [creationRow('cy@sdsu.edu', 'Cy', 'Ng')]);
    ok(addon.exportCsv('creation', { rows: [2, 3] }));
    expect(shown(loaded, 2)).toEqual(PLAIN);
    emu.counter.reset();
    ok(addon.confirmBatch(dayId(1), '', { uploadedOn: '2026-11-21' }));
    // The rule stood: read, not written.
    expect(emu.counter.byMethod['Sheet.setConditionalFormatRules']).toBeUndefined();
    expect(emu.sheet(TABS.creation)!.cell('R2').value).toBe(`Done: 2026-11-21, ${dayId(1)}`);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    expect(shown(loaded, 3)).toEqual(Array(18).fill(GREY));
    expect(own(loaded, 2)).toEqual(PLAIN);
    // The row left out of the batch keeps its own look.
    expect(shown(loaded, 4)).toEqual(PLAIN);
  });

  it('a sync greys the rows it records, and a warning the row showed is gone from it', () => {
    const { addon, emu } = loaded;
    // Archived in the registry: the row will reactivate her, a warning on its Email, which does not stop a sync.
    emu.sheet(TABS.registry)!.setValues('A2', [registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Archived', '2026-01-10', '2026-06-30')]);
    addon.onEdit(emu.editEvent(TABS.creation, 'A2:Q3') as never);
    expect(String(emu.sheet(TABS.creation)!.cell('R2').value)).toMatch(/^Ready \| Warning: /);
    expect(shown(loaded, 2)[3]).toBe(WARNING);
    expect(emu.sheet(TABS.creation)!.cell('D2').note).toMatch(/Archived in the registry/);
    ok(addon.syncRegistry('creation'));
    expect(String(emu.sheet(TABS.creation)!.cell('R2').value)).toMatch(/^Done: /);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    expect(own(loaded, 2)).toEqual(PLAIN);
    expect(COLUMNS.map((c) => emu.sheet(TABS.creation)!.cell(`${c}2`).note)).toEqual(Array(18).fill(''));
  });

  it('a done row the admin edits loses the grey with no write of a fill: it is checked again', () => {
    const { addon, emu } = loaded;
    ok(addon.syncRegistry('creation'));
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    addon.onEdit(emu.editEvent(TABS.creation, 'C2', { value: 'Anna', oldValue: 'Ana' }) as never);
    expect(String(emu.sheet(TABS.creation)!.cell('R2').value)).not.toMatch(/^Done:/);
    expect(shown(loaded, 2)).not.toContain(GREY);
    expect(shown(loaded, 3)).toEqual(Array(18).fill(GREY));
  });

  it('a done row stays grey when the admin types in its Activity ends column (S, not checked)', () => {
    const { addon, emu } = loaded;
    ok(addon.syncRegistry('creation'));
    emu.sheet(TABS.creation)!.setValues('S2', [['2027-06-30']]);
    addon.onEdit(emu.editEvent(TABS.creation, 'S2', { value: '2027-06-30' }) as never);
    expect(String(emu.sheet(TABS.creation)!.cell('R2').value)).toMatch(/^Done: /);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
  });

  it("is put back, first and whole, when the admin deleted it or a paste cut it up, keeping the admin's own rules", () => {
    const { addon } = loaded;
    const sheet = sheetOf(loaded);
    // A paste over rows 2-3 took them out of the done rule's range.
    adminRuleAndCutDoneRule(loaded, 'Riverside County Community Partner', 'I2:I50', 'A4:R1000');
    ok(addon.syncRegistry('creation'));
    expect(rulesOf(loaded)).toEqual([
      { ...DONE_RULE, ranges: ['A2:R1000'] },
      { formula: '=$I2="Riverside County Community Partner"', background: '#00ff00', ranges: ['I2:I50'] },
    ]);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    // Deleted: put back.
    sheet.setConditionalFormatRules([]);
    loaded.emu.sheet(TABS.creation)!.setValues('A4', [creationRow('cy@sdsu.edu', 'Cy', 'Ng')]);
    ok(addon.syncRegistry('creation'));
    expect(rulesOf(loaded)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1000'] }]);
    expect(shown(loaded, 4)).toEqual(Array(18).fill(GREY));
  });

  it('is one rule still after rows are inserted under the header (which moves it and its formula down)', () => {
    const { addon, emu } = loaded;
    sheetOf(loaded).insertRowsAfter(1, 2);
    expect(rulesOf(loaded)).toEqual([{ formula: '=LEFT($R4,5)="Done:"', background: GREY, ranges: ['A4:R1002'] }]);
    emu.sheet(TABS.creation)!.setValues('A2', [creationRow('cy@sdsu.edu', 'Cy', 'Ng')]);
    ok(addon.syncRegistry('creation'));
    expect(rulesOf(loaded)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1002'] }]);
    expect([2, 4, 5].map((row) => shown(loaded, row))).toEqual(Array(3).fill(Array(18).fill(GREY)));
  });

  it("is written again when the admin stretched its range over the header: the formula's $R2 then reads the row below", () => {
    const { addon } = loaded;
    const sheet = sheetOf(loaded);
    // "Apply to range" A1:R1000 in the rules pane: the formula kept, its rows now counted from row 1.
    const stretched = sheet
      .getConditionalFormatRules()[0]!
      .copy()
      .setRanges([sheet.getRange('A1:R1000')])
      .build();
    sheet.setConditionalFormatRules([stretched]);
    ok(addon.syncRegistry('creation'));
    expect(rulesOf(loaded)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1000'] }]);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    expect(loaded.emu.sheet(TABS.creation)!.cell('A1').shownBackground).toBe('#d9d9d9'); // the header's own fill
  });

  it('still covers every row after Clear done rows (rows deleted, as many added at the bottom)', () => {
    const { addon } = loaded;
    ok(addon.syncRegistry('creation'));
    expect(ok(addon.clearDoneRows('creation')).cleared).toBe(2);
    expect(sheetOf(loaded).getMaxRows()).toBe(1000);
    expect(rulesOf(loaded)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1000'] }]);
  });

  it('covers rows added at the bottom once rows there turn done', () => {
    const { addon, emu } = loaded;
    const sheet = sheetOf(loaded);
    sheet.insertRowsAfter(1000, 5);
    emu.sheet(TABS.creation)!.setValues('A1003', [creationRow('cy@sdsu.edu', 'Cy', 'Ng')]);
    ok(addon.syncRegistry('creation'));
    expect(rulesOf(loaded)).toEqual([{ ...DONE_RULE, ranges: ['A2:R1005'] }]);
    expect(shown(loaded, 1003)).toEqual(Array(18).fill(GREY));
  });

  it('Set up templates repaints a tab whose rows are grey fills of their own (a workbook from before the rule)', () => {
    const { addon, emu } = loaded;
    ok(addon.syncRegistry('creation'));
    sheetOf(loaded).getRange('A2:R3').setBackground(GREY);
    ok(addon.setupTemplates());
    expect(own(loaded, 2)).toEqual(PLAIN);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    expect(emu.sheet(TABS.creation)!.cell('R2').value).toMatch(/^Done: /);
  });
});

describe('a workbook whose done rows are grey fills of their own, with no done rule yet (marked before the rule)', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov', settings: { activeCap: 10 } });
    loaded.emu.sheet(TABS.creation)!.setValues('A2', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    ok(loaded.addon.syncRegistry('creation'));
    // As the add-on marked done rows before the rule: 18 grey fills each, and no rule on the tab.
    const sheet = sheetOf(loaded);
    sheet.getRange('A2:R3').setBackground(GREY);
    sheet.setConditionalFormatRules([]);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
  });

  it('a done row the admin edits loses its own grey fills, its neighbour keeps them', () => {
    const { addon, emu } = loaded;
    emu.sheet(TABS.creation)!.setValues('C2', [['Anna']]);
    addon.onEdit(emu.editEvent(TABS.creation, 'C2', { value: 'Anna', oldValue: 'Ana' }) as never);
    // Pending again, warned that the registry has her already (an update): no grey left under it.
    expect(String(emu.sheet(TABS.creation)!.cell('R2').value)).toMatch(/^Ready \| Warning: /);
    expect(own(loaded, 2)).not.toContain(GREY);
    expect(shown(loaded, 2)).toEqual(own(loaded, 2));
    expect(shown(loaded, 3)).toEqual(Array(18).fill(GREY));
  });

  it('keeps them grey when a file is loaded onto the tab (the whole tab re-marked)', () => {
    const file = `Email,FirstName,LastName\r\ncy@sdsu.edu,Cy,Ng\r\n`;
    expect(ok(loaded.addon.importCsv('creation', file))).toMatchObject({ added: 1, firstRow: 4 });
    expect(loaded.emu.sheet(TABS.creation)!.cell('R2').value).toMatch(/^Done: /);
    expect(shown(loaded, 2)).toEqual(Array(18).fill(GREY));
    expect(shown(loaded, 3)).toEqual(Array(18).fill(GREY));
    expect(shown(loaded, 4)).not.toContain(GREY);
  });
});

describe('a done row among rows rewritten whole by an export (their check texts unknown), with no done rule yet', () => {
  it('keeps its grey: the rule is made sure of before the done row is painted plain', () => {
    const loaded = loadSetUp({ activeUserEmail: 'pat.admin@riversideca.gov', settings: { activeCap: 10 } });
    const { addon, emu } = loaded;
    const tab = emu.sheet(TABS.creation)!;
    tab.setValues('A2', [
      creationRow('ana@sdsu.edu', 'Ana', 'Lee'),
      creationRow('bo@sdsu.edu', 'Bo', 'Chu'),
      creationRow('cy@sdsu.edu', 'Cy', 'Ng'),
    ]);
    ok(addon.exportCsv('creation', { rows: [3] }));
    ok(addon.confirmBatch(dayId(1), '', { uploadedOn: '2026-11-21' }));
    expect(tab.cell('R3').value).toBe(`Done: 2026-11-21, ${dayId(1)}`);
    // Row 3 marked before the rule (grey fills of its own, no rule); rows 2 and 4 with a blank
    // check text (typed while the add-on could not mark them): unknown, so rewritten whole.
    const sheet = sheetOf(loaded);
    sheet.getRange('A3:R3').setBackground(GREY);
    sheet.setConditionalFormatRules([]);
    tab.setValues('R2', [['']]);
    tab.setValues('R4', [['']]);
    ok(addon.exportCsv('creation'));
    expect(tab.cell('R2').value).toBe(`In ${dayId(2)}: waiting for the import log`);
    expect(tab.cell('R4').value).toBe(`In ${dayId(2)}: waiting for the import log`);
    expect(shown(loaded, 3)).toEqual(Array(18).fill(GREY));
  });
});
