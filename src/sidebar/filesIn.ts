/**
 * Files in, in the sidebar: loading a file onto a template tab (preview the mapping, then load),
 * and comparing the registry with an LMS export. One server call per action, and what the admin
 * is told about it (as actions.ts does for the rest); plain data, no DOM.
 */
import { HEADERS, type ColumnName, type TemplateTab } from '../core/columns';
import { toCsv } from '../core/csv';
import { MAX_FILE_BYTES } from '../core/fileLimits';
import { TABS } from '../core/tabs';
import type { Learner, Problem } from '../core/types';
import { failed, notice, type Notice, type Outcome } from './actions';
import { plural } from './model';
import type { Server } from './server';

type Source = string | { sheet: string };

/** A file larger than the server takes is refused here, before it is sent. */
export function tooLarge(size: number): { ok: false; notice: Notice; code: string } | null {
  return size > MAX_FILE_BYTES
    ? {
        ok: false,
        code: 'BAD_FILE',
        notice: notice('error', 'The file is larger than 5 MB. Split it into smaller files. Nothing was loaded.'),
      }
    : null;
}

// ---------------------------------------------------------------- loading a file onto a tab

/** One column of the file and where it goes ('' = left out). */
export interface MappingRow {
  fileHeader: string;
  target: ColumnName | '';
}

export interface LoadPreview {
  added: number;
  mapping: MappingRow[];
  skipped: Problem[];
}

/** The file's columns, those that load first (in the order of the 17 columns), then those left out. */
export function mappingRows(columns: Partial<Record<ColumnName, string>>, ignoredColumns: readonly string[]): MappingRow[] {
  return [
    ...HEADERS.flatMap((name) => (columns[name] === undefined ? [] : [{ fileHeader: columns[name] as string, target: name }])),
    ...ignoredColumns.map((fileHeader) => ({ fileHeader, target: '' as const })),
  ];
}

/** The admin's choices as importCsv's `mapping`: every import column named, '' where none loads into it. */
export function mappingOf(rows: readonly MappingRow[]): Record<string, string> {
  const mapping: Record<string, string> = Object.fromEntries(HEADERS.map((h) => [h, '']));
  for (const row of rows) if (row.target) mapping[row.target] = row.fileHeader;
  return mapping;
}

export interface LoadOptions {
  asArchival: boolean;
  mapping?: Record<string, string>;
}

export async function previewLoad(
  server: Server,
  tab: TemplateTab,
  text: string,
  options: LoadOptions,
): Promise<Outcome<{ preview: LoadPreview }>> {
  const result = await server.importCsv(tab, text, { ...options, dryRun: true });
  if (!result.ok) return failed(result);
  const { added, columns, ignoredColumns, skipped } = result;
  const already = skipped.length ? `; ${plural(skipped.length, 'row')} already on the tab will be skipped` : '';
  const text_ = `${plural(added, 'row')} to load onto the ${TABS[tab].label} tab${already}. Check where each column of the file goes, then Load.`;
  return {
    ok: true,
    preview: { added, mapping: mappingRows(columns, ignoredColumns), skipped },
    notice: notice(added > 0 ? 'success' : 'warning', text_, skipped),
  };
}

export async function load(server: Server, tab: TemplateTab, text: string, options: LoadOptions): Promise<Outcome<object>> {
  const result = await server.importCsv(tab, text, options);
  if (!result.ok) return failed(result);
  const { added, firstRow, lastRow, skipped } = result;
  const where = added > 0 ? ` (rows ${firstRow}–${lastRow})` : '';
  const skippedText = skipped.length
    ? ` ${plural(skipped.length, 'row')} already on the tab ${skipped.length === 1 ? 'was' : 'were'} skipped.`
    : '';
  return {
    ok: true,
    notice: notice(
      skipped.length ? 'warning' : 'success',
      `Loaded ${plural(added, 'row')} onto the ${TABS[tab].label} tab${where}, checked and marked: Validate lists what to fix.${skippedText}`,
      skipped,
    ),
  };
}

// ---------------------------------------------------------------- comparing with the LMS

type Reconciled = Extract<Awaited<ReturnType<Server['reconcileLms']>>, { ok: true }>;

export interface LmsItem {
  userId: string;
  name: string;
  email: string;
  /** What differs, in words. */
  detail: string;
  /** Why it cannot be taken, or '' when it can be ticked. */
  blocked: string;
}

export interface LmsSection {
  key: 'onlyInLms' | 'statusDiffers' | 'detailsDiffer' | 'elsewhere' | 'onlyInRegistry';
  title: string;
  hint: string;
  items: LmsItem[];
}

