/**
 * Dates as the import file needs them. A sheet's date cell is turned into a calendar date
 * ('YYYY-MM-DD') in the spreadsheet's time zone by the shell (Utilities.formatDate); the core works
 * on calendar dates only, so nothing here depends on the script's or the machine's time zone.
 */
import type { DateFormat } from './types';

export const DATE_FORMATS: readonly DateFormat[] = ['MM/DD/YYYY', 'M/D/YYYY', 'YYYY-MM-DD'];

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A typed date ('2026-11-28', '11/28/2026', '1/5/2026', '2/3/26') as 'YYYY-MM-DD', or null if it
 * is no real date. Two-digit years are 20YY (domain.md); say so where it matters (hasTwoDigitYear).
 */
export function parseDateText(text: string): string | null {
  const iso = ISO.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US.exec(text);
  if (!us) return null;
  const year = (us[3] as string).length === 2 ? 2000 + Number(us[3]) : Number(us[3]);
  return isoOf(year, Number(us[1]), Number(us[2]));
}

/** Was the date typed with a two-digit year ('2/3/26'), so the admin should be told how it was read? */
export function hasTwoDigitYear(text: string): boolean {
  return /^\d{1,2}\/\d{1,2}\/\d{2}$/.test(text);
}

/** 'YYYY-MM-DD' written in the chosen format. */
export function formatIsoDate(iso: string, format: DateFormat): string {
  const [year, month, day] = iso.split('-') as [string, string, string];
  switch (format) {
    case 'YYYY-MM-DD':
      return iso;
    case 'MM/DD/YYYY':
      return `${month}/${day}/${year}`;
    case 'M/D/YYYY':
      return `${Number(month)}/${Number(day)}/${year}`;
  }
}

/** The calendar date `days` after (or before, when negative) an ISO date. */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Matches every cell text (as Sheets shows it) that is not surely a date parseDateText reads:
 * what a registry date column shows in its format (`yyyy-mm-dd`, setup.ts) for a real date of
 * 1900–2999 does not match, anything else does: another length or shape, a month or day that is
 * not one (February 29 included, to stay simple: it is read to be sure), a year out of range, a
 * line break. A TextFinder with it finds, server-side, the only date cells that can make a row
 * unreadable, so the columns need not be read whole (registryLookup.ts). The complement is
 * written out because the search's regular expressions have no look-ahead.
 */
export const NOT_SURELY_A_DATE = [
  '^.{0,9}$',
  '^.{11,}',
  '[\\r\\n]',
  '^[^12]',
  '^1[^9]',
  '^2\\D',
  '^..\\D',
  '^...\\D',
  '^....[^-]',
  '^.....\\D',
  '^......\\D',
  '^.......[^-]',
  '^........\\D',
  '^.........\\D',
  '^.....(?:00|1[3-9]|[2-9]\\d)',
  '^........(?:00|3[2-9]|[4-9]\\d)',
  '^.....02-(?:29|3\\d)',
  '^.....(?:0[469]|11)-31',
].join('|');
