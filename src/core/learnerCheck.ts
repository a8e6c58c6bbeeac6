/**
 * A registry learner checked with the template's rules before it goes into an archival or
 * reactivation file (domain.md: nothing written can become a formula, in a sheet or in a CSV).
 * Registry cells are typed by hand and never checked when read: a name like `=HYPERLINK(…)` or
 * one with a line break is still a readable row, but it must not reach a file.
 */
import { AFFILIATION } from './columns';
import { EMPLOYEE_TYPES } from './counties';
import { shown } from './text';
import type { Learner, Problem } from './types';
import { nameProblem, emailProblem } from './validate';

/**
 * The problems that keep a registry learner (on sheet row `row`) out of a file: each an error
 * naming the learner's email. An empty list: the learner may be written.
 */
export function learnerFileProblems(learner: Learner, row: number): Problem[] {
  const problems: Problem[] = [];
  const add = (column: string, message: string): void => {
    problems.push({
      tab: 'registry',
      row,
      column,
      severity: 'error',
      message: `${message} ${learner.email} was left out of the file: fix the registry row, then try again.`,
    });
  };
  for (const [column, value] of [
    ['FirstName', learner.firstName],
    ['LastName', learner.lastName],
  ] as const) {
    if (value === '') add(column, `${column} is empty in the registry.`);
    else {
      const problem = nameProblem(column, value);
      if (problem) add(column, problem);
    }
  }
  const email = emailProblem(learner.email);
  if (email) add('Email', `Email "${shown(learner.email)}" ${email}.`);
  // Read from the registry in canonical form; checked again because a file must hold nothing else.
  if (!EMPLOYEE_TYPES.includes(learner.employeeType))
    add('EmployeeType', `EmployeeType "${shown(learner.employeeType)}" is not a county's partner type.`);
  if (learner.affiliation !== AFFILIATION) add('Affiliation', `Affiliation "${shown(learner.affiliation)}" must be ${AFFILIATION}.`);
  return problems;
}
