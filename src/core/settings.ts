/** The county's settings, stored with the document, and the rules that refuse bad ones. */
import * as z from 'zod/mini';
import { canonicalCounty } from './counties';
import { DATE_FORMATS } from './dates';
import { FORMULA_START } from './text';
import type { DateFormat, Problem, Settings } from './types';
import { PASSWORD_RULE_TEXT, isStrongPassword } from './validate';

export const DEFAULT_SETTINGS: Settings = {
  county: '',
  temporaryPassword: 'Changeme1!',
  dateFormat: 'MM/DD/YYYY',
  activeCap: null,
  activityDays: null,
};

const SettingsInput = z.object({
  county: z.optional(z.string()),
  temporaryPassword: z.optional(z.string()),
  dateFormat: z.optional(z.string()),
  activeCap: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  activityDays: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});

function problem(column: keyof Settings, message: string): Problem {
  return { tab: 'settings', row: 0, column, severity: 'error', message };
}

/**
 * Checks settings sent by the sidebar (or read back from the document) and returns them in
 * canonical form, or the problems, one per bad field.
 */
export function parseSettings(input: unknown): { settings: Settings; problems: [] } | { settings: null; problems: Problem[] } {
  const shape = SettingsInput.safeParse(input);
  if (!shape.success) {
    return { settings: null, problems: [problem('county', 'The settings could not be read: reload the sidebar and save them again.')] };
  }
  const raw = shape.data;
  const problems: Problem[] = [];

  const countyText = (raw.county ?? DEFAULT_SETTINGS.county).trim();
  const county = countyText === '' ? '' : canonicalCounty(countyText.replace(/\s+county$/i, ''));
  if (county === null)
    problems.push(problem('county', `"${countyText}" is not one of California's 58 counties: pick your county from the list.`));

  const temporaryPassword = raw.temporaryPassword ?? DEFAULT_SETTINGS.temporaryPassword;
  if (FORMULA_START.test(temporaryPassword) || !isStrongPassword(temporaryPassword)) {
    problems.push(
      problem('temporaryPassword', `The temporary password must be ${PASSWORD_RULE_TEXT}, and must not start with = + - or @.`),
    );
  }

  const dateFormat = raw.dateFormat ?? DEFAULT_SETTINGS.dateFormat;
  if (!DATE_FORMATS.includes(dateFormat as DateFormat)) {
    problems.push(problem('dateFormat', `The date format must be one of ${DATE_FORMATS.join(', ')}.`));
  }

  const capText = raw.activeCap === undefined || raw.activeCap === null ? '' : String(raw.activeCap).trim();
  const activeCap = capText === '' ? null : Number(capText);
  if (activeCap !== null && !(Number.isInteger(activeCap) && activeCap > 0 && activeCap <= 1_000_000)) {
    problems.push(problem('activeCap', `The Active-account cap must be a whole number above 0 (or empty for none), not "${capText}".`));
  }

  const daysText = raw.activityDays === undefined || raw.activityDays === null ? '' : String(raw.activityDays).trim();
  const activityDays = daysText === '' ? null : Number(daysText);
  if (activityDays !== null && !(Number.isInteger(activityDays) && activityDays > 0 && activityDays <= 3650)) {
    problems.push(
      problem('activityDays', `The activity length must be a whole number of days from 1 to 3650 (or empty for none), not "${daysText}".`),
    );
  }

  if (problems.length > 0) return { settings: null, problems };
  return {
    settings: { county: county ?? '', temporaryPassword, dateFormat: dateFormat as DateFormat, activeCap, activityDays },
    problems: [],
  };
}
