/** syncRegistry, previewArchiveByDomain, archiveLearners, reactivateLearners, findLearners (api.md). */
import { HEADERS } from '../core/columns';
import { toCsv } from '../core/csv';
import {
  describeChange,
  emailKey,
  findInRegistry,
  learnersInDomain,
  mergeIntoRegistry,
  parseDomain,
  type LogEntry,
  type RegistryEntry,
} from '../core/registry';
import { learnerFileProblems } from '../core/learnerCheck';
import { failure, type Learner, type Problem } from '../core/types';
import { checkTemplateTab, importFilename } from './importFile';
import { markTab } from './liveValidation';
import { withDocumentLock } from './lock';
import { addToArchivalTab, appendLog, archivalFields, readRegistrySheet, writeRegistry } from './registrySheet';
import { loadSettings } from './settingsStore';
import { TAB_NAMES, TEMPLATE_TABS, dateReader, readActivityEnds, today } from './tabs';

function noRegistry() {
  return failure('NO_TAB', `There is no "${TAB_NAMES.registry}" tab yet: run "Set up templates" from the add-on menu.`);
}

export function syncRegistry() {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const registry = readRegistrySheet(spreadsheet);
    if (!registry) return noRegistry();
    const tabs = TEMPLATE_TABS.flatMap((tab) => {
      const report = checkTemplateTab(spreadsheet, tab, registry.read);
      if (!report) return [];
      const creation = tab === 'creation' ? spreadsheet.getSheetByName(TAB_NAMES.creation) : null;
      const activityEnds = creation ? readActivityEnds(creation, dateReader(spreadsheet)) : undefined;
      return [{ tab, checks: report.check.checks, problems: report.check.problems, activityEnds }];
    });
    const merge = mergeIntoRegistry(registry.read, tabs, today(spreadsheet), loadSettings().activityDays);
    writeRegistry(registry, merge.changed);
    appendLog(spreadsheet, merge.log);
    const { added, updated, reactivated, archived, unchanged, skipped, conflicts, possibleDuplicates } = merge;
    return {
      ok: true as const,
      added,
      updated,
      reactivated,
      archived,
      unchanged,
      skipped,
      conflicts,
      possibleDuplicates,
      registryProblems: registry.read.problems,
    };
  });
}

export function previewArchiveByDomain(domainText: string, options?: { includeSubdomains?: boolean }) {
  const domain = parseDomain(String(domainText ?? ''));
  if (!domain) {
    return failure('BAD_DOMAIN', `"${String(domainText ?? '')}" is not an email domain: type the part after the @, like sdsu.edu.`);
  }
  const registry = readRegistrySheet(SpreadsheetApp.getActiveSpreadsheet());
  if (!registry) return noRegistry();
  const learners = learnersInDomain(registry.read.entries, domain, options?.includeSubdomains === true).map((e) => e.learner);
  return { ok: true as const, domain, learners, registryProblems: registry.read.problems };
}

/** The sidebar's search shows a page of matches; more than 50 means the admin should type more. */
const FIND_LIMIT = 50;

export function findLearners(query: string) {
  const registry = readRegistrySheet(SpreadsheetApp.getActiveSpreadsheet());
  if (!registry) return noRegistry();
  return {
    ok: true as const,
    learners: findInRegistry(registry.read.entries, String(query ?? ''), FIND_LIMIT),
    registryProblems: registry.read.problems,
  };
}

type StatusChange = 'archive' | 'reactivate';

/**
 * Archives or reactivates learners by UserID. Safe to repeat: a learner already in the target
 * status is not counted again but is still in the CSV (and on the Archival tab), so a run cut
 * short can be finished by running it again.
 */
function changeStatus(userIds: unknown, change: StatusChange) {
  if (!Array.isArray(userIds) || userIds.some((id) => typeof id !== 'string')) {
    return failure('BAD_ARGUMENT', 'Choose the learners to change by their UserIDs.');
  }
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const registry = readRegistrySheet(spreadsheet);
    if (!registry) return noRegistry();
    const date = today(spreadsheet);
    const target = change === 'archive' ? 'Archived' : 'Active';
    const problems: Problem[] = [];
    const chosen: RegistryEntry[] = [];
    const changed: RegistryEntry[] = [];
    const log: LogEntry[] = [];
    const seen = new Set<string>();
    for (const id of userIds as string[]) {
      const key = emailKey(id);
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = registry.read.byEmail.get(key);
      if (!entry) {
        const unreadableRow = registry.read.unreadable.get(key);
        problems.push({
          tab: 'registry',
          row: unreadableRow ?? 0,
          column: unreadableRow ? '' : 'UserID',
          severity: 'error',
          message:
            unreadableRow === undefined
              ? `${id} is not in the registry, so it was not ${change === 'archive' ? 'archived' : 'reactivated'}.`
              : `${id} is on registry row ${unreadableRow}, which the add-on cannot read: fix that row, then try again.`,
        });
        continue;
      }
      // Nothing unchecked goes into a file: a learner whose registry values break the template's rules is left out.
      const unfit = learnerFileProblems(entry.learner, entry.row);
      if (unfit.length > 0) {
        for (const p of unfit) problems.push(p);
        continue;
      }
      chosen.push(entry);
      if (entry.learner.status === target) continue;
      const before = entry.learner;
      entry.learner = { ...before, status: target, archivedOn: target === 'Archived' ? date : '' };
      changed.push(entry);
      log.push({
        action: change === 'archive' ? 'archived' : 'reactivated',
        userId: before.userId,
        details: describeChange(before, entry.learner),
      });
    }
    if (chosen.length === 0)
      return failure('BAD_ARGUMENT', 'None of the chosen learners is in the registry: nothing was changed.', problems);
    writeRegistry(registry, changed);
    const learners: Learner[] = chosen.map((e) => e.learner);
    if (change === 'archive') {
      const archival = addToArchivalTab(spreadsheet, learners);
      if (archival) markTab(spreadsheet, archival.sheet, 'archival', archival.rows, registry.read);
    }
    appendLog(spreadsheet, log);
    const csv = toCsv([
      [...HEADERS],
      ...learners.map((l) => {
        const fields = archivalFields(l, target);
        return HEADERS.map((h) => fields[h]);
      }),
    ]);
    const filename = importFilename(change === 'archive' ? 'archival' : 'reactivation', loadSettings(), date);
    return { ok: true as const, changed: changed.length, learners, filename, csv, problems };
  });
}

export function archiveLearners(userIds: string[]) {
  const result = changeStatus(userIds, 'archive');
  if (!result.ok) return result;
  const { changed, ...rest } = result;
  return { ...rest, archived: changed };
}

export function reactivateLearners(userIds: string[]) {
  const result = changeStatus(userIds, 'reactivate');
  if (!result.ok) return result;
  const { changed, ...rest } = result;
  return { ...rest, reactivated: changed };
}
