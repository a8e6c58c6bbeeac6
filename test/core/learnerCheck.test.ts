import { describe, expect, it } from 'vitest';
import { learnerFileProblems } from '../../src/core/learnerCheck';
import { learner } from '../fixtures';

const ana = learner('ana@sdsu.edu', 'Ana', "O'Brien-Lee");

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
