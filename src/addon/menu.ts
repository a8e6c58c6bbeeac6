/**
 * The add-on menu. onOpen may run in AuthMode.NONE, where no properties or sheets can be read,
 * so building the menu reads nothing.
 */
import type { TemplateTab } from '../core/columns';
import { TABS } from '../core/tabs';
import { api } from './api';

const ADDON_NAME = 'CACWT Partner Accounts';

export function buildMenu(): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Open sidebar', 'showSidebar')
    .addItem('Set up templates', 'menuSetupTemplates')
    .addSeparator()
    .addItem('Check the Creation tab', 'menuCheckCreation')
    .addItem('Check the Archival tab', 'menuCheckArchival')
    .addSeparator()
    .addItem('Update compliance report', 'menuUpdateComplianceReport')
    .addToUi();
}

/** The sidebar: dist/Sidebar.html, one self-contained file (build.mjs inlines its script and CSS). */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(ADDON_NAME).setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function menuSetupTemplates(): void {
  const result = api.setupTemplates();
  const ui = SpreadsheetApp.getUi();
  if (!result.ok) {
    ui.alert(result.error.message);
    return;
  }
  const parts = [
    result.created.length ? `Created: ${result.created.join(', ')}.` : '',
    result.repaired.length ? `Repaired: ${result.repaired.join(', ')}.` : '',
  ].filter(Boolean);
  SpreadsheetApp.getActiveSpreadsheet().toast(parts.join(' ') || 'All six tabs were already set up.', ADDON_NAME);
}

export function menuCheckTab(tab: TemplateTab): void {
  const result = api.validateTab(tab);
  const ui = SpreadsheetApp.getUi();
  if (!result.ok) {
    ui.alert(result.error.message);
    return;
  }
  const errors = result.problems.filter((p) => p.severity === 'error');
  const lines = errors.slice(0, 15).map((p) => `Row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
  const more = errors.length > 15 ? `\n…and ${errors.length - 15} more.` : '';
  ui.alert(
    `${TABS[tab].sheet}: ${result.ready} of ${result.rows} rows ready`,
    errors.length ? lines.join('\n') + more : 'No errors: the tab can be exported.',
    ui.ButtonSet.OK,
  );
}

export function menuUpdateComplianceReport(): void {
  const result = api.updateComplianceReport();
  if (!result.ok) {
    SpreadsheetApp.getUi().alert(result.error.message);
    return;
  }
  const { active, cap } = result.snapshot;
  const against = cap === null ? 'no cap set' : `cap ${cap}`;
  SpreadsheetApp.getActiveSpreadsheet().toast(
    `Compliance tab updated: ${active} Active (${against}), ${result.months.length} months, one snapshot added.`,
    ADDON_NAME,
  );
}
