/**
 * What a batch's applied learners change in the registry (api.md, "Confirming"): each learner's
 * exported values applied to its registry entry, effective the day the file was uploaded. Pure:
 * it returns the cells that change per registry row, the learners to append, and the log lines;
 * the shell writes exactly those, and nothing else.
 */
import { AFFILIATION, type TemplateTab } from './columns';
import type { BatchKind, BatchLearner } from './batches';
import { activityEndsFor } from './compliance';
import { countyOfEmployeeType, employeeTypeOf } from './counties';
import { parseDateText } from './dates';
import { possibleDuplicates, type NameCandidate } from './duplicates';
import {
  describeChange,
  emailKey,
  unreadableRowProblem,
  type LogAction,
  type LogEntry,
  type RegistryEntry,
  type RegistryRead,
} from './registry';
import type { Learner, Problem } from './types';

/** The registry fields a change can touch, as their headers. */
export const FIELD_HEADERS = {
  userId: 'UserID',
  firstName: 'FirstName',
  lastName: 'LastName',
  email: 'Email',
  employeeType: 'EmployeeType',
  affiliation: 'Affiliation',
  status: 'Status',
  dateHire: 'DateHire',
  archivedOn: 'ArchivedOn',
  activityEnds: 'ActivityEnds',
} as const;

export type RegistryField = keyof typeof FIELD_HEADERS;

/** The cells of one existing registry row that change, by field. */
export interface RowChange {
  row: number;
  cells: Partial<Record<RegistryField, string>>;
}

/** The cells of registry row `row` that change from `before` to `next`: only the fields that differ. */
export function rowChange(row: number, before: Learner, next: Learner): RowChange {
  const cells: RowChange['cells'] = {};
  for (const field of Object.keys(FIELD_HEADERS) as RegistryField[]) {
    if (before[field] !== next[field]) cells[field] = next[field];
  }
  return { row, cells };
}

export type Outcome = LogAction | 'unchanged' | 'conflict';

export interface RegistryChanges {
  /** One per learner given, in order. */
  outcomes: { email: string; outcome: Outcome }[];
  changes: RowChange[];
  /** New learners, to append in this order. */
  added: Learner[];
  log: LogEntry[];
  conflicts: Problem[];
  /** Learners on a registry row the add-on cannot read: never added a second time, left out. */
  skipped: Problem[];
  possibleDuplicates: Problem[];
}

/** Where a learner came from, for the problems that name it (its template row, when there is one). */
export type SourceOf = (learner: BatchLearner) => { tab: TemplateTab | 'registry'; row: number };

export interface ApplyOptions {
  kind: BatchKind;
  batchId: string;
  /** 'YYYY-MM-DD': the day the change took effect in the LMS. */
  effective: string;
  activityDays: number | null;
  sourceOf?: SourceOf;
}

/** A learner as its exported values describe it, with the status its batch gives. */
function learnerOfFile(l: BatchLearner, status: Learner['status']): Learner {
  const v = l.values;
  const county = countyOfEmployeeType(v.EmployeeType);
  return {
    userId: v.UserID || v.Email,
    firstName: v.FirstName,
    lastName: v.LastName,
    email: v.Email,
    employeeType: county ? employeeTypeOf(county) : v.EmployeeType,
    affiliation: v.Affiliation || AFFILIATION,
    status,
    dateHire: parseDateText(v.DateHire) ?? '',
    archivedOn: '',
    activityEnds: parseDateText(l.activityEnds) ?? '',
    openBatch: '',
  };
}

/**
 * Applies the learners of a batch (those the LMS applied) to the registry, which is not changed:
 * creation adds, updates or reactivates; archival archives; reactivation makes Active. A known
 * learner under another county is a conflict, left as it is. Running it again on the registry it
 * produced changes nothing.
 */
