/** Builds the sidebar's dynamic parts from plain data (actions.ts, model.ts). Text only: see dom.ts. */
import { countyOfEmployeeType } from '../core/counties';
import type { Learner, Problem } from '../core/types';
import type { Notice } from './actions';
import { el, svgIn } from './dom';
import { bySeverity, chartGeometry, daysSince, plural, type MonthPoint, type ProblemSection, type RowProblems } from './model';

/** A problem on a sheet row can take the admin to its cell; one about a field or an unknown id cannot. */
function inSheet(problem: Problem): boolean {
  return problem.tab !== 'settings' && problem.row >= 2;
}

function problemItem(problem: Problem, onSelect: (problem: Problem) => void): HTMLElement {
  // Most messages already start with their column ("Email "x" is not…"): name it only where not.
  const named = problem.column === '' || problem.message.startsWith(problem.column);
  const text = named ? problem.message : `${problem.column}: ${problem.message}`;
  const className = `problem ${problem.severity}`;
  if (!inSheet(problem)) return el('li', { className, text });
  const button = el('button', {
    className: 'link',
    text,
    attrs: { type: 'button', title: `Go to row ${problem.row}${problem.column ? `, ${problem.column}` : ''} in the sheet` },
  });
  button.addEventListener('click', () => onSelect(problem));
  return el('li', { className }, button, ...relatedLinks(problem, onSelect));
}

/** The other rows a problem names (a duplicate's, a namesake's), each a link that selects that row. */
function relatedLinks(problem: Problem, onSelect: (problem: Problem) => void): HTMLElement[] {
  const rows = problem.relatedRows ?? [];
  if (rows.length === 0) return [];
  return [
    el(
      'span',
      { className: 'related' },
      ...rows.map((row) => {
        const link = el('button', { className: 'link', text: `Go to row ${row}`, attrs: { type: 'button' } });
        link.addEventListener('click', () => onSelect({ ...problem, row }));
        return link;
      }),
    ),
  ];
}

/**
 * The problems of a Validate or an Export: their counts, the errors by row, then the warnings by
 * row folded under their count (open when there is no error), so a long list starts with what
 * blocks the export.
 */
export function problemList(groups: readonly RowProblems[], onSelect: (problem: Problem) => void): HTMLElement {
  const { counts, errors, warnings, warningsTitle } = bySeverity(groups);
  const folded = el(
    'details',
    { className: 'warnings', attrs: errors.length ? {} : { open: '' } },
    el('summary', { text: warningsTitle }),
    rowList(warnings, onSelect),
  );
  return el(
    'div',
    { className: 'problem-list' },
    el('p', { className: 'problem-counts', text: counts }),
    ...(errors.length ? [rowList(errors, onSelect)] : []),
    ...(warnings.length ? [folded] : []),
  );
}

function rowList(groups: readonly RowProblems[], onSelect: (problem: Problem) => void): HTMLElement {
  return el(
    'ul',
    { className: 'rows' },
    ...groups.map(({ row, problems }) =>
      el(
        'li',
        {},
        ...(row >= 2 ? [el('span', { className: 'row-label', text: `Row ${row}` })] : []),
        el('ul', { className: 'problems' }, ...problems.map((p) => problemItem(p, onSelect))),
      ),
    ),
  );
}

/** Replaces a status area's content with the notice and its problems. The area is aria-live. */
export function showNotice(area: HTMLElement, notice: Notice, onSelect: (problem: Problem) => void, ...extra: HTMLElement[]): void {
  area.replaceChildren(
    el('p', { className: `notice ${notice.tone}`, text: notice.text, attrs: notice.tone === 'error' ? { role: 'alert' } : {} }),
    ...(notice.problems.length ? [problemList(notice.problems, onSelect)] : []),
    ...extra,
  );
}

export function syncSections(sections: readonly ProblemSection[], onSelect: (problem: Problem) => void): HTMLElement[] {
  return sections.map(({ title, problems, limit = problems.length }) => {
    const more = problems.length - limit;
    return el(
      'section',
      { className: 'sync-section' },
      el('h4', { text: `${title}: ${problems.length}` }),
      el(
        'ul',
        { className: 'problems' },
        ...problems.slice(0, limit).map((p) => problemItem(p, onSelect)),
        ...(more > 0 ? [el('li', { className: 'more', text: `…and ${more} more in the Learner Registry tab.` })] : []),
      ),
    );
  });
}

export function learnerName(learner: Learner): string {
  return `${learner.firstName} ${learner.lastName}`.trim() || learner.email;
}

function learnerDetails(learner: Learner): HTMLElement {
  const county = countyOfEmployeeType(learner.employeeType) ?? learner.employeeType;
  const since =
    learner.status === 'Active'
      ? `Active since ${learner.dateHire || 'an unknown date'}`
      : `Archived on ${learner.archivedOn || 'an unknown date'}`;
  return el(
    'span',
    { className: 'details' },
    el('span', { className: 'email', text: learner.email }),
    el('span', { text: `${county} · ${since}` }),
  );
}

