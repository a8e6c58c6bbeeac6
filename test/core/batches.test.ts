import { describe, expect, it } from 'vitest';
import {
  batchCsv,
  batchFilename,
  isStale,
  loopProblems,
  newBatchLearners,
  nextBatchId,
  parseBatch,
  projectActive,
  statusFileValues,
  type BatchKind,
} from '../../src/core/batches';
import { HEADERS } from '../../src/core/columns';
import { PENDING, parseRowState } from '../../src/core/rowState';
import type { Learner } from '../../src/core/types';
import { validateRows } from '../../src/core/validate';
import { SETTINGS, creationRow } from '../fixtures';

const learner = (email: string, status: Learner['status'], county = 'Riverside'): Learner => ({
  userId: email,
  firstName: 'Ana',
  lastName: 'Lee',
  email,
  employeeType: `${county} County Community Partner`,
  affiliation: 'California Community Partners',
  status,
  dateHire: '2026-01-10',
  archivedOn: '',
  activityEnds: '',
  openBatch: '',
});

const batchOf = (kind: BatchKind, emails: string[], county = 'Riverside') =>
  newBatchLearners(
    'B-20261129-1',
    kind,
    emails.map((e) => ({ values: statusFileValues(learner(e, 'Active', county), kind === 'archival' ? 'Archived' : 'Active') })),
  );

describe('batch ids and files', () => {
  it('counts the day’s batches, and never reuses a number', () => {
    expect(nextBatchId([], '2026-11-29')).toBe('B-20261129-1');
    // B-…-2 was cancelled: its number stays taken.
    expect(nextBatchId(['B-20261128-7', 'B-20261129-1', 'B-20261129-2'], '2026-11-29')).toBe('B-20261129-3');
    expect(batchFilename('creation', 'San Luis Obispo', 'B-20261129-3')).toBe('cacwt-creation-san-luis-obispo-B-20261129-3.csv');
    expect(batchFilename('reactivation', '', 'B-20261129-3')).toBe('cacwt-reactivation-no-county-B-20261129-3.csv');
  });

  it('writes the reactivation file as the archival columns with Status Active, no password or DateHire', () => {
    const csv = batchCsv(batchOf('reactivation', ['ana@sdsu.edu']));
    expect(csv).toBe(
      `${HEADERS.join(',')}\r\nana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Active,California Community Partners,,Riverside County Community Partner,,,,,,,,`,
    );
  });

  it('is stale once open for more than 7 days', () => {
    expect(isStale('open', '2026-11-20T09:00', '2026-11-27T09:00')).toBe(false);
    expect(isStale('open', '2026-11-20T09:00', '2026-11-27T09:01')).toBe(true);
    expect(isStale('confirmed', '2026-01-01T09:00', '2026-11-27T09:01')).toBe(false);
    expect(isStale('open', '2026-01-01T09:00', '')).toBe(false);
  });

  it('reads a batch row, refusing rows that are no batch', () => {
    const cells = ['B-20261129-1', 'creation', '2026-11-29T10:15', 'pat@x.gov', '3', 'f.csv', 'open', '', '', '', ''];
    expect(parseBatch(cells, 2, '2026-11-29T11:00')).toMatchObject({
      batchId: 'B-20261129-1',
      rows: 3,
      status: 'open',
      stale: false,
      sheetRow: 2,
    });
    expect(parseBatch(['Batch 1', ...cells.slice(1)], 3, '')).toBeNull();
    expect(parseBatch([...cells.slice(0, 6), 'pending', ...cells.slice(7)], 3, '')).toBeNull();
  });
});

describe('projectActive', () => {
  const registry = [
    learner('a@x.org', 'Active'),
    learner('b@x.org', 'Active'),
    learner('c@x.org', 'Archived'),
    learner('k@x.org', 'Active', 'Kern'),
  ];

  it('starts from the county’s registry and applies the open batches in export order, then the file', () => {
    const input = {
      registry,
      county: 'Riverside',
      openBatches: [
        // archive a and c (c is not Active: nothing changes), then reactivate a again: Active.
        { kind: 'archival' as const, learners: batchOf('archival', ['a@x.org', 'c@x.org']) },
        { kind: 'reactivation' as const, learners: batchOf('reactivation', ['A@X.org']) },
        // A Kern learner in a file does not count for Riverside.
        { kind: 'creation' as const, learners: [...batchOf('creation', ['n@x.org']), ...batchOf('creation', ['m@x.org'], 'Kern')] },
      ],
    };
    // Registry: a, b Active (k is Kern). After the batches: a, b, n.
    expect(projectActive(input)).toEqual({ projectedBefore: 3, projectedActive: 3 });
    expect(projectActive(input, { kind: 'creation', learners: batchOf('creation', ['b@x.org', 'p@x.org']) })).toEqual({
      projectedBefore: 3,
      projectedActive: 4,
    });
    // No county set: every learner counts (k, m too).
    expect(projectActive({ ...input, county: '' }).projectedBefore).toBe(5);
  });

  it('leaves out learners the log reported as failed', () => {
    const failed = batchOf('creation', ['n@x.org', 'o@x.org']).map((l, i) => ({
      ...l,
      verdict: i === 0 ? ('failed' as const) : ('applied' as const),
    }));
    const decided = batchOf('creation', ['p@x.org']).map((l) => ({ ...l, verdict: 'unclear' as const, decision: 'failed' as const }));
    expect(
      projectActive({ registry, county: 'Riverside', openBatches: [{ kind: 'creation', learners: [...failed, ...decided] }] })
        .projectedBefore,
    ).toBe(3);
  });
});

describe('loopProblems', () => {
  it('makes a failed row an error with the log line, and a learner in an open batch an error naming it', () => {
    const rows = [
      { row: 2, cells: creationRow('ana@sdsu.edu', 'Ana', 'Lee').map(String) },
      { row: 3, cells: creationRow('bo@sdsu.edu', 'Bo', 'Chu').map(String) },
      { row: 4, cells: creationRow('cy@sdsu.edu', 'Cy', 'Ng').map(String) },
    ];
    const { checks } = validateRows('creation', [...HEADERS], rows, SETTINGS);
    const states = new Map([[2, parseRowState('failed B-20261128-1: Row 2: email already exists')]]);
    const problems = loopProblems('creation', checks, (row) => states.get(row) ?? PENDING, {
      open: new Set(['B-20261129-4']),
      learnerBatch: new Map([['bo@sdsu.edu', 'B-20261129-4']]),
    });
    expect(problems).toEqual([
      {
        tab: 'creation',
        row: 2,
        column: '',
        severity: 'error',
        message:
          'ana@sdsu.edu failed in B-20261128-1: "Row 2: email already exists". Fix the row as the import log says (editing it clears this), then export it again.',
      },
      {
        tab: 'creation',
        row: 3,
        column: 'Email',
        severity: 'error',
        message:
          'bo@sdsu.edu is in B-20261129-4, which waits for its import log: record that log (or cancel the batch) before exporting this learner again.',
      },
    ]);
  });
});
