/**
 * The open batches and their learners, copied into the document's properties so that an edit
 * (onEdit, every keystroke) knows them without reading the batch tabs: no Sheets call.
 *
 * The batch tabs stay the truth; this is a copy, kept so:
 *   - a batch is added before its row is written to Upload Batches (appendBatch): while a batch
 *     is being opened the copy may hold it a moment early, never late;
 *   - a batch is taken out once its row says it is closed (writeBatchStatus);
 *   - every read of the loop under the document lock (every batch function) rewrites the copy
 *     from the tabs when it differs, so a copy left wrong by a run cut short, or by a hand edit
 *     of the batch tabs, is mended by the next batch function.
 * A copy that cannot be read (missing, cut, from another version) is no copy: onEdit reads the
 * tabs as before. Learners past MAX_CHUNKS chunks are not copied (the ids are): onEdit then
 * searches the batch rows for its learners.
 */
import type { LoopIndex } from '../core/batches';
import { emailKey } from '../core/registry';
import { holdsDocumentLock } from './lock';

const KEY = 'openBatches';
/** Characters per property: at most 3 bytes each in UTF-8, under the 9 KB a property holds. */
const CHUNK = 3_000;
/** At most this many chunks (180,000 characters: about 7,000 learners in open batches). */
const MAX_CHUNKS = 60;

interface Stored {
  /** Format version: a copy of another version is not read. */
  v: 1;
  ids: string[];
  /** How many chunks hold the learners, and their total length; null: too many to copy. */
  chunks: number | null;
  length: number;
}

/** batchId → the lower-cased emails of its learners. */
type Learners = Record<string, string[]>;

export interface CachedLoop {
  open: ReadonlySet<string>;
  /** Lower-cased email → its open batch; null when there were too many learners to copy. */
  learnerBatch: ReadonlyMap<string, string> | null;
}

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function chunkKey(i: number): string {
  return `${KEY}.${i}`;
}

function parse(all: Record<string, string>): { stored: Stored; learners: Learners | null } | null {
  try {
    const stored = JSON.parse(all[KEY] ?? 'null') as Stored | null;
    if (stored?.v !== 1 || !Array.isArray(stored.ids)) return null;
    if (stored.chunks === null) return { stored, learners: null };
    let text = '';
    for (let i = 0; i < stored.chunks; i++) text += all[chunkKey(i)] ?? '';
    if (text.length !== stored.length) return null; // chunks of two different writes
    return { stored, learners: JSON.parse(text) as Learners };
  } catch {
    return null;
  }
}

/** The copy, or null when there is none to trust (onEdit then reads the batch tabs). One Properties call. */
export function loadLoopCache(): CachedLoop | null {
  const read = parse(props().getProperties());
  if (!read) return null;
  const open = new Set(read.stored.ids);
  if (!read.learners) return { open, learnerBatch: null };
  const learnerBatch = new Map<string, string>();
  for (const [batchId, emails] of Object.entries(read.learners)) {
    if (!open.has(batchId)) return null;
    for (const email of emails) learnerBatch.set(email, batchId);
  }
  return { open, learnerBatch };
}

/** Each open batch's learners as its rows name them: a learner two batches hold (a hand edit) is in both. */
function learnersOf(open: ReadonlySet<string>, rows: readonly { email: string; batchId: string }[]): Learners {
  const learners: Learners = {};
  for (const id of open) learners[id] = [];
  for (const row of rows) learners[row.batchId]?.push(emailKey(row.email));
  return learners;
}

/** Writes the copy: the ids, and the learners when given and when they fit (null: ids only). */
function store(ids: readonly string[], learners: Learners | null): void {
  const text = learners ? JSON.stringify(learners) : '';
  const chunks = Math.ceil(text.length / CHUNK);
  const fits = learners !== null && chunks <= MAX_CHUNKS;
  const stored: Stored = { v: 1, ids: [...ids], chunks: fits ? chunks : null, length: fits ? text.length : 0 };
  const meta = JSON.stringify(stored);
  const p = props();
  if (meta.length > CHUNK) {
    // Hundreds of open batches: their ids alone would not fit one property. No copy (onEdit reads the tabs).
    p.deleteProperty(KEY);
    return;
  }
  const updates: Record<string, string> = { [KEY]: meta };
  if (fits) for (let i = 0; i < chunks; i++) updates[chunkKey(i)] = text.slice(i * CHUNK, (i + 1) * CHUNK);
  const before = parse(p.getProperties());
  p.setProperties(updates);
  // Chunks of a longer copy before are left over: gone (the length check ignores them meanwhile).
  const had = before?.stored.chunks ?? 0;
  for (let i = fits ? chunks : 0; i < had; i++) p.deleteProperty(chunkKey(i));
}

/**
 * The copy made equal to the loop as the tabs say (the open batches, and the rows of their
 * learners), when it differs. Only under the document lock (another admin's batch may be opening otherwise).
 */
export function refreshLoopCache(index: LoopIndex, rows: readonly { email: string; batchId: string }[]): void {
  if (!holdsDocumentLock()) return;
  const ids = [...index.open];
  const learners = learnersOf(index.open, rows);
  const read = parse(props().getProperties());
  const same =
    read !== null &&
    read.learners !== null &&
    JSON.stringify(read.stored.ids) === JSON.stringify(ids) &&
    JSON.stringify(read.learners) === JSON.stringify(learners);
  if (!same) store(ids, learners);
}

/** A batch about to be written open: into the copy first. No copy to trust: none is made (the next refresh makes it). */
export function cacheBatchOpened(batchId: string, emails: readonly string[]): void {
  const read = parse(props().getProperties());
  if (!read) return;
  const ids = [...read.stored.ids.filter((id) => id !== batchId), batchId];
  if (!read.learners) {
    markIdsOnly(ids);
    return;
  }
  read.learners[batchId] = emails.map(emailKey);
  store(ids, read.learners);
}

/** A batch whose row now says it is closed: out of the copy. */
export function cacheBatchClosed(batchId: string): void {
  const read = parse(props().getProperties());
  if (!read?.stored.ids.includes(batchId)) return;
  const ids = read.stored.ids.filter((id) => id !== batchId);
  if (!read.learners) {
    markIdsOnly(ids);
    return;
  }
  delete read.learners[batchId];
  store(ids, read.learners);
}

/** Keeps the ids, and says the learners are not copied (onEdit searches the batch rows). */
function markIdsOnly(ids: readonly string[]): void {
  store(ids, null);
}
