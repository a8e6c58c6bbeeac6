/**
 * Embedded charts: `sheet.newChart()` hands out an EmbeddedChartBuilder (not a Sheets call, like
 * the data-validation builder); `insertChart`, `updateChart`, `getCharts` and `removeChart` are
 * Sheet calls (spreadsheet.ts); an EmbeddedChart's getters are counted as calls too. A chart keeps
 * its ranges as sheet and bounds, so they are saved in the workbook JSON and drawn by a preview.
 * Not modelled: rows or columns inserted before a chart's ranges do not move them.
 */
import type { Bounds } from './a1';
import { expose, type Env } from './env';
import type { Book, SheetModel } from './model';
import { Range } from './spreadsheet';

export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  LINE: 'LINE',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  TABLE: 'TABLE',
} as const;
export type ChartTypeName = keyof typeof ChartType;

export type ChartOptionValue = string | number | boolean | null | ChartOptionValue[] | { [key: string]: ChartOptionValue };

export interface ChartRangeModel {
  sheet: SheetModel;
  bounds: Bounds;
}

export interface ChartPosition {
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

/** What the sheet holds for a chart once inserted. */
export interface ChartModel {
  id: number;
  type: ChartTypeName;
  ranges: ChartRangeModel[];
  position: ChartPosition;
  options: Record<string, ChartOptionValue>;
}

interface ChartSpec {
  /** The chart this spec was made from by modify(), or null for a new one. */
  id: number | null;
  type: ChartTypeName;
  ranges: ChartRangeModel[];
  position: ChartPosition;
  options: Record<string, ChartOptionValue>;
}

function copyOption(value: unknown): ChartOptionValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(copyOption);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOption(v)]));
  throw new Error(`Invalid argument: ${String(value)}`);
}

/** A deep copy, so a builder, a built chart and the sheet's chart never share a mutable part. */
function copySpec(spec: Readonly<ChartSpec>, id: number | null = spec.id): ChartSpec {
  return {
    id,
    type: spec.type,
    ranges: spec.ranges.map((r) => ({ sheet: r.sheet, bounds: { ...r.bounds } })),
    position: { ...spec.position },
    options: structuredClone(spec.options),
  };
}

export class EmbeddedChartBuilder {
  constructor(
    readonly env: Env,
    private readonly book: Book,
    private readonly spec: ChartSpec,
  ) {}

  asLineChart(): EmbeddedChartBuilder {
    this.spec.type = 'LINE';
    return this;
  }

  asColumnChart(): EmbeddedChartBuilder {
    this.spec.type = 'COLUMN';
    return this;
  }

  setChartType(type: string): EmbeddedChartBuilder {
    if (!(type in ChartType)) throw new Error(`Invalid argument: ${String(type)}`);
    this.spec.type = type as ChartTypeName;
    return this;
  }

  getChartType(): string {
    return this.spec.type;
  }

  addRange(range: Range): EmbeddedChartBuilder {
    if (!(range instanceof Range)) throw new Error("The parameters don't match the method signature for EmbeddedChartBuilder.addRange.");
    this.spec.ranges.push({ sheet: range.model, bounds: { ...range.bounds } });
    return this;
  }

  removeRange(range: Range): EmbeddedChartBuilder {
    this.spec.ranges = this.spec.ranges.filter(
      (r) => !(r.sheet === range.model && JSON.stringify(r.bounds) === JSON.stringify(range.bounds)),
    );
    return this;
  }

  clearRanges(): EmbeddedChartBuilder {
    this.spec.ranges = [];
    return this;
  }

  getRanges(): Range[] {
    return this.spec.ranges.map((r) => new Range(this.env, this.book, r.sheet, r.bounds));
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every((a) => typeof a === 'number' && Number.isFinite(a))) {
      throw new Error("The parameters don't match the method signature for EmbeddedChartBuilder.setPosition.");
    }
    if (anchorRowPos < 1 || anchorColPos < 1) throw new Error('Invalid argument: position');
    this.spec.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }

  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    if (typeof option !== 'string' || option === '') throw new Error('Invalid argument: option');
    this.spec.options[option] = copyOption(value);
    return this;
  }

  build(): EmbeddedChart {
    if (this.spec.ranges.length === 0) throw new Error('The chart has no data: add a range first.');
    return new EmbeddedChart(this.env, this.book, copySpec(this.spec));
  }
}

