/**
 * Conditional format rules: `SpreadsheetApp.newConditionalFormatRule()` hands out a
 * ConditionalFormatRuleBuilder; the builder, the built ConditionalFormatRule and its
 * BooleanCondition are plain objects of the script (not Sheets calls, like the data-validation
 * builder). `Sheet.getConditionalFormatRules` and `Sheet.setConditionalFormatRules` are the Sheets
 * calls (spreadsheet.ts). The sheet keeps its rules as bounds (SheetModel.conditionalRules), so rows
 * and columns inserted or deleted move them (model.ts), the workbook JSON saves them, and what a
 * cell shows (its `shownBackground`) can be worked out for tests and the preview.
 *
 * Evaluated: custom formulas of the two forms `=LEFT(<ref>,<n>)="<text>"` and `=<ref>="<text>"`.
 * Every other condition is stored and handed back, but asking what a cell under it shows throws,
 * so a test or the preview notices instead of showing a wrong colour.
 */
import type { Bounds } from './a1';
import { lettersToColumn } from './a1';
import { expose, type Env } from './env';
import type { Book, SheetModel } from './model';
import { normalizeColor, Range } from './spreadsheet';
import { dateMs, isDate } from './time';
import { AUTOMATIC_FORMAT, displayText, type DateValue } from './values';

export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_AFTER_RELATIVE: 'DATE_AFTER_RELATIVE',
  DATE_BEFORE_RELATIVE: 'DATE_BEFORE_RELATIVE',
  DATE_EQUAL_TO_RELATIVE: 'DATE_EQUAL_TO_RELATIVE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;
export type BooleanCriteriaName = keyof typeof BooleanCriteria;

/** A criterion value as stored: dates as instants (handed back as dates of the script's realm). */
export type ConditionValue = string | number | DateValue;

export interface ConditionModel {
  criteria: BooleanCriteriaName;
  values: ConditionValue[];
}

/** The formats a boolean rule applies; an absent key leaves the cell's own (getters answer null). */
export interface RuleFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

/** What the sheet holds for a rule: its ranges as bounds of that sheet, in the order set. */
export interface ConditionalRuleModel {
  condition: ConditionModel;
  format: RuleFormat;
  ranges: Bounds[];
}

interface RuleSpec {
  condition: ConditionModel | null;
  format: RuleFormat;
  ranges: { sheet: SheetModel; bounds: Bounds }[];
}

function copySpec(spec: Readonly<RuleSpec>): RuleSpec {
  return {
    condition: spec.condition && { criteria: spec.condition.criteria, values: spec.condition.values.map(copyValue) },
    format: { ...spec.format },
    ranges: spec.ranges.map((r) => ({ sheet: r.sheet, bounds: { ...r.bounds } })),
  };
}

function copyValue(value: ConditionValue): ConditionValue {
  return typeof value === 'object' ? { date: value.date } : value;
}

export function copyRuleModel(rule: Readonly<ConditionalRuleModel>): ConditionalRuleModel {
  return {
    condition: { criteria: rule.condition.criteria, values: rule.condition.values.map(copyValue) },
    format: { ...rule.format },
    ranges: rule.ranges.map((b) => ({ ...b })),
  };
}

function badSignature(method: string): Error {
  return new Error(`The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.${method}.`);
}

function requireNumber(method: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badSignature(method);
  return value;
}

function requireText(method: string, value: unknown): string {
  if (typeof value !== 'string') throw badSignature(method);
  return value;
}

/** whenDate…: a Date only; Apps Script's RelativeDate (today, tomorrow, …) is not modelled. */
function requireDate(method: string, value: unknown): DateValue {
  if (!isDate(value))
    throw new Error(`ConditionalFormatRuleBuilder.${method}: only a Date is modelled by the emulator (not a RelativeDate).`);
  return { date: dateMs(value) };
}

export class BooleanCondition {
  constructor(
    readonly env: Env,
    private readonly condition: Readonly<ConditionModel>,
    private readonly format: Readonly<RuleFormat>,
  ) {}

  getCriteriaType(): BooleanCriteriaName {
    return this.condition.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this.condition.values.map((v) => (typeof v === 'object' ? this.env.date(v.date) : v));
  }

  getBackground(): string | null {
    return this.format.background ?? null;
  }

  getFontColor(): string | null {
    return this.format.fontColor ?? null;
  }

  getBold(): boolean | null {
    return this.format.bold ?? null;
  }

  getItalic(): boolean | null {
    return this.format.italic ?? null;
  }

  getStrikethrough(): boolean | null {
    return this.format.strikethrough ?? null;
  }

  getUnderline(): boolean | null {
    return this.format.underline ?? null;
  }
}

