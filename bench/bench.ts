/**
 * npm run bench: what each operation of the built add-on costs, and how the cost grows.
 * Runs dist/Code.js in the emulator at 100, 1,000 and 10,000 template rows (registry 5x that,
 * up to 50,000) and prints Sheets calls, cells read and written, and CPU time beside the baseline
 * (bench/baseline.json: the code before this round) and the targets of issue #14; then our CSV
 * writer against papaparse and csv-stringify, a cell-by-cell export against ours, and the size
 * of the bundle. Nothing here is part of npm test.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import { HEADERS } from '../src/core/columns';
import { toCsv } from '../src/core/csv';
import { createEmulator, emulatorFromJSON, type Emulator, type WorkbookJson } from '@cacwt/gas-emulator';
import { loadBundle } from '@cacwt/gas-emulator/bundle';
import { PARTNER, TABS, archivalRow, creationRow as partnerRow, registryRow as registryCells, setUpWorkbook } from '../test/fixtures';

interface BaselineFile {
  commit: string;
  operations: Record<string, Record<string, Measure>>;
}

const BASELINE = JSON.parse(readFileSync(resolve('bench/baseline.json'), 'utf8')) as BaselineFile;

const DIST = resolve('dist');
/** The bundle of commit 4d17bd2 (before this round): run again here, so CPU is compared in the same run. */
const BASELINE_DIST = resolve('bench/baseline');
/** `BENCH_SIZES=10000 npm run bench` measures some sizes only (the targets need 10,000). */
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const BIG = 10_000;
const REGISTRY_FACTOR = 5;
/** The Registry Log holds this many rows per template row: 200,000 beside a 50,000-learner registry. */
const LOG_FACTOR = 20;
const FIRST_NAMES = ['Ana', 'Luis', 'Maria', 'Jose', 'Mai', 'Wei', 'Aisha', 'Omar', 'Grace', 'Tomas', 'Nguyet', 'Ravi'];

type Fn = (...args: unknown[]) => { ok: boolean } & Record<string, unknown>;
type AddOn = Record<string, Fn>;

function load(workbook?: WorkbookJson, dist = DIST): { emu: Emulator; addon: AddOn } {
  const emu = workbook ? emulatorFromJSON(workbook) : createEmulator();
  return { emu, addon: loadBundle(emu, dist).context as unknown as AddOn };
}

function must<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

