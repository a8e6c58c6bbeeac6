/** A1 notation: column letters, and parsing of 'Sheet'!A1:B2 with the open-ended forms Sheets accepts. */

export interface Bounds {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnToLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

export function formatA1(b: Bounds): string {
  const start = columnToLetters(b.col) + b.row;
  if (b.numRows === 1 && b.numCols === 1) return start;
  return `${start}:${columnToLetters(b.col + b.numCols - 1)}${b.row + b.numRows - 1}`;
}

export interface ParsedA1 {
  sheetName: string | null;
  /** Resolves the reference against a sheet's size: 'A2:Q' runs to the last row, 'A:Q' covers all rows. */
  resolve(maxRows: number, maxCols: number): Bounds;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

export function parseA1(notation: string): ParsedA1 {
  let ref = notation.trim();
  let sheetName: string | null = null;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = ref.slice(0, bang);
    if (sheetName.startsWith("'") && sheetName.endsWith("'") && sheetName.length >= 2) {
      sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    }
    ref = ref.slice(bang + 1);
  }
  const [first, second, extra] = ref.split(':');
  const start = CELL.exec(first ?? '');
  const end = second === undefined ? start : CELL.exec(second);
  if (!start || !end || extra !== undefined || ref === '' || second === '') throw rangeNotFound();
  const [, c1 = '', r1 = ''] = start;
  const [, c2 = '', r2 = ''] = end;
  // A single reference must be a full cell; a pair may omit rows (columns) on both ends, or the end row only.
  const single = second === undefined;
  if (single && (c1 === '' || r1 === '')) throw rangeNotFound();
  if (!single && ((c1 === '') !== (c2 === '') || (r1 === '' && r2 !== ''))) throw rangeNotFound();
  return {
    sheetName,
    resolve(maxRows, maxCols) {
      const rowA = r1 === '' ? 1 : Number(r1);
      const rowB = r2 === '' ? maxRows : Number(r2);
      const colA = c1 === '' ? 1 : lettersToColumn(c1);
      const colB = c2 === '' ? maxCols : lettersToColumn(c2);
      if (rowA < 1 || rowB < 1) throw rangeNotFound();
      return {
        row: Math.min(rowA, rowB),
        col: Math.min(colA, colB),
        numRows: Math.abs(rowB - rowA) + 1,
        numCols: Math.abs(colB - colA) + 1,
      };
    },
  };
}

function rangeNotFound(): Error {
  return new Error('Range not found');
}
