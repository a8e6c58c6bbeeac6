import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import {
  REGISTRY_HEADERS,
  emailInDomain,
  learnersInDomain,
  mergeIntoRegistry,
  parseDomain,
  readRegistry,
  registryWarnings,
  type CheckedTab,
} from '../../src/core/registry';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { checkTab } from '../../src/core/validate';

const TODAY = '2026-11-28';
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

function tab(kind: 'creation' | 'archival', rows: Fields[]): CheckedTab {
  const check = checkTab(
    kind,
    [...HEADERS],
    rows.map((f, i) => ({ row: i + 2, cells: HEADERS.map((h) => f[h] ?? '') })),
    DEFAULT_SETTINGS,
  );
  return { tab: kind, checks: check.checks, problems: check.problems };
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

describe('mergeIntoRegistry', () => {
  it('adds new Creation rows as Active, and a second merge changes nothing', () => {
    const registry = readRegistry([]);
    const rows = tab('creation', [creationRow('ana@sdsu.edu', 'Ana', 'Lee'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]);
    const first = mergeIntoRegistry(registry, [rows], TODAY);
    expect(first).toMatchObject({ added: 2, updated: 0, reactivated: 0, archived: 0, unchanged: 0 });
    expect(registry.byEmail.get('ana@sdsu.edu')!.learner).toEqual({
      userId: 'ana@sdsu.edu',
      firstName: 'Ana',
      lastName: 'Lee',
      email: 'ana@sdsu.edu',
      employeeType: 'Riverside County Community Partner',
      affiliation: 'California Community Partners',
      status: 'Active',
      dateHire: '2026-11-20',
      archivedOn: '',
      activityEnds: '',
      openBatch: '',
    });
    const second = mergeIntoRegistry(registry, [rows], TODAY);
    expect(second).toMatchObject({ added: 0, updated: 0, reactivated: 0, archived: 0, unchanged: 2, changed: [], log: [] });
  });

  it('updates changed names, reactivates the Archived, and archives from the Archival tab', () => {
    const registry = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', 'Riverside', '2026-06-30'),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active'),
    ]);
    const result = mergeIntoRegistry(
      registry,
      [
        tab('creation', [creationRow('ANA@sdsu.edu', 'Ana', 'Lee-Park'), creationRow('bo@sdsu.edu', 'Bo', 'Chu')]),
        tab('archival', [{ ...creationRow('cy@sdsu.edu', 'Cy', 'Ng'), Password: '', DateHire: '', Status: 'Archived' }]),
      ],
      TODAY,
    );
    expect(result).toMatchObject({ added: 0, updated: 1, reactivated: 1, archived: 1, unchanged: 0 });
    expect(registry.byEmail.get('ana@sdsu.edu')!.learner.lastName).toBe('Lee-Park');
    expect(registry.byEmail.get('bo@sdsu.edu')!.learner).toMatchObject({ status: 'Active', archivedOn: '' });
    expect(registry.byEmail.get('cy@sdsu.edu')!.learner).toMatchObject({ status: 'Archived', archivedOn: TODAY });
    expect(result.log).toEqual([
      { action: 'updated', userId: 'ana@sdsu.edu', details: 'LastName Lee → Lee-Park' },
      { action: 'reactivated', userId: 'bo@sdsu.edu', details: 'Status Archived → Active; ArchivedOn 2026-06-30 → (blank)' },
      { action: 'archived', userId: 'cy@sdsu.edu', details: 'Status Active → Archived; ArchivedOn (blank) → 2026-11-28' },
    ]);
    expect(result.changed.map((e) => e.row)).toEqual([2, 3, 4]);
  });

  it('returns a known email under another county as a conflict, and does not overwrite it', () => {
    const registry = readRegistry([registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', 'Kern')]);
    const result = mergeIntoRegistry(registry, [tab('creation', [creationRow('ana@sdsu.edu', 'Ana', 'Lee', 'Riverside')])], TODAY);
    expect(result.conflicts).toMatchObject([
      { tab: 'creation', row: 2, column: 'EmployeeType', message: expect.stringMatching(/under Kern County Community Partner/) },
    ]);
    expect(registry.byEmail.get('ana@sdsu.edu')!.learner.employeeType).toBe('Kern County Community Partner');
    expect(result.changed).toEqual([]);
  });

  it('returns the same name under another email as a possible duplicate, and still adds it', () => {
    const registry = readRegistry([registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Archived', 'Kern', '2026-01-01')]);
    const result = mergeIntoRegistry(registry, [tab('creation', [creationRow('ana.lee@gmail.com', 'ana', 'LEE')])], TODAY);
    expect(result.added).toBe(1);
    expect(result.possibleDuplicates).toMatchObject([
      { row: 2, severity: 'warning', message: expect.stringMatching(/has the same name as ana@sdsu\.edu/) },
    ]);
  });

  it('skips rows with errors and returns their problems', () => {
    const registry = readRegistry([]);
    const result = mergeIntoRegistry(
      registry,
      [tab('creation', [creationRow('ana@sdsu.edu', 'Ana', 'Lee', 'Riverside', { Password: 'weak' })])],
      TODAY,
    );
    expect(result.added).toBe(0);
    expect(result.skipped).toMatchObject([{ row: 2, column: 'Password' }]);
  });

  it('refuses an email on both tabs rather than flip it each sync', () => {
    const registry = readRegistry([registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active')]);
    const tabs = [
      tab('creation', [creationRow('ana@sdsu.edu', 'Ana', 'Lee')]),
      tab('archival', [{ ...creationRow('ana@sdsu.edu', 'Ana', 'Lee'), Password: '', DateHire: '', Status: 'Archived' }]),
    ];
    expect(mergeIntoRegistry(registry, tabs, TODAY)).toMatchObject({ archived: 1, conflicts: [{ tab: 'creation', column: 'Email' }] });
    expect(mergeIntoRegistry(registry, tabs, TODAY)).toMatchObject({ archived: 0, reactivated: 0, unchanged: 1 });
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
