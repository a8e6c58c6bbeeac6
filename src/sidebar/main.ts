/** The sidebar page: wires the static markup of Sidebar.html to the actions. */
import type { TemplateTab } from '../core/columns';
import { COUNTIES } from '../core/counties';
import { DATE_FORMATS } from '../core/dates';
import { TABS } from '../core/tabs';
import type { DateFormat, Learner, Problem, Settings } from '../core/types';
import * as actions from './actions';
import { downloadCsv, el, runBusy } from './dom';
import type { Verdict } from '../core/importLog';
import { wireFilesIn } from './filesInPanel';
import { plural, type BatchView, type CapLevel, type MonthPoint } from './model';
import {
  drawComplianceChart,
  dueDetails,
  learnerCard,
  learnerChecklist,
  learnerName,
  learnerResults,
  showNotice,
  syncSections,
} from './render';
import { createServer, type ScriptRun } from './server';

declare const google: { script: { run: ScriptRun } };

const server = createServer(google.script.run);

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Sidebar.html has no #${id}`);
  return element as T;
}

function button(id: string): HTMLButtonElement {
  return byId<HTMLButtonElement>(id);
}

/** Shows a notice in a status area; its problems take the admin to their cells. */
function report(areaId: string, notice: actions.Notice, ...extra: HTMLElement[]): void {
  showNotice(byId(areaId), notice, (problem) => void goTo(areaId, problem), ...extra);
}

/** Moves keyboard focus to a result when the control that had it has just been hidden. */
function focusResult(areaId: string): void {
  const area = byId(areaId);
  area.tabIndex = -1;
  area.focus();
}

async function goTo(areaId: string, problem: Problem): Promise<void> {
  const outcome = await actions.goToProblem(server, problem);
  // Success shows in the sheet itself; only a failure needs words here.
  if (!outcome.ok) report(areaId, outcome.notice);
}

// ---------------------------------------------------------------- tabs (ARIA tabs pattern)

const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];

function selectTab(tab: HTMLButtonElement, focus: boolean): void {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    byId(other.getAttribute('aria-controls') ?? '').hidden = !selected;
  }
  if (focus) tab.focus();
  if (tab.id === 'tab-overview') void refreshOverview();
  if (tab.id === 'tab-batches') void refreshBatches();
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => selectTab(tab, false));
  tab.addEventListener('keydown', (event) => {
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length] as HTMLButtonElement, true);
  });
});

// ---------------------------------------------------------------- overview

const LEVEL_CLASSES: CapLevel[] = ['none', 'ok', 'warning', 'alarm'];

function setUpButton(): HTMLButtonElement {
  const setUp = el('button', { id: 'overview-setup', className: 'primary', text: 'Set up templates', attrs: { type: 'button' } });
  setUp.addEventListener(
    'click',
    () =>
      void runBusy(setUp, 'Setting up…', async () => {
        const outcome = await actions.setUpTemplates(server);
        report('overview-status', outcome.notice);
        if (outcome.ok) await refreshOverview();
      }),
  );
  return setUp;
}

async function refreshOverview(): Promise<void> {
  await runBusy(button('overview-refresh'), 'Refreshing…', async () => {
    const outcome = await actions.loadOverview(server);
    if (!outcome.ok) {
      report('overview-status', outcome.notice, ...(outcome.code === 'NO_TAB' ? [setUpButton()] : []));
      return;
    }
    const { creation, archival, active, archived, cap } = outcome.overview;
    for (const [tab, counts] of [
      ['creation', creation],
      ['archival', archival],
    ] as const) {
      byId(`${tab}-rows`).textContent = String(counts.rows);
      byId(`${tab}-ready`).textContent = String(counts.ready);
      byId(`${tab}-errors`).textContent = String(counts.errors);
    }
    byId('registry-active').textContent = String(active);
    byId('registry-archived').textContent = String(archived);
    const meter = byId('cap-meter');
    meter.classList.remove(...LEVEL_CLASSES);
    meter.classList.add(cap.level);
    meter.setAttribute('aria-valuenow', String(cap.percent));
    meter.setAttribute('aria-valuetext', cap.text);
    (meter.firstElementChild as HTMLElement).style.width = `${cap.percent}%`;
    const capText = byId('cap-text');
    capText.textContent = cap.text;
    capText.className = `meter-text ${cap.level}`;
    const projected = byId('projected-text');
    projected.textContent = cap.projectedText;
    projected.className = `hint ${cap.projectedLevel}`;
    showOpenBatches(outcome.overview.openBatches);
    // The numbers are on the page already: announce only what needs acting on.
    const registryRows = syncSections(outcome.sections, (problem) => void goTo('overview-status', problem));
    if (outcome.notice.tone === 'success' && registryRows.length === 0) byId('overview-status').replaceChildren();
    else report('overview-status', outcome.notice, ...registryRows);
    await Promise.all([refreshDue(), refreshChart()]);
  });
}

