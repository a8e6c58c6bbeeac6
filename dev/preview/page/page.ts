/**
 * The spreadsheet page: renders the server's PageState as Sheets would show it and sends what the
 * user does (select, type, paste, menu) to the server, one request at a time so they reach the
 * add-on in the order the user did them. Cell contents are always set with textContent.
 */
import { columnToLetters, lettersToColumn, parseA1 } from '@cacwt/gas-emulator/a1';
import type { CellView, ChartView, Effects, PageState, Reply } from '../protocol';

const ROW_HEAD_WIDTH = 46;
const HEADER_HEIGHT = 22;
const ROW_HEIGHT = 22;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const ui = {
  title: element('title'),
  notice: element('notice'),
  nameBox: element('name-box'),
  formula: element<HTMLInputElement>('formula'),
  gridWrap: element('grid-wrap'),
  grid: element<HTMLTableElement>('grid'),
  tabs: element('tabs'),
  extensions: element<HTMLButtonElement>('extensions'),
  menu: element('menu'),
  dropdown: element('dropdown'),
  sidebar: element('sidebar'),
  sidebarTitle: element('sidebar-title'),
  sidebarFrame: element<HTMLIFrameElement>('sidebar-frame'),
  dialog: element('dialog-backdrop'),
  dialogTitle: element('dialog-title'),
  dialogText: element('dialog-text'),
  toast: element('toast'),
  toastTitle: element('toast-title'),
  toastText: element('toast-text'),
  errors: element('errors'),
};

let state: PageState | null = null;
let selected = { row: 1, col: 1 };
let editor: HTMLInputElement | null = null;
const alerts: Effects['alerts'] = [];

// ---------------------------------------------------------------- talking to the server

let queue: Promise<unknown> = Promise.resolve();
let pending = 0;

/** Requests go one after another; body[data-busy] tells tests (and CSS) a reply is outstanding. */
function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  pending++;
  document.body.dataset.busy = 'true';
  const run = queue.then(async () => {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(data.error ?? `${response.status}`);
    return data;
  });
  queue = run
    .catch(() => undefined)
    .finally(() => {
      if (--pending === 0) delete document.body.dataset.busy;
    });
  return run;
}

/** followActive: the add-on may have moved the selection (menu items, google.script.run), so show where it is now. */
function act(path: string, body?: unknown, followActive = false): void {
  request<Reply>('POST', path, body ?? {}).then(
    (reply) => {
      render(reply.state, followActive);
      showEffects(reply.effects);
    },
    (error: Error) => showErrors([error.message]),
  );
}

async function refresh(): Promise<void> {
  render(await request<PageState>('GET', '/api/state'), true);
}

// ---------------------------------------------------------------- rendering

function a1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}

function cellAt(row: number, col: number): CellView | null {
  return state?.sheet.cells[row - 1]?.[col - 1] ?? null;
}

function td(row: number, col: number): HTMLTableCellElement | null {
  return ui.grid.querySelector<HTMLTableCellElement>(`td[data-cell="${a1(row, col)}"]`);
}

function render(next: PageState, followActive: boolean): void {
  const sheetChanged = state?.sheet.name !== next.sheet.name;
  state = next;
  ui.title.textContent = next.title;
  document.title = `${next.title}: local preview`;
  ui.notice.hidden = next.notice === null;
  ui.notice.textContent = next.notice ?? '';
  renderTabs();
  renderMenu();
  renderGrid();
  if (sheetChanged || followActive) {
    const { row, col } = parseA1(next.active.range).resolve(next.sheet.rows, next.sheet.columns);
    selected = { row, col };
  }
  select(Math.min(selected.row, next.sheet.rows), Math.min(selected.col, next.sheet.columns), false);
}

function renderTabs(): void {
  const { tabs, active } = state!;
  ui.tabs.replaceChildren(
    ...tabs.map((tab) => {
      const button = document.createElement('button');
      button.className = 'tab';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(tab.name === active.sheet));
      button.textContent = tab.name;
      if (tab.color) button.style.borderBottom = `3px solid ${tab.color}`;
      button.addEventListener('click', () => act('/api/select', { sheet: tab.name, range: 'A1' }));
      return button;
    }),
  );
}

