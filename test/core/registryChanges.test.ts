import { describe, expect, it } from 'vitest';
import { newBatchLearners, statusFileValues, type Record17 } from '../../src/core/batches';
import { readRegistry } from '../../src/core/registry';
import { addDays } from '../../src/core/dates';
import { applyToRegistry } from '../../src/core/registryChanges';
import { creationRecord, registryRow } from '../fixtures';

const creation = (rows: Record17[], ends: string[] = []) =>
  newBatchLearners(
    'B-20261129-1',
    'creation',
    rows.map((values, i) => ({ values, activityEnds: ends[i] ?? '' })),
  );
const options = { kind: 'creation' as const, batchId: 'B-20261129-1', effective: '2026-11-25', activityDays: null };

describe('applyToRegistry', () => {
  it('adds new learners as Active with their DateHire, and logs each with the batch and the effective date', () => {
    const registry = readRegistry([]);
    const result = applyToRegistry(
      registry,
      creation([creationRecord('ana@sdsu.edu', 'Ana', 'Lee'), creationRecord('bo@sdsu.edu', 'Bo', 'Chu')]),
      options,
    );
    expect(result.added).toEqual([
      {
        userId: 'ana@sdsu.edu',
        firstName: 'Ana',
        lastName: 'Lee',
        email: 'ana@sdsu.edu',
        employeeType: 'Riverside County Community Partner',
        affiliation: 'California Community Partners',
        status: 'Active',
        dateHire: '2026-11-20',
        archivedOn: '',
        activityEnds: '',
        openBatch: '',
      },
      expect.objectContaining({ email: 'bo@sdsu.edu' }),
    ]);
    expect(result.changes).toEqual([]);
    expect(result.log).toEqual([
      {
        action: 'added',
        userId: 'ana@sdsu.edu',
        details: 'Added as Active (Riverside County Community Partner)',
        batch: 'B-20261129-1',
        effective: '2026-11-25',
      },
      {
        action: 'added',
        userId: 'bo@sdsu.edu',
        details: 'Added as Active (Riverside County Community Partner)',
        batch: 'B-20261129-1',
        effective: '2026-11-25',
      },
    ]);
    // The registry given is not changed: the shell writes what the result says.
    expect(registry.entries).toEqual([]);
  });

  it('changes only the cells that differ: a rename, a reactivation; a learner as recorded is unchanged', () => {
    const registry = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', '2026-01-10', '2026-06-30'),
      registryRow('cy@sdsu.edu', 'Cy', 'Ng', 'Active', '2026-01-10'),
    ]);
    const result = applyToRegistry(
      registry,
      creation([
        creationRecord('ANA@sdsu.edu', 'Ana', 'Lee-Park'),
        creationRecord('bo@sdsu.edu', 'Bo', 'Chu'),
        creationRecord('cy@sdsu.edu', 'Cy', 'Ng'),
      ]),
      options,
    );
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['updated', 'reactivated', 'unchanged']);
    expect(result.changes).toEqual([
      { row: 2, cells: { lastName: 'Lee-Park' } },
      { row: 3, cells: { status: 'Active', archivedOn: '' } },
    ]);
    expect(result.log.map((l) => [l.action, l.details])).toEqual([
      ['updated', 'LastName Lee → Lee-Park'],
      ['reactivated', 'Status Archived → Active; ArchivedOn 2026-06-30 → (blank)'],
    ]);
  });

  it('archives with the effective date, leaves the Archived alone, and adds an unknown learner as Archived', () => {
    const registry = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', '2026-01-10', '2026-06-30'),
    ]);
    const learners = newBatchLearners(
      'B-20261129-2',
      'archival',
      [
        ['ana@sdsu.edu', 'Ana', 'Lee'],
        ['bo@sdsu.edu', 'Bo', 'Chu'],
        ['cy@sdsu.edu', 'Cy', 'Ng'],
      ].map(([e, f, l]) => ({
        values: statusFileValues(
          { ...readRegistry([registryRow(e as string, f as string, l as string, 'Active', '2026-01-10')]).entries[0]!.learner },
          'Archived',
        ),
      })),
    );
    const result = applyToRegistry(registry, learners, { ...options, kind: 'archival', batchId: 'B-20261129-2' });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['archived', 'unchanged', 'archived']);
    expect(result.changes).toEqual([{ row: 2, cells: { status: 'Archived', archivedOn: '2026-11-25' } }]);
    expect(result.added).toMatchObject([{ email: 'cy@sdsu.edu', status: 'Archived', archivedOn: '2026-11-25', dateHire: '' }]);
  });

  it('defaults ActivityEnds: column S when given, else DateHire + days for a new account, the effective date + days for a reactivation', () => {
    const registry = readRegistry([[...registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Archived', '2026-01-10', '2026-06-30'), '2026-06-30']]);
    const learners = creation(
      [creationRecord('ana@sdsu.edu', 'Ana', 'Lee'), creationRecord('bo@sdsu.edu', 'Bo', 'Chu'), creationRecord('cy@sdsu.edu', 'Cy', 'Ng')],
      ['', '', '2027-03-01'],
    );
    const withDays = applyToRegistry(registry, learners, { ...options, activityDays: 90 });
    // 2026-11-20 + 90 days = 2027-02-18; 2026-11-25 + 90 = 2027-02-23.
    expect(withDays.added.map((l) => [l.email, l.activityEnds])).toEqual([
      ['ana@sdsu.edu', '2027-02-18'],
      ['cy@sdsu.edu', '2027-03-01'],
    ]);
    expect(withDays.changes).toEqual([{ row: 2, cells: { status: 'Active', archivedOn: '', activityEnds: '2027-02-23' } }]);
    const without = applyToRegistry(registry, learners, options);
    expect(without.added.map((l) => l.activityEnds)).toEqual(['', '2027-03-01']);
    // The old activity's end does not carry over into a reactivation.
    expect(without.changes).toEqual([{ row: 2, cells: { status: 'Active', archivedOn: '', activityEnds: '' } }]);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('reactivation makes an Archived learner Active, and leaves an Active one as it is', () => {
    const registry = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Archived', '2026-01-10', '2026-06-30'),
      registryRow('bo@sdsu.edu', 'Bo', 'Chu', 'Active', '2026-01-10'),
    ]);
    const learners = newBatchLearners(
      'B-20261129-3',
      'reactivation',
      registry.entries.map((e) => ({ values: statusFileValues(e.learner, 'Active') })),
    );
    const result = applyToRegistry(registry, learners, { ...options, kind: 'reactivation', batchId: 'B-20261129-3' });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['reactivated', 'unchanged']);
    expect(result.changes).toEqual([{ row: 2, cells: { status: 'Active', archivedOn: '' } }]);
  });

  it('returns a known email under another county as a conflict and changes nothing for it', () => {
    const registry = readRegistry([registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Active', '2026-01-10', '', 'Kern')]);
    const result = applyToRegistry(registry, creation([creationRecord('ana@sdsu.edu', 'Ana', 'Lee')]), options);
    expect(result.outcomes).toEqual([{ email: 'ana@sdsu.edu', outcome: 'conflict' }]);
    expect(result.conflicts).toMatchObject([
      { column: 'EmployeeType', message: expect.stringMatching(/under Kern County Community Partner/) },
    ]);
    expect([result.changes, result.added, result.log]).toEqual([[], [], []]);
  });

  it('reports namesakes in the registry as it will be, the same batch included', () => {
    const registry = readRegistry([
      registryRow('ana@sdsu.edu', 'Ana', 'Lee', 'Archived', '2026-01-10', '2026-01-01', 'Kern'),
      registryRow('zed@sdsu.edu', 'Zed', 'Young', 'Active', '2026-01-10'),
    ]);
    const result = applyToRegistry(
      registry,
      creation([
        creationRecord('ana.lee@gmail.com', 'ana', 'LEE'),
        // Two new rows of one name under two emails.
        creationRecord('mo@x.org', 'Mo', 'Diaz'),
        creationRecord('mo.diaz@y.org', 'Mo', 'Diaz'),
        // A rename and its namesake arriving together.
        creationRecord('zed@sdsu.edu', 'Rae', 'Kim'),
        creationRecord('rae@x.org', 'Rae', 'Kim'),
      ]),
      // As a sync gives them: each learner's template row (the file's row here).
      { ...options, sourceOf: (l) => ({ tab: 'creation', row: l.row }) },
    );
    // Each names the learner and its namesakes by email (duplicates.ts words the message).
    const named = result.possibleDuplicates.map((p) => [p.row, (p.message.match(/[\w.]+@[\w.]+\w/g) ?? []).join(' ')]);
    expect(named).toEqual([
      [2, 'ana.lee@gmail.com ana@sdsu.edu'],
      // Two new rows of one name under two emails.
      [3, 'mo@x.org mo.diaz@y.org'],
      [4, 'mo.diaz@y.org mo@x.org'],
      // A rename and its namesake arriving together.
      [5, 'zed@sdsu.edu rae@x.org'],
      [6, 'rae@x.org zed@sdsu.edu'],
    ]);
  });
});
