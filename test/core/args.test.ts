import { describe, expect, it } from 'vitest';
import { api } from '../../src/addon/api';
import { ARGS, parseArgs } from '../../src/core/args';

describe('server function arguments', () => {
  it('every server function has its arguments described', () => {
    expect(Object.keys(api).filter((name) => !(name in ARGS))).toEqual([]);
  });

  it('passes good arguments on, optional ones left out', () => {
    expect(parseArgs('selectCell', ['registry', 3, 'Status'])).toEqual({ ok: true, values: ['registry', 3, 'Status'] });
    expect(parseArgs('previewArchiveByDomain', ['sdsu.edu'])).toEqual({ ok: true, values: ['sdsu.edu', undefined] });
    // An option added later is passed on, not dropped.
    expect(parseArgs('exportCsv', ['creation', { rows: [2, 3], dryRun: true }])).toEqual({
      ok: true,
      values: ['creation', { rows: [2, 3], dryRun: true }],
    });
  });

  it('names the wrong one', () => {
    expect(parseArgs('exportCsv', ['creation', { rows: [1] }])).toMatchObject({
      error: { code: 'BAD_ARGUMENT', message: 'exportCsv: options.rows[0] must be a sheet row number from 2, not 1.' },
    });
    expect(parseArgs('selectCell', ['creation', 2.5, 'Email'])).toMatchObject({
      error: { message: 'selectCell: row must be a whole number (the sheet row, like 7), not 2.5.' },
    });
  });
});
