/**
 * The spreadsheet page: renders the server's PageState as Sheets would show it and sends what the
 * user does (select, type, paste, menu) to the server, one request at a time so they reach the
 * add-on in the order the user did them. Cell contents are always set with textContent.
 *
 * Typing goes to one input that never leaves the page (#cell-input): over the selected cell it is
 * invisible and waits; the first character, from a key, a dead key or an input method, makes it
 * the cell's editor. A redraw of the grid moves it, never replaces it, so an edit in progress
 * keeps its text and caret while the replies to earlier edits arrive.
 */
import { columnToLetters, lettersToColumn, parseA1 } from '@cacwt/gas-emulator/a1';
import type { CellView, ChartView, Effects, Moved, PageState, Reply, SheetView } from '../protocol';

const ROW_HEAD_WIDTH = 46;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const ui = {
  title: element('title'),
  notice: element('notice'),
  noticeText: element('notice-text'),
  nameBox: element('name-box'),
  formula: element<HTMLInputElement>('formula'),
  gridWrap: element('grid-wrap'),
  grid: element<HTMLTableElement>('grid'),
  input: element<HTMLInputElement>('cell-input'),
  note: element('cell-note'),
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
/** The cell #cell-input edits; null while it only waits over the selected cell. `quick`: started by typing, so arrows finish it. */
let editing: { sheet: string; row: number; col: number; quick: boolean } | null = null;
/** The column a run of Tabs started from: Enter then goes to the next row in that column, as in Sheets. */
let tabStart: number | null = null;
const alerts: Effects['alerts'] = [];
/** The notice the admin closed: not shown again while it says the same. */
let dismissedNotice: string | null = null;

// ---------------------------------------------------------------- talking to the server

let queue: Promise<unknown> = Promise.resolve();
let pending = 0;
/** The newest workbook version the server's events announced. */
let announced = -1;

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
      if (--pending === 0) {
        delete document.body.dataset.busy;
        catchUp();
      }
    });
  return run;
}

/** followActive: the add-on may have moved the selection (menu items, google.script.run), so show where it is now. */
function act(path: string, body?: unknown, followActive = false): void {
  request<Reply | Moved>('POST', path, body ?? {}).then(
    (reply) => {
      // Moved: a tab clicked that was already the active one; nothing to redraw.
      if ('moved' in reply) return;
      render(reply.state, followActive);
      showEffects(reply.effects);
    },
    (error: Error) => showErrors([error.message]),
  );
}

/** Redraws from the server: the tab this page shows, or (followActive) the one the add-on made active. */
async function refresh(followActive: boolean): Promise<void> {
  const query = followActive || !state ? '' : `?sheet=${encodeURIComponent(state.sheet.name)}`;
  render(await request<PageState>('GET', `/api/state${query}`), followActive);
}

/** Another page (or the sidebar) changed the workbook: fetch it once nothing of ours is on the way (our replies bring it too). */
function catchUp(): void {
  if (pending === 0 && state && announced > state.version) refresh(false).catch((error: Error) => showErrors([error.message]));
}

function listenForChanges(): void {
  new EventSource('/api/events').addEventListener('message', (event: MessageEvent<string>) => {
    announced = Math.max(announced, Number(event.data));
    catchUp();
  });
}

// ---------------------------------------------------------------- edits on their way

/** Edits sent and not answered yet, by tab and cell: a redraw from an earlier reply shows these, not what the cell held. */
const unsaved = new Map<string, { value: string; id: number }>();
let editCount = 0;

function commit(sheet: string, row: number, col: number, value: string): void {
  const key = `${sheet}!${a1(row, col)}`;
  const id = ++editCount;
  unsaved.set(key, { value, id });
  if (state?.sheet.name === sheet) showText(row, col, value);
  const settle = (): void => {
    if (unsaved.get(key)?.id === id) unsaved.delete(key);
  };
  request<Reply>('POST', '/api/edit', { sheet, range: a1(row, col), value }).then(
    (reply) => {
      settle();
      render(reply.state, false);
      showEffects(reply.effects);
    },
    (error: Error) => {
      settle();
      showErrors([error.message]);
    },
  );
}

