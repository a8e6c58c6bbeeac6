/**
 * The learner registry: one entry per partner account, keyed by lower-cased email. Reading it
 * from sheet values, merging template rows into it, and choosing learners by email domain are
 * pure functions here; the shell only reads and writes whole ranges.
 */
import { AFFILIATION, type TemplateTab } from './columns';
import { activityEndsFor, type LOG_CAP_CHANGED } from './compliance';
import { formatIsoDate } from './dates';
import { nameKey, possibleDuplicates, type NameCandidate } from './duplicates';
import { emailKey, unreadableRowProblem, type RegistryEntry, type RegistryRead } from './registryRead';
import type { DateFormat, Learner, Problem } from './types';
import type { RowCheck } from './validate';

// Reading lives in registryRead.ts; its names stay importable from here.
export {
  REGISTRY_HEADERS,
  emailKey,
  readRegistry,
  unreadableRowProblem,
  type RegistryEntry,
  type RegistryRead,
} from './registryRead';

export const LOG_HEADERS = ['Timestamp', 'Admin', 'Action', 'UserID', 'Details', 'Batch', 'Effective'] as const;

/**
 * What the registry already knows about the Creation tab's rows: creating an account that is
 * Active is likely a second account, and one that is Archived will be reactivated. Warnings
 * only: the admin may mean it. (On the Archival tab a known Active learner is the normal case.)
 * On both tabs, a learner whose registry row cannot be read is named.
 */
export function registryWarnings(tab: TemplateTab, checks: readonly RowCheck[], registry: RegistryRead, dateFormat: DateFormat): Problem[] {
  const since = (iso: string): string => (iso ? ` since ${formatIsoDate(iso, dateFormat)}` : '');
  return checks.flatMap((check) => {
    // On a registry row the add-on cannot read, on either tab: a sync skips it until that row is fixed.
    const unreadable = unreadableRowProblem(registry, check.record.Email, { tab, row: check.row });
    if (unreadable) return [{ ...unreadable, severity: 'warning' as const }];
    if (tab !== 'creation') return [];
    const known = registry.byEmail.get(emailKey(check.record.Email));
    if (!known) return [];
    const { email, status, dateHire, archivedOn } = known.learner;
    const message =
      status === 'Active'
        ? `${email} is already Active in the registry${since(dateHire)}: check the partner does not have an account already, or remove this row.`
        : `${email} is Archived in the registry${since(archivedOn)}: this row will reactivate the account. Remove the row if the partner should stay archived.`;
    return [{ tab, row: check.row, column: 'Email', severity: 'warning' as const, message }];
  });
}

export type LogAction = 'added' | 'updated' | 'reactivated' | 'archived';

export interface LogEntry {
  action: LogAction | typeof LOG_CAP_CHANGED;
  userId: string;
  details: string;
  /** 'YYYY-MM-DD': the day the change took effect, when it is not the day it is logged. */
  effective?: string;
}

/** What a sync did, as syncRegistry returns it and the sidebar shows it. */
export interface SyncCounts {
  added: number;
  updated: number;
  reactivated: number;
  archived: number;
  unchanged: number;
  skipped: Problem[];
  conflicts: Problem[];
  possibleDuplicates: Problem[];
}

export interface MergeResult extends SyncCounts {
  /** Entries whose values changed or that are new (row 0), in the order they changed. */
  changed: RegistryEntry[];
  log: LogEntry[];
}

/** A template tab's rows after checking: those with an error are skipped. */
export interface CheckedTab {
  tab: TemplateTab;
  checks: readonly RowCheck[];
  problems: readonly Problem[];
  /** The Creation tab's column S ('YYYY-MM-DD' or ''), by sheet row. */
  activityEnds?: ReadonlyMap<number, string>;
}

const FIELD_LABELS: [keyof Learner, string][] = [
  ['firstName', 'FirstName'],
  ['lastName', 'LastName'],
  ['email', 'Email'],
  ['employeeType', 'EmployeeType'],
  ['status', 'Status'],
  ['dateHire', 'DateHire'],
  ['archivedOn', 'ArchivedOn'],
  ['activityEnds', 'ActivityEnds'],
];