export function applyToRegistry(registry: RegistryRead, learners: readonly BatchLearner[], options: ApplyOptions): RegistryChanges {
  const { kind, batchId, effective, activityDays } = options;
  const tab: TemplateTab | 'registry' = kind === 'reactivation' ? 'registry' : kind;
  // Without template rows (a confirm), a problem names the learner's registry row.
  const sourceOf: SourceOf =
    options.sourceOf ??
    ((l) => {
      const row = registry.byEmail.get(emailKey(l.email))?.row;
      return row ? { tab: 'registry', row } : { tab, row: 0 };
    });
  const result: RegistryChanges = { outcomes: [], changes: [], added: [], log: [], conflicts: [], skipped: [], possibleDuplicates: [] };
  /** The registry as it will be after the batch, by email. */
  const after = new Map<string, { entry: RegistryEntry | null; learner: Learner }>();
  for (const entry of registry.entries) after.set(emailKey(entry.learner.email), { entry, learner: entry.learner });
  const toCheck: { learner: BatchLearner; key: string }[] = [];

  for (const l of learners) {
    const key = emailKey(l.email);
    const known = after.get(key);
    const status: Learner['status'] = kind === 'archival' ? 'Archived' : 'Active';
    const incoming = learnerOfFile(l, status);
    const record = (outcome: Outcome, details = ''): void => {
      result.outcomes.push({ email: l.email, outcome });
      if (outcome !== 'unchanged' && outcome !== 'conflict') {
        result.log.push({ action: outcome, userId: incoming.userId, details, batch: batchId, effective });
      }
    };
    if (!known) {
      // On a registry row the add-on cannot read: in the registry already, so never added again.
      const blocked = unreadableRowProblem(registry, l.email, sourceOf(l));
      if (blocked) {
        result.skipped.push(blocked);
        record('conflict');
        continue;
      }
      const added: Learner = {
        ...incoming,
        archivedOn: status === 'Archived' ? effective : '',
        activityEnds: status === 'Active' ? activityEndsFor(incoming.activityEnds, incoming.dateHire || effective, activityDays) : '',
      };
      after.set(key, { entry: null, learner: added });
      result.added.push(added);
      record(status === 'Active' ? 'added' : 'archived', `Added as ${status} (${added.employeeType})`);
      toCheck.push({ learner: l, key });
      continue;
    }
    const before = known.learner;
    if (before.employeeType !== incoming.employeeType) {
      const source = sourceOf(l);
      result.conflicts.push({
        tab: source.tab,
        row: source.row,
        column: 'EmployeeType',
        severity: 'error',
        message: `${l.email} is in the registry under ${before.employeeType}, not ${incoming.employeeType}: the registry was not changed. Another county may own this account; check before creating it.`,
      });
      record('conflict');
      continue;
    }
    let next: Learner;
    let action: LogAction;
    if (status === 'Archived') {
      next = { ...before, status: 'Archived', archivedOn: before.status === 'Archived' ? before.archivedOn : effective };
      action = 'archived';
    } else if (before.status === 'Archived') {
      next = {
        ...before,
        ...(kind === 'creation' ? { firstName: incoming.firstName, lastName: incoming.lastName } : {}),
        status: 'Active',
        archivedOn: '',
        activityEnds: activityEndsFor(incoming.activityEnds, effective, activityDays),
      };
      action = 'reactivated';
    } else if (kind === 'creation') {
      next = {
        ...before,
        firstName: incoming.firstName,
        lastName: incoming.lastName,
        activityEnds: incoming.activityEnds || before.activityEnds,
      };
      action = 'updated';
    } else {
      next = before;
      action = 'updated';
    }
    const details = describeChange(before, next);
    if (!details) {
      record('unchanged');
      continue;
    }
    known.learner = next;
    if (known.entry) {
      result.changes.push(rowChange(known.entry.row, before, next));
    } else {
      // Added earlier in this batch (the same learner twice): the appended row takes the last values.
      result.added[result.added.findIndex((a) => emailKey(a.email) === key)] = next;
    }
    record(action, details);
    if (next.firstName !== before.firstName || next.lastName !== before.lastName) toCheck.push({ learner: l, key });
  }

  // Possible duplicates: the same name under another email, in the registry as it will be after
  // the batch (the batch's own learners included).
  const candidates: NameCandidate[] = toCheck.flatMap(({ learner, key }) => {
    const source = sourceOf(learner);
    const me = after.get(key)?.learner;
    return me && source.tab !== 'registry' ? [{ tab: source.tab, row: source.row, learner: me }] : [];
  });
  result.possibleDuplicates.push(
    ...possibleDuplicates(
      candidates,
      [...after.values()].map((a) => a.learner),
    ),
  );
  return result;
}

/** The registry as it reads once the changes are written, new learners from `firstNewRow` on. */
export function registryAfter(read: RegistryRead, changes: RegistryChanges, firstNewRow: number): RegistryRead {
  const byRow = new Map(changes.changes.map((c) => [c.row, c.cells]));
  const entries: RegistryEntry[] = [
    ...read.entries.map((e) => {
      const cells = byRow.get(e.row);
      return cells ? { row: e.row, learner: { ...e.learner, ...cells } as Learner } : e;
    }),
    ...changes.added.map((learner, i) => ({ row: firstNewRow + i, learner })),
  ];
  // A warning about a cell the changes rewrote (an ActivityEnds that was not a date) is gone.
  const rewritten = (row: number, column: string): boolean =>
    Object.keys(byRow.get(row) ?? {}).some((field) => FIELD_HEADERS[field as RegistryField] === column);
  const problems = read.problems.filter((p) => p.severity !== 'warning' || !rewritten(p.row, p.column));
  return { ...read, entries, problems, byEmail: new Map(entries.map((e) => [emailKey(e.learner.email), e])) };
}
