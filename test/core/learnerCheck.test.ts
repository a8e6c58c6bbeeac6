import { describe, expect, it } from 'vitest';
import { learnerFileProblems } from '../../src/core/learnerCheck';
import type { Learner } from '../../src/core/types';

const ana: Learner = {
  userId: 'ana@sdsu.edu',
  firstName: 'Ana',
  lastName: "O'Brien-Lee",
  email: 'ana@sdsu.edu',
  employeeType: 'Riverside County Community Partner',
  affiliation: 'California Community Partners',
  status: 'Active',
  dateHire: '2026-01-10',
  archivedOn: '',
  activityEnds: '',
  openBatch: '',
};

describe('learnerFileProblems', () => {
  it('passes a learner the template would accept', () => {
    expect(learnerFileProblems(ana, 2)).toEqual([]);
  });

  it.each([
    ['firstName', '=HYPERLINK("http://evil.example")', 'FirstName'],
    ['lastName', "-2+3+cmd|' /C calc'!A0", 'LastName'],
    ['lastName', 'Lee\nSmith', 'LastName'],
    ['firstName', 'A'.repeat(101), 'FirstName'],
    ['firstName', '', 'FirstName'],
    ['email', 'ana@sdsu', 'Email'],
    ['affiliation', '@SUM(1)', 'Affiliation'],
  ] as const)('refuses %s %j', (field, value, column) => {
    expect(learnerFileProblems({ ...ana, [field]: value }, 7)).toMatchObject([
      { tab: 'registry', row: 7, column, severity: 'error', message: expect.stringMatching(/left out of the file/) },
    ]);
  });
});