/** "Status Active → Archived; ArchivedOn (blank) → 2026-11-28" */
export function describeChange(before: Learner, after: Learner): string {
  return FIELD_LABELS.filter(([key]) => before[key] !== after[key])
    .map(([key, label]) => `${label} ${before[key] || '(blank)'} → ${after[key] || '(blank)'}`)
    .join('; ');
}

function learnerOfRow(check: RowCheck, status: Learner['status'], today: string, activityEnds: string): Learner {
  const r = check.record;
  return {
    userId: r.UserID,
    firstName: r.FirstName,
    lastName: r.LastName,
    email: r.Email,
    employeeType: r.EmployeeType,
    affiliation: AFFILIATION,
    status,
    dateHire: status === 'Active' ? r.DateHire : '',
    archivedOn: status === 'Archived' ? today : '',
    activityEnds,
    openBatch: '',
  };
}

/**
 * Merges checked template rows into the registry (mutating `registry`), Creation first, then
 * Archival. Running it again on the same rows changes nothing.
 */
export function mergeIntoRegistry(
  registry: RegistryRead,
  tabs: readonly CheckedTab[],
  today: string,
  activityDays: number | null = null,
): MergeResult {
  const result: MergeResult = {
    added: 0,
    updated: 0,
    reactivated: 0,
    archived: 0,
    unchanged: 0,
    skipped: [],
    conflicts: [],
    possibleDuplicates: [],
    changed: [],
    log: [],
  };
  // Learners added or renamed: compared by name with the registry as it stands after the merge.
  const renamed: NameCandidate[] = [];
  const changedSet = new Set<RegistryEntry>();
  const archivalEmails = new Map<string, number>();
  for (const tab of tabs) {
    if (tab.tab !== 'archival') continue;
    for (const check of tab.checks) archivalEmails.set(emailKey(check.record.Email), check.row);
  }

  const record = (entry: RegistryEntry, action: LogAction, details: string): void => {
    result[action] += 1;
    result.log.push({ action, userId: entry.learner.userId, details });
    if (!changedSet.has(entry)) {
      changedSet.add(entry);
      result.changed.push(entry);
    }
  };

  for (const tab of tabs) {
    const errorRows = new Set(tab.problems.filter((p) => p.severity === 'error').map((p) => p.row));
    for (const check of tab.checks) {
      if (errorRows.has(check.row)) {
        result.skipped.push(...tab.problems.filter((p) => p.row === check.row && p.severity === 'error'));
        continue;
      }
      const key = emailKey(check.record.Email);
      const status = tab.tab === 'creation' ? 'Active' : 'Archived';
      const typedEnd = tab.activityEnds?.get(check.row) ?? '';
      const incoming = learnerOfRow(
        check,
        status,
        today,
        status === 'Active' ? activityEndsFor(typedEnd, check.record.DateHire, activityDays) : '',
      );
      const conflict = (column: string, message: string): void => {
        result.conflicts.push({ tab: tab.tab, row: check.row, column, severity: 'error', message });
      };
      if (tab.tab === 'creation' && archivalEmails.has(key)) {
        conflict(
          'Email',
          `${check.record.Email} is also on the Archival tab (row ${archivalEmails.get(key)}): remove it from one tab so the registry knows whether the account is Active.`,
        );
        continue;
      }
      const known = registry.byEmail.get(key);
      if (!known) {
        // On a registry row the add-on cannot read: in the registry already, so never added again.
        const blocked = unreadableRowProblem(registry, check.record.Email, { tab: tab.tab, row: check.row });
        if (blocked) {
          result.skipped.push(blocked);
          continue;
        }
        renamed.push({ tab: tab.tab, row: check.row, learner: incoming });
        const entry: RegistryEntry = { row: 0, learner: incoming };
        registry.entries.push(entry);
        registry.byEmail.set(key, entry);
        record(
          entry,
          status === 'Active' ? 'added' : 'archived',
          status === 'Active' ? `Added as Active (${incoming.employeeType})` : `Added as Archived (${incoming.employeeType})`,
        );
        continue;
      }
      if (known.learner.employeeType !== incoming.employeeType) {
        conflict(
          'EmployeeType',
          `${check.record.Email} is in the registry under ${known.learner.employeeType}, not ${incoming.employeeType}: the registry was not changed. Another county may own this account; check before creating it.`,
        );
        continue;
      }
      const before = { ...known.learner };
      if (status === 'Archived') {
        if (known.learner.status === 'Archived') {
          result.unchanged += 1;
          continue;
        }
        known.learner = { ...known.learner, status: 'Archived', archivedOn: today };
        record(known, 'archived', describeChange(before, known.learner));
        continue;
      }
      // A reactivation's activity starts today; an update keeps its end date unless S gives one.
      const reactivating = known.learner.status === 'Archived';
      const next: Learner = {
        ...known.learner,
        firstName: incoming.firstName,
        lastName: incoming.lastName,
        status: 'Active',
        archivedOn: '',
        activityEnds: reactivating ? activityEndsFor(typedEnd, today, activityDays) : typedEnd || known.learner.activityEnds,
      };
      if (nameKey(next) !== nameKey(before)) renamed.push({ tab: tab.tab, row: check.row, learner: next });
      if (reactivating) {
        known.learner = next;
        record(known, 'reactivated', describeChange(before, next));
      } else if (describeChange(before, next)) {
        known.learner = next;
        record(known, 'updated', describeChange(before, next));
      } else {
        result.unchanged += 1;
      }
    }
  }
  result.possibleDuplicates = possibleDuplicates(
    renamed,
    registry.entries.map((e) => e.learner),
  );
  return result;
}