/** Letters only (names hold no digits): 0 → 'a', 25 → 'z', 26 → 'ba'. */
function letters(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

function registryEmail(i: number): string {
  return `p${i}@${i % 5 === 0 ? 'sdsu.edu' : `org${i % 40}.org`}`;
}

/**
 * A Creation row: a dozen first names, last names of their own except every 100th row, which
 * shares the name of the row before it (a namesake), and every 10th row an email the registry
 * knows (its "already Active/Archived" warning).
 */
function creationRow(i: number): string[] {
  const email = i % 10 === 3 ? registryEmail(i) : `new${i}@org${i % 40}.org`;
  const named = i % 100 === 1 ? i - 1 : i;
  return partnerRow(email, FIRST_NAMES[named % FIRST_NAMES.length]!, `Lee${letters(named)}`);
}

function registryRow(i: number): string[] {
  const archived = i % 3 === 0;
  return registryCells(
    registryEmail(i),
    'Pat',
    `Doe${letters(i % 97)}`,
    archived ? 'Archived' : 'Active',
    '2026-01-10',
    archived ? '2026-06-01' : '',
  );
}

/** A workbook with n Creation rows, n/10 Archival rows and 5n registry rows, set up by the add-on. */
function workbookOf(n: number): WorkbookJson {
  const { emu, addon } = load();
  setUpWorkbook(addon as unknown as Parameters<typeof setUpWorkbook>[0]);
  emu.sheet(TABS.creation)!.setValues(
    'A2',
    Array.from({ length: n }, (_, i) => creationRow(i)),
  );
  emu.sheet(TABS.archival)!.setValues(
    'A2',
    Array.from({ length: n / 10 }, (_, i) => {
      // Every 10th row a namesake of the row before it (another learner: last names repeat every
      // 97), so every size has the same kinds of rows, as on the Creation tab.
      const [, first, last, email] = registryRow(i % 10 === 9 ? (i - 1) * 3 + 1 + 3 * 97 : i * 3 + 1);
      return archivalRow(email!, first!, last!);
    }),
  );
  emu.sheet(TABS.registry)!.setValues(
    'A2',
    Array.from({ length: n * REGISTRY_FACTOR }, (_, i) => registryRow(i)),
  );
  // The rows went in without onEdit (which lays out rows a paste adds): set up again, as an admin
  // who loaded them would, so every row has the template; then the onEdit a paste of them fires,
  // so every row has its marks and check text, as rows an admin pasted have.
  must(addon.setupTemplates!(), 'setupTemplates');
  addon.onEdit!(emu.editEvent(TABS.creation, `A2:Q${n + 1}`) as never);
  addon.onEdit!(emu.editEvent(TABS.archival, `A2:Q${n / 10 + 1}`) as never);
  return emu.toJSON();
}

/**
 * A Registry Log of 20n rows: four changes per registry learner (added, archived, reactivated,
 * a name updated), spread over 2025 and 2026, half dated by Effective and half by Timestamp.
 */
function fillLog(emu: Emulator, n: number): void {
  const log = emu.sheet(TABS.log)!;
  if (log.lastRow > 1) return;
  const actions = ['added', 'archived', 'reactivated', 'updated'];
  const details = [
    'Added as Active (Riverside County Community Partner)',
    'Status Active → Archived',
    'Status Archived → Active',
    'LastName Doe → Roe',
  ];
  const rows = Array.from({ length: n * LOG_FACTOR }, (_, r) => {
    const learner = Math.floor(r / 4) % (n * REGISTRY_FACTOR);
    const day = new Date(Date.UTC(2025, 0, 1) + ((r * 7) % 690) * 86_400_000 + 18 * 3_600_000);
    const effective = r % 2 === 0 ? `'${day.toISOString().slice(0, 10)}` : '';
    const email = `p${learner}@${learner % 5 === 0 ? 'sdsu.edu' : `org${learner % 40}.org`}`;
    return [day, 'admin@county.ca.gov', actions[r % 4], email, details[r % 4], '', effective];
  });
  log.setValues('A2', rows);
}

/** A creation file of m learners no tab or registry holds, every column, as an admin's export. */
function creationFile(m: number, n: number): string {
  return toCsv([[...HEADERS], ...Array.from({ length: m }, (_, i) => creationRow(n * 10 + i))]);
}

/**
 * An LMS learner export of m rows: registry learners from 0 with their status in capitals, one in
 * 50 of another status, one in 100 renamed, and m/100 learners only in the LMS.
 */
function lmsFile(m: number): string {
  const rows = Array.from({ length: m - m / 100 }, (_, i) => {
    const [userId, first, last, email, type, affiliation, status] = registryRow(i);
    const flipped = i % 50 === 7 ? (status === 'Active' ? 'Archived' : 'Active') : status!;
    return [userId!, i % 100 === 3 ? 'Patricia' : first!, last!, email!, type!, affiliation!, flipped.toUpperCase()];
  });
  const extra = Array.from({ length: m / 100 }, (_, i) => {
    const email = `lms${i}@org.org`;
    return [email, 'Lou', 'Ray', email, PARTNER.EmployeeType, PARTNER.Affiliation, 'ACTIVE'];
  });
  return toCsv([['UserID', 'FirstName', 'LastName', 'Email', 'EmployeeType', 'Affiliation', 'Status'], ...rows, ...extra]);
}

/** What an operation may cost at 10,000 rows and 50,000 learners (issue #14); absent: no target. */
interface Targets {
  calls?: number;
  read?: number;
  written?: number;
}

interface Operation {
  name: string;
  /** Changes the workbook, so each run starts from a fresh copy. */
  mutates: boolean;
  /** Prepares the call (not measured) and returns it. */
  prepare(emu: Emulator, addon: AddOn, n: number): () => unknown;
  /** Changes the workbook of n rows once, before any run (not measured): each run starts from the result. */
  before?(emu: Emulator, addon: AddOn, n: number): void;
  targets?: Targets;
}

/** Sheet rows 2..count+1 of the Creation tab. */
function firstRows(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 2);
}

/**
 * A row in the middle of the tab, with no namesake: its email is retyped with a typo. The UserID
 * filled in from it follows, and the row turns red where the email is: cells change and marks move.
 */
function oneCellEdit(emu: Emulator, addon: AddOn, n: number): () => unknown {
  const row = Math.floor(n / 2) + 12;
  const old = String(emu.sheet(TABS.creation)!.cell(`D${row}`).value);
  const event = emu.editEvent(TABS.creation, `D${row}`, { value: old.replace(/\.org$/, ''), oldValue: old });
  return () => addon.onEdit!(event);
}