const fullName = (l: Pick<Learner, 'firstName' | 'lastName' | 'email'>): string => `${l.firstName} ${l.lastName}`.trim() || l.email;

function item(learner: Learner, detail: string, blocked = ''): LmsItem {
  return { userId: learner.userId, name: fullName(learner), email: learner.email, detail, blocked };
}

/** The lists of a comparison, each with what it likely means; empty lists left out. */
export function lmsSections(result: Reconciled): LmsSection[] {
  const sections: LmsSection[] = [
    {
      key: 'onlyInLms',
      title: 'Only in the LMS',
      hint: 'Made in the LMS directly (Add Learner, or another admin). Taking them adds them to the registry.',
      items: result.onlyInLms.map((l) =>
        item(l, `${l.status} in the LMS`, l.employeeType ? '' : 'The file has no EmployeeType column, so its county is unknown.'),
      ),
    },
    {
      key: 'statusDiffers',
      title: 'Another status in the LMS',
      hint: 'Archived or reactivated in the LMS directly.',
      items: result.statusDiffers.map((d) => item(d.learner, `Registry: ${d.learner.status} · LMS: ${d.lmsStatus}`)),
    },
    {
      key: 'detailsDiffer',
      title: 'Other details in the LMS',
      hint: 'Names or hire date changed in the LMS.',
      items: result.detailsDiffer.map((d) =>
        item(
          d.learner,
          `Registry: ${fullName(d.learner)}, ${d.learner.dateHire || 'no hire date'} · LMS: ${fullName(d.lms)}, ${d.lms.dateHire || 'no hire date'}`,
        ),
      ),
    },
    {
      key: 'elsewhere',
      title: 'Held by another county in the LMS',
      hint: 'Known here, but the LMS has the account under another county: check before creating it again. Taking it records that county, so it no longer counts here.',
      items: result.elsewhere.map((e) => item(e.learner, `LMS: ${e.lmsEmployeeType}`)),
    },
    {
      key: 'onlyInRegistry',
      title: 'Only in the registry',
      hint: 'The LMS does not have them: most likely their import failed. Nothing is deleted; put them back on the Creation tab to upload them again.',
      items: result.onlyInRegistry.map((l) => item(l, `${l.status} in the registry`, 'Not in the LMS: nothing to take.')),
    },
  ];
  return sections.filter((s) => s.items.length > 0);
}

export async function compareLms(server: Server, source: Source): Promise<Outcome<{ result: Reconciled; sections: LmsSection[] }>> {
  const result = await server.reconcileLms(source);
  if (!result.ok) return failed(result);
  const sections = lmsSections(result);
  const differences = sections.reduce((n, s) => n + s.items.length, 0);
  const batches = result.batchesSeen.map(
    (b) =>
      ` The LMS already shows ${plural(b.learners.length, 'learner')} of open batch ${b.batchId} as uploaded: you can confirm that batch.`,
  );
  const text =
    `Compared ${result.compared} of your county's learners (${result.statuses.join(' and ') || 'no'} statuses in the file); ` +
    `${differences === 0 ? 'the registry agrees with the LMS' : `${plural(differences, 'difference')} below`}; ${plural(result.ignored, 'row')} of other counties or unreadable ignored.${batches.join('')}`;
  return { ok: true, result, sections, notice: notice(differences > 0 ? 'warning' : 'success', text, result.registryProblems) };
}

export async function takeLms(
  server: Server,
  source: Source,
  userIds: string[],
  asOf: string,
  fileName: string,
): Promise<Outcome<{ changed: number }>> {
  // No date given: the server takes today, in the spreadsheet's time zone.
  const result = await server.applyLms(source, userIds, { ...(asOf ? { asOf } : {}), ...(fileName ? { fileName } : {}) });
  if (!result.ok) return failed(result);
  return {
    ok: true,
    changed: result.changed,
    notice: notice(
      result.problems.length ? 'warning' : 'success',
      `The registry took the LMS's values for ${plural(result.changed, 'learner')}, effective ${asOf || 'today'}; each change is in the Registry Log.`,
      result.problems,
    ),
  };
}

/** Learners only in the registry, back on the Creation tab: a creation file of them, loaded as any file. */
export function creationFileOf(learners: readonly Learner[]): string {
  const columns: ColumnName[] = ['UserID', 'LastName', 'FirstName', 'Email', 'Affiliation', 'EmployeeType', 'DateHire'];
  return toCsv([columns, ...learners.map((l) => [l.userId, l.lastName, l.firstName, l.email, l.affiliation, l.employeeType, l.dateHire])]);
}

export async function putBack(server: Server, learners: readonly Learner[]): Promise<Outcome<object>> {
  return load(server, 'creation', creationFileOf(learners), { asArchival: false });
}