function conditionOf(env: Env, spec: Readonly<RuleSpec>): BooleanCondition | null {
  return spec.condition && new BooleanCondition(env, spec.condition, spec.format);
}

function rangesOf(env: Env, book: Book, spec: Readonly<RuleSpec>): Range[] {
  return spec.ranges.map((r) => new Range(env, book, r.sheet, { ...r.bounds }));
}

export class ConditionalFormatRuleBuilder {
  constructor(
    readonly env: Env,
    private readonly book: Book,
    private readonly spec: RuleSpec,
  ) {}

  private when(criteria: BooleanCriteriaName, values: ConditionValue[]): ConditionalFormatRuleBuilder {
    this.spec.condition = { criteria, values };
    return this;
  }

  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilder {
    return this.when('CUSTOM_FORMULA', [requireText('whenFormulaSatisfied', formula)]);
  }

  whenCellEmpty(): ConditionalFormatRuleBuilder {
    return this.when('CELL_EMPTY', []);
  }

  whenCellNotEmpty(): ConditionalFormatRuleBuilder {
    return this.when('CELL_NOT_EMPTY', []);
  }

  whenTextContains(text: string): ConditionalFormatRuleBuilder {
    return this.when('TEXT_CONTAINS', [requireText('whenTextContains', text)]);
  }

  whenTextDoesNotContain(text: string): ConditionalFormatRuleBuilder {
    return this.when('TEXT_DOES_NOT_CONTAIN', [requireText('whenTextDoesNotContain', text)]);
  }

  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder {
    return this.when('TEXT_EQUAL_TO', [requireText('whenTextEqualTo', text)]);
  }

  whenTextStartsWith(text: string): ConditionalFormatRuleBuilder {
    return this.when('TEXT_STARTS_WITH', [requireText('whenTextStartsWith', text)]);
  }

  whenTextEndsWith(text: string): ConditionalFormatRuleBuilder {
    return this.when('TEXT_ENDS_WITH', [requireText('whenTextEndsWith', text)]);
  }

  whenNumberBetween(start: number, end: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_BETWEEN', [requireNumber('whenNumberBetween', start), requireNumber('whenNumberBetween', end)]);
  }

  whenNumberNotBetween(start: number, end: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_NOT_BETWEEN', [requireNumber('whenNumberNotBetween', start), requireNumber('whenNumberNotBetween', end)]);
  }

  whenNumberEqualTo(number: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_EQUAL_TO', [requireNumber('whenNumberEqualTo', number)]);
  }

  whenNumberNotEqualTo(number: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_NOT_EQUAL_TO', [requireNumber('whenNumberNotEqualTo', number)]);
  }

  whenNumberGreaterThan(number: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_GREATER_THAN', [requireNumber('whenNumberGreaterThan', number)]);
  }

  whenNumberGreaterThanOrEqualTo(number: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [requireNumber('whenNumberGreaterThanOrEqualTo', number)]);
  }

  whenNumberLessThan(number: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_LESS_THAN', [requireNumber('whenNumberLessThan', number)]);
  }

  whenNumberLessThanOrEqualTo(number: number): ConditionalFormatRuleBuilder {
    return this.when('NUMBER_LESS_THAN_OR_EQUAL_TO', [requireNumber('whenNumberLessThanOrEqualTo', number)]);
  }

  whenDateAfter(date: Date): ConditionalFormatRuleBuilder {
    return this.when('DATE_AFTER', [requireDate('whenDateAfter', date)]);
  }

  whenDateBefore(date: Date): ConditionalFormatRuleBuilder {
    return this.when('DATE_BEFORE', [requireDate('whenDateBefore', date)]);
  }

  whenDateEqualTo(date: Date): ConditionalFormatRuleBuilder {
    return this.when('DATE_EQUAL_TO', [requireDate('whenDateEqualTo', date)]);
  }

  /** null clears the format, as it does in Apps Script. Colours are normalized as Range.setBackground does. */
  setBackground(color: string | null): ConditionalFormatRuleBuilder {
    const c = normalizeColor(color ?? null);
    if (c === undefined) delete this.spec.format.background;
    else this.spec.format.background = c;
    return this;
  }

  setFontColor(color: string | null): ConditionalFormatRuleBuilder {
    const c = normalizeColor(color ?? null);
    if (c === undefined) delete this.spec.format.fontColor;
    else this.spec.format.fontColor = c;
    return this;
  }

  setBold(bold: boolean | null): ConditionalFormatRuleBuilder {
    return this.flag('bold', bold);
  }

  setItalic(italic: boolean | null): ConditionalFormatRuleBuilder {
    return this.flag('italic', italic);
  }

  setStrikethrough(strikethrough: boolean | null): ConditionalFormatRuleBuilder {
    return this.flag('strikethrough', strikethrough);
  }

  setUnderline(underline: boolean | null): ConditionalFormatRuleBuilder {
    return this.flag('underline', underline);
  }

  private flag(key: 'bold' | 'italic' | 'strikethrough' | 'underline', value: boolean | null | undefined): ConditionalFormatRuleBuilder {
    if (value === null || value === undefined) delete this.spec.format[key];
    else this.spec.format[key] = Boolean(value);
    return this;
  }

  /** Replaces the ranges. Ranges of any sheet are accepted here; setConditionalFormatRules checks them. */
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof Range)) throw badSignature('setRanges');
    this.spec.ranges = ranges.map((r) => ({ sheet: r.model, bounds: { ...r.bounds } }));
    return this;
  }

  getRanges(): Range[] {
    return rangesOf(this.env, this.book, this.spec);
  }

  getBooleanCondition(): BooleanCondition | null {
    return conditionOf(this.env, copySpec(this.spec));
  }

  /** Only boolean conditions are modelled: no gradient. */
  getGradientCondition(): null {
    return null;
  }

  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.env, this.book, copySpec(this.spec));
  }

  /**
   * Refuses a rule with no condition or no range. Apps Script's own wording for these is not
   * documented; these messages are the emulator's.
   */
  build(): ConditionalFormatRule {
    if (this.spec.condition === null)
      throw new Error('The conditional format rule has no condition: call a when…() method before build().');
    if (this.spec.ranges.length === 0) throw new Error('The conditional format rule has no ranges: call setRanges() before build().');
    return new ConditionalFormatRule(this.env, this.book, copySpec(this.spec));
  }
}