/**
 * Every operation the bench measures. To add one: its name, whether it changes the workbook, how
 * to call it on a workbook of n rows, and its targets.
 */
const OPERATIONS: Operation[] = [
  { name: 'setupTemplates', mutates: true, prepare: (_e, a) => () => must(a.setupTemplates!(), 'setup') },
  {
    name: 'validateTab',
    mutates: false,
    prepare: (_e, a) => () => must(a.validateTab!('creation'), 'validate'),
    targets: { read: 400_000 },
  },
  // An export opens a batch (its rows wait for the import log): it changes the workbook.
  { name: 'exportCsv', mutates: true, prepare: (_e, a) => () => must(a.exportCsv!('creation'), 'export'), targets: { read: 400_000 } },
  {
    name: 'confirmBatch',
    mutates: true,
    prepare: (_e, a) => {
      const { batchId } = must(a.exportCsv!('creation'), 'export') as { batchId?: string };
      return () => must(a.confirmBatch!(batchId, ''), 'confirm');
    },
  },
  {
    // The batch of n/10 learners (1,000 at 10,000 rows) an admin exports and confirms, beside the rest.
    name: 'confirmBatch, n/10',
    mutates: true,
    prepare: (_e, a, n) => {
      const { batchId } = must(a.exportCsv!('creation', { rows: firstRows(n / 10) }), 'export') as { batchId?: string };
      return () => must(a.confirmBatch!(batchId, ''), 'confirm');
    },
    targets: { read: 400_000, written: 60_000 },
  },
  {
    // n/10 rows left pending below 9n/10 rows already uploaded and confirmed (done).
    name: 'syncRegistry, n/10',
    mutates: true,
    before: (_e, a, n) => {
      const { batchId } = must(a.exportCsv!('creation', { rows: firstRows((9 * n) / 10) }), 'export') as { batchId?: string };
      must(a.confirmBatch!(batchId, ''), 'confirm');
    },
    prepare: (_e, a) => () => must(a.syncRegistry!('creation'), 'sync'),
    targets: { read: 400_000, written: 60_000 },
  },
  {
    name: 'cancelBatch',
    mutates: true,
    prepare: (_e, a) => {
      const { batchId } = must(a.exportCsv!('creation'), 'export') as { batchId?: string };
      return () => must(a.cancelBatch!(batchId), 'cancel');
    },
  },
  { name: 'onEdit, one cell', mutates: true, prepare: oneCellEdit, targets: { calls: 20, read: 2_000, written: 60 } },
  {
    // The same edit while a batch of n/10 learners waits for its import log.
    name: 'onEdit, open batch',
    mutates: true,
    before: (_e, a, n) => {
      must(a.exportCsv!('creation', { rows: firstRows(n / 10) }), 'export');
    },
    prepare: oneCellEdit,
    targets: { calls: 20, read: 2_000, written: 60 },
  },
  {
    // A row's email replaced by one the registry knows and no other row holds (the registry's
    // header and the learner's row are read).
    name: 'onEdit, registry email',
    mutates: true,
    prepare: (emu, addon, n) => {
      const row = Math.floor(n / 2) + 12;
      const old = String(emu.sheet(TABS.creation)!.cell(`D${row}`).value);
      const event = emu.editEvent(TABS.creation, `D${row}`, { value: registryEmail(n + 7), oldValue: old });
      return () => addon.onEdit!(event);
    },
    targets: { calls: 20, read: 2_000, written: 60 },
  },
  {
    name: 'onEdit, 500-row paste',
    mutates: true,
    prepare: (emu, a, n) => {
      emu.sheet(TABS.creation)!.setValues(
        'A2',
        Array.from({ length: 500 }, (_, i) => creationRow(n + i)),
      );
      const event = emu.editEvent(TABS.creation, 'A2:Q501');
      return () => a.onEdit!(event);
    },
    targets: { calls: 20, read: 100_000, written: 27_000 },
  },
  { name: 'syncRegistry', mutates: true, prepare: (_e, a) => () => must(a.syncRegistry!(), 'sync') },
  { name: 'previewArchiveByDomain', mutates: false, prepare: (_e, a) => () => must(a.previewArchiveByDomain!('sdsu.edu'), 'preview') },
  {
    name: 'updateComplianceReport',
    mutates: false,
    prepare: (emu, a, n) => {
      fillLog(emu, n);
      return () => must(a.updateComplianceReport!(), 'updateComplianceReport');
    },
  },
  {
    name: 'archiveLearners',
    mutates: true,
    prepare: (_e, a) => {
      const ids = (must(a.previewArchiveByDomain!('sdsu.edu'), 'preview').learners as { userId: string }[]).map((l) => l.userId);
      return () => must(a.archiveLearners!(ids), 'archive');
    },
  },
  {
    name: 'importCsv, 2n-row file',
    mutates: true,
    prepare: (_e, a, n) => {
      const text = creationFile(2 * n, n);
      return () => must(a.importCsv!('creation', text), 'importCsv');
    },
  },
  {
    name: 'reconcileLms, 2n rows',
    mutates: false,
    prepare: (_e, a, n) => {
      const text = lmsFile(2 * n);
      return () => must(a.reconcileLms!(text), 'reconcileLms');
    },
  },
  {
    name: 'applyLms, 2n rows',
    mutates: true,
    prepare: (_e, a, n) => {
      const text = lmsFile(2 * n);
      const found = must(a.reconcileLms!(text), 'reconcileLms') as unknown as Record<
        string,
        { email?: string; learner?: { email: string } }[]
      >;
      const ids = ['onlyInLms', 'statusDiffers', 'detailsDiffer'].flatMap((list) => found[list]!.map((x) => x.email ?? x.learner!.email));
      return () => must(a.applyLms!(text, ids, { fileName: 'lms.csv' }), 'applyLms');
    },
  },
];

