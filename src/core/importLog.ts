/**
 * Reading the LMS's emailed import log (api.md, "Reading an import log"). Its layout is not
 * documented, so nothing is guessed: what is not sure is `unclear` or `unmentioned`.
 */

export type VerdictKind = 'applied' | 'failed' | 'unclear' | 'unmentioned';

/** A learner of a batch as its file had it: row 2 is the first learner (the header is row 1). */
export interface BatchLearnerRef {
  email: string;
  row: number;
}

export interface Verdict {
  email: string;
  row: number;
  verdict: VerdictKind;
  /** The line(s) that decided it, '' when none. */
  line: string;
}

/**
 * One verdict per learner, in the batch's order. An empty log (only spaces) means the admin says
 * every row imported: all `applied`.
 */
export function readImportLog(log: string, learners: readonly BatchLearnerRef[]): Verdict[] {
  if (log.trim() === '') return learners.map((l) => ({ email: l.email, row: l.row, verdict: 'applied', line: '' }));
  throw new Error('readImportLog: not built yet');
}

/** LOG_MISMATCH: a non-empty log that names no learner of the batch (by email or by row). */
export function logNamesNoLearner(log: string, verdicts: readonly Verdict[]): boolean {
  return log.trim() !== '' && verdicts.every((v) => v.verdict === 'unmentioned');
}