/** Cells of the shown tab showing an edit the server has not answered yet (A1 references). */
const overlaid = new Set<string>();

function showText(row: number, col: number, text: string): void {
  const cell = td(row, col);
  if (!cell) return;
  for (const node of [...cell.childNodes]) if (node.nodeType === Node.TEXT_NODE) node.remove();
  cell.prepend(text);
  overlaid.add(a1(row, col));
}

// ---------------------------------------------------------------- rendering

function a1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}

function cellAt(row: number, col: number): CellView | null {
  return state?.sheet.cells[row - 1]?.[col - 1] ?? null;
}

/** The grid's cells by A1 reference: a lookup per key press, where a selector would search thousands of cells. */
const cells = new Map<string, HTMLTableCellElement>();

function td(row: number, col: number): HTMLTableCellElement | null {
  return cells.get(a1(row, col)) ?? null;
}

let menusShown = '';

function render(next: PageState, followActive: boolean): void {
  const sheetChanged = state?.sheet.name !== next.sheet.name;
  const previous = state?.sheet ?? null;
  state = next;
  ui.title.textContent = next.title;
  document.title = `${next.title}: local preview`;
  ui.notice.hidden = next.notice === null || next.notice === dismissedNotice;
  ui.noticeText.textContent = next.notice ?? '';
  renderTabs();
  // The menus change only when onOpen runs again: redrawing them would lose the focus of a keyboard user inside.
  const menus = JSON.stringify([next.menus, next.functions]);
  if (menus !== menusShown) {
    menusShown = menus;
    renderMenu();
  }
  // A reply usually changes a few cells of the tab shown: those are redrawn, not the whole grid,
  // which on a tab of a thousand rows would hold up every key typed meanwhile.
  if (previous && sameLayout(previous, next.sheet)) redrawChanged(previous, next.sheet);
  else {
    renderGrid();
    overlaid.clear();
  }
  const pending = [...unsaved]
    .map(([key, edit]) => ({ sheet: key.slice(0, key.lastIndexOf('!')), ref: key.slice(key.lastIndexOf('!') + 1), value: edit.value }))
    .filter((edit) => edit.sheet === next.sheet.name);
  // A cell whose edit is answered shows what the server holds now, the others what was typed.
  for (const ref of overlaid) if (!pending.some((edit) => edit.ref === ref)) redrawCell(ref);
  overlaid.clear();
  for (const { ref, value } of pending) {
    const { row, col } = parseA1(ref).resolve(next.sheet.rows, next.sheet.columns);
    showText(row, col, value);
  }
  renderCharts();
  if (editing === null && (sheetChanged || followActive)) {
    const { row, col } = parseA1(next.active.range).resolve(next.sheet.rows, next.sheet.columns);
    selected = { row, col };
  }
  select(Math.min(selected.row, next.sheet.rows), Math.min(selected.col, next.sheet.columns), false);
}

function renderTabs(): void {
  const { tabs } = state!;
  const shown = state!.sheet.name;
  const focused =
    document.activeElement instanceof HTMLElement && ui.tabs.contains(document.activeElement) ? document.activeElement.textContent : null;
  ui.tabs.replaceChildren(
    ...tabs.map((tab) => {
      const button = document.createElement('button');
      button.className = 'tab';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(tab.name === shown));
      // One tab stop for the tab bar; the arrow keys go along it (ARIA tabs).
      button.tabIndex = tab.name === shown ? 0 : -1;
      button.textContent = tab.name;
      if (tab.color) button.style.borderBottom = `3px solid ${tab.color}`;
      button.addEventListener('click', () => act('/api/select', { sheet: tab.name, range: 'A1' }));
      return button;
    }),
  );
  if (focused !== null) ([...ui.tabs.children].find((b) => b.textContent === focused) as HTMLElement | undefined)?.focus();
}

ui.tabs.addEventListener('keydown', (event) => {
  const buttons = [...ui.tabs.querySelectorAll<HTMLButtonElement>('[role=tab]')];
  const i = buttons.indexOf(event.target as HTMLButtonElement);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (i < 0 || next === undefined) return;
  event.preventDefault();
  buttons[(next + buttons.length) % buttons.length]?.focus();
});

