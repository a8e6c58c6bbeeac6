import { describe, expect, it } from 'vitest';
import { canonicalHeader } from '../../src/core/columns';
import { MAX_FILE_ROWS } from '../../src/core/fileLimits';
import { loadedColumns, mapColumns, parseFileText, planLoad, utf8Length, type ColumnMap, type Table } from '../../src/core/files';
import type { Failure } from '../../src/core/types';
import { SETTINGS } from '../fixtures';

function table(text: string): Table {
  const parsed = parseFileText(text);
  if ('ok' in parsed) throw new Error(parsed.error.message);
  return parsed;
}

function refused(result: Table | ColumnMap | Failure): Failure['error'] {
  if (!('ok' in result)) throw new Error('expected a failure');
  return result.error;
}

describe('reading a file', () => {
  it('reads comma, semicolon and tab separated files the same', () => {
    const want = { header: ['Email', 'FirstName'], rows: [{ row: 2, cells: ['ana@sdsu.edu', 'Ana'] }] };
    expect(table('Email,FirstName\nana@sdsu.edu,Ana\n')).toEqual(want);
    expect(table('Email;FirstName\r\nana@sdsu.edu;Ana\r\n')).toEqual(want);
    expect(table('Email\tFirstName\nana@sdsu.edu\tAna')).toEqual(want);
  });

  it("drops Excel's byte-order mark, so the first header still reads", () => {
    expect(table('\ufeffUser ID;Email\r\na@x.org;a@x.org').header).toEqual(['User ID', 'Email']);
  });

  it('keeps quoted separators, doubled quotes and line breaks inside one cell, and counts rows as a spreadsheet does', () => {
    const t = table('LastName;FirstName;Email\r\n"King; Jr.";"Ana ""Annie""";a@x.org\r\n\r\n"Two\r\nLines";Bo;b@x.org\r\n');
    expect(t.rows).toEqual([
      { row: 2, cells: ['King; Jr.', 'Ana "Annie"', 'a@x.org'] },
      { row: 4, cells: ['Two\r\nLines', 'Bo', 'b@x.org'] },
    ]);
  });

  it('chooses the separator from the header, not from names with commas', () => {
    const t = table('LastName;FirstName\r\n"Lee, Jr.";Ana\r\nO,Neil;Bo');
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Lee, Jr.', 'Ana'],
      ['O,Neil', 'Bo'],
    ]);
  });

  it('refuses a file that is not UTF-8, saying how to save it', () => {
    expect(refused(parseFileText('LastName,Email\nJos\ufffd,j@x.org'))).toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringContaining('CSV UTF-8'),
    });
  });

  it('refuses an Excel workbook and a UTF-16 file, pointing to Insert new sheet', () => {
    expect(refused(parseFileText('PK\u0003\u0004binary')).message).toContain('File > Import > Insert new sheet');
    expect(refused(parseFileText('E\u0000m\u0000a\u0000i\u0000l\u0000')).code).toBe('BAD_FILE');
  });

  it('refuses a quote left open, naming its row', () => {
    expect(refused(parseFileText('Email,LastName\na@x.org,Lee\nb@x.org,"Chu\nc@x.org,Ng')).message).toMatch(
      /^Row 3 of the file has a quote/,
    );
  });

  it(`refuses an empty file, more than ${MAX_FILE_ROWS} rows, or more than 5 MB`, () => {
    expect(refused(parseFileText('\r\n\r\n')).message).toContain('empty');
    const rows = Array.from({ length: MAX_FILE_ROWS + 1 }, (_, i) => `p${i}@x.org`).join('\n');
    expect(refused(parseFileText(`Email\n${rows}`)).message).toContain('20,001 rows');
    expect('ok' in parseFileText(`Email\n${rows.slice(0, rows.lastIndexOf('\n'))}`)).toBe(false);
    expect(refused(parseFileText(`Email\n${'a'.repeat(5 * 1024 * 1024)}`)).message).toContain('5 MB');
  });

  it('refuses a cell longer than a Sheets cell holds', () => {
    expect(refused(parseFileText(`Email,LastName\na@x.org,${'L'.repeat(50_001)}`)).message).toMatch(
      /^Row 2 .*50,001 characters in column 2/,
    );
  });

  it('counts UTF-8 bytes: é is two, an emoji four', () => {
    expect(utf8Length('José')).toBe(5);
    expect(utf8Length('a😀')).toBe(5);
    expect(utf8Length('中')).toBe(3);
  });
});

