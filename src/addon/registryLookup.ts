/**
 * What the template check needs of the registry (src/core/registry.ts, indexRegistry): the Email,
 * Status, DateHire and ArchivedOn columns, found by their header names. The whole columns for a
 * whole-tab check; for an edit, only the rows TextFinder finds holding the edited emails.
 */
import { KNOWN_COLUMNS, REGISTRY_HEADERS, indexRegistry, type KnownRow, type RegistryIndex } from '../core/registry';
import { wholeCellPattern } from '../core/liveCheck';
import { cellText } from '../core/text';
import type { RegistrySheet } from './registrySheet';
import { TAB_NAMES } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Up to this many rows found are read one by one. */
const MAX_ROWS_ONE_BY_ONE = 2;
/** More found, the rows from the first to the last found are read as one block up to this many cells; past it, the four columns whole. */
const MAX_BLOCK_CELLS = 20_000;

const EMPTY: RegistryIndex = new Map();

/** 0-based positions of the known columns in the header row; null when Email or Status is missing. */
function knownPositions(header: readonly unknown[]): number[] | null {
  const names = header.map((h) => String(h).trim().toLowerCase());
  const positions = KNOWN_COLUMNS.map((name) => names.indexOf(name.toLowerCase()));
  return (positions[0] as number) < 0 || (positions[1] as number) < 0 ? null : positions;
}

function headerOf(sheet: Sheet): unknown[] {
  return sheet.getRange('1:1').getValues()[0] ?? [];
}

function knownRow(row: number, cells: readonly unknown[], positions: readonly number[], isoOfDate: (d: Date) => string): KnownRow {
  return { row, cells: positions.map((p) => (p < 0 ? '' : cellText(cells[p], isoOfDate))) };
}

/** The four columns whole: two calls per column, and three more, whatever the registry holds. */
function readColumns(sheet: Sheet, header: readonly unknown[], isoOfDate: (d: Date) => string): RegistryIndex {
  const positions = knownPositions(header);
  if (!positions) return EMPTY;
  const last = sheet.getLastRow();
  if (last < 2) return EMPTY;
  const columns = positions.map((p) => (p < 0 ? [] : sheet.getRange(2, p + 1, last - 1, 1).getValues()));
  const length = Math.max(...columns.map((c) => c.length));
  const rows = Array.from({ length }, (_, i) =>
    knownRow(
      i + 2,
      positions.map((_, k) => columns[k]?.[i]?.[0] ?? ''),
      positions.map((_, k) => k),
      isoOfDate,
    ),
  );
  return indexRegistry(rows);
}

/** The registry as a whole-tab check sees it (null: no registry tab). */
export function readRegistryIndex(spreadsheet: Spreadsheet, isoOfDate: (d: Date) => string): RegistryIndex | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.registry);
  return sheet ? readColumns(sheet, headerOf(sheet), isoOfDate) : null;
}

/** The same, from a registry already read whole (its raw rows, in the columns of REGISTRY_HEADERS). */
export function registryIndexOf(registry: RegistrySheet, isoOfDate: (d: Date) => string): RegistryIndex {
  const positions = knownPositions(REGISTRY_HEADERS) as number[];
  return indexRegistry(registry.raw.map((cells, i) => knownRow(i + 2, cells, positions, isoOfDate)));
}

/**
 * The registry's learners holding one of `emails`: one search of the registry (its cells handed
 * back count as read), then, only when something was found, the header and the rows found.
 */
export function findInRegistry(spreadsheet: Spreadsheet, emails: readonly string[], isoOfDate: (d: Date) => string): RegistryIndex | null {
  const sheet = spreadsheet.getSheetByName(TAB_NAMES.registry);
  if (!sheet) return null;
  const pattern = wholeCellPattern(emails.map((e) => e.trim()));
  if (!pattern) return EMPTY;
  const rows = [
    ...new Set(
      sheet
        .createTextFinder(pattern)
        .useRegularExpression(true)
        .findAll()
        .map((r) => r.getRow()),
    ),
  ].filter((r) => r > 1);
  if (rows.length === 0) return EMPTY;
  const header = headerOf(sheet);
  const positions = knownPositions(header);
  if (!positions) return EMPTY;
  if (rows.length <= MAX_ROWS_ONE_BY_ONE) {
    return indexRegistry(rows.map((row) => knownRow(row, sheet.getRange(`${row}:${row}`).getValues()[0] ?? [], positions, isoOfDate)));
  }
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  if ((last - first + 1) * header.length > MAX_BLOCK_CELLS) return readColumns(sheet, header, isoOfDate);
  // The rows between are read too; they hold none of the emails (the search would have found them).
  const block = sheet.getRange(`${first}:${last}`).getValues();
  return indexRegistry(block.map((cells, i) => knownRow(first + i, cells, positions, isoOfDate)));
}