/** A built rule, or one of the snapshot getConditionalFormatRules() returns. */
export class ConditionalFormatRule {
  constructor(
    readonly env: Env,
    private readonly book: Book,
    /** Internal: read by the Sheet's rule methods. */
    readonly spec: Readonly<RuleSpec>,
  ) {}

  getRanges(): Range[] {
    return rangesOf(this.env, this.book, this.spec);
  }

  getBooleanCondition(): BooleanCondition | null {
    return conditionOf(this.env, this.spec);
  }

  getGradientCondition(): null {
    return null;
  }

  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.env, this.book, copySpec(this.spec));
  }
}

export function newRuleBuilder(env: Env, book: Book): ConditionalFormatRuleBuilder {
  return new ConditionalFormatRuleBuilder(env, book, { condition: null, format: {}, ranges: [] });
}

/** The Sheet's rule methods, as plain functions (the Sheet's methods may not call each other). */
export const sheetRules = {
  list(env: Env, book: Book, sheet: SheetModel): ConditionalFormatRule[] {
    return sheet.conditionalRules.map((rule) => {
      const { condition, format, ranges } = copyRuleModel(rule);
      return new ConditionalFormatRule(env, book, { condition, format, ranges: ranges.map((bounds) => ({ sheet, bounds })) });
    });
  },
  /** Replaces every rule of the sheet, in order; nothing changes when one rule is refused. */
  set(sheet: SheetModel, rules: unknown): void {
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof ConditionalFormatRule)) {
      throw new Error("The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
    }
    // Sheets keeps a rule's ranges on one grid. Apps Script's message for a range of another sheet
    // is not documented: this one is the emulator's.
    for (const rule of rules as ConditionalFormatRule[]) {
      const other = rule.spec.ranges.find((r) => r.sheet !== sheet);
      if (other) {
        throw new Error(
          `A conditional format rule set on the sheet ${sheet.name} has a range on the sheet ${other.sheet.name}: its ranges must all be on the sheet it is set on.`,
        );
      }
    }
    sheet.conditionalRules = (rules as ConditionalFormatRule[]).map((rule) => {
      const spec = copySpec(rule.spec);
      // build() refuses a rule with no condition, so every rule here has one.
      return { condition: spec.condition as ConditionModel, format: spec.format, ranges: spec.ranges.map((r) => r.bounds) };
    });
  },
};

// ---------------------------------------------------------------- what a cell shows

/** A cell reference of a custom formula: absolute parts stay, relative ones follow the cell. */
interface Ref {
  row: number;
  col: number;
  rowAbsolute: boolean;
  colAbsolute: boolean;
}

type Test = (text: (ref: Ref) => CellText) => boolean;

/** What a formula sees of a referenced cell: its value's text, and whether it is text at all. */
interface CellText {
  blank: boolean;
  isText: boolean;
  /** The value as a text function takes it: a number plainly, a date as its serial number, TRUE/FALSE. */
  text: string;
}

