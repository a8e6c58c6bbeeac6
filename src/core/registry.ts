/**
 * The learner registry: one entry per partner account, keyed by lower-cased email. Reading it
 * from sheet values, merging template rows into it, and choosing learners by email domain are
 * pure functions here; the shell only reads and writes whole ranges.
 */
import { AFFILIATION, type TemplateTab } from './columns';
import type { LOG_CAP_CHANGED } from './compliance';
import { formatIsoDate } from './dates';
import { emailKey, unreadableRowProblem, type RegistryEntry, type RegistryRead } from './registryRead';
import type { DateFormat, Learner, Problem } from './types';
import type { ValidatedRow } from './validate';

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
export function registryWarnings(
  tab: TemplateTab,
  checks: readonly ValidatedRow[],
  registry: RegistryRead,
  dateFormat: DateFormat,
): Problem[] {
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
  action: LogAction | 'exported over cap' | typeof LOG_CAP_CHANGED;
  userId: string;
  details: string;
  /** The batch the change belongs to ('' or absent for a change made outside a batch). */
  batch?: string;
  /** 'YYYY-MM-DD': the day the change took effect in the LMS; '' when it is no registry change. */
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