function sameLayout(a: SheetView, b: SheetView): boolean {
  return (
    a.name === b.name &&
    a.rows === b.rows &&
    a.columns === b.columns &&
    a.frozenRows === b.frozenRows &&
    a.frozenColumns === b.frozenColumns &&
    JSON.stringify([a.widths, a.hidden, a.lists]) === JSON.stringify([b.widths, b.hidden, b.lists])
  );
}

function sameCell(a: CellView | null, b: CellView | null): boolean {
  if (a === null || b === null) return a === b;
  const keys: (keyof CellView)[] = ['text', 'formula', 'background', 'bold', 'color', 'note', 'align', 'list'];
  return keys.every((key) => a[key] === b[key]);
}

function redrawChanged(before: SheetView, after: SheetView): void {
  for (let r = 0; r < after.rows; r++) {
    for (let c = 0; c < after.columns; c++) {
      if (!after.hidden[c] && !sameCell(before.cells[r]?.[c] ?? null, after.cells[r]?.[c] ?? null)) redrawCell(a1(r + 1, c + 1));
    }
  }
}

/** Replaces one cell with what the server's view says, where it sticks (frozen) included. */
function redrawCell(ref: string): void {
  const { row, col } = parseA1(ref).resolve(state!.sheet.rows, state!.sheet.columns);
  const old = td(row, col);
  if (!old) return;
  const fresh = renderCell(row, col, cellAt(row, col));
  if (old.classList.contains('frozen')) {
    fresh.classList.add('frozen');
    fresh.style.top = old.style.top;
    fresh.style.left = old.style.left;
  }
  old.replaceWith(fresh);
  cells.set(ref, fresh);
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
  cells.clear();
  const frozenRows: HTMLTableRowElement[] = [];
  for (let row = 1; row <= sheet.rows; row++) {
    const tr = document.createElement('tr');
    const frozen = row <= sheet.frozenRows;
    if (frozen) frozenRows.push(tr);
    if (row === sheet.frozenRows) tr.className = 'frozen-last';
    const rowHead = document.createElement('th');
    rowHead.className = 'row-head';
    rowHead.dataset.row = String(row);
    rowHead.textContent = String(row);
    if (frozen) rowHead.style.zIndex = '3';
    tr.append(rowHead);
    for (const col of visible) {
      const cell = renderCell(row, col, sheet.cells[row - 1]?.[col - 1] ?? null);
      if (frozen || stickyLeft.has(col)) {
        cell.classList.add('frozen');
        if (stickyLeft.has(col)) cell.style.left = `${stickyLeft.get(col)}px`;
      }
      tr.append(cell);
    }
    tbody.append(tr);
  }
  // A fixed-layout table honours its columns' widths only when its own width is their sum.
  ui.grid.style.width = `${visible.reduce((sum, col) => sum + sheet.widths[col - 1]!, ROW_HEAD_WIDTH)}px`;
  ui.grid.replaceChildren(colgroup, thead, tbody);
  // Frozen rows stick right under the column letters and each other: measured, not assumed, so
  // no strip of the rows scrolling beneath shows between them.
  let top = head.getBoundingClientRect().height;
  for (const tr of frozenRows) {
    for (const cell of tr.children) (cell as HTMLElement).style.top = `${top}px`;
    top += tr.getBoundingClientRect().height;
  }
  // Scrolling a cell into view keeps it clear of what sticks: the frozen rows and columns.
  ui.gridWrap.style.scrollPaddingTop = `${top}px`;
  ui.gridWrap.style.scrollPaddingLeft = `${left}px`;
}

// ---------------------------------------------------------------- charts

const CHART = { width: 480, height: 260, left: 44, right: 12, top: 30, bottom: 48 };
const SERIES_COLORS = ['#1a73e8', '#d93025', '#188038', '#e37400'];

