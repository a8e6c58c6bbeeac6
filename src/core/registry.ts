/**
 * The learner registry: one entry per partner account, keyed by lower-cased email. Reading it
 * from sheet values, merging template rows into it, and choosing learners by email domain are
 * pure functions here; the shell only reads and writes whole ranges.
 */
import { AFFILIATION, type TemplateTab } from './columns';
import { activityEndsFor, type LOG_CAP_CHANGED } from './compliance';
import { countyOfEmployeeType, employeeTypeOf } from './counties';
import { formatIsoDate, parseDateText } from './dates';
import { pushTo } from './maps';
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
      activityEndsText = '',
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
    // An end date typed by an admin that cannot be read is left blank for the add-on, and said so.
    const activityEnds = activityEndsText === '' ? '' : parseDateText(activityEndsText);
    if (activityEnds === null) {
      problems.push({
        tab: 'registry',
        row,
        column: 'ActivityEnds',
        severity: 'warning',
        message: `ActivityEnds "${activityEndsText}" is not a date: type it as MM/DD/YYYY or YYYY-MM-DD. Until then this learner has no activity end date.`,
      });
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
        activityEnds: activityEnds ?? '',
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

function nameKey(learner: Pick<Learner, 'firstName' | 'lastName'>): string {
  return `${learner.firstName} ${learner.lastName}`.replace(/\s+/g, ' ').trim().toLowerCase();
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
  // Namesakes already in the registry; rows of the same tab with one name are the validator's warning.
  const byName = new Map<string, RegistryEntry[]>();
  for (const entry of registry.entries) {
    pushTo(byName, nameKey(entry.learner), entry);
  }
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
        const namesakes = (byName.get(nameKey(incoming)) ?? []).slice(0, 3);
        if (namesakes.length > 0) {
          const others = namesakes.map((e) => `${e.learner.email} (${e.learner.employeeType}, ${e.learner.status})`).join(', ');
          result.possibleDuplicates.push({
            tab: tab.tab,
            row: check.row,
            column: '',
            severity: 'warning',
            message: `${incoming.firstName} ${incoming.lastName} is already in the registry as ${others}: check this is not the same person with another email.`,
          });
        }
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
