/**
 * Which marks of a template tab's rows a batch function must write (docs/design.md, "Marks"):
 * only the cells whose fill, note or check text changes, with a constant number of writes. A
 * row's marks as they stand are known from its check text (R): the marks the add-on paints for
 * the row's state and problems say that very text, so those are its fills and notes. A row whose
 * text says otherwise (typed over, or marked under other problems) is unknown: such rows are
 * rewritten whole, as one block.
 */
import { columnLetter } from './columns';
import { pushTo, span } from './maps';
import { MARKED_WIDTH, type RowMarks } from './marks';

export interface MarkedRow {
  row: number;
  /** The marks it must show. */
  next: RowMarks;
  /** The marks it shows, when its check text says them; null when unknown. */
  now: RowMarks | null;
  /** Its check text as read. */
  checkText: string;
}

export interface MarksPlan {
  /** Rows rewritten whole (check, fills, notes), from the first to the last unknown row. */
  whole: { first: number; last: number } | null;
  /** The check column from the first to the last row whose text changes (rows between: their text, unchanged). */
  checks: { first: number; last: number } | null;
  /** A1 ranges (A:R cells) to fill, by fill: one RangeList each. */
  fills: Map<string, string[]>;
  /** A1 ranges whose notes are cleared: one RangeList. */
  clearNotes: string[];
  /** Rows whose notes change to other notes, written as one block from the first to the last. */
  notes: { first: number; last: number } | null;
}

interface Run {
  row: number;
  /** 1-based columns, first and last. */
  from: number;
  to: number;
  value: string;
}

/** Cells of one row whose value changes, as runs of neighbouring columns taking the same new value. */
function changingRuns(row: number, now: readonly string[], next: readonly string[]): Run[] {
  const runs: Run[] = [];
  let c = 0;
  while (c < MARKED_WIDTH) {
    if (now[c] === next[c]) {
      c++;
      continue;
    }
    const value = next[c] ?? '';
    let end = c;
    while (end + 1 < MARKED_WIDTH && now[end + 1] !== next[end + 1] && next[end + 1] === value) end++;
    runs.push({ row, from: c + 1, to: end + 1, value });
    c = end + 1;
  }
  return runs;
}

/** The runs as A1 ranges, the same columns of neighbouring rows joined into one rectangle. */
function a1Ranges(runs: readonly Run[]): string[] {
  const sorted = [...runs].sort((a, b) => a.from - b.from || a.to - b.to || a.row - b.row);
  const ranges: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as Run;
    let end = start;
    while (i + 1 < sorted.length) {
      const next = sorted[i + 1] as Run;
      if (next.from !== start.from || next.to !== start.to || next.row !== end.row + 1) break;
      end = next;
      i++;
    }
    const single = start.from === start.to && start.row === end.row;
    ranges.push(
      single ? `${columnLetter(start.from)}${start.row}` : `${columnLetter(start.from)}${start.row}:${columnLetter(start.to)}${end.row}`,
    );
    i++;
  }
  return ranges;
}

export function marksPlan(rows: readonly MarkedRow[]): MarksPlan {
  const unknown = rows.filter((r) => r.now === null).map((r) => r.row);
  const whole = unknown.length > 0 ? span(unknown) : null;
  const known = rows.filter((r) => r.now !== null && !(whole && r.row >= whole.first && r.row <= whole.last));
  const changedChecks = known.filter((r) => r.next.check !== r.checkText).map((r) => r.row);
  const fillRuns = new Map<string, Run[]>();
  const cleared: Run[] = [];
  const newNotes: number[] = [];
  for (const r of known) {
    const now = r.now as RowMarks;
    for (const run of changingRuns(r.row, now.fills, r.next.fills)) pushTo(fillRuns, run.value, run);
    for (const run of changingRuns(r.row, now.notes, r.next.notes)) {
      if (run.value === '') cleared.push(run);
      else newNotes.push(r.row);
    }
  }
  return {
    whole,
    checks: changedChecks.length > 0 ? span(changedChecks) : null,
    fills: new Map([...fillRuns].map(([fill, runs]) => [fill, a1Ranges(runs)])),
    clearNotes: a1Ranges(cleared),
    notes: newNotes.length > 0 ? span(newNotes) : null,
  };
}
