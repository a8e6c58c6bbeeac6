/**
 * The one module of test data: tab names, settings and row builders, shared by the core, bundle
 * and browser tests, the bench and the preview's sample workbook. Plain data, no Node or Sheets.
 */
import { HEADERS, type ColumnName } from '../src/core/columns';
import { TABS as TAB_TABLE, type TabKey } from '../src/core/tabs';

/** The add-on's name, as Sheets shows it on the Extensions menu. */
export const ADDON_NAME = 'CACWT Partner Accounts';

/** The tabs' exact sheet names (api.md, "Tabs"), from the add-on's one table of tabs (core/tabs.ts). */
export const TABS = Object.fromEntries(Object.entries(TAB_TABLE).map(([key, tab]) => [key, tab.sheet])) as {
  readonly [K in TabKey]: (typeof TAB_TABLE)[K]['sheet'];
};

/** Riverside's settings, as most tests save them. */
export const SETTINGS = {
  county: 'Riverside',
  temporaryPassword: 'Changeme1!',
  dateFormat: 'MM/DD/YYYY',
  activeCap: null,
  activityDays: null,
} as const;

export const PARTNER = { Affiliation: 'California Community Partners', EmployeeType: 'Riverside County Community Partner' } as const;

/** A template row of 17 cells from the named fields. */
export function templateRow(fields: Partial<Record<ColumnName, unknown>>): unknown[] {
  return HEADERS.map((h) => fields[h] ?? '');
}

/** A valid Riverside row of the Creation tab, with `more` changing any field. */
export function creationRow(email: string, first: string, last: string, more: Partial<Record<ColumnName, unknown>> = {}): unknown[] {
  return templateRow({
    UserID: email,
    LastName: last,
    FirstName: first,
    Email: email,
    Password: 'Changeme1!',
    Status: 'Active',
    DateHire: '11/20/2026',
    ...PARTNER,
    ...more,
  });
}

/** A valid Riverside row of the Archival tab. */
export function archivalRow(email: string, first: string, last: string): unknown[] {
  return templateRow({ UserID: email, LastName: last, FirstName: first, Email: email, Status: 'Archived', ...PARTNER });
}

/** Registry cells A:I (UserID, FirstName, LastName, Email, EmployeeType, Affiliation, Status, DateHire, ArchivedOn) as an admin would type them. */
export function registryRow(
  email: string,
  first: string,
  last: string,
  status: string,
  hire: string,
  archivedOn = '',
  county = 'Riverside',
): string[] {
  return [email, first, last, email, `${county} County Community Partner`, 'California Community Partners', status, hire, archivedOn];
}
