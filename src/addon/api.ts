/**
 * The server functions the sidebar calls through google.script.run (api.md). Each takes and
 * returns JSON values only and answers an admin's mistake with { ok: false }, never a throw.
 */
import type { TemplateTab } from '../core/columns';
import { HEADERS } from '../core/columns';
import { parseSettings } from '../core/settings';
import { failure, type SettingsInput } from '../core/types';
import { guarded } from './guard';
import { badTab, cancelBatch, clearDoneRows, confirmBatch, exportCsv, getBatch, getBatchFile, listBatches, noTab } from './batches';
import { checkTemplateTab } from './importFile';
import { archiveLearners, findLearners, previewArchiveByDomain, reactivateLearners, syncRegistry } from './registryActions';
import { loadSettings, storeSettings } from './settingsStore';
import { REGISTRY_HEADERS } from '../core/registry';
import { setupAllTabs } from './setup';
import { getSummary } from './summary';
import { TAB_NAMES, isTemplateTab } from './tabs';

export const api = {
  setupTemplates: guarded('setupTemplates', () => ({ ok: true as const, ...setupAllTabs() })),

  validateTab: guarded('validateTab', (tab: TemplateTab) => {
    if (!isTemplateTab(tab)) return badTab(tab);
    const report = checkTemplateTab(SpreadsheetApp.getActiveSpreadsheet(), tab);
    if (!report) return noTab(TAB_NAMES[tab]);
    const { rows, ready, problems } = report.check;
    return { ok: true as const, tab, rows, ready, problems };
  }),

  exportCsv: guarded('exportCsv', exportCsv),
  listBatches: guarded('listBatches', listBatches),
  getBatch: guarded('getBatch', getBatch),
  getBatchFile: guarded('getBatchFile', getBatchFile),
  confirmBatch: guarded('confirmBatch', confirmBatch),
  cancelBatch: guarded('cancelBatch', cancelBatch),
  clearDoneRows: guarded('clearDoneRows', clearDoneRows),

  syncRegistry: guarded('syncRegistry', syncRegistry),
  previewArchiveByDomain: guarded('previewArchiveByDomain', previewArchiveByDomain),
  archiveLearners: guarded('archiveLearners', archiveLearners),
  reactivateLearners: guarded('reactivateLearners', reactivateLearners),
  findLearners: guarded('findLearners', findLearners),
  getSummary: guarded('getSummary', getSummary),

  getSettings: guarded('getSettings', () => ({ ok: true as const, settings: loadSettings() })),

  saveSettings: guarded('saveSettings', (input: SettingsInput) => {
    const parsed = parseSettings(input);
    if (!parsed.settings) return failure('BAD_SETTINGS', 'Some settings need fixing; nothing was saved.', parsed.problems);
    storeSettings(parsed.settings);
    return { ok: true as const, settings: parsed.settings };
  }),

  selectCell: guarded('selectCell', (tab: TemplateTab | 'registry', row: number, column: string) => {
    if (!isTemplateTab(tab) && tab !== 'registry') return badTab(tab);
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TAB_NAMES[tab]);
    if (!sheet) return noTab(TAB_NAMES[tab]);
    if (!Number.isInteger(row) || row < 1) return failure('BAD_ARGUMENT', `Row ${String(row)} is not a row of the sheet.`);
    const headers: readonly string[] = tab === 'registry' ? REGISTRY_HEADERS : HEADERS;
    sheet.getRange(row, Math.max(headers.indexOf(column), 0) + 1).activate();
    return { ok: true as const };
  }),
};

export type Api = typeof api;