function renderGrid(): void {
  const sheet = state!.sheet;
  const visible = sheet.widths.map((_, c) => c + 1).filter((col) => !sheet.hidden[col - 1]);
  // Frozen columns stick at the left edge, each after the widths of those before it.
  const stickyLeft = new Map<number, number>();
  let left = ROW_HEAD_WIDTH;
  for (const col of visible.filter((c) => c <= sheet.frozenColumns)) {
    stickyLeft.set(col, left);
    left += sheet.widths[col - 1]!;
  }

  const colgroup = document.createElement('colgroup');
  const corner = document.createElement('col');
  corner.style.width = `${ROW_HEAD_WIDTH}px`;
  colgroup.append(
    corner,
    ...visible.map((col) => {
      const c = document.createElement('col');
      c.style.width = `${sheet.widths[col - 1]}px`;
      return c;
    }),
  );

  const head = document.createElement('tr');
  const cornerCell = document.createElement('th');
  cornerCell.className = 'corner row-head';
  head.append(
    cornerCell,
    ...visible.map((col) => {
      const th = document.createElement('th');
      th.dataset.col = String(col);
      th.textContent = columnToLetters(col);
      return th;
    }),
  );
  const thead = document.createElement('thead');
  thead.append(head);

  const tbody = document.createElement('tbody');
  for (let row = 1; row <= sheet.rows; row++) {
    const tr = document.createElement('tr');
    const frozen = row <= sheet.frozenRows;
    if (row === sheet.frozenRows) tr.className = 'frozen-last';
    const rowHead = document.createElement('th');
    rowHead.className = 'row-head';
    rowHead.dataset.row = String(row);
    rowHead.textContent = String(row);
    if (frozen) {
      rowHead.style.top = `${HEADER_HEIGHT + (row - 1) * ROW_HEIGHT}px`;
      rowHead.style.zIndex = '3';
    }
    tr.append(rowHead);
    for (const col of visible) {
      const cell = renderCell(row, col, sheet.cells[row - 1]?.[col - 1] ?? null);
      if (frozen || stickyLeft.has(col)) {
        cell.classList.add('frozen');
        if (frozen) cell.style.top = `${HEADER_HEIGHT + (row - 1) * ROW_HEIGHT}px`;
        if (stickyLeft.has(col)) cell.style.left = `${stickyLeft.get(col)}px`;
      }
      tr.append(cell);
    }
    tbody.append(tr);
  }
  // A fixed-layout table honours its columns' widths only when its own width is their sum.
  ui.grid.style.width = `${visible.reduce((sum, col) => sum + sheet.widths[col - 1]!, ROW_HEAD_WIDTH)}px`;
  ui.grid.replaceChildren(colgroup, thead, tbody);
  editor = null;
  renderCharts(visible);
}

// ---------------------------------------------------------------- charts

const SVG_NS = 'http://www.w3.org/2000/svg';
const CHART = { width: 480, height: 260, left: 44, right: 12, top: 30, bottom: 48 };
const SERIES_COLORS = ['#1a73e8', '#d93025', '#188038', '#e37400'];

