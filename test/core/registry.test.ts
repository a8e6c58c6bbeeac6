import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import { REGISTRY_HEADERS, emailInDomain, learnersInDomain, parseDomain, readRegistry, registryWarnings } from '../../src/core/registry';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { validateRows } from '../../src/core/validate';

type Fields = Partial<Record<ColumnName, string>>;

function creationRow(email: string, first: string, last: string, county = 'Riverside', more: Fields = {}): Fields {
  return {
    UserID: email,
    LastName: last,
    FirstName: first,
    Email: email,
    Password: 'Changeme1!',
    Status: 'Active',
    Affiliation: 'California Community Partners',
    EmployeeType: `${county} County Community Partner`,
    DateHire: '2026-11-20',
    ...more,
  };
}

function tab(kind: 'creation' | 'archival', rows: Fields[]) {
  return validateRows(
    kind,
    [...HEADERS],
    rows.map((f, i) => ({ row: i + 2, cells: HEADERS.map((h) => f[h] ?? '') })),
    DEFAULT_SETTINGS,
  );
}

function registryRow(email: string, first: string, last: string, status: string, county = 'Riverside', archivedOn = ''): string[] {
  return [
    email,
    first,
    last,
    email,
    `${county} County Community Partner`,
    'California Community Partners',
    status,
    '2026-01-10',
    archivedOn,
  ];
}

describe('readRegistry', () => {
  it('keys learners by lower-cased email', () => {
    const read = readRegistry([registryRow('Ana@SDSU.edu', 'Ana', 'Lee', 'Active')]);
    expect(read.problems).toEqual([]);
    expect(read.byEmail.get('ana@sdsu.edu')?.row).toBe(2);
  });

  it('reports a broken row, and skips blank rows, without dropping the others', () => {
    const read = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active'),
      ['', '', '', '', '', '', '', '', ''],
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Actve'),
      registryRow('ANA@sdsu.edu', 'Ana', 'Lee', 'Active'),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Archived', 'Kern', 'yesterday'),
    ]);
    expect(read.entries.map((e) => e.row)).toEqual([2]);
    expect(read.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'Status'],
      [5, 'Email'],
      [6, 'ArchivedOn'],
    ]);
    expect(read.problems[1]!.message).toMatch(/already in the registry on row 2/);
    // The duplicate's problem lists the row it repeats, and only that one names another row.
    expect(read.problems.map((p) => p.relatedRows)).toEqual([undefined, [2], undefined]);
  });

  it('has the headers of api.md', () => {
    expect(REGISTRY_HEADERS).toEqual([
      'UserID',
      'FirstName',
      'LastName',
      'Email',
      'EmployeeType',
      'Affiliation',
      'Status',
      'DateHire',
      'ArchivedOn',
    ]);
  });
});

describe('archive by domain', () => {
  it('reads a domain as typed, and refuses a malformed one', () => {
    expect(parseDomain(' @SDSU.edu ')).toBe('sdsu.edu');
    expect(parseDomain('mail.sdsu.edu')).toBe('mail.sdsu.edu');
    for (const bad of ['', 'sdsu', 'sd su.edu', 'ana@sdsu.edu', '*.edu', '-x.org', 'sdsu..edu']) expect(parseDomain(bad), bad).toBeNull();
  });

  it('matches the domain exactly, sub-domains only when asked', () => {
    expect(emailInDomain('ana@SDSU.EDU', 'sdsu.edu', false)).toBe(true);
    expect(emailInDomain('ana@notsdsu.edu', 'sdsu.edu', true)).toBe(false);
    expect(emailInDomain('ana@mail.sdsu.edu', 'sdsu.edu', false)).toBe(false);
    expect(emailInDomain('ana@mail.sdsu.edu', 'sdsu.edu', true)).toBe(true);
  });

  it('chooses only Active partner accounts', () => {
    const read = readRegistry([
      registryRow('a@sdsu.edu', 'A', 'A', 'Active'),
      registryRow('b@sdsu.edu', 'B', 'B', 'Archived', 'Riverside', '2026-01-01'),
      [...registryRow('c@sdsu.edu', 'C', 'C', 'Active').slice(0, 5), 'County Staff', 'Active', '', ''],
      registryRow('d@notsdsu.edu', 'D', 'D', 'Active'),
    ]);
    expect(learnersInDomain(read.entries, 'sdsu.edu', true).map((e) => e.learner.email)).toEqual(['a@sdsu.edu']);
  });
});

describe('registryWarnings', () => {
  const registry = () =>
    readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', 'Riverside', '2026-02-01'),
    ]);

  it('warns on the Creation tab about a learner already Active, or one the row will reactivate', () => {
    const { checks } = tab('creation', [
      creationRow('ANA@sdsu.edu', 'Ana', 'Lee'),
      creationRow('bo@sdsu.edu', 'Bo', 'Chu'),
      creationRow('cy@sdsu.edu', 'Cy', 'Ng'),
    ]);
    expect(registryWarnings('creation', checks, registry(), 'M/D/YYYY')).toEqual([
      {
        tab: 'creation',
        row: 2,
        column: 'Email',
        severity: 'warning',
        message:
          'ana@sdsu.edu is already Active in the registry since 1/10/2026: check the partner does not have an account already, or remove this row.',
      },
      {
        tab: 'creation',
        row: 3,
        column: 'Email',
        severity: 'warning',
        message:
          'bo@sdsu.edu is Archived in the registry since 2/1/2026: this row will reactivate the account. Remove the row if the partner should stay archived.',
      },
    ]);
  });

  it('says nothing on the Archival tab', () => {
    const { checks } = tab('archival', [{ ...creationRow('ana@sdsu.edu', 'Ana', 'Lee'), Password: '', DateHire: '', Status: 'Archived' }]);
    expect(registryWarnings('archival', checks, registry(), 'MM/DD/YYYY')).toEqual([]);
  });
});
