/**
 * RFC 4180 CSV: comma separated, CRLF between records, a field quoted when it holds a comma, a
 * quote or a line break, quotes doubled inside. No line break after the last record, so no
 * importer can read a trailing blank row (papaparse.unparse writes the same).
 */

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** One pass of string appends: V8 joins them without copying, faster than map and join. */
export function toCsv(records: readonly (readonly string[])[]): string {
  let out = '';
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as readonly string[];
    if (i > 0) out += '\r\n';
    for (let j = 0; j < record.length; j++) {
      const value = record[j] as string;
      if (j > 0) out += ',';
      out += NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
    }
  }
  return out;
}

/**
 * Reads CSV text (RFC 4180 with any one-character separator): quoted fields may hold the
 * separator, doubled quotes and line breaks; CRLF, LF and CR all end a record. Returns the
 * records, and the 1-based record where a quote opens and never closes (0 when none).
 * Written here rather than taken from papaparse: papaparse names setTimeout and URL, which Apps
 * Script lacks, and would be a fifth of dist/Code.js.
 */
export function parseCsv(text: string, separator: string): { rows: string[][]; unclosedQuoteRow: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoteOpenedIn = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' && field === '' && quoteOpenedIn === 0) {
      quoteOpenedIn = rows.length + 1;
      i += 1;
      while (i < text.length) {
        const q = text[i] as string;
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          quoteOpenedIn = 0;
          i += 1;
          break;
        } else {
          field += q;
          i += 1;
        }
      }
      if (quoteOpenedIn !== 0) return { rows: [...rows, [...row, field]], unclosedQuoteRow: quoteOpenedIn };
      continue;
    }
    if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += c;
    }
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, unclosedQuoteRow: 0 };
}