// ---------------------------------------------------------------- compliance (on the Overview)

let due: actions.DueList = { today: '', learners: [], noEndDate: 0 };
const dueChosen = new Set<string>();

async function refreshDue(): Promise<void> {
  const outcome = await actions.loadDue(server);
  if (!outcome.ok) {
    report('due-status', outcome.notice);
    return;
  }
  due = outcome.due;
  byId('due-text').textContent = outcome.notice.text;
  button('due-show').hidden = due.learners.length === 0;
  for (const id of [...dueChosen]) if (!due.learners.some((l) => l.userId === id)) dueChosen.delete(id);
  renderDue();
}

function renderDue(): void {
  if (due.learners.length === 0) showDueView(false);
  byId('due-list').replaceChildren(
    learnerChecklist(
      due.learners,
      dueChosen,
      (userId, checked) => {
        if (checked) dueChosen.add(userId);
        else dueChosen.delete(userId);
        renderDueCount();
      },
      { idPrefix: 'due-learner', label: 'Active learners past their activity end date', details: dueDetails(due.today) },
    ),
  );
  renderDueCount();
}

function renderDueCount(): void {
  byId('due-count').textContent = `${dueChosen.size} of ${due.learners.length} selected`;
  button('due-archive').disabled = dueChosen.size === 0;
}

function showDueView(shown: boolean): void {
  byId('due-view').hidden = !shown;
  button('due-show').setAttribute('aria-expanded', String(shown));
  button('due-show').textContent = shown ? 'Hide due learners' : 'Review due learners';
}

button('due-show').addEventListener('click', () => showDueView(byId('due-view').hidden === true));
button('due-all').addEventListener('click', () => {
  for (const learner of due.learners) dueChosen.add(learner.userId);
  renderDue();
});
button('due-none').addEventListener('click', () => {
  dueChosen.clear();
  renderDue();
});

const dueArchiveButton = button('due-archive');
dueArchiveButton.addEventListener(
  'click',
  () =>
    void runBusy(dueArchiveButton, 'Archiving…', async () => {
      const userIds = due.learners.filter((l) => dueChosen.has(l.userId)).map((l) => l.userId);
      const outcome = await actions.archive(server, userIds);
      report('due-status', outcome.notice);
      if (!outcome.ok) return;
      downloadCsv(outcome.download.filename, outcome.download.csv);
      dueChosen.clear();
      // The counts, the meter and the chart all change with the archive: the whole Overview is read again.
      await refreshOverview();
      focusResult('due-status');
    }),
);

const chartSvg = document.querySelector<SVGSVGElement>('#compliance-svg');

function showChart(months: MonthPoint[]): void {
  if (!chartSvg) throw new Error('Sidebar.html has no #compliance-svg');
  byId('compliance-numbers').replaceChildren(drawComplianceChart(chartSvg, months));
  byId('compliance-chart').hidden = false;
}

async function refreshChart(): Promise<void> {
  const outcome = await actions.loadComplianceMonths(server);
  if (outcome.ok) showChart(outcome.months);
  else report('compliance-status', outcome.notice);
}

const complianceButton = button('compliance-update');
complianceButton.addEventListener(
  'click',
  () =>
    void runBusy(complianceButton, 'Updating…', async () => {
      const outcome = await actions.updateComplianceReport(server);
      report('compliance-status', outcome.notice);
      if (outcome.ok) showChart(outcome.months);
    }),
);

button('overview-refresh').addEventListener('click', () => void refreshOverview());

