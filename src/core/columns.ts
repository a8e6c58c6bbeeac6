/**
 * The one table of the 17 import columns (domain.md): validation, templates, the CSV header and
 * the tests all read it.
 */

export type TemplateTab = 'creation' | 'archival';

/** What a column asks of the admin on a tab. */
export type ColumnRule = 'required' | 'blank';

export interface ColumnSpec {
  readonly header: string;
  readonly aliases: readonly string[];
  readonly creation: ColumnRule;
  readonly archival: ColumnRule;
  /** One line shown as help text on the template header and in the validation rule. */
  readonly help: string;
}

const blank = (header: string): ColumnSpec => ({
  header,
  aliases: [],
  creation: 'blank',
  archival: 'blank',
  help: 'Leave blank.',
});

export const COLUMNS: readonly ColumnSpec[] = [
  {
    header: 'UserID',
    aliases: ['User ID'],
    creation: 'required',
    archival: 'required',
    help: "The partner's email address, same as Email.",
  },
  { header: 'LastName', aliases: ['Last Name'], creation: 'required', archival: 'required', help: "The partner's last name." },
  { header: 'FirstName', aliases: ['First Name'], creation: 'required', archival: 'required', help: "The partner's first name." },
  {
    header: 'Email',
    aliases: ['E-mail'],
    creation: 'required',
    archival: 'required',
    help: "The partner's email address (must be unique).",
  },
  {
    header: 'Password',
    aliases: [],
    creation: 'required',
    archival: 'blank',
    help: 'The temporary password (Changeme1! unless your county set another).',
  },
  {
    header: 'Status',
    aliases: [],
    creation: 'required',
    archival: 'required',
    help: 'Active on the Creation tab, Archived on the Archival tab.',
  },
  { header: 'Affiliation', aliases: [], creation: 'required', archival: 'required', help: 'California Community Partners' },
  blank('OrganizationName'),
  {
    header: 'EmployeeType',
    aliases: ['EmploymentType', 'Employee Type'],
    creation: 'required',
    archival: 'required',
    help: '<County> County Community Partner, e.g. Riverside County Community Partner.',
  },
  blank('RTADepartment'),
  blank('RTAJobTitle'),
  blank('RTAJobCode'),
  blank('AreaOfAssignment'),
  {
    header: 'DateHire',
    aliases: ['Date of Hire', 'Hire Date'],
    creation: 'required',
    archival: 'blank',
    help: 'The date the account is created.',
  },
  blank('DateTransfer'),
  blank('UserLevel'),
  blank('AssocLMSID'),
];

export type ColumnName =
  | 'UserID'
  | 'LastName'
  | 'FirstName'
  | 'Email'
  | 'Password'
  | 'Status'
  | 'Affiliation'
  | 'OrganizationName'
  | 'EmployeeType'
  | 'RTADepartment'
  | 'RTAJobTitle'
  | 'RTAJobCode'
  | 'AreaOfAssignment'
  | 'DateHire'
  | 'DateTransfer'
  | 'UserLevel'
  | 'AssocLMSID';

export const HEADERS = COLUMNS.map((c) => c.header) as readonly ColumnName[];
export const COLUMN_COUNT = COLUMNS.length;

/** 0-based position of a column in A:Q. */
export function columnIndex(name: ColumnName): number {
  return HEADERS.indexOf(name);
}

/** Sheet letter of a 1-based column number (1 → A, 18 → R), as a message names a column. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The admin fills this column on this tab (the template paints it yellow). */
export function isRequiredOn(tab: TemplateTab, column: ColumnSpec): boolean {
  return column[tab] === 'required';
}

export const STATUS_BY_TAB: Readonly<Record<TemplateTab, 'Active' | 'Archived'>> = {
  creation: 'Active',
  archival: 'Archived',
};

export const AFFILIATION = 'California Community Partners';

/**
 * Header matching ignores case, spaces, `_` and `-` (`E-mail`, `first_name`, `DATE HIRE`), and
 * knows the aliases of the guide and of the files admins hold.
 */
function headerKey(text: string): string {
  return text.replace(/[\s\u00a0\ufeff_-]+/g, '').toLowerCase();
}

const HEADER_BY_KEY = new Map<string, ColumnName>(
  COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [headerKey(h), c.header as ColumnName] as const)),
);

/** The canonical column a header cell names, or null. */
export function canonicalHeader(text: string): ColumnName | null {
  return HEADER_BY_KEY.get(headerKey(text)) ?? null;
}
