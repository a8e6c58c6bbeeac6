/**
 * Possible duplicates within one sync or confirm (domain.md: "the same first and last name under
 * another email is shown as a possible duplicate"). Each learner a run adds or renames is compared
 * with the registry as it will be after the run, which holds the other learners of the same run:
 * two new rows "Ana Lopez" under two emails, or a rename and its namesake arriving together, are
 * both reported.
 */
import type { TemplateTab } from './columns';
import type { Learner, Problem } from './types';

/** The same-name warning looks at no more than this many namesakes (domain.md, "Speed"). */
export const MAX_NAMESAKES = 50;
/** How many namesakes a message names; the rest are counted. */
const NAMED = 3;

type Person = Pick<Learner, 'email' | 'firstName' | 'lastName' | 'employeeType' | 'status'>;

/** A learner a run adds or renames, and the template row it came from. */
export interface NameCandidate {
  tab: TemplateTab;
  row: number;
  learner: Person;
}

/** "Ana  LÓPEZ " and "ana lópez" are one name. */
export function nameKey(learner: Pick<Learner, 'firstName' | 'lastName'>): string {
  return `${learner.firstName} ${learner.lastName}`.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * One warning per candidate that shares its name with another email in `after` (the registry
 * after the run, candidates included). One pass over `after`, keeping at most MAX_NAMESAKES (+1,
 * the candidate itself) learners per name.
 */
export function possibleDuplicates(candidates: readonly NameCandidate[], after: Iterable<Person>): Problem[] {
  const wanted = new Set(candidates.map((c) => nameKey(c.learner)).filter((key) => key !== ''));
  if (wanted.size === 0) return [];
  const byName = new Map<string, Person[]>();
  for (const person of after) {
    const key = nameKey(person);
    if (!wanted.has(key)) continue;
    const group = byName.get(key) ?? [];
    if (group.length <= MAX_NAMESAKES) group.push(person);
    byName.set(key, group);
  }
  const problems: Problem[] = [];
  for (const { tab, row, learner } of candidates) {
    const email = learner.email.toLowerCase();
    const namesakes = (byName.get(nameKey(learner)) ?? []).filter((p) => p.email.toLowerCase() !== email).slice(0, MAX_NAMESAKES);
    if (namesakes.length === 0) continue;
    const named = namesakes
      .slice(0, NAMED)
      .map((p) => `${p.email} (${p.employeeType}, ${p.status})`)
      .join(', ');
    const more =
      namesakes.length > NAMED
        ? ` and ${namesakes.length - NAMED}${namesakes.length === MAX_NAMESAKES ? ' or more' : ''} other${namesakes.length - NAMED === 1 ? '' : 's'}`
        : '';
    problems.push({
      tab,
      row,
      column: '',
      severity: 'warning',
      message: `${learner.firstName} ${learner.lastName} (${learner.email}) has the same name as ${named}${more} in the registry after this sync: check this is not the same person with another email.`,
    });
  }
  return problems;
}
