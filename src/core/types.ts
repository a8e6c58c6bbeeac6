/** Result shapes shared by the server functions and the sidebar (api.md). */
import type { ColumnName } from './columns';

/** 'settings' (row 0, column = the field) is how saveSettings names a bad field. */
export type ProblemTab = 'creation' | 'archival' | 'registry' | 'settings';
export type Severity = 'error' | 'warning';

export interface Problem {
  tab: ProblemTab;
  /** Sheet row, 1-based (the header is row 1). */
  row: number;
  /** Canonical header, or '' for the whole row. */
  column: ColumnName | string;
  severity: Severity;
  message: string;
  /**
   * Other rows of the same tab this problem ties the row to (the other rows of a duplicate email,
   * the namesake's row), as the message names them; absent when it names none.
   */
  relatedRows?: number[];
}

export interface Learner {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  employeeType: string;
  affiliation: string;
  status: 'Active' | 'Archived';
  dateHire: string;
  archivedOn: string;
  /** 'YYYY-MM-DD' or '': when the partner's learning activity ends (domain.md, Compliance). */
  activityEnds: string;
  /** '' or the id of the open batch that holds this learner. */
  openBatch: string;
}

export type DateFormat = 'MM/DD/YYYY' | 'M/D/YYYY' | 'YYYY-MM-DD';

export interface Settings {
  county: string;
  temporaryPassword: string;
  dateFormat: DateFormat;
  activeCap: number | null;
  /** Default length of a partner's activity in days, or null: ActivityEnds is then left blank. */
  activityDays: number | null;
}

/** Settings as saveSettings takes them: the activity length may be left out (null). */
export type SettingsInput = Omit<Settings, 'activityDays'> & { activityDays?: number | null };

export type ErrorCode =
  | 'INVALID_ROWS'
  | 'EMPTY'
  | 'BAD_SETTINGS'
  | 'BAD_DOMAIN'
  | 'BAD_ARGUMENT'
  | 'NO_TAB'
  | 'LOCKED'
  | 'INTERNAL'
  | 'OVER_CAP'
  | 'BAD_REGISTRY'
  | 'BAD_FILE'
  | 'NO_BATCH'
  | 'BATCH_CLOSED'
  | 'NEEDS_DECISIONS'
  | 'LOG_MISMATCH';

export interface Failure {
  ok: false;
  error: { code: ErrorCode; message: string };
  problems?: Problem[];
}

export type Result<T extends object> = ({ ok: true } & T) | Failure;

export function failure(code: ErrorCode, message: string, problems?: Problem[]): Failure {
  return problems ? { ok: false, error: { code, message }, problems } : { ok: false, error: { code, message } };
}
