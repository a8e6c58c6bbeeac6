/** Turning sheet cells into trimmed text, and keeping text from becoming a formula. */

/** Spaces the trim must also remove: pasted text often carries non-breaking ones. */
const EDGE_SPACE = /^[\s\u00a0\u2007\u202f\ufeff]+|[\s\u00a0\u2007\u202f\ufeff]+$/g;

export function trimText(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

export function isDateValue(value: unknown): value is Date {
  // Dates from the sheet may come from another realm (gas-local), where instanceof fails.
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A cell as trimmed text. Date cells become 'YYYY-MM-DD' through `isoOfDate`, which the shell
 * makes from the spreadsheet's time zone. One leading apostrophe of a text cell is Sheets' text
 * marker, not content: whether Sheets keeps the one asText writes into a plain-text cell is not
 * documented (domain.md, "Text in cells"), so it is read the same either way.
 */
export function cellText(value: unknown, isoOfDate: (date: Date) => string): string {
  if (value === null || value === undefined) return '';
  if (isDateValue(value)) return Number.isNaN(value.getTime()) ? '' : isoOfDate(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return trimText(String(value).replace(/^'/, ''));
}

/** Characters that make a spreadsheet treat a typed value as a formula (CSV injection). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that Sheets would not store as typed: a formula, a number (1e5 too), a date or a boolean. */
const SHEETS_WOULD_PARSE = /^(?:[=+\-@'\t\r]|[\d\s.,:/$%()-]+$|\s*(?:\d+\.?\d*|\.\d+)e[+-]?\d+\s*$|true$|false$)/i;

/**
 * Text as setValues must be given it to store exactly that text. A leading apostrophe makes
 * Sheets keep the rest literally; it is added only where Sheets would otherwise turn the text
 * into a formula, a number, a date or a boolean, so ordinary text is written as it is.
 */
export function asText(value: string): string {
  return SHEETS_WOULD_PARSE.test(value) ? `'${value}` : value;
}

/** Whether a value read with getValues, written back as it is, stays exactly the same (text Sheets would parse does not). */
export function writesBackUnchanged(value: unknown): boolean {
  return typeof value !== 'string' || asText(value) === value;
}

/** A value read with getValues, as it must be written back to stay the same. */
export function asWritten(value: unknown): unknown {
  return typeof value === 'string' ? asText(value) : value;
}

/** Sheets' limit on the characters of one cell (domain.md, "Text in cells"). */
export const MAX_CELL = 50_000;

/** Text cut to `max` characters, ending with "…" when cut, so a long message still fits a cell. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A value quoted in a message: long ones are cut, so a 50,000-character cell never makes a 50,000-character message. */
export function shown(value: string): string {
  return clip(value, 60);
}

/** Bytes of the text in UTF-8 (Apps Script has no TextEncoder): what the properties quota counts. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** 1234567 → "1,234,567" (no Intl: Apps Script's locale support is not to be relied on). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
