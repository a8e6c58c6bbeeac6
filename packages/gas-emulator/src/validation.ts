/** Data validation rules and their builder, as SpreadsheetApp.newDataValidation() hands them out (not Sheets calls). */
import { expose, type Env } from './env';
import { dateMs, isDate } from './time';
import type { DateValue } from './values';

export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;
export type Criteria = keyof typeof DataValidationCriteria;

/**
 * A criterion argument as stored: dates become instants (handed back as dates of the script's realm),
 * lists are copied, and a Range stays the Range object the script passed.
 */
export type CriterionArg = string | number | boolean | DateValue | string[] | object;

export interface RuleSpec {
  criteria: Criteria;
  args: CriterionArg[];
  allowInvalid: boolean;
  helpText: string;
}

function storeArg(arg: unknown): CriterionArg {
  if (isDate(arg)) return { date: dateMs(arg) };
  if (Array.isArray(arg)) return arg.map(String);
  if (typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'boolean') return arg;
  if (typeof arg === 'object' && arg !== null) return arg;
  throw new Error(`Invalid argument: ${String(arg)}`);
}

function isDateArg(arg: CriterionArg): arg is DateValue {
  return typeof arg === 'object' && 'date' in arg && typeof arg.date === 'number';
}

export class DataValidation {
  constructor(
    readonly env: Env,
    readonly spec: Readonly<RuleSpec>,
  ) {}

  getCriteriaType(): Criteria {
    return this.spec.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this.spec.args.map((arg) => (Array.isArray(arg) ? [...arg] : isDateArg(arg) ? this.env.date(arg.date) : arg));
  }

  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }

  getHelpText(): string {
    return this.spec.helpText;
  }

  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.env, { ...this.spec, args: [...this.spec.args] });
  }
}

type DraftSpec = Omit<RuleSpec, 'criteria'> & { criteria: Criteria | null };

export class DataValidationBuilder {
  private spec: DraftSpec;

  constructor(
    readonly env: Env,
    spec?: RuleSpec,
  ) {
    // Apps Script's default is to show a warning, not to reject input.
    this.spec = spec ?? { criteria: null, args: [], allowInvalid: true, helpText: '' };
  }

  private require(criteria: Criteria, args: unknown[]): this {
    this.spec = { ...this.spec, criteria, args: args.map(storeArg) };
    return this;
  }

  requireValueInList(values: unknown[], showDropdown = true): this {
    if (!Array.isArray(values))
      throw new Error("The parameters don't match the method signature for DataValidationBuilder.requireValueInList.");
    return this.require(DataValidationCriteria.VALUE_IN_LIST, [values, showDropdown]);
  }

  requireValueInRange(range: object, showDropdown = true): this {
    return this.require(DataValidationCriteria.VALUE_IN_RANGE, [range, showDropdown]);
  }

  requireTextIsEmail(): this {
    return this.require(DataValidationCriteria.TEXT_IS_VALID_EMAIL, []);
  }

  requireTextIsUrl(): this {
    return this.require(DataValidationCriteria.TEXT_IS_VALID_URL, []);
  }

  requireDate(): this {
    return this.require(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }

  requireDateBetween(start: Date, end: Date): this {
    return this.require(DataValidationCriteria.DATE_BETWEEN, [start, end]);
  }

  requireNumberBetween(start: number, end: number): this {
    return this.require(DataValidationCriteria.NUMBER_BETWEEN, [start, end]);
  }

  requireCheckbox(...values: unknown[]): this {
    return this.require(DataValidationCriteria.CHECKBOX, values);
  }

  requireFormulaSatisfied(formula: string): this {
    return this.require(DataValidationCriteria.CUSTOM_FORMULA, [formula]);
  }

  withCriteria(criteria: Criteria, args: unknown[]): this {
    if (!(criteria in DataValidationCriteria)) throw new Error(`Invalid argument: criteria`);
    return this.require(criteria, args);
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.spec = { ...this.spec, allowInvalid: Boolean(allowInvalidData) };
    return this;
  }

  setHelpText(helpText: string): this {
    this.spec = { ...this.spec, helpText: String(helpText) };
    return this;
  }

  getCriteriaType(): Criteria | null {
    return this.spec.criteria;
  }

  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }

  getHelpText(): string {
    return this.spec.helpText;
  }

  build(): DataValidation {
    const { criteria } = this.spec;
    if (criteria === null) throw new Error('You must specify a criteria for the data validation rule.');
    return new DataValidation(this.env, { ...this.spec, criteria, args: [...this.spec.args] });
  }
}

expose(DataValidation, 'DataValidation', false);
expose(DataValidationBuilder, 'DataValidationBuilder', false);