export class ChartOptions {
  constructor(
    readonly env: Env,
    private readonly options: Record<string, ChartOptionValue>,
  ) {}

  get(option: string): unknown {
    return this.options[option] ?? null;
  }

  getOrDefault(option: string): unknown {
    return this.options[option] ?? null;
  }
}

export class ContainerInfo {
  constructor(
    readonly env: Env,
    private readonly position: ChartPosition,
  ) {}

  getAnchorRow(): number {
    return this.position.anchorRow;
  }

  getAnchorColumn(): number {
    return this.position.anchorColumn;
  }

  getOffsetX(): number {
    return this.position.offsetX;
  }

  getOffsetY(): number {
    return this.position.offsetY;
  }
}

/** A chart as built, or as getCharts() returns it (then with the id the sheet gave it). */
export class EmbeddedChart {
  constructor(
    readonly env: Env,
    private readonly book: Book,
    /** Internal: read by the Sheet's chart methods. */
    readonly spec: Readonly<ChartSpec>,
  ) {}

  getChartId(): number | null {
    return this.spec.id;
  }

  getId(): string | null {
    return this.spec.id === null ? null : `u${this.spec.id}`;
  }

  getType(): string {
    return this.spec.type;
  }

  getRanges(): Range[] {
    return this.spec.ranges.map((r) => new Range(this.env, this.book, r.sheet, r.bounds));
  }

  getOptions(): ChartOptions {
    return new ChartOptions(this.env, this.spec.options);
  }

  getContainerInfo(): ContainerInfo {
    return new ContainerInfo(this.env, this.spec.position);
  }

  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this.env, this.book, copySpec(this.spec));
  }
}

export function newChartBuilder(env: Env, book: Book): EmbeddedChartBuilder {
  return new EmbeddedChartBuilder(env, book, {
    id: null,
    type: 'COLUMN',
    ranges: [],
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    options: {},
  });
}

function asModel(chart: EmbeddedChart, id: number): ChartModel {
  return { ...copySpec(chart.spec), id };
}

function checkChart(chart: unknown, method: string): EmbeddedChart {
  if (!(chart instanceof EmbeddedChart))
    throw new Error(`The parameters don't match the method signature for SpreadsheetApp.Sheet.${method}.`);
  return chart;
}

/** The Sheet's chart methods, as plain functions (the Sheet's methods may not call each other). */
export const sheetCharts = {
  insert(book: Book, sheet: SheetModel, value: unknown): void {
    const chart = checkChart(value, 'insertChart');
    book.nextChartId += 1;
    sheet.charts.push(asModel(chart, book.nextChartId));
  },
  update(sheet: SheetModel, value: unknown): void {
    const chart = checkChart(value, 'updateChart');
    const index = sheet.charts.findIndex((c) => c.id === chart.spec.id);
    if (chart.spec.id === null || index < 0) throw new Error('The chart could not be found on this sheet: insert it first.');
    sheet.charts[index] = asModel(chart, chart.spec.id);
  },
  remove(sheet: SheetModel, value: unknown): void {
    const chart = checkChart(value, 'removeChart');
    const index = sheet.charts.findIndex((c) => c.id === chart.spec.id);
    if (index < 0) throw new Error('The chart could not be found on this sheet.');
    sheet.charts.splice(index, 1);
  },
  list(env: Env, book: Book, sheet: SheetModel): EmbeddedChart[] {
    return sheet.charts.map((c) => new EmbeddedChart(env, book, copySpec(c)));
  },
};

expose(EmbeddedChartBuilder, 'EmbeddedChartBuilder', false);
expose(EmbeddedChart, 'EmbeddedChart', true);
expose(ChartOptions, 'ChartOptions', false);
expose(ContainerInfo, 'ContainerInfo', false);
