/** What the preview server and its page say to each other: plain JSON, types only. */
import type { UiRecord } from '@cacwt/gas-emulator';

export interface CellView {
  text: string;
  /** Set on formula cells: the emulator does not evaluate formulas, so the page shows them as typed. */
  formula?: string;
  background?: string;
  bold?: true;
  color?: string;
  note?: string;
  align?: 'left' | 'center' | 'right';
  /** Index into SheetView.lists: the cell has a dropdown. */
  list?: number;
}

/** An embedded chart as the page draws it: a line per series over the category labels. */
export interface ChartView {
  title: string;
  anchorRow: number;
  anchorColumn: number;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

export interface SheetView {
  name: string;
  /** Rows and columns rendered (a sheet's last data plus some blank room, as far as the sheet goes). */
  rows: number;
  columns: number;
  frozenRows: number;
  frozenColumns: number;
  widths: number[];
  hidden: boolean[];
  /** Dropdown choices, shared by every cell of a column instead of repeated per cell. */
  lists: string[][];
  /** cells[r][c] for row r + 1, column c + 1; null for a blank unformatted cell. */
  cells: (CellView | null)[][];
  charts: ChartView[];
}

export interface PageState {
  /** The workbook's version (one more per change); the server's events say when it moves on. */
  version: number;
  title: string;
  tabs: { name: string; color: string | null }[];
  active: { sheet: string; range: string };
  sheet: SheetView;
  menus: UiRecord['menus'];
  /** The bundle's functions google.script.run can call (public: not ending in '_'). */
  functions: string[];
  /** Something the admin must know about the workbook file, e.g. that a corrupt one was set aside. */
  notice: string | null;
}

/** What the add-on showed while handling a request. */
export interface Effects {
  alerts: UiRecord['alerts'];
  toasts: UiRecord['toasts'];
  /** The sidebars shown, each served at /sidebar/<index>. */
  sidebars: { index: number; title: string }[];
  /** Exceptions the bundle threw where Sheets would show an error bar. */
  errors: string[];
}

/** The answer to a selection that stayed on the same tab: nothing changed that a page shows. */
export interface Moved {
  moved: string;
}

export interface Reply {
  state: PageState;
  effects: Effects;
}

/** google.script.run's answer: a JSON value for the success handler, or an error message for the failure handler. */
export type RunReply = ({ value: unknown } | { error: string }) & { effects: Effects };
