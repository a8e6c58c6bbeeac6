import { describe, expect, it } from 'vitest';
import { formatIsoDate, hasTwoDigitYear, parseDateText } from '../../src/core/dates';

describe('dates', () => {
  it('reads typed dates in US and ISO form', () => {
    expect(parseDateText('11/28/2026')).toBe('2026-11-28');
    expect(parseDateText('1/5/2026')).toBe('2026-01-05');
    expect(parseDateText('2026-02-28')).toBe('2026-02-28');
  });

  it('reads two-digit years as 20YY, and says which dates had one', () => {
    expect(parseDateText('2/3/26')).toBe('2026-02-03');
    expect(parseDateText('12/31/99')).toBe('2099-12-31');
    expect(['2/3/26', '2/3/2026', '2026-02-03'].map(hasTwoDigitYear)).toEqual([true, false, false]);
  });

  it('refuses what is no real date', () => {
    expect(parseDateText('2/29/2026')).toBeNull();
    expect(parseDateText('2/29/2028')).toBe('2028-02-29');
    expect(parseDateText('13/01/2026')).toBeNull();
    expect(parseDateText('28/11/2026')).toBeNull();
    expect(parseDateText('2026-11-31')).toBeNull();
    expect(parseDateText('next Tuesday')).toBeNull();
    expect(parseDateText('46000')).toBeNull();
  });

  it('writes each date format', () => {
    expect(formatIsoDate('2026-01-05', 'MM/DD/YYYY')).toBe('01/05/2026');
    expect(formatIsoDate('2026-01-05', 'M/D/YYYY')).toBe('1/5/2026');
    expect(formatIsoDate('2026-01-05', 'YYYY-MM-DD')).toBe('2026-01-05');
  });
});