function svgNode(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A line chart as Sheets draws an embedded one, simply: floating over the grid at its anchor cell. */
function chartSvg(chart: ChartView): SVGElement {
  const root = svgNode('svg', {
    class: 'chart',
    width: CHART.width,
    height: CHART.height,
    role: 'img',
    'aria-label': chart.title || 'Chart',
  });
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yMax = Math.max(1, ...values);
  const x = (i: number): number => CHART.left + (chart.labels.length <= 1 ? plotW / 2 : (i * plotW) / (chart.labels.length - 1));
  const y = (v: number): number => CHART.top + plotH - (v / yMax) * plotH;
  root.append(
    svgNode('rect', { x: 0, y: 0, width: CHART.width, height: CHART.height, fill: '#fff', stroke: '#dadce0' }),
    svgNode('text', { x: CHART.width / 2, y: 18, 'text-anchor': 'middle', class: 'chart-title' }, chart.title),
    svgNode('line', { x1: CHART.left, y1: CHART.top + plotH, x2: CHART.left + plotW, y2: CHART.top + plotH, stroke: '#5f6368' }),
    svgNode('text', { x: CHART.left - 4, y: CHART.top + 4, 'text-anchor': 'end' }, String(yMax)),
    svgNode('text', { x: CHART.left - 4, y: CHART.top + plotH, 'text-anchor': 'end' }, '0'),
  );
  chart.labels.forEach((label, i) => {
    root.append(svgNode('text', { x: x(i), y: CHART.top + plotH + 14, 'text-anchor': 'middle', class: 'chart-label' }, label));
  });
  chart.series.forEach((series, s) => {
    const color = SERIES_COLORS[s % SERIES_COLORS.length]!;
    // A blank value breaks the line, as Sheets leaves a gap.
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 0)
        root.append(
          svgNode('polyline', { points: run.join(' '), fill: 'none', stroke: color, 'stroke-width': 2, 'data-series': series.name }),
        );
      run = [];
    };
    series.values.forEach((v, i) => {
      if (v === null) flush();
      else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    flush();
    const legendX = CHART.left + s * 150;
    root.append(
      svgNode('rect', { x: legendX, y: CHART.height - 16, width: 10, height: 10, fill: color }),
      svgNode('text', { x: legendX + 14, y: CHART.height - 7 }, series.name),
    );
  });
  return root;
}

function renderCharts(visible: number[]): void {
  for (const old of ui.gridWrap.querySelectorAll('.chart-overlay')) old.remove();
  const sheet = state!.sheet;
  for (const chart of sheet.charts) {
    const overlay = document.createElement('div');
    overlay.className = 'chart-overlay';
    const left = visible.filter((col) => col < chart.anchorColumn).reduce((sum, col) => sum + sheet.widths[col - 1]!, ROW_HEAD_WIDTH);
    overlay.style.left = `${left}px`;
    overlay.style.top = `${HEADER_HEIGHT + (chart.anchorRow - 1) * ROW_HEIGHT}px`;
    overlay.append(chartSvg(chart));
    ui.gridWrap.append(overlay);
  }
}

function renderCell(row: number, col: number, view: CellView | null): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.dataset.cell = a1(row, col);
  if (!view) return cell;
  cell.textContent = view.formula ?? view.text;
  if (view.formula) cell.classList.add('formula-cell');
  if (view.background) cell.style.background = view.background;
  if (view.bold) cell.style.fontWeight = 'bold';
  if (view.color) cell.style.color = view.color;
  if (view.align) cell.style.textAlign = view.align;
  if (view.note) {
    cell.classList.add('has-note');
    cell.title = view.note;
  }
  if (view.list !== undefined) {
    cell.classList.add('has-list');
    const arrow = document.createElement('button');
    arrow.className = 'dd';
    arrow.tabIndex = -1;
    arrow.setAttribute('aria-label', `Choose a value for ${a1(row, col)}`);
    arrow.textContent = '▼';
    arrow.addEventListener('click', (event) => {
      event.stopPropagation();
      select(row, col, true);
      openDropdown(cell, state!.sheet.lists[view.list!]!);
    });
    cell.append(arrow);
  }
  return cell;
}

// ---------------------------------------------------------------- selection and editing

function select(row: number, col: number, tell: boolean): void {
  for (const e of ui.grid.querySelectorAll('.selected, .current')) e.classList.remove('selected', 'current');
  selected = { row, col };
  const cell = td(row, col);
  cell?.classList.add('selected');
  ui.grid.querySelector(`thead th[data-col="${col}"]`)?.classList.add('current');
  ui.grid.querySelector(`th[data-row="${row}"]`)?.classList.add('current');
  ui.nameBox.textContent = a1(row, col);
  const view = cellAt(row, col);
  ui.formula.value = view?.formula ?? view?.text ?? '';
  if (tell) {
    cell?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // Selecting is not a change the page needs to redraw for; the add-on only needs to know.
    request('POST', '/api/select', { sheet: state!.sheet.name, range: a1(row, col) }).catch((error: Error) => showErrors([error.message]));
  }
}

function move(dRow: number, dCol: number): void {
  const sheet = state!.sheet;
  let col = selected.col + dCol;
  while (sheet.hidden[col - 1]) col += Math.sign(dCol) || 1;
  select(Math.max(1, Math.min(sheet.rows, selected.row + dRow)), Math.max(1, Math.min(sheet.columns, col)), true);
}

