import { describe, expect, it } from 'vitest';
import { HEADERS, type ColumnName } from '../../src/core/columns';
import { REGISTRY_HEADERS, emailInDomain, learnersInDomain, parseDomain, readRegistry, registryWarnings } from '../../src/core/registry';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { validateRows } from '../../src/core/validate';
import { creationRecord, registryRow, templateRow } from '../fixtures';
import { registryHeadersInApiDoc } from '../apiDoc';

type Fields = Partial<Record<ColumnName, string>>;

function tab(kind: 'creation' | 'archival', rows: Fields[]) {
  return validateRows(
    kind,
    [...HEADERS],
    rows.map((f, i) => ({ row: i + 2, cells: templateRow(f) })),
    DEFAULT_SETTINGS,
  );
}

describe('readRegistry', () => {
  it('keys learners by lower-cased email', () => {
    const read = readRegistry([registryRow('Ana@SDSU.edu', 'Ana', 'Lee', 'Active', '2026-01-10')]);
    expect(read.problems).toEqual([]);
    expect(read.byEmail.get('ana@sdsu.edu')?.row).toBe(2);
  });

  it('reports a broken row, and skips blank rows, without dropping the others', () => {
    const read = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
      ['', '', '', '', '', '', '', '', ''],
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Actve', '2026-01-10'),
      registryRow('ANA@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Archived', '2026-01-10', 'yesterday', 'Kern'),
    ]);
    expect(read.entries.map((e) => e.row)).toEqual([2]);
    expect(read.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'Status'],
      [5, 'Email'],
      [6, 'ArchivedOn'],
    ]);
    expect(read.problems[1]!.message).toMatch(/already in the registry on row 2/);
    // The duplicate's problem lists the row it repeats, and only that one names another row.
    expect(read.problems.map((p) => p.relatedRows)).toEqual([undefined, [2], undefined]);
  });

  it('has the headers of api.md', () => {
    // The required ones: all but the optional ActivityEnds, which comes last.
    expect([...REGISTRY_HEADERS, 'ActivityEnds']).toEqual(registryHeadersInApiDoc());
  });
});

describe('archive by domain', () => {
  it('reads a domain as typed, and refuses a malformed one', () => {
    expect(parseDomain(' @SDSU.edu ')).toBe('sdsu.edu');
    expect(parseDomain('mail.sdsu.edu')).toBe('mail.sdsu.edu');
    for (const bad of ['', 'sdsu', 'sd su.edu', 'ana@sdsu.edu', '*.edu', '-x.org', 'sdsu..edu']) expect(parseDomain(bad), bad).toBeNull();
  });

  it('matches the domain exactly, sub-domains only when asked', () => {
    expect(emailInDomain('ana@SDSU.EDU', 'sdsu.edu', false)).toBe(true);
    expect(emailInDomain('ana@notsdsu.edu', 'sdsu.edu', true)).toBe(false);
    expect(emailInDomain('ana@mail.sdsu.edu', 'sdsu.edu', false)).toBe(false);
    expect(emailInDomain('ana@mail.sdsu.edu', 'sdsu.edu', true)).toBe(true);
  });

  it('chooses only Active partner accounts', () => {
    const read = readRegistry([
      registryRow('a@sdsu.edu', 'A', 'A', 'Active', '2026-01-10'),
      registryRow('b@sdsu.edu', 'B', 'B', 'Archived', '2026-01-10', '2026-01-01'),
      [...registryRow('c@sdsu.edu', 'C', 'C', 'Active', '2026-01-10').slice(0, 5), 'County Staff', 'Active', '', ''],
      registryRow('d@notsdsu.edu', 'D', 'D', 'Active', '2026-01-10'),
    ]);
    expect(learnersInDomain(read.entries, 'sdsu.edu', true).map((e) => e.learner.email)).toEqual(['a@sdsu.edu']);
  });
});

describe('registryWarnings', () => {
  const registry = () =>
    readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', '2026-01-10', '2026-02-01'),
    ]);

  it('warns on the Creation tab about a learner already Active, or one the row will reactivate', () => {
    const { checks } = tab('creation', [
      creationRecord('ANA@sdsu.edu', 'Ana', 'Lee'),
      creationRecord('bo@sdsu.edu', 'Bo', 'Chu'),
      creationRecord('cy@sdsu.edu', 'Cy', 'Ng'),
    ]);
    expect(registryWarnings('creation', checks, registry(), 'M/D/YYYY')).toEqual([
      {
        tab: 'creation',
        row: 2,
        column: 'Email',
        severity: 'warning',
        message:
          'ana@sdsu.edu is already Active in the registry since 1/10/2026: check the partner does not have an account already, or remove this row.',
      },
      {
        tab: 'creation',
        row: 3,
        column: 'Email',
        severity: 'warning',
        message:
          'bo@sdsu.edu is Archived in the registry since 2/1/2026: this row will reactivate the account. Remove the row if the partner should stay archived.',
      },
    ]);
  });

  it('says nothing on the Archival tab', () => {
    const { checks } = tab('archival', [
      { ...creationRecord('ana@sdsu.edu', 'Ana', 'Lee'), Password: '', DateHire: '', Status: 'Archived' },
    ]);
    expect(registryWarnings('archival', checks, registry(), 'MM/DD/YYYY')).toEqual([]);
  });
});
