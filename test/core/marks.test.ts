import { describe, expect, it } from 'vitest';
import { HEADERS } from '../../src/core/columns';
import { CHECK_HEADER, FILL, checkColumnText, dataRowMarks, headerRowMarks, isExpectedFill, plainFills } from '../../src/core/marks';
import type { Problem } from '../../src/core/types';

const error = (column: string, message: string): Problem => ({ tab: 'creation', row: 4, column, severity: 'error', message });
const warning = (column: string, message: string): Problem => ({ tab: 'creation', row: 4, column, severity: 'warning', message });
const col = (name: string): number => HEADERS.indexOf(name as never);

describe('checkColumnText', () => {
  it('says Ready, Ready with warnings, or the errors first', () => {
    expect(checkColumnText([])).toBe('Ready');
    expect(checkColumnText([warning('', 'Same name as b@x.org in row 7.')])).toBe('Ready | Warning: Same name as b@x.org in row 7.');
    expect(checkColumnText([warning('EmployeeType', 'Kern, not Riverside.'), error('Email', 'Not an email.')])).toBe(
      'Not an email. | Warning: Kern, not Riverside.',
    );
  });
});

describe('dataRowMarks', () => {
  it('marks errors red and warnings orange, with the message as the note', () => {
    const marks = dataRowMarks('creation', [error('Email', 'Not an email.'), warning('EmployeeType', 'Kern, not Riverside.')], false);
    expect(marks.fills[col('Email')]).toBe(FILL.error);
    expect(marks.notes[col('Email')]).toBe('Not an email.');
    expect(marks.fills[col('EmployeeType')]).toBe(FILL.warning);
    expect(marks.notes[col('EmployeeType')]).toBe('Warning: Kern, not Riverside.');
    expect(marks.fills[col('LastName')]).toBe(FILL.yellow);
    expect(marks.fills[col('OrganizationName')]).toBe(FILL.white);
    // The check cell takes the worst severity of the row.
    expect(marks.fills[17]).toBe(FILL.error);
  });

  it('marks a cell red when it has an error and a warning, and lists both in its note', () => {
    const marks = dataRowMarks('creation', [warning('Email', 'Known.'), error('Email', 'Twice.')], false);
    expect(marks.fills[col('Email')]).toBe(FILL.error);
    expect(marks.notes[col('Email')]).toBe('Twice.\nWarning: Known.');
  });

  it('gives a row-wide warning to the check cell only', () => {
    const marks = dataRowMarks('archival', [warning('', 'Same name.')], false);
    expect(marks.fills).toEqual([...plainFills('archival').slice(0, 17), FILL.warning]);
    expect(marks.notes.every((n) => n === '')).toBe(true);
  });

  it('leaves a blank row plain, with an empty check', () => {
    expect(dataRowMarks('creation', [], true)).toEqual({ fills: plainFills('creation'), notes: Array(18).fill(''), check: '' });
  });
});

describe('headerRowMarks', () => {
  it('marks a wrong header cell, and says what is wrong in R1 or keeps its title', () => {
    const marks = headerRowMarks([{ tab: 'creation', row: 1, column: 'Password', severity: 'error', message: 'E must be Password.' }]);
    expect(marks.fills[col('Password')]).toBe(FILL.error);
    expect(marks.fills[0]).toBe(FILL.header);
    expect(marks.check).toBe('E must be Password.');
    expect(headerRowMarks([]).check).toBe(CHECK_HEADER);
  });
});

describe('isExpectedFill', () => {
  it('accepts the plain fill and live marks, and nothing else', () => {
    expect([FILL.yellow, FILL.error, FILL.warning, FILL.white, '#00ff00'].map((f) => isExpectedFill(f, FILL.yellow))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
