/**
 * Reconciling the registry with an LMS learner export (api.md, "Reconciling"): which of this
 * county's partners the LMS has and the registry lacks, and the reverse, which differ, which the
 * LMS holds under another county, and which open batches the export already shows done. Then,
 * for the learners the admin picks, the registry changes that take the LMS's values.
 */
import { AFFILIATION, type ColumnName } from './columns';
import { countyOfEmployeeType, employeeTypeOf, type County } from './counties';
import { parseDateText } from './dates';
import { cellOf, type ColumnMap, type Table } from './files';
import { describeChange, emailKey, type LogAction, type LogEntry, type RegistryEntry, type RegistryRead } from './registry';
import { rowChange, type RowChange } from './registryChanges';
import { failure, type Failure, type Learner, type Problem } from './types';
import { isEmail } from './validate';

export type BatchKind = 'creation' | 'archival' | 'reactivation';

/** An open batch's learners (lower-cased emails), as the batch tabs hold them. */
export interface OpenBatch {
  batchId: string;
  kind: BatchKind;
  emails: string[];
}

const KINDS: readonly BatchKind[] = ['creation', 'archival', 'reactivation'];

/**
 * Open batches and their learners from the batch tabs' cells: `batches` rows of BatchID, Kind,
 * Status; `rows` of BatchID, Email.
 */
export function openBatchesOf(batches: readonly (readonly string[])[], rows: readonly (readonly string[])[]): OpenBatch[] {
  const open = new Map<string, OpenBatch>();
  for (const [batchId = '', kind = '', status = ''] of batches) {
    const k = kind.toLowerCase() as BatchKind;
    if (status.toLowerCase() === 'open' && KINDS.includes(k)) open.set(batchId, { batchId, kind: k, emails: [] });
  }
  for (const [batchId = '', email = ''] of rows) open.get(batchId)?.emails.push(emailKey(email));
  return [...open.values()];
}

export interface ReconcileContext {
  /** The Settings county. */
  county: County;
  registry: RegistryRead;
  /** Lower-cased emails on a template tab or in a batch. */
  onTabsOrBatches: ReadonlySet<string>;
  openBatches: readonly OpenBatch[];
}

/** The answer of reconcileLms (api.md), less `ok`. */
export interface Reconciliation {
  compared: number;
  statuses: string[];
  onlyInLms: Learner[];
  onlyInRegistry: Learner[];
  statusDiffers: { learner: Learner; lmsStatus: string }[];
  detailsDiffer: { learner: Learner; lms: Learner }[];
  elsewhere: { learner: Learner; lmsEmployeeType: string }[];
  batchesSeen: { batchId: string; learners: string[] }[];
  ignored: number;
}

const TARGET: Record<BatchKind, Learner['status']> = { creation: 'Active', archival: 'Archived', reactivation: 'Active' };

/** `ACTIVE`, ` archived ` → Active, Archived (the LMS lists statuses in capitals); anything else null. */
export function lmsStatus(text: string): Learner['status'] | null {
  const key = text.trim().toLowerCase();
  return key === 'active' ? 'Active' : key === 'archived' ? 'Archived' : null;
}

function lmsLearner(map: ColumnMap, cells: Table['rows'][number], status: Learner['status']): Learner {
  const value = (name: ColumnName): string => cellOf(map, cells, name);
  const email = value('Email');
  const county = countyOfEmployeeType(value('EmployeeType'));
  return {
    userId: value('UserID') || email,
    firstName: value('FirstName'),
    lastName: value('LastName'),
    email,
    employeeType: county ? employeeTypeOf(county) : value('EmployeeType'),
    affiliation: value('Affiliation') || AFFILIATION,
    status,
    dateHire: parseDateText(value('DateHire')) ?? '',
    archivedOn: '',
    activityEnds: '',
    openBatch: '',
  };
}

/** The details the LMS gives that differ from the registry's: blank LMS cells say nothing. */
const DETAILS = ['firstName', 'lastName', 'dateHire'] as const;

