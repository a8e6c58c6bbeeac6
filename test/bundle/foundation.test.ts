import { beforeEach, describe, expect, it } from 'vitest';
import { HEADERS } from '../../src/core/columns';
import { TABS, archivalRow, bundleSource, loadAddOn, loadSetUp, notOk, ok, templateRow, type Loaded } from './harness';
import { namesInApiDoc, registryHeadersInApiDoc } from '../apiDoc';

/** Every function api.md names, as Apps Script and the sidebar call them. */
const API_FUNCTIONS = [
  'onOpen',
  'onInstall',
  'onEdit',
  'showSidebar',
  'setupTemplates',
  'validateTab',
  'exportCsv',
  'syncRegistry',
  'previewArchiveByDomain',
  'archiveLearners',
  'reactivateLearners',
  'getSettings',
  'saveSettings',
  'selectCell',
  'getSummary',
];
const YELLOW = '#fff2cc';

/** Today's date in Los Angeles, computed independently of the add-on. */
function todayInLosAngeles(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
}

const good = {
  Password: 'Changeme1!',
  Status: 'Active',
  Affiliation: 'California Community Partners',
  EmployeeType: 'Riverside County Community Partner',
  DateHire: '11/20/2026',
};

describe('dist/Code.js', () => {
  it('declares every function of api.md as a top-level function', () => {
    const { addon } = loadAddOn();
    const source = bundleSource();
    for (const name of API_FUNCTIONS) {
      expect(typeof (addon as unknown as Record<string, unknown>)[name], name).toBe('function');
      expect(source, name).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('uses no global that Apps Script lacks, and stays under 150 KB', () => {
    const source = bundleSource();
    for (const name of ['process', 'require', 'setTimeout', 'URL', 'TextEncoder']) {
      expect(source, name).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
    const { inside } = loadAddOn();
    expect(inside('typeof process + typeof require + typeof setTimeout + typeof URL + typeof TextEncoder')).toBe('undefined'.repeat(5));
    expect(Buffer.byteLength(source)).toBeLessThan(150 * 1024);
  });
});

describe('the menu', () => {
  it('is built in AuthMode.NONE without reading properties or sheets', () => {
    const forbidden = new Proxy(
      {},
      {
        get: () => {
          throw new Error('PropertiesService is not available in AuthMode.NONE');
        },
      },
    );
    const { emu, addon } = loadAddOn({ replace: { PropertiesService: forbidden } });
    emu.counter.reset();
    addon.onOpen({ authMode: 'NONE' } as unknown as GoogleAppsScript.Events.SheetsOnOpen);
    expect(emu.ui.menus).toHaveLength(1);
    expect(emu.ui.menus[0]!.items.map((i) => i.functionName)).toEqual([
      'showSidebar',
      'menuSetupTemplates',
      'menuCheckCreation',
      'menuCheckArchival',
      'menuUpdateComplianceReport',
    ]);
    expect(emu.ui.menus[0]!.items[0]!.caption).toBe('Open sidebar');
    expect(Object.keys(emu.counter.byMethod)).toEqual(['SpreadsheetApp.getUi']);
    for (const item of emu.ui.menus[0]!.items) {
      expect(typeof (addon as unknown as Record<string, unknown>)[item.functionName], item.functionName).toBe('function');
    }
  });

  it('is built by onInstall too', () => {
    const { emu, addon } = loadAddOn();
    addon.onInstall({ authMode: 'FULL' } as unknown as GoogleAppsScript.Events.AddonOnInstall);
    expect(emu.ui.menus).toHaveLength(1);
  });
});

describe('setupTemplates', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadAddOn();
  });

  it('lays out the six tabs on a fresh spreadsheet', () => {
    const { emu, addon } = loaded;
    expect(addon.setupTemplates()).toEqual({
      ok: true,
      created: [TABS.creation, TABS.archival, TABS.registry, TABS.log, TABS.batches, TABS.batchRows],
      repaired: [],
    });

    const creation = emu.sheet(TABS.creation)!;
    // S is the Creation tab's activity end date (Compliance), T the hidden state of the upload loop.
    expect(creation.values()[0]).toEqual([...HEADERS, 'Check (not exported)', 'Activity ends (not exported)', 'State (not exported)']);
    expect(creation.isColumnHidden(20)).toBe(true);
    expect(creation.cell('T2').numberFormat).toBe('@');
    expect(emu.sheet(TABS.archival)!.values()[0]![18]).toBe('State (not exported)');
    expect(creation.frozenRows).toBe(1);
    expect(creation.cell('A1').fontWeight).toBe('bold');
    // Yellow where the admin types, white where the LMS wants a blank, on both tabs.
    expect(['A2', 'E2', 'F2', 'I2', 'N2', 'N1000'].map((a1) => creation.cell(a1).background)).toEqual(Array(6).fill(YELLOW));
    expect(['H2', 'J2', 'M2', 'O2', 'Q2'].map((a1) => creation.cell(a1).background)).toEqual(Array(5).fill('#ffffff'));
    const archival = emu.sheet(TABS.archival)!;
    expect(archival.cell('E2').background).toBe('#ffffff');
    expect(archival.cell('N2').background).toBe('#ffffff');
    expect(archival.cell('I2').background).toBe(YELLOW);

    expect(creation.cell('F2').validation).toMatchObject({ values: [['Active'], true] });
    expect(archival.cell('F2').validation).toMatchObject({ values: [['Archived'], true] });
    expect(creation.cell('G2').validation).toMatchObject({ values: [['California Community Partners'], true] });
    const employeeTypes = creation.cell('I2').validation!.values[0] as string[];
    expect(employeeTypes).toHaveLength(58);
    expect(employeeTypes).toContain('San Francisco County Community Partner');
    expect(creation.cell('D500').validation?.criteria).toBe('TEXT_IS_VALID_EMAIL');
    expect(creation.cell('N2').validation?.criteria).toBe('DATE_IS_VALID_DATE');
    expect(creation.cell('D2').validation?.helpText).toMatch(/email/i);
    // Column S: an optional activity end date, a date picker that refuses anything else.
    expect(creation.cell('S1000').validation).toMatchObject({ criteria: 'DATE_IS_VALID_DATE', allowInvalid: false });
    expect(archival.cell('S2').validation).toBeNull();

    expect(emu.sheet(TABS.registry)!.values()[0]).toEqual(registryHeadersInApiDoc());
    expect(emu.sheet(TABS.log)!.values()[0]).toEqual(['Timestamp', 'Admin', 'Action', 'UserID', 'Details', 'Batch', 'Effective']);
    expect(emu.sheet(TABS.batches)!.values()[0]).toEqual(namesInApiDoc('The batches tab has at least', '`OverCapReason`'));
    expect(emu.sheet(TABS.batchRows)!.values()[0]).toEqual([
      'BatchID',
      'Email',
      'Kind',
      'Row',
      ...HEADERS,
      'ActivityEnds',
      'Verdict',
      'LogLine',
      'Decision',
    ]);
    // Text the add-on writes and reads back is plain text; the counts are numbers.
    expect(['A2', 'C2', 'K900'].map((a1) => emu.sheet(TABS.batches)!.cell(a1).numberFormat)).toEqual(['@', '@', '@']);
    expect(emu.sheet(TABS.batches)!.cell('E2').numberFormat).not.toBe('@');
    expect(['F2', 'G2'].map((a1) => emu.sheet(TABS.log)!.cell(a1).numberFormat)).toEqual(['@', '@']);
  });

  it('adds Batch and Effective to a log of the last version, keeping its rows', () => {
    const { emu, addon } = loaded;
    emu.addSheet(TABS.log, [
      ['Timestamp', 'Admin', 'Action', 'UserID', 'Details'],
      ['2026-11-01', 'pat@x.gov', 'added', 'ana@sdsu.edu', 'Added as Active (Riverside County Community Partner)'],
    ]);
    expect(ok(addon.setupTemplates()).repaired).toEqual([TABS.log]);
    const log = emu.sheet(TABS.log)!.values();
    expect(log[0]).toEqual(['Timestamp', 'Admin', 'Action', 'UserID', 'Details', 'Batch', 'Effective']);
    expect(log[1]!.slice(1)).toEqual([
      'pat@x.gov',
      'added',
      'ana@sdsu.edu',
      'Added as Active (Riverside County Community Partner)',
      '',
      '',
    ]);
  });

  it('changes nothing when run a second time', () => {
    const { emu, addon } = loaded;
    addon.setupTemplates();
    const before = JSON.stringify(emu.toJSON());
    expect(addon.setupTemplates()).toEqual({ ok: true, created: [], repaired: [] });
    expect(JSON.stringify(emu.toJSON())).toBe(before);
  });

  it('repairs a tab that already holds rows without losing one', () => {
    const { emu, addon } = loaded;
    const header: string[] = [...HEADERS];
    header[0] = 'User ID';
    header[4] = 'Pasword';
    const rows = [
      templateRow({ UserID: 'ana@sdsu.edu', LastName: 'Lee', FirstName: 'Ana', Email: 'ana@sdsu.edu', ...good }),
      templateRow({ UserID: 'bo@sdsu.edu', LastName: 'Chu', FirstName: 'Bo', Email: 'bo@sdsu.edu', ...good }),
    ];
    emu.addSheet(TABS.creation, [header, ...rows]);
    expect(ok(addon.setupTemplates()).repaired).toEqual([TABS.creation]);
    const values = emu.sheet(TABS.creation)!.values();
    expect(values[0]!.slice(0, 17)).toEqual([...HEADERS]);
    expect(values.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['ana@sdsu.edu', 'Lee', 'Ana', 'ana@sdsu.edu'],
      ['bo@sdsu.edu', 'Chu', 'Bo', 'bo@sdsu.edu'],
    ]);
  });

  it('puts the header above data pasted into row 1, instead of over it', () => {
    const { emu, addon } = loaded;
    emu.addSheet(TABS.archival, [templateRow({ UserID: 'ana@sdsu.edu', LastName: 'Lee', FirstName: 'Ana', Email: 'ana@sdsu.edu' })]);
    addon.setupTemplates();
    const values = emu.sheet(TABS.archival)!.values();
    expect(values[0]![0]).toBe('UserID');
    expect(values[1]!.slice(0, 3)).toEqual(['ana@sdsu.edu', 'Lee', 'Ana']);
  });
});

