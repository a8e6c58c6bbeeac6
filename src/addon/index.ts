/**
 * The bundle's entry: every export becomes a top-level function of dist/Code.js (build.mjs
 * generates them), which is all Apps Script can call.
 */
import { api } from './api';
import { guarded } from './guard';
import { markEdit } from './liveValidation';
import { buildMenu, menuCheckTab } from './menu';

export { menuSetupTemplates, menuUpdateComplianceReport, showSidebar } from './menu';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

// A simple trigger's error would reach the admin as an error box: it is logged instead, and the
// edit stands as typed.
const validateEdit = guarded('onEdit', markEdit);

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  validateEdit(e);
}

export const menuCheckCreation = (): void => menuCheckTab('creation');
export const menuCheckArchival = (): void => menuCheckTab('archival');

export const {
  setupTemplates,
  validateTab,
  exportCsv,
  listBatches,
  getBatch,
  getBatchFile,
  confirmBatch,
  cancelBatch,
  clearDoneRows,
  getSettings,
  saveSettings,
  selectCell,
  syncRegistry,
  previewArchiveByDomain,
  archiveLearners,
  reactivateLearners,
  findLearners,
  getSummary,
  listDueForArchival,
  activeOn,
  getComplianceMonths,
  updateComplianceReport,
  importCsv,
  reconcileLms,
  applyLms,
} = api;
