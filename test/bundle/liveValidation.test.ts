import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import { TABS, archivalRow, creationRow as creation, loadSetUp, ok, registryRow, templateRow, type Loaded } from './harness';

// The fills an admin sees: Google Sheets' "light red 3", "light orange 3", the template yellow.
const RED = '#f4cccc';
const ORANGE = '#fce5cd';
const YELLOW = '#fff2cc';
const WHITE = '#ffffff';
const GREY = '#f3f3f3';

/** A distinct last name per number (names hold letters only): 12 → 'Leebc'. */
const lastName = (i: number): string => `Lee${[...String(i)].map((d) => 'abcdefghij'[Number(d)]).join('')}`;

/** Column letter of a header: the template's A:Q. */
const at = (column: ColumnName, row: number): string => String.fromCharCode(65 + HEADERS.indexOf(column)) + row;

function todayInLosAngeles(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
}

/**
 * Whether Sheets keeps or drops the apostrophe a script writes into a plain-text cell is not
 * documented: every test here runs under both (domain.md, "Text in cells").
 */
let apostrophe: 'drop' | 'keep' = 'drop';

function setUp(): Loaded {
  const loaded = loadSetUp({ plainTextApostrophe: apostrophe });
  return loaded;
}

/** The admin types one cell: Apps Script sends value (and oldValue when the cell held one). */
function type(loaded: Loaded, a1: string, value: string, oldValue?: string, tab: string = TABS.creation): void {
  loaded.addon.onEdit(loaded.emu.editEvent(tab, a1, oldValue === undefined ? { value } : { value, oldValue }) as never);
}

/** The admin pastes (or fills down, or clears) a block: Apps Script sends neither value nor oldValue. */
function paste(loaded: Loaded, a1: string, rows: unknown[][], tab: string = TABS.creation): void {
  loaded.emu.sheet(tab)!.setValues(a1.split(':')[0]!, rows);
  loaded.addon.onEdit(loaded.emu.editEvent(tab, a1) as never);
}

function cell(loaded: Loaded, a1: string, tab: string = TABS.creation) {
  return loaded.emu.sheet(tab)!.cell(a1);
}

function check(loaded: Loaded, row: number, tab: string = TABS.creation): unknown {
  return cell(loaded, `R${row}`, tab).value;
}

/** Fills of A:Q of a row, for comparing with the template's plain pattern. */
function fills(loaded: Loaded, row: number, tab: string = TABS.creation): string[] {
  return HEADERS.map((h) => cell(loaded, at(h, row), tab).background);
}

// Yellow where the admin types on the Creation tab (UserID … EmployeeType, DateHire), white elsewhere.
const CREATION_PLAIN = HEADERS.map((h) =>
  [
    'OrganizationName',
    'RTADepartment',
    'RTAJobTitle',
    'RTAJobCode',
    'AreaOfAssignment',
    'DateTransfer',
    'UserLevel',
    'AssocLMSID',
  ].includes(h)
    ? WHITE
    : YELLOW,
);

