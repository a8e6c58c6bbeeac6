import { describe, expect, it } from 'vitest';
import { type BatchLearnerRef, logNamesNoLearner, readImportLog, type Verdict } from '../../src/core/importLog';

/** A batch of four, as its file had them: the header is row 1, ana is row 2. */
const BATCH: BatchLearnerRef[] = [
  { email: 'ana@sdsu.edu', row: 2 },
  { email: 'ben@sdsu.edu', row: 3 },
  { email: 'cara@sdsu.edu', row: 4 },
  { email: 'dan@sdsu.edu', row: 5 },
];

const v = (email: string, row: number, verdict: Verdict['verdict'], line = ''): Verdict => ({ email, row, verdict, line });

/** The verdict of ana (row 2) alone, for logs of one line. */
function anaSays(log: string): Verdict['verdict'] {
  return readImportLog(log, [{ email: 'ana@sdsu.edu', row: 2 }])[0]!.verdict;
}

describe('readImportLog: logs as an LMS might send them', () => {
  it('reads a plain-text summary followed by one line per row', () => {
    const log = [
      'Learner Import Results',
      'File: cacwt-creation-riverside-B-20261129-1.csv',
      'Import complete. 4 records processed, 0 errors',
      '',
      'Row 2: ana@sdsu.edu - User created successfully',
      'Row 3: ben@sdsu.edu - Username already exists - updated',
      'Row 4: Email address is required',
    ].join('\n');
    expect(readImportLog(log, BATCH)).toEqual([
      v('ana@sdsu.edu', 2, 'applied', 'Row 2: ana@sdsu.edu - User created successfully'),
      // "exists" and "updated": both kinds of word.
      v('ben@sdsu.edu', 3, 'unclear', 'Row 3: ben@sdsu.edu - Username already exists - updated'),
      // Named only by its row: the LMS's row count is not known for sure.
      v('cara@sdsu.edu', 4, 'unclear', 'Row 4: Email address is required'),
      v('dan@sdsu.edu', 5, 'unmentioned'),
    ]);
  });

  it('reads a CSV log with a Status column and upper-case emails', () => {
    const log = [
      '"Row","Email","UserID","Status","Message"',
      '"2","ANA@SDSU.EDU","ana01","Success","User created"',
      '"3","ben@sdsu.edu","ben01","Error","Duplicate UserID"',
      '"4","cara@sdsu.edu","cara01","Failed","Invalid DateHire"',
      '"5","Dan@Sdsu.Edu","dan01","Success","0 errors"',
    ].join('\r\n');
    expect(readImportLog(log, BATCH)).toEqual([
      v('ana@sdsu.edu', 2, 'applied', '"2","ANA@SDSU.EDU","ana01","Success","User created"'),
      v('ben@sdsu.edu', 3, 'failed', '"3","ben@sdsu.edu","ben01","Error","Duplicate UserID"'),
      v('cara@sdsu.edu', 4, 'failed', '"4","cara@sdsu.edu","cara01","Failed","Invalid DateHire"'),
      // "0 errors" is a zero count: only "Success" is left.
      v('dan@sdsu.edu', 5, 'applied', '"5","Dan@Sdsu.Edu","dan01","Success","0 errors"'),
    ]);
  });

  it('reads an HTML table pasted as its source, all on one line', () => {
    const log =
      '<html><body><p>Your import has finished.</p><table border="1"><tr><th>Email</th><th>Duplicate</th><th>Result</th></tr>' +
      '<tr><td>ana@sdsu.edu</td><td>No</td><td>Created</td></tr>' +
      '<tr><td>ben@sdsu.edu</td><td>Yes</td><td>Rejected: User&nbsp;already exists</td></tr>' +
      '<tr><td>&lt;cara@sdsu.edu&gt;</td><td>No</td><td>Updated</td></tr>' +
      '</table><p>Errors: 1<br>Created: 2</p></body></html>';
    // Each <tr> is a line, each cell a gap: one table row speaks only of its own learner, and
    // "No" in one cell does not count the "Created" of the next one.
    expect(readImportLog(log, BATCH)).toEqual([
      v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu No Created'),
      v('ben@sdsu.edu', 3, 'failed', 'ben@sdsu.edu Yes Rejected: User already exists'),
      v('cara@sdsu.edu', 4, 'applied', '<cara@sdsu.edu> No Updated'),
      v('dan@sdsu.edu', 5, 'unmentioned'),
    ]);
  });

  it('reads a table copied from a web page as text (tabs, CRLF), names and all', () => {
    const log = [
      'Import Log',
      'Email\tFirst Name\tLast Name\tAction\tResult',
      'ana@sdsu.edu\tAna\tFailla\tCreate\tSuccess',
      'ben@sdsu.edu\tBen\tSkipper\tCreate\tError - Email already in use',
      '',
      'Summary: Created 1, Failed 1, Skipped 0',
    ].join('\r\n');
    expect(readImportLog(log, BATCH)).toEqual([
      // Failla is a surname, not "fail"; "Create" is not "created"; "Success" decides.
      v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu Ana Failla Create Success'),
      v('ben@sdsu.edu', 3, 'failed', 'ben@sdsu.edu Ben Skipper Create Error - Email already in use'),
      v('cara@sdsu.edu', 4, 'unmentioned'),
      v('dan@sdsu.edu', 5, 'unmentioned'),
    ]);
  });

  it('reads a notification email written as sentences', () => {
    const learners = [...BATCH, { email: 'eve@sdsu.edu', row: 6 }, { email: 'fay@sdsu.edu', row: 7 }];
    const log = [
      'Hello Admin,',
      '',
      'The following users were imported: "ana@sdsu.edu", <ben@sdsu.edu>.',
      'Email: cara@sdsu.edu was added to group Riverside Partners',
      'Could not import dan@sdsu.edu',
      'The account of eve@sdsu.edu, created last week, was updated.',
      'A welcome message was sent to fay@sdsu.edu.',
      '',
      'Thank you, The LMS Team',
    ].join('\n');
    expect(readImportLog(log, learners)).toEqual([
      v('ana@sdsu.edu', 2, 'applied', 'The following users were imported: "ana@sdsu.edu", <ben@sdsu.edu>.'),
      v('ben@sdsu.edu', 3, 'applied', 'The following users were imported: "ana@sdsu.edu", <ben@sdsu.edu>.'),
      v('cara@sdsu.edu', 4, 'applied', 'Email: cara@sdsu.edu was added to group Riverside Partners'),
      // "not" and no success word ("import" is not "imported").
      v('dan@sdsu.edu', 5, 'failed', 'Could not import dan@sdsu.edu'),
      v('eve@sdsu.edu', 6, 'applied', 'The account of eve@sdsu.edu, created last week, was updated.'),
      // Named, with neither kind of word.
      v('fay@sdsu.edu', 7, 'unclear', 'A welcome message was sent to fay@sdsu.edu.'),
    ]);
  });

  it('reads an archival log', () => {
    const log = 'ana@sdsu.edu: Archived\nben@sdsu.edu: User not found\ncara@sdsu.edu: Status set to Archived, 0 failed';
    expect(readImportLog(log, BATCH).map((x) => x.verdict)).toEqual(['applied', 'failed', 'applied', 'unmentioned']);
  });
});

