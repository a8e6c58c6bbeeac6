/**
 * How a template tab shows its problems: each cell's fill and note, and the check column (R).
 * setupTemplates paints the same marks as live validation, so neither undoes the other.
 */
import { COLUMNS, COLUMN_COUNT, HEADERS, columnLetter, isRequiredOn, type TemplateTab } from './columns';
import type { RowState } from './rowState';
import { clip } from './text';
import type { Problem } from './types';

export const FILL = {
  /** Where the admin types. */
  yellow: '#fff2cc',
  /** Where the LMS wants a blank. */
  white: '#ffffff',
  check: '#f3f3f3',
  header: '#d9d9d9',
  error: '#f4cccc',
  warning: '#fce5cd',
  /** A row done in a batch: recorded, out of the way (shown by the tab's done rule, not a fill). */
  done: '#e8e8e8',
} as const;

export const CHECK_HEADER = 'Check (not exported)';
/** The check column, R: the row's state or problems as text (`checkColumnText`), never exported. */
export const CHECK_COLUMN = COLUMN_COUNT + 1;
/** The Creation tab's column S: an optional date, never exported (domain.md, Compliance). */
export const ACTIVITY_ENDS_HEADER = 'Activity ends (not exported)';
export const ACTIVITY_ENDS_COLUMN = COLUMN_COUNT + 2;
/** A check text or note is cut to this many characters: a cell holds at most 50,000. */
export const MAX_MARK_TEXT = 5_000;
/** A:Q and the check column R. */
export const MARKED_WIDTH = CHECK_COLUMN;

/** How a done row's check text starts. */
export const DONE_PREFIX = 'Done:';
/**
 * The conditional format rule that greys a done row across A:R (docs/design.md, "Marks"), applied
 * to A2:R of a template tab: one rule per tab, so a row that is done costs its check text only,
 * not 18 fills, and a row that stops being done loses the grey as its text changes, with no fill written.
 */
export const DONE_RULE_FORMULA = `=LEFT($${columnLetter(CHECK_COLUMN)}2,${DONE_PREFIX.length})="${DONE_PREFIX}"`;

export interface RowMarks {
  /** A:R */
  fills: string[];
  /** A:R */
  notes: string[];
  /** The text of R. */
  check: string;
}

/** A data row's fills when nothing is wrong in it. */
export function plainFills(tab: TemplateTab): string[] {
  return [...COLUMNS.map((c) => (isRequiredOn(tab, c) ? FILL.yellow : FILL.white)), FILL.check];
}

/**
 * A fill that belongs there: the plain one, or a mark live validation put. A grey fill does not:
 * done rows are grey by the tab's rule, and a grey row of a workbook from before it is repainted.
 */
export function isExpectedFill(fill: string, plain: string): boolean {
  return fill === plain || fill === FILL.error || fill === FILL.warning;
}

function labelled(p: Problem): string {
  return p.severity === 'warning' ? `Warning: ${p.message}` : p.message;
}

function markFill(problems: readonly Problem[], plain: string): string {
  if (problems.some((p) => p.severity === 'error')) return FILL.error;
  return problems.length > 0 ? FILL.warning : plain;
}

/** Errors first, so the R text starts with what blocks the export. */
function bySeverity(problems: readonly Problem[]): Problem[] {
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

/** "Ready", "Ready | Warning: …" (warnings do not block the export), or the errors then warnings. */
export function checkColumnText(problems: readonly Problem[]): string {
  const parts = bySeverity(problems).map(labelled);
  return clip(problems.some((p) => p.severity === 'error') ? parts.join(' | ') : ['Ready', ...parts].join(' | '), MAX_MARK_TEXT);
}

function cellMarks(problems: readonly Problem[], plain: readonly string[]): { fills: string[]; notes: string[] } {
  const inColumn = HEADERS.map((h) => problems.filter((p) => p.column === h));
  return {
    fills: [...inColumn.map((ps, i) => markFill(ps, plain[i] as string)), markFill(problems, plain[COLUMN_COUNT] as string)],
    notes: [...inColumn.map((ps) => clip(bySeverity(ps).map(labelled).join('\n'), MAX_MARK_TEXT)), ''],
  };
}

/** A data row's marks from its problems; a blank row gets its plain fills and an empty check. */
export function dataRowMarks(tab: TemplateTab, problems: readonly Problem[], blank: boolean): RowMarks {
  const plain = plainFills(tab);
  if (blank) return { fills: plain, notes: Array<string>(MARKED_WIDTH).fill(''), check: '' };
  return { ...cellMarks(problems, plain), check: checkColumnText(problems) };
}

/** The header row: a wrong header cell is marked, and R1 says what is wrong or keeps its title. */
export function headerRowMarks(problems: readonly Problem[]): RowMarks {
  return {
    ...cellMarks(problems, Array<string>(MARKED_WIDTH).fill(FILL.header)),
    check: problems.length > 0 ? problems.map((p) => p.message).join(' | ') : CHECK_HEADER,
  };
}

/**
 * A data row's marks from its state in the upload loop (docs/design.md, "A row's state") and its
 * problems: a row in an open batch waits, plain; a done row is plain under the tab's done rule,
 * which shows it grey; a failed row is red with the import log's line; a row changed since its
 * batch is checked as a new change.
 */
export function stateRowMarks(tab: TemplateTab, problems: readonly Problem[], blank: boolean, state: RowState): RowMarks {
  if (blank) return dataRowMarks(tab, problems, blank);
  const plain = plainFills(tab);
  const none = Array<string>(MARKED_WIDTH).fill('');
  switch (state.kind) {
    case 'open':
      return { fills: plain, notes: none, check: `In ${state.batchId}: waiting for the import log` };
    case 'done':
      // Plain under the tab's done rule, which shows it grey: a row turning done keeps its fills.
      return { fills: plain, notes: none, check: `${DONE_PREFIX} ${state.date}, ${state.batchId}` };
    case 'failed':
      // The cells' problems follow the log's line: the check names the rows a duplicate ties it
      // to, as every check does, so live validation finds it again when one of them changes.
      return {
        fills: Array<string>(MARKED_WIDTH).fill(FILL.error),
        notes: cellMarks(problems, plain).notes,
        check: clip(
          [`Failed in ${state.batchId}: ${state.line}`, ...bySeverity(problems.filter((p) => p.column !== '')).map(labelled)].join(' | '),
          MAX_MARK_TEXT,
        ),
      };
    case 'changed':
      return { ...cellMarks(problems, plain), check: `Changed since ${state.batchId}: ${checkColumnText(problems)}` };
    case 'pending':
      return dataRowMarks(tab, problems, blank);
  }
}
