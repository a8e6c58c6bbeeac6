/**
 * The workbook a first `npm start` opens: the add-on set up by its own setupTemplates, settings
 * saved, a registry of Riverside's partners (some archived, a few from other counties) and a
 * Creation tab holding the mistakes admins really make. Entered as an admin would type or paste.
 */
import type { Emulator } from '@cacwt/gas-emulator';
import { TABS, archivalRow, creationRow, registryRow, setUpWorkbook, templateRow } from '../../test/fixtures';

type AddOn = typeof import('../../src/addon/index');

const FIRST = [
  'Ana',
  'Marcus',
  'Priya',
  'José',
  'Linh',
  'Kevin',
  'Fatima',
  'Daniel',
  'Grace',
  'Omar',
  'Rosa',
  'Tyler',
  'Mei',
  'Andre',
  'Sofia',
  'Hector',
  'Aisha',
  'Brandon',
  'Nadia',
  'Luis',
];
const LAST = [
  'Garcia',
  'Nguyen',
  "O'Brien",
  'Patel',
  'Smith-Jones',
  'Hernandez',
  'Kim',
  'Okafor',
  'Martinez',
  'Chen',
  'Lopez',
  'Washington',
  'Rivera',
  'Tran',
  'Johnson',
  'Flores',
  'Ahmed',
  'Castillo',
];
// notsdsu.edu is the trap: archiving sdsu.edu must leave it alone; mail.sdsu.edu only with sub-domains.
const DOMAINS = ['ucr.edu', 'sdsu.edu', 'csusb.edu', 'mail.sdsu.edu', 'rcoe.us', 'notsdsu.edu', 'ucr.edu', 'sdsu.edu', 'gmail.com'];

/** The calendar date `days` from today in Los Angeles (the sample spreadsheet's time zone). */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(Date.now() + days * 86_400_000));
}

/**
 * 68 learners, 11 of them Archived: the 57 Active nearly reach the sample's cap of 60. Of the
 * Active ones, i % 3 == 1 ended their activity (i % 11 + 1) weeks ago, so they are due for
 * archival; i % 3 == 2 end in 60 days; i % 3 == 0 have no end date.
 */
function registryRows(): string[][] {
  return Array.from({ length: 68 }, (_, i) => {
    // 7 and 18 are coprime and 20 x 18 > 68, so no two learners share a name (or an email).
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = `${first
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()}.${last.replace(/[^A-Za-z]/g, '').toLowerCase()}@${DOMAINS[i % DOMAINS.length]}`;
    const county = i >= 66 ? 'Alameda' : i >= 57 && i < 60 ? 'San Diego' : 'Riverside';
    const archived = i % 6 === 5 && i < 66;
    const hired = `${(i % 12) + 1}/${(i % 27) + 1}/${2024 + (i % 2)}`;
    return [
      ...registryRow(email, first, last, archived ? 'Archived' : 'Active', hired, archived ? `${(i % 9) + 1}/15/2025` : '', county),
      archived ? '' : ['', dayFromToday(-7 * ((i % 11) + 1)), dayFromToday(60)][i % 3]!,
    ];
  });
}

/** When the sample's learners were hired, unless a row says otherwise. */
const HIRED = { DateHire: '11/17/2025' };

function creationRows(): string[][] {
  return [
    creationRow('camila.reyes@ucr.edu', 'Camila', 'Reyes', HIRED),
    creationRow('jblake@sdsu.edu', 'Jordan', 'Blake', HIRED),
    creationRow('thanh.pham@mail.sdsu.edu', 'Thanh', 'Pham', HIRED),
    creationRow('erin.mcallister@csusb.edu', 'Erin', 'McAllister', { ...HIRED, EmployeeType: 'Riversde County Community Partner' }),
    creationRow('samuel.ortiz.ucr.edu', 'Samuel', 'Ortiz', { ...HIRED, UserID: 'samuel.ortiz.ucr.edu' }),
    creationRow('lgoldberg@notsdsu.edu', 'Leah', 'Goldberg', HIRED),
    creationRow('amir.haddad@sdsu.edu', 'Amir', 'Haddad', HIRED),
    creationRow('Amir.Haddad@sdsu.edu', 'Amir', 'Haddad', { DateHire: '11/18/2025' }),
    creationRow('brianna.cole@rcoe.us', 'Brianna', 'Cole', { ...HIRED, Status: 'active' }),
    creationRow('diego.sandoval@sdsu.edu', 'Diego', 'Sandoval', { ...HIRED, EmployeeType: 'San Diego County Community Partner' }),
    creationRow('hannah.lee@ucr.edu', 'Hannah', 'Lee', { DateHire: '11/20/2025' }),
    creationRow('victor.nwosu@csusb.edu', 'Victor', 'Nwosu', { DateHire: '11/20/2025' }),
  ];
}

