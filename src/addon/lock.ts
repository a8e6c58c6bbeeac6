/** Every write to the registry happens under the document lock, so two admins cannot interleave. */
import { failure, type Failure } from '../core/types';

const WAIT_MS = 10_000;

/** Whether this run holds the document lock through withDocumentLock (every batch function; not onEdit, which never rewrites the open batches' copy). */
let holding = false;

export function holdsDocumentLock(): boolean {
  return holding;
}

/** Runs fn holding a lock already taken, so holdsDocumentLock() says so meanwhile. */
export function whileHolding<T>(fn: () => T): T {
  const was = holding;
  holding = true;
  try {
    return fn();
  } finally {
    holding = was;
  }
}

export function withDocumentLock<T>(fn: () => T): T | Failure {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(WAIT_MS)) {
    return failure(
      'LOCKED',
      'Another admin is changing this spreadsheet right now (setup, settings, a sync or an archive), so nothing was changed. Try again in a minute.',
    );
  }
  try {
    const result = whileHolding(fn);
    SpreadsheetApp.flush(); // commit the writes before another run can take the lock
    return result;
  } finally {
    lock.releaseLock();
  }
}