describe('readImportLog: emails are whole tokens, case ignored', () => {
  it('does not take diana@, xana@ or ana@sdsu.edu.au for ana@sdsu.edu', () => {
    const log = [
      'diana@sdsu.edu: Error - invalid email',
      'ana@sdsu.edu.au failed',
      'xana@sdsu.edu failed',
      'ana@sdsu.edu-old failed',
      'ana@sdsu.edu: Created',
    ].join('\n');
    expect(readImportLog(log, [{ email: 'ana@sdsu.edu', row: 2 }])).toEqual([v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu: Created')]);
  });

  it('tells diana and ana apart when both are in the batch', () => {
    const learners = [
      { email: 'ana@sdsu.edu', row: 2 },
      { email: 'diana@sdsu.edu', row: 3 },
    ];
    expect(readImportLog('diana@sdsu.edu failed\nana@sdsu.edu created', learners)).toEqual([
      v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu created'),
      v('diana@sdsu.edu', 3, 'failed', 'diana@sdsu.edu failed'),
    ]);
  });

  it.each([
    ['in double quotes', '"ana@sdsu.edu","Created"'],
    ['in single quotes', "User 'ana@sdsu.edu' created"],
    ['in angle brackets', 'Ana Lopez <ana@sdsu.edu> created'],
    ['in parentheses', 'Created (ana@sdsu.edu)'],
    ['after Email:', 'Created. Email:ana@sdsu.edu'],
    ['at the line end', 'Created ana@sdsu.edu'],
    ['before a comma', 'ana@sdsu.edu, created'],
    ['before a period', 'Created user ana@sdsu.edu.'],
    ['before a semicolon', 'ana@sdsu.edu; created'],
    ['as a mailto link', '<a href="mailto:ana@sdsu.edu">ana@sdsu.edu</a> created'],
    ['as Outlook writes a link', 'ana@sdsu.edu<mailto:ana@sdsu.edu> created'],
    ['with its @ as an HTML entity', 'ana&#64;sdsu.edu created'],
    ['in upper case', 'ANA@SDSU.EDU CREATED'],
  ])('finds the email %s', (_where, log) => {
    expect(anaSays(log)).toBe('applied');
  });

  it('keeps the batch spelling of an email the log writes in another case', () => {
    expect(readImportLog('ANA@sdsu.EDU created', [{ email: 'Ana@SDSU.edu', row: 2 }])).toEqual([
      v('Ana@SDSU.edu', 2, 'applied', 'ANA@sdsu.EDU created'),
    ]);
  });
});

describe('readImportLog: zero counts are not failures', () => {
  it.each([
    'ana@sdsu.edu created, 0 errors',
    'ana@sdsu.edu created (errors: 0)',
    'ana@sdsu.edu created; errors: none',
    'ana@sdsu.edu created - no errors',
    'ana@sdsu.edu updated, 0 failed, skipped: 0',
    'ana@sdsu.edu imported. Failed: 0',
    'ana@sdsu.edu created, Errors (0)',
    'ana@sdsu.edu created, Error(s): 0',
    'ana@sdsu.edu created, 0 records were rejected',
    'ana@sdsu.edu created, 0 duplicates, Not found: 0',
    'ana@sdsu.edu created, Records failed = 0',
    'ana@sdsu.edu created\tDuplicate: no',
    'ana@sdsu.edu created errors: 0', // the count is "errors: 0", not "created errors: 0"
    'ana@sdsu.edu\tCreated\tErrors\t0', // a count in the next cell of a table
    'ana@sdsu.edu created; Error: false',
    'ana@sdsu.edu created, zero errors',
  ])('%s → applied', (log) => {
    expect(anaSays(log)).toBe('applied');
  });

  it('reads a count that is not zero', () => {
    // 10 is not 0: "created" and "errors" → both.
    expect(anaSays('ana@sdsu.edu created, 10 errors')).toBe('unclear');
    expect(anaSays('ana@sdsu.edu created, errors: 2')).toBe('unclear');
    expect(anaSays('ana@sdsu.edu created, 1,0 errors')).toBe('unclear');
  });

  it('keeps a "no" that is not a count', () => {
    // "Error: No such user": the error stays.
    expect(anaSays('ana@sdsu.edu: Error: No such user')).toBe('failed');
    // "No" then a word that is no status: "exists" stays, a failure.
    expect(anaSays('ana@sdsu.edu: No account exists')).toBe('failed');
  });

  it('also drops a zero count of a success word', () => {
    // "0 created" says nothing was created: only "1 failed" is left.
    expect(anaSays('ana@sdsu.edu: 0 created, 1 failed')).toBe('failed');
    expect(anaSays('ana@sdsu.edu - Failed: 0, Created: 1')).toBe('applied');
    // "Success: false" is no success, and no failure either.
    expect(anaSays('ana@sdsu.edu Success: false')).toBe('unclear');
  });
});

describe('readImportLog: the words of a line', () => {
  it('takes "already exists - updated" as unclear, with its line', () => {
    expect(readImportLog('ana@sdsu.edu already exists - updated', BATCH.slice(0, 1))).toEqual([
      v('ana@sdsu.edu', 2, 'unclear', 'ana@sdsu.edu already exists - updated'),
    ]);
  });

  it.each([
    ['ana@sdsu.edu: UserAlreadyExists', 'failed'], // camelCase is read as words
    ['ana@sdsu.edu: USER_NOT_FOUND', 'failed'],
    ['ana@sdsu.edu: ERR_DUPLICATE_EMAIL', 'failed'],
    ['ana@sdsu.edu: Skipped', 'failed'],
    ['ana@sdsu.edu: rejected by rule', 'failed'],
    ['ana@sdsu.edu: Failure', 'failed'],
    ['ana@sdsu.edu: Password cannot be blank', 'failed'],
    ['ana@sdsu.edu: Invalid', 'failed'],
    ['ana@sdsu.edu: user does not exist', 'failed'],
    ['ana@sdsu.edu couldn\u2019t be created', 'unclear'], // "couldn't" is "not": with "created", both
    ['ana@sdsu.edu: Not imported', 'unclear'], // "not" and "imported"
    ['ana@sdsu.edu: Added', 'applied'],
    ['ana@sdsu.edu: Re-activated', 'applied'],
    ['ana@sdsu.edu: Reactivated', 'applied'],
    ['ana@sdsu.edu: Import succeeded', 'applied'],
    ['ana@sdsu.edu: Successfully processed', 'applied'],
    ['ana@sdsu.edu: Note: created', 'applied'], // "Note" is not "not"
    ['ana@sdsu.edu: OK', 'unclear'], // neither kind of word
    ['ana@sdsu.edu: Create', 'unclear'], // the action, not its outcome
    ['ana@sdsu.edu: Deactivated', 'unclear'], // not "activated"
  ])('%s → %s', (log, verdict) => {
    expect(anaSays(log)).toBe(verdict);
  });

  it('does not read a word inside an email', () => {
    // "skipper@" and "failla@" are addresses, not "skip" and "fail".
    const learners = [
      { email: 'skipper@sdsu.edu', row: 2 },
      { email: 'failla@sdsu.edu', row: 3 },
    ];
    expect(readImportLog('skipper@sdsu.edu created\nfailla@sdsu.edu: processed', learners).map((x) => x.verdict)).toEqual([
      'applied',
      'unclear',
    ]);
  });

  it('reads a line naming several learners for each of them', () => {
    expect(readImportLog('Duplicate UserID shared by ana@sdsu.edu and ben@sdsu.edu', BATCH).map((x) => x.verdict)).toEqual([
      'failed',
      'failed',
      'unmentioned',
      'unmentioned',
    ]);
  });
});

describe('readImportLog: a line naming only a row', () => {
  it.each([
    'Row 3: Invalid email address',
    'row 3 - duplicate',
    'Line 3: UserID is required',
    'Row #3: missing Status',
    'Row No. 3: bad Affiliation',
    'Error in row 3',
    'Row: 3, Error: bad date',
    'Row 3 of 5: created',
  ])('%s makes row 3 (ben) unclear with the line', (line) => {
    // Even "created": how the LMS counts rows is not known for sure.
    expect(readImportLog(`Import finished\n${line}`, BATCH)).toEqual([
      v('ana@sdsu.edu', 2, 'unmentioned'),
      v('ben@sdsu.edu', 3, 'unclear', line),
      v('cara@sdsu.edu', 4, 'unmentioned'),
      v('dan@sdsu.edu', 5, 'unmentioned'),
    ]);
  });

  it('ignores a row that is no learner, a count of rows, and a row on a line that names an email', () => {
    // Row 1 is the header, row 9 is past the file; "Rows: 3" is a count.
    // "Row 3: ana@…" names ana: the email decides, and ben (row 3) is not named.
    const log = 'Row 1: header ok\nRow 9: Invalid\nRows: 3\nRow 3: ana@sdsu.edu created\nRow 4: zed@other.org invalid';
    expect(readImportLog(log, BATCH).map((x) => x.verdict)).toEqual(['applied', 'unmentioned', 'unmentioned', 'unmentioned']);
  });

  it('makes a learner both named and pointed at by row unclear', () => {
    const log = 'ana@sdsu.edu created\nRow 2: Warning';
    expect(readImportLog(log, BATCH)[0]).toEqual(v('ana@sdsu.edu', 2, 'unclear', 'ana@sdsu.edu created | Row 2: Warning'));
  });
});

describe('readImportLog: several lines naming a learner', () => {
  it('lets a telling line decide over a line that only names the learner', () => {
    expect(readImportLog('Processing ana@sdsu.edu\nana@sdsu.edu: created', BATCH)[0]).toEqual(
      v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu: created'),
    );
  });

  it('keeps every agreeing line', () => {
    expect(readImportLog('ana@sdsu.edu created\nana@sdsu.edu added to group Riverside', BATCH)[0]).toEqual(
      v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu created | ana@sdsu.edu added to group Riverside'),
    );
    expect(readImportLog('ana@sdsu.edu failed\nRejected: ana@sdsu.edu', BATCH)[0]).toEqual(
      v('ana@sdsu.edu', 2, 'failed', 'ana@sdsu.edu failed | Rejected: ana@sdsu.edu'),
    );
  });

  it('makes a failed line and an applied line unclear', () => {
    const log = 'Created: ana@sdsu.edu\nProcessing ana@sdsu.edu\nFailed: ana@sdsu.edu';
    expect(readImportLog(log, BATCH)[0]).toEqual(v('ana@sdsu.edu', 2, 'unclear', 'Created: ana@sdsu.edu | Failed: ana@sdsu.edu'));
  });

  it('keeps the silent lines when no line tells', () => {
    expect(readImportLog('ana@sdsu.edu\nSee ana@sdsu.edu', BATCH)[0]).toEqual(
      v('ana@sdsu.edu', 2, 'unclear', 'ana@sdsu.edu | See ana@sdsu.edu'),
    );
  });

  it('shows a repeated line once', () => {
    expect(readImportLog('ana@sdsu.edu created\nana@sdsu.edu created', BATCH)[0]!.line).toBe('ana@sdsu.edu created');
  });

  it('cuts long lines', () => {
    const long = `ana@sdsu.edu failed: ${'x'.repeat(1000)}`;
    const one = readImportLog(long, BATCH)[0]!;
    expect(one.verdict).toBe('failed');
    expect(one.line).toHaveLength(200);
    expect(one.line.startsWith('ana@sdsu.edu failed: xxx')).toBe(true);
    expect(one.line.endsWith('…')).toBe(true);
    const many = readImportLog(
      Array.from({ length: 10 }, (_, i) => `ana@sdsu.edu failed, case ${i} ${'y'.repeat(100)}`).join('\n'),
      BATCH,
    )[0]!;
    expect(many.line).toHaveLength(500);
    expect(many.line.startsWith('ana@sdsu.edu failed, case 0 ')).toBe(true);
  });
});

describe('readImportLog: leftovers of an email', () => {
  it('reads HTML tags, entities, CRLF, tabs and odd spaces', () => {
    const log =
      '<div><b>ana@sdsu.edu</b>&nbsp;&ndash; created</div>\r\n' +
      'ben@sdsu.edu&#9;failed<br/>' +
      '<span style="color:red">cara@sdsu.edu</span>\u00a0\u00a0already\u200b exists\r' +
      '<!-- dan@sdsu.edu created -->';
    expect(readImportLog(log, BATCH)).toEqual([
      v('ana@sdsu.edu', 2, 'applied', 'ana@sdsu.edu – created'),
      v('ben@sdsu.edu', 3, 'failed', 'ben@sdsu.edu failed'),
      v('cara@sdsu.edu', 4, 'failed', 'cara@sdsu.edu already exists'),
      // An HTML comment is not shown by a mail client.
      v('dan@sdsu.edu', 5, 'unmentioned'),
    ]);
  });
});

describe('readImportLog: the empty log', () => {
  it.each(['', '   ', '\r\n\t \n'])('means every row imported (%j)', (log) => {
    const verdicts = readImportLog(log, BATCH);
    expect(verdicts).toEqual(BATCH.map((l) => v(l.email, l.row, 'applied')));
    expect(logNamesNoLearner(log, verdicts)).toBe(false);
  });
});

describe('logNamesNoLearner (LOG_MISMATCH)', () => {
  const mismatch = (log: string, learners: BatchLearnerRef[] = BATCH) => logNamesNoLearner(log, readImportLog(log, learners));

  it('is true for a log that names no learner of the batch', () => {
    expect(mismatch('Import complete. 12 records processed, 0 errors')).toBe(true);
    expect(mismatch('zed@other.org created\nyves@other.org failed')).toBe(true);
    // diana is not ana.
    expect(mismatch('diana@sdsu.edu created', [{ email: 'ana@sdsu.edu', row: 2 }])).toBe(true);
    // Row 9 is no row of this batch; the row line with an email names zed, not cara.
    expect(mismatch('Row 9: Invalid\nRow 4: zed@other.org failed')).toBe(true);
  });

  it('is false once one learner is named, by email or by row', () => {
    expect(mismatch('Summary\nben@sdsu.edu: processed')).toBe(false);
    expect(mismatch('Row 5: Invalid DateHire')).toBe(false);
    expect(mismatch('Summary\nDAN@SDSU.EDU failed')).toBe(false);
  });

  it('is false for an empty log', () => {
    expect(mismatch(' \n ')).toBe(false);
  });
});
