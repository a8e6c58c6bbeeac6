/**
 * Reading the learner registry (domain.md, "The learner registry"; api.md, "Tabs"). Columns are
 * found by their header names, wherever the admin moved them; a row the add-on cannot read is
 * reported, never rewritten or dropped, and its learner is never added a second time.
 */
import { AFFILIATION, columnLetter } from './columns';
import { countyOfEmployeeType, employeeTypeOf } from './counties';
import { parseDateText } from './dates';
import { Refusal } from './refused';
import { TABS } from './tabs';
import { shown } from './text';
import { failure, type Failure, type Learner, type Problem } from './types';
import { emailProblem } from './validate';

/** The registry's required headers, in the order the add-on writes them. */
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
] as const;

/** Every header the add-on reads: the required ones, then the optional ActivityEnds. */
export const REGISTRY_ALL_HEADERS = [...REGISTRY_HEADERS, 'ActivityEnds'] as const;

export type RegistryHeader = (typeof REGISTRY_ALL_HEADERS)[number];

/** 1-based sheet column of each header; 0 for ActivityEnds when the registry has none. */
export type RegistryColumns = Record<RegistryHeader, number>;

/** The layout the add-on creates: A:J in the order above. */
export const DEFAULT_REGISTRY_COLUMNS: RegistryColumns = Object.fromEntries(
  REGISTRY_ALL_HEADERS.map((h, i) => [h, i + 1]),
) as RegistryColumns;

export interface RegistryEntry {
  /** 1-based sheet row; 0 for an entry added by this merge and not yet written. */
  row: number;
  learner: Learner;
}