/** A domain as the admin may type it ('@SDSU.edu'), canonical ('sdsu.edu'), or null if malformed. */
export function parseDomain(text: string): string | null {
  const domain = text.trim().replace(/^@/, '').toLowerCase();
  return /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain) ? domain : null;
}

/** Does the email's domain match? `sdsu.edu` never matches `notsdsu.edu`; sub-domains only when asked. */
export function emailInDomain(email: string, domain: string, includeSubdomains: boolean): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const host = email.slice(at + 1).toLowerCase();
  return host === domain || (includeSubdomains && host.endsWith(`.${domain}`));
}

/** Active partner accounts of a domain, as Bulk Archive in the LMS would find them. */
export function learnersInDomain(entries: readonly RegistryEntry[], domain: string, includeSubdomains: boolean): RegistryEntry[] {
  return entries.filter(
    (e) =>
      e.learner.status === 'Active' && e.learner.affiliation === AFFILIATION && emailInDomain(e.learner.email, domain, includeSubdomains),
  );
}

/** Active and Archived counts, and Active by EmployeeType (one county per type), for the overview. */
export function registryCounts(entries: readonly RegistryEntry[]): {
  active: number;
  archived: number;
  activeByCounty: Record<string, number>;
} {
  const activeByCounty: Record<string, number> = {};
  let active = 0;
  for (const { learner } of entries) {
    if (learner.status !== 'Active') continue;
    active += 1;
    activeByCounty[learner.employeeType] = (activeByCounty[learner.employeeType] ?? 0) + 1;
  }
  return { active, archived: entries.length - active, activeByCounty };
}

/** Learners whose name ("First Last") or email holds the query, ignoring case; at most `limit`, in registry order. */
export function findInRegistry(entries: readonly RegistryEntry[], query: string, limit: number): Learner[] {
  const needle = query.trim().replace(/\s+/g, ' ').toLowerCase();
  if (needle === '') return [];
  const found: Learner[] = [];
  for (const { learner } of entries) {
    const haystack = `${learner.firstName} ${learner.lastName}\n${learner.email}`.toLowerCase();
    if (haystack.includes(needle)) found.push(learner);
    if (found.length === limit) break;
  }
  return found;
}