function svgNode(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
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

/** Each chart of the tab shown, over the grid at its anchor cell (drawn afresh: a reply may change its numbers). */
function renderCharts(): void {
  for (const old of ui.gridWrap.querySelectorAll('.chart-overlay')) old.remove();
  const wrap = ui.gridWrap.getBoundingClientRect();
  for (const chart of state!.sheet.charts) {
    const anchor = td(chart.anchorRow, chart.anchorColumn);
    if (!anchor) continue;
    const box = anchor.getBoundingClientRect();
    const overlay = document.createElement('div');
    overlay.className = 'chart-overlay';
    overlay.style.left = `${box.left - wrap.left + ui.gridWrap.scrollLeft}px`;
    overlay.style.top = `${box.top - wrap.top + ui.gridWrap.scrollTop}px`;
    overlay.append(chartSvg(chart));
    ui.gridWrap.append(overlay);
  }
}

function renderCell(row: number, col: number, view: CellView | null): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.dataset.cell = a1(row, col);
  cells.set(cell.dataset.cell, cell);
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
      openDropdown();
    });
    cell.append(arrow);
  }
  return cell;
}

// ---------------------------------------------------------------- selection and editing

/** Puts #cell-input over the cell it edits, or over the selected one where it waits for typing. */
function placeInput(): void {
  const at = editing ?? selected;
  const cell = editing && editing.sheet !== state?.sheet.name ? null : td(at.row, at.col);
  if (!cell) return;
  const box = cell.getBoundingClientRect();
  const wrap = ui.gridWrap.getBoundingClientRect();
  Object.assign(ui.input.style, {
    left: `${box.left - wrap.left + ui.gridWrap.scrollLeft}px`,
    top: `${box.top - wrap.top + ui.gridWrap.scrollTop}px`,
    width: `${box.width}px`,
    height: `${box.height}px`,
  });
}

function select(row: number, col: number, tell: boolean): void {
  for (const e of ui.grid.querySelectorAll('.selected, .current')) e.classList.remove('selected', 'current');
  selected = { row, col };
  const cell = td(row, col);
  cell?.classList.add('selected');
  ui.grid.querySelector(`thead th[data-col="${col}"]`)?.classList.add('current');
  ui.grid.querySelector(`th[data-row="${row}"]`)?.classList.add('current');
  ui.nameBox.textContent = a1(row, col);
  const view = cellAt(row, col);
  if (!editing) {
    ui.formula.value = view?.formula ?? view?.text ?? '';
    ui.input.setAttribute('aria-label', `${a1(row, col)}${view ? `: ${view.formula ?? view.text}` : ', blank'}`);
  }
  if (tell) cell?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  placeInput();
  showNote(editing ? null : (view?.note ?? null), cell);
  if (tell) {
    // Selecting is not a change the page needs to redraw for; the add-on only needs to know.
    request('POST', '/api/select', { sheet: state!.sheet.name, range: a1(row, col) }).catch((error: Error) => showErrors([error.message]));
  }
}

/** The selected cell's note shows beside it, as Sheets shows it, and is the grid input's accessible description. */
function showNote(note: string | null, cell: HTMLElement | null): void {
  ui.note.hidden = note === null || cell === null;
  ui.note.textContent = note ?? '';
  if (note === null || cell === null) {
    ui.input.removeAttribute('aria-describedby');
    return;
  }
  ui.input.setAttribute('aria-describedby', ui.note.id);
  const box = cell.getBoundingClientRect();
  const wrap = ui.gridWrap.getBoundingClientRect();
  // Right of the cell, as in Sheets; left of it where the grid has no room on the right.
  const right = box.right + 4 + ui.note.offsetWidth <= wrap.left + ui.gridWrap.clientWidth;
  const left = right ? box.right + 4 : Math.max(wrap.left, box.left - 4 - ui.note.offsetWidth);
  ui.note.style.left = `${left - wrap.left + ui.gridWrap.scrollLeft}px`;
  ui.note.style.top = `${box.top - wrap.top + ui.gridWrap.scrollTop}px`;
}

function move(dRow: number, dCol: number): void {
  const sheet = state!.sheet;
  let col = selected.col + dCol;
  while (sheet.hidden[col - 1]) col += Math.sign(dCol) || 1;
  select(Math.max(1, Math.min(sheet.rows, selected.row + dRow)), Math.max(1, Math.min(sheet.columns, col)), true);
}

