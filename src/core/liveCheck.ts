/**
 * What live validation needs to re-mark an edit without reading the whole tab: the patterns it
 * hands to Sheets' TextFinder, which rows an edit ties to others, and which cells to write back.
 * Pure: the shell (src/addon/liveValidation.ts) reads and writes.
 */
import { columnIndex } from './columns';
import { CHECK_COLUMN } from './marks';
import { emailKey } from './registry';
import { cellText } from './text';

/** Spaces trimText removes, as literal characters: both RE2 (Sheets) and JavaScript read them so in a class. */
const EDGE = '[\\s\u00a0\u2007\u202f\ufeff]*';

function escaped(text: string): string {
  // Only what is special outside a class: both RE2 and JavaScript's unicode mode refuse escaping anything else.
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * A TextFinder regular expression (case ignored, the finder's default) matching a cell whose
 * trimmed text is one of `values`, as cellText and the checks compare them; null for none.
 */
export function wholeCellPattern(values: readonly string[]): string | null {
  const distinct = [...new Set(values.filter((v) => v !== '').map((v) => v.toLowerCase()))];
  return distinct.length === 0 ? null : `^${EDGE}(?:${distinct.map(escaped).join('|')})${EDGE}$`;
}

/** What readRegistry splits a broken row's Email or UserID at to find the emails it names, spaces of every kind included. */
const TOKEN_EDGE = `[\\s,;<>()"'\u00a0\u2007\u202f\ufeff]`;

/**
 * A TextFinder regular expression matching a registry cell that names one of `emails` the way
 * readRegistry reads it: the whole cell, or one of its words (`Ana@SDSU.edu (old)`); null for none.
 */
export function emailTokenPattern(emails: readonly string[]): string | null {
  const named = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@') && !new RegExp(TOKEN_EDGE).test(e)))];
  return named.length === 0 ? null : `(?:^|${TOKEN_EDGE})(?:${named.map(escaped).join('|')})(?:$|${TOKEN_EDGE})`;
}

/** Matches a check text (column R) that names one of `rows`, as the rules across rows do ("also on row 3, 7", "in row 7"). */
export function namingPattern(rows: readonly number[]): string | null {
  return rows.length === 0 ? null : `(?:on|in) rows? (?:\\d+, )*(?:${rows.join('|')})(?:[^0-9]|$)`;
}

/** Either pattern, for one search. */
export function eitherPattern(...patterns: (string | null)[]): string | null {
  const given = patterns.filter((p): p is string => p !== null);
  return given.length === 0 ? null : given.map((p) => `(?:${p})`).join('|');
}

export interface KeyCells {
  row: number;
  email: string;
  first: string;
  last: string;
}

/** The Email, FirstName and LastName of a row's 17 cells, as the rules across rows read them. */
export function keyCells(row: number, cells: readonly string[]): KeyCells {
  return {
    row,
    email: cells[columnIndex('Email')] ?? '',
    first: cells[columnIndex('FirstName')] ?? '',
    last: cells[columnIndex('LastName')] ?? '',
  };
}

/** Where a search found something: its 1-based row and column. */
export interface Found {
  row: number;
  column: number;
}

const COLUMN = {
  last: columnIndex('LastName') + 1,
  first: columnIndex('FirstName') + 1,
  email: columnIndex('Email') + 1,
  check: CHECK_COLUMN,
};

/** What one search of the tab found outside the edited rows. */
export interface SearchTies {
  /** Rows holding an edited row's email, or whose check names an edited row: tied to the edit. */
  tied: number[];
  /** Rows holding an edited row's last name: tied when their first name is the same too. */
  sameLastName: number[];
}

/**
 * Sorts what one search of the tab (the edited rows' emails and last names, and the check texts
 * naming an edited row) found outside the edited rows. A row tied to none of these keeps its
 * check: the rules across rows join only rows that share an email or a full name, and a check
 * names every row it was tied to (see validate.ts). First names are not searched: a common one
 * would be found on a good share of the tab.
 */
export function searchTies(found: readonly Found[], edited: ReadonlySet<number>): SearchTies {
  const by = new Map<number, Set<number>>();
  for (const f of found) {
    if (edited.has(f.row) || f.row < 2) continue;
    const columns = by.get(f.row) ?? new Set<number>();
    columns.add(f.column);
    by.set(f.row, columns);
  }
  const rows = [...by].sort(([a], [b]) => a - b);
  const tied = rows.filter(([, c]) => c.has(COLUMN.email) || c.has(COLUMN.check)).map(([row]) => row);
  return { tied, sameLastName: rows.filter(([row, c]) => c.has(COLUMN.last) && !tied.includes(row)).map(([row]) => row) };
}

/** Rows of the tab sharing an email or a full name with one of `targets` (the targets included). */
export function rowsSharingKeys(targets: readonly KeyCells[], all: readonly KeyCells[]): Set<number> {
  const emails = new Set(targets.map((t) => emailKey(t.email)).filter((k) => k !== ''));
  const names = new Set(targets.filter((t) => t.first && t.last).map((t) => `${t.first} ${t.last}`.toLowerCase()));
  return new Set(
    all
      .filter((k) => emails.has(emailKey(k.email)) || (k.first && k.last && names.has(`${k.first} ${k.last}`.toLowerCase())))
      .map((k) => k.row),
  );
}

/** One setValues of a row: the first column (1-based) and the values from there. */
export interface CellRun {
  column: number;
  values: unknown[];
}

/**
 * The cells of one row to write: each cell whose text changes (`next[i]` differs from what
 * `read[i]` holds), as `written(i)` gives it; `next[i]` null: never written (a formula, whose
 * result may read blank). Changed cells next to each other go in one run.
 * A cell with content that does not change is never written: text that needs asText's apostrophe
 * could change (Sheets may keep or drop it, domain.md "Text in cells"), and a cell the admin
 * types into meanwhile would be overwritten. Blank cells between two changed cells join their
 * run (a blank written as blank stays blank), to spare calls.
 */
export function changedRuns(
  read: readonly unknown[],
  next: readonly (string | null)[],
  written: (i: number) => unknown,
  isoOfDate: (d: Date) => string,
): CellRun[] {
  // Text is compared untrimmed (spaces around a name are tidied away), apostrophe marker aside.
  const shown = (value: unknown): string => (typeof value === 'string' ? value.replace(/^'/, '') : cellText(value, isoOfDate));
  const changed = next.map((text, i) => text !== null && text !== shown(read[i]));
  const runs: CellRun[] = [];
  let open: CellRun | null = null;
  let pendingBlanks = 0;
  for (let i = 0; i < next.length; i++) {
    if (changed[i]) {
      if (open && pendingBlanks > 0) open.values.push(...Array<unknown>(pendingBlanks).fill(''));
      else if (!open) {
        open = { column: i + 1, values: [] };
        runs.push(open);
      }
      pendingBlanks = 0;
      open.values.push(written(i));
    } else if (open && read[i] === '' && next[i] !== null) {
      pendingBlanks++;
    } else {
      open = null;
      pendingBlanks = 0;
    }
  }
  return runs;
}
