/** SpreadsheetApp, Spreadsheet, Sheet and Range: every method call on them is one counted Sheets call. */
import { formatA1, parseA1, type Bounds } from './a1';
import { newChartBuilder, sheetCharts, type EmbeddedChart, type EmbeddedChartBuilder } from './charts';
import { BooleanCriteria, newRuleBuilder, sheetRules, type ConditionalFormatRule, type ConditionalFormatRuleBuilder } from './conditional';
import { expose, type Env } from './env';
import { clearFormat, hasContent, setContent, DEFAULT_COLUMN_WIDTH, type Book, type Cell, type SheetModel, type SortKey } from './model';
import type { Ui } from './services';
import { knownZone } from './time';
import { DataValidation, DataValidationBuilder, DataValidationCriteria } from './validation';
import { AUTOMATIC_FORMAT, PLAIN_TEXT_FORMAT, displayText, enterValue, isDateValue, type Entered } from './values';

export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
export const BorderStyle = {
  DOTTED: 'DOTTED',
  DASHED: 'DASHED',
  SOLID: 'SOLID',
  SOLID_MEDIUM: 'SOLID_MEDIUM',
  SOLID_THICK: 'SOLID_THICK',
  DOUBLE: 'DOUBLE',
} as const;

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

function typeName(value: unknown): string {
  if (Array.isArray(value)) return Array.isArray(value[0]) ? 'number[][]' : `${typeName(value[0])}[]`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  return typeof value === 'object' ? 'Object' : typeof value;
}

