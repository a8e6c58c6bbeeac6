import { describe, expect, it } from 'vitest';
import { mapColumns, parseFileText, type ColumnMap, type Table } from '../../src/core/files';
import { lmsChanges, reconcile, type ReconcileContext, type ReconcileState } from '../../src/core/reconcile';
import { readRegistry } from '../../src/core/registry';
import type { Failure } from '../../src/core/types';
import { RECONCILE_REGISTRY, registryRow } from '../fixtures';

function file(text: string): { table: Table; map: ColumnMap } {
  const table = parseFileText(text) as Table;
  return { table, map: mapColumns(table.header) as ColumnMap };
}

/** The shared registry, and Gus, San Diego's. */
const REGISTRY = [...RECONCILE_REGISTRY, registryRow('gus@x.org', 'Gus', 'Ruiz', 'Active', '2026-02-01', '', 'San Diego')];

function context(more: Partial<ReconcileContext> = {}): ReconcileContext {
  return { county: 'Riverside', registry: readRegistry(REGISTRY), onTabsOrBatches: new Set(), openBatches: [], ...more };
}

const R = 'Riverside County Community Partner';
const LMS =
  'User ID,Email,First Name,Last Name,Status,Employee Type,Affiliation\r\n' +
  `ana@x.org,ANA@x.org,Ana,Lee,ACTIVE,${R},California Community Partners\r\n` + // same
  `bo@x.org,bo@x.org,Bo,Chu,ARCHIVED,${R},California Community Partners\r\n` + // archived in the LMS
  `cy@x.org,cy@x.org,Cyrus,Ng,ARCHIVED,${R},California Community Partners\r\n` + // other first name
  `hal@x.org,hal@x.org,Hal,Wu,ACTIVE,${R},California Community Partners\r\n` + // made by hand in the LMS
  'dee@x.org,dee@x.org,Dee,Park,ACTIVE,Orange County Community Partner,California Community Partners\r\n' + // another county
  'ivy@x.org,ivy@x.org,Ivy,Fox,ACTIVE,Orange County Community Partner,California Community Partners\r\n' + // not ours, unknown
  `jo@x.org,jo@x.org,Jo,Kim,PENDING,${R},California Community Partners\r\n`; // a status the registry does not hold

function run(text: string, more: Partial<ReconcileContext> = {}): ReconcileState {
  const { table, map } = file(text);
  const state = reconcile(table, map, context(more));
  if ('ok' in state) throw new Error(state.error.message);
  return state;
}

describe('reconciling an LMS export', () => {
  it('gives each list exactly its learners', () => {
    const { result } = run(LMS);
    const emails = (list: { email: string }[]) => list.map((l) => l.email);
    expect(result.compared).toBe(4);
    expect(result.statuses).toEqual(['Active', 'Archived']);
    expect(emails(result.onlyInLms)).toEqual(['hal@x.org']);
    expect(result.onlyInLms[0]).toMatchObject({ employeeType: R, status: 'Active', firstName: 'Hal' });
    // fay (Active) and eve (Archived) are missing from an export that holds both statuses; gus is San Diego's.
    expect(emails(result.onlyInRegistry)).toEqual(['eve@x.org', 'fay@x.org']);
    expect(result.statusDiffers.map((d) => [d.learner.email, d.lmsStatus])).toEqual([['bo@x.org', 'Archived']]);
    expect(result.detailsDiffer.map((d) => [d.learner.firstName, d.lms.firstName])).toEqual([['Cy', 'Cyrus']]);
    expect(result.elsewhere.map((e) => [e.learner.email, e.lmsEmployeeType])).toEqual([['dee@x.org', 'Orange County Community Partner']]);
    expect(result.ignored).toBe(2); // ivy (Orange, unknown here) and jo (PENDING)
  });

  it('says nothing of Archived learners when the export holds Active ones only', () => {
    const { result } = run(`Email,Status,EmployeeType\r\nana@x.org,Active,${R}`);
    expect(result.statuses).toEqual(['Active']);
    expect(result.onlyInRegistry.map((l) => l.email)).toEqual(['bo@x.org', 'dee@x.org', 'fay@x.org']);
  });

  it('finds a learner of another county known only from a tab or a batch', () => {
    const { result } = run('Email,Status,EmployeeType\r\nivy@x.org,Active,Orange County Community Partner', {
      onTabsOrBatches: new Set(['ivy@x.org']),
    });
    expect(result.elsewhere.map((e) => e.learner.email)).toEqual(['ivy@x.org']);
    expect(result.ignored).toBe(0);
  });

  it('without EmployeeType, compares by Affiliation and lists learners only in the LMS without a county', () => {
    const { result } = run(
      'Email,Status,Affiliation\r\nhal@x.org,Active,California Community Partners\r\nzed@x.org,Active,County Staff\r\ngus@x.org,Active,California Community Partners',
    );
    expect(result.onlyInLms.map((l) => [l.email, l.employeeType])).toEqual([['hal@x.org', '']]);
    expect(result.ignored).toBe(2); // the staff member, and gus whom the registry holds under San Diego
  });

  it('names the learners of open batches the export already shows in the batch target status', () => {
    const { result } = run(LMS, {
      openBatches: [
        { batchId: 'B-20261120-1', kind: 'creation', emails: ['hal@x.org', 'ana@x.org', 'fay@x.org'] },
        { batchId: 'B-20261121-1', kind: 'archival', emails: ['bo@x.org', 'ana@x.org', 'dee@x.org'] },
        { batchId: 'B-20261122-1', kind: 'reactivation', emails: ['cy@x.org'] },
      ],
    });
    expect(result.batchesSeen).toEqual([
      { batchId: 'B-20261120-1', learners: ['hal@x.org', 'ana@x.org'] },
      { batchId: 'B-20261121-1', learners: ['bo@x.org'] },
    ]);
  });

  it('refuses a file without Email or Status', () => {
    const { table, map } = file('Email,FirstName\r\na@x.org,A');
    expect((reconcile(table, map, context()) as Failure).error).toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringContaining('no Status column'),
    });
  });
});

