/**
 * The import-file rules of domain.md, turned into Problems an admin can act on: each names the
 * row, the column, and what to type instead.
 */
import * as z from 'zod/mini';
import {
  AFFILIATION,
  COLUMNS,
  COLUMN_COUNT,
  HEADERS,
  STATUS_BY_TAB,
  canonicalHeader,
  columnIndex,
  type ColumnName,
  type ColumnSpec,
  type TemplateTab,
} from './columns';
import { countyOfEmployeeType, employeeTypeOf, canonicalCounty } from './counties';
import { formatIsoDate, hasTwoDigitYear, parseDateText } from './dates';
import { pushTo } from './maps';
import { TABS } from './tabs';
import type { RowState } from './rowState';
import { FORMULA_START, MAX_CELL, shown, thousands } from './text';
import type { Problem, Settings } from './types';

/** One data row of a template tab as trimmed text, 17 cells, with its 1-based sheet row. */
export interface TemplateRow {
  row: number;
  cells: readonly string[];
  /** Which of the 17 cells hold a formula (their text is then the formula's result); absent: none. */
  formulas?: readonly boolean[];
  /** Its place in the upload loop as the loop reads it (rowState.ts, effectiveState); absent: pending. */
  state?: RowState;
}

/**
 * A done row is history, and an open row's values are its batch's: neither is checked again, nor
 * anyone's duplicate or namesake (domain.md, "The upload loop").
 */
function isValidated(row: TemplateRow): boolean {
  return row.state?.kind !== 'done' && row.state?.kind !== 'open' && !isBlankRow(row);
}

/** The canonical values of a row, ready for the CSV (DateHire still 'YYYY-MM-DD'). */
export type Record17 = Record<ColumnName, string>;

export interface ValidatedRow {
  row: number;
  record: Record17;
  problems: Problem[];
}

export interface TabValidation {
  tab: TemplateTab;
  /** Non-blank data rows. */
  rows: number;
  /** Rows without an error. */
  ready: number;
  problems: Problem[];
  checks: ValidatedRow[];
}

const EMAIL = z.email();

/** Longest name, in characters (domain.md). */
export const MAX_NAME = 100;
/** An email's limits (domain.md): the whole address, the part before the @, each part of the domain. */
const MAX_EMAIL = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;

/** What is wrong with an email address, as the end of "Email "x" …", or null when it is valid. */
export function emailProblem(text: string): string | null {
  if (text.length > MAX_EMAIL) return `is ${thousands(text.length)} characters long; an email address has at most ${MAX_EMAIL}`;
  const at = text.lastIndexOf('@');
  if (at > MAX_LOCAL) return `has ${at} characters before the @; at most ${MAX_LOCAL} are allowed`;
  const long = text
    .slice(at + 1)
    .split('.')
    .find((label) => label.length > MAX_LABEL);
  if (long) return `has a domain part of ${long.length} characters; each part between dots has at most ${MAX_LABEL}`;
  return EMAIL.safeParse(text).success ? null : 'is not an email address';
}

export function isEmail(text: string): boolean {
  return emailProblem(text) === null;
}

// Letters of any script, then letters, marks, spaces, apostrophes, hyphens, periods. Commas and
// double quotes are allowed too (decision: suffixes such as "King, Jr." and nicknames in quotes
// are real names, and the CSV writer quotes them).
const NAME = /^[\p{L}][\p{L}\p{M} '’.,"-]*$/u;
const PASSWORD_RULES = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/];

export function isStrongPassword(text: string): boolean {
  return text.length >= 8 && PASSWORD_RULES.every((rule) => rule.test(text));
}

export const PASSWORD_RULE_TEXT =
  'at least 8 characters with an upper-case letter, a lower-case letter, a digit and a symbol, like Changeme1!';

/** A row with nothing in it: no text, and no formula (whose result may show nothing). */
export function isBlankRow(row: TemplateRow): boolean {
  return row.cells.every((c) => c === '') && !row.formulas?.some(Boolean);
}

