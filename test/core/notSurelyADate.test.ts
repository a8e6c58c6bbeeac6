/**
 * The search that finds registry date cells the add-on may not read (NOT_SURELY_A_DATE): a text it
 * does not match must be one parseDateText reads, or a row would be taken as readable when a full
 * read says it is not. Checked on every date shape near the edges, and on random texts.
 */
import { describe, expect, it } from 'vitest';
import { NOT_SURELY_A_DATE, parseDateText } from '../../src/core/dates';
import { seededRandom } from '../fixtures';

const SEARCH = new RegExp(NOT_SURELY_A_DATE);

/** What the search leaves out must read as a date. */
function expectSafe(text: string): void {
  if (text !== '' && !SEARCH.test(text)) expect(parseDateText(text.trim()), text).not.toBeNull();
}

describe('NOT_SURELY_A_DATE', () => {
  it('leaves out the dates the registry shows in its format, 1900 to 2999, but February 29', () => {
    for (const year of [1900, 1999, 2000, 2026, 2999]) {
      for (let month = 1; month <= 12; month++) {
        const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
        for (let day = 1; day <= days; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(SEARCH.test(text), text).toBe(month === 2 && day === 29);
        }
      }
    }
  });

  it('finds every shape near a date that does not read, or reads only another way', () => {
    const found = [
      '1899-12-31',
      '3000-01-01',
      '0026-01-10',
      '2026-00-10',
      '2026-13-01',
      '2026-01-00',
      '2026-01-32',
      '2026-02-30',
      '2026-02-29',
      '2026-04-31',
      '2026-11-31',
      '2026-1-10',
      '2026/01/10',
      ' 2026-01-10',
      '2026-01-10 ',
      '2026-01-10\n',
      '1/10/2026',
      '45000',
      'TRUE',
      '#N/A',
      'next week',
      "'2026-01-10",
      '20260110',
    ];
    for (const text of found) expect(SEARCH.test(text), text).toBe(true);
  });

  it('never leaves out a text parseDateText cannot read (20,000 random near-dates)', () => {
    const next = seededRandom(7);
    const alphabet = '0123456789-/ 0123456789';
    for (let i = 0; i < 20_000; i++) {
      const length = 8 + Math.floor(next() * 4);
      const text = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expectSafe(text);
      // Mutations of a real date: one character changed.
      const day = new Date(Date.UTC(1890 + Math.floor(next() * 1200), 0, 1 + Math.floor(next() * 400))).toISOString().slice(0, 10);
      const at = Math.floor(next() * 10);
      expectSafe(day);
      expectSafe(day.slice(0, at) + (alphabet[Math.floor(next() * alphabet.length)] as string) + day.slice(at + 1));
    }
  });
});
