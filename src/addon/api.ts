/**
 * The server functions the sidebar calls through google.script.run (api.md). Each takes and
 * returns JSON values only and answers an admin's mistake with { ok: false }, never a throw.
 */
import { HEADERS, type ColumnName, type TemplateTab } from '../core/columns';
import { parseSettings } from '../core/settings';
import { failure, type SettingsInput } from '../core/types';
import { activeOn, getComplianceMonths, listDueForArchival, logCapChange, updateComplianceReport } from './compliance';
import { applyLms, importCsv, reconcileLms } from './filesIn';
import { guarded } from './guard';
import { cancelBatch, clearDoneRows, confirmBatch, exportCsv, getBatch, getBatchFile, listBatches, noTab } from './batches';
import { validateTemplateTab } from './templateValidation';
import { archiveLearners, findLearners, previewArchiveByDomain, reactivateLearners, syncRegistry } from './registryActions';
import { loadSettings, storeSettings } from './settingsStore';
import { registryHeaderOf } from '../core/registryRead';
import { TABS } from '../core/tabs';
import { withDocumentLock } from './lock';
import { setupAllTabs } from './setup';
import { getSummary } from './summary';

export const api = {
  setupTemplates: guarded('setupTemplates', () => withDocumentLock(() => ({ ok: true as const, ...setupAllTabs() }))),

  validateTab: guarded('validateTab', (tab: TemplateTab) => {
    const report = validateTemplateTab(SpreadsheetApp.getActiveSpreadsheet(), tab);
    if (!report) return noTab(TABS[tab].sheet);
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
  listDueForArchival: guarded('listDueForArchival', listDueForArchival),
  activeOn: guarded('activeOn', activeOn),
  getComplianceMonths: guarded('getComplianceMonths', getComplianceMonths),
  updateComplianceReport: guarded('updateComplianceReport', updateComplianceReport),
  importCsv: guarded('importCsv', importCsv),
  reconcileLms: guarded('reconcileLms', reconcileLms),
  applyLms: guarded('applyLms', applyLms),

  getSettings: guarded('getSettings', () => ({ ok: true as const, settings: loadSettings() })),

  saveSettings: guarded('saveSettings', (input: SettingsInput) => {
    const parsed = parseSettings(input);
    if (!parsed.settings) return failure('BAD_SETTINGS', 'Some settings need fixing; nothing was saved.', parsed.problems);
    const settings = parsed.settings;
    // One property holds the settings whole: a save cut short leaves the old ones or the new.
    return withDocumentLock(() => {
      // The cap's change is logged first, as every change is logged before it is made.
      logCapChange(loadSettings(), settings);
      storeSettings(settings);
      return { ok: true as const, settings };
    });
  }),

  selectCell: guarded('selectCell', (tab: TemplateTab | 'registry', row: number, column: string) => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(TABS[tab].sheet);
    if (!sheet) return failure('NO_TAB', `There is no "${TABS[tab].sheet}" tab yet: run "Set up templates" from the add-on menu.`);
    const rows = sheet.getMaxRows();
    if (row > rows) return failure('BAD_ARGUMENT', `Row ${row} is past the end of the "${TABS[tab].sheet}" tab, which has ${rows} rows.`);
    // The registry's columns are wherever its headers are; a template's are the 17 in order.
    const header = registryHeaderOf(column);
    const index =
      tab !== 'registry'
        ? HEADERS.indexOf(column as ColumnName)
        : header === null
          ? -1
          : (sheet.getSheetValues(1, 1, 1, Math.max(sheet.getLastColumn(), 1))[0] ?? []).findIndex(
              (v) => typeof v === 'string' && registryHeaderOf(v) === header,
            );
    sheet.getRange(row, Math.max(index, 0) + 1).activate();
    return { ok: true as const };
  }),
};

export type Api = typeof api;