/** The header row must read the 17 canonical headers (the guide's aliases are accepted). */
export function validateHeader(tab: TemplateTab, header: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  HEADERS.forEach((expected, i) => {
    const found = header[i] ?? '';
    if (canonicalHeader(found) !== expected) {
      const letter = String.fromCharCode(65 + i);
      problems.push({
        tab,
        row: 1,
        column: expected,
        severity: 'error',
        message: `The header of column ${letter} reads "${found}" but must be ${expected}. Run "Set up templates" from the add-on menu to repair it.`,
      });
    }
  });
  return problems;
}

/** What is wrong with a name (FirstName, LastName), or null: the same rule for a template row and a registry learner. */
export function nameProblem(column: 'FirstName' | 'LastName', value: string): string | null {
  if (value.length > MAX_NAME) {
    return `${column} is ${thousands(value.length)} characters long; a name has at most ${MAX_NAME}. Shorten it.`;
  }
  if (FORMULA_START.test(value)) {
    return `${column} starts with "${value[0] === '\t' ? 'a tab' : value[0]}", which a spreadsheet would run as a formula. Type the name without it.`;
  }
  if (!NAME.test(value)) {
    return `${column} "${shown(value)}" can hold only letters, spaces, apostrophes, hyphens, periods, commas and quotes. Type the partner's ${column === 'LastName' ? 'last' : 'first'} name as it should appear, like O'Brien or José.`;
  }
  return null;
}

const REQUIRED_TEXT: Partial<Record<ColumnName, string>> = {
  UserID: "UserID is empty: type the partner's email address (the same as Email).",
  LastName: "LastName is empty: type the partner's last name.",
  FirstName: "FirstName is empty: type the partner's first name.",
  Email: "Email is empty: type the partner's email address, like ana@sdsu.edu.",
  Password: 'Password is empty: type the temporary password, like Changeme1!.',
  Status: 'Status is empty: type {status}.',
  Affiliation: `Affiliation is empty: type ${AFFILIATION}.`,
  EmployeeType: 'EmployeeType is empty: type {employeeType}.',
  DateHire: 'DateHire is empty: type the date the account is created, like 11/28/2026.',
};

const FORMULA_WHAT: Partial<Record<ColumnName, string>> = {
  UserID: 'email address',
  LastName: 'name',
  FirstName: 'name',
  Email: 'email address',
  Password: 'password',
  DateHire: 'date',
};

/** A formula's result is never what the LMS should get, and `=Tom` shows nothing the admin typed. */
function formulaMessage(tab: TemplateTab, spec: ColumnSpec): string {
  if (spec[tab] === 'blank') return `${spec.header}: this cell holds a formula; clear it (Community Partners leave it blank).`;
  return `${spec.header}: this cell holds a formula; type the ${FORMULA_WHAT[spec.header as ColumnName] ?? 'value'} as text.`;
}

