/** The sidebar page: wires the static markup of Sidebar.html to the actions. */
import type { TemplateTab } from '../core/columns';
import { COUNTIES } from '../core/counties';
import { DATE_FORMATS } from '../core/dates';
import type { DateFormat, Learner, Problem, Settings } from '../core/types';
import * as actions from './actions';
import { downloadCsv, el, runBusy } from './dom';
import { wireFilesIn } from './filesInPanel';
import { plural, type CapLevel, type MonthPoint } from './model';
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
  exportButton.addEventListener(
    'click',
    () =>
      void runBusy(exportButton, 'Exporting…', async () => {
        const outcome = await actions.exportTab(server, tab);
        if (outcome.ok) downloadCsv(outcome.download.filename, outcome.download.csv);
        report(status, outcome.notice);
      }),
  );
  const syncButton = button(`${tab}-sync`);
  syncButton.addEventListener(
    'click',
    () =>
      void runBusy(syncButton, 'Syncing…', async () => {
        const outcome = await actions.sync(server);
        report(status, outcome.notice, ...(outcome.ok ? syncSections(outcome.sections, (problem) => void goTo(status, problem)) : []));
      }),
  );
}

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
        text: `Undo: reactivate these ${outcome.batch.length}`,
        attrs: { type: 'button' },
      });
      undo.addEventListener(
        'click',
        () =>
          void runBusy(undo, 'Reactivating…', async () => {
            const undone = await actions.reactivate(server, outcome.batch);
            if (undone.ok) downloadCsv(undone.download.filename, undone.download.csv);
            // On success the Undo is spent; on failure it stays so the admin can try again.
            report('domain-status', undone.notice, ...(undone.ok ? [] : [undo]));
            if (undone.ok) focusResult('domain-status');
          }),
      );
      report('domain-status', outcome.notice, undo);
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
