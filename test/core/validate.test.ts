import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { checkColumnText } from '../../src/core/marks';
import { validateSomeRows, validateRows, exportRecords, rowsNamedInCheckText, type TemplateRow } from '../../src/core/validate';
import type { Problem } from '../../src/core/types';
import { creationRecord, templateRow } from '../fixtures';

type Fields = Partial<Record<ColumnName, string>>;

const creation: Fields = creationRecord('ana.lee@sdsu.edu', 'Ana', 'Lee', { DateHire: '2026-11-28' });
const archival: Fields = { ...creation, Password: '', DateHire: '', Status: 'Archived' };

function row(fields: Fields, at = 2): TemplateRow {
  return { row: at, cells: templateRow(fields) };
}

function problemsOf(tab: 'creation' | 'archival', rows: TemplateRow[], settings = DEFAULT_SETTINGS): Problem[] {
  return validateRows(tab, [...HEADERS], rows, settings).problems;
}

function only(tab: 'creation' | 'archival', fields: Fields): Problem {
  const problems = problemsOf(tab, [row(fields, 5)]);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('a correct row', () => {
  it('has no problem on either tab', () => {
    expect(problemsOf('creation', [row(creation)])).toEqual([]);
    expect(problemsOf('archival', [row(archival)])).toEqual([]);
  });

  it('is counted, and blank rows are not', () => {
    const check = validateRows(
      'creation',
      [...HEADERS],
      [row(creation, 2), row({}, 3), row({ ...creation, UserID: 'b@x.org', Email: 'b@x.org' }, 4)],
      DEFAULT_SETTINGS,
    );
    expect(check.rows).toBe(2);
    expect(check.ready).toBe(2);
  });
});

describe('each rule refuses its bad value, naming row and column', () => {
  const cases: [string, 'creation' | 'archival', Fields, ColumnName, RegExp][] = [
    ['empty UserID', 'creation', { UserID: '' }, 'UserID', /UserID is empty/],
    ['UserID not the email', 'creation', { UserID: 'someone@else.org' }, 'UserID', /same as Email \(ana\.lee@sdsu\.edu\)/],
    ['empty LastName', 'creation', { LastName: '' }, 'LastName', /last name/],
    ['empty FirstName', 'archival', { FirstName: '' }, 'FirstName', /first name/],
    ['digits in a name', 'creation', { FirstName: 'Ana2' }, 'FirstName', /only letters/],
    ['formula in a name', 'creation', { LastName: '=HYPERLINK("x")' }, 'LastName', /starts with "="/],
    ['plus in a name', 'creation', { LastName: '+Lee' }, 'LastName', /formula/],
    ['minus in a name', 'creation', { LastName: '-Lee' }, 'LastName', /formula/],
    ['at in a name', 'creation', { FirstName: '@Ana' }, 'FirstName', /formula/],
    ['tab in a name', 'creation', { FirstName: '\tAna' }, 'FirstName', /starts with "a tab"/],
    ['bad email', 'creation', { UserID: 'ana@@sdsu', Email: 'ana@@sdsu' }, 'Email', /not an email address.*like ana@sdsu\.edu/],
    ['two emails', 'creation', { UserID: 'a@x.org, b@x.org', Email: 'a@x.org, b@x.org' }, 'Email', /one address/],
    ['empty password', 'creation', { Password: '' }, 'Password', /temporary password/],
    ['weak password', 'creation', { Password: 'changeme' }, 'Password', /at least 8 characters/],
    ['Status on creation', 'creation', { Status: 'Archived' }, 'Status', /must be Active on the Creation tab/],
    ['Status on archival', 'archival', { Status: 'Active' }, 'Status', /must be Archived on the Archival tab/],
    ['Affiliation', 'creation', { Affiliation: 'Community Partners' }, 'Affiliation', /must be California Community Partners/],
    ['EmployeeType', 'creation', { EmployeeType: 'Riversid County Community Partner' }, 'EmployeeType', /not a California county/],
    ['empty EmployeeType', 'archival', { EmployeeType: '' }, 'EmployeeType', /Riverside County Community Partner/],
    ['DateHire empty', 'creation', { DateHire: '' }, 'DateHire', /date the account is created/],
    ['DateHire not a date', 'creation', { DateHire: '31/12/2026' }, 'DateHire', /not a date/],
    ['OrganizationName filled', 'creation', { OrganizationName: 'SDSU' }, 'OrganizationName', /must stay blank/],
    ['AssocLMSID filled', 'archival', { AssocLMSID: '42' }, 'AssocLMSID', /must stay blank/],
  ];
  it.each(cases)('%s', (_name, tab, change, column, message) => {
    const problem = only(tab, { ...(tab === 'creation' ? creation : archival), ...change });
    expect(problem).toMatchObject({ tab, row: 5, column, severity: 'error' });
    expect(problem.message).toMatch(message);
  });
});

describe('values that are right in another spelling', () => {
  it('accept case and spaces in enumerations, and export the canonical spelling', () => {
    const check = validateRows(
      'creation',
      [...HEADERS],
      [
        row({
          ...creation,
          Email: 'Ana.Lee@SDSU.edu',
          Status: 'active',
          Affiliation: 'california community  partners',
          EmployeeType: 'riverside county community partner',
          DateHire: '1/5/2026',
        }),
      ],
      DEFAULT_SETTINGS,
    );
    expect(check.problems).toEqual([]);
    const [, record] = exportRecords(check, 'MM/DD/YYYY');
    expect(record).toEqual(
      templateRow({
        UserID: 'ana.lee@sdsu.edu',
        LastName: 'Lee',
        FirstName: 'Ana',
        Email: 'Ana.Lee@SDSU.edu',
        Password: 'Changeme1!',
        Status: 'Active',
        Affiliation: 'California Community Partners',
        EmployeeType: 'Riverside County Community Partner',
        DateHire: '01/05/2026',
      }),
    );
  });

  it('accepts Unicode and punctuated names', () => {
    for (const [first, last] of [
      ['José', "O'Brien"],
      ['Thị', 'Nguyễn'],
      ['Mary-Kate', 'Smith-Jones'],
      ['J.R.R.', 'King, Jr.'],
      ['Robert "Bob"', 'Lee'],
    ]) {
      expect(problemsOf('creation', [row({ ...creation, FirstName: first, LastName: last })])).toEqual([]);
    }
  });

  it('takes a creation file re-used for archiving, leaving Password and DateHire out with a warning', () => {
    const check = validateRows('archival', [...HEADERS], [row({ ...creation, Status: 'Archived' }, 3)], DEFAULT_SETTINGS);
    expect(check.problems.map((p) => [p.column, p.severity])).toEqual([
      ['Password', 'warning'],
      ['DateHire', 'warning'],
    ]);
    expect(check.ready).toBe(1);
    const [, record] = exportRecords(check, 'MM/DD/YYYY');
    expect(record![4]).toBe('');
    expect(record![13]).toBe('');
  });
});

describe('rules across rows', () => {
  it('names both rows of a duplicate email, ignoring case', () => {
    const problems = problemsOf('creation', [
      row(creation, 2),
      row({ ...creation, FirstName: 'Anna', UserID: 'ANA.LEE@sdsu.edu', Email: 'ANA.LEE@sdsu.edu' }, 7),
    ]);
    expect(problems.map((p) => [p.row, p.column, p.severity])).toEqual([
      [2, 'Email', 'error'],
      [7, 'Email', 'error'],
    ]);
    expect(problems[0]!.message).toMatch(/also on row 7/);
    expect(problems[1]!.message).toMatch(/also on row 2/);
  });

  it('warns of the same name under two emails without blocking', () => {
    const check = validateRows(
      'creation',
      [...HEADERS],
      [row(creation, 2), row({ ...creation, UserID: 'alee@gmail.com', Email: 'alee@gmail.com' }, 9)],
      DEFAULT_SETTINGS,
    );
    expect(check.problems.map((p) => [p.row, p.severity])).toEqual([
      [2, 'warning'],
      [9, 'warning'],
    ]);
    expect(check.problems[0]!.message).toMatch(/alee@gmail\.com in row 9/);
    expect(check.ready).toBe(2);
  });

  it('warns when a row is for another county than the one in Settings', () => {
    const problems = problemsOf('creation', [row({ ...creation, EmployeeType: 'Orange County Community Partner' })], {
      ...DEFAULT_SETTINGS,
      county: 'Riverside',
    });
    expect(problems).toMatchObject([{ column: 'EmployeeType', severity: 'warning' }]);
  });
});

describe('the header row', () => {
  it('accepts the aliases and names a wrong header', () => {
    const header: string[] = [...HEADERS];
    header[0] = 'User ID';
    header[8] = 'EmploymentType';
    expect(validateRows('archival', header, [], DEFAULT_SETTINGS).problems).toEqual([]);
    header[4] = 'Pasword';
    expect(validateRows('creation', header, [], DEFAULT_SETTINGS).problems).toMatchObject([
      { row: 1, column: 'Password', severity: 'error', message: expect.stringMatching(/column E reads "Pasword"/) },
    ]);
  });
});

describe('rows a problem ties to', () => {
  const rows = [row(creation, 2), row({ ...creation, UserID: 'x@y.org', Email: 'x@y.org' }, 3), row(creation, 9), row(creation, 11)];
  const problems = problemsOf('creation', rows);
  // Each row's problems, in a fixed order (column name), as [column, severity, relatedRows].
  const at = (r: number) =>
    problems
      .filter((p) => p.row === r)
      .map((p) => [p.column, p.severity, p.relatedRows])
      .sort((a, b) => String(b[0]).localeCompare(String(a[0])));

  it('are listed as data: a duplicate email names the other rows with it, a namesake the row its message names', () => {
    expect(at(2)).toEqual([
      ['Email', 'error', [9, 11]],
      ['', 'warning', [3]],
    ]);
    expect(at(3)).toEqual([['', 'warning', [2]]]);
    // Row 9 is Ana Lee too: a namesake of row 3's x@y.org, the first row under another email.
    expect(at(9)).toEqual([
      ['Email', 'error', [2, 11]],
      ['', 'warning', [3]],
    ]);
    // A problem of the row alone names no other row.
    expect(only('creation', { ...creation, UserID: 'not-an-email', Email: 'not-an-email' }).relatedRows).toBeUndefined();
  });

  it('are read back from the check column text the sheet keeps (onEdit), and none from other text', () => {
    const named = (r: number) => rowsNamedInCheckText(checkColumnText(problems.filter((p) => p.row === r))).sort((a, b) => a - b);
    expect(named(2)).toEqual([3, 9, 11]);
    expect(named(3)).toEqual([2]);
    expect(
      rowsNamedInCheckText('Ready | Warning: EmployeeType is Kern County Community Partner, but your county in Settings is Riverside.'),
    ).toEqual([]);
  });
});

describe('formulas and states', () => {
  it('names a cell holding a formula as one, whatever its result reads, on any column', () => {
    const formulas = HEADERS.map((h) => h === 'FirstName' || h === 'RTAJobCode');
    const problems = validateRows(
      'creation',
      [...HEADERS],
      [{ ...row({ ...creation, FirstName: '' }), formulas }],
      DEFAULT_SETTINGS,
    ).problems;
    expect(problems.map((p) => [p.column, p.message])).toEqual([
      ['FirstName', 'FirstName: this cell holds a formula; type the name as text.'],
      ['RTAJobCode', 'RTAJobCode: this cell holds a formula; clear it (Community Partners leave it blank).'],
    ]);
    // A row whose only content is a formula is not blank.
    const lone = { row: 3, cells: HEADERS.map(() => ''), formulas: HEADERS.map((h) => h === 'LastName') };
    expect(validateRows('creation', [...HEADERS], [lone], DEFAULT_SETTINGS).rows).toBe(1);
  });

  it('never checks a done row, nor counts it as a duplicate or a namesake', () => {
    const done = {
      ...row(creation, 2),
      state: { kind: 'done' as const, batchId: 'B-20261120-1', added: false, date: '2026-11-20', line: '' },
    };
    const check = validateRows('creation', [...HEADERS], [done, row(creation, 3)], DEFAULT_SETTINGS);
    expect([check.rows, check.problems]).toEqual([1, []]);
  });
});

describe('validateSomeRows', () => {
  it('gives some rows exactly the problems the whole-tab check gives them, from those rows and the rows sharing their keys', () => {
    const rows = [
      row(creation, 2),
      row({ ...creation, Email: 'ANA.LEE@sdsu.edu', UserID: 'x@y.org' }, 3),
      row({ ...creation, Email: 'bo@sdsu.edu', UserID: 'bo@sdsu.edu' }, 4),
      row({ ...creation, Email: 'cy@sdsu.edu', UserID: 'cy@sdsu.edu', FirstName: 'Cy' }, 5),
    ];
    const whole = validateRows('creation', [...HEADERS], rows, DEFAULT_SETTINGS).problems;
    // Row 4 shares the name of rows 2 and 3; only their Email and names are needed.
    const keysOnly = (r: TemplateRow): TemplateRow => ({
      row: r.row,
      cells: r.cells.map((c, i) => (['LastName', 'FirstName', 'Email'].includes(HEADERS[i]!) ? c : '')),
    });
    const some = validateSomeRows('creation', [rows[2]!, rows[0]!], [keysOnly(rows[1]!)], DEFAULT_SETTINGS);
    expect(some.get(2)).toEqual(whole.filter((p) => p.row === 2));
    expect(some.get(4)).toEqual(whole.filter((p) => p.row === 4));
    expect(some.get(4)!.map((p) => p.message)).toEqual([
      'Same name as ana.lee@sdsu.edu in row 2: check it is not the same person under two emails.',
    ]);
  });
});