/** Checks one row on its own; rules across rows (duplicates) are in validateRows. */
export function validateRow(tab: TemplateTab, input: TemplateRow, settings: Settings): ValidatedRow {
  const problems: Problem[] = [];
  const add = (column: ColumnName | '', message: string, severity: Problem['severity'] = 'error'): void => {
    problems.push({ tab, row: input.row, column, severity, message });
  };
  const cell = (name: ColumnName): string => input.cells[columnIndex(name)] ?? '';
  const record = Object.fromEntries(HEADERS.map((h) => [h, cell(h)])) as Record17;
  const status = STATUS_BY_TAB[tab];
  const settingsCounty = canonicalCounty(settings.county);
  const exampleType = employeeTypeOf(settingsCounty ?? 'Riverside');

  for (const [i, spec] of COLUMNS.entries()) {
    const name = spec.header as ColumnName;
    const value = record[name];
    if (input.formulas?.[i]) {
      add(name, formulaMessage(tab, spec));
      continue;
    }
    if (spec[tab] === 'blank') {
      if (value === '') continue;
      if (tab === 'archival' && (name === 'Password' || name === 'DateHire')) {
        // A creation file re-used for archiving (the guide allows it): these are left out, not refused.
        add(
          name,
          `${name} is not written to the archival file (an import that carries it could reset the account); it is left blank in the export.`,
          'warning',
        );
        record[name] = '';
      } else {
        add(name, `${name} must stay blank for Community Partners: clear this cell.`);
      }
      continue;
    }
    if (value.length > MAX_CELL) {
      // Sheets refuses such a cell: refused here, before the registry or a file is written.
      add(name, `${name} holds ${thousands(value.length)} characters; a cell holds at most ${thousands(MAX_CELL)}. Shorten it.`);
      continue;
    }
    if (value === '') {
      add(name, (REQUIRED_TEXT[name] ?? `${name} is empty.`).replace('{status}', status).replace('{employeeType}', exampleType));
      continue;
    }
    switch (name) {
      case 'Email': {
        const problem = emailProblem(value);
        if (problem) add(name, `Email "${shown(value)}" ${problem}: type the partner's one address, like ana@sdsu.edu.`);
        break;
      }
      case 'UserID':
        if (value.toLowerCase() !== cell('Email').toLowerCase()) {
          add(name, `UserID must be the partner's email, the same as Email${cell('Email') ? ` (${shown(cell('Email'))})` : ''}.`);
        }
        break;
      case 'LastName':
      case 'FirstName': {
        const message = nameProblem(name, value);
        if (message) add(name, message);
        break;
      }
      case 'Password':
        if (FORMULA_START.test(value))
          add(name, `Password starts with "${value[0]}", which a spreadsheet would run as a formula. Use a password like Changeme1!.`);
        else if (!isStrongPassword(value)) add(name, `Password must be ${PASSWORD_RULE_TEXT}.`);
        break;
      case 'Status':
        if (value.toLowerCase() === status.toLowerCase()) record.Status = status;
        else add(name, `Status must be ${status} on the ${TABS[tab].label} tab, not "${shown(value)}".`);
        break;
      case 'Affiliation':
        if (value.replace(/\s+/g, ' ').toLowerCase() === AFFILIATION.toLowerCase()) record.Affiliation = AFFILIATION;
        else add(name, `Affiliation must be ${AFFILIATION}, not "${shown(value)}".`);
        break;
      case 'EmployeeType': {
        const county = countyOfEmployeeType(value);
        if (!county) {
          add(
            name,
            `EmployeeType "${shown(value)}" is not a California county's partner type: type <County> County Community Partner, like ${exampleType}.`,
          );
          break;
        }
        record.EmployeeType = employeeTypeOf(county);
        if (settingsCounty && county !== settingsCounty) {
          add(name, `EmployeeType is ${record.EmployeeType}, but your county in Settings is ${settingsCounty}.`, 'warning');
        }
        break;
      }
      case 'DateHire': {
        const iso = parseDateText(value);
        if (!iso) {
          add(name, `DateHire "${shown(value)}" is not a date: type the date the account is created, like 11/28/2026.`);
          break;
        }
        record.DateHire = iso;
        if (hasTwoDigitYear(value)) {
          add(
            name,
            `DateHire "${value}" was read as ${formatIsoDate(iso, settings.dateFormat)} (two-digit years are 20YY): type the year in full if that is not the date.`,
            'warning',
          );
        }
        break;
      }
    }
  }
  return { row: input.row, record, problems };
}

function crossRowProblems(tab: TemplateTab, validated: readonly ValidatedRow[]): Problem[] {
  const problems: Problem[] = [];
  const byEmail = new Map<string, ValidatedRow[]>();
  const byName = new Map<string, ValidatedRow[]>();
  for (const v of validated) {
    const email = v.record.Email.toLowerCase();
    if (email) pushTo(byEmail, email, v);
    if (v.record.FirstName && v.record.LastName) {
      pushTo(byName, `${v.record.FirstName} ${v.record.LastName}`.toLowerCase(), v);
    }
  }
  for (const group of byEmail.values()) {
    if (group.length < 2) continue;
    for (const v of group) {
      const others = group.filter((g) => g !== v).map((g) => g.row);
      problems.push({
        tab,
        row: v.row,
        column: 'Email',
        severity: 'error',
        message: `Email ${v.record.Email} is also on row ${others.join(', ')}: each partner goes on one row only (addresses that differ only in capitals are the same learner).`,
        relatedRows: others,
      });
    }
  }
  for (const group of byName.values()) {
    const emails = new Set(group.map((g) => g.record.Email.toLowerCase()));
    if (emails.size < 2) continue;
    for (const v of group) {
      const other = group.find((g) => g.record.Email.toLowerCase() !== v.record.Email.toLowerCase()) as ValidatedRow;
      problems.push({
        tab,
        row: v.row,
        column: '',
        severity: 'warning',
        message: `Same name as ${other.record.Email} in row ${other.row}: check it is not the same person under two emails.`,
        relatedRows: [other.row],
      });
    }
  }
  return problems;
}

