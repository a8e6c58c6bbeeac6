/**
 * An in-memory stand-in for the Apps Script services the add-on uses, faithful where bugs hide:
 * value parsing, realms, dimensions, quotas, call counts. See createEmulator.
 */
import { parseA1 } from './a1';
import { Env, type Counter, type UiRecord } from './env';
import { ruleBackground } from './conditional';
import {
  bookFromJson,
  bookToJson,
  ruleToJson,
  validationToJson,
  type ChartJson,
  type ConditionalRuleJson,
  type ValidationJson,
  type WorkbookJson,
} from './json';
import { Book, DEFAULT_COLUMN_WIDTH, type Cell } from './model';
import {
  AuthMode,
  Console,
  HtmlService,
  LockService,
  Logger,
  PropertiesService,
  ScriptApp,
  Session,
  Ui,
  User,
  Utilities,
  newPropertyStore,
  type LockState,
  type PropertyStore,
} from './services';
import { Range, Spreadsheet, SpreadsheetAppService, putValue } from './spreadsheet';
import { AUTOMATIC_FORMAT, displayText } from './values';

export type { WorkbookJson, SheetJson, CellJson, ChartJson, ConditionalRuleJson, ValidationJson, JsonCellValue } from './json';
export type { Counter, UiRecord } from './env';
export { formatJavaDate } from './time';

export interface EmulatorOptions {
  /** Default 'America/Los_Angeles'. */
  spreadsheetTimeZone?: string;
  /** Default 'Etc/UTC', deliberately not the spreadsheet's. */
  scriptTimeZone?: string;
  /** Default 'admin@county.ca.gov'; '' models Apps Script withholding the address. */
  activeUserEmail?: string;
  /** For HtmlService.createHtmlOutputFromFile(name), keyed with or without '.html'. */
  htmlFiles?: Record<string, string>;
  /** Default 'Untitled spreadsheet'. */
  spreadsheetName?: string;
  /** The name createAddonMenu() menus get (the add-on's name). Default 'Add-on'. */
  addonName?: string;
  /**
   * Whether a leading apostrophe that a script writes (setValue(s)) into a plain-text (`@`) cell is
   * dropped, as when a user types it, or kept as part of the text. Sheets does not document which;
   * an add-on should be right under both. Default 'drop'.
   */
  plainTextApostrophe?: 'drop' | 'keep';
}

export interface CellInspection {
  /** As getValue returns it, except that dates are of this (the test's) realm. */
  value: unknown;
  displayValue: string;
  formula: string;
  /** The cell's own fill, as getBackground(s) returns it: conditional formatting is not in it, as in Sheets. */
  background: string;
  /**
   * The fill the cell shows: the background of the first conditional format rule (in the sheet's
   * order) that covers the cell and holds, when it sets one; else the cell's own. Throws for a
   * rule the emulator cannot evaluate (see conditional.ts) rather than show a wrong colour.
   */
  shownBackground: string;
  note: string;
  fontWeight: string;
  fontColor: string;
  numberFormat: string;
  validation: ValidationJson | null;
}

export interface SheetInspector {
  readonly name: string;
  /** Values of A1 to the last row and column with content, as getValues returns them. */
  values(): unknown[][];
  cell(a1: string): CellInspection;
  /** Enters values from the top-left cell of a1 as a user typing them would, growing the sheet like a paste does. */
  setValues(a1: string, values: unknown[][]): void;
  columnWidth(column: number): number;
  /** The sheet's embedded charts, as saved in the workbook JSON. */
  charts(): ChartJson[];
  /** The sheet's conditional format rules, in order, as saved in the workbook JSON. */
  conditionalRules(): ConditionalRuleJson[];
  isColumnHidden(column: number): boolean;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly lastRow: number;
  readonly lastColumn: number;
}

export interface EditEvent {
  source: Spreadsheet;
  range: Range;
  value?: string;
  oldValue?: string;
  authMode: string;
  user: User;
}

