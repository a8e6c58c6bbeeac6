/** The workbook as plain JSON (for the preview server's file), and back, exactly. */
import { formatA1, parseA1 } from './a1';
import type { Env } from './env';
import type { ChartOptionValue, ChartPosition, ChartTypeName } from './charts';
import { copyRuleModel, type BooleanCriteriaName, type ConditionalRuleModel, type RuleFormat } from './conditional';
import { Book, FORMAT_KEYS, type Cell, type CellFormat, type SheetModel } from './model';
import { Range } from './spreadsheet';
import { DataValidation, type Criteria, type CriterionArg } from './validation';
import type { CellValue } from './values';

export type JsonCellValue = string | number | boolean | { date: string };
export type JsonCriterionValue = string | number | boolean | string[] | { date: string } | { range: string };

export interface ValidationJson {
  criteria: Criteria;
  values: JsonCriterionValue[];
  allowInvalid: boolean;
  helpText: string;
}

export interface CellJson extends CellFormat {
  row: number;
  column: number;
  value?: JsonCellValue;
  formula?: string;
  note?: string;
  validation?: ValidationJson;
}

/** An embedded chart; its ranges in A1 notation with their sheet's name. */
export interface ChartJson {
  id: number;
  type: ChartTypeName;
  ranges: string[];
  position: ChartPosition;
  options: Record<string, ChartOptionValue>;
}

/** A conditional format rule; its ranges in A1 notation of its own sheet, in order. */
export interface ConditionalRuleJson {
  criteria: BooleanCriteriaName;
  values: (string | number | { date: string })[];
  format: RuleFormat;
  ranges: string[];
}

export interface SheetJson {
  name: string;
  id: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  tabColor: string | null;
  columns: { column: number; width?: number; hidden?: boolean }[];
  cells: CellJson[];
  /** Absent in files saved before charts were modelled. */
  charts?: ChartJson[];
  /** Absent in files saved before conditional formatting was modelled. */
  conditionalRules?: ConditionalRuleJson[];
}

