import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings';

describe('settings', () => {
  it('default to Changeme1!, MM/DD/YYYY, no county and no cap', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      county: '',
      temporaryPassword: 'Changeme1!',
      dateFormat: 'MM/DD/YYYY',
      activeCap: null,
      activityDays: null,
    });
  });

  it('take a county in any case, with or without "County", and a cap typed as text', () => {
    expect(
      parseSettings({
        county: 'san luis obispo county',
        temporaryPassword: 'Welcome2Riverside!',
        dateFormat: 'YYYY-MM-DD',
        activeCap: '250',
      }).settings,
    ).toEqual({
      county: 'San Luis Obispo',
      temporaryPassword: 'Welcome2Riverside!',
      dateFormat: 'YYYY-MM-DD',
      activeCap: 250,
      activityDays: null,
    });
  });

  it('refuse each bad field with a problem naming it', () => {
    const { settings, problems } = parseSettings({
      county: 'Springfield',
      temporaryPassword: 'short',
      dateFormat: 'DD/MM/YYYY',
      activeCap: -3,
    });
    expect(settings).toBeNull();
    expect(problems.map((p) => p.column)).toEqual(['county', 'temporaryPassword', 'dateFormat', 'activeCap']);
    expect(problems[0]!.message).toMatch(/58 counties/);
  });

  it('refuse a password that would become a formula, and a fractional cap', () => {
    expect(parseSettings({ ...DEFAULT_SETTINGS, temporaryPassword: '=Changeme1!' }).problems).toHaveLength(1);
    expect(parseSettings({ ...DEFAULT_SETTINGS, activeCap: 2.5 }).problems).toHaveLength(1);
    expect(parseSettings('nonsense').problems).toHaveLength(1);
  });

  it('are saved whole: each missing field is named, the activity length may be left out', () => {
    expect(parseSettings({}).problems.map((p) => p.column)).toEqual(['county', 'temporaryPassword', 'dateFormat', 'activeCap']);
    const { activityDays: _, ...rest } = DEFAULT_SETTINGS;
    expect(parseSettings(rest).settings).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ ...DEFAULT_SETTINGS, activityDays: '90' }).settings?.activityDays).toBe(90);
    expect(parseSettings({ ...DEFAULT_SETTINGS, activityDays: 3651 }).problems.map((p) => p.column)).toEqual(['activityDays']);
  });

  it('blame the field of the wrong type, and refuse what would not fit the property store', () => {
    expect(parseSettings({ ...DEFAULT_SETTINGS, county: 7 }).problems.map((p) => p.column)).toEqual(['county']);
    expect(parseSettings({ ...DEFAULT_SETTINGS, activeCap: 1_000_001 }).problems[0]!.message).toMatch(/from 1 to 1,000,000/);
    expect(parseSettings({ ...DEFAULT_SETTINGS, temporaryPassword: `Aa1!${'é'.repeat(5000)}` }).problems).toMatchObject([
      { column: 'temporaryPassword', message: expect.stringMatching(/too long to save/) },
    ]);
  });
});
