/** The workbook itself: sheets as sparse grids of cells. Service objects are thin views over it. */
import type { Bounds } from './a1';
import type { ChartModel } from './charts';
import type { ConditionalRuleModel } from './conditional';
import type { DataValidation } from './validation';
import { movedFormula } from './formulaRefs';
import { compareCells, type Content } from './values';

export interface CellFormat {
  background?: string;
  fontWeight?: 'bold';
  fontColor?: string;
  fontSize?: number;
  numberFormat?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapStrategy?: string;
}
export const FORMAT_KEYS = [
  'background',
  'fontWeight',
  'fontColor',
  'fontSize',
  'numberFormat',
  'horizontalAlignment',
  'verticalAlignment',
  'wrapStrategy',
] as const satisfies readonly (keyof CellFormat)[];

export interface Cell extends Content, CellFormat {
  note?: string;
  validation?: DataValidation;
}

export interface ColumnMeta {
  width?: number;
  hidden?: boolean;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== undefined || cell.formula !== undefined);
}

export function setContent(cell: Cell, content: Content): void {
  delete cell.value;
  delete cell.formula;
  if (content.value !== undefined) cell.value = content.value;
  if (content.formula !== undefined) cell.formula = content.formula;
}

export function clearFormat(cell: Cell): void {
  for (const key of FORMAT_KEYS) delete cell[key];
}

