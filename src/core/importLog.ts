/**
 * Reading the LMS's emailed import log (api.md, "Reading an import log"). Its layout is not
 * documented, so nothing is guessed: what is not sure is `unclear` or `unmentioned`.
 *
 * The log is read line by line, whatever its layout (plain text, CSV, a table copied as text or as
 * HTML): a line speaks of the batch's learners whose emails it holds as whole tokens, or, when it
 * holds no email at all, of the learner at the row it names (`Row 3`, `Line 3`). Each line that
 * names a learner is read for its words once its zero counts (`0 errors`, `Failed: 0`) are gone.
 */

export type VerdictKind = 'applied' | 'failed' | 'unclear' | 'unmentioned';

/** A learner of a batch as its file had it: row 2 is the first learner (the header is row 1). */
export interface BatchLearnerRef {
  email: string;
  row: number;
}

export interface Verdict {
  email: string;
  row: number;
  verdict: VerdictKind;
  /** The line(s) that decided it, '' when none. */
  line: string;
}

/**
 * The contract's failure words (error, fail, invalid, reject, skip, duplicate, exists, not) with
 * the forms an LMS writes. Whole words only, so a surname such as Failla or Skipper is no failure.
 * `cannot` and `n't` (read as `not` below) are "not" written together.
 */
const FAILURE_WORDS = [
  'error',
  'errors',
  'errored',
  'erroneous',
  'fail',
  'fails',
  'failed',
  'failing',
  'failure',
  'failures',
  'invalid',
  'reject',
  'rejects',
  'rejected',
  'rejecting',
  'rejection',
  'rejections',
  'skip',
  'skips',
  'skipped',
  'skipping',
  'duplicate',
  'duplicates',
  'duplicated',
  'duplication',
  'exist',
  'exists',
  'existed',
  'existing',
  'existent',
  'not',
  'cannot',
];

/** The contract's success words; `success` with its forms. */
const SUCCESS_WORDS = [
  'created',
  'added',
  'updated',
  'imported',
  'archived',
  'activated',
  'reactivated',
  'success',
  'successes',
  'successful',
  'successfully',
  'succeeded',
  'succeeds',
];

const FAILURE = new Set(FAILURE_WORDS);
const SUCCESS = new Set(SUCCESS_WORDS);

/** Longest first, so an alternation never stops at a shorter form of the same word. */
const STATUS = [...FAILURE_WORDS, ...SUCCESS_WORDS].sort((a, b) => b.length - a.length).join('|');

/** Words a count may carry between its number and what it counts: `0 records were rejected`. */
const FILLER_PLURAL = 'records|rows|users|learners|accounts|items|lines|entries|were|have|had|been|with';
const FILLER = `${FILLER_PLURAL}|record|row|user|learner|account|item|line|entry|was|has`;
const SUCCESS_ALTERNATION = [...SUCCESS_WORDS].sort((a, b) => b.length - a.length).join('|');

/**
 * A zero count with the number first: `0 errors`, `no errors`, `zero failed`, `0 of 12 records
 * failed`, `none skipped`, `no account was created`. Not after a digit, a point or a comma, so
 * `10 errors` and `1,0` stay; within one cell (spaces, not a tab), so `Duplicate: no<tab>Created`
 * keeps its `Created`. A `no` before a failure word counts only through plural words: `No account
 * exists` is a failure, `no records were rejected` a count (dropping a success word is always the
 * safe way: it can only make a learner less `applied`).
 */
const ZERO_BEFORE = new RegExp(
  '(?<![\\p{L}\\p{N}_.,])' +
    `(?:(?:0+|zero|none)(?: of \\d+)?(?: (?:${FILLER}))* (?:${STATUS})|no(?: (?:${FILLER_PLURAL}))* (?:${STATUS})|no(?: (?:${FILLER}))* (?:${SUCCESS_ALTERNATION}))` +
    '(?:\\(s\\))?(?![\\p{L}\\p{N}])',
  'giu',
);

/**
 * A zero count with the number after: `errors: 0`, `Failed = 0`, `Errors (0)`, `Skipped 0`,
 * `errors: none`, `Records failed: 0`, `Not found: 0`, `Duplicate: no`, `Error: false`. With words
 * between the status and the number a `:` or `=` is needed (`Error in row 0` is no count), and
 * those words are of the same cell and no status words (`created errors: 0` keeps `created`).
 * `no` and `false` count only where the cell ends, so `Error: No such user` keeps its error.
 */
const ZERO_AFTER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${STATUS})(?:\\(s\\))?` +
    `(?:[ \\t]*[:=][ \\t]*|(?: (?!(?:${STATUS})(?!\\p{L}))\\p{L}+){1,2} ?[:=][ \\t]*|[ \\t]*\\([ \\t]*|[ \\t]+)` +
    `(?:0+(?![\\p{N}]|[.,]\\p{N})|none(?!\\p{L})|zero(?!\\p{L})|(?:no|false)(?=[ \\t]*(?:$|[,;|).\\t])))\\)?`,
  'giu',
);

/** A run of the characters an email can hold; the run is the token an email must equal. */
const EMAIL_RUN = /[\p{L}\p{N}._%+'’@-]*@[\p{L}\p{N}._%+'’@-]*/gu;
/** Quotes, points and dashes around a run are the sentence's, not the address's. */
const RUN_EDGES = /^['’.-]+|['’.-]+$/g;
const EMAIL_SHAPE = /^[^@]+@[^@]+\.[^@]+$/;

/**
 * `Row 3`, `row #3`, `Row No. 3`, `row: 3`, `Line 3`: the learner at that row of the file. The
 * plural is left out: `Rows: 12` is a count.
 */