/** The input becomes the selected cell's editor: with `initial` (F2, Enter, double-click), or with what was just typed into it. */
function beginEdit(quick: boolean, initial?: string): void {
  if (!state || editing) return;
  editing = { sheet: state.sheet.name, ...selected, quick };
  if (initial !== undefined) {
    ui.input.value = initial;
    ui.input.setSelectionRange(initial.length, initial.length);
  }
  ui.input.classList.add('editing');
  ui.input.setAttribute('aria-label', `Edit ${a1(selected.row, selected.col)}`);
  ui.formula.value = ui.input.value;
  showNote(null, null);
  placeInput();
}

/** Ends the edit: the input goes back to waiting over the selected cell, empty. Returns what was typed. */
function endEdit(): { sheet: string; row: number; col: number; value: string } | null {
  if (!editing) return null;
  const ended = { ...editing, value: ui.input.value };
  editing = null;
  ui.input.value = '';
  ui.input.classList.remove('editing');
  return ended;
}

/** Enter, Tab or an arrow commits the edit and moves on, as in Sheets. */
function finishEdit(dRow: number, dCol: number): void {
  const ended = endEdit();
  if (ended) commit(ended.sheet, ended.row, ended.col, ended.value);
  go(dRow, dCol, dCol !== 0 && dRow === 0);
}