describe('taking the LMS values', () => {
  it('changes exactly the chosen learners, with the date it happened, and adds the missing', () => {
    const state = run(LMS);
    const registry = readRegistry(REGISTRY);
    const out = lmsChanges(state, registry, ['bo@x.org', 'HAL@x.org', 'dee@x.org', 'cy@x.org'], '2026-11-02', 'lms.csv');
    const byEmail = (email: string) => registry.byEmail.get(email)?.learner;
    expect(byEmail('bo@x.org')).toMatchObject({ status: 'Archived', archivedOn: '2026-11-02' });
    expect(byEmail('hal@x.org')).toMatchObject({ status: 'Active', employeeType: R, firstName: 'Hal', lastName: 'Wu' });
    expect(byEmail('dee@x.org')).toMatchObject({ employeeType: 'Orange County Community Partner', status: 'Active' });
    expect(byEmail('cy@x.org')).toMatchObject({ firstName: 'Cyrus', status: 'Archived', archivedOn: '2026-06-30' });
    expect(byEmail('ana@x.org')).toMatchObject({ status: 'Active' });
    expect(out.changed.map((e) => [e.learner.email, e.row])).toEqual([
      ['bo@x.org', 3],
      ['hal@x.org', 0],
      ['dee@x.org', 5],
      ['cy@x.org', 4],
    ]);
    expect(out.log).toEqual([
      {
        action: 'archived',
        userId: 'bo@x.org',
        details: 'Status Active → Archived; ArchivedOn (blank) → 2026-11-02 (from the LMS export "lms.csv", effective 2026-11-02)',
      },
      { action: 'added', userId: 'hal@x.org', details: `Added as Active (${R}) (from the LMS export "lms.csv", effective 2026-11-02)` },
      {
        action: 'updated',
        userId: 'dee@x.org',
        details: `EmployeeType ${R} → Orange County Community Partner (from the LMS export "lms.csv", effective 2026-11-02)`,
      },
      { action: 'updated', userId: 'cy@x.org', details: 'FirstName Cy → Cyrus (from the LMS export "lms.csv", effective 2026-11-02)' },
    ]);
    expect(out.problems).toEqual([]);
  });

  it('deletes nothing: a learner only in the registry, or not in any list, is reported', () => {
    const state = run(LMS);
    const registry = readRegistry(REGISTRY);
    const out = lmsChanges(state, registry, ['fay@x.org', 'ana@x.org', 'nobody@x.org'], '2026-11-02', 'lms.csv');
    expect(out.changed).toEqual([]);
    expect(out.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^fay@x.org is not in the LMS export: .*import failed/),
      'ana@x.org is not among the differences with this LMS export, so it was not changed.',
      'nobody@x.org is not among the differences with this LMS export, so it was not changed.',
    ]);
    expect(registry.entries).toHaveLength(REGISTRY.length);
  });

  it('cannot add a learner whose county the file does not give', () => {
    const state = run('Email,Status\r\nhal@x.org,Active');
    const out = lmsChanges(state, readRegistry(REGISTRY), ['hal@x.org'], '2026-11-02', 'lms.csv');
    expect(out.changed).toEqual([]);
    expect(out.problems[0]?.message).toContain('no EmployeeType column');
  });

  it('taken twice, changes nothing the second time', () => {
    const registry = readRegistry(REGISTRY);
    lmsChanges(run(LMS), registry, ['bo@x.org', 'hal@x.org'], '2026-11-02', 'lms.csv');
    const again = reconcile(file(LMS).table, file(LMS).map, { ...context(), registry }) as ReconcileState;
    expect(again.result.onlyInLms).toEqual([]);
    expect(again.result.statusDiffers).toEqual([]);
    expect(lmsChanges(again, registry, ['bo@x.org', 'hal@x.org'], '2026-11-02', 'lms.csv').changed).toEqual([]);
  });
});
