import { describe, expect, it } from 'vitest';
import { changedRuns, eitherPattern, namingPattern, rowsSharingKeys, searchTies, wholeCellPattern } from '../../src/core/liveCheck';

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('the patterns live validation hands to TextFinder', () => {
  it('match a whole cell holding one of the values, spaces around and capitals aside, and nothing longer', () => {
    const re = new RegExp(wholeCellPattern(['ana.lee+x@sdsu.edu', "O'Brien", 'Lee'])!, 'iu');
    for (const text of ['ana.lee+x@sdsu.edu', ' ANA.LEE+X@SDSU.EDU\u00a0', "o'brien", 'lee']) expect(re.test(text), text).toBe(true);
    for (const text of ['xana.lee+x@sdsu.edu', 'ana.leexx@sdsu.edu', 'ana.lee+x@sdsu.edux', 'Leeann', 'anaXlee+x@sdsu.edu']) {
      expect(re.test(text), text).toBe(false);
    }
    expect(wholeCellPattern(['', ''])).toBeNull();
  });

  it('find a check text that names one of the rows, and not a row whose number merely starts the same', () => {
    const re = new RegExp(eitherPattern(null, namingPattern([5, 12]))!, 'iu');
    expect(re.test('Email a@b.org is also on row 3, 12: each partner goes on one row only')).toBe(true);
    expect(re.test('Ready | Warning: Same name as a@b.org in row 5: check it is not the same person')).toBe(true);
    expect(re.test('Email a@b.org is also on row 3, 125: each partner')).toBe(false);
    expect(re.test('Email a@b.org is also on row 55')).toBe(false);
    expect(namingPattern([])).toBeNull();
  });
});

describe('searchTies', () => {
  it('ties rows holding an edited email or naming an edited row; rows with its last name only may be namesakes', () => {
    const found = [
      { row: 7, column: 4 }, // the edited row's own email
      { row: 7, column: 2 },
      { row: 9, column: 4 }, // another row with that email
      { row: 11, column: 18 }, // a check naming row 7
      { row: 12, column: 2 }, // the same last name
      { row: 13, column: 1 }, // the email as a UserID only: not a rule across rows
      { row: 1, column: 4 },
    ];
    expect(searchTies(found, new Set([7]))).toEqual({ tied: [9, 11], sameLastName: [12] });
  });
});

describe('rowsSharingKeys', () => {
  it('finds the rows with an email or a full name of the targets, capitals aside', () => {
    const all = [
      { row: 2, email: 'ana@x.org', first: 'Ana', last: 'Lee' },
      { row: 3, email: 'ANA@x.org', first: 'Bo', last: 'Chu' },
      { row: 4, email: 'cy@x.org', first: 'ana', last: 'LEE' },
      { row: 5, email: 'dee@x.org', first: 'Ana', last: '' },
    ];
    expect([...rowsSharingKeys([all[0]!], all)].sort()).toEqual([2, 3, 4]);
  });
});

describe('changedRuns', () => {
  const written = (next: (string | null)[]) => (i: number) => `w:${next[i]}`;

  it('writes only the cells whose text changes, joining runs over blank cells only', () => {
    const read = ['ana@x.org', 'Lee', '', '', 'active', '', 'x'];
    const next = ['ana@x.org', 'Lee', 'Changeme1!', '', 'Active', '', 'x'];
    expect(changedRuns(read, next, written(next), iso)).toEqual([{ column: 3, values: ['w:Changeme1!', '', 'w:Active'] }]);
  });

  it('never writes back a cell with content that does not change, nor a formula, even when its result reads blank', () => {
    const read = ['', 'True', '', ''];
    const next = ['a', 'True', null, 'b'];
    expect(changedRuns(read, next, written(next), iso)).toEqual([
      { column: 1, values: ['w:a'] },
      { column: 4, values: ['w:b'] },
    ]);
  });

  it("reads a kept apostrophe as Sheets' marker, and spaces as a change to tidy", () => {
    const read = ["'True", ' Lee', new Date('2026-11-20T12:00:00Z')];
    const next = ['True', 'Lee', '2026-11-20'];
    expect(changedRuns(read, next, written(next), iso)).toEqual([{ column: 2, values: ['w:Lee'] }]);
  });
});