/** Moves the selection; a Tab remembers where its run started, Enter returns to that column on the next row. */
function go(dRow: number, dCol: number, tab: boolean): void {
  if (tab) tabStart ??= selected.col;
  if (dRow !== 0 && dCol === 0 && tabStart !== null) {
    const col = tabStart;
    tabStart = null;
    select(Math.max(1, Math.min(state!.sheet.rows, selected.row + dRow)), col, true);
    return;
  }
  if (!tab) tabStart = null;
  move(dRow, dCol);
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

ui.input.addEventListener('keydown', (event) => {
  // Keys an input method is composing with are its own.
  if (event.isComposing || !state) return;
  const { key } = event;
  if (editing) {
    if (key === 'Enter') finishEdit(event.shiftKey ? -1 : 1, 0);
    else if (key === 'Tab') finishEdit(0, event.shiftKey ? -1 : 1);
    else if (key === 'Escape') {
      endEdit();
      select(selected.row, selected.col, false);
    } else if (editing.quick && key in ARROWS) finishEdit(...ARROWS[key]!);
    else return;
  } else if (key === 'Tab') go(0, event.shiftKey ? -1 : 1, true);
  else if (key === 'Enter' && event.shiftKey) go(-1, 0, false);
  else if (key in ARROWS && !event.altKey) go(...ARROWS[key]!, false);
  else if ((key === 'Enter' || (key === 'ArrowDown' && event.altKey)) && cellAt(selected.row, selected.col)?.list !== undefined)
    openDropdown();
  else if (key === 'Enter' || key === 'F2') {
    const view = cellAt(selected.row, selected.col);
    beginEdit(false, view?.formula ?? view?.text ?? '');
  } else if (key === 'Delete' || key === 'Backspace') commit(state.sheet.name, selected.row, selected.col, '');
  // Anything else, a printable key included, goes into the input: its input event starts the edit.
  else return;
  event.preventDefault();
});

// The edit starts from what the input receives, not from keydown: a dead key (´ then A → Á) or an
// input method (木兰) types its first character through a composition, with no key of its own.
ui.input.addEventListener('compositionstart', () => beginEdit(true));
ui.input.addEventListener('input', () => {
  beginEdit(true);
  ui.formula.value = ui.input.value;
});
ui.input.addEventListener('blur', () => {
  const ended = endEdit();
  if (ended) commit(ended.sheet, ended.row, ended.col, ended.value);
  if (ended) select(selected.row, selected.col, false);
});

function cellOf(target: EventTarget | null): { row: number; col: number } | null {
  const cell = (target as HTMLElement | null)?.closest?.('td');
  const match = /^([A-Z]+)(\d+)$/.exec(cell?.dataset.cell ?? '');
  return match ? { row: Number(match[2]), col: lettersToColumn(match[1]!) } : null;
}

ui.grid.addEventListener('mousedown', (event) => {
  const at = cellOf(event.target);
  if (!at || !state) return;
  // The focus stays in the grid's input, so the next key types into the cell clicked.
  event.preventDefault();
  const ended = endEdit();
  if (ended) commit(ended.sheet, ended.row, ended.col, ended.value);
  tabStart = null;
  select(at.row, at.col, true);
  ui.input.focus();
});
ui.grid.addEventListener('dblclick', (event) => {
  if (!cellOf(event.target)) return;
  const view = cellAt(selected.row, selected.col);
  beginEdit(false, view?.formula ?? view?.text ?? '');
  ui.input.focus();
});

ui.formula.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    commit(state!.sheet.name, selected.row, selected.col, ui.formula.value);
    ui.input.focus();
  } else if (event.key === 'Escape') {
    select(selected.row, selected.col, false);
    ui.input.focus();
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

// A paste into the waiting input is a paste into the sheet; into an editor it is text for the cell.
ui.input.addEventListener('paste', (event) => {
  if (!state || editing) return;
  const text = event.clipboardData?.getData('text/plain') ?? '';
  if (text === '') return;
  event.preventDefault();
  act('/api/paste', { sheet: state.sheet.name, range: a1(selected.row, selected.col), rows: parseTsv(text) });
});

// ---------------------------------------------------------------- dropdowns

/** The selected cell's choices: arrow keys move, Enter or a click picks, Escape closes. */
function openDropdown(): void {
  const { row, col } = selected;
  const view = cellAt(row, col);
  const cell = td(row, col);
  if (!state || !cell || view?.list === undefined) return;
  const sheet = state.sheet.name;
  const box = cell.getBoundingClientRect();
  const options = state.sheet.lists[view.list]!.map((choice) => {
    const option = document.createElement('button');
    option.setAttribute('role', 'option');
    option.tabIndex = -1;
    option.textContent = choice;
    option.setAttribute('aria-selected', String(choice === view.text));
    option.addEventListener('click', (event) => {
      event.stopPropagation();
      closeDropdown();
      commit(sheet, row, col, choice);
    });
    return option;
  });
  ui.dropdown.replaceChildren(...options);
  ui.dropdown.setAttribute('aria-label', `Choices for ${a1(row, col)}`);
  ui.dropdown.style.left = `${box.left}px`;
  ui.dropdown.style.top = `${box.bottom}px`;
  ui.dropdown.style.minWidth = `${box.width}px`;
  ui.dropdown.hidden = false;
  (options.find((o) => o.getAttribute('aria-selected') === 'true') ?? options[0])?.focus();
}

function closeDropdown(): void {
  if (ui.dropdown.hidden) return;
  ui.dropdown.hidden = true;
  ui.input.focus();
}

ui.dropdown.addEventListener('keydown', (event) => {
  const options = [...ui.dropdown.querySelectorAll<HTMLButtonElement>('[role=option]')];
  const i = options.indexOf(document.activeElement as HTMLButtonElement);
  const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: options.length - 1 }[event.key];
  if (next !== undefined) options[Math.max(0, Math.min(options.length - 1, next))]?.focus();
  else if (event.key === 'Escape' || event.key === 'Tab') closeDropdown();
  else if (/^\p{L}$/u.test(event.key)) {
    // A letter goes to the next choice starting with it, as in a native list.
    const letter = event.key.toLocaleLowerCase();
    const after = [...options.slice(i + 1), ...options.slice(0, i + 1)];
    after.find((o) => o.textContent?.toLocaleLowerCase().startsWith(letter))?.focus();
  } else return;
  event.preventDefault();
});

// ---------------------------------------------------------------- menus

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
  entry.tabIndex = -1;
  entry.setAttribute('role', 'menuitem');
  entry.setAttribute('aria-haspopup', 'menu');
  entry.setAttribute('aria-expanded', 'false');
  const label = document.createElement('span');
  label.textContent = name;
  const arrow = document.createElement('span');
  arrow.textContent = '▸';
  arrow.setAttribute('aria-hidden', 'true');
  const sub = document.createElement('div');
  sub.className = 'menu submenu';
  sub.setAttribute('role', 'menu');
  sub.setAttribute('aria-label', name);
  sub.append(
    ...items.map(([caption, run]) => {
      const button = document.createElement('button');
      button.className = 'menu-entry';
      button.tabIndex = -1;
      button.setAttribute('role', 'menuitem');
      button.textContent = caption;
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        closeMenus();
        ui.input.focus();
        run();
      });
      return button;
    }),
  );
  entry.addEventListener('click', () => (entry.classList.contains('open') ? closeSubmenu(entry, false) : openSubmenu(entry, false)));
  entry.append(label, arrow, sub);
  return entry;
}