export interface Emulator {
  /** SpreadsheetApp, PropertiesService, LockService, Session, Utilities, HtmlService, ScriptApp, Logger, console: nothing else. */
  globals: Record<string, unknown>;
  /** Dates (and errors) handed to the script are made with the constructors of its realm from now on. */
  useRealm(realm: { Date: DateConstructor; Error?: ErrorConstructor }): void;
  counter: Counter;
  /** The n-th counted Sheets call from now throws once. */
  failOnCall(n: number, message?: string): void;
  /** Another execution holds the document lock: tryLock returns false and waitLock throws. */
  setLockHeldElsewhere(held: boolean): void;
  sheet(name: string): SheetInspector | null;
  /** Adds a sheet (1000 x 26) and enters rows from A1 as a user would. */
  addSheet(name: string, rows?: unknown[][]): void;
  /**
   * The event object of a simple onEdit trigger. With opts.value on a single cell, the value is first
   * entered as a user typing it; value/oldValue are the strings Apps Script sends, absent for multi-cell ranges.
   * A comma-separated a1 ('A2:B3,D5') is one edit of several areas: the range's A1 notation lists
   * them, and its rows and columns are those of the box around them.
   */
  editEvent(sheetName: string, a1: string, opts?: { value?: unknown; oldValue?: unknown }): EditEvent;
  ui: UiRecord;
  logs: { level: string; args: unknown[] }[];
  /** Live: edits here are what the script sees. */
  properties: { document: Record<string, string>; user: Record<string, string>; script: Record<string, string> };
  toJSON(): WorkbookJson;
}

const DEFAULT_EMAIL = 'admin@county.ca.gov';
const SPREADSHEET_ID = '1EmulatedSpreadsheet0000000000000000000000';

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const env = new Env();
  const book = new Book(
    SPREADSHEET_ID,
    options.spreadsheetName ?? 'Untitled spreadsheet',
    options.spreadsheetTimeZone ?? 'America/Los_Angeles',
  );
  book.addSheet('Sheet1');
  const stores = { document: newPropertyStore(), user: newPropertyStore(), script: newPropertyStore() };
  return assemble(env, book, stores, options);
}

/** Restores a workbook saved with toJSON; its name and time zone win over the options. */
export function emulatorFromJSON(json: WorkbookJson, options: EmulatorOptions = {}): Emulator {
  const env = new Env();
  const book = bookFromJson(env, json);
  const stores = {
    document: newPropertyStore(json.properties.document),
    user: newPropertyStore(json.properties.user),
    script: newPropertyStore(json.properties.script),
  };
  return assemble(env, book, stores, options);
}

function eventText(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
}

