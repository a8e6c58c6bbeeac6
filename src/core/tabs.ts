/**
 * Every tab of the add-on, named once: the sheet's exact name (api.md, "Tabs") and the short label
 * the sidebar, the messages and the menu's alerts use for it. The shell, the sidebar, the tests,
 * the bench and the preview's sample all read this table.
 */
export const TABS = {
  creation: { sheet: 'Community Partner Creation Template', label: 'Creation' },
  archival: { sheet: 'Community Partner Archival Template', label: 'Archival' },
  registry: { sheet: 'Learner Registry', label: 'Registry' },
  log: { sheet: 'Registry Log', label: 'Log' },
  batches: { sheet: 'Upload Batches', label: 'Batches' },
  batchRows: { sheet: 'Upload Batch Rows', label: 'Batch rows' },
  compliance: { sheet: 'Compliance', label: 'Compliance' },
} as const;

export type TabKey = keyof typeof TABS;