const ROW_REFERENCE = /(?<![\p{L}\p{N}])(?:row|line)[ \t]*(?:#|no\.?|number)?[ \t]*[:#]?[ \t]*(\d+)(?!\p{N})/giu;

/** What a line says of the learners it names. */
type LineKind = 'failed' | 'applied' | 'both' | 'neither';

const MAX_LINE = 200;
const MAX_LINES = 500;

/**
 * One verdict per learner, in the batch's order. An empty log (only spaces) means the admin says
 * every row imported: all `applied`.
 *
 * Several lines naming a learner: lines with neither kind of word (`ana@sdsu.edu` alone, a
 * "Processing ana@…" line) say nothing when another line does. Then a line with both kinds, a
 * line naming only the learner's row (the LMS's row count is unknown), or a failed line with an
 * applied line make it `unclear`; else all its telling lines agree, and decide. `line` holds the
 * deciding lines (those telling lines, or the silent ones when no line tells), each once, joined
 * by ' | ', each cut to 200 characters and all to 500.
 */
export function readImportLog(log: string, learners: readonly BatchLearnerRef[]): Verdict[] {
  if (log.trim() === '') return learners.map((l) => ({ email: l.email, row: l.row, verdict: 'applied', line: '' }));

  const byEmail = new Map<string, number[]>();
  const byRow = new Map<number, number[]>();
  learners.forEach((learner, i) => {
    const email = learner.email.trim().toLowerCase();
    if (email !== '') push(byEmail, email, i);
    push(byRow, learner.row, i);
  });

  const heard: { kind: LineKind | 'row'; text: string }[][] = learners.map(() => []);
  for (const raw of logLines(log)) {
    const emails: string[] = [];
    const rest = raw.replace(EMAIL_RUN, (run) => {
      const token = run.replace(RUN_EDGES, '');
      if (!EMAIL_SHAPE.test(token)) return run;
      emails.push(token.toLowerCase());
      return ' ';
    });
    const named = new Set(emails.flatMap((email) => byEmail.get(email) ?? []));
    if (named.size > 0) {
      const kind = lineKind(rest);
      for (const i of named) heard[i]?.push({ kind, text: raw });
    } else if (emails.length === 0) {
      // A line that holds an email names that learner; its row number is how the LMS counts.
      for (const match of raw.matchAll(ROW_REFERENCE)) {
        for (const i of byRow.get(Number(match[1])) ?? []) heard[i]?.push({ kind: 'row', text: raw });
      }
    }
  }

  return learners.map((learner, i) => {
    const lines = heard[i] ?? [];
    if (lines.length === 0) return { email: learner.email, row: learner.row, verdict: 'unmentioned', line: '' };
    const telling = lines.filter((l) => l.kind !== 'neither');
    const kinds = new Set(telling.map((l) => l.kind));
    let verdict: VerdictKind = 'unclear';
    if (kinds.size === 1 && kinds.has('failed')) verdict = 'failed';
    if (kinds.size === 1 && kinds.has('applied')) verdict = 'applied';
    const deciding = telling.length > 0 ? telling : lines;
    return { email: learner.email, row: learner.row, verdict, line: joinLines(deciding.map((l) => l.text)) };
  });
}

/** LOG_MISMATCH: a non-empty log that names no learner of the batch (by email or by row). */
export function logNamesNoLearner(log: string, verdicts: readonly Verdict[]): boolean {
  return log.trim() !== '' && verdicts.every((v) => v.verdict === 'unmentioned');
}

function push<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** Words of a line without its emails: failure, success, both or neither. */
function lineKind(text: string): LineKind {
  const words = text
    .replace(ZERO_BEFORE, ' ')
    .replace(ZERO_AFTER, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') // UserAlreadyExists, DuplicateEmail
    .replace(/n['’]t(?!\p{L})/giu, ' not') // doesn't, couldn't
    .toLowerCase()
    .split(/[^\p{L}]+/u);
  const failed = words.some((w) => FAILURE.has(w));
  const applied = words.some((w) => SUCCESS.has(w));
  if (failed && applied) return 'both';
  if (failed) return 'failed';
  return applied ? 'applied' : 'neither';
}

const BLOCK_TAGS = /^(?:br|p|div|tr|li|ul|ol|table|thead|tbody|tfoot|caption|pre|hr|blockquote|h\d)$/;

/** How a browser shows a tag: a new line for a block, a gap between cells, a space otherwise. */
function tagGap(name: string): string {
  if (BLOCK_TAGS.test(name)) return '\n';
  return name === 'td' || name === 'th' ? '\t' : ' ';
}
const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  commat: '@',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/**
 * The log's lines as text: HTML leftovers of a pasted email read as a browser shows them (a row
 * or a `<br>` ends a line, a cell is a tab; `<ana@sdsu.edu>` is no tag), entities decoded, spaces
 * made plain and collapsed, empty lines dropped. Tabs stay, one per gap: they end a table's cell,
 * which `Duplicate: no` needs.
 */
function logLines(log: string): string[] {
  const text = log
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, ' ')
    .replace(/<\/?([a-z][a-z0-9]*)(?:\s[^<>]*)?\/?>/gi, (_tag, name: string) => tagGap(name.toLowerCase()))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
  return text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) =>
      line
        .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
        .replace(/[ \u00a0\u2007\u202f\f\v]*\t[\s\u00a0\u2007\u202f]*/g, '\t')
        .replace(/[ \u00a0\u2007\u202f\f\v]+/g, ' ')
        .trim(),
    )
    .filter((line) => line !== '');
}

function joinLines(lines: string[]): string {
  const once = [...new Set(lines)].map((line) => cut(line.replace(/\t/g, ' '), MAX_LINE));
  return cut(once.join(' | '), MAX_LINES);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
