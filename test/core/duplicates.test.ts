import { describe, expect, it } from 'vitest';
import { MAX_NAMESAKES, possibleDuplicates } from '../../src/core/duplicates';

const person = (email: string, firstName: string, lastName: string) => ({
  email,
  firstName,
  lastName,
  employeeType: 'Riverside County Community Partner',
  status: 'Active' as const,
});

describe('possibleDuplicates', () => {
  it('compares each added or renamed learner with the registry after the run, the run’s own learners included', () => {
    const a = person('ana@sdsu.edu', 'Ana', 'Lopez');
    const b = person('ana.lopez@gmail.com', ' ana ', 'LOPEZ');
    const problems = possibleDuplicates(
      [
        { tab: 'creation', row: 2, learner: a },
        { tab: 'creation', row: 3, learner: b },
      ],
      [person('zed@sdsu.edu', 'Zed', 'Young'), a, b],
    );
    expect(problems.map((p) => [p.row, p.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
    ]);
    expect(problems[0]!.message).toMatch(/^Ana Lopez \(ana@sdsu\.edu\) has the same name as ana\.lopez@gmail\.com/);
  });

  it('a learner is not its own namesake', () => {
    const a = person('ana@sdsu.edu', 'Ana', 'Lopez');
    expect(possibleDuplicates([{ tab: 'creation', row: 2, learner: a }], [{ ...a, email: 'ANA@sdsu.edu' }])).toEqual([]);
  });

  it(`looks at no more than ${MAX_NAMESAKES} namesakes`, () => {
    const many = Array.from({ length: 500 }, (_, i) => person(`john${i}@x.org`, 'John', 'Smith'));
    const [warning] = possibleDuplicates([{ tab: 'creation', row: 2, learner: person('js@gmail.com', 'John', 'Smith') }], many);
    expect(warning!.message).toMatch(/john0@x\.org .*john1@x\.org .*john2@x\.org .* and 47 or more others/);
  });
});