/** The open batches, stale first, each with a way to record its import log. */
function showOpenBatches(batches: readonly BatchView[]): void {
  openList = [...batches];
  byId('open-batches').replaceChildren(
    ...(batches.length === 0
      ? [el('li', { className: 'hint', text: 'No file is waiting for its import log.' })]
      : batches.map((batch) => {
          const record = el('button', { className: 'link', text: 'Record its import log', attrs: { type: 'button' } });
          record.addEventListener('click', () => {
            selectTab(byId<HTMLButtonElement>('tab-batches'), true);
            chooseBatch(batch.batchId);
          });
          return el('li', { className: batch.stale ? 'stale' : '' }, el('span', { text: batch.label }), record);
        })),
  );
  fillBatchSelect();
}

// ---------------------------------------------------------------- Creation and Archival

for (const tab of ['creation', 'archival'] as const satisfies readonly TemplateTab[]) {
  const status = `${tab}-status`;
  const validateButton = button(`${tab}-validate`);
  validateButton.addEventListener(
    'click',
    () =>
      void runBusy(validateButton, 'Validating…', async () => {
        report(status, (await actions.validate(server, tab)).notice);
      }),
  );
  const exportButton = button(`${tab}-export`);
  // Only a Creation file can take the county over the cap.
  const overCapBox = tab === 'creation' ? byId('creation-overcap') : null;
  const exported = (outcome: actions.ExportOutcome): void => {
    if (overCapBox) overCapBox.hidden = true;
    if (outcome.ok) downloadCsv(outcome.download.filename, outcome.download.csv);
    if (overCapBox && !outcome.ok && outcome.code === 'OVER_CAP' && 'overCap' in outcome) {
      // What the file does, and the two ways on: archive first, or go over with a reason.
      byId(`${tab}-overcap-text`).textContent = outcome.notice.text.replace(/ Archive learners first.*$/, '');
      overCapBox.hidden = false;
      button(`${tab}-archive-first`).focus();
      byId(status).replaceChildren();
      return;
    }
    report(status, outcome.notice);
  };
  exportButton.addEventListener(
    'click',
    () => void runBusy(exportButton, 'Exporting…', async () => exported(await actions.exportTab(server, tab))),
  );
  if (overCapBox) {
    button('creation-archive-first').addEventListener('click', () => {
      overCapBox.hidden = true;
      selectTab(byId<HTMLButtonElement>('tab-domain'), true);
    });
    const anyway = button('creation-export-anyway');
    anyway.addEventListener(
      'click',
      () =>
        void runBusy(anyway, 'Exporting…', async () => {
          const reason = byId<HTMLTextAreaElement>('creation-overcap-reason').value.trim();
          if (!reason) {
            report(status, {
              tone: 'error',
              text: 'Say why this file goes over the cap: the reason is kept with the batch for the audit.',
              problems: [],
            });
            return;
          }
          exported(await actions.exportTab(server, tab, { allowOverCap: true, overCapReason: reason }));
        }),
    );
  }
  const syncButton = button(`${tab}-sync`);
  syncButton.addEventListener(
    'click',
    () =>
      void runBusy(syncButton, 'Recording…', async () => {
        const outcome = await actions.sync(server, tab);
        report(status, outcome.notice, ...(outcome.ok ? syncSections(outcome.sections, (problem) => void goTo(status, problem)) : []));
      }),
  );
}

// ---------------------------------------------------------------- batches: record the import log

let openList: BatchView[] = [];
let verdicts: Verdict[] = [];
const decisions = new Map<string, 'applied' | 'failed' | ''>();

function fillBatchSelect(): void {
  const select = byId<HTMLSelectElement>('batch-select');
  const current = select.value;
  select.replaceChildren(...openList.map((b) => el('option', { text: b.label, attrs: { value: b.batchId } })));
  if (openList.some((b) => b.batchId === current)) select.value = current;
  chooseBatch(select.value);
}

function chooseBatch(batchId: string): void {
  const select = byId<HTMLSelectElement>('batch-select');
  const batch = openList.find((b) => b.batchId === batchId);
  if (batch && select.value !== batchId) select.value = batchId;
  byId<HTMLInputElement>('batch-uploaded').value = batch ? batch.exported.slice(0, 10) : '';
  showVerdicts([]);
}

/** Reloads the open batches; `announce` says so when none is left (not after a confirm, whose notice stands). */
async function refreshBatches(announce = true): Promise<void> {
  const outcome = await actions.openBatches(server);
  if (!outcome.ok) {
    report('batch-status', outcome.notice);
    return;
  }
  openList = outcome.batches;
  fillBatchSelect();
  if (announce && openList.length === 0) report('batch-status', outcome.notice);
}

