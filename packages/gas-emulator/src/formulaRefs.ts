/** The cell references in a conditional format rule's formula, moved as rows or columns are inserted or deleted. */
import { columnToLetters, lettersToColumn } from './a1';

// A cell reference outside a string literal: not part of a longer name, not a function (LOG10( is one).
const CELL_REF = /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;
const STRING_LITERAL = /("(?:[^"]|"")*")/;

/**
 * The formula once the lines (rows or columns) of its sheet moved. Sheets keeps a rule's formula
 * relative to the top-left cell of its first range: a relative part follows that cell (`delta`, how
 * far it moved), so `=$R2` anchored at A2 reads `=$R4` once two rows are inserted above. An
 * absolute part is a fixed line, moved as any formula's is (`line`, null when the line is deleted:
 * the reference becomes #REF!). Sheets does not document this; it is the reading under which the
 * rule keeps colouring the cells it coloured before.
 */
export function movedFormula(formula: string, axis: 'row' | 'col', delta: number, line: (x: number) => number | null): string {
  return formula
    .split(STRING_LITERAL)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(CELL_REF, (_, colDollar: string, letters: string, rowDollar: string, digits: string) => {
            let col = lettersToColumn(letters);
            let row = Number(digits);
            if (axis === 'row') {
              const moved = rowDollar === '$' ? line(row) : row + delta;
              if (moved === null || moved < 1) return '#REF!';
              row = moved;
            } else {
              const moved = colDollar === '$' ? line(col) : col + delta;
              if (moved === null || moved < 1) return '#REF!';
              col = moved;
            }
            return `${colDollar}${columnToLetters(col)}${rowDollar}${row}`;
          }),
    )
    .join('');
}