function entriesOf(menu: Element): HTMLElement[] {
  return [...menu.children].filter((e): e is HTMLElement => e.classList.contains('menu-entry'));
}

function openSubmenu(entry: HTMLElement, focusFirst: boolean): void {
  for (const other of entriesOf(ui.menu)) if (other !== entry) closeSubmenu(other, false);
  entry.classList.add('open');
  entry.setAttribute('aria-expanded', 'true');
  if (focusFirst) entriesOf(entry.querySelector('.submenu')!)[0]?.focus();
}

function closeSubmenu(entry: HTMLElement, focus: boolean): void {
  entry.classList.remove('open');
  entry.setAttribute('aria-expanded', 'false');
  if (focus) entry.focus();
}

function openMenu(focusFirst: boolean): void {
  closeMenus();
  ui.menu.hidden = false;
  ui.extensions.setAttribute('aria-expanded', 'true');
  if (focusFirst) entriesOf(ui.menu)[0]?.focus();
}

function closeMenus(): void {
  ui.menu.hidden = true;
  ui.extensions.setAttribute('aria-expanded', 'false');
  for (const e of entriesOf(ui.menu)) closeSubmenu(e, false);
  ui.dropdown.hidden = true;
}

// Enter and Space click the button; a click from the keyboard (detail 0) puts the focus in the menu.
ui.extensions.addEventListener('click', (event) => {
  event.stopPropagation();
  if (ui.menu.hidden) openMenu(event.detail === 0);
  else closeMenus();
});
ui.extensions.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') openMenu(true);
  else if (event.key === 'Escape') closeMenus();
  else return;
  event.preventDefault();
});

/** The menu's keys, as in Sheets: arrows move and open, Enter or Space picks, Escape closes a level. */
ui.menu.addEventListener('keydown', (event) => {
  const current = (event.target as HTMLElement).closest<HTMLElement>('.menu-entry');
  if (!current) return;
  const level = current.parentElement!;
  const list = entriesOf(level);
  const i = list.indexOf(current);
  const parent = level === ui.menu ? null : level.closest<HTMLElement>('.menu-entry');
  const hasSub = current.getAttribute('aria-haspopup') === 'menu';
  const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: list.length - 1 }[event.key];
  if (next !== undefined) list[(next + list.length) % list.length]?.focus();
  else if (hasSub && (event.key === 'ArrowRight' || event.key === 'Enter' || event.key === ' ')) openSubmenu(current, true);
  else if (parent && (event.key === 'ArrowLeft' || event.key === 'Escape')) closeSubmenu(parent, true);
  else if (event.key === 'Escape') {
    closeMenus();
    ui.extensions.focus();
  } else if (event.key === 'Tab') {
    closeMenus();
    ui.input.focus();
  } else return;
  event.preventDefault();
  event.stopPropagation();
});
ui.menu.addEventListener('click', (event) => event.stopPropagation());
document.addEventListener('click', closeMenus);

// ---------------------------------------------------------------- moving between the page's parts

/** F6 and Shift+F6 go round the menu bar, the grid, the sidebar and the sheet tabs; Alt+N opens Extensions, as in Sheets. */
function regions(): HTMLElement[] {
  const tab = ui.tabs.querySelector<HTMLElement>('[aria-selected=true]');
  return [ui.extensions, ui.input, ...(ui.sidebar.hidden ? [] : [ui.sidebarFrame]), ...(tab ? [tab] : [])];
}

function cycleRegions(backwards: boolean): void {
  const all = regions();
  const active = document.activeElement;
  const i = all.findIndex(
    (r) =>
      r === active ||
      (r === ui.extensions && ui.menu.contains(active)) ||
      (r === ui.sidebarFrame && ui.sidebar.contains(active)) ||
      (r.parentElement === ui.tabs && ui.tabs.contains(active)),
  );
  closeMenus();
  const next = all[(i + (backwards ? -1 : 1) + all.length) % all.length]!;
  if (next === ui.sidebarFrame) focusSidebar();
  else next.focus();
}