function detailsOf(known: Learner, lms: Learner): Learner {
  const next = { ...known };
  for (const key of DETAILS) if (lms[key] !== '') next[key] = lms[key];
  return next;
}

/** What the comparison knows of each learner of the file, for applying it. */
export interface ReconcileState {
  result: Reconciliation;
  /** Lower-cased email → the LMS's learner, for every learner of the lists above. */
  lms: Map<string, Learner>;
  /** The file has an EmployeeType column: learners only in the LMS can be added with their county. */
  hasCounty: boolean;
}

/**
 * Compares an LMS export with the registry. The file needs Email and Status columns; the county's
 * partners are told by EmployeeType, or, when the file has none, by Affiliation.
 */
export function reconcile(table: Table, map: ColumnMap, context: ReconcileContext): ReconcileState | Failure {
  for (const name of ['Email', 'Status'] as const) {
    if (map.index[name] === undefined) {
      return failure(
        'BAD_FILE',
        `The file has no ${name} column (its columns: ${table.header.join(', ')}). Export the learner list from the LMS with Email and Status, then try again. Nothing was compared.`,
      );
    }
  }
  const hasCounty = map.index.EmployeeType !== undefined;
  const hasAffiliation = map.index.Affiliation !== undefined;
  const ours = employeeTypeOf(context.county);
  const registryOf = (key: string): RegistryEntry | undefined => {
    const entry = context.registry.byEmail.get(key);
    return entry && entry.learner.employeeType === ours ? entry : undefined;
  };
  const result: Reconciliation = {
    compared: 0,
    statuses: [],
    onlyInLms: [],
    onlyInRegistry: [],
    statusDiffers: [],
    detailsDiffer: [],
    elsewhere: [],
    batchesSeen: [],
    ignored: 0,
  };
  const lms = new Map<string, Learner>();
  const inFile = new Set<string>();
  const compared = new Set<string>();
  const statuses = new Set<Learner['status']>();
  for (const row of table.rows) {
    const email = cellOf(map, row, 'Email');
    const status = lmsStatus(cellOf(map, row, 'Status'));
    const key = emailKey(email);
    if (!isEmail(email) || !status || inFile.has(key)) {
      result.ignored += 1;
      continue;
    }
    inFile.add(key);
    statuses.add(status);
    const learner = lmsLearner(map, row, status);
    const ourPartner = hasCounty
      ? learner.employeeType === ours
      : !hasAffiliation || learner.affiliation.replace(/\s+/g, ' ').toLowerCase() === AFFILIATION.toLowerCase();
    const known = registryOf(key);
    if (!ourPartner) {
      const otherCounty = countyOfEmployeeType(learner.employeeType);
      if (otherCounty && otherCounty !== context.county && (known || context.onTabsOrBatches.has(key))) {
        lms.set(key, learner);
        result.elsewhere.push({ learner: known?.learner ?? learner, lmsEmployeeType: learner.employeeType });
      } else result.ignored += 1;
      continue;
    }
    if (!known && context.registry.byEmail.has(key)) {
      result.ignored += 1; // the registry has this learner under another county: not this county's to compare
      continue;
    }
    result.compared += 1;
    compared.add(key);
    lms.set(key, learner);
    if (!known) {
      result.onlyInLms.push(learner);
      continue;
    }
    if (known.learner.status !== status) result.statusDiffers.push({ learner: known.learner, lmsStatus: status });
    if (describeChange(known.learner, detailsOf(known.learner, learner)) !== '') {
      result.detailsDiffer.push({ learner: known.learner, lms: learner });
    }
  }
  result.statuses = (['Active', 'Archived'] as const).filter((s) => statuses.has(s));
  for (const { learner } of context.registry.entries) {
    if (learner.employeeType === ours && statuses.has(learner.status) && !inFile.has(emailKey(learner.email))) {
      result.onlyInRegistry.push(learner);
    }
  }
  for (const batch of context.openBatches) {
    const seen = batch.emails.filter((key) => compared.has(key) && lms.get(key)?.status === TARGET[batch.kind]);
    if (seen.length > 0) result.batchesSeen.push({ batchId: batch.batchId, learners: seen });
  }
  return { result, lms, hasCounty };
}