/** `BENCH_ONLY=onEdit npm run bench`: the operations whose name holds that text only. */
function chosen(op: Operation): boolean {
  return op.name.includes(process.env.BENCH_ONLY ?? '');
}

/** CPU of a one-cell edit at 10,000 rows: at most this share of the baseline bundle's, measured in the same run. */
const ONE_CELL_CPU_SHARE = 0.1;

function cpuMs(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Measure {
  /** Sheets calls by method (BENCH_CALLS=1 prints them). */
  byMethod?: Record<string, number>;
  calls: number;
  grow: number;
  read: number;
  written: number;
  cpu: number;
}

/**
 * Calls a tab's growth costs, whatever the row count: adding rows to a full tab, and putting a
 * template tab's done rule (src/addon/doneRule.ts) over rows added since it was set (rows added at
 * the bottom of a tab may fall outside a conditional format rule).
 */
const GROW = ['Sheet.insertRowsAfter', 'Sheet.setConditionalFormatRules'];

function measure(op: Operation, base: WorkbookJson, n: number, runs: number, dist = DIST): Measure {
  let workbook = base;
  if (op.before) {
    const { emu, addon } = load(base, dist);
    op.before(emu, addon, n);
    workbook = emu.toJSON();
  }
  let shared = op.mutates ? null : load(workbook, dist);
  let counts: Omit<Measure, 'cpu'> | null = null;
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    // run 0 is the warm-up
    const { emu, addon } = shared ?? load(workbook, dist);
    const call = op.prepare(emu, addon, n);
    emu.counter.reset();
    const cpu = cpuMs(call);
    counts ??= {
      byMethod: { ...emu.counter.byMethod },
      calls: emu.counter.calls,
      grow: GROW.reduce((sum, method) => sum + (emu.counter.byMethod[method] ?? 0), 0),
      read: emu.counter.cellsRead,
      written: emu.counter.cellsWritten,
    };
    if (run > 0) times.push(cpu);
  }
  shared = null;
  return { ...counts!, cpu: median(times) };
}

/** What a quick script does: one getValue per cell. Counted only: it is the Sheets calls that hurt. */
function cellByCellCalls(workbook: WorkbookJson): number {
  const emu = emulatorFromJSON(workbook);
  const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  emu.counter.reset();
  const sheet = app.getActiveSpreadsheet().getSheetByName(TABS.creation)!;
  const last = sheet.getLastRow();
  for (let r = 1; r <= last; r++) for (let c = 1; c <= 17; c++) sheet.getRange(r, c).getValue();
  return emu.counter.calls;
}

function pad(text: string | number, width: number, right = false): string {
  const s = typeof text === 'number' ? text.toLocaleString('en-US') : text;
  return right ? s.padStart(width) : s.padEnd(width);
}