for (const mode of ['drop', 'keep'] as const) {
  describe(`Sheets ${mode === 'drop' ? 'dropping' : 'keeping'} a written apostrophe`, () => {
    beforeAll(() => {
      apostrophe = mode;
    });

    describe('onEdit on a template tab', () => {
      let loaded: Loaded;
      beforeEach(() => {
        loaded = setUp();
      });

      it('turns a mistyped email red with a note saying why, and back to yellow when fixed', () => {
        paste(loaded, 'A2:Q2', [creation('ana.lee@sdsu.edu', 'Ana', 'Lee')]);
        expect(check(loaded, 2)).toBe('Ready');
        expect(fills(loaded, 2)).toEqual(CREATION_PLAIN);

        type(loaded, 'D2', 'ana.lee@sdsu', 'ana.lee@sdsu.edu');
        expect(cell(loaded, 'D2').background).toBe(RED);
        expect(cell(loaded, 'D2').note).toBe(
          'Email "ana.lee@sdsu" is not an email address: type the partner\'s one address, like ana@sdsu.edu.',
        );
        // The UserID was the old email: it follows the new one, so only the email is wrong.
        expect(cell(loaded, 'A2')).toMatchObject({ value: 'ana.lee@sdsu', background: YELLOW, note: '' });
        expect(check(loaded, 2)).toBe(cell(loaded, 'D2').note);
        expect(cell(loaded, 'R2').background).toBe(RED);
        // A UserID typed otherwise stays, and says it no longer matches.
        loaded.emu.sheet(TABS.creation)!.setValues('A2', [['ana@other.org']]);
        type(loaded, 'D2', 'ana.lee@sdsu.edu', 'ana.lee@sdsu');
        expect(cell(loaded, 'A2')).toMatchObject({ value: 'ana@other.org', background: RED });
        expect(cell(loaded, 'A2').note).toBe("UserID must be the partner's email, the same as Email (ana.lee@sdsu.edu).");
        loaded.emu.sheet(TABS.creation)!.setValues('A2', [['ana.lee@sdsu.edu']]);
        type(loaded, 'A2', 'ana.lee@sdsu.edu', 'ana@other.org');

        type(loaded, 'D2', 'ana.lee@sdsu.edu', 'ana.lee@sdsu');
        expect(fills(loaded, 2)).toEqual(CREATION_PLAIN);
        expect(HEADERS.map((h) => cell(loaded, at(h, 2)).note)).toEqual(Array(17).fill(''));
        expect(check(loaded, 2)).toBe('Ready');
        expect(cell(loaded, 'R2').background).toBe(GREY);
      });

      it('marks a value in a must-be-blank column, and clears it back to white when emptied', () => {
        paste(loaded, 'A2:Q2', [creation('ana@sdsu.edu', 'Ana', 'Lee', { OrganizationName: 'SDSU' })]);
        expect(cell(loaded, 'H2')).toMatchObject({
          background: RED,
          note: 'OrganizationName must stay blank for Community Partners: clear this cell.',
        });
        expect(check(loaded, 2)).toBe('OrganizationName must stay blank for Community Partners: clear this cell.');

        loaded.emu.sheet(TABS.creation)!.setValues('H2', [['']]);
        loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, 'H2', { oldValue: 'SDSU' }) as never);
        expect(cell(loaded, 'H2')).toMatchObject({ background: WHITE, note: '' });
        expect(check(loaded, 2)).toBe('Ready');
      });

      it("validates a 500-row paste reading the pasted rows and the tab's key columns, writing each kind once, marking only the 3 bad rows", () => {
        const rows = Array.from({ length: 500 }, (_, i) => creation(`p${i}@sdsu.edu`, 'Ana', lastName(i)));
        rows[48] = creation('p48@sdsu', 'Ana', lastName(48)); // sheet row 50
        rows[198] = creation('p198@sdsu.edu', 'Ana', lastName(198), { Status: 'Archived' }); // row 200
        rows[442] = creation('p442@sdsu.edu', 'Ana', lastName(442), { RTAJobCode: '77' }); // row 444
        loaded.emu.sheet(TABS.creation)!.setValues('A2', rows);
        loaded.emu.counter.reset();
        loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, 'A2:Q501') as never);
        const { byMethod } = loaded.emu.counter;
        expect([
          byMethod['Range.getValues'] ?? 0,
          byMethod['Sheet.getSheetValues'],
          byMethod['Range.setValues'],
          byMethod['Range.setBackgrounds'],
          byMethod['Range.setNotes'],
        ]).toEqual([0, 3, 1, 1, 1]); // the pasted rows (their formulas from A:R); the tab's names and emails, its checks and states, each in one call (the open batches: the document's copy; the registry finds none of them)
        expect(byMethod['Range.setBackground'] ?? 0).toBe(0);
        expect(byMethod['Range.setNote'] ?? 0).toBe(0);

        const notReady = Array.from({ length: 500 }, (_, i) => i + 2).filter((row) => check(loaded, row) !== 'Ready');
        expect(notReady).toEqual([50, 200, 444]);
        expect(cell(loaded, 'D50').background).toBe(RED);
        expect(cell(loaded, 'F200')).toMatchObject({ background: RED, note: 'Status must be Active on the Creation tab, not "Archived".' });
        expect(cell(loaded, 'L444')).toMatchObject({
          background: RED,
          note: 'RTAJobCode must stay blank for Community Partners: clear this cell.',
        });
        expect(fills(loaded, 51)).toEqual(CREATION_PLAIN);
      });

      it('marks both rows of a duplicate email, and clears both when one is fixed by a paste', () => {
        paste(loaded, 'A2:Q2', [creation('ana@sdsu.edu', 'Ana', 'Lee')]);
        paste(loaded, 'A5:Q5', [creation('ANA@sdsu.edu', 'Anita', 'Lopez')]);
        expect(cell(loaded, 'D2')).toMatchObject({
          background: RED,
          note: 'Email ana@sdsu.edu is also on row 5: each partner goes on one row only (addresses that differ only in capitals are the same learner).',
        });
        expect(cell(loaded, 'D5')).toMatchObject({
          background: RED,
          note: 'Email ANA@sdsu.edu is also on row 2: each partner goes on one row only (addresses that differ only in capitals are the same learner).',
        });
        // The rows between stay blank and plain.
        expect(check(loaded, 3)).toBe('');
        expect(fills(loaded, 3)).toEqual(CREATION_PLAIN);

        // A paste sends no oldValue: row 2 is found again through row 5's check text.
        paste(loaded, 'A5:Q5', [creation('anita@sdsu.edu', 'Anita', 'Lopez')]);
        for (const row of [2, 5]) {
          expect(cell(loaded, `D${row}`)).toMatchObject({ background: YELLOW, note: '' });
          expect(check(loaded, row)).toBe('Ready');
        }
      });

      it('clears a duplicate when the other row is fixed by typing one cell', () => {
        paste(loaded, 'A2:Q3', [creation('bo@sdsu.edu', 'Bo', 'Chu'), creation('bo@sdsu.edu', 'Bob', 'Chu')]);
        expect([check(loaded, 2), check(loaded, 3)]).toEqual([
          'Email bo@sdsu.edu is also on row 3: each partner goes on one row only (addresses that differ only in capitals are the same learner).',
          'Email bo@sdsu.edu is also on row 2: each partner goes on one row only (addresses that differ only in capitals are the same learner).',
        ]);
        type(loaded, 'D2', 'bo.chu@sdsu.edu', 'bo@sdsu.edu');
        type(loaded, 'A2', 'bo.chu@sdsu.edu', 'bo@sdsu.edu');
        expect([check(loaded, 2), check(loaded, 3)]).toEqual(['Ready', 'Ready']);
        expect(cell(loaded, 'D3').background).toBe(YELLOW);
      });

      it('returns a cleared row to plain fills, no notes and an empty check', () => {
        paste(loaded, 'A2:Q3', [creation('ana@sdsu.edu', 'Ana', 'Lee'), creation('bo@', 'Bo', 'Chu', { UserLevel: '2' })]);
        expect(check(loaded, 3)).not.toBe('Ready');
        paste(loaded, 'A3:R3', [Array(18).fill('')]);
        expect(fills(loaded, 3)).toEqual(CREATION_PLAIN);
        expect(HEADERS.map((h) => cell(loaded, at(h, 3)).note)).toEqual(Array(17).fill(''));
        expect(check(loaded, 3)).toBe('');
        expect(check(loaded, 2)).toBe('Ready');
      });

      it('checks every row of a fill-down', () => {
        paste(loaded, 'A2:Q4', [creation('a@x.org', 'Ana', 'Lee'), creation('b@x.org', 'Bo', 'Chu'), creation('c@x.org', 'Cy', 'Ng')]);
        paste(loaded, 'F2:F4', [['Archived'], ['Archived'], ['Archived']]);
        expect([2, 3, 4].map((row) => cell(loaded, `F${row}`).background)).toEqual([RED, RED, RED]);
        expect(check(loaded, 4)).toBe('Status must be Active on the Creation tab, not "Archived".');
      });

      it('warns in orange about the same name under two emails, without blocking the export', () => {
        paste(loaded, 'A2:Q3', [creation('ana.lee@x.org', 'Ana', 'Lee'), creation('ana@sdsu.edu', 'Ana', 'Lee')]);
        expect(check(loaded, 3)).toBe(
          'Ready | Warning: Same name as ana.lee@x.org in row 2: check it is not the same person under two emails.',
        );
        expect(cell(loaded, 'R3').background).toBe(ORANGE);
        expect(fills(loaded, 3)).toEqual(CREATION_PLAIN);
        expect(ok(loaded.addon.exportCsv('creation')).rows).toBe(2);
      });
    });

    describe('autofill', () => {
      let loaded: Loaded;
      beforeEach(() => {
        loaded = setUp();
      });

      it('fills the cells every row repeats once an email is typed, dated today in the spreadsheet time zone', () => {
        type(loaded, 'D2', 'ana@sdsu.edu');
        const row = loaded.emu.sheet(TABS.creation)!.values()[1]!;
        // A:M as a whole Riverside row has them, but for the names the admin has not typed yet.
        expect(row.slice(0, 13)).toEqual(creation('ana@sdsu.edu', '', '').slice(0, 13));
        // DateHire is a real date cell, shown in the template's format.
        expect(Object.prototype.toString.call(row[13])).toBe('[object Date]');
        const [y, m, d] = todayInLosAngeles().split('-');
        expect(cell(loaded, 'N2').displayValue).toBe(`${m}/${d}/${y}`);
        // Only the names are left to type.
        expect(check(loaded, 2)).toBe(
          "LastName is empty: type the partner's last name. | FirstName is empty: type the partner's first name.",
        );
        expect([cell(loaded, 'B2').background, cell(loaded, 'C2').background, cell(loaded, 'E2').background]).toEqual([RED, RED, YELLOW]);
      });

      it('never overwrites what the admin typed, and tidies spaces and capitals in the cells', () => {
        const sheet = loaded.emu.sheet(TABS.creation)!;
        sheet.setValues('A2', [
          templateRow({
            LastName: '\u00a0Lee ',
            FirstName: 'Ana',
            Password: 'Kern2026!x',
            Status: 'active',
            EmployeeType: 'kern  county community partner',
          }),
        ]);
        type(loaded, 'D2', ' ana@sdsu.edu ');
        expect(sheet.values()[1]!.slice(0, 9)).toEqual([
          'ana@sdsu.edu',
          'Lee',
          'Ana',
          'ana@sdsu.edu',
          'Kern2026!x',
          'Active',
          'California Community Partners',
          '',
          'Kern County Community Partner',
        ]);
        // Kern is not the county in Settings: a warning, in orange, that does not stop the row.
        expect(cell(loaded, 'I2')).toMatchObject({
          background: ORANGE,
          note: 'Warning: EmployeeType is Kern County Community Partner, but your county in Settings is Riverside.',
        });
        expect(check(loaded, 2)).toBe(
          'Ready | Warning: EmployeeType is Kern County Community Partner, but your county in Settings is Riverside.',
        );
      });

      it('fills the row of a mistyped email too, marking only the email, and leaves EmployeeType alone with no county set', () => {
        type(loaded, 'D2', 'ana.lopez@sdsu');
        expect(loaded.emu.sheet(TABS.creation)!.values()[1]!.slice(0, 7)).toEqual([
          'ana.lopez@sdsu',
          '',
          '',
          'ana.lopez@sdsu',
          'Changeme1!',
          'Active',
          'California Community Partners',
        ]);
        const red = HEADERS.filter((h) => cell(loaded, at(h, 2)).background === RED);
        expect(red).toEqual(['LastName', 'FirstName', 'Email']); // the names are empty; the UserID is the email as typed
        // Fixing the email moves the UserID filled in from it: no new error appears.
        type(loaded, 'D2', 'ana.lopez@sdsu.edu', 'ana.lopez@sdsu');
        expect(cell(loaded, 'A2').value).toBe('ana.lopez@sdsu.edu');
        expect(HEADERS.filter((h) => cell(loaded, at(h, 2)).background === RED)).toEqual(['LastName', 'FirstName']);
        ok(loaded.addon.saveSettings({ county: '', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: null }));
        type(loaded, 'D3', 'bo@sdsu.edu');
        expect(cell(loaded, 'I3').value).toBe('');
        expect(cell(loaded, 'F3').value).toBe('Active');
      });

      it('fills Archived and no Password or DateHire on the Archival tab', () => {
        type(loaded, 'D2', 'ana@sdsu.edu', undefined, TABS.archival);
        const row = loaded.emu.sheet(TABS.archival)!.values()[1]!;
        expect([row[0], row[4], row[5], row[8], row[13]]).toEqual([
          'ana@sdsu.edu',
          '',
          'Archived',
          'Riverside County Community Partner',
          '',
        ]);
      });

      it('writes a value that looks like a formula as text', () => {
        type(loaded, 'B2', ' -Lee');
        // Sheets shows the text either way; whether it keeps the apostrophe in the cell is its business.
        expect(cell(loaded, 'B2')).toMatchObject({ value: apostrophe === 'keep' ? "'-Lee" : '-Lee', formula: '', background: RED });
        expect(cell(loaded, 'B2').note).toMatch(/^LastName starts with "-", which a spreadsheet would run as a formula/);
      });

      it('never grows text that needs an apostrophe, edit after edit, and reads it as typed', () => {
        paste(loaded, 'A2:Q2', [creation('-ana@sdsu.edu', 'Ana', 'Lee', { RTAJobCode: 'True', AreaOfAssignment: ' 00123' })]);
        const before = loaded.emu.sheet(TABS.creation)!.values()[1]!.slice(0, 17);
        for (const last of ['Leigh', 'Lee', 'Li']) {
          type(loaded, 'B2', last);
          type(loaded, 'C2', 'Ana');
        }
        const after = loaded.emu.sheet(TABS.creation)!.values()[1]!.slice(0, 17);
        expect(after.filter((_, c) => c !== 1 && c !== 12)).toEqual(before.filter((_, c) => c !== 1 && c !== 12));
        expect(after[12]).toBe(apostrophe === 'keep' ? "'00123" : '00123'); // trimmed once, then left alone
        expect(cell(loaded, 'L2').note).toBe('RTAJobCode must stay blank for Community Partners: clear this cell.');
        expect(check(loaded, 2)).toMatch(/^RTAJobCode must stay blank.* \| AreaOfAssignment must stay blank/);
      });

      it('names a formula as one, whatever its result shows, and never writes over it', () => {
        paste(loaded, 'A2:Q2', [creation('ana@sdsu.edu', '=Tom', 'Lee')]);
        expect(cell(loaded, 'C2')).toMatchObject({
          formula: '=Tom',
          background: RED,
          note: 'FirstName: this cell holds a formula; type the name as text.',
        });
        loaded.emu.sheet(TABS.creation)!.setValues('E2', [['=1+1']]);
        type(loaded, 'D2', 'ana.lee@sdsu.edu', 'ana@sdsu.edu');
        expect(cell(loaded, 'E2')).toMatchObject({
          formula: '=1+1',
          note: 'Password: this cell holds a formula; type the password as text.',
        });
        expect(ok(loaded.addon.validateTab('creation')).problems.map((p) => p.message)).toEqual([
          'FirstName: this cell holds a formula; type the name as text.',
          'Password: this cell holds a formula; type the password as text.',
        ]);
        type(loaded, 'C2', 'Tom', '');
        expect(check(loaded, 2)).toBe('Password: this cell holds a formula; type the password as text.');
      });
    });

    describe('the header row', () => {
      it('is marked where it is wrong, said so in the check column, and repaired by Set up templates', () => {
        const loaded = setUp();
        paste(loaded, 'A2:Q2', [creation('ana@sdsu.edu', 'Ana', 'Lee')]);
        type(loaded, 'E1', 'Pasword', 'Password');
        const message =
          'The header of column E reads "Pasword" but must be Password. Run "Set up templates" from the add-on menu to repair it.';
        expect(cell(loaded, 'E1')).toMatchObject({ background: RED, note: message });
        expect(check(loaded, 1)).toBe(message);
        expect(check(loaded, 2)).toBe('Ready');

        expect(ok(loaded.addon.setupTemplates()).repaired).toEqual([TABS.creation]);
        expect(cell(loaded, 'E1')).toMatchObject({ value: 'Password', background: '#d9d9d9', note: '' });
        expect(check(loaded, 1)).toBe('Check (not exported)');
        expect(check(loaded, 2)).toBe('Ready');
      });

      it('is repaired in place after the whole header row was cleared', () => {
        const loaded = setUp();
        paste(loaded, 'A2:Q2', [creation('ana@sdsu.edu', 'Ana', 'Lee')]);
        paste(loaded, 'A1:Q1', [Array(17).fill('')]);
        expect(check(loaded, 1)).toMatch(/^The header of column A reads "" but must be UserID\./);
        ok(loaded.addon.setupTemplates());
        // R1 held the add-on's own message, not data: no row is inserted above the header.
        expect(
          loaded.emu
            .sheet(TABS.creation)!
            .values()
            .slice(0, 2)
            .map((r) => r.slice(0, 4)),
        ).toEqual([
          ['UserID', 'LastName', 'FirstName', 'Email'],
          ['ana@sdsu.edu', 'Lee', 'Ana', 'ana@sdsu.edu'],
        ]);
        expect(check(loaded, 1)).toBe('Check (not exported)');
      });

      it('turns back to its title when the admin types the header right again', () => {
        const loaded = setUp();
        type(loaded, 'A1', 'User ID', 'UserID'); // the guide's spelling is accepted
        expect(check(loaded, 1)).toBe('Check (not exported)');
        type(loaded, 'A1', 'Login', 'User ID');
        expect(cell(loaded, 'A1').background).toBe(RED);
        type(loaded, 'A1', 'UserID', 'Login');
        expect(cell(loaded, 'A1')).toMatchObject({ background: '#d9d9d9', note: '' });
        expect(check(loaded, 1)).toBe('Check (not exported)');
      });
    });

    describe('registry warnings', () => {
      let loaded: Loaded;
      beforeEach(() => {
        loaded = setUp();
        loaded.emu.sheet(TABS.registry)!.setValues('A2', [
          [
            'ana@sdsu.edu',
            'Ana',
            'Lee',
            'ana@sdsu.edu',
            'Riverside County Community Partner',
            'California Community Partners',
            'Active',
            '2026-01-10',
            '',
          ],
          [
            'bo@sdsu.edu',
            'Bo',
            'Chu',
            'bo@sdsu.edu',
            'Riverside County Community Partner',
            'California Community Partners',
            'Archived',
            '2025-03-01',
            '2026-02-01',
          ],
        ]);
      });

      it('warns that an email is already Active, or will be reactivated, and still exports', () => {
        paste(loaded, 'A2:Q4', [
          creation('ANA@sdsu.edu', 'Ana', 'Lee'),
          creation('bo@sdsu.edu', 'Bo', 'Chu'),
          creation('cy@sdsu.edu', 'Cy', 'Ng'),
        ]);
        expect(cell(loaded, 'D2')).toMatchObject({
          background: ORANGE,
          note: 'Warning: ana@sdsu.edu is already Active in the registry since 01/10/2026: check the partner does not have an account already, or remove this row.',
        });
        expect(cell(loaded, 'D3')).toMatchObject({
          background: ORANGE,
          note: 'Warning: bo@sdsu.edu is Archived in the registry since 02/01/2026: this row will reactivate the account. Remove the row if the partner should stay archived.',
        });
        expect(check(loaded, 2)).toBe(`Ready | ${cell(loaded, 'D2').note}`);
        expect(check(loaded, 4)).toBe('Ready');
        // validateTab gives the same warnings, from the same place (before the export puts the rows in a batch).
        expect(ok(loaded.addon.validateTab('creation')).problems.map((p) => [p.row, p.column, p.severity])).toEqual([
          [2, 'Email', 'warning'],
          [3, 'Email', 'warning'],
        ]);
        expect(ok(loaded.addon.exportCsv('creation')).rows).toBe(3);
      });

      it('are not given when the registry tab is gone, and the row is still checked', () => {
        const spreadsheet = (loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
        spreadsheet.deleteSheet(spreadsheet.getSheetByName(TABS.registry)!);
        paste(loaded, 'A2:Q3', [creation('ana@sdsu.edu', 'Ana', 'Lee'), creation('cy@sdsu', 'Cy', 'Ng')]);
        expect(check(loaded, 2)).toBe('Ready');
        expect(check(loaded, 3)).toMatch(/^Email "cy@sdsu" is not an email address/);
        type(loaded, 'D2', 'bo@sdsu.edu', 'ana@sdsu.edu');
        expect(check(loaded, 2)).toBe('Ready');
      });

      it('are not given on the Archival tab, where archiving an Active learner is the point', () => {
        paste(loaded, 'A2:Q2', [archivalRow('ana@sdsu.edu', 'Ana', 'Lee')], TABS.archival);
        expect(check(loaded, 2, TABS.archival)).toBe('Ready');
      });
    });

    describe('validateTab and onEdit', () => {
      it('give the same problems for the same rows', () => {
        const loaded = setUp();
        loaded.emu
          .sheet(TABS.registry)!
          .setValues('A2', [
            [
              'cy@sdsu.edu',
              'Cy',
              'Ng',
              'cy@sdsu.edu',
              'Riverside County Community Partner',
              'California Community Partners',
              'Active',
              '2026-01-10',
              '',
            ],
          ]);
        paste(loaded, 'A2:Q8', [
          creation('ana@sdsu.edu', 'Ana', 'Lee'),
          creation('ANA@sdsu.edu', 'Ana', 'Lee'),
          creation('cy@sdsu.edu', 'Cy', 'Ng', { EmployeeType: 'Kern County Community Partner' }),
          creation('dee@sdsu', '@Dee', 'Park', { Password: 'weak', DateHire: 'soon' }),
          templateRow({}),
          creation('eve@sdsu.edu', 'Ana', 'Lee', { OrganizationName: 'SDSU', Status: 'Archived' }),
          creation('fay@sdsu.edu', 'Fay', 'Ito', { UserID: 'fay.ito@sdsu.edu' }),
        ]);
        const problems = ok(loaded.addon.validateTab('creation')).problems;
        expect(problems.length).toBeGreaterThan(10);
        for (let row = 2; row <= 8; row++) {
          const fromCheck = String(check(loaded, row))
            .split(' | ')
            .filter((part) => part !== '' && part !== 'Ready')
            .map((part) => part.replace(/^Warning: /, ''));
          const fromValidate = problems.filter((p) => p.row === row).map((p) => p.message);
          expect(fromCheck.sort(), `row ${row}`).toEqual(fromValidate.sort());
          // Each problem in a column is that cell's note too; warnings carry their prefix.
          for (const p of problems.filter((q) => q.row === row && q.column !== '')) {
            expect(cell(loaded, at(p.column as ColumnName, row)).note).toContain(
              p.severity === 'warning' ? `Warning: ${p.message}` : p.message,
            );
          }
        }
      });
    });

    describe('cost and safety', () => {
      it('reads the same cells for a typed cell whatever the size of the registry and of the tab', () => {
        const costFor = (learners: number, rows: number) => {
          const run = setUp();
          run.emu.sheet(TABS.registry)!.setValues(
            'A2',
            Array.from({ length: learners }, (_, i) =>
              registryRow(`r${i}@sdsu.edu`, 'Rea', lastName(i), i % 3 ? 'Active' : 'Archived', '2026-01-10'),
            ),
          );
          run.emu.sheet(TABS.creation)!.setValues(
            'A2',
            Array.from({ length: rows }, (_, i) => creation(`p${i}@sdsu.edu`, 'Ana', lastName(i))),
          );
          run.emu.counter.reset();
          // An email the registry knows (row 9 of it), typed over another.
          type(run, 'D5', 'r7@sdsu.edu', 'p3@sdsu.edu');
          expect(check(run, 5)).toMatch(/^Ready \| Warning: r7@sdsu.edu is already Active in the registry since 01\/10\/2026/);
          expect(cell(run, 'A5').value).toBe('r7@sdsu.edu');
          const { calls, cellsRead, cellsWritten } = run.emu.counter;
          return { calls, cellsRead, cellsWritten };
        };
        const small = costFor(100, 20);
        expect(costFor(10_000, 2_000)).toEqual(small);
        // The row (values A:T, formulas A:R); what the searches find: the row's own email and last
        // name on the tab, the learner's UserID and Email in the registry; the registry's header
        // and the learner's row (26 columns, the sheet's width). ('Ana', on every row, is not
        // searched for.) The open batches come from the document's copy (loopCache.ts): no batch
        // tab is read.
        expect(small.cellsRead).toBe(20 + 18 + 2 + 2 + 2 * 26);
        // The UserID that follows the email, the check column, and the row's fills and notes (A:R).
        expect(small.cellsWritten).toBe(1 + 1 + 2 * 18);
        // Which tab (1), the row (3: its values; A:R, for its formulas and later its marks), the time
        // zone (1), the tab searched (3), the registry found by its header row (1), searched (3),
        // its header (1) and the learner's row (1) read: 6; two runs of cells (4) and the marks
        // written through the row's A:R (2).
        expect(small.calls).toBe(20);
      });

      it('checks a row of a tab narrower than its state column (its columns past R deleted)', () => {
        const run = setUp();
        const sheet = (run.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
          .getActiveSpreadsheet()
          .getSheetByName(TABS.creation)!;
        sheet.deleteColumns(19, sheet.getMaxColumns() - 18); // A:R are left
        paste(run, 'A2:Q2', [creation('ana@sdsu', 'Ana', 'Lee')]);
        expect(check(run, 2)).toMatch(/^Email "ana@sdsu" is not an email address/);
        type(run, 'D2', 'ana@sdsu.edu', 'ana@sdsu');
        expect(check(run, 2)).toBe('Ready');
        expect(cell(run, 'D2').background).not.toBe(RED);
      });

      it('checks every area of an edit of several (A2:B3,D5)', () => {
        const run = setUp();
        paste(
          run,
          'A2:Q6',
          [0, 1, 2, 3, 4].map((i) => creation(`p${i}@sdsu.edu`, 'Ana', lastName(i))),
        );
        const sheet = run.emu.sheet(TABS.creation)!;
        sheet.setValues('A2', [
          ['other@sdsu.edu', lastName(0)],
          ['p1@sdsu.edu', ''],
        ]);
        sheet.setValues('D5', [['p1@sdsu.edu']]);
        run.addon.onEdit(run.emu.editEvent(TABS.creation, 'A2:B3,D5') as never);
        const rows = [2, 3, 4, 5, 6].filter((row) => check(run, row) !== 'Ready');
        expect(rows).toEqual([2, 3, 5]);
        const problems = ok(run.addon.validateTab('creation')).problems;
        for (const row of rows) {
          expect(check(run, row)).toBe(
            problems
              .filter((p) => p.row === row)
              .map((p) => p.message)
              .join(' | '),
          );
        }
      });

      it('leaves the marks to the next edit when another admin holds the document lock', () => {
        const run = setUp();
        run.emu.setLockHeldElsewhere(true);
        type(run, 'D2', 'ana@sdsu');
        expect(run.emu.sheet(TABS.creation)!.values()[1]!.slice(0, 5)).toEqual(['', '', '', 'ana@sdsu', '']);
        expect([check(run, 2), cell(run, 'D2').background]).toEqual(['', YELLOW]);
        run.emu.setLockHeldElsewhere(false);
        type(run, 'B2', 'Lee');
        expect(cell(run, 'D2').background).toBe(RED);
        expect(check(run, 2)).toMatch(/Email "ana@sdsu" is not an email address/);
      });

      it('makes the same Sheets calls for a typed cell at 10 rows as at 10,000', () => {
        const callsFor = (n: number): Record<string, number> => {
          const run = setUp();
          run.emu
            .sheet(TABS.registry)!
            .setValues('A2', [
              [
                'old@sdsu.edu',
                'Old',
                'Timer',
                'old@sdsu.edu',
                'Riverside County Community Partner',
                'California Community Partners',
                'Active',
                '2026-01-10',
                '',
              ],
            ]);
          run.emu.sheet(TABS.creation)!.setValues(
            'A2',
            Array.from({ length: n }, (_, i) => creation(`p${i}@sdsu.edu`, 'Ana', lastName(i))),
          );
          run.emu.counter.reset();
          type(run, 'B3', 'Leigh', lastName(1));
          expect(check(run, 3)).toBe('Ready');
          return { ...run.emu.counter.byMethod };
        };
        const small = callsFor(10);
        expect(callsFor(10_000)).toEqual(small);
        // Which tab, its row (values; its A:R for the formulas, and later for its marks), the time zone
        // for its date, one search of the tab and one of the registry (found by its header row;
        // nothing found: nothing more read), and the row's check and marks written.
        // The open batches come from the document's copy: no batch tab is read.
        expect(small).toEqual({
          'Sheet.getName': 1,
          'Sheet.getSheetValues': 1,
          'Sheet.getRange': 2,
          'Range.getFormulas': 1,
          'Spreadsheet.getSpreadsheetTimeZone': 1,
          'Sheet.createTextFinder': 2,
          'TextFinder.useRegularExpression': 2,
          'TextFinder.findAll': 2,
          'Spreadsheet.getRange': 1,
          'Range.setValues': 1,
          'Range.setBackgrounds': 1,
          'Range.setNotes': 1,
        });
      });

      it('costs one call and changes nothing on another tab', () => {
        const loaded = setUp();
        loaded.emu.addSheet('Budget', [
          ['item', 'cost'],
          ['paper', 12],
        ]);
        const before = JSON.stringify(loaded.emu.toJSON());
        loaded.emu.counter.reset();
        loaded.addon.onEdit(loaded.emu.editEvent('Budget', 'B2') as never);
        expect(loaded.emu.counter.calls).toBe(1);
        expect(JSON.stringify(loaded.emu.toJSON())).toBe(before);
      });

      it('leaves the sheet as it was and logs the error when a Sheets call fails, never throwing', () => {
        const loaded = setUp();
        paste(loaded, 'A2:Q2', [creation('ana@sdsu.edu', 'Ana', 'Lee')]);
        loaded.emu.sheet(TABS.creation)!.setValues('D2', [['ana@sdsu']]);
        const typed = JSON.stringify(loaded.emu.toJSON());
        // Each of the 12 calls up to and including the fills (a failure there puts the values back).
        for (let failing = 1; failing <= 12; failing++) {
          const errors = loaded.emu.logs.filter((l) => l.level === 'error').length;
          loaded.emu.failOnCall(failing);
          expect(() => loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, 'D2', { oldValue: 'ana@sdsu.edu' }) as never)).not.toThrow();
          expect(JSON.stringify(loaded.emu.toJSON()), `failing call ${failing}`).toBe(typed);
          expect(loaded.emu.logs.filter((l) => l.level === 'error').length).toBe(errors + 1);
        }
        expect(loaded.emu.logs.at(-1)!.args.join(' ')).toMatch(/^onEdit failed: Service Spreadsheets failed/);
      });

      it('never throws for an event it cannot read', () => {
        const { addon } = setUp();
        expect(() => addon.onEdit(undefined as never)).not.toThrow();
      });
    });

    describe('setupTemplates after live validation', () => {
      it('keeps the marks when it repaints, and changes nothing when run again', () => {
        const loaded = setUp();
        paste(loaded, 'A2:Q2', [creation('ana@sdsu', 'Ana', 'Lee', { UserID: 'ana@sdsu' })]);
        expect(cell(loaded, 'D2').background).toBe(RED);
        expect(ok(loaded.addon.setupTemplates()).repaired).toEqual([]);
        expect(cell(loaded, 'D2').background).toBe(RED);

        // An admin recolours a cell: setup repaints the tab, and the marks come back with it.
        const sheet = (loaded.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
          .getActiveSpreadsheet()
          .getSheetByName(TABS.creation)!;
        sheet.getRange('H2:H3').setBackground('#00ff00');
        expect(ok(loaded.addon.setupTemplates()).repaired).toEqual([TABS.creation]);
        expect(cell(loaded, 'H2').background).toBe(WHITE);
        expect(cell(loaded, 'H3').background).toBe(WHITE);
        expect(cell(loaded, 'D2')).toMatchObject({
          background: RED,
          note: expect.stringMatching(/^Email "ana@sdsu" is not an email address/),
        });
        expect(check(loaded, 2)).toMatch(/^Email "ana@sdsu" is not an email address/);

        const before = JSON.stringify(loaded.emu.toJSON());
        expect(ok(loaded.addon.setupTemplates())).toMatchObject({ created: [], repaired: [] });
        expect(JSON.stringify(loaded.emu.toJSON())).toBe(before);
      });
    });
  });
}