export interface LmsChanges {
  /** The learners changed or added. */
  changed: RegistryEntry[];
  /** Only the cells that change on existing rows, and the learners to append (writeRegistryChanges). */
  cells: RowChange[];
  added: Learner[];
  log: LogEntry[];
  problems: Problem[];
}

function problem(message: string): Problem {
  return { tab: 'registry', row: 0, column: 'UserID', severity: 'error', message };
}

/**
 * The registry takes the LMS's status and details for the chosen learners (by UserID or email),
 * effective `asOf`; learners only in the LMS are added (mutating `registry`). Nothing is removed.
 */
/**
 * How a log line names the LMS export it came from (the end of its Details): the same file taken
 * on the same date names its learners' lines alike, so a run cut short is finished without logging twice.
 */
export function lmsSource(source: string, asOf: string): string {
  return `from the LMS export "${source}", effective ${asOf}`;
}

export function lmsChanges(
  state: ReconcileState,
  registry: RegistryRead,
  userIds: readonly string[],
  asOf: string,
  source: string,
): LmsChanges {
  const out: LmsChanges = { changed: [], cells: [], added: [], log: [], problems: [] };
  const { result } = state;
  const onlyInRegistry = new Set(result.onlyInRegistry.map((l) => emailKey(l.email)));
  const elsewhere = new Set(result.elsewhere.map((e) => emailKey(e.learner.email)));
  const differs = new Set([...result.statusDiffers, ...result.detailsDiffer].map((d) => emailKey(d.learner.email)));
  const onlyInLms = new Set(result.onlyInLms.map((l) => emailKey(l.email)));
  const from = lmsSource(source, asOf);
  const record = (entry: RegistryEntry, action: LogAction, details: string): void => {
    out.changed.push(entry);
    out.log.push({ action, userId: entry.learner.userId, details: `${details} (${from})` });
  };
  const done = new Set<string>();
  for (const id of userIds) {
    const key = emailKey(id);
    if (done.has(key)) continue;
    done.add(key);
    const lms = state.lms.get(key);
    if (onlyInRegistry.has(key)) {
      out.problems.push(
        problem(
          `${id} is not in the LMS export: there is nothing to take. Most likely its import failed; put it back on the Creation tab to upload it again.`,
        ),
      );
      continue;
    }
    if (!lms || !(onlyInLms.has(key) || elsewhere.has(key) || differs.has(key))) {
      out.problems.push(problem(`${id} is not among the differences with this LMS export, so it was not changed.`));
      continue;
    }
    const entry = registry.byEmail.get(key);
    if (!entry) {
      if (!countyOfEmployeeType(lms.employeeType)) {
        out.problems.push(
          problem(
            `${id} cannot be added: the LMS export has no EmployeeType column, so its county is unknown. Export it with EmployeeType.`,
          ),
        );
        continue;
      }
      const added: RegistryEntry = { row: 0, learner: { ...lms, archivedOn: lms.status === 'Archived' ? asOf : '' } };
      registry.entries.push(added);
      registry.byEmail.set(key, added);
      out.added.push(added.learner);
      record(added, lms.status === 'Active' ? 'added' : 'archived', `Added as ${lms.status} (${lms.employeeType})`);
      continue;
    }
    const before = entry.learner;
    let next = detailsOf(before, lms);
    if (elsewhere.has(key)) next = { ...next, employeeType: lms.employeeType };
    if (lms.status !== before.status) next = { ...next, status: lms.status, archivedOn: lms.status === 'Archived' ? asOf : '' };
    const details = describeChange(before, next);
    if (details === '') continue;
    entry.learner = next;
    out.cells.push(rowChange(entry.row, before, next));
    const action: LogAction = next.status === before.status ? 'updated' : next.status === 'Archived' ? 'archived' : 'reactivated';
    record(entry, action, details);
  }
  return out;
}
