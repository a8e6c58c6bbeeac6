/**
 * What an edit of a template tab covers, and what live validation fills in or tidies on the
 * edited rows. Cells are the 17 trimmed texts of validate.ts (dates as 'YYYY-MM-DD').
 */
import { AFFILIATION, COLUMNS, HEADERS, STATUS_BY_TAB, columnIndex, isRequiredOn, type ColumnName, type TemplateTab } from './columns';
import { canonicalCounty, employeeTypeOf } from './counties';
import type { Settings } from './types';
import { validateRow } from './validate';

/** The rows and columns of an edit (1-based, inclusive); null where the range runs to the sheet's end. */
export interface EditedBlock {
  top: number;
  bottom: number | null;
  left: number;
  right: number | null;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

const A1_BLOCK = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/;

/** The areas of an edit: 'D5', 'A2:Q501', or several at once ('A2:B3,D5'). */
export function editedAreas(a1: string): EditedBlock[] {
  return a1.split(',').map((part) => editedBlock(part.trim()));
}

/** Reads the A1 notation of an edited range: 'D5', 'A2:Q501', whole columns 'D:D', whole rows '5:9'. */
export function editedBlock(a1: string): EditedBlock {
  const m = A1_BLOCK.exec(a1);
  if (!m || a1 === '') throw new Error(`Unexpected edited range "${a1}".`);
  const [, c1 = '', r1 = '', c2 = c1, r2 = r1] = m;
  const rows = [r1, r2].filter(Boolean).map(Number);
  const columns = [c1, c2].filter(Boolean).map(columnNumber);
  return {
    top: r1 ? Math.min(...rows) : 1,
    bottom: r2 ? Math.max(...rows) : null,
    left: c1 ? Math.min(...columns) : 1,
    right: c2 ? Math.max(...columns) : null,
  };
}

/** Does the edit cover that cell (1-based row and column)? */
export function coversCell(block: EditedBlock, row: number, column: number): boolean {
  return (
    row >= block.top &&
    (block.bottom === null || row <= block.bottom) &&
    column >= block.left &&
    (block.right === null || column <= block.right)
  );
}

/**
 * The cells an admin would otherwise type the same on every row, filled in once an email is
 * typed: only empty ones, so nothing the admin typed is replaced, and the UserID filled in from
 * the email it replaces (`oldEmail`), which follows it. A mistyped email fills the row too: the
 * email alone is then marked, not every cell of the row.
 */
export function autofilled(tab: TemplateTab, cells: readonly string[], settings: Settings, today: () => string, oldEmail = ''): string[] {
  const email = cells[columnIndex('Email')] ?? '';
  if (email === '') return [...cells];
  const userId = cells[columnIndex('UserID')] ?? '';
  const follows = oldEmail !== '' && userId.toLowerCase() === oldEmail.trim().toLowerCase();
  const county = canonicalCounty(settings.county);
  const defaults: Partial<Record<ColumnName, string>> = {
    UserID: email,
    Password: settings.temporaryPassword,
    Status: STATUS_BY_TAB[tab],
    Affiliation: AFFILIATION,
    ...(county ? { EmployeeType: employeeTypeOf(county) } : {}),
  };
  return cells.map((cell, i) => {
    const spec = COLUMNS[i];
    if (spec?.header === 'UserID' && follows) return email;
    if (cell !== '' || !spec || !isRequiredOn(tab, spec)) return cell;
    return spec.header === 'DateHire' ? today() : (defaults[spec.header as ColumnName] ?? cell);
  });
}

const ENUMERATED: readonly ColumnName[] = ['Status', 'Affiliation', 'EmployeeType'];

/** The cells with enumerated values spelled as the LMS expects (`active` → `Active`), as validateRow reads them. */
export function tidied(tab: TemplateTab, cells: readonly string[], settings: Settings): string[] {
  const { record } = validateRow(tab, { row: 0, cells }, settings);
  return cells.map((cell, i) => {
    const name = HEADERS[i];
    return name && ENUMERATED.includes(name) ? record[name] : cell;
  });
}