describe('rows past the first 1,000', () => {
  it('get the rules and formats of the template when a paste grows the tab, and setup repairs rows that lack them', () => {
    const loaded = loadSetUp();
    const sheet = loaded.emu.sheet(TABS.creation)!;
    expect(sheet.maxRows).toBe(1000);
    const rows = Array.from({ length: 20 }, (_, i) =>
      templateRow({ Email: `p${i}@sdsu.edu`, LastName: lastName(i), FirstName: 'Ana', DateHire: '12/1/2026' }),
    );
    sheet.setValues('A995', rows);
    expect(sheet.maxRows).toBe(1014);
    expect(sheet.cell('F1010')).toMatchObject({ validation: null, numberFormat: '0.###############' });
    loaded.addon.onEdit(loaded.emu.editEvent(TABS.creation, 'A995:Q1014') as never);
    for (const a1 of ['F1001', 'F1014']) {
      expect(sheet.cell(a1).validation).toEqual(sheet.cell('F2').validation);
      expect(sheet.cell(a1).numberFormat).toBe('@');
    }
    expect(sheet.cell('N1014')).toMatchObject({ numberFormat: 'mm/dd/yyyy', displayValue: '12/01/2026', background: '#fff2cc' });
    expect(sheet.cell('R1014').value).toBe('Ready');

    // Rows added another way (here by hand, with no onEdit) lack the template: setup says so and repairs them.
    sheet.setValues('A1015', [templateRow({ LastName: 'x' })]);
    expect(sheet.cell('F1015').validation).toBeNull();
    expect(ok(loaded.addon.setupTemplates()).repaired).toEqual([TABS.creation]);
    expect(sheet.cell('F1015').validation).toEqual(sheet.cell('F2').validation);
    expect(ok(loaded.addon.setupTemplates()).repaired).toEqual([]);
  });
});

