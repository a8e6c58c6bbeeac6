/** Cell contents as Sheets stores them, and the parsing Sheets applies to what a user (or setValue) enters. */
import { formatJavaDate, isDate, dateMs, zonedMidnight, zoneOffset } from './time';

/** A date cell holds an instant; the realm-specific Date object is only made when a script reads it. */
export interface DateValue {
  readonly date: number;
}
export type CellValue = string | number | boolean | DateValue;

export interface Content {
  value?: CellValue;
  formula?: string;
}

/** What Sheets reports as the number format of a cell nobody formatted. */
export const AUTOMATIC_FORMAT = '0.###############';
export const PLAIN_TEXT_FORMAT = '@';
/** Formats Sheets assigns when a date arrives in an automatic cell. */
const TYPED_DATE_FORMAT = 'M/d/yyyy';
const TYPED_ISO_FORMAT = 'yyyy-mm-dd';
const SCRIPT_DATE_FORMAT = 'M/d/yyyy H:mm:ss';

export interface Entered {
  content: Content;
  /** The number format Sheets switches an automatic cell to, when it does. */
  autoFormat?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Parses text the way Sheets parses what a user types (setValue/setValues behave the same).
 * A leading '=' makes a formula even in a plain-text cell, and so does a leading '+' or '-' that is
 * not a number (Sheets turns '+1 555 0100' into a formula): the emulator errs towards the hazard.
 */
export function enterText(text: string, timeZone: string, plainText: boolean, keepApostrophe = false): Entered {
  if (text.startsWith('=') && text.length > 1) return { content: { formula: text } };
  if (plainText && keepApostrophe && text.startsWith("'")) return { content: { value: text } };
  if (text.startsWith("'")) return text.length > 1 ? { content: { value: text.slice(1) } } : { content: {} };
  if (text === '') return { content: {} };
  if (plainText) return { content: { value: text } };
  if (NUMBER.test(text)) return { content: { value: Number(text) } };
  if (GROUPED_NUMBER.test(text)) return { content: { value: Number(text.replace(/,/g, '')) } };
  if (/^(true|false)$/i.test(text)) return { content: { value: text.toLowerCase() === 'true' } };
  const us = US_DATE.exec(text);
  if (us) {
    const [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (validDay(year, month, day)) {
      return { content: { value: { date: zonedMidnight(year, month, day, timeZone) } }, autoFormat: TYPED_DATE_FORMAT };
    }
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (validDay(year, month, day)) {
      return { content: { value: { date: zonedMidnight(year, month, day, timeZone) } }, autoFormat: TYPED_ISO_FORMAT };
    }
  }
  if (/^[+-]./.test(text)) return { content: { formula: `=${text}` } };
  return { content: { value: text } };
}

/**
 * What setValue(s) stores for a script value. `keepApostrophe`: a leading apostrophe written into a
 * plain-text cell is kept as content (Sheets does not document which it does; see PlainTextApostrophe).
 */
export function enterValue(value: unknown, timeZone: string, plainText: boolean, keepApostrophe = false): Entered {
  if (value === null || value === undefined) return { content: {} };
  if (typeof value === 'string') return enterText(value, timeZone, plainText, keepApostrophe);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to a cell.`);
    return { content: { value } };
  }
  if (typeof value === 'boolean') return { content: { value } };
  if (isDate(value)) {
    const ms = dateMs(value);
    if (Number.isNaN(ms)) throw new Error('Cannot write an invalid Date to a cell.');
    return { content: { value: { date: ms } }, autoFormat: SCRIPT_DATE_FORMAT };
  }
  throw new Error(`Cannot write a value of type ${Object.prototype.toString.call(value).slice(8, -1)} to a cell.`);
}

export function isDateValue(value: CellValue | undefined): value is DateValue {
  return typeof value === 'object';
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A date's spreadsheet serial number: days since 1899-12-30 on the spreadsheet's wall clock. */
function dateSerial(ms: number, timeZone: string): number {
  return (ms + zoneOffset(ms, timeZone) - SERIAL_EPOCH) / 86_400_000;
}

/** The text Sheets shows for a cell (formulas are not evaluated, so they show ''). */
export function displayText(value: CellValue | undefined, numberFormat: string, timeZone: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  const pattern = javaPatternOf(numberFormat);
  // A date cell whose format is not a date format shows its serial number, as in Sheets.
  return pattern === null ? String(dateSerial(value.date, timeZone)) : formatJavaDate(value.date, timeZone, pattern);
}

const FORMAT_TOKEN = /"[^"]*"|\\.|am\/pm|y+|m+|d+|h+|s+|[^ymdhs"\\]+/gi;

/** Translates a Sheets date number format into a Java pattern; null when it has no date or time part. */
function javaPatternOf(format: string): string | null {
  const tokens = format.match(FORMAT_TOKEN) ?? [];
  const kind = (t: string | undefined): string => (t && /^[ymdhs]/i.test(t) ? t.charAt(0).toLowerCase() : '');
  if (!tokens.some((t) => kind(t) !== '')) return null;
  const twelveHour = tokens.some((t) => t.toLowerCase() === 'am/pm');
  let out = '';
  tokens.forEach((token, i) => {
    const k = kind(token);
    const n = token.length;
    if (k === 'y') out += n <= 2 ? 'yy' : 'yyyy';
    else if (k === 'd') out += n <= 2 ? 'd'.repeat(n) : n === 3 ? 'EEE' : 'EEEE';
    else if (k === 'h') out += (twelveHour ? 'h' : 'H').repeat(Math.min(n, 2));
    else if (k === 's') out += 's'.repeat(Math.min(n, 2));
    else if (k === 'm') {
      // 'm' is minutes right after an hour or right before seconds, otherwise the month.
      const before = kind(
        tokens
          .slice(0, i)
          .reverse()
          .find((t) => kind(t) !== ''),
      );
      const after = kind(tokens.slice(i + 1).find((t) => kind(t) !== ''));
      out += before === 'h' || after === 's' ? 'm'.repeat(Math.min(n, 2)) : 'M'.repeat(Math.min(n, 4));
    } else if (token.toLowerCase() === 'am/pm') out += 'a';
    else out += quoteLiteral(token.startsWith('"') ? token.slice(1, -1) : token.startsWith('\\') ? token.slice(1) : token);
  });
  return out;
}

function quoteLiteral(text: string): string {
  return /[A-Za-z']/.test(text) ? `'${text.replace(/'/g, "''")}'` : text;
}

/** Sheets' ascending order: numbers and dates, then text (case-insensitive), then booleans. Blanks, always last, are the caller's concern. */
export function compareCells(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue): number => (typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 0);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { sensitivity: 'base' });
  const num = (v: CellValue): number => (isDateValue(v) ? v.date : Number(v));
  return num(a) - num(b);
}