/** Apps Script's complaint when arguments don't fit any overload. */
function badSignature(method: string, args: unknown[]): Error {
  return new Error(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`);
}

function requireNumbers(method: string, args: unknown[]): number[] {
  if (!args.every((a) => typeof a === 'number' && Number.isFinite(a))) throw badSignature(method, args);
  return (args as number[]).map(Math.trunc);
}

function checkBounds(sheet: SheetModel, b: Bounds): Bounds {
  if (b.row < 1) throw new Error('The starting row of the range is too small.');
  if (b.col < 1) throw new Error('The starting column of the range is too small.');
  if (b.numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (b.numCols < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (b.row + b.numRows - 1 > sheet.maxRows || b.col + b.numCols - 1 > sheet.maxColumns) throw new Error(OUTSIDE);
  return b;
}

export function normalizeColor(color: string | null): string | undefined {
  if (color === null) return undefined;
  const c = String(color).trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  const named: Record<string, string> = {
    white: '#ffffff',
    black: '#000000',
    red: '#ff0000',
    green: '#008000',
    blue: '#0000ff',
    yellow: '#ffff00',
    gray: '#808080',
    grey: '#808080',
    orange: '#ffa500',
  };
  return named[c] ?? c;
}

// ---------------------------------------------------------------- SpreadsheetApp

export class SpreadsheetAppService {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly BorderStyle = BorderStyle;

  constructor(
    readonly env: Env,
    private readonly book: Book,
    private readonly ui: Ui,
  ) {}

  getActiveSpreadsheet(): Spreadsheet {
    return new Spreadsheet(this.env, this.book);
  }

  getActive(): Spreadsheet {
    return new Spreadsheet(this.env, this.book);
  }

  getActiveSheet(): Sheet {
    return new Sheet(this.env, this.book, this.book.activeSheet());
  }

  getActiveRange(): Range {
    return new Range(this.env, this.book, this.book.activeSheet(), this.book.activeBounds());
  }

  getUi(): Ui {
    return this.ui;
  }

  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this.env);
  }

  /** A builder made in the script: no trip to Sheets (uncounted, see the expose below). */
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return newRuleBuilder(this.env, this.book);
  }

  flush(): void {}
}

// ---------------------------------------------------------------- Spreadsheet

export class Spreadsheet {
  constructor(
    readonly env: Env,
    private readonly book: Book,
  ) {}

  getId(): string {
    return this.book.id;
  }

  getName(): string {
    return this.book.name;
  }

  rename(newName: string): void {
    this.book.name = String(newName);
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    return this.book.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    if (knownZone(String(timezone)) !== String(timezone)) throw new Error(`Invalid argument: ${String(timezone)}`);
    this.book.timeZone = String(timezone);
  }

  getSheets(): Sheet[] {
    return this.book.sheets.map((s) => new Sheet(this.env, this.book, s));
  }

  getNumSheets(): number {
    return this.book.sheets.length;
  }

  getSheetByName(name: string): Sheet | null {
    const sheet = this.book.findSheet(String(name));
    return sheet ? new Sheet(this.env, this.book, sheet) : null;
  }

  /** insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index); the new sheet becomes active. */
  insertSheet(nameOrIndex?: string | number, index?: number): Sheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.book.freshSheetName();
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    if (name.trim() === '') throw badSignature('Spreadsheet.insertSheet', [nameOrIndex, index]);
    if (at !== undefined && (!Number.isInteger(at) || at < 0 || at > this.book.sheets.length)) {
      throw new Error(`The sheet index ${String(at)} is out of range.`);
    }
    const sheet = this.book.addSheet(name, at);
    this.book.active = { sheet, bounds: { row: 1, col: 1, numRows: 1, numCols: 1 } };
    return new Sheet(this.env, this.book, sheet);
  }

  deleteSheet(sheet: Sheet): void {
    if (!(sheet instanceof Sheet)) throw badSignature('Spreadsheet.deleteSheet', [sheet]);
    this.book.assertAlive(sheet.model);
    this.book.removeSheet(sheet.model);
  }

  getActiveSheet(): Sheet {
    return new Sheet(this.env, this.book, this.book.activeSheet());
  }

  setActiveSheet(sheet: Sheet): Sheet {
    if (!(sheet instanceof Sheet)) throw badSignature('Spreadsheet.setActiveSheet', [sheet]);
    this.book.assertAlive(sheet.model);
    this.book.active = { sheet: sheet.model, bounds: { row: 1, col: 1, numRows: 1, numCols: 1 } };
    return sheet;
  }

  getActiveRange(): Range {
    return new Range(this.env, this.book, this.book.activeSheet(), this.book.activeBounds());
  }

  getActiveCell(): Range {
    const { row, col } = this.book.activeBounds();
    return new Range(this.env, this.book, this.book.activeSheet(), { row, col, numRows: 1, numCols: 1 });
  }

  getRange(a1Notation: string): Range {
    if (typeof a1Notation !== 'string') throw badSignature('Spreadsheet.getRange', [a1Notation]);
    const parsed = parseA1(a1Notation);
    const sheet = parsed.sheetName === null ? this.book.activeSheet() : this.book.findSheet(parsed.sheetName);
    if (!sheet) throw new Error('Range not found');
    return new Range(this.env, this.book, sheet, checkBounds(sheet, parsed.resolve(sheet.maxRows, sheet.maxColumns)));
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.env.ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5 });
  }
}

// ---------------------------------------------------------------- Sheet

function rowsOutOfBounds(): Error {
  return new Error('Those rows are out of bounds.');
}

function columnsOutOfBounds(): Error {
  return new Error('Those columns are out of bounds.');
}

function clearCells(sheet: SheetModel, b: Bounds, what: ClearOptions): void {
  for (let r = b.row; r < b.row + b.numRows; r++) {
    for (let c = b.col; c < b.col + b.numCols; c++) {
      const cell = sheet.cell(r, c);
      if (!cell) continue;
      if (what.contentsOnly) setContent(cell, {});
      if (what.formatOnly) clearFormat(cell);
      if (what.validationsOnly) delete cell.validation;
      if (what.commentsOnly) delete cell.note;
    }
  }
}

interface ClearOptions {
  contentsOnly?: boolean;
  formatOnly?: boolean;
  validationsOnly?: boolean;
  commentsOnly?: boolean;
}

/** clear() with no options clears contents and formats; notes and validation rules stay, as in Sheets. */
function clearWhat(options: ClearOptions | undefined): ClearOptions {
  if (!options || !(options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly)) {
    return { contentsOnly: true, formatOnly: true };
  }
  return options;
}

export class Sheet {
  constructor(
    readonly env: Env,
    private readonly book: Book,
    /** The sheet itself (internal: the emulator's own code reads it). */
    readonly model: SheetModel,
  ) {}

  getName(): string {
    return this.model.name;
  }

  setName(name: string): Sheet {
    const n = String(name);
    if (n.trim() === '') throw new Error('Sheet names cannot be empty.');
    this.book.assertNameFree(n, this.model);
    this.model.name = n;
    return this;
  }

  getSheetId(): number {
    return this.model.id;
  }

  getIndex(): number {
    return this.book.sheets.indexOf(this.model) + 1;
  }

  getParent(): Spreadsheet {
    return new Spreadsheet(this.env, this.book);
  }

  /** getRange(a1) | getRange(row, column) | getRange(row, column, numRows) | getRange(row, column, numRows, numColumns) */
  getRange(...args: unknown[]): Range {
    this.book.assertAlive(this.model);
    if (args.length === 1 && typeof args[0] === 'string') {
      const parsed = parseA1(args[0]);
      const sheet = parsed.sheetName === null ? this.model : this.book.findSheet(parsed.sheetName);
      if (!sheet) throw new Error('Range not found');
      return new Range(this.env, this.book, sheet, checkBounds(sheet, parsed.resolve(sheet.maxRows, sheet.maxColumns)));
    }
    if (args.length < 2 || args.length > 4) throw badSignature('Sheet.getRange', args);
    const [row = 0, col = 0, numRows = 1, numCols = 1] = requireNumbers('Sheet.getRange', args);
    return new Range(this.env, this.book, this.model, checkBounds(this.model, { row, col, numRows, numCols }));
  }

  /**
   * The values of a block, as getRange(...).getValues() gives them, in one call. Sheets' `-1`
   * ("to the last row or column with data") is not modelled: it throws rather than guess.
   */
  getSheetValues(...args: unknown[]): unknown[][] {
    if (args.length !== 4) throw badSignature('Sheet.getSheetValues', args);
    const [row = 0, col = 0, numRows = 0, numCols = 0] = requireNumbers('Sheet.getSheetValues', args);
    if (numRows === -1 || numCols === -1) throw new Error('Sheet.getSheetValues with -1 is not modelled by the emulator');
    const range = new Range(this.env, this.book, this.model, checkBounds(this.model, { row, col, numRows, numCols }));
    return readEach(range, (cell) => scriptValue(this.env, cell));
  }

  getDataRange(): Range {
    const numRows = Math.max(1, this.model.lastRow());
    const numCols = Math.max(1, this.model.lastColumn());
    return new Range(this.env, this.book, this.model, { row: 1, col: 1, numRows, numCols });
  }

  getLastRow(): number {
    return this.model.lastRow();
  }

  getLastColumn(): number {
    return this.model.lastColumn();
  }

  getMaxRows(): number {
    return this.model.maxRows;
  }

  getMaxColumns(): number {
    return this.model.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const [after = 0, count = 0] = requireNumbers('Sheet.insertRowsAfter', [afterPosition, howMany]);
    if (after < 1 || after > this.model.maxRows || count < 1) throw rowsOutOfBounds();
    this.model.insertRows(after + 1, count, after);
    return this;
  }

  insertRowAfter(afterPosition: number): Sheet {
    const [after = 0] = requireNumbers('Sheet.insertRowAfter', [afterPosition]);
    if (after < 1 || after > this.model.maxRows) throw rowsOutOfBounds();
    this.model.insertRows(after + 1, 1, after);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    const [before = 0, count = 0] = requireNumbers('Sheet.insertRowsBefore', [beforePosition, howMany]);
    if (before < 1 || before > this.model.maxRows || count < 1) throw rowsOutOfBounds();
    this.model.insertRows(before, count, before);
    return this;
  }

  insertRowBefore(beforePosition: number): Sheet {
    const [before = 0] = requireNumbers('Sheet.insertRowBefore', [beforePosition]);
    if (before < 1 || before > this.model.maxRows) throw rowsOutOfBounds();
    this.model.insertRows(before, 1, before);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const [after = 0, count = 0] = requireNumbers('Sheet.insertColumnsAfter', [afterPosition, howMany]);
    if (after < 1 || after > this.model.maxColumns || count < 1) throw columnsOutOfBounds();
    this.model.insertColumns(after + 1, count, after);
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    const [before = 0, count = 0] = requireNumbers('Sheet.insertColumnsBefore', [beforePosition, howMany]);
    if (before < 1 || before > this.model.maxColumns || count < 1) throw columnsOutOfBounds();
    this.model.insertColumns(before, count, before);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    const [start = 0, count = 0] = requireNumbers('Sheet.deleteRows', [rowPosition, howMany]);
    if (start < 1 || count < 1 || start + count - 1 > this.model.maxRows) throw rowsOutOfBounds();
    if (count >= this.model.maxRows - Math.min(this.model.frozenRows, start - 1)) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.model.deleteRows(start, count);
  }

  deleteRow(rowPosition: number): Sheet {
    const [start = 0] = requireNumbers('Sheet.deleteRow', [rowPosition]);
    if (start < 1 || start > this.model.maxRows) throw rowsOutOfBounds();
    if (this.model.maxRows - this.model.frozenRows <= 1 && start > this.model.frozenRows) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.model.deleteRows(start, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    const [start = 0, count = 0] = requireNumbers('Sheet.deleteColumns', [columnPosition, howMany]);
    if (start < 1 || count < 1 || start + count - 1 > this.model.maxColumns) throw columnsOutOfBounds();
    if (count >= this.model.maxColumns - Math.min(this.model.frozenColumns, start - 1)) {
      throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.model.deleteColumns(start, count);
  }

  /** Writes after the last row with content, growing the sheet when it is full, as Sheets does. */
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) throw badSignature('Sheet.appendRow', [rowContents]);
    const row = this.model.lastRow() + 1;
    if (row > this.model.maxRows) this.model.maxRows = row;
    if (rowContents.length > this.model.maxColumns) this.model.maxColumns = rowContents.length;
    const bounds = { row, col: 1, numRows: 1, numCols: Math.max(1, rowContents.length) };
    if (rowContents.length > 0) writeEach(this.book, this.model, bounds, [rowContents], putValue(this.book));
    this.env.counter.cellsWritten += rowContents.length;
    return this;
  }

  clear(options?: ClearOptions): Sheet {
    clearCells(this.model, { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxColumns }, clearWhat(options));
    return this;
  }

  clearContents(): Sheet {
    clearCells(this.model, { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxColumns }, { contentsOnly: true });
    return this;
  }

  clearFormats(): Sheet {
    clearCells(this.model, { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxColumns }, { formatOnly: true });
    return this;
  }

  setFrozenRows(rows: number): void {
    const [n = -1] = requireNumbers('Sheet.setFrozenRows', [rows]);
    if (n < 0 || n >= this.model.maxRows) throw new Error('Sorry, it is not possible to freeze all rows.');
    this.model.frozenRows = n;
  }

  getFrozenRows(): number {
    return this.model.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    const [n = -1] = requireNumbers('Sheet.setFrozenColumns', [columns]);
    if (n < 0 || n >= this.model.maxColumns) throw new Error('Sorry, it is not possible to freeze all columns.');
    this.model.frozenColumns = n;
  }

  getFrozenColumns(): number {
    return this.model.frozenColumns;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    const [col = 0, w = 0] = requireNumbers('Sheet.setColumnWidth', [columnPosition, width]);
    checkColumns(this.model, col, 1);
    this.model.column(col).width = w;
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    const [start = 0, count = 0, w = 0] = requireNumbers('Sheet.setColumnWidths', [startColumn, numColumns, width]);
    checkColumns(this.model, start, count);
    for (let c = start; c < start + count; c++) this.model.column(c).width = w;
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    const [col = 0] = requireNumbers('Sheet.getColumnWidth', [columnPosition]);
    checkColumns(this.model, col, 1);
    return this.model.columns[col - 1]?.width ?? DEFAULT_COLUMN_WIDTH;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    const [start = 0, count = 0] = requireNumbers('Sheet.hideColumns', [columnIndex, numColumns]);
    checkColumns(this.model, start, count);
    for (let c = start; c < start + count; c++) this.model.column(c).hidden = true;
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    const [start = 0, count = 0] = requireNumbers('Sheet.showColumns', [columnIndex, numColumns]);
    checkColumns(this.model, start, count);
    for (let c = start; c < start + count; c++) delete this.model.column(c).hidden;
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    const [col = 0] = requireNumbers('Sheet.isColumnHiddenByUser', [columnPosition]);
    checkColumns(this.model, col, 1);
    return this.model.columns[col - 1]?.hidden === true;
  }

  setTabColor(color: string | null): Sheet {
    this.model.tabColor = normalizeColor(color) ?? null;
    return this;
  }

  getTabColor(): string | null {
    return this.model.tabColor;
  }

  activate(): Sheet {
    this.book.assertAlive(this.model);
    this.book.active = { sheet: this.model, bounds: { row: 1, col: 1, numRows: 1, numCols: 1 } };
    return this;
  }

  /** The ranges of a non-empty list of A1 notations of this sheet, to write all at once. */
  getRangeList(a1Notations: string[]): RangeList {
    this.book.assertAlive(this.model);
    if (!Array.isArray(a1Notations) || a1Notations.length === 0 || a1Notations.some((a) => typeof a !== 'string')) {
      throw badSignature('Sheet.getRangeList', [a1Notations]);
    }
    return new RangeList(
      this.env,
      a1Notations.map((a1) => {
        const parsed = parseA1(a1);
        return new Range(
          this.env,
          this.book,
          this.model,
          checkBounds(this.model, parsed.resolve(this.model.maxRows, this.model.maxColumns)),
        );
      }),
    );
  }

  newChart(): EmbeddedChartBuilder {
    this.book.assertAlive(this.model);
    return newChartBuilder(this.env, this.book);
  }

  insertChart(chart: EmbeddedChart): void {
    this.book.assertAlive(this.model);
    sheetCharts.insert(this.book, this.model, chart);
  }

  updateChart(chart: EmbeddedChart): void {
    this.book.assertAlive(this.model);
    sheetCharts.update(this.model, chart);
  }

  removeChart(chart: EmbeddedChart): void {
    this.book.assertAlive(this.model);
    sheetCharts.remove(this.model, chart);
  }

  getCharts(): EmbeddedChart[] {
    this.book.assertAlive(this.model);
    return sheetCharts.list(this.env, this.book, this.model);
  }

  /** A snapshot: later changes to the sheet's rules (or rows) do not reach the rules returned. Reads no cell. */
  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.book.assertAlive(this.model);
    return sheetRules.list(this.env, this.book, this.model);
  }

  /**
   * Replaces all the sheet's rules, in order. Each rule is one object sent to Sheets, not a cell for
   * every cell of its ranges: the counter takes one cell written per rule.
   */
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.book.assertAlive(this.model);
    sheetRules.set(this.model, rules);
    this.env.counter.cellsWritten += rules.length;
  }

  clearConditionalFormatRules(): void {
    this.book.assertAlive(this.model);
    sheetRules.set(this.model, []);
  }

  /** Finds in every cell of the sheet. */
  createTextFinder(findText: string): TextFinder {
    this.book.assertAlive(this.model);
    return new TextFinder(this.env, this.book, this.model, null, findText);
  }

  /** Sorts every row below the frozen rows by one column. */
  sort(columnPosition: number, ascending = true): Sheet {
    const [column = 0] = requireNumbers('Sheet.sort', [columnPosition]);
    checkColumns(this.model, column, 1);
    const first = this.model.frozenRows + 1;
    const last = this.model.lastRow();
    if (last >= first) {
      const area = { row: first, col: 1, numRows: last - first + 1, numCols: this.model.maxColumns };
      this.model.sort(area, [{ column, ascending: Boolean(ascending) }]);
    }
    return this;
  }
}

function checkColumns(sheet: SheetModel, start: number, count: number): void {
  if (start < 1 || count < 1 || start + count - 1 > sheet.maxColumns) throw columnsOutOfBounds();
}

// ---------------------------------------------------------------- Range helpers

function displayOf(book: Book, cell: Cell | undefined): string {
  return displayText(cell?.value, cell?.numberFormat ?? AUTOMATIC_FORMAT, book.timeZone);
}

/** What getValue(s) hands the script: '' for blanks (and formulas), dates of the script's realm. */
function scriptValue(env: Env, cell: Cell | undefined): unknown {
  const value = cell?.value;
  if (value === undefined) return '';
  return isDateValue(value) ? env.date(value.date) : value;
}

function readEach<T>(range: Range, read: (cell: Cell | undefined) => T): T[][] {
  const { model: sheet, bounds: b } = range;
  range.book.assertAlive(sheet);
  checkBounds(sheet, b);
  range.env.counter.cellsRead += b.numRows * b.numCols;
  return Array.from({ length: b.numRows }, (_, i) => Array.from({ length: b.numCols }, (_, j) => read(sheet.cell(b.row + i, b.col + j))));
}

function readFirst<T>(range: Range, read: (cell: Cell | undefined) => T): T {
  range.book.assertAlive(range.model);
  checkBounds(range.model, range.bounds);
  range.env.counter.cellsRead += 1;
  return read(range.model.cell(range.bounds.row, range.bounds.col));
}

function checkGrid(method: string, data: unknown, b: Bounds): unknown[][] {
  if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) throw badSignature(`Range.${method}`, [data]);
  const grid = data as unknown[][];
  if (grid.length !== b.numRows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${b.numRows}.`,
    );
  }
  for (const row of grid) {
    if (row.length !== b.numCols) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${b.numCols}.`,
      );
    }
  }
  return grid;
}

type Writer = (value: unknown, cell: Cell) => () => void;

/** Each writer validates its value first and returns the change, so a bad value aborts the whole write untouched. */
function writeEach(book: Book, sheet: SheetModel, b: Bounds, grid: unknown[][], writer: Writer): void {
  book.assertAlive(sheet);
  checkBounds(sheet, b);
  const changes = grid.flatMap((row, i) => row.map((value, j) => writer(value, sheet.writableCell(b.row + i, b.col + j))));
  for (const change of changes) change();
}

function writeGrid(range: Range, method: string, data: unknown, writer: Writer): Range {
  const grid = checkGrid(method, data, range.bounds);
  writeEach(range.book, range.model, range.bounds, grid, writer);
  range.env.counter.cellsWritten += range.bounds.numRows * range.bounds.numCols;
  return range;
}

function writeAll(range: Range, value: unknown, writer: Writer): Range {
  const { numRows, numCols } = range.bounds;
  const grid = Array.from({ length: numRows }, () => new Array<unknown>(numCols).fill(value));
  writeEach(range.book, range.model, range.bounds, grid, writer);
  range.env.counter.cellsWritten += numRows * numCols;
  return range;
}

function applyEntered(cell: Cell, entered: Entered): void {
  setContent(cell, entered.content);
  if (entered.autoFormat && cell.numberFormat === undefined) cell.numberFormat = entered.autoFormat;
}

/**
 * setValue(s): what a user typing the value would get; a script's write into a plain-text cell
 * keeps or drops a leading apostrophe as the book's option says (a user's typing always drops it).
 */
export function putValue(book: Book, byScript = true): Writer {
  return (value, cell) => {
    const entered = enterValue(
      value,
      book.timeZone,
      cell.numberFormat === PLAIN_TEXT_FORMAT,
      byScript && book.plainTextApostrophe === 'keep',
    );
    return () => applyEntered(cell, entered);
  };
}

function putFormula(book: Book): Writer {
  return (value, cell) => {
    const text = value === null || value === undefined ? '' : String(value);
    const entered = text.startsWith('=')
      ? { content: { formula: text } }
      : enterValue(text, book.timeZone, cell.numberFormat === PLAIN_TEXT_FORMAT, book.plainTextApostrophe === 'keep');
    return () => applyEntered(cell, entered);
  };
}

function putFormat<K extends 'background' | 'fontColor' | 'numberFormat' | 'horizontalAlignment' | 'verticalAlignment' | 'wrapStrategy'>(
  key: K,
  normalize: (value: unknown) => string | undefined,
): Writer {
  return (value, cell) => {
    const normalized = normalize(value);
    return () => {
      if (normalized === undefined) delete cell[key];
      else cell[key] = normalized;
    };
  };
}

const putBackground = putFormat('background', (v) => normalizeColor(v === null || v === undefined ? null : String(v)));
const putFontColor = putFormat('fontColor', (v) => normalizeColor(v === null || v === undefined ? null : String(v)));
const putNumberFormat = putFormat('numberFormat', (v) => (v === null || v === undefined || v === AUTOMATIC_FORMAT ? undefined : String(v)));

function alignment(allowed: readonly string[], defaultValue: string): (value: unknown) => string | undefined {
  return (value) => {
    if (value === null || value === undefined) return undefined;
    const v = String(value).toLowerCase();
    if (!allowed.includes(v)) throw new Error(`Invalid argument: ${String(value)}`);
    return v === defaultValue ? undefined : v;
  };
}
const putHorizontal = putFormat('horizontalAlignment', alignment(['left', 'center', 'right', 'normal', 'general'], 'general'));
const putVertical = putFormat('verticalAlignment', alignment(['top', 'middle', 'bottom'], 'bottom'));
const putWrapStrategy = putFormat('wrapStrategy', (v) => {
  if (v === null || v === undefined || v === WrapStrategy.OVERFLOW) return undefined;
  if (v !== WrapStrategy.WRAP && v !== WrapStrategy.CLIP) throw new Error(`Invalid argument: ${String(v)}`);
  return v;
});

const putFontWeight: Writer = (value, cell) => {
  if (value !== null && value !== 'bold' && value !== 'normal') throw new Error(`Invalid argument: ${String(value)}`);
  return () => {
    if (value === 'bold') cell.fontWeight = 'bold';
    else delete cell.fontWeight;
  };
};

const putNote: Writer = (value, cell) => () => {
  const note = value === null || value === undefined ? '' : String(value);
  if (note === '') delete cell.note;
  else cell.note = note;
};

const putValidation: Writer = (value, cell) => {
  if (value !== null && value !== undefined && !(value instanceof DataValidation)) throw badSignature('Range.setDataValidation', [value]);
  return () => {
    if (value instanceof DataValidation) cell.validation = value;
    else delete cell.validation;
  };
};

function sortKeys(range: Range, spec: unknown): SortKey[] {
  const specs = Array.isArray(spec) ? spec : [spec];
  return specs.map((s: unknown) => {
    const key = typeof s === 'number' ? { column: s, ascending: true } : (s as { column?: unknown; ascending?: unknown } | null);
    const column = key?.column;
    const b = range.bounds;
    if (typeof column !== 'number' || column < b.col || column >= b.col + b.numCols) {
      throw new Error('The sort column must be within the range.');
    }
    return { column, ascending: key?.ascending !== false };
  });
}

// ---------------------------------------------------------------- TextFinder

const DIACRITICS = /\p{M}/gu;

interface FinderState {
  env: Env;
  book: Book;
  model: SheetModel;
  /** null: the whole sheet. */
  bounds: Bounds | null;
  text: string;
  caseSensitive: boolean;
  entireCell: boolean;
  regex: boolean;
  formulaText: boolean;
  plainDiacritics: boolean;
  from: { row: number; col: number } | null;
}

/** The cells with content (only they can match a non-empty text) that pass `keep`, in search order: row by row, left to right. */
function finderCells(f: FinderState, keep: (row: number, col: number) => boolean = () => true): { row: number; col: number }[] {
  f.book.assertAlive(f.model);
  const b = checkBounds(f.model, f.bounds ?? { row: 1, col: 1, numRows: f.model.maxRows, numCols: f.model.maxColumns });
  const cells: { row: number; col: number }[] = [];
  for (let r = b.row; r < b.row + b.numRows && r <= f.model.rows.length; r++) {
    if (!f.model.rows[r - 1]) continue;
    for (let c = b.col; c < b.col + b.numCols; c++) if (hasContent(f.model.cell(r, c)) && keep(r, c)) cells.push({ row: r, col: c });
  }
  return cells;
}

/** The test a finder applies to a cell, built once per search. */
function finderTest(f: FinderState): (row: number, col: number) => boolean {
  const plain = (t: string): string => (f.plainDiacritics ? t.normalize('NFD').replace(DIACRITICS, '') : t);
  const fold = (t: string): string => (f.caseSensitive ? plain(t) : plain(t).toLowerCase());
  const re = f.regex ? new RegExp(f.entireCell ? `^(?:${plain(f.text)})$` : plain(f.text), f.caseSensitive ? 'u' : 'iu') : null;
  const needle = fold(f.text);
  // Formatting a date for display is slow; a column of dates repeats a few formats and days.
  const dates = new Map<string, string>();
  const display = (cell: Cell | undefined): string => {
    const value = cell?.value;
    if (value === undefined || !isDateValue(value)) return displayOf(f.book, cell);
    const key = `${value.date}|${cell?.numberFormat}`;
    const known = dates.get(key);
    if (known !== undefined) return known;
    const text = displayOf(f.book, cell);
    dates.set(key, text);
    return text;
  };
  return (row, col) => {
    const cell = f.model.cell(row, col);
    const shown = f.formulaText && cell?.formula !== undefined ? cell.formula : display(cell);
    if (re) return re.test(plain(shown));
    return f.entireCell ? fold(shown) === needle : fold(shown).includes(needle);
  };
}

function finderRange(f: FinderState, row: number, col: number): Range {
  return new Range(f.env, f.book, f.model, { row, col, numRows: 1, numCols: 1 });
}

function finderStep(f: FinderState, direction: 1 | -1): Range | null {
  const cells = finderCells(f);
  const from = f.from;
  const at = from ? cells.findIndex((c) => c.row === from.row && c.col === from.col) : -1;
  const matches = finderTest(f);
  for (let k = 1; k <= cells.length; k++) {
    const c = cells[(((at + direction * k) % cells.length) + cells.length) % cells.length] as { row: number; col: number };
    if (matches(c.row, c.col)) {
      f.from = c;
      f.env.counter.cellsRead += 1;
      return finderRange(f, c.row, c.col);
    }
  }
  return null;
}

/**
 * Range.createTextFinder / Sheet.createTextFinder: the search runs in the spreadsheet and hands
 * back only the matching cells, row by row, left to right. It searches what a cell shows (or its
 * formula, with matchFormulaText), ignoring case unless matchCase; a regular expression matches
 * anywhere in the text unless matchEntireCell. Every cell it hands back counts as read.
 */
export class TextFinder {
  private readonly state: FinderState;

  constructor(
    readonly env: Env,
    book: Book,
    model: SheetModel,
    bounds: Bounds | null,
    text: string,
  ) {
    if (typeof text !== 'string' || text === '') throw new Error('The text to find cannot be empty.');
    this.state = {
      env,
      book,
      model,
      bounds,
      text,
      caseSensitive: false,
      entireCell: false,
      regex: false,
      formulaText: false,
      plainDiacritics: false,
      from: null,
    };
  }

  matchCase(matchCase: boolean): TextFinder {
    this.state.caseSensitive = Boolean(matchCase);
    return this;
  }

  matchEntireCell(entireCell: boolean): TextFinder {
    this.state.entireCell = Boolean(entireCell);
    return this;
  }

  useRegularExpression(useRegEx: boolean): TextFinder {
    this.state.regex = Boolean(useRegEx);
    return this;
  }

  matchFormulaText(matchFormulaText: boolean): TextFinder {
    this.state.formulaText = Boolean(matchFormulaText);
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): TextFinder {
    this.state.plainDiacritics = Boolean(ignoreDiacritics);
    return this;
  }

  startFrom(startRange: Range): TextFinder {
    this.state.from = { row: startRange.bounds.row, col: startRange.bounds.col };
    return this;
  }

  findAll(): Range[] {
    const f = this.state;
    const matches = finderTest(f);
    const found = finderCells(f, matches);
    f.env.counter.cellsRead += found.length;
    return found.map((c) => finderRange(f, c.row, c.col));
  }

  findNext(): Range | null {
    return finderStep(this.state, 1);
  }

  findPrevious(): Range | null {
    return finderStep(this.state, -1);
  }
}

// ---------------------------------------------------------------- Range

export class Range {
  constructor(
    readonly env: Env,
    /** Internal: the emulator's own code reads these. */
    readonly book: Book,
    readonly model: SheetModel,
    readonly bounds: Bounds,
    /** An edit event's range over several areas: its A1 notation lists them ('A2:B3,D5'). */
    readonly areas: readonly Bounds[] = [],
  ) {}

  getRow(): number {
    return this.bounds.row;
  }

  getColumn(): number {
    return this.bounds.col;
  }

  getLastRow(): number {
    return this.bounds.row + this.bounds.numRows - 1;
  }

  getLastColumn(): number {
    return this.bounds.col + this.bounds.numCols - 1;
  }

  getNumRows(): number {
    return this.bounds.numRows;
  }

  getNumColumns(): number {
    return this.bounds.numCols;
  }

  getA1Notation(): string {
    return this.areas.length > 1 ? this.areas.map(formatA1).join(',') : formatA1(this.bounds);
  }

  getSheet(): Sheet {
    return new Sheet(this.env, this.book, this.model);
  }

  getCell(row: number, column: number): Range {
    const [r = 0, c = 0] = requireNumbers('Range.getCell', [row, column]);
    if (r < 1 || c < 1 || r > this.bounds.numRows || c > this.bounds.numCols) throw new Error('Cell reference out of range');
    return new Range(this.env, this.book, this.model, {
      row: this.bounds.row + r - 1,
      col: this.bounds.col + c - 1,
      numRows: 1,
      numCols: 1,
    });
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    const args = [rowOffset, columnOffset, numRows ?? this.bounds.numRows, numColumns ?? this.bounds.numCols];
    const [dr = 0, dc = 0, nr = 0, nc = 0] = requireNumbers('Range.offset', args);
    const bounds = { row: this.bounds.row + dr, col: this.bounds.col + dc, numRows: nr, numCols: nc };
    return new Range(this.env, this.book, this.model, checkBounds(this.model, bounds));
  }

  getValue(): unknown {
    return readFirst(this, (cell) => scriptValue(this.env, cell));
  }

  getValues(): unknown[][] {
    return readEach(this, (cell) => scriptValue(this.env, cell));
  }

  setValue(value: unknown): Range {
    return writeAll(this, value, putValue(this.book));
  }

  setValues(values: unknown[][]): Range {
    return writeGrid(this, 'setValues', values, putValue(this.book));
  }

  getDisplayValue(): string {
    return readFirst(this, (cell) => displayOf(this.book, cell));
  }

  getDisplayValues(): string[][] {
    return readEach(this, (cell) => displayOf(this.book, cell));
  }

  getFormula(): string {
    return readFirst(this, (cell) => cell?.formula ?? '');
  }

  getFormulas(): string[][] {
    return readEach(this, (cell) => cell?.formula ?? '');
  }

  setFormula(formula: string): Range {
    return writeAll(this, formula, putFormula(this.book));
  }

  setFormulas(formulas: string[][]): Range {
    return writeGrid(this, 'setFormulas', formulas, putFormula(this.book));
  }

  getBackground(): string {
    return readFirst(this, (cell) => cell?.background ?? '#ffffff');
  }

  getBackgrounds(): string[][] {
    return readEach(this, (cell) => cell?.background ?? '#ffffff');
  }

  setBackground(color: string | null): Range {
    return writeAll(this, color, putBackground);
  }

  setBackgrounds(colors: (string | null)[][]): Range {
    return writeGrid(this, 'setBackgrounds', colors, putBackground);
  }

  getNote(): string {
    return readFirst(this, (cell) => cell?.note ?? '');
  }

  getNotes(): string[][] {
    return readEach(this, (cell) => cell?.note ?? '');
  }

  setNote(note: string | null): Range {
    return writeAll(this, note, putNote);
  }

  setNotes(notes: (string | null)[][]): Range {
    return writeGrid(this, 'setNotes', notes, putNote);
  }

  clearNote(): Range {
    return writeAll(this, null, putNote);
  }

  getFontWeight(): string {
    return readFirst(this, (cell) => cell?.fontWeight ?? 'normal');
  }

  getFontWeights(): string[][] {
    return readEach(this, (cell) => cell?.fontWeight ?? 'normal');
  }

  setFontWeight(fontWeight: string | null): Range {
    return writeAll(this, fontWeight, putFontWeight);
  }

  setFontWeights(fontWeights: (string | null)[][]): Range {
    return writeGrid(this, 'setFontWeights', fontWeights, putFontWeight);
  }

  getFontColor(): string {
    return readFirst(this, (cell) => cell?.fontColor ?? '#000000');
  }

  getFontColors(): string[][] {
    return readEach(this, (cell) => cell?.fontColor ?? '#000000');
  }

  setFontColor(color: string | null): Range {
    return writeAll(this, color, putFontColor);
  }

  setFontColors(colors: (string | null)[][]): Range {
    return writeGrid(this, 'setFontColors', colors, putFontColor);
  }

  getFontSize(): number {
    return readFirst(this, (cell) => cell?.fontSize ?? 10);
  }

  setFontSize(size: number): Range {
    const [n = 0] = requireNumbers('Range.setFontSize', [size]);
    return writeAll(this, n, (_, cell) => () => {
      if (n === 10) delete cell.fontSize;
      else cell.fontSize = n;
    });
  }

  getNumberFormat(): string {
    return readFirst(this, (cell) => cell?.numberFormat ?? AUTOMATIC_FORMAT);
  }

  getNumberFormats(): string[][] {
    return readEach(this, (cell) => cell?.numberFormat ?? AUTOMATIC_FORMAT);
  }

  setNumberFormat(numberFormat: string): Range {
    return writeAll(this, numberFormat, putNumberFormat);
  }

  setNumberFormats(numberFormats: string[][]): Range {
    return writeGrid(this, 'setNumberFormats', numberFormats, putNumberFormat);
  }

  getHorizontalAlignment(): string {
    return readFirst(this, (cell) => cell?.horizontalAlignment ?? 'general');
  }

  setHorizontalAlignment(alignment: string | null): Range {
    return writeAll(this, alignment, putHorizontal);
  }

  getVerticalAlignment(): string {
    return readFirst(this, (cell) => cell?.verticalAlignment ?? 'bottom');
  }

  setVerticalAlignment(alignment: string | null): Range {
    return writeAll(this, alignment, putVertical);
  }

  getWrap(): boolean {
    return readFirst(this, (cell) => cell?.wrapStrategy === WrapStrategy.WRAP);
  }

  setWrap(isWrapEnabled: boolean): Range {
    return writeAll(this, isWrapEnabled ? WrapStrategy.WRAP : WrapStrategy.OVERFLOW, putWrapStrategy);
  }

  getWrapStrategy(): string {
    return readFirst(this, (cell) => cell?.wrapStrategy ?? WrapStrategy.OVERFLOW);
  }

  setWrapStrategy(strategy: string): Range {
    return writeAll(this, strategy, putWrapStrategy);
  }

  getDataValidation(): DataValidation | null {
    return readFirst(this, (cell) => cell?.validation ?? null);
  }

  getDataValidations(): (DataValidation | null)[][] {
    return readEach(this, (cell) => cell?.validation ?? null);
  }

  setDataValidation(rule: DataValidation | null): Range {
    return writeAll(this, rule, putValidation);
  }

  setDataValidations(rules: (DataValidation | null)[][]): Range {
    return writeGrid(this, 'setDataValidations', rules, putValidation);
  }

  clearDataValidations(): Range {
    clearCells(this.model, checkBounds(this.model, this.bounds), { validationsOnly: true });
    return this;
  }

  clear(options?: ClearOptions): Range {
    clearCells(this.model, checkBounds(this.model, this.bounds), clearWhat(options));
    return this;
  }

  clearContent(): Range {
    clearCells(this.model, checkBounds(this.model, this.bounds), { contentsOnly: true });
    return this;
  }

  clearFormat(): Range {
    clearCells(this.model, checkBounds(this.model, this.bounds), { formatOnly: true });
    return this;
  }

  isBlank(): boolean {
    return readEach(this, hasContent).every((row) => row.every((filled) => !filled));
  }

  activate(): Range {
    this.book.assertAlive(this.model);
    this.book.active = { sheet: this.model, bounds: this.bounds };
    return this;
  }

  createTextFinder(findText: string): TextFinder {
    checkBounds(this.model, this.bounds);
    return new TextFinder(this.env, this.book, this.model, this.bounds, findText);
  }

  /** sort(column) | sort({column, ascending}) | sort([...]); columns are sheet column numbers. */
  sort(sortSpecObj: unknown): Range {
    this.book.assertAlive(this.model);
    this.model.sort(checkBounds(this.model, this.bounds), sortKeys(this, sortSpecObj));
    return this;
  }
}

// ---------------------------------------------------------------- RangeList

/** Ranges of one sheet written by one call each: the writes below are one counted call for every range. */
export class RangeList {
  constructor(
    readonly env: Env,
    private readonly ranges: Range[],
  ) {}

  getRanges(): Range[] {
    return [...this.ranges];
  }

  setValue(value: unknown): RangeList {
    for (const r of this.ranges) writeAll(r, value, putValue(r.book));
    return this;
  }

  setBackground(color: string | null): RangeList {
    for (const r of this.ranges) writeAll(r, color, putBackground);
    return this;
  }

  setNumberFormat(format: string): RangeList {
    for (const r of this.ranges) writeAll(r, format, putNumberFormat);
    return this;
  }

  setNote(note: string | null): RangeList {
    for (const r of this.ranges) writeAll(r, note, putNote);
    return this;
  }

  clearContent(): RangeList {
    for (const r of this.ranges) clearCells(r.model, checkBounds(r.model, r.bounds), { contentsOnly: true });
    return this;
  }
}

expose(SpreadsheetAppService, 'SpreadsheetApp', true, ['newConditionalFormatRule']);
expose(RangeList, 'RangeList', true);
expose(Spreadsheet, 'Spreadsheet', true);
expose(Sheet, 'Sheet', true);
// A Range knows its own place: asking where it is answers from the object, with no trip to the
// spreadsheet (what TextFinder.findAll hands back is only useful because of this).
const RANGE_PLACE = ['getRow', 'getColumn', 'getLastRow', 'getLastColumn', 'getNumRows', 'getNumColumns', 'getA1Notation', 'getSheet'];
expose(Range, 'Range', true, RANGE_PLACE);
expose(TextFinder, 'TextFinder', true);
