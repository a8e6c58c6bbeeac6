import { describe, expect, it } from 'vitest';
import { asText, cellText } from '../../src/core/text';

describe('cellText', () => {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  it('trims ordinary and non-breaking spaces', () => {
    expect(cellText('\u00a0 Ana Lee \t', iso)).toBe('Ana Lee');
  });
  it("reads one leading apostrophe as Sheets' text marker, whether Sheets kept it or not", () => {
    expect(['True', "'True", "''True", "'-ana@sdsu.edu"].map((v) => cellText(v, iso))).toEqual(['True', 'True', "'True", '-ana@sdsu.edu']);
  });
  it('reads blanks, numbers, booleans and dates', () => {
    expect([null, undefined, '', 42, true].map((v) => cellText(v, iso))).toEqual(['', '', '', '42', 'TRUE']);
    expect(cellText(new Date('2026-11-28T12:00:00Z'), iso)).toBe('2026-11-28');
  });
});

describe('asText', () => {
  it('leaves ordinary text as it is', () => {
    for (const text of ['', 'Ana', "O'Brien", 'ana@sdsu.edu', 'Riverside County Community Partner', 'Changeme1!'])
      expect(asText(text)).toBe(text);
  });
  it('keeps Sheets from parsing formulas, numbers, dates and booleans', () => {
    for (const text of ['=HYPERLINK("x")', '+1', '-ana@x.org', '@x', "'quoted", '00123', '1/2/2026', '2026-01-02', 'TRUE', 'false']) {
      expect(asText(text), text).toBe(`'${text}`);
    }
  });
  it('keeps Sheets from parsing a number in exponent notation (1e5 is stored as 100000)', () => {
    for (const text of ['1e5', '1E5', '2.5e-3', '.5E+2', ' 1e5 ']) expect(asText(text), text).toBe(`'${text}`);
    for (const text of ['e5', 'Lee5', '1e', 'Bree']) expect(asText(text), text).toBe(text);
  });
});