function showVerdicts(list: readonly Verdict[]): void {
  verdicts = [...list];
  decisions.clear();
  const open = (v: Verdict) => v.verdict === 'unclear' || v.verdict === 'unmentioned';
  byId('batch-verdicts').replaceChildren(
    ...(list.length === 0
      ? []
      : [
          el(
            'ul',
            { className: 'verdicts', attrs: { 'aria-label': 'What the log says of each learner' } },
            ...list.map((v, i) => {
              const parts: HTMLElement[] = [
                el('span', { className: 'email', text: `Row ${v.row}: ${v.email}` }),
                el('span', { className: `verdict ${v.verdict}`, text: actions.VERDICT_LABELS[v.verdict] }),
              ];
              if (v.line) parts.push(el('span', { className: 'line', text: v.line }));
              if (open(v)) {
                decisions.set(v.email, '');
                const choice = el(
                  'select',
                  { id: `batch-decision-${i}`, attrs: { 'aria-label': `What happened to ${v.email}` } },
                  el('option', { text: 'Choose…', attrs: { value: '' } }),
                  el('option', { text: 'Imported', attrs: { value: 'applied' } }),
                  el('option', { text: 'Failed', attrs: { value: 'failed' } }),
                );
                choice.addEventListener('change', () => decisions.set(v.email, choice.value as 'applied' | 'failed' | ''));
                parts.push(choice);
              }
              return el('li', {}, ...parts);
            }),
          ),
        ]),
  );
  button('batch-confirm').hidden = list.length === 0;
  button('batch-rest').hidden = !list.some(open);
}

function batchLog(): string | null {
  if (byId<HTMLInputElement>('batch-all').checked) return '';
  const log = byId<HTMLTextAreaElement>('batch-log').value;
  return log.trim() === '' ? null : log;
}

byId('batch-select').addEventListener('change', () => chooseBatch(byId<HTMLSelectElement>('batch-select').value));

const checkButton = button('batch-check');
checkButton.addEventListener(
  'click',
  () =>
    void runBusy(checkButton, 'Reading the log…', async () => {
      const log = batchLog();
      const batchId = byId<HTMLSelectElement>('batch-select').value;
      if (!batchId) return report('batch-status', { tone: 'error', text: 'No batch is waiting for an import log.', problems: [] });
      if (log === null) {
        return report('batch-status', {
          tone: 'error',
          text: 'Paste the import log the LMS emailed, or tick "Every row imported".',
          problems: [],
        });
      }
      const outcome = await actions.checkLog(server, batchId, log);
      showVerdicts(outcome.ok ? outcome.learners : []);
      report('batch-status', outcome.notice);
    }),
);

button('batch-rest').addEventListener('click', () => {
  verdicts.forEach((v, i) => {
    if (decisions.get(v.email) !== '') return;
    decisions.set(v.email, 'applied');
    const choice = document.getElementById(`batch-decision-${i}`) as HTMLSelectElement | null;
    if (choice) choice.value = 'applied';
  });
});

const confirmBatchButton = button('batch-confirm');
confirmBatchButton.addEventListener(
  'click',
  () =>
    void runBusy(confirmBatchButton, 'Recording…', async () => {
      const batchId = byId<HTMLSelectElement>('batch-select').value;
      const batch = openList.find((b) => b.batchId === batchId);
      const log = batchLog() ?? '';
      const chosen = Object.fromEntries([...decisions].filter(([, d]) => d !== '')) as Record<string, 'applied' | 'failed'>;
      const outcome = await actions.confirm(server, batchId, log, byId<HTMLInputElement>('batch-uploaded').value, chosen);
      if (!outcome.ok) return report('batch-status', outcome.notice);
      showVerdicts([]);
      byId<HTMLTextAreaElement>('batch-log').value = '';
      const tab = batch && (batch.kind === 'creation' || batch.kind === 'archival') ? batch.kind : null;
      const next: HTMLElement[] = [];
      if (tab) {
        const clear = el('button', {
          className: 'secondary',
          text: `Clear done rows from the ${TABS[tab].label} tab`,
          attrs: { type: 'button' },
        });
        clear.addEventListener(
          'click',
          () => void runBusy(clear, 'Clearing…', async () => report('batch-status', (await actions.clearDone(server, tab)).notice)),
        );
        next.push(clear);
        if (outcome.failed > 0) {
          const again = el('button', { className: 'secondary', text: 'Re-export failed rows (once fixed)', attrs: { type: 'button' } });
          again.addEventListener(
            'click',
            () =>
              void runBusy(again, 'Exporting…', async () => {
                // Only the rows of the learners that failed in this batch, not every pending row of the tab.
                const exported = await actions.exportTab(server, tab, { failedIn: batchId });
                if (exported.ok) downloadCsv(exported.download.filename, exported.download.csv);
                // Not exported (a row still to fix): the button stays, to press again once fixed.
                report('batch-status', exported.notice, ...(exported.ok ? [] : [again]));
              }),
          );
          next.push(again);
        }
      }
      report('batch-status', outcome.notice, ...next);
      await refreshBatches(false);
    }),
);

