/**
 * One preview session: the emulator with the built bundle loaded into it, and what a user does in
 * Sheets (open the spreadsheet, pick a tab, type or paste, use the menu, the sidebar's
 * google.script.run) turned into the calls Apps Script would make. Every change is a new version
 * that watchers (the open pages) are told of at once, and is saved to the workbook file a moment
 * later: the file is megabytes (every formatted cell of 1,000-row tabs), so a burst of typing is
 * one write, not one per cell.
 */
import { formatA1, parseA1 } from '@cacwt/gas-emulator/a1';
import { createEmulator, emulatorFromJSON, type EditEvent, type Emulator, type EmulatorOptions } from '@cacwt/gas-emulator';
import { htmlFilesIn, loadBundle, type LoadedBundle } from '@cacwt/gas-emulator/bundle';
import type { CellView, ChartView, Effects, Moved, PageState, Reply, RunReply, SheetView } from './protocol';
import { seedSample } from './sample';
import { existsSync } from 'node:fs';
import { readWorkbookFile, setAsideWorkbookFile, writeWorkbookFile } from './workbookFile';

export interface PreviewOptions {
  /** The built add-on: every .js file is loaded, every .html file is an HtmlService file. */
  distDir: string;
  workbookPath: string;
  /** Start over from the sample workbook; the file there is kept aside, never overwritten. */
  fresh?: boolean;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Fn = (...args: unknown[]) => unknown;

const SPREADSHEET_NAME = 'Riverside County: Community Partners';
/** Rows shown below the last one with data, so there is room to type. */
const BLANK_ROWS = 40;
const MIN_COLUMNS = 26;
const SAVE_DELAY_MS = 250;
const SAVE_AT_LEAST_EVERY_MS = 2000;

/** Errors of the bundle's realm are not instanceof this realm's Error, so this reads them by shape. */
function message(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

export class Preview {
  private readonly bundle: LoadedBundle;
  private savedText = '';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsavedSince = 0;
  /**
   * Grows by one with each change: a page showing an older version has something to fetch. It
   * starts from the clock, so a restarted server's versions are newer than any a page still shows.
   */
  private changes = Date.now();
  private readonly watchers = new Set<(version: number) => void>();

  private constructor(
    private readonly emu: Emulator,
    private readonly path: string,
    readonly notice: string | null,
    distDir: string,
  ) {
    this.bundle = loadBundle(emu, distDir);
  }

  static open({ distDir, workbookPath, fresh = false }: PreviewOptions): Preview {
    const options: EmulatorOptions = {
      htmlFiles: htmlFilesIn(distDir),
      spreadsheetName: SPREADSHEET_NAME,
      addonName: 'CACWT Partner Accounts',
    };
    let notice: string | null = null;
    if (fresh) {
      if (existsSync(workbookPath)) {
        const aside = setAsideWorkbookFile(workbookPath, 'replaced');
        notice = `Started over from the sample (--fresh). The previous workbook was kept as ${aside}.`;
      }
    } else {
      try {
        const json = readWorkbookFile(workbookPath);
        if (json) {
          const preview = new Preview(emulatorFromJSON(json, options), workbookPath, null, distDir);
          preview.savedText = JSON.stringify(json);
          return preview;
        }
      } catch (error) {
        const aside = setAsideWorkbookFile(workbookPath, 'unreadable');
        notice = `The workbook file ${workbookPath} could not be used (${message(error)}). It was kept as ${aside}, and a new sample workbook was started.`;
      }
    }
    const preview = new Preview(createEmulator(options), workbookPath, notice, distDir);
    seedSample(preview.emu, preview.bundle.context as unknown as typeof import('../../src/addon/index'));
    preview.flush();
    return preview;
  }

  private fn(name: string): Fn | null {
    const value = this.bundle.context[name];
    return typeof value === 'function' ? (value as Fn) : null;
  }

  /** Top-level functions google.script.run may call: Apps Script hides names ending in '_'. */
  functions(): string[] {
    return Object.keys(this.bundle.context).filter((name) => !name.endsWith('_') && this.fn(name) !== null);
  }

  private spreadsheet(): Spreadsheet {
    return (this.emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
  }

  /**
   * A change: the pages are told now (unless only the selection moved, which no other page
   * shows), and the file is written once changes pause for SAVE_DELAY_MS, or at the latest
   * SAVE_AT_LEAST_EVERY_MS after the first one not saved.
   */
  private changed(newVersion: boolean): void {
    if (newVersion) {
      this.changes++;
      for (const watcher of this.watchers) watcher(this.changes);
    }
    if (this.saveTimer) clearTimeout(this.saveTimer);
    else this.unsavedSince = Date.now();
    const wait = Math.min(SAVE_DELAY_MS, this.unsavedSince + SAVE_AT_LEAST_EVERY_MS - Date.now());
    this.saveTimer = setTimeout(() => this.flush(), Math.max(0, wait));
  }

  /** Writes the workbook file now if it changed. The server calls it on closing, tests before reading the file. */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const text = JSON.stringify(this.emu.toJSON());
    if (text === this.savedText) return;
    writeWorkbookFile(this.path, text);
    this.savedText = text;
  }

  get version(): number {
    return this.changes;
  }

  /** Calls back with the new version after every change; returns the way to stop. */
  watch(watcher: (version: number) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /**
   * The page's view: `view` is the tab a page shows (pages on one workbook may show different
   * tabs); without it, or when that tab is gone, the active one.
   */
  state(view?: string): PageState {
    // Read through SpreadsheetApp, not toJSON: serializing the whole workbook costs far more than this view.
    const spreadsheet = this.spreadsheet();
    const active = spreadsheet.getActiveSheet().getName();
    const sheet = view !== undefined && this.emu.sheet(view) ? view : active;
    return {
      version: this.version,
      title: spreadsheet.getName(),
      tabs: spreadsheet.getSheets().map((s) => ({ name: s.getName(), color: s.getTabColor() })),
      active: { sheet: active, range: spreadsheet.getActiveRange()?.getA1Notation() ?? 'A1' },
      sheet: this.sheetView(sheet),
      menus: this.emu.ui.menus,
      functions: this.functions(),
      notice: this.notice,
    };
  }

  private sheetView(name: string): SheetView {
    const sheet = this.emu.sheet(name)!;
    const rows = Math.min(sheet.maxRows, Math.max(sheet.lastRow, sheet.frozenRows) + BLANK_ROWS);
    const columns = Math.min(sheet.maxColumns, Math.max(sheet.lastColumn, MIN_COLUMNS));
    const lists: string[][] = [];
    const listIndex = new Map<string, number>();
    const cells = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c): CellView | null => {
        const cell = sheet.cell(formatA1({ row: r + 1, col: c + 1, numRows: 1, numCols: 1 }));
        const view: CellView = { text: cell.displayValue };
        if (cell.formula) view.formula = cell.formula;
        // What the cell shows: its own fill, or a conditional format rule's (done rows greyed).
        if (cell.shownBackground !== '#ffffff') view.background = cell.shownBackground;
        if (cell.fontWeight === 'bold') view.bold = true;
        if (cell.fontColor !== '#000000') view.color = cell.fontColor;
        if (cell.note) view.note = cell.note;
        // Sheets right-aligns numbers and dates, and centres booleans, unless told otherwise.
        if (typeof cell.value === 'number' || cell.value instanceof Date) view.align = 'right';
        if (typeof cell.value === 'boolean') view.align = 'center';
        const rule = cell.validation;
        if (rule?.criteria === 'VALUE_IN_LIST' && rule.values[1] !== false && Array.isArray(rule.values[0])) {
          const key = JSON.stringify(rule.values[0]);
          if (!listIndex.has(key)) listIndex.set(key, lists.push(rule.values[0]) - 1);
          view.list = listIndex.get(key)!;
        }
        return Object.keys(view).length === 1 && view.text === '' ? null : view;
      }),
    );
    return {
      name: sheet.name,
      rows,
      columns,
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      widths: Array.from({ length: columns }, (_, c) => sheet.columnWidth(c + 1)),
      hidden: Array.from({ length: columns }, (_, c) => sheet.isColumnHidden(c + 1)),
      lists,
      cells,
      charts: this.chartViews(name),
    };
  }

