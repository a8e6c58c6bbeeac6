/** getSummary: the sidebar's overview of both template tabs and the registry, in one read of each. */
import { registryCounts, type RegistryRead } from '../core/registry';
import { failure } from '../core/types';
import type { TemplateTab } from '../core/columns';
import { learnersOf, projectActive, type LoopIndex } from '../core/batches';
import { TABS } from '../core/tabs';
import { readLoop, stampOf } from './batchSheets';
import { dueCount } from './compliance';
import { validateTemplateTab } from './templateValidation';
import { readRegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function tabCounts(spreadsheet: Spreadsheet, tab: TemplateTab, registry: RegistryRead | null, index: LoopIndex) {
  const report = validateTemplateTab(spreadsheet, tab, registry, index);
  if (!report) return null;
  const { rows, ready } = report.check;
  // Rows with an error, not problems: the Overview's columns add up (Rows = Ready + Errors).
  return { rows, ready, errors: rows - ready };
}

export function getSummary() {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const registry = readRegistrySheet(spreadsheet);
  const loop = readLoop(spreadsheet, stampOf(spreadsheet));
  const creation = tabCounts(spreadsheet, 'creation', registry?.read ?? null, loop.index);
  const archival = tabCounts(spreadsheet, 'archival', registry?.read ?? null, loop.index);
  if (!creation || !archival || !registry) {
    const missing = (
      [
        [TABS.creation.sheet, creation],
        [TABS.archival.sheet, archival],
        [TABS.registry.sheet, registry],
      ] as const
    )
      .filter(([, found]) => !found)
      .map(([name]) => `"${name}"`);
    return failure(
      'NO_TAB',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: run "Set up templates" from the add-on menu.`,
    );
  }
  const settings = loadSettings();
  const pending = { create: 0, archive: 0, reactivate: 0 };
  const key = { creation: 'create', archival: 'archive', reactivation: 'reactivate' } as const;
  for (const batch of loop.open) pending[key[batch.kind]] += learnersOf(loop.rows.learners, batch.batchId).length;
  const { projectedBefore } = projectActive({
    registry: registry.read.entries.map((e) => e.learner),
    county: settings.county,
    openBatches: loop.open.map((b) => ({ kind: b.kind, learners: learnersOf(loop.rows.learners, b.batchId) })),
  });
  return {
    ok: true as const,
    creation,
    archival,
    registry: registryCounts(registry.read.entries),
    activeCap: settings.activeCap,
    registryProblems: registry.read.problems,
    pending,
    openBatches: loop.open.length,
    staleBatches: loop.open.filter((b) => b.stale).length,
    dueForArchival: dueCount(spreadsheet, registry, settings, loop),
    projectedActive: projectedBefore,
    available: settings.activeCap === null ? null : settings.activeCap - projectedBefore,
  };
}
