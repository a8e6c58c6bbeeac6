/**
 * Which marks a batch function writes (marksPlan): only cells whose fill or note changes, the
 * check texts that change, and rows whose marks are unknown rewritten whole.
 */
import { describe, expect, it } from 'vitest';
import { FILL, MARKED_WIDTH, type RowMarks } from '../../src/core/marks';
import { marksPlan } from '../../src/core/marksPlan';

const none = (): string[] => Array<string>(MARKED_WIDTH).fill('');
const plain = (): string[] => [...Array<string>(MARKED_WIDTH - 1).fill(FILL.yellow), FILL.check];
const marks = (fills: string[], notes: string[], check: string): RowMarks => ({ fills, notes, check });

describe('marksPlan', () => {
  it('writes nothing but the check text when a row goes from Ready to a batch (same fills, no notes)', () => {
    const rows = [2, 3, 4].map((row) => ({
      row,
      now: marks(plain(), none(), 'Ready'),
      next: marks(plain(), none(), 'In B-20261129-1: waiting for the import log'),
      checkText: 'Ready',
    }));
    expect(marksPlan(rows)).toEqual({ whole: null, checks: { first: 2, last: 4 }, fills: new Map(), clearNotes: [], notes: null });
  });

  it('greys done rows as one rectangle per run of rows, and clears only the notes a warning had put', () => {
    const warned = none();
    warned[3] = 'ana@x.org is already Active in the registry';
    const rows = [
      { row: 5, now: marks(plain(), none(), 'In B-1: waiting'), next: marks(Array(MARKED_WIDTH).fill(FILL.done), none(), 'Done') },
      { row: 6, now: marks(plain(), warned, 'Ready, warned'), next: marks(Array(MARKED_WIDTH).fill(FILL.done), none(), 'Done') },
      { row: 8, now: marks(plain(), none(), 'In B-1: waiting'), next: marks(Array(MARKED_WIDTH).fill(FILL.done), none(), 'Done') },
    ].map((r) => ({ ...r, checkText: r.now.check }));
    const plan = marksPlan(rows);
    expect(plan.fills).toEqual(new Map([[FILL.done, ['A5:R6', 'A8:R8']]]));
    expect(plan.clearNotes).toEqual(['D6']);
    expect(plan.notes).toBeNull();
    expect(plan.checks).toEqual({ first: 5, last: 8 });
    expect(plan.whole).toBeNull();
  });

  it('rewrites whole the rows whose marks are unknown (from the first to the last), and only diffs the others', () => {
    const failedNotes = none();
    failedNotes[2] = 'LastName: type the last name';
    const rows = [
      { row: 2, now: null, next: marks(plain(), none(), 'Ready'), checkText: 'typed by hand' },
      { row: 3, now: marks(plain(), none(), 'Ready'), next: marks(plain(), none(), 'Ready'), checkText: 'Ready' },
      { row: 4, now: null, next: marks(plain(), none(), 'Ready'), checkText: '' },
      {
        row: 9,
        now: marks(plain(), none(), 'In B-1: waiting'),
        next: marks(Array(MARKED_WIDTH).fill(FILL.error), failedNotes, 'Failed in B-1'),
        checkText: 'In B-1: waiting',
      },
    ];
    const plan = marksPlan(rows);
    expect(plan.whole).toEqual({ first: 2, last: 4 });
    expect(plan.fills).toEqual(new Map([[FILL.error, ['A9:R9']]]));
    expect(plan.notes).toEqual({ first: 9, last: 9 });
    expect(plan.clearNotes).toEqual([]);
    expect(plan.checks).toEqual({ first: 9, last: 9 });
  });
});