  /**
   * A sheet's charts as series of numbers: the first range's first column holds the labels, every
   * other column a series named by its header cell (Sheets' default for a chart with a header row).
   */
  private chartViews(name: string): ChartView[] {
    const sheet = this.emu.sheet(name)!;
    return sheet.charts().map((chart) => {
      const columns = chart.ranges.flatMap((a1) => {
        const parsed = parseA1(a1);
        const source = this.emu.sheet(parsed.sheetName ?? name);
        if (!source) return [];
        const b = parsed.resolve(source.maxRows, source.maxColumns);
        return Array.from({ length: b.numCols }, (_, c) =>
          Array.from({ length: b.numRows }, (_, r) => source.cell(formatA1({ row: b.row + r, col: b.col + c, numRows: 1, numCols: 1 }))),
        );
      });
      const [labels = [], ...series] = columns;
      return {
        title: typeof chart.options.title === 'string' ? chart.options.title : '',
        anchorRow: chart.position.anchorRow,
        anchorColumn: chart.position.anchorColumn,
        labels: labels.slice(1).map((cell) => cell.displayValue),
        series: series.map(([head, ...cells]) => ({
          name: head?.displayValue ?? '',
          values: cells.map((cell) => (typeof cell.value === 'number' ? cell.value : null)),
        })),
      };
    });
  }

  /** Runs a user action, then reports what the add-on showed meanwhile and saves the workbook soon; the reply shows `view` (see state). */
  private act(action: (errors: string[]) => void, view?: string, newVersion = true): Reply {
    const ui = this.emu.ui;
    const before = { alerts: ui.alerts.length, toasts: ui.toasts.length, sidebars: ui.sidebars.length };
    const errors: string[] = [];
    action(errors);
    this.changed(newVersion);
    const effects: Effects = {
      alerts: ui.alerts.slice(before.alerts),
      toasts: ui.toasts.slice(before.toasts),
      sidebars: ui.sidebars.slice(before.sidebars).map((s, i) => ({ index: before.sidebars + i, title: s.title })),
      errors,
    };
    return { state: this.state(view), effects };
  }

