/**
 * The sidebar's Files in controls: a file picker on the Creation and Archival panels (the mapping
 * shown to confirm, then the load), and "Compare with an LMS export" on the Registry panel. Learner
 * values go in as text only (dom.ts).
 */
import { HEADERS, type TemplateTab } from '../core/columns';
import type { Learner } from '../core/types';
import type { Notice } from './actions';
import { el, runBusy } from './dom';
import * as files from './filesIn';
import { plural } from './model';
import type { Server } from './server';

export interface PanelDeps {
  server: Server;
  byId: <T extends HTMLElement = HTMLElement>(id: string) => T;
  /** Shows a notice in a status area (its problems take the admin to their cells). */
  report: (areaId: string, notice: Notice, ...extra: HTMLElement[]) => void;
}

type Source = string | { sheet: string };

/** The picked file's text, or a refusal when it is too large to send. */
async function pickedText(input: HTMLInputElement): Promise<{ text: string; name: string } | { notice: Notice }> {
  const file = input.files?.[0];
  if (!file) return { notice: { tone: 'error', text: 'Choose a file first.', problems: [] } };
  const refused = files.tooLarge(file.size);
  if (refused) return { notice: refused.notice };
  // Read as UTF-8: bytes of another encoding become U+FFFD, which the server names.
  return { text: await file.text(), name: file.name };
}

function mappingTable(tab: TemplateTab, rows: files.MappingRow[], onChange: () => void): HTMLElement {
  return el(
    'table',
    { className: 'mapping' },
    el('caption', { className: 'hint', text: 'Where each column of the file goes' }),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { text: 'File column', attrs: { scope: 'col' } }), el('th', { text: 'Goes to', attrs: { scope: 'col' } })),
    ),
    el(
      'tbody',
      {},
      ...rows.map((row, i) => {
        const select = el(
          'select',
          { id: `${tab}-map-${i}`, attrs: { 'aria-label': `Where the file's column ${row.fileHeader} goes` } },
          el('option', { text: 'Leave out', attrs: { value: '' } }),
          ...HEADERS.map((h) => el('option', { text: h, attrs: { value: h } })),
        );
        select.value = row.target;
        select.addEventListener('change', () => {
          row.target = select.value as files.MappingRow['target'];
          onChange();
        });
        return el('tr', {}, el('th', { text: row.fileHeader, attrs: { scope: 'row' } }), el('td', {}, select));
      }),
    ),
  );
}

function wireLoad(tab: TemplateTab, { server, byId, report }: PanelDeps): void {
  const input = byId<HTMLInputElement>(`${tab}-file`);
  const asArchivalBox = tab === 'archival' ? byId<HTMLInputElement>('archival-as-archival') : null;
  const mappingArea = byId(`${tab}-mapping`);
  const actionsArea = byId(`${tab}-load-actions`);
  const loadButton = byId<HTMLButtonElement>(`${tab}-load`);
  const status = `${tab}-file-status`;
  let picked: { text: string; mapping: files.MappingRow[] } | null = null;

  const options = (): files.LoadOptions => ({
    asArchival: asArchivalBox?.checked === true,
    ...(picked?.mapping.length ? { mapping: files.mappingOf(picked.mapping) } : {}),
  });
  const reset = (): void => {
    picked = null;
    mappingArea.hidden = true;
    actionsArea.hidden = true;
    mappingArea.replaceChildren();
  };
  /** The dry run: the mapping and the counts as they stand, before anything is written. */
  const preview = async (): Promise<void> => {
    if (!picked) return;
    const outcome = await files.previewLoad(server, tab, picked.text, options());
    if (!outcome.ok) {
      reset();
      report(status, outcome.notice);
      return;
    }
    picked.mapping = outcome.preview.mapping;
    mappingArea.replaceChildren(mappingTable(tab, picked.mapping, () => void preview()));
    mappingArea.hidden = false;
    actionsArea.hidden = false;
    loadButton.textContent = `Load ${plural(outcome.preview.added, 'row')}`;
    loadButton.disabled = outcome.preview.added === 0;
    report(status, outcome.notice);
  };

  input.addEventListener('change', () => {
    void (async () => {
      reset();
      const read = await pickedText(input);
      if ('notice' in read) {
        report(status, read.notice);
        return;
      }
      picked = { text: read.text, mapping: [] };
      await preview();
    })();
  });
  asArchivalBox?.addEventListener('change', () => void preview());
  byId(`${tab}-load-cancel`).addEventListener('click', () => {
    reset();
    input.value = '';
    byId(status).replaceChildren();
    input.focus();
  });
  loadButton.addEventListener(
    'click',
    () =>
      void runBusy(loadButton, 'Loading…', async () => {
        if (!picked) return;
        const outcome = await files.load(server, tab, picked.text, options());
        report(status, outcome.notice);
        if (!outcome.ok) return;
        reset();
        input.value = '';
        byId(status).focus();
      }),
  );
  byId(status).tabIndex = -1;
}

