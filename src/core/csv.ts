/**
 * RFC 4180 CSV: comma separated, CRLF between records, a field quoted when it holds a comma, a
 * quote or a line break, quotes doubled inside. No line break after the last record, so no
 * importer can read a trailing blank row (papaparse.unparse writes the same).
 */

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

export function toCsv(records: readonly (readonly string[])[]): string {
  const lines = new Array<string>(records.length);
  for (let i = 0; i < records.length; i++) {
    lines[i] = (records[i] as readonly string[]).map(field).join(',');
  }
  return lines.join('\r\n');
}