export interface RegistryRead {
  entries: RegistryEntry[];
  byEmail: Map<string, RegistryEntry>;
  /** Rows the add-on cannot read (errors, left out of every change) and readable rows with a warning. */
  problems: Problem[];
  /** Where each header is (1-based columns). */
  columns: RegistryColumns;
  /**
   * Lower-cased emails found in rows the add-on cannot read, with the first such row: such a
   * learner is never added again (it is in the registry, only unreadable) and is reported instead.
   */
  unreadable: Map<string, number>;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Header matching ignores case, spaces, `_` and `-`, and knows the aliases of domain.md. */
function headerKey(text: string): string {
  return text.replace(/[\s\u00a0_-]+/g, '').toLowerCase();
}

const ALIASES: Partial<Record<RegistryHeader, readonly string[]>> = {
  EmployeeType: ['EmploymentType'],
  DateHire: ['Date of Hire', 'Hire Date'],
};

const HEADER_BY_KEY = new Map<string, RegistryHeader>(
  REGISTRY_ALL_HEADERS.flatMap((h) => [h, ...(ALIASES[h] ?? [])].map((name) => [headerKey(name), h] as const)),
);

/** The registry header a cell names, or null. */
export function registryHeaderOf(text: string): RegistryHeader | null {
  return HEADER_BY_KEY.get(headerKey(text)) ?? null;
}

export type RegistryLayout = { ok: true; columns: RegistryColumns } | { ok: false; missing: RegistryHeader[]; duplicated: string[] };

/** Finds each header in row 1; missing required or duplicated headers make the registry unreadable. */
export function registryLayout(header: readonly string[]): RegistryLayout {
  const found = new Map<RegistryHeader, number[]>();
  header.forEach((text, i) => {
    const name = registryHeaderOf(text);
    if (name) found.set(name, [...(found.get(name) ?? []), i + 1]);
  });
  const missing = REGISTRY_HEADERS.filter((h) => !found.has(h));
  const duplicated = [...found.entries()]
    .filter(([, columns]) => columns.length > 1)
    .map(([name, columns]) => `${name} (columns ${columns.map(columnLetter).join(', ')})`);
  if (missing.length > 0 || duplicated.length > 0) return { ok: false, missing, duplicated };
  const columns = Object.fromEntries(REGISTRY_ALL_HEADERS.map((h) => [h, found.get(h)?.[0] ?? 0])) as RegistryColumns;
  return { ok: true, columns };
}

/** BAD_REGISTRY naming what is wrong with the header row, for every function that reads the registry. */
export function badRegistry(tabName: string, layout: Extract<RegistryLayout, { ok: false }>): Failure {
  const parts = [
    layout.missing.length > 0 ? `it has no ${layout.missing.join(', ')} column` : '',
    layout.duplicated.length > 0 ? `it has ${layout.duplicated.join('; ')} more than once` : '',
  ].filter(Boolean);
  return failure(
    'BAD_REGISTRY',
    `The "${tabName}" tab cannot be read: ${parts.join(', and ')}. Row 1 must be its header row, naming each column once ` +
      `(${REGISTRY_HEADERS.join(', ')}; ActivityEnds is optional). Nothing was changed: fix the header row, then try again.`,
  );
}

/**
 * The registry's columns from its header row, or the refusal every function that reads the
 * registry answers with (BAD_REGISTRY naming the missing or doubled headers), before any write.
 */
export function registryColumnsOf(header: readonly string[]): RegistryColumns {
  const layout = registryLayout(header);
  if (!layout.ok) throw new Refusal(badRegistry(TABS.registry.sheet, layout));
  return layout.columns;
}

const STATUSES: Record<string, Learner['status']> = { active: 'Active', archived: 'Archived' };

/** Status as typed by hand: `active`, ` Archived ` are read as plainly meant (cells come trimmed). */
export function registryStatus(text: string): Learner['status'] | null {
  return STATUSES[text.trim().toLowerCase()] ?? null;
}

/**
 * Emails a broken row names in its Email or UserID (`Ana@SDSU.edu (old)` names ana@sdsu.edu), so
 * its learner is never added a second time.
 */
export function emailsNamed(cells: readonly string[]): string[] {
  return cells
    .flatMap((c) => c.split(/[\s,;<>()"']+/))
    .filter((token) => token.includes('@'))
    .map(emailKey);
}

/**
 * Reads the registry's data rows as text (dates already 'YYYY-MM-DD'), with the columns found by
 * `registryLayout`; `firstRow` is the sheet row of body[0]. A row with a broken value is reported
 * and left out of every change.
 */
export function readRegistry(
  body: readonly (readonly string[])[],
  columns: RegistryColumns = DEFAULT_REGISTRY_COLUMNS,
  firstRow = 2,
): RegistryRead {
  const entries: RegistryEntry[] = [];
  const byEmail = new Map<string, RegistryEntry>();
  const problems: Problem[] = [];
  const unreadable = new Map<string, number>();
  const at = (cells: readonly string[], header: RegistryHeader): string => (columns[header] > 0 ? (cells[columns[header] - 1] ?? '') : '');
  for (const [i, cells] of body.entries()) {
    const row = firstRow + i;
    const value = (header: RegistryHeader): string => at(cells, header);
    if (REGISTRY_ALL_HEADERS.every((h) => value(h) === '')) continue;
    const email = value('Email');
    const userId = value('UserID');
    // Messages start with their column (the sidebar adds it otherwise) and name the learner.
    const of = `of ${shown(email || userId || `row ${row}`)}`;
    const fail = (column: RegistryHeader, message: string, relatedRows?: number[]): void => {
      problems.push({
        tab: 'registry',
        row,
        column,
        severity: 'error',
        message: `${message} The add-on leaves this row as it is, and never adds this learner again, until the row is fixed.`,
        ...(relatedRows ? { relatedRows } : {}),
      });
      for (const key of emailsNamed([email, userId])) if (!unreadable.has(key)) unreadable.set(key, row);
    };
    const warn = (column: RegistryHeader, message: string): void => {
      problems.push({ tab: 'registry', row, column, severity: 'warning', message });
    };
    if (email === '') {
      fail('Email', `Email is empty${userId ? ` (UserID ${shown(userId)})` : ''}.`);
      continue;
    }
    const badEmail = emailProblem(email);
    if (badEmail) {
      fail('Email', `Email "${shown(email)}" ${badEmail}.`);
      continue;
    }
    const county = countyOfEmployeeType(value('EmployeeType'));
    if (!county) {
      fail('EmployeeType', `EmployeeType "${shown(value('EmployeeType'))}" ${of} is not a California county's partner type.`);
      continue;
    }
    const status = registryStatus(value('Status'));
    if (!status) {
      fail('Status', `Status "${shown(value('Status'))}" ${of} must be Active or Archived.`);
      continue;
    }
    const hireText = value('DateHire');
    const hire = hireText === '' ? '' : parseDateText(hireText);
    if (hire === null) {
      fail('DateHire', `DateHire "${shown(hireText)}" ${of} is not a date.`);
      continue;
    }
    const archivedText = value('ArchivedOn');
    const archived = archivedText === '' ? '' : parseDateText(archivedText);
    if (archived === null) {
      fail('ArchivedOn', `ArchivedOn "${shown(archivedText)}" ${of} is not a date.`);
      continue;
    }
    const key = emailKey(email);
    const first = byEmail.get(key);
    if (first) {
      fail('Email', `Email ${email} is already in the registry on row ${first.row}.`, [first.row]);
      continue;
    }
    if (userId !== '' && emailKey(userId) !== key) {
      warn('UserID', `UserID "${shown(userId)}" ${of} differs from Email: the add-on knows this learner by the Email, ${email}.`);
    }
    const endsText = value('ActivityEnds');
    const ends = endsText === '' ? '' : parseDateText(endsText);
    if (ends === null) {
      warn('ActivityEnds', `ActivityEnds "${shown(endsText)}" ${of} is not a date, so it is left out: type a date like 06/30/2027.`);
    }
    const affiliation = value('Affiliation');
    const entry: RegistryEntry = {
      row,
      learner: {
        // The learner's id is its email (domain.md): a UserID typed otherwise is reported above.
        userId: email,
        firstName: value('FirstName'),
        lastName: value('LastName'),
        email,
        employeeType: employeeTypeOf(county),
        affiliation:
          affiliation === '' || affiliation.replace(/\s+/g, ' ').toLowerCase() === AFFILIATION.toLowerCase() ? AFFILIATION : affiliation,
        status,
        dateHire: hire,
        archivedOn: archived,
        activityEnds: ends ?? '',
        openBatch: '',
      },
    };
    entries.push(entry);
    byEmail.set(key, entry);
  }
  return { entries, byEmail, problems, columns, unreadable };
}

/**
 * Why a learner must not be added: its email is on a registry row the add-on cannot read. The
 * problem names the template row it was found on; null when the learner may be added.
 */
export function unreadableRowProblem(
  registry: Pick<RegistryRead, 'unreadable'>,
  email: string,
  at: Pick<Problem, 'tab' | 'row'>,
): Problem | null {
  const row = registry.unreadable.get(emailKey(email));
  if (row === undefined) return null;
  return {
    ...at,
    column: 'Email',
    severity: 'error',
    message: `${email} is already in the registry on row ${row}, which the add-on cannot read: fix that row of the Learner Registry tab, then sync again. Until then this learner is never added a second time.`,
  };
}

/**
 * The rows (0-based, body[0] = sheet row 2) a partial read must hold whole for what it says about
 * `wanted` (lower-cased emails) to be what a full read says: each row naming one in its Email or
 * UserID (a row the add-on cannot read included, `Ana@SDSU.edu (old)`), then every row with the
 * same Email as one of those, as only they decide which row of an email reads and which is its
 * duplicate. `emails` and `userIds` are the two columns as text.
 */
export function rowsNaming(emails: readonly string[], userIds: readonly string[], wanted: ReadonlySet<string>): Set<number> {
  const rows = new Set<number>();
  if (wanted.size === 0) return rows;
  emails.forEach((email, i) => {
    if (wanted.has(emailKey(email)) || emailsNamed([email, userIds[i] ?? '']).some((key) => wanted.has(key))) rows.add(i);
  });
  return withSameEmail(rows, emails);
}

/** `rows` and every other row whose Email is one of theirs. */
export function withSameEmail(rows: ReadonlySet<number>, emails: readonly string[]): Set<number> {
  const keys = new Set([...rows].map((i) => emailKey(emails[i] ?? '')).filter((key) => key !== ''));
  const all = new Set(rows);
  if (keys.size === 0) return all;
  emails.forEach((email, i) => {
    if (keys.has(emailKey(email))) all.add(i);
  });
  return all;
}

/**
 * Whether a registry row with this LastName may carry one of `names` (duplicates.ts' nameKey,
 * "first last"): only when its last name is the whole name or a last run of its words, or empty
 * (the first name may then hold it all). Reading FirstName for those rows only finds every namesake.
 */
export function lastNameMayMatch(names: ReadonlySet<string>): (lastName: string) => boolean {
  const endings = new Set<string>();
  for (const name of names) {
    const words = name.split(' ');
    for (let i = 0; i < words.length; i++) endings.add(words.slice(i).join(' '));
  }
  return (lastName) => {
    const key = lastName.replace(/\s+/g, ' ').trim().toLowerCase();
    return key === '' ? names.size > 0 : endings.has(key);
  };
}
