/** Settings live in the document's properties, so every admin of the spreadsheet shares them. */
import { DEFAULT_SETTINGS, parseSettings } from '../core/settings';
import type { Settings } from '../core/types';

const KEY = 'settings';

export function loadSettings(): Settings {
  const stored = PropertiesService.getDocumentProperties().getProperty(KEY);
  if (!stored) return { ...DEFAULT_SETTINGS };
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  // Missing fields (saved by an older version) take their defaults; unreadable settings all do.
  const parsed = parseSettings({ ...DEFAULT_SETTINGS, ...(json as object) });
  return parsed.settings ?? { ...DEFAULT_SETTINGS };
}

export function storeSettings(settings: Settings): void {
  PropertiesService.getDocumentProperties().setProperty(KEY, JSON.stringify(settings));
}
