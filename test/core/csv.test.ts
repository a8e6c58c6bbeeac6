import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../src/core/csv';

describe('toCsv (RFC 4180)', () => {
  it('separates by commas and records by CRLF, with no line break after the last record', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('a,b\r\nc,d');
  });

  it('quotes a field with a comma, a quote or a line break, doubling quotes inside', () => {
    expect(toCsv([['King, Jr.', 'say "hi"', 'two\nlines', 'cr\rhere', "O'Brien", 'José']])).toBe(
      '"King, Jr.","say ""hi""","two\nlines","cr\rhere",O\'Brien,José',
    );
  });

  it('keeps empty fields', () => {
    expect(toCsv([['', 'x', '']])).toBe(',x,');
  });

  it('reads back through an independent parser unchanged', () => {
    const records = [
      ['UserID', 'Name'],
      ['a@x.org', 'King, "Bud" Jr.'],
      ['b@x.org', 'Nguyễn\r\nThị'],
    ];
    const parsed = Papa.parse<string[]>(toCsv(records), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(records);
  });
});

describe('parseCsv', () => {
  it('reads quoted separators, doubled quotes and line breaks, and CRLF, LF or CR record ends', () => {
    const text = 'a;b\r\n"King; Jr.";"say ""hi"""\n"two\r\nlines";x\ry;';
    expect(parseCsv(text, ';')).toEqual({
      rows: [
        ['a', 'b'],
        ['King; Jr.', 'say "hi"'],
        ['two\r\nlines', 'x'],
        ['y', ''],
      ],
      unclosedQuoteRow: 0,
    });
  });

  it('names the record where a quote opens and never closes', () => {
    expect(parseCsv('a,b\nc,d\n"e,f\ng,h', ',').unclosedQuoteRow).toBe(3);
  });
});