function pageKeys(event: KeyboardEvent): void {
  if (event.key === 'F6') cycleRegions(event.shiftKey);
  else if (event.altKey && event.code === 'KeyN' && ui.dialog.hidden) openMenu(true);
  else return;
  event.preventDefault();
}
document.addEventListener('keydown', pageKeys);

function focusSidebar(): void {
  const doc = ui.sidebarFrame.contentDocument;
  const first = doc?.querySelector<HTMLElement>('[role=tab][aria-selected=true], button:not([disabled]), input, select, textarea, [href]');
  if (first) first.focus();
  else ui.sidebarFrame.focus();
}

// ---------------------------------------------------------------- dialogs, toasts, notices, sidebar

let focusBeforeDialog: HTMLElement | null = null;

/** Alerts come one at a time, as Apps Script shows them; the emulated user has already answered OK. */
function nextAlert(): void {
  const alert = alerts[0];
  ui.dialog.hidden = !alert;
  if (!alert) {
    (focusBeforeDialog ?? ui.input).focus();
    focusBeforeDialog = null;
    return;
  }
  if (!focusBeforeDialog && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
    focusBeforeDialog = document.activeElement;
  }
  ui.dialogTitle.textContent = alert.title ?? state?.menus[0]?.name ?? 'Alert';
  ui.dialogText.textContent = alert.prompt;
  element('dialog-ok').focus();
}

element('dialog-ok').addEventListener('click', () => {
  alerts.shift();
  nextAlert();
});
ui.dialog.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') element('dialog-ok').click();
  // The only control: Tab stays on it, as in a modal dialog.
  else if (event.key === 'Tab') element('dialog-ok').focus();
  else return;
  event.preventDefault();
});

function showErrors(errors: string[]): void {
  ui.errors.hidden = errors.length === 0;
  ui.errors.textContent = errors.join('\n');
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

function showEffects(effects: Effects): void {
  showErrors(effects.errors);
  const toast = effects.toasts.at(-1);
  if (toast) {
    ui.toastTitle.textContent = toast.title;
    ui.toastText.textContent = toast.message;
    ui.toast.hidden = false;
    // As in Sheets: gone after its timeout (5 s unless the add-on said otherwise), kept while negative.
    clearTimeout(toastTimer);
    if (toast.timeoutSeconds >= 0) {
      toastTimer = setTimeout(() => {
        ui.toast.hidden = true;
      }, toast.timeoutSeconds * 1000);
    }
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
  clearTimeout(toastTimer);
  ui.toast.hidden = true;
});

element('notice-close').addEventListener('click', () => {
  dismissedNotice = ui.noticeText.textContent;
  ui.notice.hidden = true;
  ui.input.focus();
});

function closeSidebar(): void {
  const hadFocus = ui.sidebar.contains(document.activeElement);
  ui.sidebar.hidden = true;
  ui.sidebarFrame.removeAttribute('src');
  if (hadFocus) ui.input.focus();
}

element('sidebar-close').addEventListener('click', closeSidebar);

// A sidebar that opens takes the focus, as the thing just asked for; F6 inside it goes on round the page.
ui.sidebarFrame.addEventListener('load', () => {
  const doc = ui.sidebarFrame.contentDocument;
  if (!doc || ui.sidebar.hidden) return;
  doc.addEventListener('keydown', pageKeys);
  focusSidebar();
});

// The sidebar's google.script.run (bridge.ts) reports each call so the grid shows what it changed.
window.addEventListener('message', (event: MessageEvent<{ type?: string; effects?: Effects }>) => {
  if (event.origin !== location.origin || event.source !== ui.sidebarFrame.contentWindow) return;
  if (event.data.type === 'preview:close') closeSidebar();
  if (event.data.type === 'preview:ran') {
    refresh(true).then(
      () => event.data.effects && showEffects(event.data.effects),
      (error: Error) => showErrors([error.message]),
    );
  }
});

// Opening the page is opening the spreadsheet: onOpen builds the menus.
act('/api/open', {}, true);
ui.input.focus();
listenForChanges();
