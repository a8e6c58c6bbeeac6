/**
 * The learner registry: one entry per partner account, keyed by lower-cased email. Reading it
 * from sheet values, merging template rows into it, and choosing learners by email domain are
 * pure functions here; the shell only reads and writes whole ranges.
 */
import { AFFILIATION, type TemplateTab } from './columns';
import { countyOfEmployeeType, employeeTypeOf } from './counties';
import { formatIsoDate, parseDateText } from './dates';
import type { DateFormat, Learner, Problem } from './types';
import { isEmail, type RowCheck } from './validate';

export const REGISTRY_HEADERS = [
  'UserID',
  'FirstName',
  'LastName',
  'Email',
  'EmployeeType',
  'Affiliation',
  'Status',
  'DateHire',
  'ArchivedOn',
  'ActivityEnds',
] as const;
export const LOG_HEADERS = ['Timestamp', 'Admin', 'Action', 'UserID', 'Details', 'Batch', 'Effective'] as const;

export interface RegistryEntry {
  /** 1-based sheet row; 0 for an entry added by this merge and not yet written. */
  row: number;
  learner: Learner;
}

export interface RegistryRead {
  entries: RegistryEntry[];
  byEmail: Map<string, RegistryEntry>;
  /** Rows the add-on cannot read: reported, never rewritten or dropped. */
  problems: Problem[];
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function registryProblem(row: number, column: string, message: string): Problem {
  return { tab: 'registry', row, column, severity: 'error', message };
}

/**
 * Reads the registry's A:I text (dates already 'YYYY-MM-DD'), data from row 2. A row with a
 * broken value is reported and left out of every change.
 */
export function readRegistry(body: readonly (readonly string[])[]): RegistryRead {
  const entries: RegistryEntry[] = [];
  const byEmail = new Map<string, RegistryEntry>();
  const problems: Problem[] = [];
  for (const [i, cells] of body.entries()) {
    const row = i + 2;
    const [
      userId = '',
      firstName = '',
      lastName = '',
      email = '',
      employeeType = '',
      affiliation = '',
      status = '',
      dateHire = '',
      archivedOn = '',
      activityEnds = '',
    ] = cells;
    if (cells.every((c) => c === '')) continue;
    const fail = (column: string, message: string): void => {
      problems.push(registryProblem(row, column, `${message} This row is left as it is until it is fixed.`));
    };
    if (!isEmail(email)) {
      fail('Email', `Email "${email}" is not an email address.`);
      continue;
    }
    const county = countyOfEmployeeType(employeeType);
    if (!county) {
      fail('EmployeeType', `EmployeeType "${employeeType}" is not a California county's partner type.`);
      continue;
    }
    if (status !== 'Active' && status !== 'Archived') {
      fail('Status', `Status "${status}" must be Active or Archived.`);
      continue;
    }
    const hire = dateHire === '' ? '' : parseDateText(dateHire);
    if (hire === null) {
      fail('DateHire', `DateHire "${dateHire}" is not a date.`);
      continue;
    }
    const archived = archivedOn === '' ? '' : parseDateText(archivedOn);
    if (archived === null) {
      fail('ArchivedOn', `ArchivedOn "${archivedOn}" is not a date.`);
      continue;
    }
    const key = emailKey(email);
    const first = byEmail.get(key);
    if (first) {
      fail('Email', `${email} is already in the registry on row ${first.row}.`);
      continue;
    }
    const entry: RegistryEntry = {
      row,
      learner: {
        userId: userId || email,
        firstName,
        lastName,
        email,
        employeeType: employeeTypeOf(county),
        affiliation: affiliation || AFFILIATION,
        status,
        dateHire: hire,
        archivedOn: archived,
        activityEnds: parseDateText(activityEnds) ?? '',
        openBatch: '',
      },
    };
    entries.push(entry);
    byEmail.set(key, entry);
  }
  return { entries, byEmail, problems };
}

/**
 * What the registry already knows about the Creation tab's rows: creating an account that is
 * Active is likely a second account, and one that is Archived will be reactivated. Warnings
 * only: the admin may mean it. (On the Archival tab a known Active learner is the normal case.)
 */
export function registryWarnings(tab: TemplateTab, checks: readonly RowCheck[], registry: RegistryRead, dateFormat: DateFormat): Problem[] {
  if (tab !== 'creation') return [];
  const since = (iso: string): string => (iso ? ` since ${formatIsoDate(iso, dateFormat)}` : '');
  return checks.flatMap((check) => {
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
  action: LogAction | 'exported over cap';
  userId: string;
  details: string;
  /** The batch the change belongs to. */
  batch: string;
  /** 'YYYY-MM-DD': the day the change took effect in the LMS; '' when it is no registry change. */
  effective: string;
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
