/**
 * The preview's workbook on disk: read on start, written after every change (to a temporary file
 * then renamed, so a crash mid-write never leaves half a workbook), and set aside, never
 * overwritten, when it cannot be used.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { WorkbookJson } from '@cacwt/gas-emulator';

/** The parsed file; null when there is none yet. Throws when it exists but is not a workbook. */
export function readWorkbookFile(path: string): WorkbookJson | null {
  if (!existsSync(path)) return null;
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<WorkbookJson> | null;
  if (
    !data ||
    typeof data.timeZone !== 'string' ||
    !Array.isArray(data.sheets) ||
    data.sheets.length === 0 ||
    typeof data.properties !== 'object'
  ) {
    throw new Error('it does not hold a workbook saved by the preview');
  }
  return data as WorkbookJson;
}

export function writeWorkbookFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Renames a workbook file out of the way (one that cannot be used, or one `--fresh` replaces) and
 * returns where it went: `workbook.<why>-<time>.json` beside it.
 */
export function setAsideWorkbookFile(path: string, why: 'unreadable' | 'replaced', now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const ext = extname(path);
  const aside = `${path.slice(0, path.length - ext.length)}.${why}-${stamp}${ext}`;
  renameSync(path, aside);
  return aside;
}
