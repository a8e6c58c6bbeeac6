import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import { autofilled, coversCell, editedAreas, editedBlock, tidied } from '../../src/core/edits';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

type Fields = Partial<Record<ColumnName, string>>;
const cells = (fields: Fields): string[] => HEADERS.map((h) => fields[h] ?? '');
const fields = (row: readonly string[]): Fields => Object.fromEntries(HEADERS.map((h, i) => [h, row[i]]).filter(([, v]) => v !== ''));
const RIVERSIDE = { ...DEFAULT_SETTINGS, county: 'Riverside' };
const today = () => '2026-11-28';

describe('editedBlock', () => {
  it('reads a cell, a block, whole columns and whole rows', () => {
    expect(editedBlock('D5')).toEqual({ top: 5, bottom: 5, left: 4, right: 4 });
    expect(editedBlock('A2:Q501')).toEqual({ top: 2, bottom: 501, left: 1, right: 17 });
    expect(editedBlock('D:E')).toEqual({ top: 1, bottom: null, left: 4, right: 5 });
    expect(editedBlock('5:9')).toEqual({ top: 5, bottom: 9, left: 1, right: null });
    expect(editedBlock('AA3')).toMatchObject({ left: 27, right: 27 });
  });

  it('refuses what is not a range', () => {
    expect(() => editedBlock('')).toThrow();
    expect(() => editedBlock('Sheet1!A1:B2')).toThrow();
  });

  it('tells whether the edit covers a cell', () => {
    expect(coversCell(editedBlock('D7'), 7, 4)).toBe(true);
    expect(coversCell(editedBlock('A2:C9'), 5, 4)).toBe(false);
    expect(coversCell(editedBlock('3:3'), 3, 4)).toBe(true);
    expect(coversCell(editedBlock('D:D'), 900, 4)).toBe(true);
  });

  it('reads the areas of an edit of several at once', () => {
    expect(editedAreas('A2:B3,D5')).toEqual([
      { top: 2, bottom: 3, left: 1, right: 2 },
      { top: 5, bottom: 5, left: 4, right: 4 },
    ]);
  });
});

describe('autofilled', () => {
  it('fills the repeated cells of a Creation row from its email and the settings', () => {
    expect(fields(autofilled('creation', cells({ Email: 'ana@sdsu.edu' }), RIVERSIDE, today))).toEqual({
      UserID: 'ana@sdsu.edu',
      Email: 'ana@sdsu.edu',
      Password: 'Changeme1!',
      Status: 'Active',
      Affiliation: 'California Community Partners',
      EmployeeType: 'Riverside County Community Partner',
      DateHire: '2026-11-28',
    });
  });

  it('fills an Archival row without Password or DateHire', () => {
    expect(fields(autofilled('archival', cells({ Email: 'ana@sdsu.edu' }), RIVERSIDE, today))).toEqual({
      UserID: 'ana@sdsu.edu',
      Email: 'ana@sdsu.edu',
      Status: 'Archived',
      Affiliation: 'California Community Partners',
      EmployeeType: 'Riverside County Community Partner',
    });
  });

  it('keeps every cell the admin typed, and leaves EmployeeType empty while no county is set', () => {
    const typed = { Email: 'ana@sdsu.edu', UserID: 'other@sdsu.edu', Password: 'Kern2026!x', Status: 'archived' };
    expect(fields(autofilled('creation', cells(typed), DEFAULT_SETTINGS, today))).toEqual({
      ...typed,
      Affiliation: 'California Community Partners',
      DateHire: '2026-11-28',
    });
  });

  it('fills nothing until an email is typed, and fills the row of a mistyped one too (only the email is then wrong)', () => {
    expect(autofilled('creation', cells({ LastName: 'Lee' }), RIVERSIDE, today)).toEqual(cells({ LastName: 'Lee' }));
    expect(fields(autofilled('creation', cells({ Email: 'ana.lopez@sdsu' }), RIVERSIDE, today))).toMatchObject({
      UserID: 'ana.lopez@sdsu',
      Password: 'Changeme1!',
      Status: 'Active',
    });
  });

  it('moves a UserID filled in from the email the admin replaces, and never one typed otherwise', () => {
    const row = cells({ UserID: 'ana.lopez@sdsu', Email: 'ana.lopez@sdsu.edu' });
    expect(fields(autofilled('creation', row, RIVERSIDE, today, 'Ana.Lopez@sdsu'))).toMatchObject({ UserID: 'ana.lopez@sdsu.edu' });
    expect(fields(autofilled('creation', row, RIVERSIDE, today, 'someone@else.org'))).toMatchObject({ UserID: 'ana.lopez@sdsu' });
    expect(fields(autofilled('creation', row, RIVERSIDE, today))).toMatchObject({ UserID: 'ana.lopez@sdsu' });
  });
});

describe('tidied', () => {
  it('spells Status, Affiliation and EmployeeType as the LMS expects', () => {
    const row = cells({
      LastName: 'lee',
      Status: 'active',
      Affiliation: 'california  community PARTNERS',
      EmployeeType: 'san  francisco county community partner',
    });
    expect(fields(tidied('creation', row, DEFAULT_SETTINGS))).toEqual({
      LastName: 'lee',
      Status: 'Active',
      Affiliation: 'California Community Partners',
      EmployeeType: 'San Francisco County Community Partner',
    });
  });

  it('leaves a wrong value as typed, for its error to name it', () => {
    const row = cells({ Status: 'active', EmployeeType: 'Gotham County Community Partner' });
    expect(fields(tidied('archival', row, DEFAULT_SETTINGS))).toEqual({
      Status: 'active',
      EmployeeType: 'Gotham County Community Partner',
    });
  });
});
