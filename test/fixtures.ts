/**
 * The one module of test data: tab names, settings and row builders, shared by the core, bundle
 * and browser tests, the bench and the preview's sample workbook. Plain data, no Node or Sheets.
 */
import { HEADERS, type ColumnName } from '../src/core/columns';
import { TABS as TAB_TABLE, type TabKey } from '../src/core/tabs';
import type { Learner, SettingsInput } from '../src/core/types';

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

type Fields<T = string> = Partial<Record<ColumnName, T>>;

/** A template row of 17 cells from the named fields, '' for the others. */
export function templateRow(fields: Fields): string[];
export function templateRow(fields: Fields<unknown>): unknown[];
export function templateRow(fields: Fields<unknown>): unknown[] {
  return HEADERS.map((h) => fields[h] ?? '');
}

/** The 17 values of a valid Riverside Creation row, by column, with `more` changing any. */
export function creationRecord(email: string, first: string, last: string, more: Fields = {}): Record<ColumnName, string> {
  return {
    ...(Object.fromEntries(HEADERS.map((h) => [h, ''])) as Record<ColumnName, string>),
    UserID: email,
    LastName: last,
    FirstName: first,
    Email: email,
    Password: 'Changeme1!',
    Status: 'Active',
    DateHire: '11/20/2026',
    ...PARTNER,
    ...more,
  };
}

/** A valid Riverside row of the Creation tab, with `more` changing any field (a Date too). */
export function creationRow(email: string, first: string, last: string, more?: Fields): string[];
export function creationRow(email: string, first: string, last: string, more: Fields<unknown>): unknown[];
export function creationRow(email: string, first: string, last: string, more: Fields<unknown> = {}): unknown[] {
  return templateRow({ ...creationRecord(email, first, last), ...more });
}

/** A valid Riverside row of the Archival tab, with `more` changing any field. */
export function archivalRow(email: string, first: string, last: string, more: Fields = {}): string[] {
  return templateRow({ UserID: email, LastName: last, FirstName: first, Email: email, Status: 'Archived', ...PARTNER, ...more });
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

/** A Riverside learner as the server answers it (api.md, Learner): Active since 2026-01-10, with `more` changing any field. */
export function learner(email: string, first: string, last: string, more: Partial<Learner> = {}): Learner {
  return {
    userId: email,
    firstName: first,
    lastName: last,
    email,
    employeeType: PARTNER.EmployeeType,
    affiliation: PARTNER.Affiliation,
    status: 'Active',
    dateHire: '2026-01-10',
    archivedOn: '',
    activityEnds: '',
    openBatch: '',
    ...more,
  };
}

/** The registry the LMS-export comparisons start from: six Riverside learners, two of them Archived. */
export const RECONCILE_REGISTRY: readonly string[][] = [
  registryRow('ana@x.org', 'Ana', 'Lee', 'Active', '2026-01-05'),
  registryRow('bo@x.org', 'Bo', 'Chu', 'Active', '2026-01-05'),
  registryRow('cy@x.org', 'Cy', 'Ng', 'Archived', '2025-03-01', '2026-06-30'),
  registryRow('dee@x.org', 'Dee', 'Park', 'Active', '2026-02-01'),
  registryRow('eve@x.org', 'Eve', 'Stone', 'Archived', '2025-01-01', '2025-12-31'),
  registryRow('fay@x.org', 'Fay', 'Ortiz', 'Active', '2026-02-01'),
];

/** The add-on's calls a workbook is set up with, as the bundle, the bench and the sample load it. */
interface SetsUp {
  setupTemplates(): { ok: boolean };
  saveSettings(settings: SettingsInput): { ok: boolean };
}

/**
 * What most workbooks start from: the tabs laid out by the add-on's own setupTemplates, then
 * Riverside's settings saved (`settings` changing any). Throws when either is refused.
 */
export function setUpWorkbook(addon: SetsUp, settings: Partial<SettingsInput> = {}): void {
  const must = (what: string, result: { ok: boolean }): void => {
    if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result).slice(0, 300)}`);
  };
  must('setupTemplates', addon.setupTemplates());
  must('saveSettings', addon.saveSettings({ ...SETTINGS, ...settings }));
}

/** mulberry32: a small seeded generator, so a failure of a random test replays exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
