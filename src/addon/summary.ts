/** getSummary: the sidebar's overview of both template tabs and the registry, in one read of each. */
import { registryCounts, type RegistryRead } from '../core/registry';
import { failure } from '../core/types';
import type { TemplateTab } from '../core/columns';
import { dueCount } from './compliance';
import { checkTemplateTab } from './importFile';
import { readRegistrySheet } from './registrySheet';
import { loadSettings } from './settingsStore';
import { TAB_NAMES } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function tabCounts(spreadsheet: Spreadsheet, tab: TemplateTab, registry: RegistryRead | null) {
  const report = checkTemplateTab(spreadsheet, tab, registry);
  if (!report) return null;
  const { rows, ready } = report.check;
  // Rows with an error, not problems: the Overview's columns add up (Rows = Ready + Errors).
  return { rows, ready, errors: rows - ready };
}

export function getSummary() {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const registry = readRegistrySheet(spreadsheet);
  const creation = tabCounts(spreadsheet, 'creation', registry?.read ?? null);
  const archival = tabCounts(spreadsheet, 'archival', registry?.read ?? null);
  if (!creation || !archival || !registry) {
    const missing = (
      [
        [TAB_NAMES.creation, creation],
        [TAB_NAMES.archival, archival],
        [TAB_NAMES.registry, registry],
      ] as const
    )
      .filter(([, found]) => !found)
      .map(([name]) => `"${name}"`);
    return failure(
      'NO_TAB',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: run "Set up templates" from the add-on menu.`,
    );
  }
  return {
    ok: true as const,
    creation,
    archival,
    registry: registryCounts(registry.read.entries),
    activeCap: loadSettings().activeCap,
    registryProblems: registry.read.problems,
    dueForArchival: dueCount(spreadsheet, registry),
  };
}
