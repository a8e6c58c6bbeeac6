/**
 * What an edit of a template tab covers, and what live validation fills in or tidies on the
 * edited rows. Cells are the 17 trimmed texts of validate.ts (dates as 'YYYY-MM-DD').
 */
import { AFFILIATION, COLUMNS, HEADERS, STATUS_BY_TAB, columnIndex, isYellow, type ColumnName, type TemplateTab } from './columns';
import { canonicalCounty, employeeTypeOf } from './counties';
import type { Settings } from './types';
import { checkRow, isEmail } from './validate';

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

/** Does the edit cover that column? */
export function coversColumn(block: EditedBlock, name: ColumnName): boolean {
  const column = columnIndex(name) + 1;
  return block.left <= column && (block.right === null || column <= block.right);
}

/**
 * The cells an admin would otherwise type the same on every row, filled in once an email is
 * typed: only empty ones, so nothing the admin typed is replaced.
 */
export function autofilled(tab: TemplateTab, cells: readonly string[], settings: Settings, today: () => string): string[] {
  const email = cells[columnIndex('Email')] ?? '';
  if (!isEmail(email)) return [...cells];
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
    if (cell !== '' || !spec || !isYellow(tab, spec)) return cell;
    return spec.header === 'DateHire' ? today() : (defaults[spec.header as ColumnName] ?? cell);
  });
}

const ENUMERATED: readonly ColumnName[] = ['Status', 'Affiliation', 'EmployeeType'];

/** The cells with enumerated values spelled as the LMS expects (`active` → `Active`), as checkRow reads them. */
export function tidied(tab: TemplateTab, cells: readonly string[], settings: Settings): string[] {
  const { record } = checkRow(tab, { row: 0, cells }, settings);
  return cells.map((cell, i) => {
    const name = HEADERS[i];
    return name && ENUMERATED.includes(name) ? record[name] : cell;
  });
}