const cancelBatchButton = button('batch-cancel');
cancelBatchButton.addEventListener(
  'click',
  () =>
    void runBusy(cancelBatchButton, 'Cancelling…', async () => {
      const batchId = byId<HTMLSelectElement>('batch-select').value;
      if (!batchId) return;
      report('batch-status', (await actions.cancel(server, batchId)).notice);
      await refreshBatches(false);
    }),
);

// ---------------------------------------------------------------- archive by domain

let matches: Learner[] = [];
const chosen = new Set<string>();

function renderMatches(): void {
  byId('domain-results').hidden = matches.length === 0;
  byId('domain-list').replaceChildren(
    learnerChecklist(matches, chosen, (userId, checked) => {
      if (checked) chosen.add(userId);
      else chosen.delete(userId);
      renderCount();
    }),
  );
  renderCount();
}

function renderCount(): void {
  byId('domain-count').textContent = `${chosen.size} of ${matches.length} selected`;
  button('domain-archive').disabled = chosen.size === 0;
  byId('domain-confirm').hidden = true;
}

byId('domain-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void runBusy(button('domain-preview'), 'Searching…', async () => {
    const outcome = await actions.previewDomain(
      server,
      byId<HTMLInputElement>('domain-input').value,
      byId<HTMLInputElement>('domain-subdomains').checked,
    );
    matches = outcome.ok ? outcome.learners : [];
    chosen.clear();
    for (const learner of matches) chosen.add(learner.userId);
    renderMatches();
    report(
      'domain-status',
      outcome.notice,
      ...(outcome.ok ? syncSections(outcome.sections, (problem) => void goTo('domain-status', problem)) : []),
    );
  });
});

button('domain-all').addEventListener('click', () => {
  for (const learner of matches) chosen.add(learner.userId);
  renderMatches();
});
button('domain-none').addEventListener('click', () => {
  chosen.clear();
  renderMatches();
});

button('domain-archive').addEventListener('click', () => {
  byId('domain-confirm-text').textContent = `Archive ${plural(chosen.size, 'account')}?`;
  byId('domain-confirm').hidden = false;
  button('domain-confirm-yes').focus();
});
button('domain-confirm-no').addEventListener('click', () => {
  byId('domain-confirm').hidden = true;
  button('domain-archive').focus();
});

const confirmButton = button('domain-confirm-yes');
confirmButton.addEventListener(
  'click',
  () =>
    void runBusy(confirmButton, 'Archiving…', async () => {
      const userIds = matches.filter((l) => chosen.has(l.userId)).map((l) => l.userId);
      const outcome = await actions.archive(server, userIds);
      if (!outcome.ok) {
        report('domain-status', outcome.notice);
        return;
      }
      downloadCsv(outcome.download.filename, outcome.download.csv);
      matches = matches.filter((l) => !chosen.has(l.userId));
      chosen.clear();
      renderMatches();
      const undo = el('button', {
        id: 'domain-undo',
        className: 'secondary',
        text: `Undo: cancel ${outcome.batchId}`,
        attrs: { type: 'button' },
      });
      undo.addEventListener(
        'click',
        () =>
          void runBusy(undo, 'Cancelling…', async () => {
            const undone = await actions.cancel(server, outcome.batchId);
            // On success the Undo is spent; on failure it stays so the admin can try again.
            report('domain-status', undone.notice, ...(undone.ok ? [] : [undo]));
            if (undone.ok) focusResult('domain-status');
          }),
      );
      const later = el('p', {
        className: 'hint',
        text: 'Undo works until its import log is recorded. After that, undo by reactivating these learners (Registry tab): that is a reactivation file to upload.',
      });
      report('domain-status', outcome.notice, undo, later);
      undo.focus(); // the confirm box that had focus is gone
    }),
);