describe("a row's state in the upload loop", () => {
  it("moves when the admin edits A:Q (open → changed, done or failed → pending), and a done row is no one's duplicate", () => {
    const loaded = loadSetUp();
    const sheet = loaded.emu.sheet(TABS.creation)!;
    sheet.setValues('A2', [
      creation('ana@sdsu.edu', 'Ana', 'Lee'),
      creation('bo@sdsu.edu', 'Bo', 'Chu'),
      creation('cy@sdsu.edu', 'Cy', 'Ng'),
      creation('ana@sdsu.edu', 'Ana', 'Lee'),
    ]);
    sheet.setValues('T2', [['done B-20261120-1 2026-11-20'], ['open B-20261129-1'], ['failed B-20261129-1: Email exists'], ['']]);
    // Row 5 repeats the email of row 2, which is done: history, not a duplicate.
    type(loaded, 'C5', 'Ana', 'Ana');
    expect(check(loaded, 5)).toBe('Ready');
    expect(sheet.cell('T2').value).toBe('done B-20261120-1 2026-11-20');

    type(loaded, 'B3', 'Chua', 'Chu');
    expect(sheet.cell('T3').value).toBe('changed B-20261129-1');
    type(loaded, 'B4', 'Nguyen', 'Ng');
    expect(sheet.cell('T4').value).toBe('');
    // Row 2 edited: pending again, and now a duplicate of row 5 (both are marked).
    type(loaded, 'C2', 'Ana', 'Ana');
    expect(sheet.cell('T2').value).toBe('');
    expect(check(loaded, 2)).toMatch(/^Email ana@sdsu.edu is also on row 5/);
    expect(check(loaded, 5)).toMatch(/^Email ana@sdsu.edu is also on row 2/);
    expect(ok(loaded.addon.validateTab('creation')).problems.map((p) => p.row)).toEqual([2, 5]);
  });
});