export interface WorkbookJson {
  id: string;
  name: string;
  timeZone: string;
  active: { sheet: string; range: string } | null;
  sheets: SheetJson[];
  properties: { document: Record<string, string>; user: Record<string, string>; script: Record<string, string> };
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function valueToJson(value: CellValue): JsonCellValue {
  return typeof value === 'object' ? { date: new Date(value.date).toISOString() } : value;
}

function valueFromJson(value: JsonCellValue): CellValue {
  return typeof value === 'object' ? { date: Date.parse(value.date) } : value;
}

export function validationToJson(rule: DataValidation): ValidationJson {
  const values = rule.spec.args.map((arg): JsonCriterionValue => {
    if (arg instanceof Range) return { range: `${quoteSheet(arg.model.name)}!${formatA1(arg.bounds)}` };
    if (typeof arg === 'object' && 'date' in arg && typeof arg.date === 'number') return { date: new Date(arg.date).toISOString() };
    if (Array.isArray(arg)) return [...arg];
    if (typeof arg === 'object') throw new Error('A validation criterion holds an object the emulator cannot save.');
    return arg;
  });
  return { criteria: rule.spec.criteria, values, allowInvalid: rule.spec.allowInvalid, helpText: rule.spec.helpText };
}

function cellToJson(cell: Cell, row: number, column: number): CellJson | null {
  const json: CellJson = { row, column };
  if (cell.value !== undefined) json.value = valueToJson(cell.value);
  if (cell.formula !== undefined) json.formula = cell.formula;
  if (cell.note !== undefined) json.note = cell.note;
  for (const key of FORMAT_KEYS) if (cell[key] !== undefined) Object.assign(json, { [key]: cell[key] });
  if (cell.validation) json.validation = validationToJson(cell.validation);
  return Object.keys(json).length > 2 ? json : null;
}

export function ruleToJson(rule: ConditionalRuleModel): ConditionalRuleJson {
  const { condition, format, ranges } = copyRuleModel(rule);
  return {
    criteria: condition.criteria,
    values: condition.values.map((v) => (typeof v === 'object' ? { date: new Date(v.date).toISOString() } : v)),
    format,
    ranges: ranges.map(formatA1),
  };
}

function ruleFromJson(sheet: SheetModel, json: ConditionalRuleJson): ConditionalRuleModel {
  return {
    condition: {
      criteria: json.criteria,
      values: json.values.map((v) => (typeof v === 'object' ? { date: Date.parse(v.date) } : v)),
    },
    format: { ...json.format },
    ranges: json.ranges.map((a1) => parseA1(a1).resolve(sheet.maxRows, sheet.maxColumns)),
  };
}

function sheetToJson(sheet: SheetModel): SheetJson {
  const cells: CellJson[] = [];
  sheet.rows.forEach((cellsOfRow, r) => {
    cellsOfRow?.forEach((cell, c) => {
      const json = cell && cellToJson(cell, r + 1, c + 1);
      if (json) cells.push(json);
    });
  });
  const columns: SheetJson['columns'] = [];
  sheet.columns.forEach((meta, c) => {
    if (meta && (meta.width !== undefined || meta.hidden)) columns.push({ column: c + 1, ...meta });
  });
  return {
    name: sheet.name,
    id: sheet.id,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    tabColor: sheet.tabColor,
    columns,
    cells,
    charts: sheet.charts.map((c) => ({
      id: c.id,
      type: c.type,
      ranges: c.ranges.map((r) => `${quoteSheet(r.sheet.name)}!${formatA1(r.bounds)}`),
      position: { ...c.position },
      options: structuredClone(c.options),
    })),
    conditionalRules: sheet.conditionalRules.map(ruleToJson),
  };
}

export function bookToJson(book: Book, properties: WorkbookJson['properties']): WorkbookJson {
  return {
    id: book.id,
    name: book.name,
    timeZone: book.timeZone,
    active: book.active ? { sheet: book.active.sheet.name, range: formatA1(book.active.bounds) } : null,
    sheets: book.sheets.map(sheetToJson),
    properties: { document: { ...properties.document }, user: { ...properties.user }, script: { ...properties.script } },
  };
}

function criterionFromJson(env: Env, book: Book, value: JsonCriterionValue): CriterionArg {
  if (Array.isArray(value) || typeof value !== 'object') return value;
  if ('date' in value) return { date: Date.parse(value.date) };
  const parsed = parseA1(value.range);
  const sheet = parsed.sheetName === null ? undefined : book.findSheet(parsed.sheetName);
  if (!sheet) throw new Error(`Validation range ${value.range} names no sheet of the workbook.`);
  return new Range(env, book, sheet, parsed.resolve(sheet.maxRows, sheet.maxColumns));
}

export function bookFromJson(env: Env, json: WorkbookJson): Book {
  const book = new Book(json.id, json.name, json.timeZone);
  for (const s of json.sheets) {
    const sheet = book.addSheet(s.name, book.sheets.length, s.id);
    Object.assign(sheet, {
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      tabColor: s.tabColor,
    });
    for (const { column, ...meta } of s.columns) sheet.columns[column - 1] = meta;
    sheet.conditionalRules = (s.conditionalRules ?? []).map((rule) => ruleFromJson(sheet, rule));
  }
  // Cells sharing a rule in the file share one DataValidation again.
  const rules = new Map<string, DataValidation>();
  json.sheets.forEach((s, i) => {
    const sheet = book.sheets[i] as SheetModel;
    for (const { row, column, value, validation, ...rest } of s.cells) {
      const cell = sheet.writableCell(row, column);
      Object.assign(cell, rest);
      if (value !== undefined) cell.value = valueFromJson(value);
      if (validation) {
        const key = JSON.stringify(validation);
        let rule = rules.get(key);
        if (!rule) {
          const args = validation.values.map((v) => criterionFromJson(env, book, v));
          rule = new DataValidation(env, {
            criteria: validation.criteria,
            args,
            allowInvalid: validation.allowInvalid,
            helpText: validation.helpText,
          });
          rules.set(key, rule);
        }
        cell.validation = rule;
      }
    }
  });
  // Charts after every sheet exists: a chart may show another sheet's ranges.
  json.sheets.forEach((s, i) => {
    const sheet = book.sheets[i] as SheetModel;
    for (const chart of s.charts ?? []) {
      const ranges = chart.ranges.map((a1) => {
        const parsed = parseA1(a1);
        const source = parsed.sheetName === null ? sheet : book.findSheet(parsed.sheetName);
        if (!source) throw new Error(`Chart range ${a1} names no sheet of the workbook.`);
        return { sheet: source, bounds: parsed.resolve(source.maxRows, source.maxColumns) };
      });
      sheet.charts.push({
        id: chart.id,
        type: chart.type,
        ranges,
        position: { ...chart.position },
        options: structuredClone(chart.options),
      });
      book.nextChartId = Math.max(book.nextChartId, chart.id);
    }
  });
  if (json.active) {
    const sheet = book.findSheet(json.active.sheet);
    if (sheet) book.active = { sheet, bounds: parseA1(json.active.range).resolve(sheet.maxRows, sheet.maxColumns) };
  }
  return book;
}