  /** Runs one of the bundle's functions as a trigger or menu item; a throw is shown as Sheets shows it. */
  private trigger(name: string, args: unknown[], errors: string[], required: boolean): void {
    const fn = this.fn(name);
    if (!fn) {
      if (required) errors.push(`Script function not found: ${name}`);
      return;
    }
    try {
      fn(...args);
    } catch (error) {
      errors.push(`${name} failed: ${message(error)}`);
    }
  }

  /** The spreadsheet is opened: the menus are built afresh by onOpen. */
  open(): Reply {
    return this.act((errors) => {
      this.emu.ui.menus.length = 0;
      const event = {
        authMode: 'LIMITED',
        source: this.spreadsheet(),
        user: (this.emu.globals.Session as GoogleAppsScript.Base.Session).getActiveUser(),
      };
      this.trigger('onOpen', [event], errors, false);
    });
  }

  /**
   * The user clicks a tab or a cell. Only a change of tab is saved at once (so a restart opens on
   * it) and answered with the tab: a cell moved to within the tab is saved with the next change,
   * as a selection is no edit, and answered with the cell alone (a tab's view can be megabytes).
   */
  select(sheetName: string, a1: string): Reply | Moved {
    const spreadsheet = this.spreadsheet();
    const sheet = spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new RangeError(`No sheet named ${sheetName}.`);
    if (spreadsheet.getActiveSheet().getName() !== sheetName) return this.act(() => sheet.getRange(a1).activate(), sheetName, false);
    sheet.getRange(a1).activate();
    return { moved: a1 };
  }

  private fireOnEdit(event: EditEvent, errors: string[]): void {
    this.trigger('onEdit', [event], errors, false);
  }

  /** The user types into one cell (an empty value clears it); the page moves the selection itself. */
  edit(sheetName: string, a1: string, value: string): Reply {
    return this.act((errors) => {
      const sheet = this.requireSheet(sheetName);
      const old = sheet.cell(a1).displayValue;
      const oldValue = old === '' ? undefined : old;
      if (value === '') sheet.setValues(a1, [['']]);
      const event = this.emu.editEvent(sheetName, a1, value === '' ? { oldValue } : { value, oldValue });
      this.fireOnEdit(event, errors);
    }, sheetName);
  }

  /** The user pastes a block from its top-left cell: one edit event for the whole block, without value. */
  paste(sheetName: string, a1: string, rows: string[][]): Reply {
    const width = Math.max(...rows.map((r) => r.length));
    if (rows.length === 1 && width === 1) return this.edit(sheetName, a1, rows[0]![0]!);
    return this.act((errors) => {
      const sheet = this.requireSheet(sheetName);
      const block = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
      sheet.setValues(a1, block);
      const { row, col } = parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns);
      const event = this.emu.editEvent(sheetName, formatA1({ row, col, numRows: block.length, numCols: width }));
      this.fireOnEdit(event, errors);
    }, sheetName);
  }

  /** A menu item is clicked: only functions some menu names can be run this way. */
  menuItem(functionName: string): Reply {
    return this.act((errors) => {
      const known = this.emu.ui.menus.some((m) => m.items.some((i) => i.functionName === functionName));
      if (!known) errors.push(`No menu item runs ${functionName}.`);
      else this.trigger(functionName, [], errors, true);
    });
  }

  /** A function run from the Apps Script editor's Run button: no arguments, any public function. */
  runFunction(name: string): Reply {
    return this.act((errors) => {
      if (this.functions().includes(name)) this.trigger(name, [], errors, true);
      else errors.push(`Script function not found: ${name}`);
    });
  }

  /**
   * google.script.run: the arguments arrive as JSON and are parsed in the bundle's realm, as Apps
   * Script hands them to the server function; the result goes back as JSON.
   */
  run(name: string, argsJson: string): RunReply {
    let outcome: { value: unknown } | { error: string } = { error: `Script function not found: ${name}` };
    const { effects } = this.act(() => {
      const fn = this.functions().includes(name) ? this.fn(name) : null;
      if (!fn) return;
      try {
        const args = (this.bundle.inside('JSON') as JSON).parse(argsJson) as unknown;
        if (!Array.isArray(args)) throw new TypeError('google.script.run arguments must be a JSON array.');
        outcome = { value: JSON.parse(JSON.stringify(fn(...args) ?? null)) as unknown };
      } catch (error) {
        outcome = { error: message(error) };
      }
    });
    return { ...outcome, effects };
  }

  /** The HTML of a sidebar the add-on showed, or null. */
  sidebarHtml(index: number): string | null {
    return this.emu.ui.sidebars[index]?.html ?? null;
  }

  private requireSheet(name: string) {
    const sheet = this.emu.sheet(name);
    if (!sheet) throw new RangeError(`No sheet named ${name}.`);
    return sheet;
  }
}
