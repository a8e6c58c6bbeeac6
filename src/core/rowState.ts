/**
 * A template row's place in the upload loop (domain.md, "The upload loop: batches"), kept in the
 * tab's hidden last column `State (not exported)` (T on the Creation tab, S on the Archival tab),
 * so sorting, inserting rows, clearing done rows and cancelling a batch keep it true.
 *
 * The cell holds one line of text: '' (pending), or `<kind> <batchId>` with a tail:
 *   open B-20261129-1          in an open batch, waiting for the LMS's import log
 *   open B-20261129-1 added    same, and the row was put on the tab by the add-on for that batch
 *                              (archive by domain): cancelling the batch takes it off
 *   done B-20261129-1 2026-11-29        applied in the registry, effective that day
 *   changed B-20261129-1       edited since it was exported in that (open) batch: a new pending change
 *   failed B-20261129-1: <the log's line>   the LMS refused it; an error until the row is edited
 * A state naming a batch that does not exist (an export cut short) reads as pending.
 */

import type { TemplateTab } from './columns';

export const STATE_HEADER = 'State (not exported)';
/** 1-based column of the hidden state: T on the Creation tab (S is its activity end date), S on the Archival tab. */
export const STATE_COLUMN: Readonly<Record<TemplateTab, number>> = { creation: 20, archival: 19 };

export type RowStateKind = 'pending' | 'open' | 'done' | 'changed' | 'failed';

export interface RowState {
  kind: RowStateKind;
  /** '' when pending. */
  batchId: string;
  /** open: the add-on added this row for the batch. */
  added: boolean;
  /** done: the effective date 'YYYY-MM-DD'. */
  date: string;
  /** failed: the import log's line. */
  line: string;
}

export const PENDING: RowState = { kind: 'pending', batchId: '', added: false, date: '', line: '' };

/** A log line kept in a state cell is cut to this length, so the cell stays far below Sheets' 50,000 characters. */
export const MAX_STATE_LINE = 1000;

const BATCH_ID = /^B-\d{8}-\d+$/;

export function isBatchId(text: string): boolean {
  return BATCH_ID.test(text);
}

/** Reads a state cell; anything it does not recognise (an admin's typing) is pending. */
export function parseRowState(text: string): RowState {
  const trimmed = text.replace(/^'/, '').trim();
  const match = /^(open|done|changed|failed) (B-\d{8}-\d+)(?::? ?(.*))?$/s.exec(trimmed);
  if (!match) return PENDING;
  const kind = match[1] as Exclude<RowStateKind, 'pending'>;
  const batchId = match[2] as string;
  const tail = (match[3] ?? '').trim();
  return {
    kind,
    batchId,
    added: kind === 'open' && tail === 'added',
    date: kind === 'done' && /^\d{4}-\d{2}-\d{2}$/.test(tail) ? tail : '',
    line: kind === 'failed' ? tail : '',
  };
}

export function formatRowState(state: RowState): string {
  switch (state.kind) {
    case 'pending':
      return '';
    case 'open':
      return `open ${state.batchId}${state.added ? ' added' : ''}`;
    case 'done':
      return `done ${state.batchId}${state.date ? ` ${state.date}` : ''}`;
    case 'changed':
      return `changed ${state.batchId}`;
    case 'failed':
      return `failed ${state.batchId}: ${state.line.replace(/\s+/g, ' ').slice(0, MAX_STATE_LINE)}`;
  }
}

/**
 * The state after the admin edits a row's A:Q cells: a row of an open batch becomes a new pending
 * change (the batch keeps what it exported); a done or failed row is pending again.
 */
export function stateAfterEdit(state: RowState): RowState {
  switch (state.kind) {
    case 'open':
      return { ...PENDING, kind: 'changed', batchId: state.batchId };
    case 'done':
    case 'failed':
      return PENDING;
    default:
      return state;
  }
}

/** Rows that export, validation and sync take: neither done nor in an open batch. */
export function isPending(state: RowState, openBatches: ReadonlySet<string>): boolean {
  if (state.kind === 'done') return false;
  if (state.kind === 'open') return !openBatches.has(state.batchId);
  return true;
}

/** The state as the loop reads it: `open` in a batch that is not open (an export cut short) is pending. */
export function effectiveState(state: RowState, openBatches: ReadonlySet<string>): RowState {
  return state.kind === 'open' && !openBatches.has(state.batchId) ? PENDING : state;
}
