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
}

export type DateFormat = 'MM/DD/YYYY' | 'M/D/YYYY' | 'YYYY-MM-DD';

export interface Settings {
  county: string;
  temporaryPassword: string;
  dateFormat: DateFormat;
  activeCap: number | null;
}

export type ErrorCode = 'INVALID_ROWS' | 'EMPTY' | 'BAD_SETTINGS' | 'BAD_DOMAIN' | 'BAD_ARGUMENT' | 'NO_TAB' | 'LOCKED' | 'INTERNAL';

export interface Failure {
  ok: false;
  error: { code: ErrorCode; message: string };
  problems?: Problem[];
}

export type Result<T extends object> = ({ ok: true } & T) | Failure;

export function failure(code: ErrorCode, message: string, problems?: Problem[]): Failure {
  return problems ? { ok: false, error: { code, message }, problems } : { ok: false, error: { code, message } };
}