describe('exportCsv', () => {
  let loaded: Loaded;
  beforeEach(() => {
    loaded = loadSetUp({ settings: { activeCap: 300 } });
  });

  it('writes the exact import file, byte for byte', () => {
    const { emu, addon, RealmDate } = loaded;
    emu.sheet(TABS.creation)!.setValues('A2', [
      // 23:30 on Nov 28 in Los Angeles is already Nov 29 in UTC, the script's time zone here.
      templateRow({
        UserID: 'jose.garcia@sdsu.edu',
        LastName: 'García',
        FirstName: 'José',
        Email: 'jose.garcia@sdsu.edu',
        ...good,
        DateHire: new RealmDate('2026-11-29T07:30:00Z'),
      }),
      templateRow({
        UserID: 'Ana.OBrien@Example.org',
        LastName: "O'Brien",
        FirstName: 'Ana',
        Email: 'Ana.OBrien@Example.org',
        ...good,
        DateHire: '1/5/2026',
      }),
      templateRow({
        UserID: 'bob.king@ccp.org',
        LastName: 'King, Jr.',
        FirstName: 'Robert "Bob"',
        Email: 'bob.king@ccp.org',
        ...good,
        Status: 'active',
        EmployeeType: 'riverside county community partner',
      }),
    ]);
    const result = ok(addon.exportCsv('creation'));
    const batchId = `B-${todayInLosAngeles().replace(/-/g, '')}-1`;
    expect(result).toMatchObject({ tab: 'creation', rows: 3, batchId, filename: `cacwt-creation-riverside-${batchId}.csv` });
    expect(result.csv).toBe(
      'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID\r\n' +
        'jose.garcia@sdsu.edu,García,José,jose.garcia@sdsu.edu,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,11/28/2026,,,\r\n' +
        "Ana.OBrien@Example.org,O'Brien,Ana,Ana.OBrien@Example.org,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,01/05/2026,,,\r\n" +
        'bob.king@ccp.org,"King, Jr.","Robert ""Bob""",bob.king@ccp.org,Changeme1!,Active,California Community Partners,,Riverside County Community Partner,,,,,11/20/2026,,,',
    );
    const bytes = Buffer.from(result.csv, 'utf8');
    expect(bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    expect(bytes.includes(Buffer.from([0xc3, 0xa9]))).toBe(true); // é as UTF-8
  });

  it('writes the archival file with Password and DateHire blank and the chosen date format', () => {
    const { emu, addon } = loaded;
    addon.saveSettings({ county: 'Riverside', temporaryPassword: 'Changeme1!', dateFormat: 'YYYY-MM-DD', activeCap: null });
    emu
      .sheet(TABS.archival)!
      .setValues('A2', [
        templateRow({ UserID: 'ana@sdsu.edu', LastName: 'Lee', FirstName: 'Ana', Email: 'ana@sdsu.edu', ...good, Status: 'Archived' }),
      ]);
    const result = ok(addon.exportCsv('archival'));
    expect(result.csv.split('\r\n')[1]).toBe(
      'ana@sdsu.edu,Lee,Ana,ana@sdsu.edu,,Archived,California Community Partners,,Riverside County Community Partner,,,,,,,,',
    );
    expect(result.filename).toMatch(/^cacwt-archival-riverside-B-\d{8}-1\.csv$/);
  });

  it('refuses while any error stands, returning every problem with its row and column', () => {
    const { emu, addon } = loaded;
    const base = (n: number) => ({ UserID: `p${n}@x.org`, LastName: 'Lee', FirstName: 'Ana', Email: `p${n}@x.org`, ...good });
    const bad: [Record<string, unknown>, string][] = [
      [{ UserID: 'other@x.org' }, 'UserID'],
      [{ LastName: '' }, 'LastName'],
      [{ FirstName: '@Ana' }, 'FirstName'],
      [{ UserID: 'not-an-email', Email: 'not-an-email' }, 'Email'],
      [{ Password: 'password' }, 'Password'],
      [{ Status: 'Archived' }, 'Status'],
      [{ Affiliation: 'Partners' }, 'Affiliation'],
      [{ OrganizationName: 'SDSU' }, 'OrganizationName'],
      [{ EmployeeType: 'Riverside Community Partner' }, 'EmployeeType'],
      [{ RTAJobCode: '77' }, 'RTAJobCode'],
      [{ DateHire: 'soon' }, 'DateHire'],
      [{ UserLevel: '2' }, 'UserLevel'],
    ];
    emu.sheet(TABS.creation)!.setValues(
      'A2',
      bad.map(([change], i) => templateRow({ ...base(i), ...change })),
    );
    const result = notOk(addon.exportCsv('creation'));
    expect(result.error).toMatchObject({ code: 'INVALID_ROWS', message: expect.stringMatching(/12 problems on 12 rows/) });
    const found = result.problems!.filter((p) => p.severity === 'error').map((p) => [p.row, p.column]);
    expect(found).toEqual(bad.map(([, column], i) => [i + 2, column]));
  });

  it('refuses a duplicate email naming both rows, and an empty tab', () => {
    const { emu, addon } = loaded;
    expect(addon.exportCsv('creation')).toMatchObject({ ok: false, error: { code: 'EMPTY' } });
    emu
      .sheet(TABS.creation)!
      .setValues('A2', [
        templateRow({ UserID: 'ana@sdsu.edu', LastName: 'Lee', FirstName: 'Ana', Email: 'ana@sdsu.edu', ...good }),
        templateRow({ UserID: 'bo@sdsu.edu', LastName: 'Chu', FirstName: 'Bo', Email: 'bo@sdsu.edu', ...good }),
        templateRow({ UserID: 'ANA@sdsu.edu', LastName: 'Lee', FirstName: 'Anita', Email: 'ANA@sdsu.edu', ...good }),
      ]);
    expect(notOk(addon.exportCsv('creation')).problems!.map((p) => [p.row, p.column])).toEqual([
      [2, 'Email'],
      [4, 'Email'],
    ]);
  });

  it('makes the same number of Sheets calls for 5,000 rows as for 5 (plus one to grow the batch rows tab)', () => {
    const callsFor = (n: number): number => {
      const { emu, addon } = loadAddOn();
      addon.setupTemplates();
      emu.sheet(TABS.creation)!.setValues(
        'A2',
        Array.from({ length: n }, (_, i) =>
          templateRow({ UserID: `p${i}@x.org`, LastName: 'Lee', Email: `p${i}@x.org`, ...good, FirstName: `Ana${'abcdefghij'[i % 10]}` }),
        ),
      );
      emu.counter.reset();
      expect(ok(addon.exportCsv('creation')).rows).toBe(n);
      return emu.counter.calls - (emu.counter.byMethod['Sheet.insertRowsAfter'] ?? 0);
    };
    const small = callsFor(5);
    expect(small).toBeGreaterThan(0);
    expect(callsFor(5000)).toBe(small);
  });
});

describe('validateTab', () => {
  it('counts rows and ready rows, and lists the problems', () => {
    const { emu, addon } = loadAddOn();
    addon.setupTemplates();
    const kern = { EmployeeType: 'Kern County Community Partner' };
    emu
      .sheet(TABS.archival)!
      .setValues('A2', [
        archivalRow('ana@sdsu.edu', 'Ana', 'Lee', kern),
        archivalRow('bo@sdsu.edu', 'Bo', 'Chu', { ...kern, Status: 'Active' }),
      ]);
    expect(addon.validateTab('archival')).toEqual({
      ok: true,
      tab: 'archival',
      rows: 2,
      ready: 1,
      problems: [
        {
          tab: 'archival',
          row: 3,
          column: 'Status',
          severity: 'error',
          message: 'Status must be Archived on the Archival tab, not "Active".',
        },
      ],
    });
  });

  it('answers a wrong tab name or a missing tab with a message, not a throw', () => {
    const { addon } = loadAddOn();
    expect(addon.validateTab('registry' as 'creation')).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(addon.validateTab('creation')).toMatchObject({
      ok: false,
      error: { code: 'NO_TAB', message: expect.stringMatching(/Set up templates/) },
    });
  });
});

describe('settings', () => {
  it('start from the defaults and are kept with the document', () => {
    const { emu, addon } = loadAddOn();
    expect(addon.getSettings()).toEqual({
      ok: true,
      settings: { county: '', temporaryPassword: 'Changeme1!', dateFormat: 'MM/DD/YYYY', activeCap: null, activityDays: null },
    });
    expect(
      addon.saveSettings({
        county: 'kern',
        temporaryPassword: 'Kern2026!x',
        dateFormat: 'M/D/YYYY',
        activeCap: '120' as unknown as number,
      }),
    ).toEqual({
      ok: true,
      settings: { county: 'Kern', temporaryPassword: 'Kern2026!x', dateFormat: 'M/D/YYYY', activeCap: 120, activityDays: null },
    });
    expect(JSON.parse(emu.properties.document.settings!)).toMatchObject({ county: 'Kern' });
    expect(ok(addon.getSettings()).settings.county).toBe('Kern');
  });

  it('refuse bad settings with a problem per field and keep the old ones', () => {
    const { addon } = loadAddOn();
    const result = notOk(addon.saveSettings({ county: 'Gotham', temporaryPassword: 'abc', dateFormat: 'MM/DD/YYYY', activeCap: 0 }));
    expect(result.error.code).toBe('BAD_SETTINGS');
    expect(result.problems!.map((p) => p.column)).toEqual(['county', 'temporaryPassword', 'activeCap']);
    expect(ok(addon.getSettings()).settings.county).toBe('');
  });
});

describe('selectCell', () => {
  it('takes the admin to the cell of a problem', () => {
    const { emu, addon } = loadAddOn();
    addon.setupTemplates();
    expect(addon.selectCell('creation', 7, 'Email')).toEqual({ ok: true });
    const active = emu.globals.SpreadsheetApp as { getActiveRange(): { getA1Notation(): string; getSheet(): { getName(): string } } };
    expect(active.getActiveRange().getA1Notation()).toBe('D7');
    expect(active.getActiveRange().getSheet().getName()).toBe(TABS.creation);
  });
});
