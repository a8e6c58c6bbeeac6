/**
 * The arguments of every server function (api.md), checked before the function runs: a wrong
 * argument is answered with BAD_ARGUMENT naming it ("row must be a whole number…"), never INTERNAL.
 * The boundary (src/addon/guard.ts) looks a function up here by its name.
 *
 * To add a server function: add an entry `name: args({ param: schema, … })`, the params in the
 * order the function takes them, each schema made with `must(...)` so its message says what to
 * send. Options objects are `z.looseObject`, so a field added later is passed on, not dropped.
 */
import * as z from 'zod/mini';
import { shown } from './text';
import { failure, type Failure } from './types';

/** How an argument is shown in a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${shown(value)}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The message of a schema: "must be <what>, not <what was sent>". */
export function must(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => `must be ${what}, not ${describe(issue.input)}` };
}

export interface ArgSpec {
  names: readonly string[];
  schema: z.ZodMiniType<Record<string, unknown>>;
}

/** The parameters of one function, by name, in order. */
export function args(shape: Record<string, z.ZodMiniType>): ArgSpec {
  return { names: Object.keys(shape), schema: z.object(shape) as unknown as ArgSpec['schema'] };
}

const wholeNumber = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number(must(what)).check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max, must(what)));

export const TEMPLATE_TAB = z.enum(['creation', 'archival'], must('creation or archival'));
const SHEET_TAB = z.enum(['creation', 'archival', 'registry'], must('creation, archival or registry'));
const USER_IDS = z.array(z.string(must("a learner's UserID (their email)")), must('a list of UserIDs'));
const OVER_CAP = {
  allowOverCap: z.optional(z.boolean(must('true or false'))),
  overCapReason: z.optional(z.string(must('text'))),
};

/** The compliance report's first month; whether it is a past month is the function's to say. */
const MONTHS_OPTIONS = z.looseObject(
  { from: z.optional(z.string(must('a month as YYYY-MM, like 2025-12'))) },
  must('an object of options'),
);
/** A file's text, or a tab of this spreadsheet holding it (api.md, "Files in"). */
const FILE = z.union(
  [z.string(), z.looseObject({ sheet: z.string(must("a tab's name")) })],
  must("the file's text, or { sheet: '<tab name>' }"),
);
const OPTION = {
  flag: z.optional(z.boolean(must('true or false'))),
  text: z.optional(z.string(must('text'))),
};

export const ARGS: Record<string, ArgSpec> = {
  setupTemplates: args({}),
  validateTab: args({ tab: TEMPLATE_TAB }),
  exportCsv: args({
    tab: TEMPLATE_TAB,
    options: z.optional(
      z.looseObject(
        {
          rows: z.optional(z.array(wholeNumber('a sheet row number from 2', 2), must('a list of sheet row numbers'))),
          failedIn: z.optional(z.string(must('the id of a batch, like B-20261129-1'))),
          ...OVER_CAP,
        },
        must('an object of options'),
      ),
    ),
  }),
  syncRegistry: args({ tab: z.optional(TEMPLATE_TAB) }),
  previewArchiveByDomain: args({
    domain: z.string(must('an email domain, like sdsu.edu')),
    options: z.optional(z.looseObject({ includeSubdomains: z.optional(z.boolean(must('true or false'))) }, must('an object of options'))),
  }),
  archiveLearners: args({ userIds: USER_IDS }),
  reactivateLearners: args({ userIds: USER_IDS, options: z.optional(z.looseObject(OVER_CAP, must('an object of options'))) }),
  findLearners: args({ query: z.string(must('text: part of a name or an email')) }),
  getSummary: args({}),
  getSettings: args({}),
  // Each field is checked by parseSettings, which names it beside the sidebar's field (BAD_SETTINGS).
  saveSettings: args({ settings: z.looseObject({}, must('the settings (an object)')) }),
  selectCell: args({
    tab: SHEET_TAB,
    row: wholeNumber('a whole number (the sheet row, like 7)', 1),
    column: z.string(must("a column's header, like Email")),
  }),
  listDueForArchival: args({}),
  activeOn: args({ date: z.string(must('a date as YYYY-MM-DD, like 2026-06-30')) }),
  getComplianceMonths: args({ options: z.optional(MONTHS_OPTIONS) }),
  updateComplianceReport: args({ options: z.optional(MONTHS_OPTIONS) }),
  importCsv: args({
    tab: TEMPLATE_TAB,
    text: FILE,
    options: z.optional(
      z.looseObject(
        {
          asArchival: OPTION.flag,
          dryRun: OPTION.flag,
          mapping: z.optional(z.record(z.string(), z.string(must("a file column's header, or '' for none")), must('an object of columns'))),
        },
        must('an object of options'),
      ),
    ),
  }),
  listBatches: args({}),
  getBatch: args({ batchId: z.string(must('a batch id, like B-20261129-1')) }),
  getBatchFile: args({ batchId: z.string(must('a batch id, like B-20261129-1')) }),
  confirmBatch: args({
    batchId: z.string(must('a batch id, like B-20261129-1')),
    importLog: z.optional(z.nullable(z.string(must("the import log's text, or nothing when every row imported")))),
    options: z.optional(
      z.looseObject(
        {
          dryRun: OPTION.flag,
          decisions: z.optional(
            z.record(
              z.string(),
              z.enum(['applied', 'failed'], must('applied or failed')),
              must('an object of emails, each applied or failed'),
            ),
          ),
          uploadedOn: OPTION.text,
        },
        must('an object of options'),
      ),
    ),
  }),
  cancelBatch: args({ batchId: z.string(must('a batch id, like B-20261129-1')) }),
  clearDoneRows: args({ tab: TEMPLATE_TAB }),
  reconcileLms: args({ text: FILE }),
  applyLms: args({
    text: FILE,
    userIds: USER_IDS,
    options: z.optional(z.looseObject({ asOf: OPTION.text, fileName: OPTION.text }, must('an object of options'))),
  }),
};

/** "userIds[3]", "options.includeSubdomains" */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * The arguments `name` was called with, checked: the values to call it with (a function with no
 * entry gets them as they are), or BAD_ARGUMENT naming the first wrong one.
 */
export function parseArgs(name: string, values: readonly unknown[]): { ok: true; values: unknown[] } | Failure {
  const spec = ARGS[name];
  if (!spec) return { ok: true, values: [...values] };
  const extra = values.slice(spec.names.length).filter((v) => v !== undefined).length;
  if (extra > 0) {
    const takes = spec.names.length === 0 ? 'no arguments' : `${spec.names.join(', ')}`;
    return failure('BAD_ARGUMENT', `${name} takes ${takes}, but was given ${values.length}.`);
  }
  const parsed = spec.schema.safeParse(Object.fromEntries(spec.names.map((n, i) => [n, values[i]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? fieldName(issue.path) : '';
    return failure('BAD_ARGUMENT', `${name}: ${field} ${issue?.message ?? 'is not right'}.`);
  }
  return { ok: true, values: spec.names.map((n) => parsed.data[n]) };
}
