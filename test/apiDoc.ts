/**
 * docs/api.md read by the tests, so a test holds the code to the contract instead of to a second
 * copy of a list typed in the test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** api.md with every run of white space one space, as it reads. */
export function apiDoc(): string {
  return readFileSync(resolve('docs/api.md'), 'utf8').replace(/\s+/g, ' ');
}

/** The names in code spans of api.md from the text `from` up to the end of the text `to`. */
export function namesInApiDoc(from: string, to: string): string[] {
  const doc = apiDoc();
  const start = doc.indexOf(from);
  const end = doc.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`docs/api.md has no passage from "${from}" to "${to}"`);
  return [...doc.slice(start, end + to.length).matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

/** The registry's headers, in the order the add-on creates them (api.md, "Tabs"). */
export const registryHeadersInApiDoc = (): string[] => namesInApiDoc('The registry is found', '(date, optional)');