// ---------------------------------------------------------------- registry

async function reactivateOne(learner: Learner, reactivateButton: HTMLButtonElement): Promise<void> {
  await runBusy(reactivateButton, 'Reactivating…', async () => {
    const outcome = await actions.reactivate(server, [learner.userId]);
    if (outcome.ok) {
      downloadCsv(outcome.download.filename, outcome.download.csv);
      reactivateButton.hidden = true;
      await refreshLearnerCard(learner, reactivateButton.closest('li'));
    }
    report('registry-status', { ...outcome.notice, text: `${learnerName(learner)}: ${outcome.notice.text}` });
    if (outcome.ok) focusResult('registry-status');
  });
}

/** After a change, the learner's card shows what the server now holds, not what the search found before. */
async function refreshLearnerCard(learner: Learner, card: HTMLElement | null): Promise<void> {
  const found = await actions.find(server, learner.email);
  const now = found.ok ? found.learners.find((l) => l.userId === learner.userId) : undefined;
  if (now && card) card.replaceWith(learnerCard(now, (l, b) => void reactivateOne(l, b)));
}

byId('registry-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void runBusy(button('registry-find'), 'Finding…', async () => {
    const outcome = await actions.find(server, byId<HTMLInputElement>('registry-query').value);
    byId('registry-list').replaceChildren(
      ...(outcome.ok ? [learnerResults(outcome.learners, (learner, b) => void reactivateOne(learner, b))] : []),
    );
    report(
      'registry-status',
      outcome.notice,
      ...(outcome.ok ? syncSections(outcome.sections, (problem) => void goTo('registry-status', problem)) : []),
    );
  });
});

// ---------------------------------------------------------------- settings

const FIELDS: Record<keyof Settings, string> = {
  county: 'settings-county',
  temporaryPassword: 'settings-password',
  dateFormat: 'settings-date-format',
  activeCap: 'settings-cap',
  activityDays: 'settings-activity-days',
};

byId('settings-county').append(...COUNTIES.map((county) => el('option', { text: county, attrs: { value: county } })));
byId('settings-date-format').append(...DATE_FORMATS.map((format) => el('option', { text: format, attrs: { value: format } })));

function fieldValue(name: keyof Settings): string {
  return byId<HTMLInputElement | HTMLSelectElement>(FIELDS[name]).value;
}

function showFieldErrors(errors: Partial<Record<keyof Settings, string>>): void {
  for (const [name, id] of Object.entries(FIELDS) as [keyof Settings, string][]) {
    const message = errors[name] ?? '';
    byId(`${id}-error`).textContent = message;
    byId(id).setAttribute('aria-invalid', String(message !== ''));
  }
}

function fillSettings(settings: Settings): void {
  byId<HTMLSelectElement>(FIELDS.county).value = settings.county;
  byId<HTMLInputElement>(FIELDS.temporaryPassword).value = settings.temporaryPassword;
  byId<HTMLSelectElement>(FIELDS.dateFormat).value = settings.dateFormat;
  byId<HTMLInputElement>(FIELDS.activeCap).value = settings.activeCap === null ? '' : String(settings.activeCap);
  byId<HTMLInputElement>(FIELDS.activityDays).value = settings.activityDays === null ? '' : String(settings.activityDays);
}

byId('settings-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void runBusy(button('settings-save'), 'Saving…', async () => {
    const cap = fieldValue('activeCap').trim();
    const days = fieldValue('activityDays').trim();
    const outcome = await actions.saveSettings(server, {
      county: fieldValue('county'),
      temporaryPassword: fieldValue('temporaryPassword'),
      dateFormat: fieldValue('dateFormat') as DateFormat,
      // Whether it is a whole number above 0 is the server's to say, beside the field.
      activeCap: cap === '' ? null : Number(cap),
      activityDays: days === '' ? null : Number(days),
    });
    showFieldErrors(outcome.fields);
    if (outcome.ok) fillSettings(outcome.settings);
    report('settings-status', outcome.notice);
  });
});

// ---------------------------------------------------------------- files in

wireFilesIn({ server, byId, report });

async function start(): Promise<void> {
  const settings = await actions.loadSettings(server);
  if (settings.ok) fillSettings(settings.settings);
  else report('settings-status', settings.notice);
  await refreshOverview();
}

void start();