/** The formats (and rule) a row or column inserted next to this cell inherits, as Sheets copies them. */
function inherited(cell: Cell | undefined): Cell | undefined {
  if (!cell) return undefined;
  const copy: Cell = {};
  for (const key of FORMAT_KEYS) if (cell[key] !== undefined) Object.assign(copy, { [key]: cell[key] });
  if (cell.validation) copy.validation = cell.validation;
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/** A run of rows (or columns) of a rule's range. */
interface Span {
  start: number;
  length: number;
}

/** How rows (or columns) move: a range's run of them, and one of them alone (null: deleted). */
interface Shift {
  span(start: number, length: number): Span | null;
  line(x: number): number | null;
}

/**
 * `count` rows inserted before row `at` (columns alike). A range: at or above its first row, it
 * moves down; strictly inside it (after its first row, at or before its last), it grows; after its
 * last row (insertRowsAfter(lastRow, n), rows added at the bottom of a sheet), it stays as it is.
 * Sheets does not document that last case; the emulator takes the conservative answer, so an
 * add-on that needs new bottom rows covered must cover them itself.
 */
function inserted(at: number, count: number): Shift {
  return {
    span(start, length) {
      if (at <= start) return { start: start + count, length };
      if (at <= start + length - 1) return { start, length: length + count };
      return { start, length };
    },
    line: (x) => (x >= at ? x + count : x),
  };
}

/** Rows at..at+count-1 deleted: a range shrinks and moves up; null when all its rows are deleted. */
function deleted(at: number, count: number): Shift {
  const end = at + count - 1;
  const line = (x: number): number | null => (x < at ? x : x > end ? x - count : null);
  return {
    span(start, length) {
      const last = start + length - 1;
      const gone = Math.max(0, Math.min(last, end) - Math.max(start, at) + 1);
      if (gone === length) return null;
      // Its first row that stays, moved up by the deleted rows above it.
      return { start: line(start >= at && start <= end ? end + 1 : start) as number, length: length - gone };
    },
    line,
  };
}

export interface SortKey {
  column: number; // absolute sheet column
  ascending: boolean;
}

export class SheetModel {
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  /** rows[r - 1][c - 1]; both levels sparse. */
  rows: ((Cell | undefined)[] | undefined)[] = [];
  columns: (ColumnMeta | undefined)[] = [];
  /** Embedded charts, in the order they were inserted. */
  charts: ChartModel[] = [];
  /** Conditional format rules, in the order setConditionalFormatRules gave them (the first that applies wins). */
  conditionalRules: ConditionalRuleModel[] = [];

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  writableCell(row: number, col: number): Cell {
    this.rows[row - 1] ??= [];
    const cells = this.rows[row - 1] as Cell[];
    cells[col - 1] ??= {};
    return cells[col - 1] as Cell;
  }

  column(col: number): ColumnMeta {
    this.columns[col - 1] ??= {};
    return this.columns[col - 1] as ColumnMeta;
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if (this.rows[r - 1]?.some(hasContent)) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const cells of this.rows) {
      if (!cells) continue;
      for (let c = cells.length; c > last; c--) {
        if (hasContent(cells[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  insertRows(before: number, count: number, template: number): void {
    const source = this.rows[template - 1];
    const fresh = Array.from({ length: count }, () => (source ? source.map(inherited) : []));
    // No splice(..., ...fresh): spreading 100,000 rows into a call overflows the stack.
    if (before - 1 <= this.rows.length) this.rows = this.rows.slice(0, before - 1).concat(fresh, this.rows.slice(before - 1));
    this.maxRows += count;
    if (before <= this.frozenRows) this.frozenRows += count;
    this.moveRules('row', inserted(before, count));
  }

  deleteRows(start: number, count: number): void {
    this.rows.splice(start - 1, count);
    this.maxRows -= count;
    this.frozenRows -= Math.max(0, Math.min(this.frozenRows, start + count - 1) - start + 1);
    this.moveRules('row', deleted(start, count));
  }

  insertColumns(before: number, count: number, template: number): void {
    for (const cells of this.rows) {
      if (!cells || before - 1 > cells.length) continue;
      cells.splice(before - 1, 0, ...Array.from({ length: count }, () => inherited(cells[template - 1])));
    }
    if (before - 1 <= this.columns.length) this.columns.splice(before - 1, 0, ...new Array<undefined>(count));
    this.maxColumns += count;
    if (before <= this.frozenColumns) this.frozenColumns += count;
    this.moveRules('col', inserted(before, count));
  }

  deleteColumns(start: number, count: number): void {
    for (const cells of this.rows) cells?.splice(start - 1, count);
    this.columns.splice(start - 1, count);
    this.maxColumns -= count;
    this.frozenColumns -= Math.max(0, Math.min(this.frozenColumns, start + count - 1) - start + 1);
    this.moveRules('col', deleted(start, count));
  }

  /**
   * Moves every rule's ranges along rows or columns; a range left with nothing goes, and so does a
   * rule left with no range. A custom formula's references move with the rule (formulaRefs.ts).
   */
  private moveRules(axis: 'row' | 'col', shift: Shift): void {
    const size = axis === 'row' ? 'numRows' : 'numCols';
    const moved: ConditionalRuleModel[] = [];
    for (const rule of this.conditionalRules) {
      const spans = rule.ranges.map((b) => shift.span(b[axis], b[size]));
      const first = spans.findIndex((span) => span !== null);
      if (first < 0) continue;
      const ranges = rule.ranges.flatMap((b, i) => {
        const span = spans[i];
        return span ? [{ ...b, [axis]: span.start, [size]: span.length }] : [];
      });
      // How far the cell its relative references are read from moved (the first range left's top-left).
      const delta = (spans[first] as Span).start - (rule.ranges[first] as Bounds)[axis];
      const { criteria, values } = rule.condition;
      const condition =
        criteria === 'CUSTOM_FORMULA' ? { criteria, values: [movedFormula(String(values[0]), axis, delta, shift.line)] } : rule.condition;
      moved.push({ condition, format: rule.format, ranges });
    }
    this.conditionalRules = moved;
  }

  /** Sorts the rows of an area by the keys, moving whole cells (formats too), blanks last; stable. */
  sort(area: Bounds, keys: SortKey[]): void {
    const lines = Array.from({ length: area.numRows }, (_, i) =>
      Array.from({ length: area.numCols }, (_, j) => this.cell(area.row + i, area.col + j)),
    );
    const order = lines.map((line, index) => ({ line, index }));
    order.sort((a, b) => {
      for (const key of keys) {
        const va = a.line[key.column - area.col]?.value;
        const vb = b.line[key.column - area.col]?.value;
        if (va === undefined || vb === undefined) {
          if (va !== vb) return va === undefined ? 1 : -1;
          continue;
        }
        const diff = compareCells(va, vb);
        if (diff !== 0) return key.ascending ? diff : -diff;
      }
      return a.index - b.index;
    });
    order.forEach(({ line }, i) => {
      line.forEach((cell, j) => {
        this.rows[area.row + i - 1] ??= [];
        const cells = this.rows[area.row + i - 1] as Cell[];
        if (cell) cells[area.col + j - 1] = cell;
        else delete cells[area.col + j - 1];
      });
    });
  }
}

export class Book {
  /** What a script's leading apostrophe becomes in a plain-text cell: dropped (as typed) or kept as content. */
  plainTextApostrophe: 'drop' | 'keep' = 'drop';
  sheets: SheetModel[] = [];
  active: { sheet: SheetModel; bounds: Bounds } | null = null;
  private nextSheetId = 0;
  /** The id the last inserted chart got: ids are never reused. */
  nextChartId = 0;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
  ) {}

  /** Sheets compares sheet names without regard to case. */
  findSheet(name: string): SheetModel | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === wanted);
  }

  assertNameFree(name: string, except?: SheetModel): void {
    const existing = this.findSheet(name);
    if (existing && existing !== except) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  addSheet(name: string, index = this.sheets.length, id = this.nextSheetId): SheetModel {
    this.assertNameFree(name);
    const sheet = new SheetModel(name, id);
    this.nextSheetId = Math.max(this.nextSheetId, id + 1);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** A name Sheets would give an unnamed new sheet. */
  freshSheetName(): string {
    let n = this.sheets.length + 1;
    while (this.findSheet(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active?.sheet === sheet) this.active = null;
  }

  activeSheet(): SheetModel {
    const sheet = this.active?.sheet ?? this.sheets[0];
    if (!sheet) throw new Error('The spreadsheet has no sheets.');
    return sheet;
  }

  activeBounds(): Bounds {
    return this.active?.bounds ?? { row: 1, col: 1, numRows: 1, numCols: 1 };
  }

  assertAlive(sheet: SheetModel): void {
    if (!this.sheets.includes(sheet)) throw new Error(`The sheet ${sheet.name} has been deleted.`);
  }
}