function commit(row: number, col: number, value: string): void {
  act('/api/edit', { sheet: state!.sheet.name, range: a1(row, col), value });
}

function startEditing(initial: string): void {
  const cell = td(selected.row, selected.col);
  if (!cell || editor) return;
  const { row, col } = selected;
  const input = document.createElement('input');
  input.className = 'editor';
  input.setAttribute('aria-label', `Edit ${a1(row, col)}`);
  input.value = initial;
  cell.append(input);
  input.focus();
  editor = input;
  input.addEventListener('keydown', (event) => {
    const finish = (dRow: number, dCol: number): void => {
      event.preventDefault();
      editor = null;
      input.remove();
      commit(row, col, input.value);
      move(dRow, dCol);
    };
    if (event.key === 'Enter') finish(1, 0);
    else if (event.key === 'Tab') finish(0, event.shiftKey ? -1 : 1);
    else if (event.key === 'Escape') {
      editor = null;
      input.remove();
    }
    event.stopPropagation();
  });
  input.addEventListener('blur', () => {
    if (editor !== input) return;
    editor = null;
    input.remove();
    commit(row, col, input.value);
  });
}

ui.grid.addEventListener('mousedown', (event) => {
  const cell = (event.target as HTMLElement).closest('td');
  if (!cell || event.target === editor) return;
  const match = /^([A-Z]+)(\d+)$/.exec(cell.dataset.cell ?? '');
  if (match) select(Number(match[2]), lettersToColumn(match[1]!), true);
});
ui.grid.addEventListener('dblclick', (event) => {
  if ((event.target as HTMLElement).closest('td')) startEditing(ui.formula.value);
});

document.addEventListener('keydown', (event) => {
  if (!state || editor || event.target === ui.formula || !ui.dialog.hidden) return;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    Tab: [0, 1],
  };
  if (event.key === 'F2' || event.key === 'Enter') startEditing(ui.formula.value);
  else if (event.key === 'Delete' || event.key === 'Backspace') commit(selected.row, selected.col, '');
  else if (event.key in moves) {
    const [dRow, dCol] = moves[event.key]!;
    move(dRow, event.key === 'Tab' && event.shiftKey ? -dCol : dCol);
  }
  // A printable key starts editing with that key, replacing what the cell held, as in Sheets.
  else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) startEditing(event.key);
  else return;
  event.preventDefault();
});

ui.formula.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    commit(selected.row, selected.col, ui.formula.value);
    ui.formula.blur();
  } else if (event.key === 'Escape') {
    ui.formula.blur();
    select(selected.row, selected.col, false);
  }
});

/** Tab-separated text as Sheets copies it: one line per row, a tab between cells. */
function parseTsv(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}

document.addEventListener('paste', (event) => {
  if (!state || editor || event.target === ui.formula) return;
  const text = event.clipboardData?.getData('text/plain') ?? '';
  if (text === '') return;
  event.preventDefault();
  act('/api/paste', { sheet: state.sheet.name, range: a1(selected.row, selected.col), rows: parseTsv(text) });
});

// ---------------------------------------------------------------- dropdowns, menus, dialogs, sidebar

function openDropdown(cell: HTMLElement, choices: string[]): void {
  const { row, col } = selected;
  const box = cell.getBoundingClientRect();
  ui.dropdown.replaceChildren(
    ...choices.map((choice) => {
      const option = document.createElement('button');
      option.setAttribute('role', 'option');
      option.textContent = choice;
      option.addEventListener('click', () => {
        ui.dropdown.hidden = true;
        commit(row, col, choice);
      });
      return option;
    }),
  );
  ui.dropdown.style.left = `${box.left}px`;
  ui.dropdown.style.top = `${box.bottom}px`;
  ui.dropdown.style.minWidth = `${box.width}px`;
  ui.dropdown.hidden = false;
}

/** Extensions: the menus onOpen made, then the editor's Run button, for functions no menu offers yet. */
function renderMenu(): void {
  const { menus, functions } = state!;
  const entries = menus.map((menu) =>
    submenu(
      menu.name,
      menu.items.map((item) => [item.caption, () => act('/api/menu', { functionName: item.functionName }, true)]),
    ),
  );
  entries.push(
    submenu(
      RUN_MENU,
      functions.map((name) => [name, () => act('/api/call', { functionName: name }, true)]),
    ),
  );
  ui.menu.replaceChildren(...entries);
}