function assemble(
  env: Env,
  book: Book,
  stores: { document: PropertyStore; user: PropertyStore; script: PropertyStore },
  options: EmulatorOptions,
): Emulator {
  const activeEmail = options.activeUserEmail ?? DEFAULT_EMAIL;
  const lockState: LockState = { documentHeldElsewhere: false };
  const ui = new Ui(env, options.addonName ?? 'Add-on');

  const globals: Record<string, unknown> = {
    SpreadsheetApp: new SpreadsheetAppService(env, book, ui),
    PropertiesService: new PropertiesService(env, stores),
    LockService: new LockService(env, lockState),
    Session: new Session(env, activeEmail, activeEmail || DEFAULT_EMAIL, options.scriptTimeZone ?? 'Etc/UTC'),
    Utilities: new Utilities(env),
    HtmlService: new HtmlService(env, options.htmlFiles ?? {}),
    ScriptApp,
    Logger: new Logger(env),
    console: new Console(env),
  };

  book.plainTextApostrophe = options.plainTextApostrophe ?? 'drop';
  const enter = putValue(book, false);

  /** All but shownBackground, which costs evaluating the sheet's rules and is only worked out for cell(a1). */
  function inspect(cell: Cell | undefined): Omit<CellInspection, 'shownBackground'> {
    const value = cell?.value;
    return {
      value: value === undefined ? '' : typeof value === 'object' ? new Date(value.date) : value,
      displayValue: displayText(value, cell?.numberFormat ?? AUTOMATIC_FORMAT, book.timeZone),
      formula: cell?.formula ?? '',
      background: cell?.background ?? '#ffffff',
      note: cell?.note ?? '',
      fontWeight: cell?.fontWeight ?? 'normal',
      fontColor: cell?.fontColor ?? '#000000',
      numberFormat: cell?.numberFormat ?? AUTOMATIC_FORMAT,
      validation: cell?.validation ? validationToJson(cell.validation) : null,
    };
  }

  function sheetNamed(name: string) {
    const sheet = book.findSheet(name);
    if (!sheet) throw new Error(`No sheet named ${name}.`);
    return sheet;
  }

  function enterRows(sheetName: string, a1: string, rows: unknown[][]): void {
    const sheet = sheetNamed(sheetName);
    const { row, col } = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
    rows.forEach((values, i) => {
      sheet.maxRows = Math.max(sheet.maxRows, row + i);
      sheet.maxColumns = Math.max(sheet.maxColumns, col + values.length - 1);
      values.forEach((value, j) => {
        enter(value, sheet.writableCell(row + i, col + j))();
      });
    });
  }

  return {
    globals,
    useRealm(realm) {
      if (typeof realm.Date !== 'function') throw new TypeError('useRealm needs the Date constructor of the script realm.');
      env.realmDate = realm.Date;
      env.realmError = realm.Error ?? env.realmError;
    },
    counter: env.counter,
    failOnCall: (n, message) => env.failOnCall(n, message),
    setLockHeldElsewhere(held) {
      lockState.documentHeldElsewhere = held;
    },
    sheet(name) {
      const sheet = book.findSheet(name);
      if (!sheet) return null;
      return {
        get name() {
          return sheet.name;
        },
        values() {
          return Array.from({ length: sheet.lastRow() }, (_, r) =>
            Array.from({ length: sheet.lastColumn() }, (_, c) => inspect(sheet.cell(r + 1, c + 1)).value),
          );
        },
        cell(a1) {
          const { row, col } = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
          const own = inspect(sheet.cell(row, col));
          return { ...own, shownBackground: ruleBackground(sheet, row, col, book.timeZone) ?? own.background };
        },
        setValues(a1, values) {
          enterRows(sheet.name, a1, values);
        },
        columnWidth: (column) => sheet.columns[column - 1]?.width ?? DEFAULT_COLUMN_WIDTH,
        charts: () => bookToJson(book, stores).sheets.find((s) => s.id === sheet.id)?.charts ?? [],
        conditionalRules: () => sheet.conditionalRules.map(ruleToJson),
        isColumnHidden: (column) => sheet.columns[column - 1]?.hidden === true,
        get frozenRows() {
          return sheet.frozenRows;
        },
        get frozenColumns() {
          return sheet.frozenColumns;
        },
        get maxRows() {
          return sheet.maxRows;
        },
        get maxColumns() {
          return sheet.maxColumns;
        },
        get lastRow() {
          return sheet.lastRow();
        },
        get lastColumn() {
          return sheet.lastColumn();
        },
      };
    },
    addSheet(name, rows) {
      book.addSheet(name);
      if (rows) enterRows(name, 'A1', rows);
    },
    editEvent(sheetName, a1, opts = {}) {
      const sheet = sheetNamed(sheetName);
      const areas = a1.split(',').map((part) => parseA1(part).resolve(sheet.maxRows, sheet.maxColumns));
      const top = Math.min(...areas.map((b) => b.row));
      const left = Math.min(...areas.map((b) => b.col));
      const bounds = {
        row: top,
        col: left,
        numRows: Math.max(...areas.map((b) => b.row + b.numRows)) - top,
        numCols: Math.max(...areas.map((b) => b.col + b.numCols)) - left,
      };
      const event: EditEvent = {
        source: new Spreadsheet(env, book),
        range: new Range(env, book, sheet, bounds, areas),
        authMode: AuthMode.LIMITED,
        user: new User(env, activeEmail),
      };
      if (bounds.numRows === 1 && bounds.numCols === 1) {
        if (opts.value !== undefined) {
          enterRows(sheetName, a1, [[opts.value]]);
          event.value = eventText(opts.value);
        } else {
          const shown = inspect(sheet.cell(bounds.row, bounds.col)).displayValue;
          if (shown !== '') event.value = shown;
        }
        if (opts.oldValue !== undefined) event.oldValue = eventText(opts.oldValue);
      }
      return event;
    },
    ui: env.ui,
    logs: env.logs,
    properties: stores,
    toJSON: () => bookToJson(book, stores),
  };
}