function csvComparison(): { rows: number; ours: number; papa: number; csvStringify: number } {
  const rows = Array.from({ length: 50_000 }, (_, i) =>
    HEADERS.map((h, c) => (c === 1 ? (i % 7 === 0 ? `King, "Jr." ${i}` : `Nguyễn ${i}`) : c % 4 === 0 ? '' : `${h}-${i}@x.org`)),
  );
  const ours = toCsv(rows);
  if (Papa.unparse(rows, { newline: '\r\n' }) !== ours) throw new Error('papaparse wrote a different file');
  if (stringify(rows, { record_delimiter: 'windows' }) !== `${ours}\r\n`) throw new Error('csv-stringify wrote a different file');
  const time = (fn: () => unknown) => {
    fn();
    return median(Array.from({ length: 7 }, () => cpuMs(fn)));
  };
  return {
    rows: rows.length,
    ours: time(() => toCsv(rows)),
    papa: time(() => Papa.unparse(rows, { newline: '\r\n' })),
    csvStringify: time(() => stringify(rows, { record_delimiter: 'windows' })),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const results = new Map<string, Map<number, Measure>>();
  const workbooks = new Map<number, WorkbookJson>();
  for (const n of SIZES) {
    const workbook = workbookOf(n);
    workbooks.set(n, workbook);
    const runs = n >= BIG ? 3 : 5;
    for (const op of OPERATIONS.filter(chosen)) {
      const byOp = results.get(op.name) ?? new Map<number, Measure>();
      byOp.set(n, measure(op, workbook, n, runs));
      results.set(op.name, byOp);
    }
    process.stderr.write(`measured ${n.toLocaleString('en-US')} rows (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }

  console.log(`(updateComplianceReport also reads a Registry Log of ${LOG_FACTOR} rows per template row: 200,000 at 10,000.)`);
  const wasAt = (name: string, n: number): Measure | undefined => BASELINE.operations[name]?.[String(n)];
  const calls = (m: Measure | undefined): string => (m ? (m.grow ? `${m.calls} (${m.grow} grow)` : String(m.calls)) : '—');
  const num = (value: number | undefined, digits = 0): string =>
    value === undefined ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const header = `${pad('operation', 24)} ${pad('rows', 6, true)} ${pad('registry', 8, true)} │ ${pad('Sheets calls', 25, true)} │ ${pad('cells read', 21, true)} │ ${pad('cells written', 21, true)} │ ${pad('CPU ms', 17, true)}`;
  const sub = `${pad('', 41)} │ ${pad('now', 12, true)} ${pad('was', 12, true)} │ ${pad('now', 10, true)} ${pad('was', 10, true)} │ ${pad('now', 10, true)} ${pad('was', 10, true)} │ ${pad('now', 8, true)} ${pad('was', 8, true)}`;
  console.log(`Now against the baseline (commit ${BASELINE.commit}, bench/baseline.json)\n`);
  console.log(header);
  console.log(sub);
  console.log('─'.repeat(header.length));
  let constant = true;
  for (const [name, byOp] of results) {
    const perSize = [...byOp.values()].map((m) => m.calls - m.grow);
    if (new Set(perSize).size > 1) constant = false;
    for (const n of SIZES) {
      const m = byOp.get(n)!;
      const was = wasAt(name, n);
      console.log(
        `${pad(n === SIZES[0] ? name : '', 24)} ${pad(n, 6, true)} ${pad(n * REGISTRY_FACTOR, 8, true)} │ ${pad(calls(m), 12, true)} ${pad(calls(was), 12, true)} │ ${pad(num(m.read), 10, true)} ${pad(num(was?.read), 10, true)} │ ${pad(num(m.written), 10, true)} ${pad(num(was?.written), 10, true)} │ ${pad(num(m.cpu, 1), 8, true)} ${pad(num(was?.cpu, 1), 8, true)}`,
      );
    }
  }

  console.log(
    `\nTargets at ${BIG.toLocaleString('en-US')} rows and ${(BIG * REGISTRY_FACTOR).toLocaleString('en-US')} learners (docs/domain.md, "Speed")\n`,
  );
  console.log(`${pad('operation', 24)} ${pad('measure', 14)} ${pad('now', 10, true)} ${pad('was', 10, true)} ${pad('target', 12, true)}`);
  let missed = 0;
  const verdict = (met: boolean): string => {
    if (!met) missed++;
    return met ? 'met' : 'MISSED';
  };
  for (const op of OPERATIONS.filter(chosen)) {
    const m = results.get(op.name)?.get(BIG);
    if (!m) continue;
    const was = wasAt(op.name, BIG);
    const rows: [string, number, number | undefined, number | undefined][] = [
      ['Sheets calls', m.calls - m.grow, was ? was.calls - was.grow : undefined, op.targets?.calls],
      ['cells read', m.read, was?.read, op.targets?.read],
      ['cells written', m.written, was?.written, op.targets?.written],
    ];
    let first = true;
    for (const [measureName, now, before, target] of rows) {
      if (target === undefined) continue;
      console.log(
        `${pad(first ? op.name : '', 24)} ${pad(measureName, 14)} ${pad(num(now), 10, true)} ${pad(num(before), 10, true)} ${pad(`≤ ${num(target)}`, 12, true)}  ${verdict(now <= target)}`,
      );
      first = false;
    }
  }
  const edit = OPERATIONS.find((op) => op.name === 'onEdit, one cell')!;
  const nowCpu = results.get(edit.name)?.get(BIG)?.cpu;
  if (nowCpu !== undefined) {
    const baselineCpu = measure(edit, workbooks.get(BIG)!, BIG, 3, BASELINE_DIST).cpu;
    console.log(
      `${pad(edit.name, 24)} ${pad('CPU ms', 14)} ${pad(num(nowCpu, 1), 10, true)} ${pad(num(baselineCpu, 1), 10, true)} ${pad(`≤ ${num(baselineCpu * ONE_CELL_CPU_SHARE, 1)}`, 12, true)}  ${verdict(nowCpu <= baselineCpu * ONE_CELL_CPU_SHARE)}  (was: the baseline bundle, this run)`,
    );
  }
  if (process.env.BENCH_CALLS) {
    const n = SIZES.at(-1)!;
    console.log(`\nSheets calls by method at ${n.toLocaleString('en-US')} rows`);
    for (const [name, byOp] of results) {
      const byMethod = Object.entries(byOp.get(n)?.byMethod ?? {}).sort(([a], [b]) => a.localeCompare(b));
      console.log(`  ${name}: ${byMethod.map(([method, count]) => `${method} ${count}`).join(', ')}`);
    }
  }
  if (!results.has('exportCsv') || SIZES.length < 3) {
    if (missed > 0) process.exitCode = 1;
    return;
  }

  console.log('\nExport of the Creation tab, Sheets calls: ours against one getValue per cell');
  for (const n of SIZES) {
    console.log(
      `  ${pad(n, 7, true)} rows: ours ${pad(results.get('exportCsv')!.get(n)!.calls, 3, true)}   cell by cell ${pad(cellByCellCalls(workbooks.get(n)!), 8, true)}`,
    );
  }

  const csv = csvComparison();
  console.log(
    `\nCSV writers on the same ${csv.rows.toLocaleString('en-US')} rows × 17 columns (CPU ms, median of 7; all three write identical bytes)`,
  );
  console.log(
    `  ours ${csv.ours.toFixed(1)}   papaparse.unparse ${csv.papa.toFixed(1)} (ours ×${(csv.ours / csv.papa).toFixed(2)})   csv-stringify ${csv.csvStringify.toFixed(1)} (ours ×${(csv.ours / csv.csvStringify).toFixed(2)})`,
  );

  const code = readFileSync(resolve(DIST, 'Code.js'));
  const minified = (await esbuild.transform(code.toString('utf8'), { minify: true })).code;
  console.log(
    `\ndist/Code.js: ${(code.length / 1024).toFixed(1)} KB as built, ${(Buffer.byteLength(minified) / 1024).toFixed(1)} KB fully minified, ${(gzipSync(minified).length / 1024).toFixed(1)} KB gzipped`,
  );
  console.log(
    `\nSheets calls ${constant ? 'are the same at every size for every operation (besides "grow": one insertRowsAfter per tab that fills up, one rewrite of a done rule over the rows it added)' : 'GROW with the row count somewhere above: a Sheets call is inside a loop'}.`,
  );
  console.log(
    `Our CSV writer is ${csv.ours <= csv.papa ? 'no slower than' : 'SLOWER than'} papaparse. The bench took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  console.log(missed === 0 ? 'Every target above is met.' : `${missed} target(s) above MISSED.`);
  if (!constant || missed > 0) process.exitCode = 1;
}

await main();