const RUN_MENU = 'Apps Script: run a function';

function submenu(name: string, items: [string, () => void][]): HTMLElement {
  const entry = document.createElement('div');
  entry.className = 'menu-entry';
  entry.setAttribute('role', 'menuitem');
  entry.setAttribute('aria-haspopup', 'menu');
  const label = document.createElement('span');
  label.textContent = name;
  const arrow = document.createElement('span');
  arrow.textContent = '▸';
  const sub = document.createElement('div');
  sub.className = 'menu submenu';
  sub.setAttribute('role', 'menu');
  sub.append(
    ...items.map(([caption, run]) => {
      const button = document.createElement('button');
      button.className = 'menu-entry';
      button.setAttribute('role', 'menuitem');
      button.textContent = caption;
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        closeMenus();
        run();
      });
      return button;
    }),
  );
  entry.addEventListener('click', () => {
    for (const e of ui.menu.querySelectorAll('.open')) if (e !== entry) e.classList.remove('open');
    entry.classList.toggle('open');
  });
  entry.append(label, arrow, sub);
  return entry;
}

function closeMenus(): void {
  ui.menu.hidden = true;
  ui.extensions.setAttribute('aria-expanded', 'false');
  for (const e of ui.menu.querySelectorAll('.open')) e.classList.remove('open');
  ui.dropdown.hidden = true;
}

ui.extensions.addEventListener('click', (event) => {
  event.stopPropagation();
  const open = ui.menu.hidden;
  closeMenus();
  ui.menu.hidden = !open;
  ui.extensions.setAttribute('aria-expanded', String(open));
});
ui.menu.addEventListener('click', (event) => event.stopPropagation());
document.addEventListener('click', closeMenus);

/** Alerts come one at a time, as Apps Script shows them; the emulated user has already answered OK. */
function nextAlert(): void {
  const alert = alerts[0];
  ui.dialog.hidden = !alert;
  if (!alert) return;
  ui.dialogTitle.textContent = alert.title ?? state?.menus[0]?.name ?? 'Alert';
  ui.dialogText.textContent = alert.prompt;
  element('dialog-ok').focus();
}

element('dialog-ok').addEventListener('click', () => {
  alerts.shift();
  nextAlert();
});

function showErrors(errors: string[]): void {
  ui.errors.hidden = errors.length === 0;
  ui.errors.textContent = errors.join('\n');
}

function showEffects(effects: Effects): void {
  showErrors(effects.errors);
  const toast = effects.toasts.at(-1);
  if (toast) {
    // The toast stays until closed or replaced, so a slow reader (or test) never misses it.
    ui.toastTitle.textContent = toast.title;
    ui.toastText.textContent = toast.message;
    ui.toast.hidden = false;
  }
  const sidebar = effects.sidebars.at(-1);
  if (sidebar) {
    ui.sidebarTitle.textContent = sidebar.title;
    ui.sidebarFrame.src = `/sidebar/${sidebar.index}`;
    ui.sidebar.hidden = false;
  }
  if (effects.alerts.length > 0) {
    const showing = alerts.length > 0;
    alerts.push(...effects.alerts);
    if (!showing) nextAlert();
  }
}

element('toast-close').addEventListener('click', () => {
  ui.toast.hidden = true;
});

function closeSidebar(): void {
  ui.sidebar.hidden = true;
  ui.sidebarFrame.removeAttribute('src');
}

element('sidebar-close').addEventListener('click', closeSidebar);

// The sidebar's google.script.run (bridge.ts) reports each call so the grid shows what it changed.
window.addEventListener('message', (event: MessageEvent<{ type?: string; effects?: Effects }>) => {
  if (event.origin !== location.origin || event.source !== ui.sidebarFrame.contentWindow) return;
  if (event.data.type === 'preview:close') closeSidebar();
  if (event.data.type === 'preview:ran') {
    refresh().then(
      () => event.data.effects && showEffects(event.data.effects),
      (error: Error) => showErrors([error.message]),
    );
  }
});

// Opening the page is opening the spreadsheet: onOpen builds the menus.
act('/api/open', {}, true);