// ---------------------------------------------------------------- the LMS

function wireLms({ server, byId, report }: PanelDeps): void {
  const fileInput = byId<HTMLInputElement>('lms-file');
  const sheetInput = byId<HTMLInputElement>('lms-sheet');
  const compareButton = byId<HTMLButtonElement>('lms-compare');
  const applyButton = byId<HTMLButtonElement>('lms-apply');
  const asOf = byId<HTMLInputElement>('lms-as-of');
  let source: Source | null = null;
  let fileName = '';
  const ticked = new Set<string>();
  let registryOnly: Learner[] = [];

  const renderCount = (): void => {
    byId('lms-count').textContent = `${ticked.size} ticked`;
    applyButton.disabled = ticked.size === 0;
  };

  const sectionOf = (section: files.LmsSection): HTMLElement => {
    const list = el(
      'ul',
      { className: 'learners', attrs: { 'aria-label': section.title } },
      ...section.items.map((item, i) => {
        const label = el(
          'label',
          {},
          el('span', { className: 'name', text: item.name }),
          el(
            'span',
            { className: 'details' },
            el('span', { className: 'email', text: item.email }),
            el('span', { text: item.detail }),
            ...(item.blocked ? [el('span', { className: 'blocked', text: item.blocked })] : []),
          ),
        );
        if (item.blocked) return el('li', {}, el('div', { className: 'learner' }, label));
        const box = el('input', { id: `lms-${section.key}-${i}`, attrs: { type: 'checkbox', 'data-user': item.userId.toLowerCase() } });
        label.setAttribute('for', box.id);
        box.checked = ticked.has(item.userId.toLowerCase());
        box.addEventListener('change', () => {
          const key = item.userId.toLowerCase();
          if (box.checked) ticked.add(key);
          else ticked.delete(key);
          // A learner in two lists (another status and other details) is one choice.
          for (const other of document.querySelectorAll<HTMLInputElement>(`#lms-lists input[data-user="${CSS.escape(key)}"]`)) {
            other.checked = box.checked;
          }
          renderCount();
        });
        return el('li', {}, box, label);
      }),
    );
    const extra: HTMLElement[] = [];
    if (section.key === 'onlyInRegistry') {
      const putBack = el('button', {
        id: 'lms-put-back',
        className: 'secondary',
        text: `Put ${plural(section.items.length, 'learner')} back on the Creation tab`,
        attrs: { type: 'button' },
      });
      putBack.addEventListener(
        'click',
        () =>
          void runBusy(putBack, 'Adding…', async () => {
            report('lms-apply-status', (await files.putBack(server, registryOnly)).notice);
          }),
      );
      extra.push(putBack);
    }
    return el(
      'section',
      { className: 'lms-section' },
      el('h4', { text: `${section.title}: ${section.items.length}` }),
      el('p', { className: 'hint', text: section.hint }),
      list,
      ...extra,
    );
  };

  const compare = async (): Promise<void> => {
    const outcome = await files.compareLms(server, source as Source);
    ticked.clear();
    registryOnly = outcome.ok ? outcome.result.onlyInRegistry : [];
    const sections = outcome.ok ? outcome.sections : [];
    byId('lms-lists').replaceChildren(...sections.map(sectionOf));
    byId('lms-results').hidden = sections.length === 0;
    renderCount();
    report('lms-status', outcome.notice);
  };

  compareButton.addEventListener(
    'click',
    () =>
      void runBusy(compareButton, 'Comparing…', async () => {
        const tabName = sheetInput.value.trim();
        if (tabName) {
          source = { sheet: tabName };
          fileName = tabName;
        } else {
          const read = await pickedText(fileInput);
          if ('notice' in read) {
            report('lms-status', read.notice);
            return;
          }
          source = read.text;
          fileName = read.name;
        }
        byId('lms-apply-status').replaceChildren();
        await compare();
      }),
  );

  applyButton.addEventListener(
    'click',
    () =>
      void runBusy(applyButton, 'Taking…', async () => {
        if (!source || ticked.size === 0) return;
        const outcome = await files.takeLms(server, source, [...ticked], asOf.value, fileName);
        if (outcome.ok) await compare(); // the lists as they now stand
        report('lms-apply-status', outcome.notice);
      }),
  );
}

/** Today in the admin's browser, the default date of "it happened". */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function wireFilesIn(deps: PanelDeps): void {
  wireLoad('creation', deps);
  wireLoad('archival', deps);
  wireLms(deps);
  const asOf = deps.byId<HTMLInputElement>('lms-as-of');
  asOf.value = localToday();
  asOf.max = asOf.value;
}
