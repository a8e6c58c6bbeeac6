/**
 * The server functions the sidebar calls through google.script.run (api.md). Each takes and
 * returns JSON values only and answers an admin's mistake with { ok: false }, never a throw.
 */
import type { TemplateTab } from '../core/columns';
import { HEADERS } from '../core/columns';
import { parseSettings } from '../core/settings';
import { failure, type Failure, type SettingsInput } from '../core/types';
import { activeOn, getComplianceMonths, listDueForArchival, logCapChange, updateComplianceReport } from './compliance';
import { guarded } from './guard';
import { checkTemplateTab, csvOf, errorCount, importFilename } from './importFile';
import { archiveLearners, findLearners, previewArchiveByDomain, reactivateLearners, syncRegistry } from './registryActions';
import { loadSettings, storeSettings } from './settingsStore';
import { REGISTRY_HEADERS } from '../core/registry';
import { setupAllTabs } from './setup';
import { getSummary } from './summary';
import { TAB_NAMES, isTemplateTab, today } from './tabs';

function badTab(tab: unknown): Failure {
  return failure('BAD_ARGUMENT', `"${String(tab)}" is not a template tab: use creation or archival.`);
}

function noTab(tab: TemplateTab): Failure {
  return failure('NO_TAB', `There is no "${TAB_NAMES[tab]}" tab yet: run "Set up templates" from the add-on menu.`);
}

export const api = {
  setupTemplates: guarded('setupTemplates', () => ({ ok: true as const, ...setupAllTabs() })),

  validateTab: guarded('validateTab', (tab: TemplateTab) => {
    if (!isTemplateTab(tab)) return badTab(tab);
    const report = checkTemplateTab(SpreadsheetApp.getActiveSpreadsheet(), tab);
    if (!report) return noTab(tab);
    const { rows, ready, problems } = report.check;
    return { ok: true as const, tab, rows, ready, problems };
  }),

  exportCsv: guarded('exportCsv', (tab: TemplateTab) => {
    if (!isTemplateTab(tab)) return badTab(tab);
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const report = checkTemplateTab(spreadsheet, tab);
    if (!report) return noTab(tab);
    const { check, settings } = report;
    const errors = errorCount(check.problems);
    if (errors > 0) {
      const rows = new Set(check.problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;
      return failure(
        'INVALID_ROWS',
        `Not exported: ${errors} ${errors === 1 ? 'problem' : 'problems'} on ${rows} ${rows === 1 ? 'row' : 'rows'} must be fixed first.`,
        check.problems,
      );
    }
    if (check.rows === 0) return failure('EMPTY', `The ${TAB_NAMES[tab]} tab has no learners to export yet.`);
    return {
      ok: true as const,
      tab,
      rows: check.rows,
      filename: importFilename(tab, settings, today(spreadsheet)),
      csv: csvOf(check, settings),
    };
  }),

  syncRegistry: guarded('syncRegistry', syncRegistry),
  previewArchiveByDomain: guarded('previewArchiveByDomain', previewArchiveByDomain),
  archiveLearners: guarded('archiveLearners', archiveLearners),
  reactivateLearners: guarded('reactivateLearners', reactivateLearners),
  findLearners: guarded('findLearners', findLearners),
  getSummary: guarded('getSummary', getSummary),
  listDueForArchival: guarded('listDueForArchival', listDueForArchival),
  activeOn: guarded('activeOn', activeOn),
  getComplianceMonths: guarded('getComplianceMonths', getComplianceMonths),
  updateComplianceReport: guarded('updateComplianceReport', updateComplianceReport),

  getSettings: guarded('getSettings', () => ({ ok: true as const, settings: loadSettings() })),

  saveSettings: guarded('saveSettings', (input: SettingsInput) => {
    const parsed = parseSettings(input);
    if (!parsed.settings) return failure('BAD_SETTINGS', 'Some settings need fixing; nothing was saved.', parsed.problems);
    logCapChange(loadSettings(), parsed.settings);
    storeSettings(parsed.settings);
    return { ok: true as const, settings: parsed.settings };
  }),

  selectCell: guarded('selectCell', (tab: TemplateTab | 'registry', row: number, column: string) => {
    if (!isTemplateTab(tab) && tab !== 'registry') return badTab(tab);
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB_NAMES[tab]);
    if (!sheet) return noTab(tab as TemplateTab);
    if (!Number.isInteger(row) || row < 1) return failure('BAD_ARGUMENT', `Row ${String(row)} is not a row of the sheet.`);
    const headers: readonly string[] = tab === 'registry' ? REGISTRY_HEADERS : HEADERS;
    sheet.getRange(row, Math.max(headers.indexOf(column), 0) + 1).activate();
    return { ok: true as const };
  }),
};

export type Api = typeof api;
