import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/core/duplicates';
import {
  REGISTRY_HEADERS,
  lastNameMayMatch,
  readRegistry,
  registryLayout,
  registryStatus,
  rowsNaming,
  unreadableRowProblem,
} from '../../src/core/registryRead';
import { registryRow } from '../fixtures';

describe('registryLayout', () => {
  it('finds each header wherever it is, with the aliases of domain.md, ActivityEnds optional', () => {
    const layout = registryLayout([
      'Notes',
      'User ID',
      'Last Name',
      'first_name',
      'E-mail',
      'EmploymentType',
      'Affiliation',
      'STATUS',
      'Hire Date',
      'Archived On',
    ]);
    expect(layout).toEqual({
      ok: true,
      columns: {
        UserID: 2,
        FirstName: 4,
        LastName: 3,
        Email: 5,
        EmployeeType: 6,
        Affiliation: 7,
        Status: 8,
        DateHire: 9,
        ArchivedOn: 10,
        ActivityEnds: 0,
      },
    });
  });

  it('names missing and duplicated headers', () => {
    expect(registryLayout([...REGISTRY_HEADERS.slice(0, 7), 'Email'])).toEqual({
      ok: false,
      missing: ['DateHire', 'ArchivedOn'],
      duplicated: ['Email (columns D, H)'],
    });
  });
});

describe('readRegistry', () => {
  it('reads statuses typed by hand as plainly meant, and nothing else', () => {
    expect(['active', ' Archived ', 'ACTIVE', 'Inactive', 'Actve', ''].map(registryStatus)).toEqual([
      'Active',
      'Archived',
      'Active',
      null,
      null,
      null,
    ]);
  });

  it('keeps the emails of rows it cannot read, so their learners are never added again', () => {
    const read = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Inactive', '2026-01-10'),
      registryRow('Bo@SDSU.edu', 'Bo', 'Chu', 'Active', '2026-01-10').map((v, i) => (i === 3 ? '' : v)),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'),
      registryRow('Dee@SDSU.edu (old)', 'Dee', 'Park', 'Active', '2026-01-10'),
    ]);
    expect(read.entries.map((e) => e.learner.email)).toEqual(['cy@sdsu.edu']);
    expect([...read.unreadable]).toEqual([
      ['ana@sdsu.edu', 2],
      ['bo@sdsu.edu', 3],
      ['dee@sdsu.edu', 5],
    ]);
    expect(read.problems.map((p) => [p.row, p.column, p.severity])).toEqual([
      [2, 'Status', 'error'],
      [3, 'Email', 'error'],
      [5, 'Email', 'error'],
    ]);
    expect(unreadableRowProblem(read, 'BO@sdsu.edu', { tab: 'creation', row: 7 })).toMatchObject({
      tab: 'creation',
      row: 7,
      column: 'Email',
      message: expect.stringMatching(/^BO@sdsu\.edu is already in the registry on row 3, which the add-on cannot read/),
    });
    expect(unreadableRowProblem(read, 'cy@sdsu.edu', { tab: 'creation', row: 8 })).toBeNull();
  });

  it('a UserID other than the Email and an unreadable ActivityEnds are warnings: the learner stays, keyed by Email', () => {
    const read = readRegistry([
      [...registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10').map((v, i) => (i === 0 ? 'ana.lee@sdsu.edu' : v)), 'soon'],
    ]);
    expect(read.entries).toHaveLength(1);
    expect(read.byEmail.get('ana@sdsu.edu')!.learner).toMatchObject({ userId: 'ana@sdsu.edu', activityEnds: '' });
    expect(read.problems.map((p) => [p.column, p.severity])).toEqual([
      ['UserID', 'warning'],
      ['ActivityEnds', 'warning'],
    ]);
    expect(read.unreadable.size).toBe(0);
  });

  it('quotes a huge value short in its message', () => {
    const read = readRegistry([registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'x'.repeat(50_000), '2026-01-10')]);
    expect(read.problems[0]!.message.length).toBeLessThan(300);
  });
});

describe('the rows a partial read must hold (readRegistryFor)', () => {
  it('takes the rows naming an email in Email or UserID, unreadable ones too, then every row with the same Email', () => {
    const emails = ['ana@x.org', 'Bo@X.org (old)', 'cy@x.org', '', 'cy@x.org', 'dee@x.org'];
    const userIds = ['', '', 'ANA@x.org', 'bo@x.org', '', 'dee@x.org'];
    // Row 0 names ana; row 2 names ana in its UserID, so row 4 (cy's second row) decides whether row 2 reads.
    expect([...rowsNaming(emails, userIds, new Set(['ana@x.org']))].sort()).toEqual([0, 2, 4]);
    expect([...rowsNaming(emails, userIds, new Set(['bo@x.org']))].sort()).toEqual([1, 3]);
    expect(rowsNaming(emails, userIds, new Set())).toEqual(new Set());
  });

  it('finds every last name that can complete a name, however first and last name split it', () => {
    const mayMatch = lastNameMayMatch(new Set([nameKey({ firstName: 'Ana Maria', lastName: 'Lopez' })]));
    for (const last of ['Lopez', ' LOPEZ ', 'Maria  Lopez', 'ana maria lopez', '']) expect(mayMatch(last), last).toBe(true);
    for (const last of ['Lope', 'ria Lopez', 'Lopez Ana', 'Maria']) expect(mayMatch(last), last).toBe(false);
    expect(lastNameMayMatch(new Set())('')).toBe(false);
  });
});