describe('matching columns', () => {
  it('ignores case, spaces, _ and -, and knows the aliases of the guide and of common files', () => {
    const names = [
      'User ID',
      'EmploymentType',
      'First Name',
      'Last Name',
      'E-mail',
      'Employee Type',
      'Date of Hire',
      'Hire Date',
      'first_name',
      'STATUS',
    ];
    expect(names.map(canonicalHeader)).toEqual([
      'UserID',
      'EmployeeType',
      'FirstName',
      'LastName',
      'Email',
      'EmployeeType',
      'DateHire',
      'DateHire',
      'FirstName',
      'Status',
    ]);
  });

  it('takes columns in any order, lists the unknown ones, and lets the first of two same columns win', () => {
    const map = mapColumns(['Notes', 'E-mail', 'last name', 'Email', 'Department']) as ColumnMap;
    expect(map.columns).toEqual({ Email: 'E-mail', LastName: 'last name' });
    expect(map.ignoredColumns).toEqual(['Notes', 'Email', 'Department']);
  });

  it('lets the admin override the matching: a column moved, one left out', () => {
    const map = mapColumns(['Work email', 'Email', 'Surname'], { Email: 'Work email', LastName: 'Surname' }) as ColumnMap;
    expect(map.columns).toEqual({ Email: 'Work email', LastName: 'Surname' });
    expect(map.ignoredColumns).toEqual(['Email']);
    expect((mapColumns(['Email', 'Surname'], { LastName: '' }) as ColumnMap).columns).toEqual({ Email: 'Email' });
    expect(refused(mapColumns(['Email'], { LastName: 'Nope' })).code).toBe('BAD_ARGUMENT');
    expect(refused(mapColumns(['Email'], { Surname: 'Email' })).code).toBe('BAD_ARGUMENT');
  });

  it('with asArchival, reports Password and DateHire as ignored', () => {
    const map = mapColumns(['Email', 'Password', 'DateHire', 'Extra']) as ColumnMap;
    expect(loadedColumns(map, { asArchival: true })).toEqual({
      columns: { Email: 'Email' },
      ignoredColumns: ['Extra', 'Password', 'DateHire'],
    });
  });
});

describe('planning the rows a file adds to a tab', () => {
  const today = () => '2026-11-29';
  const settings = { ...SETTINGS };
  const file = table(
    'Email;Last Name;First Name;Status;EmploymentType;Date of Hire;Password\r\n' +
      'ana@sdsu.edu;Lee;Ana;active;riverside county community partner;3/5/2026;Secret1!\r\n' +
      'bo@sdsu.edu;Chu;Bo;;;2026-11-20;\r\n' +
      'cy@sdsu.edu;Ng;Cy;Active;;13/45/2026;\r\n',
  );
  const map = mapColumns(file.header) as ColumnMap;

  it('puts each value in its column, reads dates, tidies spelling and fills what a paste would', () => {
    const plan = planLoad('creation', file, map, { asArchival: false }, settings, new Map(), today);
    const row = (i: number) =>
      Object.fromEntries(
        ['UserID', 'LastName', 'FirstName', 'Email', 'Password', 'Status', 'Affiliation', 'EmployeeType', 'DateHire'].map((h, c) => [
          h,
          plan.rows[i]?.cells[[0, 1, 2, 3, 4, 5, 6, 8, 13][c] as number],
        ]),
      );
    expect(row(0)).toEqual({
      UserID: 'ana@sdsu.edu',
      LastName: 'Lee',
      FirstName: 'Ana',
      Email: 'ana@sdsu.edu',
      Password: 'Secret1!',
      Status: 'Active',
      Affiliation: 'California Community Partners',
      EmployeeType: 'Riverside County Community Partner',
      DateHire: '2026-03-05',
    });
    expect(row(1)).toMatchObject({
      Password: 'Changeme1!',
      Status: 'Active',
      EmployeeType: 'Riverside County Community Partner',
      DateHire: '2026-11-20',
    });
    expect(row(2).DateHire).toBe('13/45/2026'); // left as written, for the check to mark
    expect(plan.rows.map((r) => r.fileRow)).toEqual([2, 3, 4]);
    expect(plan.rows.every((r) => r.cells.length === 17)).toBe(true);
  });

  it('with asArchival: Status Archived, Password and DateHire blank', () => {
    const plan = planLoad('archival', file, map, { asArchival: true }, settings, new Map(), today);
    expect(plan.rows.map((r) => [r.cells[5], r.cells[4], r.cells[13]])).toEqual([
      ['Archived', '', ''],
      ['Archived', '', ''],
      ['Archived', '', ''],
    ]);
  });

  it('skips and lists a row whose email is already on the tab, whatever its capitals', () => {
    const plan = planLoad('creation', file, map, { asArchival: false }, settings, new Map([['bo@sdsu.edu', 7]]), today);
    expect(plan.rows.map((r) => r.cells[3])).toEqual(['ana@sdsu.edu', 'cy@sdsu.edu']);
    expect(plan.skipped).toEqual([
      {
        tab: 'creation',
        row: 7,
        column: 'Email',
        severity: 'warning',
        message: 'bo@sdsu.edu is already on row 7 of this tab, so row 3 of the file was not loaded.',
      },
    ]);
  });
});
