/** The county's settings, stored with the document, and the rules that refuse bad ones. */
import { canonicalCounty } from './counties';
import { DATE_FORMATS } from './dates';
import { FORMULA_START, shown, thousands, utf8Length } from './text';
import type { DateFormat, Problem, Settings } from './types';
import { PASSWORD_RULE_TEXT, isStrongPassword } from './validate';

export const DEFAULT_SETTINGS: Settings = {
  county: '',
  temporaryPassword: 'Changeme1!',
  dateFormat: 'MM/DD/YYYY',
  activeCap: null,
  activityDays: null,
};

/** Apps Script keeps a property value of at most 9 KB: the settings are one value, saved whole. */
export const MAX_SETTINGS_BYTES = 9 * 1024;
const MAX_CAP = 1_000_000;
const MAX_ACTIVITY_DAYS = 3650;

function problem(column: keyof Settings, message: string): Problem {
  return { tab: 'settings', row: 0, column, severity: 'error', message };
}

/** A whole number in [1, max] given as a number or typed text; '' and null are "none". */
function wholeNumberOrNone(value: unknown, max: number): { value: number | null; ok: boolean; text: string } {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { value: null, ok: true, text: '' };
  const text = typeof value === 'string' ? value.trim() : String(value);
  const n = typeof value === 'number' || typeof value === 'string' ? Number(text) : Number.NaN;
  return { value: n, ok: Number.isInteger(n) && n >= 1 && n <= max, text };
}

/**
 * Checks settings sent by the sidebar (or read back from the document) and returns them in
 * canonical form, or the problems, one per bad field, each naming its own field. County,
 * temporary password, date format and cap are required (the cap may be null); the activity
 * length may be left out (null).
 */
export function parseSettings(input: unknown): { settings: Settings; problems: [] } | { settings: null; problems: Problem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { settings: null, problems: [problem('county', 'The settings could not be read: reload the sidebar and save them again.')] };
  }
  const raw = input as Record<string, unknown>;
  const problems: Problem[] = [];
  const missing = (field: keyof Settings, what: string): boolean => {
    if (raw[field] !== undefined) return false;
    problems.push(problem(field, `${what} is missing: every setting is saved at once, so send all of them.`));
    return true;
  };

  let county: string | null = '';
  if (!missing('county', 'The county')) {
    if (typeof raw.county !== 'string') problems.push(problem('county', "The county must be one of California's 58 counties, as text."));
    else {
      const countyText = raw.county.trim();
      county = countyText === '' ? '' : canonicalCounty(countyText.replace(/\s+county$/i, ''));
      if (county === null)
        problems.push(problem('county', `"${shown(countyText)}" is not one of California's 58 counties: pick your county from the list.`));
    }
  }

  const temporaryPassword = typeof raw.temporaryPassword === 'string' ? raw.temporaryPassword : '';
  if (!missing('temporaryPassword', 'The temporary password')) {
    if (typeof raw.temporaryPassword !== 'string' || FORMULA_START.test(temporaryPassword) || !isStrongPassword(temporaryPassword)) {
      problems.push(
        problem('temporaryPassword', `The temporary password must be ${PASSWORD_RULE_TEXT}, and must not start with = + - or @.`),
      );
    }
  }

  const dateFormat = raw.dateFormat;
  if (!missing('dateFormat', 'The date format') && !DATE_FORMATS.includes(dateFormat as DateFormat)) {
    problems.push(problem('dateFormat', `The date format must be one of ${DATE_FORMATS.join(', ')}.`));
  }

  const cap = wholeNumberOrNone(raw.activeCap, MAX_CAP);
  if (!missing('activeCap', 'The Active-account cap') && !cap.ok) {
    problems.push(
      problem(
        'activeCap',
        `The Active-account cap must be a whole number from 1 to 1,000,000 (or empty for none), not "${shown(cap.text)}".`,
      ),
    );
  }

  const days = wholeNumberOrNone(raw.activityDays ?? null, MAX_ACTIVITY_DAYS);
  if (!days.ok) {
    problems.push(
      problem(
        'activityDays',
        `The activity length must be a whole number of days from 1 to 3,650 (or empty for none), not "${shown(days.text)}".`,
      ),
    );
  }

  if (problems.length > 0) return { settings: null, problems };
  const settings: Settings = {
    county: county ?? '',
    temporaryPassword,
    dateFormat: dateFormat as DateFormat,
    activeCap: cap.value,
    activityDays: days.value,
  };
  // The one stored value must fit Apps Script's limit; only the password can make it too long.
  const bytes = utf8Length(JSON.stringify(settings));
  if (bytes > MAX_SETTINGS_BYTES) {
    return {
      settings: null,
      problems: [
        problem(
          'temporaryPassword',
          `The temporary password is too long to save (${thousands(temporaryPassword.length)} characters): the LMS takes at most 12, like Changeme1!.`,
        ),
      ],
    };
  }
  return { settings, problems: [] };
}