/** Reads a tab's values (header row first) as 17-cell text rows. */
export function templateRows(body: readonly (readonly string[])[], firstRow = 2): TemplateRow[] {
  return body.map((cells, i) => ({
    row: firstRow + i,
    cells: Array.from({ length: COLUMN_COUNT }, (_, c) => cells[c] ?? ''),
  }));
}

/**
 * The rows a check column text names ("also on row 3, 4", "in row 7"): the messages of the
 * problems with relatedRows name them so. onEdit reads the sheet, which keeps only that text, not
 * the Problems: it is how an edit finds the rows whose check named the edited row.
 */
export function rowsNamedInCheckText(text: string): number[] {
  return [...text.matchAll(/\b(?:on|in) rows? (\d+(?:, \d+)*)/g)].flatMap((m) => (m[1] as string).split(', ').map(Number));
}

/**
 * Every problem of a tab: its header, each non-blank row, the rules across rows, and those
 * `moreProblems` adds from outside the tab (the registry).
 */
export function validateRows(
  tab: TemplateTab,
  header: readonly string[],
  rows: readonly TemplateRow[],
  settings: Settings,
  moreProblems: (checks: readonly ValidatedRow[]) => Problem[] = () => [],
): TabValidation {
  const checks = rows.filter(isValidated).map((r) => validateRow(tab, r, settings));
  const problems = sortedProblems([
    ...validateHeader(tab, header),
    ...checks.flatMap((c) => c.problems),
    ...crossRowProblems(tab, checks),
    ...moreProblems(checks),
  ]);
  const errorRows = new Set(problems.filter((p) => p.severity === 'error' && p.row > 1).map((p) => p.row));
  return { tab, rows: checks.length, ready: checks.filter((c) => !errorRows.has(c.row)).length, problems, checks };
}

/** By row, then column ('' first); a stable sort, so problems of one cell keep the order they were found in. */
function sortedProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.row - b.row || HEADERS.indexOf(a.column as ColumnName) - HEADERS.indexOf(b.column as ColumnName));
}

/**
 * The problems of some rows of a tab, exactly as validateRows finds them for those rows, without the
 * rest of the tab: `others` must hold every other row that shares an email or a name with one of
 * `rows` (only their Email, FirstName and LastName are looked at). Live validation reads only
 * those rows; the whole-tab validation is the reference it is tested against.
 */
export function validateSomeRows(
  tab: TemplateTab,
  rows: readonly TemplateRow[],
  others: readonly TemplateRow[],
  settings: Settings,
  moreProblems: (checks: readonly ValidatedRow[]) => Problem[] = () => [],
): Map<number, Problem[]> {
  const wanted = new Set(rows.map((r) => r.row));
  const all = [...rows, ...others.filter((r) => !wanted.has(r.row))].sort((a, b) => a.row - b.row);
  const checks = all.filter(isValidated).map((r) => validateRow(tab, r, settings));
  const mine = checks.filter((c) => wanted.has(c.row));
  const problems = sortedProblems([
    ...mine.flatMap((c) => c.problems),
    ...crossRowProblems(tab, checks).filter((p) => wanted.has(p.row)),
    ...moreProblems(mine),
  ]);
  const byRow = new Map<number, Problem[]>(rows.map((r) => [r.row, []]));
  for (const p of problems) pushTo(byRow, p.row, p);
  return byRow;
}

/** The CSV records of a validated tab: the header, then each row in canonical spelling. */
export function exportRecords(validation: TabValidation, dateFormat: Settings['dateFormat']): string[][] {
  return [
    [...HEADERS],
    ...validation.checks.map((c) =>
      HEADERS.map((h) => (h === 'DateHire' && c.record.DateHire ? formatIsoDate(c.record.DateHire, dateFormat) : c.record[h])),
    ),
  ];
}
