import vm from 'node:vm';
import { describe, it, expect } from 'vitest';
import { createEmulator } from '../src';
import { service } from './helpers';

type Utilities = GoogleAppsScript.Utilities.Utilities;

describe('Utilities.formatDate', () => {
  const emu = createEmulator();
  const utilities = service<Utilities>(emu, 'Utilities');
  const la = 'America/Los_Angeles';

  it('follows DST on the day it starts (2 AM local = 10:00Z on 2026-03-08)', () => {
    expect(utilities.formatDate(new Date('2026-03-08T09:30:00Z'), la, 'yyyy-MM-dd HH:mm')).toBe('2026-03-08 01:30');
    expect(utilities.formatDate(new Date('2026-03-08T10:30:00Z'), la, 'yyyy-MM-dd HH:mm')).toBe('2026-03-08 03:30');
  });

  it('tells the repeated hour apart when DST ends', () => {
    expect(utilities.formatDate(new Date('2026-11-01T08:30:00Z'), la, 'HH:mm z XXX')).toBe('01:30 PDT -07:00');
    expect(utilities.formatDate(new Date('2026-11-01T09:30:00Z'), la, 'HH:mm z XXX')).toBe('01:30 PST -08:00');
  });

  it('falls on the previous day near midnight UTC', () => {
    expect(utilities.formatDate(new Date('2026-11-29T07:30:00Z'), la, 'MM/dd/yyyy')).toBe('11/28/2026');
    expect(utilities.formatDate(new Date('2026-11-29T07:30:00Z'), 'Etc/UTC', 'M/d/yy')).toBe('11/29/26');
  });

  it('supports names, 12-hour clocks, quoted literals and offsets', () => {
    const d = new Date('2026-03-08T21:05:09.042Z');
    expect(utilities.formatDate(d, la, "EEE, MMM d ''yy 'at' h:mm:ss.SSS a")).toBe("Sun, Mar 8 '26 at 2:05:09.042 PM");
    expect(utilities.formatDate(d, la, 'EEEE d MMMM yyyy')).toBe('Sunday 8 March 2026');
    expect(utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ssX Z")).toBe('2026-03-08T21:05:09Z +0000');
  });

  it('accepts dates from another realm and falls back to GMT for an unknown zone', () => {
    const RealmDate = vm.runInContext('Date', vm.createContext({})) as DateConstructor;
    expect(utilities.formatDate(new RealmDate(Date.UTC(2026, 0, 2, 3)), 'Nowhere/City', 'yyyy-MM-dd HH')).toBe('2026-01-02 03');
  });

  it('rejects a non-date', () => {
    expect(() => utilities.formatDate('2026-01-01' as unknown as Date, la, 'yyyy')).toThrow("don't match the method signature");
  });
});

describe('PropertiesService', () => {
  it('stores strings, returns null when absent and copies on getProperties', () => {
    const emu = createEmulator();
    const props = service<GoogleAppsScript.Properties.PropertiesService>(emu, 'PropertiesService').getDocumentProperties();
    expect(props.getProperty('county')).toBeNull();
    props.setProperty('cap', 5 as unknown as string).setProperties({ county: 'Alameda' });
    expect(props.getProperty('cap')).toBe('5');
    props.getProperties().cap = 'changed';
    expect(emu.properties.document).toEqual({ cap: '5', county: 'Alameda' });
    props.setProperties({ only: 'this' }, true);
    expect(props.getKeys()).toEqual(['only']);
    emu.properties.user.theme = 'dark';
    expect(service<GoogleAppsScript.Properties.PropertiesService>(emu, 'PropertiesService').getUserProperties().getProperty('theme')).toBe(
      'dark',
    );
  });

  it('enforces the 9 KB value quota', () => {
    const props = service<GoogleAppsScript.Properties.PropertiesService>(createEmulator(), 'PropertiesService').getScriptProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(props.getProperty('big')).toBeNull();
  });
});

describe('LockService', () => {
  it('locks freely, and fails like Apps Script when another admin holds the document lock', () => {
    const emu = createEmulator();
    const locks = service<GoogleAppsScript.Lock.LockService>(emu, 'LockService');
    const lock = locks.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    emu.setLockHeldElsewhere(true);
    const contended = locks.getDocumentLock();
    expect(contended.tryLock(1000)).toBe(false);
    expect(contended.hasLock()).toBe(false);
    expect(() => contended.waitLock(1000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    emu.setLockHeldElsewhere(false);
    expect(contended.tryLock(1000)).toBe(true);
  });
});

describe('Session, HtmlService, Ui, Logger', () => {
  it('reports the user and the script time zone, which differs from the spreadsheet one', () => {
    const session = service<GoogleAppsScript.Base.Session>(createEmulator({ activeUserEmail: '' }), 'Session');
    expect(session.getActiveUser().getEmail()).toBe('');
    expect(session.getEffectiveUser().getEmail()).toBe('admin@county.ca.gov');
    expect(session.getScriptTimeZone()).toBe('Etc/UTC');
  });

  it('serves HTML files with or without the extension, and records the sidebar', () => {
    const emu = createEmulator({ htmlFiles: { Sidebar: '<p>hi</p>' } });
    const html = service<GoogleAppsScript.HTML.HtmlService>(emu, 'HtmlService');
    const out = html.createHtmlOutputFromFile('Sidebar.html').setTitle('Partner Accounts').setWidth(500);
    expect(() => html.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
    const ui = (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getUi();
    ui.showSidebar(out);
    expect(emu.ui.sidebars).toEqual([{ title: 'Partner Accounts', width: 300, html: '<p>hi</p>' }]);
  });

  it('records menus, alerts and toasts', () => {
    const emu = createEmulator();
    const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const ui = app.getUi();
    ui.createAddonMenu().addItem('Open', 'showSidebar').addSeparator().addItem('Set up', 'setupTemplates').addToUi();
    expect(emu.ui.menus).toEqual([
      {
        name: 'Add-on',
        items: [
          { caption: 'Open', functionName: 'showSidebar' },
          { caption: 'Set up', functionName: 'setupTemplates' },
        ],
      },
    ]);
    expect(ui.alert('Archive?', 'Archive 3 learners?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(emu.ui.alerts).toEqual([{ title: 'Archive?', prompt: 'Archive 3 learners?', buttons: 'YES_NO' }]);
    app.getActiveSpreadsheet().toast('Done', 'Sync');
    expect(emu.ui.toasts).toEqual([{ message: 'Done', title: 'Sync', timeoutSeconds: 5 }]);
  });

  it('captures Logger and console output', () => {
    const emu = createEmulator();
    service<GoogleAppsScript.Base.Logger>(emu, 'Logger').log('a %s', 1);
    service<Console>(emu, 'console').warn('careful');
    expect(emu.logs).toEqual([
      { level: 'log', args: ['a %s', 1] },
      { level: 'warn', args: ['careful'] },
    ]);
  });

  it('exposes exactly the Apps Script globals', () => {
    expect(Object.keys(createEmulator().globals).sort()).toEqual(
      [
        'HtmlService',
        'LockService',
        'Logger',
        'PropertiesService',
        'ScriptApp',
        'Session',
        'SpreadsheetApp',
        'Utilities',
        'console',
      ].sort(),
    );
  });
});