export interface ChecklistOptions {
  idPrefix: string;
  label: string;
  details: (learner: Learner) => HTMLElement;
}

/** A labelled checkbox per learner: the archive-by-domain list, and the due list. */
export function learnerChecklist(
  learners: readonly Learner[],
  selected: ReadonlySet<string>,
  onToggle: (userId: string, checked: boolean) => void,
  options: ChecklistOptions = { idPrefix: 'domain-learner', label: 'Matching Active learners', details: learnerDetails },
): HTMLElement {
  return el(
    'ul',
    { className: 'learners', attrs: { 'aria-label': options.label } },
    ...learners.map((learner, i) => {
      const box = el('input', { id: `${options.idPrefix}-${i}`, attrs: { type: 'checkbox' } });
      box.checked = selected.has(learner.userId);
      box.addEventListener('change', () => onToggle(learner.userId, box.checked));
      return el(
        'li',
        {},
        box,
        el('label', { attrs: { for: box.id } }, el('span', { className: 'name', text: learnerName(learner) }), options.details(learner)),
      );
    }),
  );
}

/** The due list's line under a name: the email, and when the activity ended. */
export function dueDetails(today: string): (learner: Learner) => HTMLElement {
  return (learner) =>
    el(
      'span',
      { className: 'details' },
      el('span', { className: 'email', text: learner.email }),
      el('span', { text: `Activity ended ${learner.activityEnds}, ${plural(daysSince(learner.activityEnds, today), 'day')} ago` }),
    );
}

const CHART_WIDTH = 280;
const CHART_HEIGHT = 120;

/**
 * Draws the Overview's chart of Active at each month's end against the cap into the page's
 * <svg> (hidden from screen readers), and returns the same numbers as a table they read instead.
 */
export function drawComplianceChart(root: SVGElement, months: readonly MonthPoint[]): HTMLElement {
  const svg = svgIn(root);
  const g = chartGeometry(months, CHART_WIDTH, CHART_HEIGHT);
  const bottom = CHART_HEIGHT - 18;
  for (const [name, value] of Object.entries({ viewBox: `0 0 ${g.width} ${g.height}`, width: g.width, height: g.height })) {
    root.setAttribute(name, String(value));
  }
  root.replaceChildren(
    svg('line', { class: 'axis', x1: 28, y1: bottom, x2: g.width - 8, y2: bottom }),
    svg('text', { class: 'y-label', x: 24, y: 12, 'text-anchor': 'end' }, String(g.yMax)),
    svg('text', { class: 'y-label', x: 24, y: bottom, 'text-anchor': 'end' }, '0'),
    ...g.cap.map((points) => svg('polyline', { class: 'cap-line', points })),
    svg('polyline', { class: 'active-line', points: g.active }),
    ...g.ticks.map((t) => svg('text', { class: 'x-label', x: t.x, y: g.height - 4, 'text-anchor': 'middle' }, t.label)),
  );
  return el(
    'table',
    {},
    el('caption', { text: 'Active accounts at the end of each month, and the cap in force' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { text: 'Month', attrs: { scope: 'col' } }),
        el('th', { text: 'Active', attrs: { scope: 'col' } }),
        el('th', { text: 'Cap', attrs: { scope: 'col' } }),
      ),
    ),
    el(
      'tbody',
      {},
      ...months.map((m) =>
        el(
          'tr',
          {},
          el('th', { text: m.month, attrs: { scope: 'row' } }),
          el('td', { text: String(m.end) }),
          el('td', { text: m.cap === null ? 'none' : String(m.cap) }),
        ),
      ),
    ),
  );
}

/** The registry search results: a card per learner. */
export function learnerResults(
  learners: readonly Learner[],
  onReactivate: (learner: Learner, button: HTMLButtonElement) => void,
): HTMLElement {
  return el(
    'ul',
    { className: 'learners', attrs: { 'aria-label': 'Learners found' } },
    ...learners.map((learner) => learnerCard(learner, onReactivate)),
  );
}

/**
 * One learner of the registry search, as the server last said: an archived learner gets a
 * Reactivate button, unless an open batch holds the learner already (the LMS has its file).
 */
export function learnerCard(learner: Learner, onReactivate: (learner: Learner, button: HTMLButtonElement) => void): HTMLElement {
  const item = el(
    'li',
    {},
    el('div', { className: 'learner' }, el('span', { className: 'name', text: learnerName(learner) }), learnerDetails(learner)),
  );
  if (learner.openBatch) {
    item.append(el('span', { className: 'hint', text: `In open batch ${learner.openBatch}: waiting for the LMS import log.` }));
  } else if (learner.status === 'Archived') {
    const button = el('button', {
      className: 'secondary',
      text: 'Reactivate',
      attrs: { type: 'button', 'aria-label': `Reactivate ${learnerName(learner)}` },
    });
    button.addEventListener('click', () => onReactivate(learner, button));
    item.append(button);
  }
  return item;
}