/** Two Active Riverside learners of the registry, listed for archiving as the guide describes. */
function archivalRows(registry: string[][]): string[][] {
  return [registry[0]!, registry[2]!].map(([email, first, last]) => archivalRow(email!, first!, last!));
}

/** The import log the LMS emailed for the sample's earlier file: one learner refused. */
const EARLIER_LOG = [
  'Import completed: 3 rows processed, 2 created, 1 error',
  'nora.baptiste@ucr.edu - created',
  'ivan.petrov@csusb.edu - created',
  'zoe.kaplan@sdsu.edu - ERROR: an account with this email already exists',
].join('\n');

/**
 * The upload loop as the sample shows it, made with the add-on's own functions: an earlier file
 * of three learners, confirmed from its import log with one failure (kept in the batch's
 * history; the admin then deleted the row), and the Archival tab's two rows exported as a file
 * still waiting for its import log.
 */
function uploadLoop(emu: Emulator, addon: AddOn): void {
  const must = <T extends { ok: boolean }>(result: T, what: string): T => {
    if (!result.ok) throw new Error(`${what} failed on the sample: ${JSON.stringify(result).slice(0, 300)}`);
    return result;
  };
  const earlier = [
    creationRow('nora.baptiste@ucr.edu', 'Nora', 'Baptiste', { DateHire: '11/10/2025' }),
    creationRow('ivan.petrov@csusb.edu', 'Ivan', 'Petrov', { DateHire: '11/10/2025' }),
    creationRow('zoe.kaplan@sdsu.edu', 'Zoe', 'Kaplan', { DateHire: '11/10/2025' }),
  ];
  const first = creationRows().length + 2;
  emu.sheet(TABS.creation)!.setValues(`A${first}`, earlier);
  addon.onEdit(emu.editEvent(TABS.creation, `A${first}:Q${first + 2}`) as unknown as GoogleAppsScript.Events.SheetsOnEdit);
  const exported = must(addon.exportCsv('creation', { rows: [first, first + 1, first + 2] }), 'exportCsv');
  if (!exported.ok) return;
  must(addon.confirmBatch(exported.batchId, EARLIER_LOG), 'confirmBatch');
  must(addon.clearDoneRows('creation'), 'clearDoneRows');
  // Zoe's account already existed, as the log said: the admin deleted her row. Her failure stays
  // in the batch's history (Upload Batches, Upload Batch Rows).
  emu.sheet(TABS.creation)!.setValues(`A${first}`, [templateRow({})]);
  addon.onEdit(emu.editEvent(TABS.creation, `A${first}:Q${first}`) as unknown as GoogleAppsScript.Events.SheetsOnEdit);
  must(addon.exportCsv('archival'), 'exportCsv');
}

export function seedSample(emu: Emulator, addon: AddOn): void {
  // The settings already hold the cap of 60, so saving them logs no change: the log gets the cap's
  // history below, as saveSettings would have logged it over the years (the compliance chart shows
  // the cap in force each month).
  emu.properties.document.settings = JSON.stringify({ county: 'Riverside', activeCap: 60 });
  setUpWorkbook(addon, { activeCap: 60 });
  emu.sheet(TABS.log)!.setValues('A2', [
    [new Date('2024-01-02T17:00:00Z'), 'admin@county.ca.gov', 'Cap changed', '', 'none → 50', '', "'2024-01-02"],
    [new Date('2025-07-01T17:00:00Z'), 'admin@county.ca.gov', 'Cap changed', '', '50 → 60', '', "'2025-07-01"],
  ]);
  const registry = registryRows();
  // Rows go in as an admin pastes them, and the template tabs get the onEdit a paste fires, so
  // the sample opens with its mistakes already marked.
  const enter = (tab: string, rows: string[][]): void => {
    emu.sheet(tab)!.setValues('A2', rows);
    if (tab !== TABS.registry)
      addon.onEdit(emu.editEvent(tab, `A2:Q${rows.length + 1}`) as unknown as GoogleAppsScript.Events.SheetsOnEdit);
  };
  enter(TABS.registry, registry);
  enter(TABS.creation, creationRows());
  enter(TABS.archival, archivalRows(registry));
  uploadLoop(emu, addon);
  // An admin's own note, as they leave them: the preview shows notes on hover.
  const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  app
    .getActiveSpreadsheet()
    .getSheetByName(TABS.creation)!
    .getRange('I11')
    .setNote('San Diego asked us to create this one: Diego trains with both counties.');
  addon.selectCell('creation', 2, 'UserID');
}