const REF = String.raw`(\$?)([A-Za-z]{1,3})(\$?)(\d+)`;
// A string literal: "" inside it is an escaped quote; anything else (= too) is plain text.
const LITERAL = '"((?:[^"]|"")*)"';
const LEFT_FORM = new RegExp(String.raw`^=\s*LEFT\s*\(\s*${REF}\s*,\s*(\d+)\s*\)\s*=\s*${LITERAL}\s*$`, 'i');
const EQUAL_FORM = new RegExp(String.raw`^=\s*${REF}\s*=\s*${LITERAL}\s*$`, 'i');

function refOf(groups: string[]): Ref {
  const [colDollar, letters, rowDollar, digits] = groups;
  return {
    col: lettersToColumn(letters ?? ''),
    row: Number(digits),
    colAbsolute: colDollar === '$',
    rowAbsolute: rowDollar === '$',
  };
}

/** Sheets' = on two texts ignores case. */
function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const parsed = new Map<string, Test>();

/** The formula as a test of a cell; throws, naming it, for any formula outside the two modelled forms. */
function formulaTest(formula: string): Test {
  const known = parsed.get(formula);
  if (known) return known;
  let test: Test;
  const left = LEFT_FORM.exec(formula);
  // A reference whose row or column was deleted: the formula is an error, which never holds.
  const broken = formula.split(/"(?:[^"]|"")*"/).some((part) => part.includes('#REF!'));
  const equal = EQUAL_FORM.exec(formula);
  if (broken) {
    test = () => false;
  } else if (left) {
    const ref = refOf(left.slice(1, 5));
    const n = Number(left[5]);
    const literal = (left[6] ?? '').replace(/""/g, '"');
    // LEFT turns any value into text (an empty cell into ""), so the comparison is always of texts.
    test = (text) => sameText(text(ref).text.slice(0, n), literal);
  } else if (equal) {
    const ref = refOf(equal.slice(1, 5));
    const literal = (equal[5] ?? '').replace(/""/g, '"');
    // A blank equals ""; a number, date or boolean never equals a text in Sheets.
    test = (text) => {
      const cell = text(ref);
      return cell.blank ? literal === '' : cell.isText && sameText(cell.text, literal);
    };
  } else {
    throw new Error(
      `The emulator does not evaluate the conditional format formula ${formula}: only =LEFT(<cell>,<n>)="<text>" and =<cell>="<text>" are modelled.`,
    );
  }
  parsed.set(formula, test);
  return test;
}

function contains(b: Bounds, row: number, col: number): boolean {
  return row >= b.row && row < b.row + b.numRows && col >= b.col && col < b.col + b.numCols;
}

function holds(sheet: SheetModel, rule: ConditionalRuleModel, row: number, col: number, timeZone: string): boolean {
  const { criteria, values } = rule.condition;
  if (criteria !== 'CUSTOM_FORMULA') {
    throw new Error(`The emulator does not evaluate conditional format rules of type ${criteria}: only CUSTOM_FORMULA is modelled.`);
  }
  const test = formulaTest(String(values[0]));
  // Relative parts of a reference are relative to the top-left cell of the rule's first range.
  const anchor = rule.ranges[0] as Bounds;
  return test((ref) => {
    const r = ref.rowAbsolute ? ref.row : ref.row + row - anchor.row;
    const c = ref.colAbsolute ? ref.col : ref.col + col - anchor.col;
    // A reference moved off the sheet's top or left is #REF! in Sheets: the condition does not hold.
    if (r < 1 || c < 1) return { blank: false, isText: false, text: '#REF!' };
    const value = sheet.cell(r, c)?.value;
    return {
      blank: value === undefined,
      isText: typeof value === 'string',
      text: displayText(value, AUTOMATIC_FORMAT, timeZone),
    };
  });
}

/**
 * The background a sheet's rules paint on a cell, or undefined when none does. Sheets applies one
 * rule to a cell: the first, in the sheet's order, whose ranges hold the cell and whose condition
 * holds (formats of several rules are not combined), so a rule that holds and sets no background
 * leaves the cell its own. Formulas in cells are not evaluated by the emulator, so a formula cell
 * counts as blank here.
 */
export function ruleBackground(sheet: SheetModel, row: number, col: number, timeZone: string): string | undefined {
  for (const rule of sheet.conditionalRules) {
    if (!rule.ranges.some((b) => contains(b, row, col))) continue;
    if (holds(sheet, rule, row, col, timeZone)) return rule.format.background;
  }
  return undefined;
}

expose(ConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder', false);
expose(ConditionalFormatRule, 'ConditionalFormatRule', false);
expose(BooleanCondition, 'BooleanCondition', false);
